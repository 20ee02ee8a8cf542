// to_string(f): readable Unicode text, e.g. "σ(x)·(1 − σ(x))", "x²", "√x".
// Parentheses only where precedence needs them; negative terms print as
// subtraction and negative powers as division. Names such as alpha, lambda_01
// print as Greek letters (α, λ₀₁). The text depends only on the expression's
// type, so it is the same with every compiler.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <actdiff/detail/construct.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/core/expression.hpp>
#include <actdiff/primitive/protocol.hpp>
#include <actdiff/core/symbols.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

namespace detail {

// Binding strength of the printed form: what it needs around it.
enum class precedence : int { condition = 0, sum = 1, product = 2, power = 3, atom = 4 };

struct printed {
    std::string text;
    precedence level;
};

inline std::string wrapped(const printed& p, precedence needed) {
    if (p.level >= needed) return p.text;
    return "(" + p.text + ")";
}

inline std::string superscript(std::intmax_t n) {
    static constexpr std::string_view digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string out = n < 0 ? "⁻" : "";
    const std::string decimal = std::to_string(n < 0 ? -n : n);
    for (char ch : decimal) out += digits[ch - '0'];
    return out;
}

inline std::string symbol_text(std::string_view name) {
    static constexpr std::string_view greek[][2] = {
        {"alpha", "α"}, {"beta", "β"},   {"gamma", "γ"}, {"delta", "δ"},   {"epsilon", "ε"}, {"zeta", "ζ"},
        {"eta", "η"},   {"theta", "θ"},  {"iota", "ι"},  {"kappa", "κ"},   {"lambda", "λ"},  {"mu", "μ"},
        {"nu", "ν"},    {"xi", "ξ"},     {"pi", "π"},    {"rho", "ρ"},     {"sigma", "σ"},   {"tau", "τ"},
        {"phi", "φ"},   {"chi", "χ"},    {"psi", "ψ"},   {"omega", "ω"}};
    static constexpr std::string_view subscripts[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
    const auto underscore = name.find('_');
    const std::string_view stem = name.substr(0, underscore);
    std::string out{stem};
    for (const auto& entry : greek) {
        if (entry[0] == stem) out = entry[1];
    }
    if (underscore == std::string_view::npos) return out;
    const std::string_view suffix = name.substr(underscore + 1);
    bool all_digits = !suffix.empty();
    for (char ch : suffix) all_digits = all_digits && ch >= '0' && ch <= '9';
    if (!all_digits) return out + "_" + std::string(suffix);
    for (char ch : suffix) out += subscripts[ch - '0'];
    return out;
}

// A positive rational as text: integer, decimal (denominator 2^a·5^b, b ≥ 1) or p/q.
inline printed rational_text(ratio r) {
    if (r.num < 0) {
        return {"−" + rational_text(-r).text, precedence::product};
    }
    if (r.den == 1) return {std::to_string(r.num), precedence::atom};
    if (is_decimal(r)) {
        // den = 2^a·5^b: scale the fraction to a power of ten.
        int twos = 0, fives = 0;
        for (std::intmax_t d = r.den; d % 2 == 0; d /= 2) ++twos;
        for (std::intmax_t d = r.den; d % 5 == 0; d /= 5) ++fives;
        const int places = twos > fives ? twos : fives;
        std::intmax_t num = r.num;
        for (int i = twos; i < places; ++i) num *= 2;
        for (int i = fives; i < places; ++i) num *= 5;
        // Built by appending, not insert(): g++ 12 at -O3 reports a false
        // -Wrestrict inside libstdc++ for insert (GCC bug 105329).
        const std::string digits = std::to_string(num);
        const std::size_t point = digits.size() > std::size_t(places) ? digits.size() - places : 0;
        std::string text = point == 0 ? std::string("0") : digits.substr(0, point);
        text += '.';
        text.append(std::size_t(places) - (digits.size() - point), '0');
        text += digits.substr(point);
        return {text, precedence::atom};
    }
    return {std::to_string(r.num) + "/" + std::to_string(r.den), precedence::product};
}

template <class Node>
struct printer;

template <class Node>
printed print(Node) {
    return printer<Node>::print();
}

template <fixed_string Name>
struct printer<variable<Name>> {
    static printed print() { return {symbol_text(Name.view()), precedence::atom}; }
};
template <fixed_string Name>
struct printer<parameter<Name>> {
    static printed print() { return {symbol_text(Name.view()), precedence::atom}; }
};
template <fixed_string Symbol, fixed_string Digits>
struct printer<named_constant<Symbol, Digits>> {
    static printed print() { return {symbol_text(Symbol.view()), precedence::atom}; }
};
template <std::intmax_t N, std::intmax_t D>
struct printer<rational<N, D>> {
    static printed print() { return rational_text({N, D}); }
};

// Visits the terms of a sum in the order a reader expects them: positive
// terms first, then the subtracted ones, a subtracted constant last
// (x − threshold, 1 − σ(x), e^x − 1). Both printers use it.
template <class... Ts, class Visit>
void in_reading_order(Visit visit) {
    bool first = true;
    const auto take = [&]<class T>(type<T> t) {
        visit(t, first);
        first = false;
    };
    ((is_negative_v<Ts> ? void() : take(type<Ts>{})), ...);
    ((is_negative_v<Ts> && !is_rational_v<Ts> ? take(type<Ts>{}) : void()), ...);
    ((is_negative_v<Ts> && is_rational_v<Ts> ? take(type<Ts>{}) : void()), ...);
}

template <class... Ts>
struct printer<sum<Ts...>> {
    template <class T>
    static void append(std::string& out, bool first) {
        if constexpr (is_negative_v<T>) {
            out += first ? "−" : " − ";
            out += wrapped(detail::print(negated_t<T>{}), precedence::product);
        } else {
            if (!first) out += " + ";
            out += detail::print(T{}).text;
        }
    }
    static printed print() {
        std::string out;
        in_reading_order<Ts...>([&]<class T>(type<T>, bool first) { append<T>(out, first); });
        return {out, precedence::sum};
    }
};

// Numerator factors joined by "·", then "/" and the denominator.
template <class... Fs>
struct quotient_printer {
    template <class F>
    static void add(std::vector<std::string>& numerator, std::vector<printed>& denominator) {
        if constexpr (is_rational_v<F>) {
            const ratio r = F::value;
            if (is_decimal(r) || r.den == 1) {
                if (!(r == ratio{1, 1})) numerator.push_back(rational_text(r).text);
            } else {
                if (r.num != 1) numerator.push_back(std::to_string(r.num));
                denominator.push_back({std::to_string(r.den), precedence::atom});
            }
        } else if constexpr (is_power_v<F> && powered<F>::exponent.num < 0) {
            using base = typename powered<F>::base;
            denominator.push_back(detail::print(make_power<-powered<F>::exponent>(base{})));
        } else {
            numerator.push_back(wrapped(detail::print(F{}), precedence::power));
        }
    }
    static printed print() {
        std::vector<std::string> numerator;
        std::vector<printed> denominator;
        // Constant factors first, as a reader writes them: √(2/π)·(x + 0.044715·x³).
        ((is_constant_v<Fs> ? add<Fs>(numerator, denominator) : void()), ...);
        ((is_constant_v<Fs> ? void() : add<Fs>(numerator, denominator)), ...);
        std::string top;
        for (const auto& factor : numerator) top += (top.empty() ? "" : "·") + factor;
        if (denominator.empty()) {
            return {top, precedence::product};
        }
        if (top.empty()) top = "1";
        std::string bottom;
        if (denominator.size() == 1) {
            bottom = wrapped(denominator.front(), precedence::power);
        } else {
            for (const auto& factor : denominator) bottom += (bottom.empty() ? "" : "·") + wrapped(factor, precedence::power);
            bottom = "(" + bottom + ")";
        }
        return {top + "/" + bottom, precedence::product};
    }
};

template <class... Fs>
struct printer<product<Fs...>> {
    static printed print() {
        if constexpr (is_negative_v<product<Fs...>>) {
            return {"−" + wrapped(detail::print(negated_t<product<Fs...>>{}), precedence::product), precedence::product};
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
        } else {
            const printed base = detail::print(B{});
            if constexpr (D == 1) {
                return {wrapped(base, precedence::atom) + superscript(N), precedence::power};
            } else if constexpr (N == 1 && D == 2) {
                return {"√" + wrapped(base, precedence::atom), precedence::power};
            } else {
                return {wrapped(base, precedence::atom) + "^(" + std::to_string(N) + "/" + std::to_string(D) + ")",
                        precedence::power};
            }
        }
    }
};

// A primitive prints in the form its protocol gives (σ(u), |u|, e^u).
template <class F, class U>
struct printer<apply<F, U>> {
    static printed print() { return {primitive_traits<F>::text(detail::print(U{}).text), precedence::atom}; }
};

template <class A, class B>
struct printer<maximum<A, B>> {
    static printed print() {
        return {"max(" + detail::print(A{}).text + ", " + detail::print(B{}).text + ")", precedence::atom};
    }
};
template <class A, class B>
struct printer<minimum<A, B>> {
    static printed print() {
        return {"min(" + detail::print(A{}).text + ", " + detail::print(B{}).text + ")", precedence::atom};
    }
};

template <class Relation, class A, class B>
struct printer<comparison<Relation, A, B>> {
    static printed print() {
        std::string_view op = " ≥ ";
        if constexpr (std::is_same_v<Relation, less>) op = " < ";
        if constexpr (std::is_same_v<Relation, less_equal>) op = " ≤ ";
        if constexpr (std::is_same_v<Relation, greater>) op = " > ";
        return {detail::print(A{}).text + std::string(op) + detail::print(B{}).text, precedence::condition};
    }
};

template <class C, class A, class B>
struct printer<where_node<C, A, B>> {
    static printed print() {
        return {"where(" + detail::print(C{}).text + ", " + detail::print(A{}).text + ", " + detail::print(B{}).text + ")",
                precedence::atom};
    }
};

template <class F, class V>
struct printer<derivative_of<F, V>> {
    static printed print() {
        return {"d/d" + detail::print(V{}).text + "[" + detail::print(F{}).text + "]", precedence::power};
    }
};

}  // namespace detail

template <class F>
    requires detail::involves_library_type<F>
std::string to_string(F) {
    static_assert(Expression<F> || Condition<F>, "actdiff: to_string(f): f must be an actdiff expression");
    return detail::print(F{}).text;
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
