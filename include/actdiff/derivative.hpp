// d(f, v): the symbolic derivative of f with respect to a variable or a
// parameter, computed on types at compile time, to any order, in canonical
// form (simplify.hpp). d_raw(f, v) is the chain-rule result before the
// canonical rewrites, as the derivation printer shows it.
//   constexpr auto df = d(x * sigmoid(alpha * x), x);
//   constexpr auto d2f = d(df, x);
//   constexpr auto dalpha = d(prelu(x, a), a);
// Piecewise functions differentiate branch by branch: d max(a, b) =
// where(a > b, a', b'), so at a tie the derivative is b', which gives the
// PyTorch values at the kinks (relu'(0) = 0, hardtanh'(±1) = 0).
#pragma once

#include <utility>

#include <actdiff/detail/construct.hpp>
#include <actdiff/expression.hpp>
#include <actdiff/symbols.hpp>

namespace actdiff {

namespace detail {

template <class Node>
struct derivative_rule;

template <class Node, class S>
constexpr auto differentiate(Node, S) {
    return derivative_rule<Node>::template with_respect_to<S>();
}

template <fixed_string Name>
struct derivative_rule<variable<Name>> {
    template <class S>
    static constexpr auto with_respect_to() {
        if constexpr (std::is_same_v<S, variable<Name>>) return one{}; else return zero{};
    }
};

template <fixed_string Name>
struct derivative_rule<parameter<Name>> {
    template <class S>
    static constexpr auto with_respect_to() {
        if constexpr (std::is_same_v<S, parameter<Name>>) return one{}; else return zero{};
    }
};

template <std::intmax_t N, std::intmax_t D>
struct derivative_rule<rational<N, D>> {
    template <class S>
    static constexpr auto with_respect_to() { return zero{}; }
};

template <fixed_string Symbol, fixed_string Digits>
struct derivative_rule<named_constant<Symbol, Digits>> {
    template <class S>
    static constexpr auto with_respect_to() { return zero{}; }
};

template <class... Ts>
struct derivative_rule<sum<Ts...>> {
    template <class S>
    static constexpr auto with_respect_to() { return make_sum(differentiate(Ts{}, S{})...); }
};

// Product rule: Σ_i f_1 ··· f_i' ··· f_n.
template <class... Fs>
struct derivative_rule<product<Fs...>> {
    template <std::size_t I, class S, std::size_t... J>
    static constexpr auto term(std::index_sequence<J...>) {
        return make_product([] {
            if constexpr (I == J) return differentiate(Fs{}, S{}); else return Fs{};
        }()...);
    }
    template <class S, std::size_t... I>
    static constexpr auto terms(std::index_sequence<I...> indices) {
        return make_sum(term<I, S>(indices)...);
    }
    template <class S>
    static constexpr auto with_respect_to() { return terms<S>(std::index_sequence_for<Fs...>{}); }
};

// (u^r)' = r · u^(r−1) · u'
template <class B, std::intmax_t N, std::intmax_t D>
struct derivative_rule<power<B, rational<N, D>>> {
    template <class S>
    static constexpr auto with_respect_to() {
        constexpr ratio r{N, D};
        return make_product(rational<N, D>{}, make_power<r - ratio{1, 1}>(B{}), differentiate(B{}, S{}));
    }
};

// Chain rule through a primitive: f(u)' = f'(u) · u'
template <class F, class U>
struct derivative_rule<apply<F, U>> {
    template <class S>
    static constexpr auto with_respect_to() { return make_product(F::derivative(U{}), differentiate(U{}, S{})); }
};

template <class A, class B>
struct derivative_rule<maximum<A, B>> {
    template <class S>
    static constexpr auto with_respect_to() {
        return make_where(compare<greater, A, B>{}, differentiate(A{}, S{}), differentiate(B{}, S{}));
    }
};

template <class A, class B>
struct derivative_rule<minimum<A, B>> {
    template <class S>
    static constexpr auto with_respect_to() {
        return make_where(compare<less, A, B>{}, differentiate(A{}, S{}), differentiate(B{}, S{}));
    }
};

template <class C, class A, class B>
struct derivative_rule<where_node<C, A, B>> {
    template <class S>
    static constexpr auto with_respect_to() {
        return make_where(C{}, differentiate(A{}, S{}), differentiate(B{}, S{}));
    }
};

}  // namespace detail

namespace detail {
template <class F, class V>
constexpr bool check_differentiable() {
    static_assert(Expression<F>, "actdiff: d(f, v): f must be an actdiff expression");
    static_assert(Symbol<V>, "actdiff: d(f, v): v must be a var<\"name\"> or a param<\"name\">, not an expression or a number");
    return Expression<F> && Symbol<V>;
}
}  // namespace detail

template <class F, class V>
constexpr auto d_raw(F, V) {
    if constexpr (detail::check_differentiable<F, V>()) {
        return detail::differentiate(F{}, V{});
    }
}

}  // namespace actdiff
