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

#include <actdiff/algorithm/cost.hpp>
#include <actdiff/algorithm/transform.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/primitive/builtin.hpp>

namespace actdiff {

namespace detail {

// ---- lowering -------------------------------------------------------------------

struct lowering {};
template <class T>
using lowered_t = transform_t<lowering, T>;

// A primitive with a stable form for kernels states it (`lowered(u)`, of the
// lowered argument); the others keep their call.
template <class F, class U>
    requires requires { F::lowered(lowered_t<U>{}); }
struct rewrite<lowering, apply<F, U>> {
    using type = decltype(F::lowered(lowered_t<U>{}));
};
// Sums that cancel, written as the functions that do not. In a sum with the
// constant q, a term ±q·f(u) is replaced with q·(1 ± f(u)) in the form f's
// protocol gives (one_plus(u), one_minus(u)):
//   q + q·erf(u)    → q·erfc(−u)      (GELU's Φ for large negative x)
//   q − q·erf(u)    → q·erfc(u)
//   q − q·σ(u)      → q·σ(−u)         (σ' in the tail; shares σ(u)'s exp)
//   c·e^u − c       → c·expm1(u)      (ELU near 0; the simplifier keeps e^u − 1
//                                      beside the e^u of the derivative)
// The tanh forms (with_alternatives below) are used where they cost no call.

// The pair of a term c·rest beside the constant q, if it is one of the above.
template <ratio Q, ratio C, class Rest>
struct complement {
    static constexpr bool found = false;
};
template <ratio Q, ratio C, class F, class U>
    requires((C == -Q && requires { F::one_minus(lowered_t<U>{}); }) ||
             (C == Q && requires { F::one_plus(lowered_t<U>{}); }))
struct complement<Q, C, apply<F, U>> {
    static constexpr bool found = true;
    static constexpr auto make() {
        if constexpr (C == -Q) {
            return rational<Q.num, Q.den>{} * F::one_minus(lowered_t<U>{});
        } else {
            return rational<Q.num, Q.den>{} * F::one_plus(lowered_t<U>{});
        }
    }
    using type = decltype(make());
};

template <ratio Q, class Term>
using complement_of = complement<Q, coefficient_split<Term>::value, typename coefficient_split<Term>::rest>;

// The first term that completes the constant, or none (the size of the pack).
template <template <ratio, class> class Of, ratio Q, class... Ts>
constexpr std::size_t completing_term() {
    constexpr bool found[] = {Of<Q, Ts>::found..., false};
    for (std::size_t i = 0; i < sizeof...(Ts); ++i) {
        if (found[i]) return i;
    }
    return sizeof...(Ts);
}

template <std::size_t Skip, class... Ts, std::size_t... I>
constexpr auto lowered_sum_without(std::index_sequence<I...>) {
    return make_sum(std::conditional_t<I == Skip, zero, lowered_t<Ts>>{}...);
}

template <std::intmax_t N, std::intmax_t D, class... Ts>
    requires(completing_term<complement_of, ratio{N, D}, Ts...>() < sizeof...(Ts))
struct rewrite<lowering, sum<rational<N, D>, Ts...>> {
    static constexpr std::size_t at = completing_term<complement_of, ratio{N, D}, Ts...>();
    using term = std::tuple_element_t<at, std::tuple<Ts...>>;
    using type = decltype(make_sum(typename complement_of<ratio{N, D}, term>::type{},
                                   lowered_sum_without<at, Ts...>(std::index_sequence_for<Ts...>{})));
};

// ---- alternative forms, where they cost nothing ------------------------------------
// A primitive may state other forms of 1 ± f(u) and 1 − f(u)², exact in
// cancelling tails but not always cheaper: tanh's through σ,
//   q ± q·tanh(u)   → 2q·σ(±2u)
//   q − q·tanh(u)²  → 4q·σ(2u)σ(−2u)
// (GELU-tanh at x = −6, tanh' where tanh rounds to 1), one exp where they
// replace every tanh(u). kernel_forms below uses them when the set of formulas
// then makes no more calls (GELU-tanh: one exp instead of one tanh), and not
// otherwise (tanh and mish keep their tanh).

template <ratio Q, ratio C, class Rest>
struct alternative_complement {
    static constexpr bool found = false;
};
template <ratio Q, ratio C, class F, class U>
    requires((C == Q && requires { F::alternative_one_plus(U{}); }) ||
             (C == -Q && requires { F::alternative_one_minus(U{}); }))
struct alternative_complement<Q, C, apply<F, U>> {
    static constexpr bool found = true;
    static constexpr auto make() {
        if constexpr (C == Q) {
            return rational<Q.num, Q.den>{} * F::alternative_one_plus(U{});
        } else {
            return rational<Q.num, Q.den>{} * F::alternative_one_minus(U{});
        }
    }
    using type = decltype(make());
};
template <ratio Q, ratio C, class F, class U>
    requires(C == -Q && requires { F::alternative_one_minus_square(U{}); })
struct alternative_complement<Q, C, power<apply<F, U>, rational<2, 1>>> {
    static constexpr bool found = true;
    using type = decltype(rational<Q.num, Q.den>{} * F::alternative_one_minus_square(U{}));
};
template <ratio Q, class Term>
using alternative_complement_of =
    alternative_complement<Q, coefficient_split<Term>::value, typename coefficient_split<Term>::rest>;

struct alternative_forms {};
template <class T>
using with_alternatives_t = transform_t<alternative_forms, T>;
template <std::intmax_t N, std::intmax_t D, class... Ts>
    requires(completing_term<alternative_complement_of, ratio{N, D}, Ts...>() < sizeof...(Ts))
struct rewrite<alternative_forms, sum<rational<N, D>, Ts...>> {
    static constexpr std::size_t at = completing_term<alternative_complement_of, ratio{N, D}, Ts...>();
    using term = std::tuple_element_t<at, std::tuple<Ts...>>;
    using type = decltype(make_sum(typename alternative_complement_of<ratio{N, D}, term>::type{},
                                   make_sum(std::conditional_t<std::is_same_v<Ts, term>, zero, with_alternatives_t<Ts>>{}...)));
};

// ---- the schedule: distinct nodes, children first -------------------------------

template <class T>
inline constexpr bool is_compare_v = false;
template <class R, class A, class B>
inline constexpr bool is_compare_v<comparison<R, A, B>> = true;

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

    // A node's value: stored if scheduled, else a leaf or constant evaluated in
    // place; a condition is tested where a where needs it.
    template <class Node>
    constexpr auto get() const {
        constexpr std::size_t at = index_in<Node>(list<Nodes...>{});
        if constexpr (is_compare_v<Node>) {
            return compute(Node{});
        } else if constexpr (at < sizeof...(Nodes)) {
            return values[at];
        } else {
            return evaluate<T>(Node{}, env);
        }
    }
    // One node from its children's stored values, as evaluation/evaluate.hpp states it.
    template <class Node>
    constexpr auto compute(Node) const {
        return node_value<Node>::template of<T>([&]<class Child>(type<Child>) { return get<Child>(); });
    }

    constexpr void run() { ((values[index_in<Nodes>(list<Nodes...>{})] = compute(Nodes{})), ...); }
};

// The forms a kernel evaluates for formulas Fs together: the lowered ones, with
// the alternative forms (tanh through σ) where that makes no more calls per element.
template <class... Fs>
constexpr std::size_t calls_of(list<Fs...>) {
    return cost_of<void>::calls(typename schedule_of<list<>, Fs...>::type{});
}
template <class... Fs>
struct kernel_forms {
    using plain = list<lowered_t<Fs>...>;
    using through_sigmoid = list<with_alternatives_t<lowered_t<Fs>>...>;
    using type = std::conditional_t<(calls_of(through_sigmoid{}) <= calls_of(plain{})), through_sigmoid, plain>;
};
template <class... Fs>
using kernel_forms_t = typename kernel_forms<Fs...>::type;

}  // namespace detail

// The values of fs in the bindings of env, every distinct subexpression once.
namespace detail {
// Every node of fs computed once, children first.
template <class T, class Env, class... Fs>
constexpr auto fused_run(const Env& env) {
    using schedule = decltype(values_only(typename schedule_of<list<>, Fs...>::type{}));
    fused_state<T, Env, schedule> state{
        filled(lift<T>(0), std::make_index_sequence<decltype(list_size(schedule{}))::value>{}), env};
    state.run();
    return state;
}
}  // namespace detail

template <class T, class Env, class... Fs>
constexpr std::array<T, sizeof...(Fs)> evaluate_fused_as(const Env& env, Fs...) {
    static_assert((Expression<Fs> && ...), "actdiff: evaluate_fused(env, f...): each f must be an expression");
    const auto state = detail::fused_run<T, Env, Fs...>(env);
    return {state.template get<Fs>()...};
}

// The values of fs, with two probes that kernels read (kernel/elementwise.hpp):
// the sum of every node's value, not finite when some subexpression
// overflowed or is NaN; and the least magnitude of a call's value, below the
// smallest normal number when a call underflowed (σ(x) subnormal, which x·σ(x)
// would scale back into the normal range with the digits it lacks).
template <class T, std::size_t N>
struct probed_values {
    std::array<T, N> values;
    T node_sum;
    T least_call;
};
namespace detail {
template <class Node>
inline constexpr bool is_call_v = false;
template <class F, class U>
inline constexpr bool is_call_v<apply<F, U>> = true;

template <class T, class... Nodes, class State>
constexpr T least_call_of(list<Nodes...>, const State& state) {
    T least = lift<T>(1);
    std::size_t i = 0;
    ((is_call_v<Nodes> ? void(least = choose(math::abs(state.values[i]) < least, math::abs(state.values[i]), least))
                       : void(), ++i), ...);
    return least;
}
}  // namespace detail

template <class T, class Env, class... Fs>
constexpr probed_values<T, sizeof...(Fs)> evaluate_fused_probed(const Env& env, Fs...) {
    using schedule = decltype(detail::values_only(typename detail::schedule_of<detail::list<>, Fs...>::type{}));
    const auto state = detail::fused_run<T, Env, Fs...>(env);
    T sum = detail::lift<T>(0);
    for (const T& value : state.values) sum = sum + value;
    return {{state.template get<Fs>()...}, sum, detail::least_call_of<T>(schedule{}, state)};
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
