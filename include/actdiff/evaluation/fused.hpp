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
//   tanh(softplus(u)) → where(u ≥ 0, (1 + 2t)/(1 + 2t + 2t²), t(t + 2)/(t(t + 2) + 2))
// so σ(x) beside softplus(x), or Mish's tanh(softplus(x)) and its derivative,
// cost one exp.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <actdiff/algorithm/cost.hpp>
#include <actdiff/algorithm/facts.hpp>
#include <actdiff/algorithm/transform.hpp>
#include <actdiff/detail/branches.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/primitive/builtin.hpp>
#include <actdiff/primitive/rounding.hpp>

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
// A primitive may also state a stable form of its call on another's,
// `lowered(G{}, u)` for f(g(u)), where the composition costs fewer calls than
// its parts (tanh's of softplus, Mish's gate: one exp instead of three calls).
template <class F, class G, class U>
    requires requires { F::lowered(G{}, lowered_t<U>{}); }
struct rewrite<lowering, apply<F, apply<G, U>>> {
    using type = decltype(F::lowered(G{}, lowered_t<U>{}));
};
// Sums that cancel, written as the functions that do not. In a sum with the
// constant q, a term ±q·f(u) is replaced with q·(1 ± f(u)) in the form f's
// protocol gives (one_plus(u), one_minus(u)):
//   q + q·erf(u)    → q·erfc(−u)      (GELU's Φ for large negative x)
//   q − q·erf(u)    → q·erfc(u)
//   q − q·σ(u)      → q·σ(−u)         (σ' in the tail; shares σ(u)'s exp)
//   c·e^u − c       → c·expm1(u)      (ELU near 0; the simplifier keeps e^u − 1
//                                      beside the e^u of the derivative)
//   q − q·tanh(u)²  → 4q·t/(1 + t)², t = e^(−2|u|)      (tanh's derivative)
//   q − q·tanh(softplus(u))² → q·sech(softplus(u))²   (Mish's derivative, in
//                                      the exp of its tanh(softplus(u)))
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

// q − q·f(u)², where f states 1 − f(u)² (`one_minus_square(u)`: tanh's
// 4t/(1 + t)², its derivative), or 1 − f(g(u))² for its call on g, which is
// then preferred (`one_minus_square(G{}, u)`: tanh's of softplus, in Mish's
// derivative).
// Only where f(u)² may exceed 1/2: below, 1 − f(u)² cancels at most a bit and
// the stable form's call would be spent for nothing (Smish's tanh(log(1 + σ(x)))
// stays below tanh(ln 2) = 0.6). Defined with the value bounds below.
template <class F, class U>
constexpr bool square_may_near_one();
template <class F, class U>
constexpr bool has_composed_one_minus_square = false;
template <class F, class G, class U>
    requires requires { F::one_minus_square(G{}, lowered_t<U>{}); }
constexpr bool has_composed_one_minus_square<F, apply<G, U>> = true;
template <ratio Q, ratio C, class F, class U>
    requires(C == -Q && !has_composed_one_minus_square<F, U> && requires { F::one_minus_square(lowered_t<U>{}); } &&
             square_may_near_one<F, lowered_t<U>>())
struct complement<Q, C, power<apply<F, U>, rational<2, 1>>> {
    static constexpr bool found = true;
    using type = decltype(rational<Q.num, Q.den>{} * F::one_minus_square(lowered_t<U>{}));
};
template <ratio Q, ratio C, class F, class G, class U>
    requires(C == -Q && requires { F::one_minus_square(G{}, lowered_t<U>{}); })
struct complement<Q, C, power<apply<F, apply<G, U>>, rational<2, 1>>> {
    static constexpr bool found = true;
    using type = decltype(rational<Q.num, Q.den>{} * F::one_minus_square(G{}, lowered_t<U>{}));
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

// f(u)·(1 − f(u)) as one form, where f states it (`times_one_minus(u)`: σ's
// t/(1 + t)², its derivative, where σ(u) and σ(−u) rounded apart).
template <class T>
struct times_one_minus_pair {
    static constexpr bool found = false;
};
template <class F, class U>
    requires requires { F::times_one_minus(lowered_t<U>{}); }
struct times_one_minus_pair<apply<F, U>> {
    static constexpr bool found = true;
    using complement = sum<rational<1, 1>, product<rational<-1, 1>, apply<F, U>>>;
    using type = decltype(F::times_one_minus(lowered_t<U>{}));
};

// The factor f(u) whose 1 − f(u) is a factor too, or none (the size of the pack).
template <class F, class... Fs>
constexpr bool has_complement() {
    if constexpr (times_one_minus_pair<F>::found) {
        return (std::is_same_v<typename times_one_minus_pair<F>::complement, Fs> || ...);
    } else {
        return false;
    }
}
template <class... Fs>
constexpr std::size_t paired_factor() {
    constexpr bool found[] = {has_complement<Fs, Fs...>()..., false};
    for (std::size_t i = 0; i < sizeof...(Fs); ++i) {
        if (found[i]) return i;
    }
    return sizeof...(Fs);
}

template <class... Fs>
    requires(paired_factor<Fs...>() < sizeof...(Fs))
struct rewrite<lowering, product<Fs...>> {
    using pair = times_one_minus_pair<std::tuple_element_t<paired_factor<Fs...>(), std::tuple<Fs...>>>;
    template <class F>
    using rest = std::conditional_t<std::is_same_v<F, std::tuple_element_t<paired_factor<Fs...>(), std::tuple<Fs...>>> ||
                                        std::is_same_v<F, typename pair::complement>,
                                    one, lowered_t<F>>;
    using type = decltype(make_product(typename pair::type{}, rest<Fs>{}...));
};

// A sum a + c·√B (c a constant) that cancels where a and c·√B nearly meet
// with opposite signs, written with the conjugate where the difference of
// squares is exact in symbols (squareplus's x + √(x² + b) at x ≪ 0, whose
// B − x² is b):
//   a + c·√B → where(2a·c + c²·√B ≥ 0, a + c·√B, (c²·B − a²)/(c·√B − a))
// (2a + c·√B ≥ 0 for c > 0, ≤ 0 for c < 0). The sum itself serves until it
// cancels to half its larger term: the quotient rounds three more times, and
// from a·c ≥ 0 on it took squareplus′ near x = 0 4.49 ULP off.
// Only when c²·B − a² has fewer operations than B, so that nothing cancels
// in it. A constant beside a term t/√B is first taken over √B:
//   q + t/√B → (q·√B + t)/√B   (squareplus's derivative 1 + x/√(x² + b)).
template <class T>
struct root_term {
    static constexpr bool found = false;
};
template <class B, std::intmax_t N, std::intmax_t D>
struct root_term<product<rational<N, D>, power<B, rational<1, 2>>>> {
    static constexpr bool found = true;
    static constexpr ratio coefficient{N, D};
    using base = B;
};
template <class B>
struct root_term<power<B, rational<1, 2>>> {
    static constexpr bool found = true;
    static constexpr ratio coefficient{1, 1};
    using base = B;
};

// The one term that is a root, or none (the size of the pack).
template <class... Ts>
constexpr std::size_t root_position() {
    constexpr bool found[] = {root_term<Ts>::found..., false};
    std::size_t count = 0, at = sizeof...(Ts);
    for (std::size_t i = 0; i < sizeof...(Ts); ++i) {
        if (found[i]) {
            ++count;
            at = i;
        }
    }
    return count == 1 && sizeof...(Ts) > 1 ? at : sizeof...(Ts);
}

template <class... Ts>
struct conjugate {
    static constexpr std::size_t at = root_position<Ts...>();
    static constexpr auto parts() {
        using term = std::tuple_element_t<at, std::tuple<Ts...>>;
        constexpr ratio c = root_term<term>::coefficient;
        using B = typename root_term<term>::base;
        using rest = decltype(make_sum(std::conditional_t<std::is_same_v<Ts, term>, zero, Ts>{}...));
        using difference = decltype(make_sum(make_product(rational<c.num * c.num, c.den * c.den>{}, B{}),
                                             make_product(rational<-1, 1>{}, make_power<ratio{2, 1}>(rest{}))));
        return list<term, B, rest, difference>{};
    }
    static constexpr bool found = [] {
        if constexpr (at == sizeof...(Ts)) {
            return false;
        } else {
            return []<class Term, class B, class Rest, class Difference>(list<Term, B, Rest, Difference>) {
                return cost_of<Difference>::operation_count < cost_of<B>::operation_count;
            }(parts());
        }
    }();
};

template <class... Ts>
    requires(conjugate<Ts...>::found)
struct rewrite<lowering, sum<Ts...>> {
    static constexpr auto make() {
        return []<class Term, class B, class Rest, class Difference>(list<Term, B, Rest, Difference>) {
            constexpr ratio c = root_term<Term>::coefficient;
            using a = lowered_t<Rest>;
            using scaled_root = decltype(make_product(rational<c.num, c.den>{}, make_power<ratio{1, 2}>(lowered_t<B>{})));
            using relation = std::conditional_t<(c.num > 0), greater_equal, less_equal>;
            using half_cancelled = decltype(make_sum(make_product(rational<2, 1>{}, a{}), scaled_root{}));
            return make_where(comparison<relation, half_cancelled, zero>{}, make_sum(a{}, scaled_root{}),
                              make_product(lowered_t<Difference>{},
                                           make_power<ratio{-1, 1}>(make_sum(scaled_root{}, make_product(rational<-1, 1>{}, a{})))));
        }(conjugate<Ts...>::parts());
    }
    using type = decltype(make());
};

// A term t·B^(−1/2), split into t and B.
template <class T>
struct reciprocal_root_term {
    static constexpr bool found = false;
};
template <class T, class... Ts>
constexpr T first_of(list<T, Ts...>) {
    return {};
}
template <class... Fs>
    requires((powered<Fs>::exponent == ratio{-1, 2}) || ...)
struct reciprocal_root_term<product<Fs...>> {
    static constexpr bool found = true;
    using base = decltype(first_of((list<>{} + ... + [] {
        if constexpr (powered<Fs>::exponent == ratio{-1, 2}) return list<typename powered<Fs>::base>{}; else return list<>{};
    }())));
    using numerator = decltype(make_product(std::conditional_t<powered<Fs>::exponent == ratio{-1, 2}, one, Fs>{}...));
};

template <std::intmax_t N, std::intmax_t D, class T>
    requires(reciprocal_root_term<T>::found &&
             conjugate<product<rational<N, D>, power<typename reciprocal_root_term<T>::base, rational<1, 2>>>,
                       typename reciprocal_root_term<T>::numerator>::found)
struct rewrite<lowering, sum<rational<N, D>, T>> {
    using B = typename reciprocal_root_term<T>::base;
    using type = decltype(make_product(
        lowered_t<decltype(make_sum(make_product(rational<N, D>{}, make_power<ratio{1, 2}>(B{})),
                                    typename reciprocal_root_term<T>::numerator{}))>{},
        make_power<ratio{-1, 2}>(lowered_t<B>{})));
};

// ---- alternative forms, where they cost nothing ------------------------------------
// A primitive may state other forms of 1 ± f(u), exact in cancelling tails but
// not always cheaper: tanh's through σ,
//   q ± q·tanh(u)   → 2q·σ(±2u)
// (GELU-tanh at x = −6), one exp where they replace every tanh(u), whose
// derivative 1 − tanh(u)² is already 4σ(2u)(1 − σ(2u)) (one_minus_square
// above). kernel_forms below uses them when the set of formulas then makes no
// more calls (GELU-tanh: one exp instead of one tanh and one exp), and not
// otherwise (tanh keeps its tanh).

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

// ---- compensated arguments --------------------------------------------------------
// A primitive that states its sensitivity(u), about f′(u)/f(u), is corrected for
// the rounding of its argument where the kernel computes that argument as
// c·x or c·x² with one inexact constant c: f(u) + f(u)·(sensitivity(u)·ε), ε the
// exact rounding error of u (primitive/rounding.hpp). The correction is one
// product taken first and added last: f(u)·(1 + s·ε) rounded 1 + s·ε to a unit
// of 1 (gelu_tanh 3.88 → 3.50 ULP), and f(u)·s·ε from the left fell below the
// smallest normal number where f(u) is near it (GELU at x = −13: 16 ULP). Without it e^u loses
// |u|/2 ULP (QuickGELU's σ(1.702x) at x = −50: 81 ULP), and erfc about u²
// (GELU's erfc(−x/√2) at x = −13: 192 ULP). Exact scalings (±2^k) keep the
// rounding; a call that rounds nothing itself (|u|, calls = 0) passes the error
// on through its derivative.

// The rounding error of the kernel's u, as an expression: found, and error().
// A form in one leaf (primitive/rounding.hpp) that rounds has the error of its
// own steps; a constant multiple c·L of its leaf adds c times the leaf's error;
// |v|, which rounds nothing, passes v's on through its derivative.
template <class U, class Leaves = form_leaves_t<U>>
struct argument_rounding {
    static constexpr bool found = false;
};

template <class U, class Leaf>
inline constexpr bool is_multiple_of_v = false;
template <class... Fs, class Leaf>
inline constexpr bool is_multiple_of_v<product<Fs...>, Leaf> =
    ((is_constant_v<Fs> || std::is_same_v<Fs, Leaf>) && ...) && (std::size_t{std::is_same_v<Fs, Leaf>} + ...) == 1;

template <class U, class Leaf>
struct argument_rounding<U, list<Leaf>> {
    static constexpr bool own = form_of<U>::rounds;
    static constexpr bool inner = is_multiple_of_v<U, Leaf> && argument_rounding<Leaf>::found;
    static constexpr bool found = own || inner;
    static constexpr auto error() {
        if constexpr (own && inner) {
            return make_sum(own_error(), inner_error());
        } else if constexpr (own) {
            return own_error();
        } else {
            return inner_error();
        }
    }
    // The argument the call takes: the form's value as its error assumes.
    static constexpr auto argument() {
        if constexpr (own) {
            return make_apply<form_value_function<U{}, Leaf{}>>(leaf());
        } else {
            return scaled(argument_rounding<Leaf>::argument());
        }
    }

private:
    static constexpr auto leaf() {
        if constexpr (argument_rounding<Leaf>::found) {
            return argument_rounding<Leaf>::argument();
        } else {
            return Leaf{};
        }
    }
    static constexpr auto own_error() { return make_apply<rounding_error_function<U{}, Leaf{}>>(leaf()); }
    // U's constant factors times v, for U a multiple of its leaf.
    template <class V>
    static constexpr auto scaled(V v) {
        return []<class... Fs>(type<product<Fs...>>, V v) {
            return make_product(std::conditional_t<is_constant_v<Fs>, Fs, one>{}..., v);
        }(type<U>{}, v);
    }
    static constexpr auto inner_error() { return scaled(argument_rounding<Leaf>::error()); }
};
template <class G, class V>
    requires(primitive_traits<G>::cost.calls == 0 && argument_rounding<V>::found)
struct argument_rounding<apply<G, V>, list<apply<G, V>>> {
    static constexpr bool found = true;
    static constexpr auto error() {
        return make_product(G::derivative(argument_rounding<V>::argument()), argument_rounding<V>::error());
    }
    static constexpr auto argument() { return make_apply<G>(argument_rounding<V>::argument()); }
};

// A call f(u) whose sensitivity s(u) is stated, with u a form that rounds:
// f(u) → f(ũ) + f(ũ)·(s(ũ)·ε), ũ the form as the error ε assumes it computed;
// the inner product is built as is, since make_product would flatten it.
struct compensation {};
template <class T>
using compensated_t = transform_t<compensation, T>;
template <class F, class U>
    requires(requires { F::sensitivity(U{}); } && argument_rounding<U>::found)
struct rewrite<compensation, apply<F, U>> {
    using argument = decltype(argument_rounding<U>::argument());
    using value = decltype(make_apply<F>(argument{}));
    using correction = decltype(make_product(F::sensitivity(argument{}), argument_rounding<U>::error()));
    using type = decltype(make_sum(value{}, product<value, correction>{}));
};

// ---- calls shared with other forms -------------------------------------------------
// A primitive may state another form of its call, `alternative(u)`, in calls
// that other forms make anyway: tanh(u) from the e^(−2|u|) of tanh′'s
// 4t/(1 + t)² (primitive/hyperbolic.hpp). kernel_forms below uses it where
// the forms then make fewer calls (tanh's fused pass: one exp, not a tanh and
// an exp), and its argument does not round: a compensated argument would
// correct the exp in it (exp's sensitivity), not the call, and the two forms
// of f in a kernel's forward and its fused pass would differ.
struct shared_calls {};
template <class T>
using with_shared_calls_t = transform_t<shared_calls, T>;
template <class F, class U>
    requires(requires { F::alternative(with_shared_calls_t<U>{}); } && !argument_rounding<U>::found)
struct rewrite<shared_calls, apply<F, U>> {
    using type = decltype(F::alternative(with_shared_calls_t<U>{}));
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

template <class T, class Env, class Schedule, class Staged = list<>>
struct fused_state;

// N copies of a value: the slots of a number type that need not be default-constructible.
template <class T, std::size_t... I>
constexpr std::array<T, sizeof...(I)> filled(const T& value, std::index_sequence<I...>) {
    return {((void)I, value)...};
}

// Staged nodes (kernel/elementwise.hpp computes them in a pass of their own)
// take the values given, in the order of the list.
template <class T, class Env, class... Nodes, class... Staged>
struct fused_state<T, Env, list<Nodes...>, list<Staged...>> {
    std::array<T, sizeof...(Nodes)> values;
    const Env& env;
    std::array<T, sizeof...(Staged)> staged;

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

    template <class Node>
    constexpr T produce(Node) const {
        constexpr std::size_t at = index_in<Node>(list<Staged...>{});
        if constexpr (at < sizeof...(Staged)) {
            return staged[at];
        } else {
            return compute(Node{});
        }
    }

    constexpr void run() { ((values[index_in<Nodes>(list<Nodes...>{})] = produce(Nodes{})), ...); }
};

// ---- staged calls ----------------------------------------------------------
// A library call whose result another call takes (e^(−|x|) in softplus's
// log1p(e^(−|x|))). A kernel computes these in a pass of their own over a
// block of elements, then the rest of the formula: each element's chain of
// dependent operations is then one call long, not two, and the core overlaps
// more elements. Softplus's two calls in one pass ran at 1.7 G/s, staged at
// 3.2 (AVX-512, docs/kernels.md); one call gains nothing, and is not staged.
template <class Node>
inline constexpr bool is_library_call_v = own_cost<Node>::calls > 0;

template <class Node, class... Ts>
inline constexpr bool listed_in(list<Ts...>) {
    return (std::is_same_v<Node, Ts> || ...);
}
// The calls strictly inside a node.
template <class Outer, class... Nodes>
constexpr auto calls_inside(list<Nodes...>) {
    return (list<>{} + ... + std::conditional_t<is_library_call_v<Nodes> && !std::is_same_v<Nodes, Outer>, list<Nodes>, list<>>{});
}
template <class Node>
using calls_inside_t = std::conditional_t<is_library_call_v<Node>,
                                          decltype(calls_inside<Node>(typename distinct_nodes<Node, list<>>::type{})), list<>>;
// The staged calls of a schedule, children first.
template <class... Nodes>
constexpr auto staged_among(list<Nodes...>) {
    using inner = decltype((list<>{} + ... + calls_inside_t<Nodes>{}));
    return (list<>{} + ... + std::conditional_t<listed_in<Nodes>(inner{}), list<Nodes>, list<>>{});
}

// The forms a kernel evaluates for formulas Fs together: the lowered ones, with
// the alternative forms (tanh through σ) where that makes no more calls per element.
template <class... Fs>
constexpr std::size_t calls_of(list<Fs...>) {
    return cost_of<void>::calls(typename schedule_of<list<>, Fs...>::type{});
}
template <class Forms>
struct with_shared_calls_of;
template <class... Fs>
struct with_shared_calls_of<list<Fs...>> {
    using type = list<with_shared_calls_t<Fs>...>;
};
template <class... Fs>
struct kernel_forms {
    using plain = list<compensated_t<lowered_t<Fs>>...>;
    using through_sigmoid = list<compensated_t<with_alternatives_t<lowered_t<Fs>>>...>;
    using chosen = std::conditional_t<(calls_of(through_sigmoid{}) <= calls_of(plain{})), through_sigmoid, plain>;
    using shared = typename with_shared_calls_of<chosen>::type;
    using type = std::conditional_t<(calls_of(shared{}) < calls_of(chosen{})), shared, chosen>;
};
template <class... Fs>
using kernel_forms_t = typename kernel_forms<Fs...>::type;

}  // namespace detail

// The values of fs in the bindings of env, every distinct subexpression once.
namespace detail {
// Every node of fs computed once, children first; the staged ones given.
template <class T, class Staged, class Env, class... Fs>
constexpr auto fused_run_staged(const Env& env, const std::array<T, decltype(list_size(Staged{}))::value>& staged) {
    using schedule = decltype(values_only(typename schedule_of<list<>, Fs...>::type{}));
    fused_state<T, Env, schedule, Staged> state{
        filled(lift<T>(0), std::make_index_sequence<decltype(list_size(schedule{}))::value>{}), env, staged};
    state.run();
    return state;
}
template <class T, class Env, class... Fs>
constexpr auto fused_run(const Env& env) {
    return fused_run_staged<T, list<>, Env, Fs...>(env, {});
}
template <class... Fs>
using staged_calls_t = decltype(staged_among(values_only(typename schedule_of<list<>, Fs...>::type{})));
template <class Forms>
struct staged_calls_of;
template <class... Fs>
struct staged_calls_of<list<Fs...>> {
    using type = staged_calls_t<Fs...>;
};
}  // namespace detail

template <class T, class Env, class... Fs>
constexpr std::array<T, sizeof...(Fs)> evaluate_fused_as(const Env& env, Fs...) {
    static_assert((Expression<Fs> && ...), "actdiff: evaluate_fused(env, f...): each f must be an expression");
    const auto state = detail::fused_run<T, Env, Fs...>(env);
    return {state.template get<Fs>()...};
}

// The values of fs, with two probes that kernels read (kernel/elementwise.hpp):
// the sum of the checked values (below), not finite when a subexpression
// overflowed or is NaN; and the least magnitude of a watched value, below the
// smallest normal number when it underflowed (σ(x) subnormal, which x·σ(x)
// would scale back into the normal range with the digits it lacks).
template <class T, std::size_t N>
struct probed_values {
    std::array<T, N> values;
    T node_sum;
    T least_watched;
};
namespace detail {
template <class Node>
inline constexpr bool is_call_v = false;
template <class F, class U>
inline constexpr bool is_call_v<apply<F, U>> = true;

// The values checked for overflow: an overflow or NaN either reaches a value
// f returns, or is absorbed on the way, by a reciprocal (x/√(1 + x²) is 0 once
// x² is ∞), a bounded function (tanh(e^x) is 1), or a comparison, max or min.
// So the checked values are the results and the computed operands of those
// nodes: a handful of additions per element where every node would cost one each.
template <class Node>
struct absorbed {
    using type = list<>;
};
template <class B, std::intmax_t N, std::intmax_t D>
    requires(N < 0)
struct absorbed<power<B, rational<N, D>>> {
    using type = list<B>;
};
template <class F, class U>
    requires(primitive_traits<F>::range.has_low && primitive_traits<F>::range.has_high)
struct absorbed<apply<F, U>> {
    using type = list<U>;
};
template <class R, class A, class B>
struct absorbed<comparison<R, A, B>> {
    using type = list<A, B>;
};
template <class A, class B>
struct absorbed<maximum<A, B>> {
    using type = list<A, B>;
};
template <class A, class B>
struct absorbed<minimum<A, B>> {
    using type = list<A, B>;
};

// ---- which values cannot overflow ------------------------------------------------
// A checked value that provably stays finite for finite inputs and parameters
// need not be checked: 1 + e^(−|x|) lies in (1, 2], σ's lowered form in
// [0, 1], x·σ(x) within |x|. The proof is an interval analysis over the
// formula: constants, the bounds of a where's conditions on its branches, the
// primitives' ranges, monotonicity and growth (primitive/protocol.hpp).
//
// value_bound: finite when the value is a number (no overflow, no NaN), with
// |v| ≤ constant + slope·M, M the largest of 1 and the magnitudes of the
// inputs and parameters; and constant bounds on each side where known.
struct value_bound {
    bool finite = false;
    long double constant = 0, slope = 0;
    bool has_low = false, has_high = false;
    long double low = 0, high = 0;
};

// Finite in every kernel type: no more than M itself (slope 1, which x·σ(x)
// meets and 2x does not), plus a constant far below the largest float.
constexpr value_bound checked_finite(value_bound b) {
    constexpr long double largest = 1e30L;
    b.finite = b.finite && b.slope <= 1 && b.constant <= largest && (!b.has_low || -largest <= b.low) &&
               (!b.has_high || b.high <= largest);
    return b;
}
constexpr value_bound constant_bound(long double v) {
    return {true, v < 0 ? -v : v, 0, true, true, v, v};
}
constexpr long double largest_of(long double a, long double b) { return a < b ? b : a; }
constexpr long double least_of(long double a, long double b) { return a < b ? a : b; }
constexpr long double magnitude(long double v) { return v < 0 ? -v : v; }

template <class Known, class Node>
struct bound_of {
    static constexpr value_bound value{};
};
template <class Known, class Node>
inline constexpr value_bound bound_v = bound_of<Known, Node>::value;

template <class Known, std::intmax_t N, std::intmax_t D>
struct bound_of<Known, rational<N, D>> {
    static constexpr value_bound value = constant_bound(static_cast<long double>(N) / static_cast<long double>(D));
};
template <class Known, fixed_string Symbol, fixed_string Digits>
struct bound_of<Known, named_constant<Symbol, Digits>> {
    static constexpr value_bound value = constant_bound(evaluator<named_constant<Symbol, Digits>>::value);
};
// An input or a parameter is at most M, within the bounds its conditions put on it.
template <class Known, class S>
    requires(is_variable_v<S> || is_parameter_v<S>)
struct bound_of<Known, S> {
    static constexpr value_bound value = [] {
        constexpr interval r = range_v<Known, S>;
        return value_bound{true, 0, 1, r.has_low, r.has_high, static_cast<long double>(r.low.num) / r.low.den,
                           static_cast<long double>(r.high.num) / r.high.den};
    }();
};

template <class Known, class... Ts>
struct bound_of<Known, sum<Ts...>> {
    static constexpr value_bound value = [] {
        value_bound b = constant_bound(0);
        for (const value_bound& t : {bound_v<Known, Ts>...}) {
            b = {b.finite && t.finite, b.constant + t.constant, b.slope + t.slope, b.has_low && t.has_low,
                 b.has_high && t.has_high, b.low + t.low, b.high + t.high};
        }
        return checked_finite(b);
    }();
};

// Bounds of a product of two intervals, each side known.
constexpr value_bound times(value_bound a, value_bound b) {
    value_bound r{a.finite && b.finite && !(a.slope > 0 && b.slope > 0), a.constant * b.constant,
                  a.constant * b.slope + a.slope * b.constant};
    if (a.has_low && a.has_high && b.has_low && b.has_high) {
        const long double corners[] = {a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high};
        r.has_low = r.has_high = true;
        r.low = r.high = corners[0];
        for (const long double c : corners) {
            r.low = least_of(r.low, c);
            r.high = largest_of(r.high, c);
        }
    } else if (a.has_low && a.has_high && a.low == a.high) {  // a constant multiple
        const long double k = a.low;
        r.has_low = k >= 0 ? b.has_low : b.has_high;
        r.has_high = k >= 0 ? b.has_high : b.has_low;
        r.low = k * (k >= 0 ? b.low : b.high);
        r.high = k * (k >= 0 ? b.high : b.low);
    } else if (a.has_low && b.has_low && a.low >= 0 && b.low >= 0) {
        r.has_low = true;
        r.low = a.low * b.low;
    }
    return r;
}
template <class Known, class... Fs>
struct bound_of<Known, product<Fs...>> {
    static constexpr value_bound value = [] {
        value_bound b = constant_bound(1);
        for (const value_bound& f : {bound_v<Known, Fs>...}) b = times(b, f);
        return checked_finite(b);
    }();
};

// u^(n/d) for a rational exponent: a whole positive power of a bounded value,
// a square root of a value known nonnegative, and any negative power of a
// value known away from 0 (1/(1 + e^(−|x|)) ≤ 1).
constexpr long double raised(long double v, ratio q) {
    return constexpr_math::pow(v, static_cast<long double>(q.num) / static_cast<long double>(q.den));
}
template <class Known, class B, std::intmax_t N, std::intmax_t D>
struct bound_of<Known, power<B, rational<N, D>>> {
    static constexpr value_bound value = [] {
        constexpr value_bound b = bound_v<Known, B>;
        constexpr ratio q{N, D};
        if constexpr (N < 0 && b.has_low && b.low > 0) {
            // B is checked itself (absorbed), and B = ∞ gives 0.
            const long double most = raised(b.low, q);
            return checked_finite({true, most, 0, true, true, b.has_high ? raised(b.high, q) : 0, most});
        } else if constexpr (!b.finite) {
            return value_bound{};
        } else if constexpr (N > 0 && D == 1) {
            value_bound r = constant_bound(1);
            for (std::intmax_t k = 0; k < N; ++k) r = times(r, b);
            if constexpr (N % 2 == 0) {
                if (!r.has_low || r.low < 0) {
                    r.has_low = true;
                    r.low = 0;
                }
            }
            return checked_finite(r);
        } else if constexpr (N == 1 && D == 2 && b.has_low && b.low >= 0) {
            return checked_finite({true, constexpr_math::sqrt(b.constant), b.slope > 0 ? largest_of(1, constexpr_math::sqrt(b.slope)) : 0,
                                   true, b.has_high, constexpr_math::sqrt(b.low), b.has_high ? constexpr_math::sqrt(b.high) : 0});
        } else {
            return value_bound{};
        }
    }();
};

// f(u): defined where u is within f's domain; bounded by f's range, by f at
// u's bounds when f is monotone (e^u ≤ 1 where u ≤ 0), and by f's growth.
// The bound is one of the exact function; the library's differs by rounding.
template <class F>
constexpr bool within_domain(value_bound u) {
    constexpr value_range d = primitive_traits<F>::domain;
    const bool low = !d.has_low || (u.has_low && (u.low > d.low || (u.low == d.low && !d.low_open)));
    const bool high = !d.has_high || (u.has_high && (u.high < d.high || (u.high == d.high && !d.high_open)));
    return low && high;
}
// f at a bound of its argument, where evaluating f at compile time stays in
// range: anywhere for arithmetic that calls no library function.
template <class F>
constexpr bool evaluable_at(bool has, long double u) {
    return has && (magnitude(u) <= 64 || primitive_traits<F>::cost.calls == 0);
}
template <class Known, class F, class U>
struct bound_of<Known, apply<F, U>> {
    static constexpr value_bound value = [] {
        constexpr value_bound u = bound_v<Known, U>;
        using traits = primitive_traits<F>;
        constexpr value_range range = traits::range;
        // A bounded f's argument is checked itself (absorbed): f(±∞) is finite.
        constexpr bool bounded = range.has_low && range.has_high;
        if constexpr ((!u.finite && !bounded) || !within_domain<F>(u)) {
            return value_bound{};
        } else {
            value_bound r{true, 0, 0, range.has_low, range.has_high, range.low, range.high};
            constexpr bool rises = traits::monotone == monotonicity::increasing;
            constexpr bool falls = traits::monotone == monotonicity::decreasing;
            if constexpr (rises || falls) {
                const auto tighten = [&](bool has, long double at, bool as_low) {
                    if (!evaluable_at<F>(has, at)) return;
                    const long double v = F::evaluate(at);
                    if (as_low && (!r.has_low || r.low < v)) r.low = v, r.has_low = true;
                    if (!as_low && (!r.has_high || v < r.high)) r.high = v, r.has_high = true;
                };
                tighten(u.has_low, u.low, rises);
                tighten(u.has_high, u.high, falls);
            }
            if (r.has_low && r.has_high) {
                r.constant = largest_of(magnitude(r.low), magnitude(r.high));
            } else if constexpr (traits::has_growth) {
                r.constant = traits::growth.constant + traits::growth.slope * u.constant;
                r.slope = traits::growth.slope * u.slope;
            } else {
                r.finite = false;
            }
            return checked_finite(r);
        }
    }();
};

constexpr value_bound either_bound(value_bound a, value_bound b, bool low_from_either, bool high_from_either) {
    value_bound r{a.finite && b.finite, largest_of(a.constant, b.constant), largest_of(a.slope, b.slope)};
    // The larger of two values is at least either's low; the smaller at most either's high.
    if (low_from_either && (a.has_low || b.has_low)) {
        r.has_low = true;
        r.low = !a.has_low ? b.low : !b.has_low ? a.low : largest_of(a.low, b.low);
    } else if (a.has_low && b.has_low) {
        r.has_low = true;
        r.low = least_of(a.low, b.low);
    }
    if (high_from_either && (a.has_high || b.has_high)) {
        r.has_high = true;
        r.high = !a.has_high ? b.high : !b.has_high ? a.high : least_of(a.high, b.high);
    } else if (a.has_high && b.has_high) {
        r.has_high = true;
        r.high = largest_of(a.high, b.high);
    }
    // Bounded on both sides, by no more than M's multiple: min(max(x + 3, 0), 6)
    // is at most 6, where its sides' slopes would say 6 + M.
    if (r.has_low && r.has_high) {
        r.constant = largest_of(magnitude(r.low), magnitude(r.high));
        r.slope = 0;
    }
    return r;
}
// max(a, b) = a > b ? a : b is b, or a where a exceeds b: finite where b is
// and a is finite or bounded above, whatever a is past that bound (∞, NaN),
// since a is checked itself (absorbed). So erfc's sensitivity max(−max(u, 0),
// −32) stays within [−32, 0] for any u. min(a, b) likewise, bounded below.
template <class Known, class A, class B>
struct bound_of<Known, maximum<A, B>> {
    static constexpr value_bound value = [] {
        constexpr value_bound a = bound_v<Known, A>, b = bound_v<Known, B>;
        value_bound r = either_bound(a, b, true, false);
        if (!r.finite && b.finite && a.has_high && r.has_low && r.has_high) {
            r.finite = true;
            return checked_finite(r);
        }
        return r;
    }();
};
template <class Known, class A, class B>
struct bound_of<Known, minimum<A, B>> {
    static constexpr value_bound value = [] {
        constexpr value_bound a = bound_v<Known, A>, b = bound_v<Known, B>;
        value_bound r = either_bound(a, b, false, true);
        if (!r.finite && b.finite && a.has_low && r.has_low && r.has_high) {
            r.finite = true;
            return checked_finite(r);
        }
        return r;
    }();
};
// Each branch of a where is bounded where its condition holds.
template <class... Known, class C, class A, class B>
struct bound_of<list<Known...>, where_node<C, A, B>> {
    static constexpr value_bound value =
        either_bound(bound_v<list<Known..., C>, A>, bound_v<list<Known..., negation_t<C>>, B>, false, false);
};

template <class F, class U>
constexpr bool square_may_near_one() {
    constexpr value_bound b = bound_v<list<>, apply<F, U>>;
    return !(b.has_low && b.has_high && 2 * b.low * b.low <= 1 && 2 * b.high * b.high <= 1);
}

template <class Node>
inline constexpr bool never_overflows_v = bound_v<list<>, Node>.finite;

template <class Node>
inline constexpr bool is_computed_v = !is_constant_v<Node> && !is_variable_v<Node> && !is_parameter_v<Node>;
// The values worth checking: computed, and not proved finite.
template <class... Nodes>
constexpr auto computed_only(list<Nodes...>) {
    return (list<>{} | ... | type<std::conditional_t<is_computed_v<Nodes> && !never_overflows_v<Nodes>, Nodes, skip>>{});
}
template <class... Fs, class... Nodes>
constexpr auto checked_among(list<Nodes...>) {
    return computed_only(list<Fs...>{} + (list<>{} + ... + typename absorbed<Nodes>::type{}));
}
template <class... Fs>
using checked_t = decltype(checked_among<Fs...>(typename schedule_of<list<>, Fs...>::type{}));

template <class T, class... Nodes, class State>
constexpr T node_sum_of(list<Nodes...>, const State& state) {
    return (lift<T>(-0.0) + ... + state.template get<Nodes>());  // −0 + v is v: the add folds away
}
// The same test without the sum's own overflow, for the guarded path, which
// decides on each value apart: v·0 is NaN for v = ±∞ or NaN, and 0 for every
// finite v, where two finite values near the largest (tanh's |u| and u, both
// compared, at u = 0.7·DBL_MAX) summed to ∞ and flagged a value its forward
// kept.
template <class T, class... Nodes, class State>
constexpr T nonfinite_of(list<Nodes...>, const State& state) {
    return (lift<T>(0) + ... + (state.template get<Nodes>() * lift<T>(0)));
}
// A call whose range excludes 0 cannot be zero but by underflowing; unless
// its argument's bounds keep it a normal number in float (erfc's sensitivity
// 1/(1 + m²) for m ≤ 32, at least 1/1025), where it cannot underflow.
template <class Node>
inline constexpr bool zero_is_underflow_v = false;
template <class F, class U>
inline constexpr bool zero_is_underflow_v<apply<F, U>> = [] {
    constexpr value_range r = primitive_traits<F>::range;
    constexpr bool excludes_zero =
        (r.has_low && (r.low > 0 || (r.low == 0 && r.low_open))) || (r.has_high && (r.high < 0 || (r.high == 0 && r.high_open)));
    if constexpr (!excludes_zero) {
        return false;
    } else {
        constexpr value_bound b = bound_v<list<>, apply<F, U>>;
        constexpr long double smallest_normal = 0x1p-126L;
        return !((b.has_low && b.low >= smallest_normal) || (b.has_high && b.high <= -smallest_normal));
    }
}();

// The nodes whose underflow the kernels watch: calls whose range excludes 0
// (e^u, σ, softplus, erfc), where a zero or a subnormal value is an underflow
// (σ(x) subnormal, which x·σ(x) scales back into the normal range with the
// digits it lacks). Other calls (|u|, tanh, sin) are zero at zero, legitimately.
template <class Node>
struct watched {
    using type = list<>;
};
template <class F, class U>
struct watched<apply<F, U>> {
    using type = std::conditional_t<zero_is_underflow_v<apply<F, U>>, list<apply<F, U>>, list<>>;
};
template <class... Nodes>
constexpr auto watched_among(list<Nodes...>) {
    return (list<>{} + ... + typename watched<Nodes>::type{});
}

// The least magnitude among the watched values: one minimum each, and an
// absolute value only for a node that can be negative.
template <class Node>
inline constexpr bool never_negative_v = false;
template <class F, class U>
inline constexpr bool never_negative_v<apply<F, U>> = primitive_traits<F>::range.has_low && primitive_traits<F>::range.low >= 0;

template <class T, class Node, class State>
constexpr T magnitude_of(const State& state) {
    if constexpr (never_negative_v<Node>) {
        return state.template get<Node>();
    } else {
        return math::abs(T(state.template get<Node>()));
    }
}
template <class T, class... Nodes, class State>
constexpr T least_watched(list<Nodes...>, const State& state) {
    T least = lift<T>(1);
    ((least = math::min(least, magnitude_of<T, Nodes>(state))), ...);
    return least;
}

// A watched value's underflow matters only where something scales its lost
// digits back into the normal range: a product with a factor that may exceed
// 1 in magnitude (x·σ(x) at x = −95), a reciprocal, a call other than one
// nonzero and smooth at 0 (tanh's tanh_from_exp(t) is 1 where t = e^(−2|u|)
// underflows, beyond |u| = 44 in float), a comparison. It stops at a sum
// with a nonzero constant term (1 + t is 1 to the last bit), and passes on
// through a product whose other factors stay within [−1, 1] (t·1/(1 + t)),
// a where's branch and any other sum, to what takes those. A value that is
// returned subnormal is one the exact value rounds to within its last
// subnormal digits, and is not watched for that: σ(x) alone stays on the
// fast path where x·σ(x) does not.
template <class F>
inline constexpr bool absorbs_underflow_v = [] {
    if constexpr (requires { F::fold(zero{}); }) {
        using at_zero = decltype(F::fold(zero{}));
        return is_constant_v<at_zero> && !std::is_same_v<at_zero, zero> &&
               !(primitive_traits<F>::has_kink && primitive_traits<F>::kink == 0);
    } else {
        return false;
    }
}();
template <class T>
constexpr bool nonzero_constant() {
    if constexpr (is_constant_v<T>) {
        constexpr value_bound b = bound_v<list<>, T>;
        return b.finite && b.has_low && b.has_high && (b.low > 0 || b.high < 0);
    } else {
        return false;
    }
}
template <class T>
constexpr bool within_one() {
    constexpr value_bound b = bound_v<list<>, T>;
    return b.finite && b.has_low && b.has_high && -1 <= b.low && b.high <= 1;
}
// What parent P does with an underflow of its child W.
enum class underflow_step { stops, passes_on, shows };
template <class W, class P>
struct underflow_through {
    static constexpr underflow_step value = underflow_step::shows;
};
template <class W, class... Ts>
struct underflow_through<W, sum<Ts...>> {
    static constexpr underflow_step value =
        (nonzero_constant<Ts>() || ...) ? underflow_step::stops : underflow_step::passes_on;
};
template <class W, class... Fs>
struct underflow_through<W, product<Fs...>> {
    static constexpr underflow_step value =
        ((std::is_same_v<Fs, W> || within_one<Fs>()) && ...) ? underflow_step::passes_on : underflow_step::shows;
};
template <class W, class F>
struct underflow_through<W, apply<F, W>> {
    static constexpr underflow_step value = absorbs_underflow_v<F> ? underflow_step::stops : underflow_step::shows;
};
template <class W, class C, class A, class B>
    requires(!std::is_same_v<W, C>)
struct underflow_through<W, where_node<C, A, B>> {
    static constexpr underflow_step value = underflow_step::passes_on;
};
template <class W, class Node>
inline constexpr bool takes_v = false;
template <class W, template <class...> class Node, class... Children>
inline constexpr bool takes_v<W, Node<Children...>> = (std::is_same_v<W, Children> || ...);
template <class... Fs>
struct watched_of {
    using schedule = typename schedule_of<list<>, Fs...>::type;
    // Whether some node scales W's underflow back, directly or through nodes that pass it on.
    template <class W, class... Nodes>
    static constexpr bool shown(list<Nodes...>) {
        return ([] {
            if constexpr (!takes_v<W, Nodes>) {
                return false;
            } else {
                constexpr underflow_step step = underflow_through<W, Nodes>::value;
                if constexpr (step == underflow_step::passes_on) return shown<Nodes>(schedule{});
                else return step == underflow_step::shows;
            }
        }() || ...);
    }
    template <class... Ws>
    static constexpr auto keep(list<Ws...>) {
        return (list<>{} + ... + std::conditional_t<shown<Ws>(schedule{}), list<Ws>, list<>>{});
    }
    using type = decltype(keep(watched_among(schedule{})));
};
template <class... Fs>
using watched_t = typename watched_of<Fs...>::type;
}  // namespace detail

namespace detail {
// evaluate_fused_probed with the values of the nodes Staged given.
template <class T, class Staged, class Env, class... Fs>
constexpr probed_values<T, sizeof...(Fs)> evaluate_fused_probed_staged(
    const Env& env, const T& checked_too, const std::array<T, decltype(list_size(Staged{}))::value>& staged, Fs...) {
    const auto state = fused_run_staged<T, Staged, Env, Fs...>(env, staged);
    return {{state.template get<Fs>()...}, node_sum_of<T>(checked_t<Fs...>{}, state) + checked_too,
            least_watched<T>(watched_t<Fs...>{}, state)};
}
}  // namespace detail

// The probes of evaluate_fused_probed for each of fs apart, over the nodes it
// depends on: a kernel recomputes an element's value only where that value's
// own subexpressions call for it, so that forward and forward_backward agree.
template <class T, class Env, class... Fs>
constexpr std::array<probed_values<T, 1>, sizeof...(Fs)> evaluate_fused_diagnosed(const Env& env, Fs...) {
    const auto state = detail::fused_run<T, Env, Fs...>(env);
    return {probed_values<T, 1>{{state.template get<Fs>()},
                                detail::nonfinite_of<T>(detail::checked_t<Fs>{}, state),
                                detail::least_watched<T>(detail::watched_t<Fs>{}, state)}...};
}

// checked_too joins the sum of the checked values (a kernel's inputs): built
// here, the result is never copied, and a compiler keeps it in registers.
template <class T, class Env, class... Fs>
constexpr probed_values<T, sizeof...(Fs)> evaluate_fused_probed(const Env& env, const T& checked_too, Fs... fs) {
    return detail::evaluate_fused_probed_staged<T, detail::list<>>(env, checked_too, {}, fs...);
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
