// to_string(f): readable Unicode text, e.g. "σ(x)·(1 − σ(x))", "x²", "√x".
// Parentheses only where precedence needs them; negative terms print as
// subtraction and negative powers as division. Names such as alpha, lambda_01
// print as Greek letters (α, λ₀₁). The text depends only on the expression's
// type, so it is the same with every compiler. It is the text dialect of
// printing/printer.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <actdiff/core/expression.hpp>
#include <actdiff/primitive/protocol.hpp>
#include <actdiff/printing/printer.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

namespace detail {

inline std::string superscript(std::intmax_t n) {
    static constexpr std::string_view digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string out = n < 0 ? "⁻" : "";
    const std::string decimal = std::to_string(n < 0 ? -n : n);
    for (char ch : decimal) out += digits[ch - '0'];
    return out;
}

// alpha → α, lambda_01 → λ₀₁, negative_slope → negative_slope.
inline std::string symbol_text(std::string_view name) {
    static constexpr std::string_view subscripts[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
    const auto underscore = name.find('_');
    const std::string_view stem = name.substr(0, underscore);
    const std::string_view letter = greek_letter(stem);
    std::string out{letter.empty() ? stem : letter};
    if (underscore == std::string_view::npos) return out;
    const std::string_view suffix = name.substr(underscore + 1);
    bool all_digits = !suffix.empty();
    for (char ch : suffix) all_digits = all_digits && ch >= '0' && ch <= '9';
    if (!all_digits) return out + "_" + std::string(suffix);
    for (char ch : suffix) out += subscripts[ch - '0'];
    return out;
}

struct text_dialect {
    static constexpr bool reading_order = true;
    static constexpr std::string_view minus = "−";
    // The name a kernel's output variable prints as (y in an emitted header's
    // comment); empty: its own name.
    std::string_view output_name = {};

    static std::string wrap(const printed& p, precedence needed) {
        return p.level >= needed ? p.text : "(" + p.text + ")";
    }
    std::string symbol(std::string_view name) const {
        return !output_name.empty() && name == "output" ? std::string(output_name) : symbol_text(name);
    }
    static std::string constant(std::string_view symbol, std::string_view) { return symbol_text(symbol); }
    // An integer, a decimal (denominator 2^a·5^b, b ≥ 1) or p/q.
    static printed number(ratio r) {
        if (r.num < 0) return {std::string(minus) + number(-r).text, precedence::product};
        if (r.den == 1 || is_decimal(r)) return {decimal_digits(r.num, r.den), precedence::atom};
        return {std::to_string(r.num) + "/" + std::to_string(r.den), precedence::product};
    }
    // Numerator factors joined by "·", then "/" and the denominator.
    static printed quotient(const quotient_parts& parts) {
        const ratio c = parts.coefficient;
        std::vector<std::string> top;
        std::vector<printed> bottom;
        if (c.den == 1 || is_decimal(c)) {
            if (!(c == ratio{1, 1})) top.push_back(number(c).text);
        } else {
            if (c.num != 1) top.push_back(std::to_string(c.num));
            bottom.push_back({std::to_string(c.den), precedence::atom});
        }
        for (const auto& f : parts.numerator) top.push_back(wrap(f.form, precedence::power));
        for (const auto& f : parts.denominator) bottom.push_back(f.form);
        std::string numerator;
        for (const auto& factor : top) numerator += (numerator.empty() ? "" : "·") + factor;
        if (bottom.empty()) return {numerator, precedence::product};
        if (numerator.empty()) numerator = "1";
        std::string denominator;
        if (bottom.size() == 1) {
            denominator = wrap(bottom.front(), precedence::power);
        } else {
            for (const auto& factor : bottom) denominator += (denominator.empty() ? "" : "·") + wrap(factor, precedence::power);
            denominator = "(" + denominator + ")";
        }
        return {numerator + "/" + denominator, precedence::product};
    }
    static printed power(const printed& base, ratio exponent) {
        if (exponent.den == 1) return {wrap(base, precedence::atom) + superscript(exponent.num), precedence::power};
        if (exponent == ratio{1, 2}) return {"√" + wrap(base, precedence::atom), precedence::power};
        return {wrap(base, precedence::atom) + "^(" + std::to_string(exponent.num) + "/" + std::to_string(exponent.den) + ")",
                precedence::power};
    }
    // A primitive prints in the form its protocol gives (σ(u), |u|, e^u).
    // A call spelled as a power (e^u, e^(−x)) binds as one: (e^x)², not e^x².
    template <class F>
    static printed call(const printed& argument) {
        std::string text = primitive_traits<F>::text(argument.text);
        int depth = 0;
        bool power = false;
        for (char ch : text) {
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            power = power || (ch == '^' && depth == 0);
        }
        return {std::move(text), power ? precedence::power : precedence::atom};
    }
    static printed extremum(bool maximum, const printed& a, const printed& b) {
        return {(maximum ? "max(" : "min(") + a.text + ", " + b.text + ")", precedence::atom};
    }
    static constexpr std::string_view relations[] = {" < ", " ≤ ", " > ", " ≥ "};  // <, ≤, >, ≥
    template <class C, class A, class B>
    printed where(where_node<C, A, B>) const {
        return {"where(" + print(*this, C{}).text + ", " + print(*this, A{}).text + ", " + print(*this, B{}).text + ")",
                precedence::atom};
    }
    static printed derivative(const printed& f, const printed& v, bool) {
        return {"d/d" + v.text + "[" + f.text + "]", precedence::power};
    }
};

}  // namespace detail

template <class F>
    requires detail::involves_library_type<F>
std::string to_string(F) {
    static_assert(Expression<F> || Condition<F>, "actdiff: to_string(f): f must be an actdiff expression");
    return detail::print(detail::text_dialect{}, F{}).text;
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
