// Exact rational arithmetic in constant expressions, with overflow checks:
// constants in expressions are exact, so folding them must be exact too.
#pragma once

#include <cstdint>
#include <numeric>

namespace actdiff::detail {

// __extension__ keeps -Wpedantic quiet: both g++ and clang++ provide int128.
__extension__ using int128 = __int128;

struct ratio {
    std::intmax_t num = 0;
    std::intmax_t den = 1;
};

constexpr std::intmax_t checked(int128 value) {
    constexpr int128 limit = INTMAX_MAX;
    if (value > limit || value < -limit) {
        throw "actdiff: rational constant overflows intmax_t";  // not a constant expression: a compile error
    }
    return static_cast<std::intmax_t>(value);
}

constexpr ratio normalized(int128 num, int128 den) {
    if (den == 0) throw "actdiff: division by the constant zero";
    if (den < 0) {
        num = -num;
        den = -den;
    }
    int128 a = num < 0 ? -num : num;
    int128 b = den;
    while (b != 0) {
        int128 t = a % b;
        a = b;
        b = t;
    }
    if (a > 1) {
        num /= a;
        den /= a;
    }
    if (num == 0) den = 1;
    return {checked(num), checked(den)};
}

constexpr ratio operator+(ratio a, ratio b) {
    return normalized(int128(a.num) * b.den + int128(b.num) * a.den, int128(a.den) * b.den);
}
constexpr ratio operator-(ratio a) { return {-a.num, a.den}; }
constexpr ratio operator-(ratio a, ratio b) { return a + -b; }
constexpr ratio operator*(ratio a, ratio b) {
    return normalized(int128(a.num) * b.num, int128(a.den) * b.den);
}
constexpr ratio operator/(ratio a, ratio b) {
    return normalized(int128(a.num) * b.den, int128(a.den) * b.num);
}
constexpr bool operator==(ratio a, ratio b) { return a.num == b.num && a.den == b.den; }
constexpr bool operator<(ratio a, ratio b) { return int128(a.num) * b.den < int128(b.num) * a.den; }

constexpr bool is_integer(ratio r) { return r.den == 1; }

// r^n for an integer n, or {0, 0} when the result would not fit: the caller
// then keeps the power symbolic instead of failing.
constexpr ratio integer_power(ratio base, std::intmax_t n) {
    if (n < 0) {
        if (base.num == 0) throw "actdiff: the constant zero raised to a negative power";
        base = {base.den, base.num};
        if (base.den < 0) base = {-base.num, -base.den};
        n = -n;
    }
    int128 num = 1, den = 1;
    constexpr int128 limit = INTMAX_MAX;
    for (std::intmax_t i = 0; i < n; ++i) {
        num *= base.num;
        den *= base.den;
        if (num > limit || num < -limit || den > limit) return {0, 0};
    }
    return normalized(num, den);
}

// The denominator is 2^a 5^b with b >= 1: the constant reads best as a decimal.
constexpr bool is_decimal(ratio r) {
    std::intmax_t d = r.den;
    bool has_five = false;
    while (d % 5 == 0) {
        d /= 5;
        has_five = true;
    }
    while (d % 2 == 0) d /= 2;
    return has_five && d == 1;
}

}  // namespace actdiff::detail
