// latex(f): the formula typeset as a careful author would write it.
//   minimal parentheses, \left( \right) only where precedence needs them;
//   \frac{}{} for quotients whose numerator and denominator hold no fraction,
//   an inline a/b otherwise; negative terms as subtraction; e^{u} for short
//   exponents, \exp\left(...\right) for long ones; \sigma, \tanh,
//   \operatorname{erf}, \max, \sqrt{}; cases for where and step; products by
//   juxtaposition, \cdot before a number; Greek names as letters (alpha →
//   \alpha, lambda_01 → \lambda_{01}); rationals as \frac{1}{2}, decimals
//   such as 0.044715 kept as decimals.
// Like to_string, the result depends only on the expression's type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <actdiff/detail/branches.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/core/expression.hpp>
#include <actdiff/core/symbols.hpp>
#include <actdiff/printing/to_string.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

namespace detail::latex_printing {

using detail::precedence;
using detail::printed;

inline std::string latex_wrapped(const printed& p, precedence needed) {
    if (p.level >= needed) return p.text;
    return "\\left(" + p.text + "\\right)";
}

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

inline std::string symbol_latex(std::string_view name) {
    static constexpr std::string_view greek[] = {"alpha", "beta",  "gamma", "delta", "epsilon", "zeta", "eta",  "theta",
                                                 "iota",  "kappa", "lambda", "mu",   "nu",      "xi",   "pi",   "rho",
                                                 "sigma", "tau",   "phi",   "chi",   "psi",     "omega"};
    const auto underscore = name.find('_');
    const std::string_view stem = name.substr(0, underscore);
    const std::string_view suffix = underscore == std::string_view::npos ? "" : name.substr(underscore + 1);
    bool is_greek = false;
    for (auto g : greek) is_greek = is_greek || g == stem;
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

// A positive rational: integer, decimal (denominator 2^a·5^b with b ≥ 1) or \frac{p}{q}.
inline printed rational_latex(ratio r) {
    if (r.num < 0) return {"-" + rational_latex(-r).text, precedence::product};
    const printed plain = rational_text(r);
    if (r.den == 1 || is_decimal(r)) return {plain.text, precedence::atom};
    return {"\\frac{" + std::to_string(r.num) + "}{" + std::to_string(r.den) + "}", precedence::atom};
}

template <class Node>
struct printer;

template <class Node>
printed print(Node) {
    return printer<Node>::print();
}

template <fixed_string Name>
struct printer<variable<Name>> {
    static printed print() { return {symbol_latex(Name.view()), precedence::atom}; }
};
template <fixed_string Name>
struct printer<parameter<Name>> {
    static printed print() { return {symbol_latex(Name.view()), precedence::atom}; }
};
template <fixed_string Symbol, fixed_string Digits>
struct printer<named_constant<Symbol, Digits>> {
    static printed print() { return {symbol_latex(Symbol.view()), precedence::atom}; }
};
template <std::intmax_t N, std::intmax_t D>
struct printer<rational<N, D>> {
    static printed print() { return rational_latex({N, D}); }
};

template <class... Ts>
struct printer<sum<Ts...>> {
    template <class T>
    static void append(std::string& out, bool first) {
        if constexpr (is_negative_v<T>) {
            out += first ? "-" : " - ";
            out += latex_wrapped(latex_printing::print(negated_t<T>{}), precedence::product);
        } else {
            if (!first) out += " + ";
            out += latex_printing::print(T{}).text;
        }
    }
    static printed print() {
        std::string out;
        in_reading_order<Ts...>([&]<class T>(type<T>, bool first) { append<T>(out, first); });
        return {out, precedence::sum};
    }
};

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

template <class... Fs>
struct quotient_printer {
    struct parts {
        std::vector<std::string> coefficient_top;
        std::vector<printed> top, bottom;
        std::intmax_t coefficient_bottom = 1;
        bool nested = false;  // a factor that is itself a fraction, or a sum or power holding one
    };
    template <class F>
    static bool holds_fraction(const printed& p) {
        return (is_sum_v<F> || is_power_v<F> || is_product_v<F>) && p.text.find("\\frac") != std::string::npos;
    }
    template <class F>
    static void add(parts& p) {
        if constexpr (is_rational_v<F>) {
            const ratio r = F::value;
            if (r.den == 1 || is_decimal(r)) {
                if (!(r == ratio{1, 1})) p.coefficient_top.push_back(rational_latex(r).text);
            } else {
                if (r.num != 1) p.coefficient_top.push_back(std::to_string(r.num));
                p.coefficient_bottom = r.den;
            }
        } else if constexpr (is_power_v<F> && powered<F>::exponent.num < 0) {
            using base = typename powered<F>::base;
            using positive = decltype(make_power<-powered<F>::exponent>(base{}));
            const printed b = latex_printing::print(positive{});
            p.nested = p.nested || holds_fraction<positive>(b);
            p.bottom.push_back(b);
        } else {
            const printed f = latex_printing::print(F{});
            p.nested = p.nested || holds_fraction<F>(f);
            p.top.push_back(f);
        }
    }
    // Factors of a product by juxtaposition, each parenthesised if it binds
    // looser than a product (a sum); a lone factor needs nothing.
    static std::vector<std::string> factors(const std::vector<std::string>& leading, const std::vector<printed>& rest) {
        std::vector<std::string> out = leading;
        const bool alone = leading.empty() && rest.size() == 1;
        for (const auto& f : rest) out.push_back(alone ? f.text : latex_wrapped(f, precedence::power));
        return out;
    }
    static printed print() {
        parts p;
        ((is_constant_v<Fs> ? add<Fs>(p) : void()), ...);
        ((is_constant_v<Fs> ? void() : add<Fs>(p)), ...);
        if (p.bottom.empty()) {
            std::vector<std::string> leading = p.coefficient_top;
            if (p.coefficient_bottom != 1) {
                // A rational coefficient in front: \frac{1}{2} x
                const std::string c = p.coefficient_top.empty() ? "1" : p.coefficient_top.front();
                leading = {"\\frac{" + c + "}{" + std::to_string(p.coefficient_bottom) + "}"};
            }
            std::vector<std::string> all = leading;
            for (const auto& f : p.top) all.push_back(latex_wrapped(f, precedence::power));
            return {juxtapose(all), all.size() == 1 ? precedence::power : precedence::product};
        }
        const std::vector<std::string> top = factors(p.coefficient_top, p.top);
        std::vector<std::string> bottom_leading;
        if (p.coefficient_bottom != 1) bottom_leading.push_back(std::to_string(p.coefficient_bottom));
        const std::vector<std::string> bottom = factors(bottom_leading, p.bottom);
        const std::string numerator = top.empty() ? "1" : juxtapose(top);
        const std::string denominator = juxtapose(bottom);
        if (!p.nested) return {"\\frac{" + numerator + "}{" + denominator + "}", precedence::atom};
        // Fractions inside: an inline quotient reads better than stacked fractions.
        const auto inline_part = [](const std::vector<std::string>& parts_, const std::vector<printed>& raw,
                                    const std::string& text) {
            const bool single = parts_.size() == 1 && (raw.size() != 1 || raw.front().level >= precedence::power);
            return single ? text : "\\left(" + text + "\\right)";
        };
        return {inline_part(top, p.top, numerator) + " / " + inline_part(bottom, p.bottom, denominator),
                precedence::product};
    }
};

template <class... Fs>
struct printer<product<Fs...>> {
    static printed print() {
        if constexpr (is_negative_v<product<Fs...>>) {
            return {"-" + latex_wrapped(latex_printing::print(negated_t<product<Fs...>>{}), precedence::product),
                    precedence::product};
        } else {
            return quotient_printer<Fs...>::print();
        }
    }
};

template <class B, std::intmax_t N, std::intmax_t D>
struct printer<power<B, rational<N, D>>> {
    static printed print() {
        if constexpr (N < 0) {
            return quotient_printer<power<B, rational<N, D>>>::print();
        } else if constexpr (N == 1 && D == 2) {
            return {"\\sqrt{" + latex_printing::print(B{}).text + "}", precedence::atom};
        } else {
            const std::string base = latex_wrapped(latex_printing::print(B{}), precedence::atom);
            const std::string exponent = D == 1 ? std::to_string(N) : rational_latex({N, D}).text;
            return {base + "^{" + exponent + "}", precedence::power};
        }
    }
};

template <class F, class U>
struct printer<apply<F, U>> {
    static printed print() {
        return {primitive_traits<F>::latex(latex_printing::print(U{}).text), precedence::atom};
    }
};

template <class A, class B>
struct printer<maximum<A, B>> {
    static printed print() {
        return {"\\max\\left(" + latex_printing::print(A{}).text + ", " + latex_printing::print(B{}).text + "\\right)",
                precedence::atom};
    }
};
template <class A, class B>
struct printer<minimum<A, B>> {
    static printed print() {
        return {"\\min\\left(" + latex_printing::print(A{}).text + ", " + latex_printing::print(B{}).text + "\\right)",
                precedence::atom};
    }
};

template <class Relation, class A, class B>
struct printer<comparison<Relation, A, B>> {
    static printed print() {
        std::string_view op = " \\ge ";
        if constexpr (std::is_same_v<Relation, less>) op = " < ";
        if constexpr (std::is_same_v<Relation, less_equal>) op = " \\le ";
        if constexpr (std::is_same_v<Relation, greater>) op = " > ";
        return {latex_printing::print(A{}).text + std::string(op) + latex_printing::print(B{}).text,
                precedence::condition};
    }
};

// The rows of a cases block. An else-branch where continues the rows
// (a if c₁, b if c₂, d otherwise); a then-branch where splits its row, its
// conditions joined to the outer one (a if c₁, c₂; b if c₁, not c₂; ...).
template <class T>
struct cases_of {
    static std::string rows(const std::string& context) {
        return latex_printing::print(T{}).text + " & " + (context.empty() ? "\\text{otherwise}" : context);
    }
};
template <class C, class A, class B>
struct cases_of<where_node<C, A, B>> {
    static std::string rows(const std::string& context) {
        const std::string joined = context.empty() ? "" : context + ", ";
        const std::string when = joined + latex_printing::print(C{}).text;
        std::string out;
        if constexpr (is_where_v<A>) {
            out = cases_of<A>::rows(when);
        } else {
            out = latex_printing::print(A{}).text + " & " + when;
        }
        const std::string otherwise = context.empty() ? "" : joined + latex_printing::print(negation_t<C>{}).text;
        return out + " \\\\ " + cases_of<B>::rows(otherwise);
    }
};

template <class C, class A, class B>
struct printer<where_node<C, A, B>> {
    static printed print() {
        return {"\\begin{cases} " + cases_of<where_node<C, A, B>>::rows("") + " \\end{cases}", precedence::atom};
    }
};

// d/dx[f], or ∂/∂x[f] when f has other symbols too.
template <class F, class V>
struct printer<derivative_of<F, V>> {
    static printed print() {
        const std::string v = latex_printing::print(V{}).text;
        const bool partial = !std::is_same_v<typename symbols_of<F>::type, list<>> &&
                             ([]<class... Ss>(list<Ss...>) { return (!std::is_same_v<Ss, V> || ...); }(
                                 typename symbols_of<F>::type{}));
        const std::string op = partial ? "\\frac{\\partial}{\\partial " + v + "}" : "\\frac{d}{d" + v + "}";
        return {op + "\\left[" + latex_printing::print(F{}).text + "\\right]", precedence::power};
    }
};

}  // namespace detail::latex_printing

template <class F>
    requires detail::involves_library_type<F>
std::string latex(F) {
    static_assert(Expression<F> || Condition<F>, "actdiff: latex(f): f must be an actdiff expression");
    return detail::latex_printing::print(F{}).text;
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
