// Accuracy of the kernels in units in the last place (ULP): each kernel's
// f and f' (one fused pass, SIMD main loop) against the same formula
// (in the same stable forms) evaluated in a wider type — double for float kernels, __float128 (GCC's
// libquadmath) for double kernels — over a sweep of inputs spaced evenly in
// the bit patterns of every binade from 2^−40 to 2^12, both signs, and 0.
// Used by tests/accuracy/bounds.cpp (asserted bounds) and by
// bench/accuracy_table.cpp (the table of docs/accuracy.md).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <boost/hana/length.hpp>
#include <boost/hana/unpack.hpp>

#include <actdiff/kernel/elementwise.hpp>
#include <actdiff/catalog/registry.hpp>

#include "quad.hpp"

namespace accuracy {

// The reference evaluates the formula in the kernel's stable forms (expm1,
// erfc, σ(−u), ...), in the wider type: the same formula, more digits.
template <class K>
using forms = typename K::plan::forward_backward::forms;

template <class T>
struct reference_type {
    using type = double;
};
#if ACTDIFF_HAVE_QUAD
template <>
struct reference_type<double> {
    using type = quad;
};
#endif
template <class T>
inline constexpr bool has_reference = sizeof(T) == 4 || ACTDIFF_HAVE_QUAD;

// Every 2^log2_step-th bit pattern of [2^−40, 2^12], both signs, and 0. A
// coarser sweep is a subset of a finer one, so the test's maxima (coarser for
// double) never exceed the table's.
template <class T>
std::vector<T> sweep(int log2_step) {
    using bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    const bits low = std::bit_cast<bits>(std::ldexp(T(1), -40)), high = std::bit_cast<bits>(std::ldexp(T(1), 12));
    const bits step = bits(1) << log2_step;
    std::vector<T> out{T(0)};
    for (bits b = low; b < high; b += step) {
        out.push_back(std::bit_cast<T>(b));
        out.push_back(-std::bit_cast<T>(b));
    }
    return out;
}

// |value − reference| in units of the spacing of T at the reference.
template <class T>
double ulps(T value, double reference_value, long double exact) {
    if (std::isnan(value) || std::isnan(double(exact))) return std::isnan(value) == std::isnan(double(exact)) ? 0 : 1e30;
    if (std::isinf(reference_value)) return value == T(reference_value) ? 0 : 1e30;
    const T rounded = T(reference_value);
    const long double spacing = std::isinf(rounded) ? 0 : std::max<long double>(
        std::nextafter(std::abs(rounded), std::numeric_limits<T>::infinity()) - std::abs(rounded),
        std::numeric_limits<T>::denorm_min());
    if (spacing == 0) return value == rounded ? 0 : 1e30;
    return double(std::abs((long double)value - exact) / spacing);
}

struct worst {
    double ulps = 0;
    double at = 0;
    void update(double error, double x) {
        if (error > ulps) ulps = error, at = x;
    }
};

struct result {
    std::size_t points = 0;  // inputs measured
    worst forward, gradient;
};

// f and f' of a catalog entry with one input, parameters at their defaults,
// at each of xs, in the wider type: the values the kernels are measured against.
template <class T, class Entry>
std::vector<std::array<long double, 2>> references(const Entry& entry, const std::vector<T>& xs) {
    using R = typename reference_type<T>::type;
    constexpr auto x = actdiff::catalog::x;
    const auto k = boost::hana::unpack(entry.inputs, [&](auto... inputs) { return actdiff::kernel(entry.formula, inputs...); });
    using K = decltype(k);
    const auto wide = [](const R& r) {
        if constexpr (std::is_same_v<R, double>) return (long double)r; else return (long double)r.v;
    };
    std::vector<std::array<long double, 2>> out(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const auto exact = boost::hana::unpack(entry.parameters, [&](const auto&... p) {
            return [&]<class... Forms>(actdiff::detail::list<Forms...>) {
                return actdiff::evaluate_fused_as<R>(actdiff::at(x = R(double(xs[i])), (p.symbol = R(p.value))...),
                                                     Forms{}...);
            }(forms<K>{});
        });
        out[i] = {wide(exact[0]), wide(exact[1])};
    }
    return out;
}

// The largest error of values against references (f or f', by index), over
// the inputs that counted marks (all of them when it is empty).
template <class T>
worst largest_error(const std::vector<T>& xs, const std::vector<T>& values,
                    const std::vector<std::array<long double, 2>>& exact, std::size_t index,
                    const std::vector<bool>& counted = {}) {
    worst out;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!counted.empty() && !counted[i]) continue;
        out.update(ulps(values[i], double(exact[i][index]), exact[i][index]), double(xs[i]));
    }
    return out;
}

// f and f' of a catalog entry with one input, parameters at their defaults.
template <class T, class Entry>
result measure(const Entry& entry, int log2_step) {
    const auto k = boost::hana::unpack(entry.inputs, [&](auto... inputs) { return actdiff::kernel(entry.formula, inputs...); });
    const std::vector<T> xs = sweep<T>(log2_step);
    std::vector<T> ones(xs.size(), T(1)), ys(xs.size()), gxs(xs.size());
    boost::hana::unpack(entry.parameters, [&](const auto&... p) {
        k.forward_backward(xs, ones, ys, gxs, (p.symbol = T(p.value))...);
    });
    const auto exact = references(entry, xs);
    return {xs.size(), largest_error(xs, ys, exact, 0), largest_error(xs, gxs, exact, 1)};
}

}  // namespace accuracy
