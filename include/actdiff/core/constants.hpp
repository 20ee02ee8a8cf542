// Constants inside expressions. Numbers are part of an expression's type, so
// they are written so that the compiler sees them as types:
//   c<3>, c<44715, 1000000>   exact rationals
//   2_c, 0.044715_c, 1e-2_c   literals parsed exactly at compile time
//   pi, e, constant<"lambda_01", "1.0507009873554804934193349852946">
//                              named irrational constants, digits kept in full
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

#include <actdiff/detail/ratio.hpp>
#include <actdiff/core/expression.hpp>
#include <actdiff/core/symbols.hpp>

namespace actdiff {

template <std::intmax_t Num, std::intmax_t Den = 1>
inline constexpr detail::rational_t<detail::normalized(Num, Den)> c{};

namespace detail {
// A plain decimal: digits with at most one point, e.g. "1.0507009873554804934193349852946".
constexpr bool is_decimal_text(std::string_view text) {
    int points = 0, digits = 0;
    for (char ch : text) {
        if (ch == '.') ++points;
        else if (ch >= '0' && ch <= '9') ++digits;
        else return false;
    }
    return points <= 1 && digits > 0;
}

template <fixed_string Symbol, fixed_string Digits>
constexpr named_constant<Symbol, Digits> make_named_constant() {
    static_assert(is_decimal_text(Digits.view()),
                  "actdiff: constant<symbol, digits>: digits must be a non-negative decimal such as \"1.0507\"");
    static_assert(is_identifier(Symbol.view()),
                  "actdiff: constant<symbol, digits>: the symbol must be an identifier: letters, digits and _, not "
                  "starting with a digit");
    return {};
}
}  // namespace detail

template <fixed_string Symbol, fixed_string Digits>
inline constexpr named_constant<Symbol, Digits> constant = detail::make_named_constant<Symbol, Digits>();

inline constexpr auto pi = constant<"pi", "3.14159265358979323846264338327950288">;
inline constexpr auto e = constant<"e", "2.71828182845904523536028747135266250">;

namespace detail {

// Parses an integer or decimal literal (with optional exponent) exactly.
template <char... Chars>
consteval ratio parse_literal() {
    constexpr char text[] = {Chars...};
    int128 num = 0;
    int128 den = 1;
    std::intmax_t exponent = 0;
    bool fraction = false;
    std::size_t i = 0;
    for (; i < sizeof...(Chars); ++i) {
        const char ch = text[i];
        if (ch == '\'') continue;
        if (ch == '.') {
            fraction = true;
            continue;
        }
        if (ch == 'e' || ch == 'E') break;
        if (ch < '0' || ch > '9') throw "actdiff: _c takes decimal literals only";
        num = num * 10 + (ch - '0');
        if (fraction) den *= 10;
        if (num > INTMAX_MAX || den > INTMAX_MAX) throw "actdiff: literal has too many digits for an exact rational";
    }
    if (i < sizeof...(Chars)) {
        bool negative = false;
        ++i;
        if (i < sizeof...(Chars) && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
        for (; i < sizeof...(Chars); ++i) exponent = exponent * 10 + (text[i] - '0');
        if (negative) exponent = -exponent;
    }
    for (; exponent > 0; --exponent) num *= 10;
    for (; exponent < 0; ++exponent) den *= 10;
    return normalized(num, den);
}

// Decimal digits to a floating-point value: integer part of up to 19
// significant digits, exact in long double, then one rounding division.
template <class T>
constexpr T parse_digits(std::string_view digits) {
    long double mantissa = 0;
    long double scale = 1;
    int significant = 0;
    bool fraction = false;
    long double dropped_integer_digits = 1;
    for (char ch : digits) {
        if (ch == '.') {
            fraction = true;
            continue;
        }
        if (significant == std::numeric_limits<long double>::digits10 + 1) {
            if (fraction) break;
            dropped_integer_digits *= 10;
            continue;
        }
        mantissa = mantissa * 10 + (ch - '0');
        if (mantissa != 0) ++significant;
        if (fraction) scale *= 10;
    }
    return static_cast<T>(mantissa * dropped_integer_digits / scale);
}

}  // namespace detail

inline namespace literals {
// constexpr, not consteval: clang 14 fails to link consteval literal
// operators used inside templates. The parsing itself is consteval.
template <char... Chars>
constexpr auto operator""_c() {
    constexpr detail::ratio value = detail::parse_literal<Chars...>();
    return rational<value.num, value.den>{};
}
}  // namespace literals

}  // namespace actdiff
