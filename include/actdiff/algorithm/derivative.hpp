// d(f, v): the symbolic derivative of f with respect to a variable or a
// parameter, computed on types at compile time, to any order, in canonical
// form (algorithm/simplify.hpp). d_raw(f, v) is the chain-rule result before the
// canonical rewrites.
//   constexpr auto df = d(x * sigmoid(alpha * x), x);
//   constexpr auto d2f = d(df, x);
//   constexpr auto dalpha = d(prelu(x, a), a);
// Each rule is one step: it rewrites d/dv[node] in terms of d/dv[child] for
// the children, left pending (derivative_of). d_raw resolves them recursively;
// derivation() (algorithm/derivation.hpp) takes the same steps one at a time and prints
// them, so what it shows is what the engine did.
// Piecewise functions differentiate branch by branch: d max(a, b) =
// where(a > b, a', b'), so at a tie the derivative is b', which gives the
// PyTorch values at the kinks (relu'(0) = 0, hardtanh'(±1) = 0).
#pragma once

#include <string>
#include <utility>

#include <actdiff/algorithm/transform.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/core/expression.hpp>
#include <actdiff/core/symbols.hpp>
#include <actdiff/detail/symbols_of.hpp>

namespace actdiff {

namespace detail {

template <class Node>
struct derivative_rule;

template <class T>
inline constexpr bool is_leaf_v = is_rational_v<T> || Symbol<T>;
template <fixed_string Symbol, fixed_string Digits>
inline constexpr bool is_leaf_v<named_constant<Symbol, Digits>> = true;

// d/dv[u] for the next step. A leaf's derivative (0 or 1) and a linear
// monomial's (c·v → c) are taken at once, not worth a step of their own, and anything free of v is a constant:
// it is never differentiated (d/dx √(2/π) is 0, not a chain of rules).
// c·v, whose derivative c is as plain as a leaf's (u = x/√2 in GELU).
template <class U, class S>
inline constexpr bool is_linear_monomial_v = false;
template <class... Fs, class S>
inline constexpr bool is_linear_monomial_v<product<Fs...>, S> =
    (std::size_t(std::is_same_v<Fs, S>) + ...) == 1 && ((std::is_same_v<Fs, S> || !uses_v<Fs, S>) && ...);

template <class U, class S>
constexpr auto pending(U, S) {
    if constexpr (is_leaf_v<U> || is_linear_monomial_v<U, S>) {
        return derivative_rule<U>::template expand<S>();
    } else if constexpr (!uses_v<U, S>) {
        return zero{};
    } else {
        return derivative_of<U, S>{};
    }
}

// Whether an expression still holds a derivative to take.
template <class T>
inline constexpr bool has_pending_v = false;
template <class F, class V>
inline constexpr bool has_pending_v<derivative_of<F, V>> = true;
template <template <class...> class Node, class... Children>
inline constexpr bool has_pending_v<Node<Children...>> = (has_pending_v<Children> || ...);

template <class Node, class S>
constexpr auto differentiate(Node, S);

// Every pending derivative taken, recursively; a subtree without one is kept as it is.
struct resolving {};
template <class T>
using resolved_t = transform_t<resolving, T>;
template <class T>
    requires(!has_pending_v<T>)
struct rewrite<resolving, T> {
    using type = T;
};
template <class F, class V>
struct rewrite<resolving, derivative_of<F, V>> {
    using type = decltype(differentiate(F{}, V{}));
};

template <class Node, class S>
constexpr auto differentiate(Node, S) {
    return resolved_t<decltype(derivative_rule<Node>::template expand<S>())>{};
}

// A symbol's own derivative, x' = 1, is the power rule's (x = x¹, as SymPy
// Gamma reads it); another symbol is a constant. Derivations print the name.
template <class Symbol>
struct symbol_rule {
    template <class S>
    static constexpr std::string_view name_for() {
        return std::is_same_v<S, Symbol> ? "power rule" : "constant";
    }
};

template <fixed_string Name>
struct derivative_rule<variable<Name>> : symbol_rule<variable<Name>> {
    template <class S>
    static constexpr auto expand() {
        if constexpr (std::is_same_v<S, variable<Name>>) return one{}; else return zero{};
    }
};

template <fixed_string Name>
struct derivative_rule<parameter<Name>> : symbol_rule<parameter<Name>> {
    template <class S>
    static constexpr auto expand() {
        if constexpr (std::is_same_v<S, parameter<Name>>) return one{}; else return zero{};
    }
};

template <std::intmax_t N, std::intmax_t D>
struct derivative_rule<rational<N, D>> {
    static constexpr std::string_view name = "constant";
    template <class S>
    static constexpr auto expand() { return zero{}; }
};

template <fixed_string Symbol, fixed_string Digits>
struct derivative_rule<named_constant<Symbol, Digits>> {
    static constexpr std::string_view name = "constant";
    template <class S>
    static constexpr auto expand() { return zero{}; }
};

template <class... Ts>
struct derivative_rule<sum<Ts...>> {
    static constexpr std::string_view name = "sum rule";
    template <class S>
    static constexpr auto expand() { return make_sum(pending(Ts{}, S{})...); }
};

// Product rule: Σ_i f_1 ··· f_i' ··· f_n; with one factor in v, the others
// are a constant factor, pulled out once: (c·u)' = c·u'.
template <class... Fs>
struct derivative_rule<product<Fs...>> {
    template <class S>
    static constexpr std::string_view name_for() {
        return (std::size_t(uses_v<Fs, S>) + ...) == 1 ? "constant factor" : "product rule";
    }
    template <std::size_t I, class S, std::size_t... J>
    static constexpr auto term(std::index_sequence<J...>) {
        return make_product([] {
            if constexpr (I == J) return pending(Fs{}, S{}); else return Fs{};
        }()...);
    }
    template <class S, std::size_t... I>
    static constexpr auto terms(std::index_sequence<I...> indices) {
        return make_sum(term<I, S>(indices)...);
    }
    template <class S>
    static constexpr auto expand() { return terms<S>(std::index_sequence_for<Fs...>{}); }
};

// (u^r)' = r · u^(r−1) · u'
template <class B, std::intmax_t N, std::intmax_t D>
struct derivative_rule<power<B, rational<N, D>>> {
    static constexpr std::string_view name = "power rule";
    using inner = B;
    template <class S>
    static constexpr auto expand() {
        constexpr ratio r{N, D};
        return make_product(rational<N, D>{}, make_power<r - ratio{1, 1}>(B{}), pending(B{}, S{}));
    }
};

// Chain rule through a primitive: f(u)' = f'(u) · u'
template <class F, class U>
struct derivative_rule<apply<F, U>> {
    static constexpr std::string_view name = "derivative of";
    using function = F;
    using inner = U;
    template <class S>
    static constexpr auto expand() { return make_product(F::derivative(U{}), pending(U{}, S{})); }
};

template <class A, class B>
struct derivative_rule<maximum<A, B>> {
    static constexpr std::string_view name = "max, branch by branch";
    template <class S>
    static constexpr auto expand() { return make_where(comparison<greater, A, B>{}, pending(A{}, S{}), pending(B{}, S{})); }
};

template <class A, class B>
struct derivative_rule<minimum<A, B>> {
    static constexpr std::string_view name = "min, branch by branch";
    template <class S>
    static constexpr auto expand() { return make_where(comparison<less, A, B>{}, pending(A{}, S{}), pending(B{}, S{})); }
};

template <class C, class A, class B>
struct derivative_rule<where_node<C, A, B>> {
    static constexpr std::string_view name = "branch by branch";
    template <class S>
    static constexpr auto expand() { return make_where(C{}, pending(A{}, S{}), pending(B{}, S{})); }
};

template <class F, class V>
constexpr bool check_differentiable() {
    static_assert(Expression<F>, "actdiff: d(f, v): f must be an actdiff expression");
    static_assert(Symbol<V>, "actdiff: d(f, v): v must be a var<\"name\"> or a param<\"name\">, not an expression or a number");
    return Expression<F> && Symbol<V>;
}

}  // namespace detail

template <class F, class V>
    requires detail::involves_library_type<F, V>
constexpr auto d_raw(F, V) {
    if constexpr (detail::check_differentiable<F, V>()) {
        return detail::differentiate(F{}, V{});
    }
}

}  // namespace actdiff
