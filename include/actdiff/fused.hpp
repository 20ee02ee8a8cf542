// Fused evaluation: several expressions at once, every distinct subexpression
// computed once. Identical subtrees are identical types, so the common
// subexpressions are found on types at compile time (no reliance on the
// optimiser, which keeps one exp per repeated σ under -fmath-errno):
//   auto [y, dy] = evaluate_fused(at(x = 0.5), silu(x), d(silu(x), x));   // one exp
// For kernels, lower_for_kernel first rewrites σ and softplus into forms that
// share one exp(−|u|) and never overflow:
//   σ(u)        → where(u ≥ 0, 1/(1 + t), t/(1 + t)),   t = e^(−|u|)
//   softplus(u) → max(u, 0) + log1p(t)
//   e^u − 1     → expm1(u)
// so σ(x) beside softplus(x) (mish') costs one exp, not two.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <actdiff/cost.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/evaluate.hpp>
#include <actdiff/primitives.hpp>

namespace actdiff {

namespace detail {

// ---- lowering -------------------------------------------------------------------

template <class T>
struct lowered {
    using type = T;
};
template <class T>
using lowered_t = typename lowered<T>::type;

template <class U>
using shared_exp_t = decltype(exp(-abs(U{})));

template <class U>
struct lowered<apply<sigmoid_function, U>> {
    using u = lowered_t<U>;
    using t = shared_exp_t<u>;
    using type = decltype(make_where(compare<greater_equal, u, zero>{}, one{} / (one{} + t{}), t{} / (one{} + t{})));
};
template <class U>
struct lowered<apply<softplus_function, U>> {
    using u = lowered_t<U>;
    using type = decltype(max(u{}, zero{}) + log1p(shared_exp_t<u>{}));
};
// e^u − 1 → expm1(u): no cancellation near u = 0 (ELU, SELU, CELU). The
// simplifier keeps e^u − 1 beside the e^u of the derivative; evaluated, that
// would lose the digits of small |u|.
template <class U>
struct lowered<sum<rational<-1, 1>, apply<exp_function, U>>> {
    using type = decltype(expm1(lowered_t<U>{}));
};
template <class F, class U>
    requires(!std::is_same_v<F, sigmoid_function> && !std::is_same_v<F, softplus_function>)
struct lowered<apply<F, U>> {
    using type = decltype(make_apply<F>(lowered_t<U>{}));
};
template <class... Ts>
struct lowered<sum<Ts...>> {
    using type = decltype(make_sum(lowered_t<Ts>{}...));
};
template <class... Fs>
struct lowered<product<Fs...>> {
    using type = decltype(make_product(lowered_t<Fs>{}...));
};
template <class B, class R>
struct lowered<power<B, R>> {
    using type = decltype(make_power<R::value>(lowered_t<B>{}));
};
template <class A, class B>
struct lowered<maximum<A, B>> {
    using type = decltype(make_maximum(lowered_t<A>{}, lowered_t<B>{}));
};
template <class A, class B>
struct lowered<minimum<A, B>> {
    using type = decltype(make_minimum(lowered_t<A>{}, lowered_t<B>{}));
};
template <class R, class A, class B>
struct lowered<compare<R, A, B>> {
    using type = compare<R, lowered_t<A>, lowered_t<B>>;
};
template <class C, class A, class B>
struct lowered<where_node<C, A, B>> {
    using type = decltype(make_where(lowered_t<C>{}, lowered_t<A>{}, lowered_t<B>{}));
};

// ---- the schedule: distinct nodes, children first -------------------------------

template <class T>
inline constexpr bool is_compare_v = false;
template <class R, class A, class B>
inline constexpr bool is_compare_v<compare<R, A, B>> = true;

template <class Seen, class... Fs>
struct schedule_of {
    using type = Seen;
};
template <class Seen, class F, class... Fs>
struct schedule_of<Seen, F, Fs...> {
    using type = typename schedule_of<typename distinct_nodes<F, Seen>::type, Fs...>::type;
};

// Conditions are not stored: they are tested where a where needs them.
template <class... Nodes>
constexpr auto values_only(list<Nodes...>) {
    return (list<>{} + ... + std::conditional_t<is_compare_v<Nodes>, list<>, list<Nodes>>{});
}

template <class... Ts>
constexpr std::integral_constant<std::size_t, sizeof...(Ts)> list_size(list<Ts...>) {
    return {};
}

template <class T, class... Ts>
constexpr std::size_t index_in(list<Ts...>) {
    constexpr bool same[] = {std::is_same_v<T, Ts>..., false};
    for (std::size_t i = 0; i < sizeof...(Ts); ++i) {
        if (same[i]) return i;
    }
    return sizeof...(Ts);
}

template <class T, class Env, class Schedule>
struct fused_state;

// N copies of a value: the slots of a number type that need not be default-constructible.
template <class T, std::size_t... I>
constexpr std::array<T, sizeof...(I)> filled(const T& value, std::index_sequence<I...>) {
    return {((void)I, value)...};
}

template <class T, class Env, class... Nodes>
struct fused_state<T, Env, list<Nodes...>> {
    std::array<T, sizeof...(Nodes)> values;
    const Env& env;

    // A node's value: stored if scheduled, else a leaf or constant evaluated in place.
    template <class Node>
    constexpr auto get() const {
        constexpr std::size_t at = index_in<Node>(list<Nodes...>{});
        if constexpr (is_compare_v<Node>) {
            return test(Node{});
        } else if constexpr (at < sizeof...(Nodes)) {
            return values[at];
        } else {
            return evaluate<T>(Node{}, env);
        }
    }
    template <class R, class A, class B>
    constexpr auto test(compare<R, A, B>) const {
        return related<R>(T(get<A>()), T(get<B>()));
    }

    // One node from its children's values.
    template <class... Ts>
    constexpr T compute(sum<Ts...>) const { return (get<Ts>() + ...); }
    template <class... Fs>
    constexpr T compute(product<Fs...>) const { return (get<Fs>() * ...); }
    template <class B, std::intmax_t N, std::intmax_t D>
    constexpr T compute(power<B, rational<N, D>>) const { return rational_power<N, D>(T(get<B>())); }
    template <class F, class U>
    constexpr T compute(apply<F, U>) const { return F::evaluate(get<U>()); }
    template <class A, class B>
    constexpr T compute(maximum<A, B>) const {
        const T a = get<A>(), b = get<B>();
        return choose(a > b, a, b);
    }
    template <class A, class B>
    constexpr T compute(minimum<A, B>) const {
        const T a = get<A>(), b = get<B>();
        return choose(a < b, a, b);
    }
    template <class C, class A, class B>
    constexpr T compute(where_node<C, A, B>) const { return choose(get<C>(), get<A>(), get<B>()); }

    constexpr void run() { ((values[index_in<Nodes>(list<Nodes...>{})] = compute(Nodes{})), ...); }
};

}  // namespace detail

// The values of fs in the bindings of env, every distinct subexpression once.
template <class T, class Env, class... Fs>
constexpr std::array<T, sizeof...(Fs)> evaluate_fused_as(const Env& env, Fs...) {
    static_assert((Expression<Fs> && ...), "actdiff: evaluate_fused(env, f...): each f must be an expression");
    using schedule = decltype(detail::values_only(typename detail::schedule_of<detail::list<>, Fs...>::type{}));
    detail::fused_state<T, Env, schedule> state{
        detail::filled(detail::lift<T>(0), std::make_index_sequence<decltype(detail::list_size(schedule{}))::value>{}),
        env};
    state.run();
    return {state.template get<Fs>()...};
}

template <class Env, class... Fs>
constexpr auto evaluate_fused(const Env& env, Fs... fs) {
    static_assert(detail::is_environment_v<Env>, "actdiff: evaluate_fused(env, f...): env is an at(...)");
    return evaluate_fused_as<typename detail::value_type_of<Env>::type>(env, fs...);
}

// The calls of exp, log, tanh, ... per evaluation of fs together, each distinct
// subexpression once (σ counts as one exp, softplus as an exp and a log1p).
template <class... Fs>
constexpr std::size_t fused_transcendental_count(Fs...) {
    using schedule = typename detail::schedule_of<detail::list<>, Fs...>::type;
    return detail::cost_of<void>::calls(schedule{});
}

}  // namespace actdiff
