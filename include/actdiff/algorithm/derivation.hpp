// derivation(f, x): a LaTeX align* block that walks from d/dx f to the
// derivative d(f, x) returns, one rule a line, as a course note would. For
// sigmoid written as 1/(1 + e^{-x}) the lines are: the power rule, the
// derivative of exp, which leave e^{-x}/(1 + e^{-x})^2, and then the
// canonical form σ(x)(1 − σ(x)), "by 1/(1 + e^{−u}) = σ(u)".
// The steps are the engine's own: each differentiation line expands the
// leftmost pending d/dx[u] with the same one-step rule d() uses
// (algorithm/derivative.hpp), and the simplification line is the same
// rewrite d() applies (algorithm/simplify.hpp), labelled with the reasons its
// rules gave as they fired.
// As an author writes it: constants are never differentiated (derivative.hpp)
// and linearity goes without saying; one notation, ∂ or d, throughout; a long
// argument of a call is named, "u = √(2/π)(x + 0.044715x³), u' = ...", its
// derivative left pending as u' in the main steps and substituted in one step
// at the end (gelu_tanh: 3 steps, where writing u out took 10 lines and 2.6
// times GitHub's column); and a formula with max and min is derived by pieces.
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <actdiff/algorithm/definition.hpp>
#include <actdiff/algorithm/derivative.hpp>
#include <actdiff/algorithm/notation.hpp>
#include <actdiff/algorithm/transform.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/printing/latex.hpp>
#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/algorithm/textbook.hpp>
#include <actdiff/printing/to_string.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

namespace detail {

// The leftmost, outermost pending derivative of T, or void. The derivatives
// of named subterms (Named, a list) stay pending: they are derived aside.
template <class T, class Named>
struct first_pending {
    using type = void;
};
template <class F, class V, class... Named>
struct first_pending<derivative_of<F, V>, list<Named...>> {
    using type = std::conditional_t<one_of_v<F, Named...>, void, derivative_of<F, V>>;
};
template <class T>
inline constexpr bool is_derivative_of_v = false;
template <class F, class V>
inline constexpr bool is_derivative_of_v<derivative_of<F, V>> = true;

template <template <class...> class Node, class... Children, class Named>
    requires(!is_derivative_of_v<Node<Children...>>)
struct first_pending<Node<Children...>, Named> {
    template <class Found, class... Rest>
    struct first {
        using type = Found;
    };
    template <class C, class... Rest>
    struct first<void, C, Rest...> {
        using type = typename first<typename first_pending<C, Named>::type, Rest...>::type;
    };
    using type = typename first<void, Children...>::type;
};

// ---- named subterms ----------------------------------------------------------
// A long argument of a call, or one that is a call itself (Mish's
// tanh(softplus(x))), and a long branch of a piecewise function are named, as an author writes "let u = ...": the
// derivation prints u, derives u' aside, and substitutes it at the end.

// The nodes of a tree: whether an argument is long enough to name.
template <class T>
inline constexpr std::size_t node_count_v = 1;
template <template <class...> class Node, class... Children>
inline constexpr std::size_t node_count_v<Node<Children...>> = 1 + (node_count_v<Children> + ... + 0);
inline constexpr std::size_t named_from_nodes = 8;  // √(2/π)(x + 0.044715x³) is 15; x/√2 is 5

template <class Found, class T>
constexpr auto with_new(Found, T) {
    if constexpr ([]<class... Fs>(list<Fs...>) { return one_of_v<T, Fs...>; }(Found{})) {
        return Found{};
    } else {
        return Found{} + list<T>{};
    }
}

// The outermost long arguments in V of T's calls, each once, left to right.
template <class T, class V, class Found>
struct long_arguments {
    using type = Found;
};
template <template <class...> class Node, class... Children, class V, class Found>
struct long_arguments<Node<Children...>, V, Found> {
    template <class Acc, class... Rest>
    struct fold {
        using type = Acc;
    };
    template <class Acc, class C, class... Rest>
    struct fold<Acc, C, Rest...> {
        using type = typename fold<typename long_arguments<C, V, Acc>::type, Rest...>::type;
    };
    using type = typename fold<Found, Children...>::type;
};
template <class F, class U, class V, class Found>
    requires((node_count_v<U> >= named_from_nodes || is_apply_v<U>) && uses_v<U, V>)
struct long_arguments<apply<F, U>, V, Found> {
    using type = decltype(with_new(Found{}, U{}));
};
// A long branch of a piecewise function, derived aside as its own function.
template <class T, class V, class Found>
struct long_branch : long_arguments<T, V, Found> {};
template <class T, class V, class Found>
    requires(node_count_v<T> >= named_from_nodes && uses_v<T, V> && !is_where_v<T>)
struct long_branch<T, V, Found> {
    using type = decltype(with_new(Found{}, T{}));
};
template <class C, class A, class B, class V, class Found>
struct long_arguments<where_node<C, A, B>, V, Found>
    : long_branch<B, V, typename long_branch<A, V, typename long_arguments<C, V, Found>::type>::type> {};

template <class F, class V>
using named_subterms_t = typename long_arguments<F, V, list<>>::type;

inline constexpr std::string_view subterm_names[] = {"u", "v", "w", "p", "q", "r", "s"};

// ---- pieces -----------------------------------------------------------------
// f by pieces, as an author writes hardswish: 0 for x ≤ −3, x(x + 3)/6 between,
// x from 3. max and min become where with the branches d() takes at a tie
// (max(a, b) is a where a > b), the parts of a product or sum move into its
// where's branches, and the value rules resolve the nested conditions.
struct into_pieces {};
template <class A, class B>
struct rewrite<into_pieces, maximum<A, B>> {
    using type = decltype(make_where(comparison<greater, A, B>{}, transform_t<into_pieces, A>{}, transform_t<into_pieces, B>{}));
};
template <class A, class B>
struct rewrite<into_pieces, minimum<A, B>> {
    using type = decltype(make_where(comparison<less, A, B>{}, transform_t<into_pieces, A>{}, transform_t<into_pieces, B>{}));
};
template <class T>
struct distributed_pieces {
    using type = T;
};
template <class T>
    requires(!std::is_same_v<decltype(distributed_into_where(T{})), T>)
struct distributed_pieces<T> {
    using type = typename distributed_pieces<decltype(distributed_into_where(T{}))>::type;
};
template <class C, class A, class B>
struct distributed_pieces<where_node<C, A, B>> {
    using type = decltype(make_where(C{}, typename distributed_pieces<A>::type{}, typename distributed_pieces<B>::type{}));
};
template <class... Ts>
struct rewrite<into_pieces, sum<Ts...>> : distributed_pieces<decltype(make_sum(transform_t<into_pieces, Ts>{}...))> {};
template <class... Fs>
struct rewrite<into_pieces, product<Fs...>> : distributed_pieces<decltype(make_product(transform_t<into_pieces, Fs>{}...))> {};

template <class F>
using pieces_t = decltype(fixpoint<list<value_rules>, transform_t<into_pieces, F>, simplify_passes>(transform_t<into_pieces, F>{}));

// A derivation goes through the pieces of f when f has max or min to take
// apart, the pieces' conditions are plain, and the pieces' derivative is, in
// canonical form, the very d(f, v): then the steps still end where d does,
// at its kink values.
template <class T>
inline constexpr std::size_t extrema_v = length_v<gathered_t<extremum, T>>;
template <class T>
inline constexpr bool has_max_or_min_v = extrema_v<T> > 0;

// Whether a condition still compares a max or min: then the pieces read no
// better than f (hardtanh's max(x, lo) < hi, with lo and hi unknown).
template <class T>
struct condition_with_extremum {
    using type = list<>;
};
template <class C, class A, class B>
    requires has_max_or_min_v<C>
struct condition_with_extremum<where_node<C, A, B>> {
    using type = list<C>;
};
template <class T>
inline constexpr bool max_or_min_in_condition_v = length_v<gathered_t<condition_with_extremum, T>> > 0;

template <class F, class V>
inline constexpr bool by_pieces_v = [] {
    if constexpr (!has_max_or_min_v<F>) {
        return false;
    } else if constexpr (std::is_same_v<pieces_t<F>, F> || max_or_min_in_condition_v<pieces_t<F>>) {
        return false;
    } else {
        return std::is_same_v<decltype(d(pieces_t<F>{}, V{})), decltype(d(F{}, V{}))>;
    }
}();

struct pieces_step {
    static std::string text(const latex_printing::latex_dialect&) { return "\\text{by pieces}"; }
};

// One line: the expression after a step, and why.
template <class Expr, class Why>
struct step {
    using why = Why;
};

// The rule a derivation applies to a node: d()'s, except that a quotient
// whose numerator and denominator both hold the variable is read by the
// quotient rule, as an author writes (u/v)' = (u'v − uv')/v². d() keeps the
// product rule: its raw form, and so its canonical form, stay as they are.
template <class T>
inline constexpr bool is_reciprocal_power_v = false;
template <class B, std::intmax_t N, std::intmax_t D>
    requires(N < 0)
inline constexpr bool is_reciprocal_power_v<power<B, rational<N, D>>> = true;

template <class... Fs>
struct quotient_reading {
    template <class F>
    static constexpr auto upper() {
        if constexpr (is_reciprocal_power_v<F>) return one{}; else return F{};
    }
    template <class F>
    static constexpr auto lower() {
        if constexpr (is_reciprocal_power_v<F>) return make_power<-powered<F>::exponent>(typename powered<F>::base{}); else return one{};
    }
    using numerator = decltype(make_product(upper<Fs>()...));
    using denominator = decltype(make_product(lower<Fs>()...));
    // (u'v − uv')/v², with the derivatives of u and v given by Derive.
    template <class V, class Derive>
    static constexpr auto rule(Derive derive) {
        return make_product(make_sum(make_product(derive(numerator{}, V{}), denominator{}),
                                     make_product(rational<-1, 1>{}, numerator{}, derive(denominator{}, V{}))),
                            make_power<ratio{-2, 1}>(denominator{}));
    }
};

// Only where it simplifies to d()'s form, as a derivation must end there.
// For the function a derivation starts from (Whole), also where it does once
// divided term by term: the quotient rule on tanh's exp form gives
// ((eˣ + e⁻ˣ)² − (eˣ − e⁻ˣ)²)/(eˣ + e⁻ˣ)², which is 1 − tanh² only so.
template <class S, bool Whole, class... Fs>
constexpr bool reads_as_quotient() {
    if constexpr (((is_reciprocal_power_v<Fs> && uses_v<Fs, S>) || ...) && ((!is_reciprocal_power_v<Fs> && uses_v<Fs, S>) || ...)) {
        using by_quotient = decltype(quotient_reading<Fs...>::template rule<S>([](auto f, auto v) { return d(f, v); }));
        using derivative = decltype(d(product<Fs...>{}, S{}));
        if constexpr (std::is_same_v<decltype(simplify(by_quotient{})), derivative>) {
            return true;
        } else {
            return Whole && std::is_same_v<decltype(simplify(expand(by_quotient{}))), derivative>;
        }
    } else {
        return false;
    }
}

// The rule for Node within the derivation of Whole.
template <class Node, class S, class Whole = void>
struct derivation_rule : derivative_rule<Node> {};
template <class... Fs, class S, class Whole>
    requires(reads_as_quotient<S, std::is_same_v<product<Fs...>, Whole>, Fs...>())
struct derivation_rule<product<Fs...>, S, Whole> {
    static constexpr std::string_view name = "quotient rule";
    template <class V>
    static constexpr auto expand() {
        return quotient_reading<Fs...>::template rule<V>([](auto f, auto v) { return pending(f, v); });
    }
};

// Why a differentiation step: its rule, naming the inner function of a chain
// (by its name where the derivation has named it).
template <class Node, class S, class Whole = void>
struct rule_step {
    static constexpr std::string_view rule_name() {
        using rule = derivation_rule<Node, S, Whole>;
        if constexpr (requires { rule::template name_for<S>(); }) return rule::template name_for<S>(); else return rule::name;
    }
    // The rule and the function it differentiates: "derivative of \sigma".
    static std::string name() {
        using rule = derivation_rule<Node, S, Whole>;
        std::string out = std::string(rule_name());
        if constexpr (requires { typename rule::function; }) {
            out += " }" + primitive_traits<typename rule::function>::latex_symbol() + "\\text{";
        }
        return out;
    }
    // Whether the rule is a primitive's derivative, which identity() cites.
    static constexpr bool cites_identity = requires { typename derivation_rule<Node, S, Whole>::function; };
    // A primitive's derivative as the identity an author cites, in u:
    // σ'(u) = σ(u)(1 − σ(u)), (e^u)' = e^u, read from the primitive's protocol.
    static std::string identity(const latex_printing::latex_dialect& dialect) {
        using rule = derivation_rule<Node, S, Whole>;
        using F = typename rule::function;
        using u_type = std::remove_cvref_t<decltype(var<"u">)>;
        const std::string u = print(dialect, u_type{}).text;
        std::string prime;
        if constexpr (requires { F::latex(std::string_view{}); }) {
            prime = "\\left(" + primitive_traits<F>::latex(u) + "\\right)'";
        } else {
            prime = primitive_traits<F>::latex_symbol() + "'\\left(" + u + "\\right)";
        }
        return prime + " = " + print(dialect, decltype(F::derivative(u_type{})){}).text;
    }
    // The inner function of a chain is on the line already: naming it again
    // ("u = 1.702x") only widened the block past GitHub's column.
    static std::string text(const latex_printing::latex_dialect& dialect) {
        using rule = derivation_rule<Node, S, Whole>;
        if constexpr (requires { typename rule::function; }) {
            std::string out = identity(dialect);
            if constexpr (!std::is_same_v<typename rule::inner, S>) out += ",\\ \\text{chain rule}";
            return out;
        }
        std::string out = "\\text{" + name();
        if constexpr (requires { typename rule::inner; }) {
            if constexpr (!std::is_same_v<typename rule::inner, S>) return out + " and chain rule}";
        }
        if (out.ends_with("\\text{")) return out.substr(0, out.size() - 6);  // "derivative of }\\exp" ends there
        return out + "}";
    }
    // Linearity (the sum rule, a constant factor), which every reader applies
    // unprompted: its step is taken within a neighbouring one (add_line).
    static bool is_linearity() {
        const std::string_view rule = rule_name();
        return rule == "sum rule" || rule == "constant factor";
    }
};
// ---- why a simplification line holds ----------------------------------------

// The bases among a term's factors that appear with both signs of exponent:
// those a line cancels.
template <class... Fs>
constexpr auto cancelled_bases(list<Fs...>) {
    return (list<>{} | ... | [] {
        using base = typename powered<Fs>::base;
        constexpr bool both = ((std::is_same_v<typename powered<Fs>::base, base> && powered<Fs>::exponent.num > 0) || ...) &&
                              ((std::is_same_v<typename powered<Fs>::base, base> && powered<Fs>::exponent.num < 0) || ...);
        if constexpr (both && !is_rational_v<base>) return type<base>{}; else return type<skip>{};
    }());
}

template <class T>
inline constexpr std::size_t terms_v = 1;
template <class... Ts>
inline constexpr std::size_t terms_v<sum<Ts...>> = sizeof...(Ts);
template <class T>
inline constexpr bool has_negative_power_v = false;
template <class B, std::intmax_t N, std::intmax_t D>
inline constexpr bool has_negative_power_v<power<B, rational<N, D>>> = N < 0;
template <class... Fs>
inline constexpr bool has_negative_power_v<product<Fs...>> = (has_negative_power_v<Fs> || ...);

// Each reason of the simplifier as an author cites it: an identity in u,
// read from the primitives' protocol, or what happened to the structure.
template <class Reason>
struct cited {
    static std::string identity(const latex_printing::latex_dialect&) { return {}; }
    static std::string structure(const latex_printing::latex_dialect&) { return {}; }
};
using u_symbol = std::remove_cvref_t<decltype(var<"u">)>;
template <class A, class B>
std::string identity_line(const latex_printing::latex_dialect& dialect, A, B) {
    return print(dialect, A{}).text + " = " + print(dialect, B{}).text;
}
// A call recognised from its definition (1/(1 + e^{−u}) = σ(u)), unless pages
// print it by that definition anyway (expm1).
template <class F>
struct cited<reason::defined<F>> : cited<void> {
    static std::string identity(const latex_printing::latex_dialect& dialect) {
        if constexpr (requires { F::definition(u_symbol{}); }) {
            if constexpr (primitive_traits<F>::shown_to_readers != readers_see::definition) {
                return identity_line(dialect, F::definition(u_symbol{}), make_apply<F>(u_symbol{}));
            }
        }
        return {};
    }
};
// A call in another's terms, by the alternative form a primitive states
// beside it (σ-space: e^{−u} = (1 − σ(u))/σ(u)).
template <class G, class F>
struct cited<reason::in_terms_of<G, F>> : cited<void> {
    static std::string identity(const latex_printing::latex_dialect& dialect) {
        using minus_u = apply<G, negated_t<u_symbol>>;
        using plus_u = apply<G, u_symbol>;
        using from_minus = typename alternative_factor<minus_u, apply<F, u_symbol>>::type;
        using from_plus = typename alternative_factor<plus_u, apply<F, u_symbol>>::type;
        if constexpr (!std::is_same_v<from_minus, minus_u>) return identity_line(dialect, minus_u{}, from_minus{});
        else if constexpr (!std::is_same_v<from_plus, plus_u>) return identity_line(dialect, plus_u{}, from_plus{});
        else return {};
    }
};
// u·sign(u) = |u|.
template <class G>
struct cited<reason::takes_argument<G>> : cited<void> {
    static std::string identity(const latex_printing::latex_dialect& dialect) {
        return identity_line(dialect, u_symbol{} * make_apply<G>(u_symbol{}), G::times_argument(u_symbol{}));
    }
};
// sin(u)cos(u) = sin(2u)/2.
template <class F, class G>
struct cited<reason::paired<F, G>> : cited<void> {
    static std::string identity(const latex_printing::latex_dialect& dialect) {
        return identity_line(dialect, make_apply<F>(u_symbol{}) * make_apply<G>(u_symbol{}),
                             F::template times<G>(u_symbol{}));
    }
};
// e^a e^b = e^{a + b}.
template <class G>
struct cited<reason::merged<G>> : cited<void> {
    static std::string identity(const latex_printing::latex_dialect& dialect) {
        using a = std::remove_cvref_t<decltype(var<"a">)>;
        using b = std::remove_cvref_t<decltype(var<"b">)>;
        return identity_line(dialect, product<apply<G, a>, apply<G, b>>{}, make_apply<G>(a{} + b{}));
    }
};
template <class C>
struct cited<reason::common_factor<C>> : cited<void> {
    static std::string structure(const latex_printing::latex_dialect& dialect) {
        return "\\text{common factor }" + print(dialect, C{}).text;
    }
};
template <>
struct cited<reason::common_denominator> : cited<void> {
    static std::string structure(const latex_printing::latex_dialect&) { return "\\text{common denominator}"; }
};
template <>
struct cited<reason::into_pieces> : cited<void> {
    static std::string structure(const latex_printing::latex_dialect&) { return "\\text{into the pieces}"; }
};
template <>
struct cited<reason::distributed> : cited<void> {
    static std::string structure(const latex_printing::latex_dialect&) { return "\\text{expanded}"; }
};

// Why Before simplifies to After, as an author says it: what the rules of
// the fixpoint said they did (algorithm/simplify.hpp's reasons), each
// identity read from the primitives' protocol with u for the argument, then
// what the smart constructors did on the way: a cancelled factor, terms
// collected or expanded.
template <class Before, class After, class Known = list<value_rules>>
struct simplification_step {
    static std::string text(const latex_printing::latex_dialect& dialect) {
        std::vector<std::string> parts;
        const auto say = [&](std::string part) {
            if (part.empty()) return;
            for (const auto& p : parts) {
                if (p == part) return;
            }
            parts.push_back(std::move(part));
        };
        // Cancellation: a base over itself (β·σ(βx)/β), in a term or the product.
        [&]<class... Ts>(list<Ts...>) {
            [[maybe_unused]] const auto cancelled = [&]<class... Bs>(list<Bs...>) {
                (say("\\text{cancel }" + print(dialect, Bs{}).text), ...);
            };
            (cancelled(decltype(cancelled_bases(factors_of(Ts{}))){}), ...);
        }(terms_of(Before{}));
        // The rules' own reasons: identities first, then structure.
        using reasons = decltype(fixpoint_reasons<Known, Before, simplify_passes>(Before{}));
        [&]<class... Rs>(list<Rs...>) {
            (say(cited<Rs>::identity(dialect)), ...);
            (say(cited<Rs>::structure(dialect)), ...);
        }(reasons{});
        if constexpr (terms_v<After> < terms_v<Before>) {
            if (parts.empty()) say("\\text{like terms}");
        } else if constexpr (terms_v<After> > terms_v<Before>) {
            if (parts.empty()) say("\\text{expanded}");
        }
        if (parts.empty()) say("\\text{like terms}");
        std::string out;
        for (const auto& p : parts) out += (out.empty() ? "" : ",\\ ") + p;
        return out;
    }
};

// The named subterms' derivatives put in.
template <class... Named>
struct substitution_step {
    static std::string text(const latex_printing::latex_dialect& dialect) {
        std::string out;
        ((out += (out.empty() ? "" : ",\\ ") + dialect.template name_of<Named>() + "'"), ...);
        return "\\text{with }" + out;
    }
};

template <class E, class S, class Named, class Whole = void, class... Steps>
constexpr auto differentiation_steps(list<Steps...>) {
    using next = typename first_pending<E, Named>::type;
    if constexpr (std::is_same_v<next, void>) {
        return list<Steps...>{};
    } else {
        return []<class F, class V>(derivative_of<F, V>) {
            using expanded = decltype(derivation_rule<F, V, Whole>::template expand<V>());
            using after = substitute_t<derivative_of<F, V>, expanded, E>;
            return differentiation_steps<after, S, Named, Whole>(list<Steps..., step<after, rule_step<F, V, Whole>>>{});
        }(next{});
    }
}

// A quotient divided term by term: (a − b)/c = a/c − b/c.
struct term_by_term_step {
    static std::string text(const latex_printing::latex_dialect&) { return "\\text{term by term}"; }
};

// The canonical rewrites, as one line: the same fixpoint d() takes. Where
// that fixpoint is not the derivative (Target) but the one of E divided term
// by term is, the division is a line of its own first (tanh's exp form).
template <class Known, class E, class Target>
constexpr auto simplification_steps() {
    using after = decltype(fixpoint<Known, E, simplify_passes>(E{}));
    using split = decltype(expand(E{}));
    if constexpr (!std::is_same_v<after, Target> && !std::is_same_v<split, E> &&
                  std::is_same_v<decltype(fixpoint<Known, split, simplify_passes>(split{})), Target>) {
        return list<step<split, term_by_term_step>>{} + simplification_steps<Known, split, Target>();
    } else if constexpr (std::is_same_v<after, E>) {
        return list<>{};
    } else {
        return list<step<after, simplification_step<E, after, Known>>>{};
    }
}

template <class T>
struct last_of;
template <class T>
struct last_of<list<T>> {
    using type = T;
};
template <class T, class U, class... Rest>
struct last_of<list<T, U, Rest...>> : last_of<list<U, Rest...>> {};

template <class S>
struct expression_of;
template <class E, class Why>
struct expression_of<step<E, Why>> {
    using type = E;
};

// The nodes of T of the form 1 − c for a call c: the factors textbook() takes out.
template <class T>
struct one_minus_call {
    using type = list<>;
};
template <class F, class U>
struct one_minus_call<sum<one, product<rational<-1, 1>, apply<F, U>>>> {
    using type = list<sum<one, product<rational<-1, 1>, apply<F, U>>>>;
    static constexpr bool stop = true;
};
template <class T>
using one_minus_calls_t = gathered_t<one_minus_call, T>;

template <class T>
inline constexpr bool is_one_minus_call_v = false;
template <class F, class U>
inline constexpr bool is_one_minus_call_v<sum<one, product<rational<-1, 1>, apply<F, U>>>> = true;

// The factors of After's product that Before's has not: the 1 − c taken out.
template <class... As, class... Bs>
constexpr auto new_factors(list<As...>, list<Bs...>) {
    return (list<>{} + ... + [] {
        if constexpr (one_of_v<As, Bs...>) return list<>{}; else return list<As>{};
    }());
}

template <class... Fs>
constexpr auto one_minus_only(list<Fs...>) {
    return (list<>{} + ... + [] {
        if constexpr (is_one_minus_call_v<Fs>) return list<Fs>{}; else return list<>{};
    }());
}

// Why the author's form (textbook()) of the result holds: a max or min in a
// condition split into its pieces, a factor 1 − c taken out, or the terms
// collected by powers of the input.
template <class Before, class After, class V>
struct textbook_step {
    static std::string text(const latex_printing::latex_dialect& dialect) {
        if constexpr (extrema_v<After> < extrema_v<Before>) {
            return "\\text{by pieces}";
        } else {
            // A 1 − c new among the top-level factors, or new anywhere.
            using top = decltype(one_minus_only(new_factors(factors_of(After{}), factors_of(Before{}))));
            using anywhere = decltype(new_factors(one_minus_calls_t<After>{}, one_minus_calls_t<Before>{}));
            using taken_out = decltype(top{} + anywhere{});
            if constexpr (!std::is_same_v<taken_out, list<>>) {
                return "\\text{factor }\\left(" + print(dialect, first_in(taken_out{})).text + "\\right)";
            } else {
                return "\\text{collected in }" + print(dialect, V{}).text;
            }
        }
    }
};

// The author's form of the result as a line of its own, where it differs.
template <class E, class V>
constexpr auto textbook_steps() {
    using after = decltype(textbook(E{}));
    if constexpr (std::is_same_v<after, E>) {
        return list<>{};
    } else {
        return list<step<after, textbook_step<E, after, V>>>{};
    }
}

// E with each named subterm's pending derivative replaced by its canonical form.
template <class E, class V, class... Named>
struct substitute_all {
    using type = E;
};
template <class E, class V, class N, class... Named>
struct substitute_all<E, V, N, Named...>
    : substitute_all<substitute_t<derivative_of<N, V>, decltype(d(N{}, V{})), E>, V, Named...> {};

// The steps of d/dV[F]: differentiation with the named subterms' derivatives
// pending, their substitution, then the canonical rewrites.
template <class F, class V, class Named = named_subterms_t<F, V>>
struct derivation_steps;
template <class F, class V, class... Named>
struct derivation_steps<F, V, list<Named...>> {
    using raw = decltype(differentiation_steps<derivative_of<F, V>, V, list<Named...>, F>(list<>{}));
    using differentiated = typename expression_of<typename last_of<raw>::type>::type;
    using substituted = decltype([] {
        if constexpr (sizeof...(Named) == 0) {
            return list<>{};
        } else {
            using after = typename substitute_all<differentiated, V, Named...>::type;
            return list<step<after, substitution_step<Named...>>>{};
        }
    }());
    using last = typename expression_of<typename last_of<decltype(raw{} + substituted{})>::type>::type;
    using simplified = decltype(raw{} + substituted{} + simplification_steps<derivative_facts_t<F>, last, decltype(d(F{}, V{}))>());
    using result = typename expression_of<typename last_of<simplified>::type>::type;
    using type = decltype(simplified{} + textbook_steps<result, V>());
};

// What the steps differentiate: f, or its pieces.
template <class F, class V>
using subject_t = std::conditional_t<by_pieces_v<F, V>, pieces_t<F>, F>;
template <class F, class V>
using named_in_derivation_t = named_subterms_t<subject_t<F, V>, V>;

template <class F, class V, bool = by_pieces_v<F, V>>
struct displayed_steps : derivation_steps<F, V> {};
template <class F, class V>
struct displayed_steps<F, V, true> {
    using type = decltype(list<step<derivative_of<pieces_t<F>, V>, pieces_step>>{} +
                          typename derivation_steps<pieces_t<F>, V>::type{});
};
template <class F, class V>
using derivation_steps_t = typename displayed_steps<F, V>::type;

// One line of the block: "lhs &= tex && why"; a step's lhs is empty (it
// continues the line above), the first line's tex is (d/dx[f] alone).
struct derivation_line {
    std::string lhs;
    std::string tex;
    std::string why;
};

// A step that changes nothing in print is merged into the next. A step of
// linearity is taken within the step before (d/dx[1 + erf u] is never
// printed), or within the next one at the start. Two steps by one rule read
// as one (the branches of nested cases).
template <class E, class Why>
void add_line(std::vector<derivation_line>& lines, const latex_printing::latex_dialect& dialect, step<E, Why>, bool last) {
    const bool after_a_step = lines.back().lhs.empty();
    if constexpr (requires { Why::is_linearity(); }) {
        if (Why::is_linearity() && after_a_step) {
            lines.back().tex = print(dialect, E{}).text;
            return;
        }
        if (Why::is_linearity() && !last) return;
    }
    std::string tex = print(dialect, E{}).text;
    if (!lines.back().tex.empty() && lines.back().tex == tex) return;
    std::string why = Why::text(dialect);
    if (after_a_step && lines.back().why == why) {
        lines.back().tex = std::move(tex);
        return;
    }
    // Differentiation steps whose rules extend one another ("derivative of
    // exp", then "derivative of exp and chain rule") read as one, under the longer.
    if constexpr (requires { Why::is_linearity(); }) {
        const std::string& before = lines.back().why;
        // "\text{power rule}" reads "\text{power rule and chain rule}" with it,
        // an identity "σ'(u) = ..." gains ",\\ \\text{chain rule}".
        const auto with_chain = [](const std::string& rule) {
            return rule.starts_with("\\text{") && rule.ends_with("}") ? rule.substr(0, rule.size() - 1) + " and chain rule}"
                                                                       : rule + ",\\ \\text{chain rule}";
        };
        if (after_a_step && !before.empty() && (why == with_chain(before) || before == with_chain(why))) {
            lines.back().tex = std::move(tex);
            if (why.size() > before.size()) lines.back().why = std::move(why);
            return;
        }
    }
    lines.push_back({"", std::move(tex), std::move(why)});
}

// The rules a side derivation used, each once, but linearity, said as the
// main steps say them: "product rule, (e^u)' = e^u, power rule".
template <class... Steps>
std::string rules_of(const latex_printing::latex_dialect& dialect, list<Steps...>) {
    std::vector<std::string> names;
    [[maybe_unused]] const auto add = [&]<class Why>(type<Why>) {
        if (Why::is_linearity()) return;
        std::string name = "\\text{" + std::string(Why::rule_name()) + "}";
        if constexpr (Why::cites_identity) name = Why::identity(dialect);
        for (const auto& n : names) {
            if (n == name) return;
        }
        names.push_back(std::move(name));
    };
    (add(type<typename Steps::why>{}), ...);
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ",\\ ") + n;
    return out.empty() ? "\\text{linearity}" : out;
}

// ---- the slopes of named subterms -------------------------------------------
// A named subterm's derivative that is long itself (GELU's tanh form:
// u' = √(2/π)(1 + 0.134145x²)) is named too where f' and f'' print, as u',
// and u'² where its square stands (f'' has 2(1 + 0.134145x²)²/π).
template <std::size_t I>
consteval auto slope_name() {
    char text[] = "zz_slope_0";
    text[sizeof text - 2] = static_cast<char>('0' + I);
    return fixed_string{text};
}
template <std::size_t I>
using slope_placeholder = variable<slope_name<I>()>;

template <class N, class V>
inline constexpr bool long_slope_v = node_count_v<decltype(d(N{}, V{}))> >= named_from_nodes;

template <class V, class E, std::size_t I, class... Named>
struct in_slopes {
    using type = E;
};
template <class V, class E, std::size_t I, class N, class... Named>
struct in_slopes<V, E, I, N, Named...> {
    using slope = decltype(d(N{}, V{}));
    using square = decltype(simplify(pow(slope{}, c<2>)));
    using placeholder = slope_placeholder<I>;
    using renamed = std::conditional_t<
        long_slope_v<N, V>,
        transform_t<notating<slope, placeholder>, transform_t<notating<square, decltype(pow(placeholder{}, c<2>))>, E>>, E>;
    using type = typename in_slopes<V, renamed, I + 1, Named...>::type;
};

// A LaTeX dialect in the outer derivative's notation (∂ throughout when f has
// other symbols, d throughout when it has not) that prints the named
// subterms u, v, ... by name and their pending derivatives as u', v', ...
template <class F, class V, class... Named>
latex_printing::latex_dialect naming_dialect(list<Named...>) {
    latex_printing::latex_dialect dialect{
        .partial = partial_derivative_v<F, V> ? derivative_notation::partial : derivative_notation::ordinary};
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        [[maybe_unused]] const auto name = [&]<class N, std::size_t Index>(N, std::integral_constant<std::size_t, Index>) {
            const std::string letter{subterm_names[Index % std::size(subterm_names)]};
            dialect.template name<N>(letter);
            dialect.template name<derivative_of<N, V>>(letter + "'");
            dialect.template name<slope_placeholder<Index>>(letter + "'");
        };
        (name(Named{}, std::integral_constant<std::size_t, I>{}), ...);
    }(std::index_sequence_for<Named...>{});
    return dialect;
}

// The named subterms first, u = ... and u' = ... with the rules that gave it,
// then d/dv[f] and its steps.
template <class F, class V, class... Named, class... Steps>
std::vector<derivation_line> derivation_lines(list<Named...> named, list<Steps...>) {
    const auto dialect = naming_dialect<F, V>(named);
    std::vector<derivation_line> lines;
    [[maybe_unused]] const auto define = [&]<class N>(N) {
        const std::string letter = dialect.template name_of<N>();
        lines.push_back({letter, print_node(dialect, N{}).text, ""});
        using side = decltype(differentiation_steps<derivative_of<N, V>, V, list<>>(list<>{}));
        lines.push_back({letter + "'", print(dialect, decltype(d(N{}, V{})){}).text, rules_of(dialect, side{})});
    };
    (define(Named{}), ...);
    lines.push_back({print(dialect, derivative_of<F, V>{}).text, "", ""});
    [[maybe_unused]] std::size_t index = 0;
    (add_line(lines, dialect, Steps{}, ++index == sizeof...(Steps)), ...);
    return lines;
}

}  // namespace detail

// The derivative of f with respect to v, step by step, as a LaTeX align* block.
// With conditions (lo < hi), a last line reads the result with them assumed,
// as textbook(d(f, v), conditions...) does, where that reads differently.
template <class F, class V, class... Assumed>
    requires detail::involves_library_type<F, V>
std::string derivation(F, V, Assumed...) {
    static_assert(Expression<F>, "actdiff: derivation(f, v): f must be an actdiff expression");
    static_assert(Symbol<V>, "actdiff: derivation(f, v): v must be a var<\"name\"> or a param<\"name\">");
    static_assert((Condition<Assumed> && ...), "actdiff: derivation(f, v, conditions...): what is assumed must be a condition, such as lo < hi");
    auto lines = detail::derivation_lines<F, V>(detail::named_in_derivation_t<F, V>{}, detail::derivation_steps_t<F, V>{});
    if constexpr (sizeof...(Assumed) > 0) {
        using plain = decltype(textbook(d(F{}, V{})));
        using assumed = decltype(textbook(d(F{}, V{}), Assumed{}...));
        if constexpr (!std::is_same_v<plain, assumed>) {
            const auto dialect = detail::naming_dialect<F, V>(detail::named_in_derivation_t<F, V>{});
            std::string conditions;
            ((conditions += (conditions.empty() ? "" : ",\\ ") + detail::print(dialect, Assumed{}).text), ...);
            lines.push_back({"", detail::print(dialect, assumed{}).text, "\\text{as }" + conditions});
        }
    }
    std::string out = "\\begin{align*}";
    // d/dx[f] has a row of its own and starts at the alignment point, as
    // the steps do; left of it, its width pushed every step right (GELU's
    // tanh form by 200 px, past GitHub's column).
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& line = lines[i];
        out += i == 0 ? "\n" : (line.lhs.empty() ? "\n  " : "\n");
        if (line.tex.empty()) out += "&" + line.lhs;
        else if (!line.lhs.empty()) out += line.lhs;
        if (!line.tex.empty()) out += (line.lhs.empty() ? "&= " : " &= ") + line.tex;
        if (!line.why.empty()) out += " && " + line.why;
        if (i + 1 < lines.size()) out += " \\\\";
    }
    return out + "\n\\end{align*}";
}

// The subterms derivation(f, v) names, as LaTeX "u = ..." one each, and any
// expression e printed with those names: a page prints f' and f'' of GELU's
// tanh form in u = √(2/π)(x + 0.044715x³) so, where writing u out would not
// fit the column.
// A named subterm's derivative that is long itself follows it, "u' = ...":
// f' and f'' print it as u'.
template <class F, class V>
    requires detail::involves_library_type<F, V>
std::vector<std::string> subterm_definitions(F, V) {
    const auto dialect = detail::naming_dialect<F, V>(detail::named_in_derivation_t<F, V>{});
    std::vector<std::string> out;
    [&]<class... Named>(detail::list<Named...>) {
        [[maybe_unused]] const auto define = [&]<class N>(N) {
            const std::string letter = dialect.template name_of<N>();
            out.push_back(letter + " = " + detail::print_node(dialect, N{}).text);
            if constexpr (detail::long_slope_v<N, V>) out.push_back(letter + "' = " + detail::print(dialect, decltype(d(N{}, V{})){}).text);
        };
        (define(Named{}), ...);
    }(detail::named_in_derivation_t<F, V>{});
    return out;
}
// With notations, e is printed in them too: GELU's f′ as Φ(x) + xφ(x).
template <class F, class V, class E, class... Notations>
    requires detail::involves_library_type<F, V, E> && (detail::is_notation_v<Notations> && ...)
std::string latex_with_subterms(F, V, E, Notations... notations) {
    static_assert(Expression<E>, "actdiff: latex_with_subterms(f, v, e): e must be an actdiff expression");
    auto dialect = detail::naming_dialect<F, V>(detail::named_in_derivation_t<F, V>{});
    dialect.partial = detail::derivative_notation::by_symbols;
    detail::name_notations(dialect, detail::list<Notations...>{});
    using in_names = decltype(in_notation(E{}, notations...));
    using in_slopes = decltype([]<class... Named>(detail::list<Named...>) {
        return typename detail::in_slopes<V, in_names, 0, Named...>::type{};
    }(detail::named_in_derivation_t<F, V>{}));
    return detail::print(dialect, in_slopes{}).text;
}

namespace detail {

// The decimal constants of T, without sign, outside exponents: 0.044715,
// 1.702, not 1/2 or the 3 of x³.
template <class T>
struct decimal {
    using type = list<>;
};
constexpr bool is_decimal_denominator(std::intmax_t d) {
    std::intmax_t rest = d;
    while (rest % 2 == 0) rest /= 2;
    while (rest % 5 == 0) rest /= 5;
    return d >= 100 && rest == 1;
}
template <std::intmax_t N, std::intmax_t D>
    requires(is_decimal_denominator(D))
struct decimal<rational<N, D>> {
    using type = list<rational<(N < 0 ? -N : N), D>>;
};

template <std::intmax_t... Ns, std::intmax_t... Ds>
std::vector<ratio> ratios_of(list<rational<Ns, Ds>...>) {
    return {ratio{Ns, Ds}...};
}

}  // namespace detail

// Where each decimal constant of e that f does not have comes from: k × c or
// k × c² for a constant c of f and an integer k ≤ 12, as LaTeX. GELU's tanh
// form: "0.134145 = 3 \\times 0.044715", the 3 of d/dx 0.044715x³.
template <class F, class E>
    requires detail::involves_library_type<F, E>
std::vector<std::string> constant_origins(F, E) {
    const std::vector<detail::ratio> of_f = detail::ratios_of(detail::gathered_t<detail::decimal, F>{});
    const std::vector<detail::ratio> of_e = detail::ratios_of(detail::gathered_t<detail::decimal, E>{});
    std::vector<std::string> out;
    std::vector<detail::ratio> explained;
    const auto found = [](const std::vector<detail::ratio>& in, detail::ratio r) {
        for (const detail::ratio& q : in) {
            if (q.num == r.num && q.den == r.den) return true;
        }
        return false;
    };
    for (const detail::ratio& e : of_e) {
        if (found(of_f, e) || found(explained, e)) continue;
        for (const detail::ratio& c : of_f) {
            bool matched = false;
            for (int power = 1; power <= 2 && !matched; ++power) {
                for (std::intmax_t k = power == 1 ? 2 : 1; k <= 12 && !matched; ++k) {
                    // e·den(c)^p = k·num(c)^p·den(e), without overflow.
                    std::intmax_t left = e.num, right = e.den;
                    bool overflow = __builtin_mul_overflow(right, k, &right);
                    for (int i = 0; i < power; ++i) {
                        overflow |= __builtin_mul_overflow(left, c.den, &left);
                        overflow |= __builtin_mul_overflow(right, c.num, &right);
                    }
                    if (overflow || left != right) continue;
                    matched = true;
                    out.push_back(detail::decimal_digits(e.num, e.den) + " = " + (k > 1 ? std::to_string(k) + " \\times " : "") +
                                  detail::decimal_digits(c.num, c.den) + (power == 2 ? "^{2}" : ""));
                }
            }
            if (matched) {
                explained.push_back(e);
                break;
            }
        }
    }
    return out;
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
