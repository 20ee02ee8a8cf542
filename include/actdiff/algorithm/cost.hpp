// The size of an expression as a kernel would compute it: every distinct
// subexpression once (identical subtrees are identical types), constants
// folded at compile time.
//   operation_count(f)      arithmetic operations, comparisons and selects
//   transcendental_count(f) calls of library functions (exp, log, tanh, …, pow),
//                           as each primitive states them (σ costs one exp,
//                           softplus an exp and a log1p)
// The simplifier uses it to keep a rewrite only when it makes f smaller, and
// docs/simplification.md reports it for every catalog entry.
#pragma once

#include <cstddef>
#include <type_traits>

#include <actdiff/detail/construct.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/core/expression.hpp>
#include <actdiff/primitive/protocol.hpp>

namespace actdiff {

namespace detail {

// Every distinct non-constant composite node of T, children first.
template <class T, class Seen>
struct distinct_nodes {
    using type = Seen;  // leaves
};

template <template <class...> class Node, class... Children, class Seen>
    requires(!is_constant_v<Node<Children...>> && !is_rational_v<Node<Children...>>)
struct distinct_nodes<Node<Children...>, Seen> {
    template <class Acc, class Child>
    using step = typename distinct_nodes<Child, Acc>::type;

    template <class Acc, class... Cs>
    struct fold {
        using type = Acc;
    };
    template <class Acc, class C, class... Cs>
    struct fold<Acc, C, Cs...> {
        using type = typename fold<step<Acc, C>, Cs...>::type;
    };

    using children = typename fold<Seen, Children...>::type;
    using type = decltype(children{} | detail::type<Node<Children...>>{});
};

// b^(k/2) is computed from √b, which is then one node whatever power of b
// spells it (√u, u^(−1/2), u^(3/2)): squareplus and its derivative take one root.
template <class B, std::intmax_t N, class Seen>
    requires(N != 1 && !is_constant_v<B>)
struct distinct_nodes<power<B, rational<N, 2>>, Seen> {
    using type = decltype(typename distinct_nodes<power<B, rational<1, 2>>, Seen>::type{} |
                          detail::type<power<B, rational<N, 2>>>{});
};

template <class T>
struct own_cost {
    static constexpr std::size_t operations = 0;
    static constexpr std::size_t calls = 0;
};

template <class... Ts>
struct own_cost<sum<Ts...>> {
    static constexpr std::size_t operations = sizeof...(Ts) - 1;
    static constexpr std::size_t calls = 0;
};

// A −1 coefficient is free (it turns an addition into a subtraction).
template <class... Fs>
struct own_cost<product<Fs...>> {
    static constexpr bool negation = std::is_same_v<std::tuple_element_t<0, std::tuple<Fs...>>, rational<-1, 1>>;
    static constexpr std::size_t constants = (std::size_t(is_constant_v<Fs>) + ...);
    static constexpr std::size_t operations = sizeof...(Fs) - 1 - (negation ? 1 : 0) - (constants > 1 ? constants - 1 : 0);
    static constexpr std::size_t calls = 0;
};

// u² is one multiplication, u^(−1) one division, √u one square root; a
// general rational power is a call of pow. u^(k/2) is u^((k − 1)/2) times the
// node √u, which counts its root (evaluation/evaluate.hpp).
template <class B, std::intmax_t N, std::intmax_t D>
struct own_cost<power<B, rational<N, D>>> {
    static constexpr bool own_root = D == 2 && (N == 1 || is_constant_v<B>);
    static constexpr std::intmax_t whole = N < 0 ? -N : N;
    // The integer power multiplied out: of u itself, or of u beside its root.
    static constexpr std::intmax_t magnitude = D == 2 && !own_root ? (whole - 1) / 2 : whole;
    static constexpr std::size_t by_root = D == 2 && !own_root && magnitude > 0 ? 1 : 0;
    static constexpr std::size_t squarings = [] {
        std::size_t count = 0;
        for (std::intmax_t m = magnitude; m > 1; m >>= 1) ++count;
        return count;
    }();
    static constexpr std::size_t extra = [] {
        std::size_t bits = 0;
        for (std::intmax_t m = magnitude; m > 0; m >>= 1) bits += std::size_t(m & 1);
        return bits == 0 ? 0 : bits - 1;
    }();
    static constexpr bool general = D != 1 && D != 2;
    static constexpr std::size_t operations =
        general ? 1 : (own_root ? 1 : 0) + squarings + extra + by_root + (N < 0 ? 1 : 0);
    static constexpr std::size_t calls = general ? 1 : 0;
};

// A primitive states its own cost.
template <class F, class U>
struct own_cost<apply<F, U>> {
    static constexpr std::size_t calls = primitive_traits<F>::cost.calls;
    static constexpr std::size_t operations = primitive_traits<F>::cost.operations;
};

template <class A, class B>
struct own_cost<maximum<A, B>> {
    static constexpr std::size_t operations = 1;
    static constexpr std::size_t calls = 0;
};
template <class A, class B>
struct own_cost<minimum<A, B>> {
    static constexpr std::size_t operations = 1;
    static constexpr std::size_t calls = 0;
};
template <class R, class A, class B>
struct own_cost<comparison<R, A, B>> {
    static constexpr std::size_t operations = 1;
    static constexpr std::size_t calls = 0;
};
template <class C, class A, class B>
struct own_cost<where_node<C, A, B>> {
    static constexpr std::size_t operations = 1;
    static constexpr std::size_t calls = 0;
};

template <class T>
struct cost_of {
    template <class... Nodes>
    static constexpr std::size_t operations(list<Nodes...>) {
        return (std::size_t{0} + ... + own_cost<Nodes>::operations);
    }
    template <class... Nodes>
    static constexpr std::size_t calls(list<Nodes...>) {
        return (std::size_t{0} + ... + own_cost<Nodes>::calls);
    }
    using nodes = typename distinct_nodes<T, list<>>::type;
    static constexpr std::size_t operation_count = operations(nodes{});
    static constexpr std::size_t transcendental_count = calls(nodes{});
};

}  // namespace detail

template <class F>
    requires detail::involves_library_type<F>
constexpr std::size_t operation_count(F) {
    return detail::cost_of<F>::operation_count;
}

template <class F>
    requires detail::involves_library_type<F>
constexpr std::size_t transcendental_count(F) {
    return detail::cost_of<F>::transcendental_count;
}

}  // namespace actdiff
