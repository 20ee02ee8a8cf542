// Helpers shared by the numeric tests: an independent numeric derivative
// (finite differences) and a closeness check with a readable failure.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>

#include <actdiff/actdiff.hpp>

namespace test_support {

// Every 4096th bit pattern of float (NaNs, infinities, subnormals and both
// zeros among them), and every 2^44th of double: about a million each.
// Unoptimised builds take every eighth of those. They are the sanitizers'
// build, which looks for undefined behaviour and bad memory; the Release
// build checks the values at full density. At -O0 the full sample took 400
// of the sanitizer build's 1100 test seconds.
#ifdef __OPTIMIZE__
inline constexpr int whole_range_thinning = 0;
#else
inline constexpr int whole_range_thinning = 3;
#endif
template <class T>
std::vector<T> whole_range() {
    using bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    constexpr bits step = (sizeof(T) == 4 ? bits(1) << 12 : bits(1) << 44) << whole_range_thinning;
    std::vector<T> out;
    for (bits b = 0;; b += step) {
        out.push_back(std::bit_cast<T>(b));
        if (b > std::numeric_limits<bits>::max() - step) break;
    }
    for (T special : {T(0), -T(0), std::numeric_limits<T>::denorm_min(), -std::numeric_limits<T>::denorm_min(),
                      std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), -std::numeric_limits<T>::max(),
                      std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity(),
                      std::numeric_limits<T>::quiet_NaN()}) {
        out.push_back(special);
    }
    return out;
}

// Five-point central difference, error O(h^4); the step shrinks near 0 so
// that singular functions (1/x², √x) are resolved close to their pole.
template <class F>
double central_difference(F f, double point) {
    const double h = 1e-3 * std::max(0.05, std::abs(point));
    return (-f(point + 2 * h) + 8 * f(point + h) - 8 * f(point - h) + f(point - 2 * h)) / (12 * h);
}

inline bool close(double actual, double expected, double relative, double absolute) {
    if (std::isnan(expected)) return std::isnan(actual);
    if (std::isinf(expected)) return actual == expected;
    return std::abs(actual - expected) <= relative * std::abs(expected) + absolute;
}

inline std::vector<double> grid(double from, double to, int count) {
    std::vector<double> points;
    for (int i = 0; i < count; ++i) points.push_back(from + (to - from) * i / (count - 1));
    return points;
}

// d(f, s) against finite differences of f in s, the other symbols bound by
// `others` (an at(...) environment's bindings).
template <class F, class S, class... Others>
void check_against_finite_differences(F f, S s, const std::vector<double>& points, const Others&... others) {
    const auto derivative = actdiff::d(f, s);
    for (double p : points) {
        const double analytic = actdiff::eval(derivative, actdiff::at(s = p, others...));
        const double numeric =
            central_difference([&](double v) { return actdiff::eval(f, actdiff::at(s = v, others...)); }, p);
        INFO("f = " << actdiff::to_string(f) << "\nd = " << actdiff::to_string(derivative) << "\nat " << p);
        CHECK(close(analytic, numeric, 1e-8, 1e-9));
    }
}

}  // namespace test_support

namespace test_support {

// Points for the catalog: the kinks, both sides of them, and the tails.
inline const std::vector<double> catalog_points = {
    -30.0, -20.0, -10.0, -6.5, -6.0, -3.5, -3.0, -2.999, -2.0, -1.5, -1.0, -0.999, -0.5, -1e-8, 0.0, 1e-8,
    0.25,  0.5,   0.999, 1.0,  1.5,  2.0,  2.999, 3.0,   3.5,  5.999, 6.0, 6.5,  10.0, 20.0, 30.0};

// The engine's value of g at every point against a formula written by hand.
template <class G, class S, class Hand, class... Others>
void check_against_hand(G g, S s, Hand hand, const std::vector<double>& points, const Others&... others) {
    for (double p : points) {
        const double engine = actdiff::eval(g, actdiff::at(s = p, others...));
        const double expected = hand(p);
        INFO("g = " << actdiff::to_string(g) << "\nat " << p << ": engine " << engine << ", by hand " << expected);
        CHECK(close(engine, expected, 1e-12, 1e-14));
    }
}

}  // namespace test_support
