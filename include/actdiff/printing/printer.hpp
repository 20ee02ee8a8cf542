// The one printer. It walks an expression once, with one precedence table, and
// asks a dialect how to spell what it finds: to_string's text, latex's LaTeX
// and the emitter's C++/CUDA are the three dialects.
//
// The walk decides the grammar shared by all of them:
//   - parentheses only where the precedence table needs them;
//   - negative terms print as subtraction, a negative product as −(…);
//   - factors with a negative exponent move to a denominator;
//   - a node the dialect has named (a temporary of emitted code) prints as its name.
// A dialect states the spellings: symbols, numbers, the minus sign,
// parentheses, quotients, powers, calls, max and min, relations, where and
// derivatives. Its options say in which order the terms of a sum and the
// factors of a product are read, and whether b^(k/2) is a power of √b.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <actdiff/core/expression.hpp>
#include <actdiff/core/symbols.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff::detail {

// Binding strength of a printed form: what it needs around it.
enum class precedence : int { condition = 0, sum = 1, product = 2, power = 3, atom = 4 };

struct printed {
    std::string text;
    precedence level;
};

// The Greek letters a symbol's name may spell (alpha → α, \alpha).
inline constexpr std::string_view greek_letters[][2] = {
    {"alpha", "α"}, {"beta", "β"},   {"gamma", "γ"}, {"delta", "δ"},   {"epsilon", "ε"}, {"zeta", "ζ"},
    {"eta", "η"},   {"theta", "θ"},  {"iota", "ι"},  {"kappa", "κ"},   {"lambda", "λ"},  {"mu", "μ"},
    {"nu", "ν"},    {"xi", "ξ"},     {"pi", "π"},    {"rho", "ρ"},     {"sigma", "σ"},   {"tau", "τ"},
    {"phi", "φ"},   {"chi", "χ"},    {"psi", "ψ"},   {"omega", "ω"},   {"Gamma", "Γ"},   {"Delta", "Δ"},
    {"Theta", "Θ"}, {"Lambda", "Λ"}, {"Xi", "Ξ"},    {"Pi", "Π"},      {"Sigma", "Σ"},   {"Phi", "Φ"},
    {"Psi", "Ψ"},   {"Omega", "Ω"}};

// The Unicode letter a name's stem spells, or "" when it is not Greek.
constexpr std::string_view greek_letter(std::string_view stem) {
    for (const auto& entry : greek_letters) {
        if (entry[0] == stem) return entry[1];
    }
    return {};
}

// n/d ≥ 0 with d = 2^a·5^b in decimal notation ("0.044715"), every digit exact.
inline std::string decimal_digits(std::intmax_t n, std::intmax_t d) {
    int twos = 0, fives = 0;
    for (std::intmax_t rest = d; rest % 2 == 0; rest /= 2) ++twos;
    for (std::intmax_t rest = d; rest % 5 == 0; rest /= 5) ++fives;
    const int places = twos > fives ? twos : fives;
    if (places == 0) return std::to_string(n);
    // Scale the fraction to a power of ten.
    for (int i = twos; i < places; ++i) n *= 2;
    for (int i = fives; i < places; ++i) n *= 5;
    // Built by appending, not insert(): g++ 12 at -O3 reports a false
    // -Wrestrict inside libstdc++ for insert (GCC bug 105329).
    const std::string digits = std::to_string(n);
    const std::size_t point = digits.size() > std::size_t(places) ? digits.size() - places : 0;
    std::string text = point == 0 ? std::string("0") : digits.substr(0, point);
    text += '.';
    text.append(std::size_t(places) - (digits.size() - point), '0');
    text += digits.substr(point);
    return text;
}

// A factor of a product as the walk hands it to a dialect's quotient.
struct printed_factor {
    printed form;
    bool compound;  // a sum, product or power: LaTeX looks inside those for nested fractions
};

// A product split for printing: coefficient · numerator / denominator.
struct quotient_parts {
    ratio coefficient{1, 1};  // positive: a negative product prints as −(…) around its negation
    std::vector<printed_factor> numerator, denominator;
};

// A relation's place in a dialect's table of spellings: <, ≤, >, ≥.
template <class Relation>
inline constexpr int relation_index = std::is_same_v<Relation, less>         ? 0
                                      : std::is_same_v<Relation, less_equal> ? 1
                                      : std::is_same_v<Relation, greater>    ? 2
                                                                             : 3;

template <class T>
inline constexpr bool is_compound_v = is_sum_v<T> || is_product_v<T> || is_power_v<T>;

// Each dialect may name nodes; by default none is named.
template <class Dialect, class Node>
std::string name_in(const Dialect& dialect) {
    if constexpr (requires { dialect.template name_of<Node>(); }) {
        return dialect.template name_of<Node>();
    } else {
        return {};
    }
}

// Whether the dialect writes b^(k/2) as b^((k − 1)/2) times the node √b
// (emitted code, which computes it so, with the dialect's `times`); by
// default b^(3/2) prints as itself.
template <class Dialect>
constexpr bool powers_of_roots() {
    if constexpr (requires { Dialect::powers_of_roots; }) {
        return Dialect::powers_of_roots;
    } else {
        return false;
    }
}

// How the walk prints each node kind; a dialect spells the parts.
template <class Node>
struct node_printer;

// A node printed in full, even if the dialect has named it.
template <class Dialect, class Node>
printed print_node(const Dialect& dialect, Node) {
    return node_printer<Node>::of(dialect);
}

// A node as it appears inside another: its name if the dialect has given it one.
template <class Dialect, class Node>
printed print(const Dialect& dialect, Node node) {
    if (std::string name = name_in<Dialect, Node>(dialect); !name.empty()) return {std::move(name), precedence::atom};
    return print_node(dialect, node);
}

// The terms of a sum in the dialect's order. Reading order: positive terms,
// then subtracted ones, a subtracted constant last (x − threshold, 1 − σ(x),
// e^x − 1). Source order: a constant last after a positive term (e^x − 1,
// x + 1), first before only subtracted ones (1 − t·t).
template <bool ReadingOrder, class... Ts, class Visit>
void for_each_term(Visit visit) {
    const auto take_if = [&]<class T>(type<T>, bool take) {
        if (take) visit(type<T>{});
    };
    if constexpr (ReadingOrder) {
        (take_if(type<Ts>{}, !is_negative_v<Ts>), ...);
        (take_if(type<Ts>{}, is_negative_v<Ts> && !is_rational_v<Ts>), ...);
        (take_if(type<Ts>{}, is_negative_v<Ts> && is_rational_v<Ts>), ...);
    } else {
        constexpr bool any_positive = ((!is_negative_v<Ts> && !is_rational_v<Ts>) || ...);
        if (!any_positive) (take_if(type<Ts>{}, is_rational_v<Ts>), ...);
        (take_if(type<Ts>{}, !is_rational_v<Ts> && !is_negative_v<Ts>), ...);
        (take_if(type<Ts>{}, !is_rational_v<Ts> && is_negative_v<Ts>), ...);
        if (any_positive) (take_if(type<Ts>{}, is_rational_v<Ts>), ...);
    }
}

template <class... Ts>
struct node_printer<sum<Ts...>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        std::string out;
        for_each_term<Dialect::reading_order, Ts...>([&]<class T>(type<T>) {
            if constexpr (is_negative_v<T>) {
                out += out.empty() ? std::string(Dialect::minus) : " " + std::string(Dialect::minus) + " ";
                out += dialect.wrap(print(dialect, negated_t<T>{}), precedence::product);
            } else {
                if (!out.empty()) out += " + ";
                out += dialect.wrap(print(dialect, T{}), precedence::product);
            }
        });
        return {out, precedence::sum};
    }
};

// c^(Sign/2) for a constant c, and its c (1 for any other factor).
template <class F, int Sign>
inline constexpr bool is_root_of_constant_v = false;
template <class B, std::intmax_t N, std::intmax_t D, int Sign>
    requires(is_constant_v<B> && ratio{N, D} == ratio{Sign, 2})
inline constexpr bool is_root_of_constant_v<power<B, rational<N, D>>, Sign> = true;
template <class F, int Sign>
using root_base_t = std::conditional_t<is_root_of_constant_v<F, Sign>, typename powered<F>::base, rational<1, 1>>;

// Factors in the dialect's order: a reader puts constants first (√(2/π)·(x + …)),
// source keeps the order in which the library multiplies.
template <class Dialect, class... Fs>
quotient_parts split_quotient(const Dialect& dialect) {
    quotient_parts parts;
    const auto add = [&]<class F>(type<F>) {
        if constexpr (is_rational_v<F>) {
            parts.coefficient = F::value;
        } else if constexpr (is_power_v<F> && powered<F>::exponent.num < 0) {
            if (std::string name = name_in<Dialect, F>(dialect); !name.empty()) {
                parts.numerator.push_back({{std::move(name), precedence::atom}, false});
            } else {
                using positive = decltype(make_power<-powered<F>::exponent>(typename powered<F>::base{}));
                parts.denominator.push_back({print(dialect, positive{}), is_compound_v<positive>});
            }
        } else {
            parts.numerator.push_back({print(dialect, F{}), is_compound_v<F>});
        }
    };
    if constexpr (Dialect::reading_order) {
        // A reader writes √2·√π under a fraction bar as √(2π): square roots
        // of constants, on either side, print as one.
        const auto add_roots = [&]<int Sign>(std::integral_constant<int, Sign>) {
            constexpr std::size_t roots = (std::size_t(is_root_of_constant_v<Fs, Sign>) + ...);
            if constexpr (roots >= 2) {
                using radicand = decltype(make_product(root_base_t<Fs, Sign>{}...));
                auto& side = Sign < 0 ? parts.denominator : parts.numerator;
                side.push_back({dialect.power(print(dialect, radicand{}), ratio{1, 2}), true});
            }
            return roots >= 2;
        };
        const bool merged_down = add_roots(std::integral_constant<int, -1>{});
        const bool merged_up = add_roots(std::integral_constant<int, 1>{});
        const auto add_unless_merged = [&]<class F>(type<F>) {
            if ((merged_down && is_root_of_constant_v<F, -1>) || (merged_up && is_root_of_constant_v<F, 1>)) return;
            add(type<F>{});
        };
        ((is_constant_v<Fs> ? add_unless_merged(type<Fs>{}) : void()), ...);
        ((is_constant_v<Fs> ? void() : add(type<Fs>{})), ...);
    } else {
        (add(type<Fs>{}), ...);
    }
    return parts;
}

template <class... Fs>
struct node_printer<product<Fs...>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        if constexpr (is_negative_v<product<Fs...>>) {
            return {std::string(Dialect::minus) + dialect.wrap(print(dialect, negated_t<product<Fs...>>{}), precedence::product),
                    precedence::product};
        } else {
            return dialect.quotient(split_quotient<Dialect, Fs...>(dialect));
        }
    }
};

template <class B, std::intmax_t N, std::intmax_t D>
struct node_printer<power<B, rational<N, D>>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        if constexpr (N < 0) {
            return dialect.quotient(split_quotient<Dialect, power<B, rational<N, D>>>(dialect));
        } else if constexpr (D == 2 && N != 1 && !is_constant_v<B> && powers_of_roots<Dialect>()) {
            // b^(k/2) = b^((k − 1)/2)·√b, as evaluation/evaluate.hpp computes it
            return dialect.times(dialect.power(print(dialect, B{}), ratio{(N - 1) / 2, 1}),
                                 print(dialect, power<B, rational<1, 2>>{}));
        } else {
            return dialect.power(print(dialect, B{}), ratio{N, D});
        }
    }
};

template <fixed_string Name>
struct node_printer<variable<Name>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        return {dialect.symbol(Name.view()), precedence::atom};
    }
};
template <fixed_string Name>
struct node_printer<parameter<Name>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        return {dialect.symbol(Name.view()), precedence::atom};
    }
};
template <fixed_string Symbol, fixed_string Digits>
struct node_printer<named_constant<Symbol, Digits>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        return {dialect.constant(Symbol.view(), Digits.view()), precedence::atom};
    }
};
template <std::intmax_t N, std::intmax_t D>
struct node_printer<rational<N, D>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        return dialect.number(ratio{N, D});
    }
};

// Whether the dialect is read by people (LaTeX), who see a kernel-only
// primitive (expm1) as its definition (e^u − 1); by default it is not.
template <class Dialect>
constexpr bool for_readers() {
    if constexpr (requires { Dialect::for_readers; }) {
        return Dialect::for_readers;
    } else {
        return false;
    }
}

template <class F, class U>
struct node_printer<apply<F, U>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        if constexpr (for_readers<Dialect>() && primitive_traits<F>::shown_to_readers == readers_see::definition) {
            return print(dialect, decltype(F::definition(U{})){});
        } else {
            return dialect.template call<F>(print(dialect, U{}));
        }
    }
};

template <class A, class B>
struct node_printer<maximum<A, B>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        return dialect.extremum(true, print(dialect, A{}), print(dialect, B{}));
    }
};
template <class A, class B>
struct node_printer<minimum<A, B>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        return dialect.extremum(false, print(dialect, A{}), print(dialect, B{}));
    }
};

template <class Relation, class A, class B>
struct node_printer<comparison<Relation, A, B>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        return {dialect.wrap(print(dialect, A{}), precedence::sum) + std::string(Dialect::relations[relation_index<Relation>]) +
                    dialect.wrap(print(dialect, B{}), precedence::sum),
                precedence::condition};
    }
};

// where needs more than its children's printed forms (LaTeX lays out nested
// wheres as the rows of one cases block), so the dialect gets the node.
template <class C, class A, class B>
struct node_printer<where_node<C, A, B>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        return dialect.where(where_node<C, A, B>{});
    }
};

// The operator of a pending derivative: d or ∂ by its own symbols, or one
// throughout (a derivation keeps its outer function's).
enum class derivative_notation { by_symbols, ordinary, partial };

// Whether d/dv[f] is a partial derivative: f has other symbols too.
template <class F, class V>
inline constexpr bool partial_derivative_v = []<class... Ss>(list<Ss...>) {
    return (!std::is_same_v<Ss, V> || ...);
}(typename symbols_of<F>::type{});

// d/dx[f], or ∂/∂x[f] when f has other symbols too; a dialect that fixes the
// notation (a derivation, in its outer function's) overrides it.
template <class F, class V>
struct node_printer<derivative_of<F, V>> {
    template <class Dialect>
    static printed of(const Dialect& dialect) {
        bool partial = partial_derivative_v<F, V>;
        if constexpr (requires { dialect.partial; }) {
            if (dialect.partial != derivative_notation::by_symbols) partial = dialect.partial == derivative_notation::partial;
        }
        return dialect.derivative(print(dialect, F{}), print(dialect, V{}), partial);
    }
};

}  // namespace actdiff::detail

ACTDIFF_TEXT_CODE_END
