// A number with long double digits and an exponent that does not overflow:
// m·2^e with m in [1/2, 1) (or 0, ±∞, NaN) and e a long double. Kernels
// recompute in it the rare element where a subexpression of float or double
// left the finite range (x² in squareplus at x = −10^30, x·e^x·(1 − tanh²(e^x))
// in TanhExp' at 10^30): products and quotients never overflow or underflow,
// and the functions take their limits where their argument is beyond long
// double (tanh of e^(10^30) is 1). The result is then rounded to the kernel's
// type, which overflows only where the true value is beyond it.
#pragma once

#include <cmath>
#include <limits>
#include <numbers>

namespace actdiff::detail {

class extended {
public:
    extended() = default;
    // NOLINTNEXTLINE(google-explicit-constructor): numbers lift into it, as into double
    extended(long double value) : mantissa_(value), exponent_(0) { normalise(); }
    static extended from_parts(long double mantissa, long double exponent) {
        extended out;
        out.mantissa_ = mantissa;
        out.exponent_ = exponent;
        out.normalise();
        return out;
    }

    // The value in T, rounded once: ±∞ beyond T's range, 0 or a subnormal below it.
    template <class T>
    T as() const {
        if (!std::isfinite(mantissa_) || mantissa_ == 0) return T(mantissa_);
        constexpr long double limit = 20000;  // beyond every T's exponent range
        const long double e = exponent_ > limit ? limit : exponent_ < -limit ? -limit : exponent_;
        if constexpr (sizeof(T) < sizeof(long double)) {
            // Round once to T: scale into T's range in long double, then let the
            // conversion round (long double is exact for every scaled T value).
            return T(std::ldexp(mantissa_, int(e)));
        } else {
            return std::ldexp(mantissa_, int(e));
        }
    }
    explicit operator float() const { return as<float>(); }
    explicit operator double() const { return as<double>(); }
    explicit operator long double() const { return as<long double>(); }

    long double mantissa() const { return mantissa_; }
    long double exponent() const { return exponent_; }
    bool is_zero() const { return mantissa_ == 0; }
    bool is_finite() const { return std::isfinite(mantissa_); }
    bool is_nan() const { return std::isnan(mantissa_); }
    bool negative() const { return std::signbit(mantissa_); }
    // Whether |value| ≤ 2^e; false for ±∞ and NaN.
    bool at_most_power(long double e) const { return is_finite() && (is_zero() || exponent_ <= e); }
    bool at_least_power(long double e) const { return !is_nan() && !is_zero() && (!is_finite() || exponent_ > e); }

    friend extended operator-(const extended& a) { return from_parts(-a.mantissa_, a.exponent_); }
    friend extended operator*(const extended& a, const extended& b) {
        return from_parts(a.mantissa_ * b.mantissa_, a.exponent_ + b.exponent_);
    }
    friend extended operator/(const extended& a, const extended& b) {
        return from_parts(a.mantissa_ / b.mantissa_, a.exponent_ - b.exponent_);
    }
    friend extended operator+(const extended& a, const extended& b) {
        if (!a.is_finite() || !b.is_finite()) return extended(a.mantissa_ + b.mantissa_);
        if (a.is_zero()) return b.is_zero() ? extended(a.mantissa_ + b.mantissa_) : b;
        if (b.is_zero()) return a;
        const extended& big = a.exponent_ >= b.exponent_ ? a : b;
        const extended& small = a.exponent_ >= b.exponent_ ? b : a;
        const long double gap = big.exponent_ - small.exponent_;
        if (gap > std::numeric_limits<long double>::digits + 2) return big;
        return from_parts(big.mantissa_ + std::ldexp(small.mantissa_, -int(gap)), big.exponent_);
    }
    friend extended operator-(const extended& a, const extended& b) { return a + -b; }

    // NaN is unordered: every relation with it is false.
    friend bool operator<(const extended& a, const extended& b) { return ordered(a, b) && compare(a, b) < 0; }
    friend bool operator>(const extended& a, const extended& b) { return ordered(a, b) && compare(a, b) > 0; }
    friend bool operator<=(const extended& a, const extended& b) { return ordered(a, b) && compare(a, b) <= 0; }
    friend bool operator>=(const extended& a, const extended& b) { return ordered(a, b) && compare(a, b) >= 0; }
    friend bool operator==(const extended& a, const extended& b) { return ordered(a, b) && compare(a, b) == 0; }

private:
    static bool ordered(const extended& a, const extended& b) { return !a.is_nan() && !b.is_nan(); }
    // By sign, then by magnitude: exponent (∞ above all), then mantissa.
    static int compare(const extended& a, const extended& b) {
        const int sa = a.is_zero() ? 0 : a.negative() ? -1 : 1;
        const int sb = b.is_zero() ? 0 : b.negative() ? -1 : 1;
        if (sa != sb) return sa < sb ? -1 : 1;
        if (sa == 0) return 0;
        const long double ea = a.is_finite() ? a.exponent_ : std::numeric_limits<long double>::infinity();
        const long double eb = b.is_finite() ? b.exponent_ : std::numeric_limits<long double>::infinity();
        const long double ma = std::fabs(a.mantissa_), mb = std::fabs(b.mantissa_);
        const int magnitude = ea != eb ? (ea < eb ? -1 : 1) : ma < mb ? -1 : ma > mb ? 1 : 0;
        return sa * magnitude;
    }
    void normalise() {
        if (!std::isfinite(mantissa_) || mantissa_ == 0) {
            exponent_ = 0;
            return;
        }
        int k = 0;
        mantissa_ = std::frexp(mantissa_, &k);
        exponent_ += k;
    }

    long double mantissa_ = 0;
    long double exponent_ = 0;
};

// The functions of numeric/math.hpp, found by argument-dependent lookup. Each
// uses long double's own where the argument fits it, and its limit or leading
// term beyond: arguments past 2^16000 or below 2^−16000.
namespace extended_math {
inline constexpr long double huge = 16000;   // log2 of where long double's range ends, with a margin
inline constexpr long double ln2 = std::numbers::ln2_v<long double>;

inline long double plain(const extended& u) { return u.as<long double>(); }
inline bool tiny(const extended& u) { return u.at_most_power(-huge); }
inline bool large(const extended& u) { return u.at_least_power(huge); }
inline extended with_sign_of(const extended& u, long double magnitude) { return extended(u.negative() ? -magnitude : magnitude); }
}  // namespace extended_math

inline extended abs(const extended& u) { return u.negative() ? -u : u; }

inline extended exp(const extended& u) {
    using namespace extended_math;
    if (u.is_nan()) return u;
    const long double x = plain(u);
    if (!std::isfinite(x)) return u.negative() ? extended(0.0L) : extended(std::numeric_limits<long double>::infinity());
    if (std::fabs(x) < 11000) return extended(std::exp(x));
    // e^x = 2^(x/ln 2) = 2^k·2^r with k whole and r in [0, 1).
    const long double scaled = x / ln2;
    const long double k = std::floor(scaled);
    return extended::from_parts(std::exp2(scaled - k), k);
}
inline extended log(const extended& u) {
    using namespace extended_math;
    if (u.is_nan() || u.negative() || u.is_zero() || !u.is_finite()) return extended(std::log(plain(u)));
    return extended(std::log(u.mantissa()) + u.exponent() * ln2);
}
inline extended expm1(const extended& u) {
    using namespace extended_math;
    if (tiny(u)) return u;
    return u.at_most_power(0) ? extended(std::expm1(plain(u))) : exp(u) - extended(1.0L);
}
inline extended log1p(const extended& u) {
    using namespace extended_math;
    if (tiny(u)) return u;
    return u.at_most_power(0) ? extended(std::log1p(plain(u))) : log(extended(1.0L) + u);
}
inline extended sqrt(const extended& u) {
    if (u.is_nan() || u.is_zero() || u.negative() || !u.is_finite()) return extended(std::sqrt(u.mantissa()));
    const long double e = u.exponent();
    const bool odd = std::fmod(e, 2.0L) != 0;
    return extended::from_parts(std::sqrt(odd ? 2 * u.mantissa() : u.mantissa()), (odd ? e - 1 : e) / 2);
}
inline extended tanh(const extended& u) {
    using namespace extended_math;
    if (tiny(u)) return u;
    if (u.at_least_power(8)) return with_sign_of(u, 1);
    return extended(std::tanh(plain(u)));
}
inline extended erf(const extended& u) {
    using namespace extended_math;
    if (tiny(u)) return u * extended(2 / std::sqrt(std::numbers::pi_v<long double>));
    if (u.at_least_power(8)) return with_sign_of(u, 1);
    return extended(std::erf(plain(u)));
}
// erfc(u) for large u, past long double's range: e^(−u²)/(u√π)·Σ (−1)ⁿ(2n − 1)!!/(2u²)ⁿ.
inline extended erfc(const extended& u) {
    if (u.negative() && u.at_least_power(8)) return extended(2.0L);
    if (!u.negative() && u.at_least_power(6) && u.is_finite()) {
        const extended step = extended(1.0L) / (extended(2.0L) * u * u);
        extended term(1.0L), series(1.0L);
        for (int n = 1; n <= 10; ++n) {
            term = -(term * step * extended(2.0L * n - 1));
            series = series + term;
        }
        return exp(-(u * u)) / (u * extended(std::sqrt(std::numbers::pi_v<long double>))) * series;
    }
    return extended(std::erfc(extended_math::plain(u)));
}
inline extended sin(const extended& u) {
    using namespace extended_math;
    if (tiny(u)) return u;
    return extended(std::sin(plain(u)));  // NaN past long double: no value to speak of
}
inline extended cos(const extended& u) {
    using namespace extended_math;
    if (tiny(u)) return extended(1.0L);
    return extended(std::cos(plain(u)));
}
inline extended atan(const extended& u) {
    using namespace extended_math;
    if (tiny(u)) return u;
    if (large(u)) return with_sign_of(u, std::numbers::pi_v<long double> / 2);
    return extended(std::atan(plain(u)));
}
inline extended asinh(const extended& u) {
    using namespace extended_math;
    if (tiny(u)) return u;
    if (large(u) && u.is_finite()) {
        const extended magnitude = log(abs(u)) + extended(ln2);
        return u.negative() ? -magnitude : magnitude;
    }
    return extended(std::asinh(plain(u)));
}
// u^v for u > 0 as e^(v·log u); otherwise long double's pow.
inline extended pow(const extended& u, const extended& v) {
    if (!u.negative() && !u.is_zero() && u.is_finite()) return exp(v * log(u));
    return extended(std::pow(extended_math::plain(u), extended_math::plain(v)));
}

}  // namespace actdiff::detail
