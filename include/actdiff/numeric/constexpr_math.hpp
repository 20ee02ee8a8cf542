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
    if (is_nan(x) || x < -1) return std::numeric_limits<T>::quiet_NaN();
    if (x == -1) return -infinity<T>();
    if (x == infinity<T>()) return x;
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

// π/2 in three parts: the first two have 32-bit significands, so k·part is
// exact for |k| < 2^32, and x − k·π/2 keeps its accuracy for |x| < 2^32.
inline constexpr long double half_pi_1 = 0x6487ed51p-30L;
inline constexpr long double half_pi_2 = 0x85a308d3p-65L;
inline constexpr long double half_pi_3 = 0x98cc51701b839a25p-132L;
inline constexpr long double half_pi = 1.57079632679489661923132169163975144L;
inline constexpr long double quarter_pi = 0.785398163397448309615660845819875721L;

// The bits of 2/π after the point, 64 a word: enough for any double.
inline constexpr unsigned long long two_over_pi_bits[] = {
    0xa2f9836e4e441529ULL, 0xfc2757d1f534ddc0ULL, 0xdb6295993c439041ULL, 0xfe5163abdebbc561ULL,
    0xb7246e3a424dd2e0ULL, 0x06492eea09d1921cULL, 0xfe1deb1cb129a73eULL, 0xe88235f52ebb4484ULL,
    0xe99c7026b45f7e41ULL, 0x3991d639835339f4ULL, 0x9c845f8bbdf9283bULL, 0x1ff897ffde05980fULL,
    0xef2f118b5a0a6d1fULL, 0x6d367ecf27cb09b7ULL, 0x4f463f669e5fea2dULL, 0x7527bac7ebe5f17bULL,
    0x3d0739f78a5292eaULL, 0x6bfb5fb11f8d5d08ULL, 0x56033046fc7b6babULL, 0xf0cfbc209af4361dULL};

// Bit j (j ≥ 1, weight 2^−j) of 2/π; 0 past the table.
constexpr unsigned long long two_over_pi_bit(int j) {
    const int index = (j - 1) / 64, offset = (j - 1) % 64;
    if (index >= int(sizeof two_over_pi_bits / sizeof two_over_pi_bits[0])) return 0;
    return (two_over_pi_bits[index] >> (63 - offset)) & 1;
}

// x = k·π/2 + r, |r| ≤ π/4, for any |x| (Payne and Hanek): with x = M·2^E
// (M a 64-bit integer), only the bits of 2/π from 2^−(E−1) on change
// x·2/π mod 4, and 192 of them give k mod 4 and r to long double precision.
struct wide {
    unsigned long long high, low;
};
// a·b in 128 bits, from 32-bit halves (portable: no __int128 under -Wpedantic).
constexpr wide multiply(unsigned long long a, unsigned long long b) {
    const unsigned long long mask = 0xffffffffULL;
    const unsigned long long a1 = a >> 32, a0 = a & mask, b1 = b >> 32, b0 = b & mask;
    const unsigned long long p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    const unsigned long long middle = (p00 >> 32) + (p01 & mask) + (p10 & mask);
    return {p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32), (middle << 32) | (p00 & mask)};
}

struct reduced {
    long double r;
    int quadrant;
};
constexpr reduced reduce_by_half_pi(long double w) {
    using W = long double;
    const bool negative = w < 0;
    W m = negative ? -w : w;
    int e = 0;
    while (m >= 18446744073709551616.0L) { m /= 2; ++e; }   // 2^64
    while (m < 9223372036854775808.0L) { m *= 2; --e; }     // 2^63
    const unsigned long long mantissa = static_cast<unsigned long long>(m);
    const int first = e - 1 > 1 ? e - 1 : 1;
    // Past the table (long double beyond 2^1086): no digits to reduce with.
    if (first + 192 > 64 * int(sizeof two_over_pi_bits / sizeof two_over_pi_bits[0])) {
        return {std::numeric_limits<W>::quiet_NaN(), 0};
    }
    // 192 bits of 2/π from bit `first`, as three words, most significant first.
    unsigned long long window[3] = {0, 0, 0};
    for (int b = 0; b < 192; ++b) {
        window[b / 64] |= two_over_pi_bit(first + b) << (63 - b % 64);
    }
    // mantissa · window, a 256-bit product in four words (most significant first).
    unsigned long long product[4] = {0, 0, 0, 0};
    unsigned long long carry = 0;
    for (int i = 2; i >= 0; --i) {
        const wide t = multiply(mantissa, window[i]);
        product[i + 1] = t.low + carry;
        carry = t.high + (product[i + 1] < carry ? 1 : 0);
    }
    product[0] = carry;
    // The product's value is scaled by 2^−s: its top 256 − s bits are the integer part.
    const int s = first + 191 - e;   // 192 ≤ s < 256 for |w| ≥ 2^32
    const auto bits_at = [&](int from_top) {  // the 64 bits starting `from_top` bits below the top
        const int word = from_top / 64, shift = from_top % 64;
        const unsigned long long high = word < 4 ? product[word] : 0, low = word + 1 < 4 ? product[word + 1] : 0;
        return shift == 0 ? high : (high << shift) | (low >> (64 - shift));
    };
    const int integer_bits = 256 - s;
    int quadrant = static_cast<int>(bits_at(integer_bits - 2) >> 62);                  // integer part mod 4
    // The fraction as 128 bits; above one half, fraction − 1 (its two's complement, exactly).
    unsigned long long high = bits_at(integer_bits), low = bits_at(integer_bits + 64);
    W sign = 1;
    if (high >> 63) {
        low = ~low + 1;
        high = ~high + (low == 0 ? 1 : 0);
        sign = -1;
        quadrant = (quadrant + 1) % 4;
    }
    const W fraction = sign * (W(high) / 18446744073709551616.0L + W(low) / 18446744073709551616.0L / 18446744073709551616.0L);
    W r = fraction * half_pi;
    if (negative) {
        r = -r;
        quadrant = (4 - quadrant) % 4;
    }
    return {r, quadrant};
}

// sin (Quadrant = 0) or cos (Quadrant = 1) of x: x = k·π/2 + r with |r| ≤ π/4,
// then the Taylor series of sin r or cos r by the quadrant k + Quadrant.
template <int Quadrant, class T>
constexpr T sin_or_cos(T x) {
    using W = long double;
    if (is_nan(x) || absolute(x) == infinity<T>()) return std::numeric_limits<T>::quiet_NaN();
    const W w = static_cast<W>(x);
    reduced at{};
    if (absolute(w) < 4294967296.0L) {
        const long long k = static_cast<long long>(w / half_pi + (w < 0 ? -0.5L : 0.5L));
        at = {((w - k * half_pi_1) - k * half_pi_2) - k * half_pi_3, static_cast<int>((k % 4 + 4) % 4)};
    } else {
        at = reduce_by_half_pi(w);
    }
    const W r = at.r;
    const int quadrant = (at.quadrant + Quadrant) % 4;
    const bool cosine = quadrant % 2 == 1;
    W term = cosine ? W(1) : r, total = term;
    for (int n = cosine ? 1 : 2; n < 60; n += 2) {
        term *= -r * r / (W(n) * (n + 1));
        total += term;
    }
    return static_cast<T>(quadrant >= 2 ? -total : total);
}
template <class T>
constexpr T sin(T x) {
    return sin_or_cos<0>(x);
}
template <class T>
constexpr T cos(T x) {
    return sin_or_cos<1>(x);
}

// atan(x) = π/2 − atan(1/x) for |x| > 1, π/4 + atan((x − 1)/(x + 1)) above
// tan(π/8), and the alternating series below it (ratio < 0.18 a term).
template <class T>
constexpr T atan(T x) {
    using W = long double;
    if (is_nan(x)) return x;
    const W a = absolute(static_cast<W>(x));
    W offset = 0, sign_of_rest = 1, v = a;
    if (a > 1) {
        offset = half_pi;
        sign_of_rest = -1;
        v = 1 / a;
    }
    if (v > 0.41421356237309504880L) {
        offset += sign_of_rest * quarter_pi;
        v = (v - 1) / (v + 1);
    }
    W term = v, total = v;
    for (int n = 1; n < 60; ++n) {
        term *= -v * v;
        total += term / (2 * n + 1);
    }
    const W result = offset + sign_of_rest * total;
    return static_cast<T>(x < 0 ? -result : result);
}

// asinh(x) = log1p(|x| + x²/(1 + √(1 + x²))), with x's sign: no cancellation near 0.
template <class T>
constexpr T asinh(T x) {
    using W = long double;
    if (is_nan(x) || absolute(x) == infinity<T>()) return x;
    const W a = absolute(static_cast<W>(x));
    const W result = log1p(a + a * a / (1 + sqrt(1 + a * a)));
    return static_cast<T>(x < 0 ? -result : result);
}

}  // namespace actdiff::detail::constexpr_math
