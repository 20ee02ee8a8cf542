// The kernels over the whole floating-point range: ±0, subnormals, the
// largest values, ±∞ and NaN. A kernel gives NaN only for a NaN input (every
// catalog function is defined on all reals), or at ±∞ where the value has no
// limit, as the double kernel says too (Snake'); it never overflows where the
// value, computed in double, fits the type.
// Shared by whole_range_first.cpp and whole_range_second.cpp, which check
// one half of the catalog each.
#pragma once
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <boost/hana/at.hpp>
#include <boost/hana/length.hpp>

#include <actdiff/kernel/elementwise.hpp>
#include <actdiff/catalog/registry.hpp>

#include "../support.hpp"

namespace whole_range_test {
namespace hana = boost::hana;
using namespace actdiff;
constexpr auto x = var<"x">;

using test_support::whole_range;

inline bool fits(double value, double largest) { return std::isfinite(value) && std::abs(value) <= largest; }

template <class T, class Entry>
void check_entry(const Entry& entry) {
    const auto k = hana::unpack(entry.inputs, [&](auto... inputs) { return kernel(entry.formula, inputs...); });
    using K = decltype(k);
    const std::vector<T> xs = whole_range<T>();
    const std::size_t n = xs.size();
    std::vector<T> gys(n, T(1)), ys(n), gxs(n), saved_gxs(n);
    std::vector<double> wide_xs(xs.begin(), xs.end()), wide_ys(n), wide_gxs(n), wide_gys(n, 1.0);
    hana::unpack(entry.parameters, [&](const auto&... p) {
        k.forward_backward(xs, gys, ys, gxs, (p.symbol = T(p.value))...);
        k.backward(K::backward_uses_output ? ys : xs, gys, saved_gxs, (p.symbol = T(p.value))...);
        k.forward_backward(wide_xs, wide_gys, wide_ys, wide_gxs, (p.symbol = p.value)...);
    });
    const double largest = double(std::numeric_limits<T>::max());
    // Checked element by element, reported once: a Catch assertion per element
    // of a million would cost minutes.
    std::vector<std::string> failures;
    for (std::size_t i = 0; i < n; ++i) {
        // At ±∞ a value is NaN where it has no limit (Snake' = 1 + sin(2ax)
        // oscillates): there the float and double kernels must agree on it.
        const bool at_infinity = std::isinf(xs[i]);
        const auto defined = [&](T value, double wide) { return at_infinity ? std::isnan(value) == std::isnan(wide) : !std::isnan(value); };
        const bool ok = std::isnan(xs[i])
                            ? std::isnan(ys[i]) && std::isnan(gxs[i])
                            : defined(ys[i], wide_ys[i]) && defined(gxs[i], wide_gxs[i]) && defined(saved_gxs[i], wide_gxs[i]) &&
                                  (!fits(wide_ys[i], largest) || std::isfinite(ys[i])) &&
                                  (!fits(wide_gxs[i], largest) || std::isfinite(gxs[i]));
        if (!ok && failures.size() < 8) {
            std::ostringstream message;
            message << entry.name << " at " << xs[i] << ": y " << ys[i] << " (double: " << wide_ys[i] << "), gx "
                    << gxs[i] << " (double: " << wide_gxs[i] << "), from saved " << saved_gxs[i];
            failures.push_back(message.str());
        }
    }
    std::string report;
    for (const std::string& failure : failures) report += failure + "\n";
    INFO(report);
    CHECK(failures.empty());
}

// The entries [First, Last) of the registry: each half of the catalog is one
// translation unit, so that neither compiles every kernel.
template <class T, std::size_t First, std::size_t Last>
void check_catalog() {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        hana::for_each(hana::make_tuple(hana::at_c<First + I>(catalog::registry)...), [](const auto& entry) {
            if constexpr (decltype(hana::length(entry.inputs))::value == 1) check_entry<T>(entry);
        });
    }(std::make_index_sequence<Last - First>{});
}
inline constexpr std::size_t half = catalog::size / 2;
}  // namespace whole_range_test

