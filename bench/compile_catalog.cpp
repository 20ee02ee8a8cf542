// The compile-time budget: one translation unit that differentiates and
// simplifies the whole catalog, first and second derivatives in every input
// and first derivatives in every parameter, and uses every result (its
// operation count), so nothing is left uninstantiated. bench/compile_time.sh
// compiles it with g++ and clang++ and reports seconds and peak memory.
#include <cstddef>

#include <boost/hana/for_each.hpp>

// The headers it uses, not the umbrella: this measures the engine, and
// compile_time.sh reports the umbrella header's own cost apart.
#include <actdiff/algorithm/cost.hpp>
#include <actdiff/catalog/registry.hpp>
#include <actdiff/algorithm/simplify.hpp>

namespace hana = boost::hana;

constexpr std::size_t total_operations() {
    std::size_t total = 0;
    hana::for_each(actdiff::catalog::registry, [&](const auto& entry) {
        hana::for_each(entry.inputs, [&](auto input) {
            total += actdiff::operation_count(actdiff::d(entry.formula, input));
            total += actdiff::operation_count(actdiff::d(actdiff::d(entry.formula, input), input));
        });
        hana::for_each(entry.parameters, [&](const auto& p) {
            total += actdiff::operation_count(actdiff::d(entry.formula, p.symbol));
        });
    });
    return total;
}

static_assert(total_operations() > 0);

int main() { return total_operations() > 0 ? 0 : 1; }
