// Conditions: their negations and a normal form. Inside a branch of a where
// its condition holds; algorithm/facts.hpp turns the conditions into ranges,
// which the simplifier uses to resolve max, min and nested where inside
// branches (in hardswish', min(max(3 + x, 0), 6) is 3 + x where −3 < x < 3).
//
// These rewrites keep values, not kink conventions: max(x, 0) → x under
// x ≥ 0 changes the derivative at 0. So d(f) applies them to derivatives only,
// never to f before differentiating (algorithm/simplify.hpp).
#pragma once

#include <type_traits>

#include <actdiff/algorithm/facts.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/detail/ratio.hpp>
#include <actdiff/core/expression.hpp>

namespace actdiff::detail {

// A marker in the list of known facts: value-preserving rules may apply.
struct value_rules {};

template <class C>
struct negation;
template <class A, class B>
struct negation<comparison<less, A, B>> {
    using type = comparison<greater_equal, A, B>;
};
template <class A, class B>
struct negation<comparison<less_equal, A, B>> {
    using type = comparison<greater, A, B>;
};
template <class A, class B>
struct negation<comparison<greater, A, B>> {
    using type = comparison<less_equal, A, B>;
};
template <class A, class B>
struct negation<comparison<greater_equal, A, B>> {
    using type = comparison<less, A, B>;
};
template <class C>
using negation_t = typename negation<C>::type;

// Conditions in a normal form: a constant moves to the right
// (3 + x > 0 → x > −3, 2x < 1 → x < 1/2), max(u, c₁) < c₂ with c₁ < c₂ is
// u < c₂, and an odd power compared with 0 is its base (x³ ≥ 0 → x ≥ 0, which
// stays right where x³ underflows: −10⁻³⁸ cubed is −0 in float).
template <class C>
struct normal_condition {
    using type = C;
};
template <class R, std::intmax_t N, std::intmax_t D, class... Ts, std::intmax_t M, std::intmax_t E>
struct normal_condition<comparison<R, sum<rational<N, D>, Ts...>, rational<M, E>>> {
    using type =
        typename normal_condition<comparison<R, decltype(make_sum(Ts{}...)), rational_t<ratio{M, E} - ratio{N, D}>>>::type;
};
template <class R, std::intmax_t N, std::intmax_t D, class A, std::intmax_t M, std::intmax_t E>
    requires(N > 0)
struct normal_condition<comparison<R, product<rational<N, D>, A>, rational<M, E>>> {
    using type = comparison<R, A, rational_t<ratio{M, E} / ratio{N, D}>>;
};
template <class A, std::intmax_t N, std::intmax_t D, std::intmax_t M, std::intmax_t E>
    requires(ratio{N, D} < ratio{M, E})
struct normal_condition<comparison<less, maximum<A, rational<N, D>>, rational<M, E>>> {
    using type = typename normal_condition<comparison<less, A, rational<M, E>>>::type;
};
template <class A, std::intmax_t N, std::intmax_t D, std::intmax_t M, std::intmax_t E>
    requires(ratio{M, E} < ratio{N, D})
struct normal_condition<comparison<greater, minimum<A, rational<N, D>>, rational<M, E>>> {
    using type = typename normal_condition<comparison<greater, A, rational<M, E>>>::type;
};

template <class R, class B, std::intmax_t N>
    requires(N > 1 && N % 2 == 1)
struct normal_condition<comparison<R, power<B, rational<N, 1>>, rational<0, 1>>> {
    using type = typename normal_condition<comparison<R, B, rational<0, 1>>>::type;
};

}  // namespace actdiff::detail
