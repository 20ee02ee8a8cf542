// latex(f): the formula typeset as a careful author would write it.
//   minimal parentheses, \left( \right) only where precedence needs them;
//   \frac{}{} for quotients whose numerator and denominator hold no fraction,
//   an inline a/b otherwise; negative terms as subtraction; e^{u} for short
//   exponents, \exp\left(...\right) for long ones; \sigma, \tanh,
//   \operatorname{erf}, \max, \sqrt{}; cases for where and step; products by
//   juxtaposition, \cdot before a number; Greek names as letters (alpha →
//   \alpha, lambda_01 → \lambda_{01}); rationals as \frac{1}{2}, decimals
//   such as 0.044715 kept as decimals.
// Like to_string, the result depends only on the expression's type. It is the
// LaTeX dialect of printing/printer.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <actdiff/core/expression.hpp>
#include <actdiff/detail/branches.hpp>
#include <actdiff/primitive/protocol.hpp>
#include <actdiff/printing/printer.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

namespace detail::latex_printing {

// Text set in \mathrm{}: LaTeX's special characters escaped. Names are
// identifiers, so only _ occurs today; the rest keeps the output valid LaTeX
// whatever a future name allows.
inline std::string latex_escaped(std::string_view text) {
    std::string out;
    for (char ch : text) {
        switch (ch) {
            case '_': case '#': case '$': case '%': case '&': case '{': case '}': out += '\\'; out += ch; break;
            case '~': out += "\\textasciitilde{}"; break;
            case '^': out += "\\textasciicircum{}"; break;
            case '\\': out += "\\textbackslash{}"; break;
            default: out += ch;
        }
    }
    return out;
}

// alpha → \alpha, lambda_01 → \lambda_{01}, x_1 → x_{1}, negative_slope → \mathrm{negative\_slope}.
inline std::string symbol_latex(std::string_view name) {
    const auto underscore = name.find('_');
    const std::string_view stem = name.substr(0, underscore);
    const std::string_view suffix = underscore == std::string_view::npos ? "" : name.substr(underscore + 1);
    const bool is_greek = !greek_letter(stem).empty();
    std::string base;
    if (is_greek) {
        base = "\\" + std::string(stem);
    } else if (stem.size() == 1) {
        base = std::string(stem);
    } else {
        base = "\\mathrm{" + latex_escaped(stem) + "}";
    }
    if (suffix.empty()) return base;
    if (is_greek || stem.size() == 1) return base + "_{" + std::string(suffix) + "}";
    // A multi-letter name with an underscore: \mathrm{negative\_slope}.
    return "\\mathrm{" + latex_escaped(name) + "}";
}

inline bool starts_with_digit(const std::string& s) { return !s.empty() && ((s[0] >= '0' && s[0] <= '9') || s[0] == '.'); }

// Factors by juxtaposition; \cdot where the next factor starts with a digit.
inline std::string juxtapose(const std::vector<std::string>& factors) {
    std::string out;
    for (const auto& f : factors) {
        if (!out.empty()) out += starts_with_digit(f) ? " \\cdot " : " ";
        out += f;
    }
    return out;
}

// A key per type, for the names a dialect gives subterms at run time.
template <class T>
inline constexpr char type_key = 0;

struct latex_dialect {
    static constexpr bool reading_order = true;
    static constexpr bool for_readers = true;
    derivative_notation partial = derivative_notation::by_symbols;
    // Subterms printed by a name (a derivation's u = …), keyed by type_key.
    std::vector<std::pair<const void*, std::string>> names = {};

    template <class Node>
    std::string name_of() const {
        for (const auto& [key, name] : names) {
            if (key == &type_key<Node>) return name;
        }
        return {};
    }
    template <class Node>
    void name(std::string text) {
        names.emplace_back(&type_key<Node>, std::move(text));
    }
    static constexpr std::string_view minus = "-";

    static std::string wrap(const printed& p, precedence needed) {
        return p.level >= needed ? p.text : "\\left(" + p.text + "\\right)";
    }
    static std::string symbol(std::string_view name) { return symbol_latex(name); }
    static std::string constant(std::string_view symbol, std::string_view) { return symbol_latex(symbol); }
    // An integer, a decimal (denominator 2^a·5^b with b ≥ 1) or \frac{p}{q}.
    static printed number(ratio r) {
        if (r.num < 0) return {"-" + number(-r).text, precedence::product};
        if (r.den == 1 || is_decimal(r)) return {decimal_digits(r.num, r.den), precedence::atom};
        return {"\\frac{" + std::to_string(r.num) + "}{" + std::to_string(r.den) + "}", precedence::atom};
    }

    // The operator of a pending derivative, d/dx, is not a fraction to a
    // reader: (u'v − uv')/v² stays stacked while u' is still d/dx[u].
    static bool holds_fraction(const printed_factor& f) {
        if (!f.compound) return false;
        const std::string_view text = f.form.text;
        for (std::size_t at = text.find("\\frac"); at != std::string_view::npos; at = text.find("\\frac", at + 1)) {
            const std::string_view rest = text.substr(at);
            if (!rest.starts_with("\\frac{d}{d") && !rest.starts_with("\\frac{\\partial}{\\partial")) return true;
        }
        return false;
    }
    // Factors of a product by juxtaposition, each parenthesised if it binds
    // looser than a product (a sum); a lone factor needs nothing.
    static std::vector<std::string> factors(const std::vector<std::string>& leading,
                                            const std::vector<printed_factor>& rest) {
        std::vector<std::string> out = leading;
        const bool alone = leading.empty() && rest.size() == 1;
        for (const auto& f : rest) out.push_back(alone ? f.form.text : wrap(f.form, precedence::power));
        return out;
    }
    // \frac{}{} when neither side holds a fraction, an inline a / b otherwise.
    static printed quotient(const quotient_parts& parts) {
        const ratio c = parts.coefficient;
        std::vector<std::string> coefficient_top;
        std::intmax_t coefficient_bottom = 1;
        if (c.den == 1 || is_decimal(c)) {
            if (!(c == ratio{1, 1})) coefficient_top.push_back(number(c).text);
        } else {
            if (c.num != 1) coefficient_top.push_back(std::to_string(c.num));
            coefficient_bottom = c.den;
        }
        bool nested = false;  // a factor that is itself a fraction, or a sum or power holding one
        for (const auto& f : parts.numerator) nested = nested || holds_fraction(f);
        for (const auto& f : parts.denominator) nested = nested || holds_fraction(f);
        if (parts.denominator.empty()) {
            std::vector<std::string> all = coefficient_top;
            if (coefficient_bottom != 1) {
                // A rational coefficient in front: \frac{1}{2} x
                const std::string top = coefficient_top.empty() ? "1" : coefficient_top.front();
                all = {"\\frac{" + top + "}{" + std::to_string(coefficient_bottom) + "}"};
            }
            for (const auto& f : parts.numerator) all.push_back(wrap(f.form, precedence::power));
            return {juxtapose(all), all.size() == 1 ? precedence::power : precedence::product};
        }
        const std::vector<std::string> top = factors(coefficient_top, parts.numerator);
        std::vector<std::string> bottom_leading;
        if (coefficient_bottom != 1) bottom_leading.push_back(std::to_string(coefficient_bottom));
        const std::vector<std::string> bottom = factors(bottom_leading, parts.denominator);
        const std::string numerator = top.empty() ? "1" : juxtapose(top);
        const std::string denominator = juxtapose(bottom);
        if (!nested) return {"\\frac{" + numerator + "}{" + denominator + "}", precedence::atom};
        // Fractions inside: an inline quotient reads better than stacked fractions.
        const auto inline_part = [](const std::vector<std::string>& joined, const std::vector<printed_factor>& raw,
                                    const std::string& text) {
            const bool single = joined.size() == 1 && (raw.size() != 1 || raw.front().form.level >= precedence::power);
            return single ? text : "\\left(" + text + "\\right)";
        };
        return {inline_part(top, parts.numerator, numerator) + " / " + inline_part(bottom, parts.denominator, denominator),
                precedence::product};
    }
    static printed power(const printed& base, ratio exponent) {
        if (exponent == ratio{1, 2}) return {"\\sqrt{" + base.text + "}", precedence::atom};
        const std::string e = exponent.den == 1 ? std::to_string(exponent.num) : number(exponent).text;
        return {wrap(base, precedence::atom) + "^{" + e + "}", precedence::power};
    }
    // A call spelled with a superscript (e^{u}) cannot take another one:
    // (e^{u})^{2}, not e^{u}^{2}, which TeX rejects as a double superscript.
    static bool ends_in_superscript(std::string_view text) {
        if (text.empty()) return false;
        if (text.back() != '}') return text.size() >= 2 && text[text.size() - 2] == '^';
        int depth = 0;
        for (std::size_t i = text.size(); i-- > 0;) {
            if (text[i] == '}' && (i == 0 || text[i - 1] != '\\')) ++depth;
            if (text[i] == '{' && (i == 0 || text[i - 1] != '\\') && --depth == 0) return i > 0 && text[i - 1] == '^';
        }
        return false;
    }
    template <class F>
    static printed call(const printed& argument) {
        std::string text = primitive_traits<F>::latex(argument.text);
        const precedence level = ends_in_superscript(text) ? precedence::power : precedence::atom;
        return {std::move(text), level};
    }
    static printed extremum(bool maximum, const printed& a, const printed& b) {
        return {(maximum ? "\\max\\left(" : "\\min\\left(") + a.text + ", " + b.text + "\\right)", precedence::atom};
    }
    static constexpr std::string_view relations[] = {" < ", " \\le ", " > ", " \\ge "};  // <, ≤, >, ≥

    // One condition of a row, as a bound on its left side where it is one.
    struct bound {
        std::string left, relation, right;
        int side;  // 1: a lower bound (x > lo), -1: an upper bound (x < hi), 0: neither
        bool numeric = false;  // right is the rational value
        ratio value{};
    };
    template <class Relation, class A, class B>
    bound bound_of(comparison<Relation, A, B>) const {
        constexpr int side = std::is_same_v<Relation, greater> || std::is_same_v<Relation, greater_equal> ? 1 : -1;
        constexpr bool strict = std::is_same_v<Relation, greater> || std::is_same_v<Relation, less>;
        return {print(*this, A{}).text, strict ? " < " : " \\le ", print(*this, B{}).text, side, is_rational_v<B>,
                rational_value<B>()};
    }
    template <class C>
    bound bound_of(C) const {
        return {print(*this, C{}).text, "", "", 0};
    }
    // Whether bound a says no more than b, on the same side of the same
    // expression: x < 3 given x ≤ −3.
    static bool implied_by(const bound& a, const bound& b) {
        if (a.side == 0 || a.side != b.side || a.left != b.left || !a.numeric || !b.numeric) return false;
        if (a.value == b.value) return a.relation != " < " || b.relation == " < ";
        return a.side < 0 ? b.value < a.value : a.value < b.value;
    }

    // The conditions of a row, joined by commas; a lower and an upper bound
    // on one expression read as one chain, as an author writes: −3 < x < 3.
    template <class... Cs>
    std::string conditions(list<Cs...>) const {
        std::vector<bound> bounds{bound_of(Cs{})...};
        std::vector<bool> used(bounds.size(), false);
        for (std::size_t i = 0; i < bounds.size(); ++i) {
            for (std::size_t j = 0; j < bounds.size() && !used[i]; ++j) {
                if (j != i && !used[j] && implied_by(bounds[i], bounds[j])) used[i] = true;
            }
        }
        std::string out;
        for (std::size_t i = 0; i < bounds.size(); ++i) {
            if (used[i]) continue;
            const bound& b = bounds[i];
            std::string text = b.side == 0 ? b.left
                               : b.side > 0 ? b.left + (b.relation == " < " ? " > " : " \\ge ") + b.right
                                            : b.left + b.relation + b.right;
            for (std::size_t j = i + 1; j < bounds.size() && b.side != 0; ++j) {
                const bound& other = bounds[j];
                if (used[j] || other.left != b.left || other.side != -b.side) continue;
                const bound& lower = b.side > 0 ? b : other;
                const bound& upper = b.side > 0 ? other : b;
                text = lower.right + lower.relation + b.left + upper.relation + upper.right;
                used[j] = true;
                break;
            }
            out += (out.empty() ? "" : ", ") + text;
        }
        return out;
    }

    // The rows of a cases block. An else-branch where continues the rows
    // (a if c₁, b if c₂, d otherwise); a then-branch where splits its row, its
    // conditions joined to the outer one (a if c₁, c₂; b if c₁, not c₂; ...).
    // where(c₁, where(c₂, a, b), b) is two rows: a if c₁, c₂; b otherwise.
    template <class T, class... Cs>
    std::string rows(T, list<Cs...> context) const {
        return print(*this, T{}).text + " & " + (sizeof...(Cs) == 0 ? std::string("\\text{otherwise}") : conditions(context));
    }
    template <class C, class C2, class A, class B>
    std::string rows(where_node<C, where_node<C2, A, B>, B>, list<>) const {
        return rows(A{}, list<C, C2>{}) + " \\\\ " + rows(B{}, list<>{});
    }
    template <class C, class A, class B, class... Cs>
    std::string rows(where_node<C, A, B>, list<Cs...>) const {
        using otherwise = std::conditional_t<sizeof...(Cs) == 0, list<>, list<Cs..., negation_t<C>>>;
        return rows(A{}, list<Cs..., C>{}) + " \\\\ " + rows(B{}, otherwise{});
    }
    template <class C, class A, class B>
    printed where(where_node<C, A, B> node) const {
        return {"\\begin{cases} " + rows(node, list<>{}) + " \\end{cases}", precedence::atom};
    }

    static printed derivative(const printed& f, const printed& v, bool partial) {
        const std::string op = partial ? "\\frac{\\partial}{\\partial " + v.text + "}" : "\\frac{d}{d" + v.text + "}";
        return {op + "\\left[" + f.text + "\\right]", precedence::power};
    }
};

}  // namespace detail::latex_printing

template <class F>
    requires detail::involves_library_type<F>
std::string latex(F) {
    static_assert(Expression<F> || Condition<F>, "actdiff: latex(f): f must be an actdiff expression");
    return detail::print(detail::latex_printing::latex_dialect{}, F{}).text;
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
