// Activations from the literature that are not in the catalog, written as a
// newcomer would, held to the kernel contract over the whole float and double
// ranges (docs/kernels.md): NaN only for a NaN input (each is defined on all
// reals), the limit at ±∞, and no overflow or underflow inside turned into a
// wrong value; forward, backward and forward_backward agree.
//
// The references are independent of the kernels' SIMD loops and guards: the
// plain evaluator in long double on the forms the kernel computes, and the
// limits at ±∞ worked out by hand below. Shared by literature_first.cpp and
// literature_second.cpp, each of which checks half of the list.
#pragma once
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <actdiff/kernel/elementwise.hpp>

#include "../support.hpp"

namespace literature_test {
using namespace actdiff;
constexpr auto x = var<"x">;
constexpr auto a = param<"a">;
constexpr auto b = param<"b">;
constexpr auto alpha = param<"alpha">;
constexpr auto beta = param<"beta">;
inline constexpr long double inf = std::numeric_limits<long double>::infinity();
inline constexpr long double no_limit = std::numeric_limits<long double>::quiet_NaN();
inline constexpr long double everywhere = -inf;

// f and f' at −∞ and at +∞ (NaN where f' has no limit: Snake' = 1 + sin(2ax)).
struct limits {
    long double f_low, f_high, d_low, d_high;
};

// Every 4096th bit pattern of float and every 2^44th of double, plus the
// values the issue names. Unoptimised builds (clang++ Debug, the sanitizers)
// take every fourth of those: they are there for memory errors and undefined
// behaviour on the same code paths, and the full sweep at -O0 took 13 of
// CI's 90 minutes; the Release build sweeps them all.
#ifdef NDEBUG
inline constexpr int sweep_thinning = 0;
#else
inline constexpr int sweep_thinning = 2;
#endif
template <class T>
std::vector<T> sweep() {
    using bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    constexpr bits step = sizeof(T) == 4 ? bits(1) << (12 + sweep_thinning) : bits(1) << (44 + sweep_thinning);
    std::vector<T> out;
    for (bits v = 0;; v += step) {
        out.push_back(std::bit_cast<T>(v));
        if (v > std::numeric_limits<bits>::max() - step) break;
    }
    for (T special : {T(0), -T(0), T(1e30), T(-1e30), T(88.7), T(703.25), T(-87.3), std::numeric_limits<T>::min(),
                      std::numeric_limits<T>::denorm_min(), std::numeric_limits<T>::max(), -std::numeric_limits<T>::max(),
                      std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity()}) {
        out.push_back(special);
    }
    return out;
}

// Within 10⁻³ relative of the reference, or within `absolute` of it (T's
// smallest normal, or a few ulp of 1 for a derivative that crosses zero,
// where its terms cancel in T); ±∞ exactly where the reference is beyond T's range.
template <class T>
bool agrees(T got, long double want, long double absolute = std::numeric_limits<T>::min()) {
    if (std::isnan(want)) return std::isnan(got);  // no_limit
    const long double largest = std::numeric_limits<T>::max();
    if (std::fabs(want) > largest) return std::isinf(got) && std::signbit(got) == std::signbit(want);
    if (!std::isfinite(got)) return false;
    const long double error = std::fabs(static_cast<long double>(got) - want);
    return error <= std::max(std::fabs(want) * 1e-3L, absolute);
}

template <class T>
bool identical(T p, T q) {
    using bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    return (std::isnan(p) && std::isnan(q)) || std::bit_cast<bits>(p) == std::bit_cast<bits>(q);
}

template <class... Fs, class Env>
std::array<long double, sizeof...(Fs)> reference(detail::list<Fs...>, const Env& env) {
    return {eval(Fs{}, env)...};
}

// Values are compared from `compare_from` on; everywhere, NaN only for NaN
// and the limits at ±∞.
// compare_derivative: false where f' cancels in T (Snake' = 1 + sin(2ax) in
// float near its zeros), an accuracy matter; its limits are still checked.
// Forms: the expressions of f and f' the reference evaluates in long double;
// by default the kernel's own, before its lowering.
template <class T, class Forms = void, class F, class... Bindings>
void check(const char* name, F f, limits at_infinity, bool compare_derivative, long double compare_from,
           Bindings... bindings) {
    const long double cancels = 4 * std::numeric_limits<T>::epsilon();
    const auto k = kernel(f, x);
    using K = decltype(k);
    using forms = std::conditional_t<std::is_void_v<Forms>, typename K::plan::forward_backward::forms, Forms>;
    const std::vector<T> xs = sweep<T>();
    const std::size_t n = xs.size();
    std::vector<T> gys(n, T(1)), ys(n), gxs(n), forward_ys(n), backward_gxs(n);
    k.forward_backward(xs, gys, ys, gxs, (bindings.first = T(bindings.second))...);
    k.forward(xs, forward_ys, (bindings.first = T(bindings.second))...);
    k.backward(K::backward_uses_output ? ys : xs, gys, backward_gxs, (bindings.first = T(bindings.second))...);
    std::vector<std::string> failures;
    for (std::size_t i = 0; i < n; ++i) {
        const long double point = xs[i];
        long double want_y = no_limit, want_gx = no_limit;
        bool compare_gx = compare_derivative, compare_y = true;
        if (std::isinf(point)) {
            want_y = point < 0 ? at_infinity.f_low : at_infinity.f_high;
            want_gx = point < 0 ? at_infinity.d_low : at_infinity.d_high;
            compare_gx = true;
        } else if (!std::isnan(point)) {
            compare_y = point >= compare_from;
            compare_gx = compare_gx && compare_y;
            const auto values = reference(forms{}, at(x = point, (bindings.first = static_cast<long double>(bindings.second))...));
            want_y = values[0];
            want_gx = values[1];
        }
        // Where long double itself overflows inside (TanhExp' at 10^30), only
        // the contract's first clause is checked: a number, not NaN.
        const bool referenced = std::isnan(point) || std::isinf(point) || (!std::isnan(want_y) && !std::isnan(want_gx));
        const bool ok = std::isnan(point) ? std::isnan(ys[i]) && std::isnan(gxs[i]) && std::isnan(forward_ys[i])
                        : !referenced   ? !std::isnan(ys[i]) && !std::isnan(gxs[i])
                                        : (!compare_y || agrees(ys[i], want_y)) &&
                                              (std::isinf(point) || (!std::isnan(ys[i]) && !std::isnan(gxs[i]))) &&
                                              (!compare_gx || agrees(gxs[i], want_gx, cancels));
        const bool same = identical(ys[i], forward_ys[i]);
        const bool backward_same = (std::isnan(gxs[i]) && std::isnan(backward_gxs[i])) ||
                                   agrees(backward_gxs[i], static_cast<long double>(gxs[i]), cancels);
        if ((!ok || !same || !backward_same) && failures.size() < 6) {
            std::ostringstream message;
            message << name << " at " << xs[i] << ": y " << ys[i] << " (forward " << forward_ys[i] << ", reference " << double(want_y)
                    << "), gx " << gxs[i] << " (backward " << backward_gxs[i] << ", reference " << double(want_gx) << ")";
            failures.push_back(message.str());
        }
    }
    std::string report;
    for (const std::string& failure : failures) report += failure + "\n";
    INFO(report);
    CHECK(failures.empty());
}

template <class S>
std::pair<S, double> with(S symbol, double value) {
    return {symbol, value};
}

}  // namespace literature_test
