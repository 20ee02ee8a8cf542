// Elementary functions usable in constant expressions, for double, float and
// long double, accurate to a few units in the last place of double (the
// tests check 1e-15 relative against <cmath>). The evaluator uses them only
// when it runs at compile time, so static_assert(eval(sigmoid(x), ...)) works
// with every compiler; at run time it calls the library functions.
#pragma once

#include <limits>

namespace actdiff::detail::constexpr_math {

template <class T>
constexpr bool is_nan(T x) {
    return x != x;
}
template <class T>
constexpr T infinity() {
    return std::numeric_limits<T>::infinity();
}
template <class T>
constexpr T absolute(T x) {
    return x < 0 ? -x : x;
}

// ln 2 split so that k·ln2_high is exact for |k| < 2^11.
inline constexpr long double ln2_high = 0.693147180369123816490L;
inline constexpr long double ln2_low = 1.90821492927058770002e-10L;
inline constexpr long double ln2 = 0.693147180559945309417232121458176568L;

// 2^k by repeated scaling: exact, and correct through the subnormals.
template <class T>
constexpr T scale_by_power_of_two(T x, int k) {
    for (; k > 0; --k) x *= 2;
    for (; k < 0; ++k) x /= 2;
    return x;
}

template <class T>
constexpr T exp(T x) {
    using W = long double;
    if (is_nan(x)) return x;
    if (x > T(11356.6)) return infinity<T>();
    if (x < T(-11400)) return T(0);
    const W k = static_cast<W>(static_cast<long long>(static_cast<W>(x) / ln2 + (x < 0 ? -0.5L : 0.5L)));
    const W r = (static_cast<W>(x) - k * ln2_high) - k * ln2_low;  // |r| <= ln2/2
    W term = 1, total = 1;
    for (int n = 1; n < 30; ++n) {
        term *= r / n;
        total += term;
    }
    return static_cast<T>(scale_by_power_of_two(total, static_cast<int>(k)));
}

template <class T>
constexpr T expm1(T x) {
    using W = long double;
    if (absolute(x) < T(0.5)) {
        W term = static_cast<W>(x), total = term;
        for (int n = 2; n < 40; ++n) {
            term *= static_cast<W>(x) / n;
            total += term;
        }
        return static_cast<T>(total);
    }
    return static_cast<T>(exp(static_cast<W>(x)) - 1);
}

template <class T>
constexpr T log(T x) {
    using W = long double;
    if (is_nan(x) || x < 0) return std::numeric_limits<T>::quiet_NaN();
    if (x == 0) return -infinity<T>();
    if (x == infinity<T>()) return x;
    W m = static_cast<W>(x);
    int e = 0;
    while (m > 1.4142135623730950488L) {
        m /= 2;
        ++e;
    }
    while (m < 0.7071067811865475244L) {
        m *= 2;
        --e;
    }
    // log m = 2 atanh(s), s = (m − 1)/(m + 1), |s| <= 0.1716
    const W s = (m - 1) / (m + 1);
    const W s2 = s * s;
    W power = s, total = 0;
    for (int n = 1; n < 60; n += 2) {
        total += power / n;
        power *= s2;
    }
    return static_cast<T>(e * ln2_high + (e * ln2_low + 2 * total));
}

template <class T>
constexpr T log1p(T x) {
    using W = long double;
    const W u = 1 + static_cast<W>(x);
    if (u == 1) return x;
    // log(u)·x/(u − 1) cancels the rounding error of 1 + x.
    return static_cast<T>(log(u) * static_cast<W>(x) / (u - 1));
}

template <class T>
constexpr T tanh(T x) {
    using W = long double;
    if (is_nan(x)) return x;
    if (absolute(x) > T(23)) return x > 0 ? T(1) : T(-1);
    const W e2 = expm1(2 * static_cast<W>(x));
    return static_cast<T>(e2 / (e2 + 2));
}

template <class T>
constexpr T sqrt(T x) {
    using W = long double;
    if (is_nan(x) || x < 0) return std::numeric_limits<T>::quiet_NaN();
    if (x == 0 || x == infinity<T>()) return x;
    W m = static_cast<W>(x);
    int half = 0;
    while (m > 4) {
        m /= 4;
        ++half;
    }
    while (m < 1) {
        m *= 4;
        --half;
    }
    W r = (m + 1) / 2;
    for (int i = 0; i < 8; ++i) r = (r + m / r) / 2;
    return static_cast<T>(scale_by_power_of_two(r, half));
}

template <class T>
constexpr T pow(T x, T y) {
    if (x == 0) return y > 0 ? T(0) : infinity<T>();
    return static_cast<T>(exp(static_cast<long double>(y) * log(static_cast<long double>(x))));
}

template <class T>
constexpr T erf(T x) {
    using W = long double;
    if (is_nan(x)) return x;
    const W a = absolute(static_cast<W>(x));
    W result = 0;
    if (a < 3) {
        // erf(a) = 2/√π · e^(−a²) · Σ 2ⁿ a^(2n+1) / (1·3·5···(2n+1)): positive terms, no cancellation.
        W term = a, total = a;
        for (int n = 1; n < 200 && term > total * 1e-22L; ++n) {
            term *= 2 * a * a / (2 * n + 1);
            total += term;
        }
        result = 1.1283791670955125738961589031215452L * exp(-a * a) * total;
    } else if (a < 7) {
        // erfc(a) = e^(−a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))), evaluated backwards.
        W fraction = a;
        for (int k = 120; k >= 1; --k) fraction = a + (k / W(2)) / fraction;
        result = 1 - exp(-a * a) / fraction * 0.5641895835477562869480794515607726L;
    } else {
        result = 1;
    }
    return static_cast<T>(x < 0 ? -result : result);
}

// 1 − erf(x), without the cancellation for large x (the continued fraction above).
template <class T>
constexpr T erfc(T x) {
    using W = long double;
    if (is_nan(x)) return x;
    const W a = static_cast<W>(x);
    if (a < 3) return static_cast<T>(1 - static_cast<W>(erf(a)));
    W fraction = a;
    for (int k = 120; k >= 1; --k) fraction = a + (k / W(2)) / fraction;
    return static_cast<T>(exp(-a * a) / fraction * 0.5641895835477562869480794515607726L);
}

}  // namespace actdiff::detail::constexpr_math
