// definition(f): every primitive with a definition replaced by it. The
// definitions are checked by value against the primitives' own evaluation,
// and the printer shows kernel-only primitives (expm1, log1p) to readers as
// their definitions.
#include "../support.hpp"

#include <cmath>
#include <type_traits>

#include <actdiff/algorithm/definition.hpp>

using namespace actdiff;
using test_support::grid;

namespace {
constexpr auto x = var<"x">;

// f and its definition agree to rounding at every point.
template <class F>
void check_definition(F f, std::initializer_list<double> points) {
    constexpr auto defined = definition(F{});
    static_assert(!std::is_same_v<decltype(defined), const F>, "the definition must spell something out");
    for (double p : points) {
        const double want = eval(f, at(x = p));
        const double got = eval(defined, at(x = p));
        INFO(latex(f) << " = " << latex(defined) << " at x = " << p);
        CHECK(std::abs(got - want) <= 1e-13 * (1 + std::abs(want)));
    }
}
}  // namespace

TEST_CASE("every definition has its primitive's values", "[definition]") {
    check_definition(sigmoid(x), {-20.0, -3.0, -0.5, 0.0, 0.25, 4.0, 20.0});
    check_definition(softplus(x), {-20.0, -3.0, -0.5, 0.0, 0.25, 4.0, 20.0});
    check_definition(tanh(x), {-5.0, -0.5, 0.0, 0.25, 3.0, 5.0});
    check_definition(asinh(x), {-0.5, 0.0, 0.25, 3.0, 50.0});
    check_definition(expm1(x), {-3.0, -0.5, 0.25, 4.0});
    check_definition(log1p(x), {-0.5, 0.25, 4.0, 100.0});
    check_definition(x * tanh(softplus(x)), {-3.0, -0.5, 0.25, 4.0});   // nested: Mish
}

TEST_CASE("definition_for_readers spells out σ and softplus, not tanh", "[definition]") {
    CHECK(latex(definition_for_readers(x * sigmoid(x))) == "\\frac{x}{1 + e^{-x}}");
    CHECK(latex(definition_for_readers(x * tanh(softplus(x)))) == "x \\tanh\\left(\\log\\left(1 + e^{x}\\right)\\right)");
    CHECK(latex(definition_for_readers(tanh(x))) == latex(tanh(x)));
    CHECK(latex(definition(tanh(x))) == "\\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}");
}

TEST_CASE("LaTeX shows kernel-only primitives as their definitions", "[definition][latex]") {
    constexpr auto alpha = param<"alpha">;
    CHECK(latex(expm1(x)) == latex(exp(x) - 1_c));
    CHECK(latex(alpha * expm1(x)) == "\\alpha \\left(e^{x} - 1\\right)");
    CHECK(latex(log1p(x * x)) == "\\log\\left(1 + x^{2}\\right)");
    // The text dialect is for code and logs: it keeps the kernel's name.
    CHECK(to_string(expm1(x)) == "expm1(x)");
}
