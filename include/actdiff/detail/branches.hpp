// What is known inside a branch of a where: the conditions that hold there,
// as bounds on symbols, and the value ranges they give to expressions. The
// simplifier uses them to resolve max, min and nested where inside branches
// (in hardswish', min(max(3 + x, 0), 6) is 3 + x where −3 < x < 3).
//
// These rewrites keep values, not kink conventions: max(x, 0) → x under
// x ≥ 0 changes the derivative at 0. So d(f) applies them to derivatives only,
// never to f before differentiating (algorithm/simplify.hpp).
#pragma once

#include <type_traits>

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

// An interval of exact rationals; a missing bound is infinite.
struct interval {
    bool has_low = false, low_open = false;
    ratio low{};
    bool has_high = false, high_open = false;
    ratio high{};
};

constexpr interval point(ratio r) { return {true, false, r, true, false, r}; }

constexpr interval intersect(interval a, interval b) {
    if (b.has_low && (!a.has_low || a.low < b.low || (a.low == b.low && b.low_open))) {
        a.has_low = true;
        a.low = b.low;
        a.low_open = b.low_open;
    }
    if (b.has_high && (!a.has_high || b.high < a.high || (a.high == b.high && b.high_open))) {
        a.has_high = true;
        a.high = b.high;
        a.high_open = b.high_open;
    }
    return a;
}

constexpr interval add(interval a, interval b) {
    return {a.has_low && b.has_low,   a.low_open || b.low_open,   a.low + b.low,
            a.has_high && b.has_high, a.high_open || b.high_open, a.high + b.high};
}

constexpr interval scale(interval a, ratio k) {
    if (k.num == 0) return point(ratio{});
    if (ratio{} < k) return {a.has_low, a.low_open, a.low * k, a.has_high, a.high_open, a.high * k};
    return {a.has_high, a.high_open, a.high * k, a.has_low, a.low_open, a.low * k};
}

// The bound a condition puts on symbol S, if it compares S with a constant.
template <class S, class C>
constexpr interval bound_from(C) {
    return {};
}
template <class S, class R, class A, class B>
constexpr interval bound_from(comparison<R, A, B>) {
    if constexpr (std::is_same_v<A, S> && is_rational_v<B>) {
        constexpr ratio v = B::value;
        if constexpr (std::is_same_v<R, less>) return {false, false, {}, true, true, v};
        else if constexpr (std::is_same_v<R, less_equal>) return {false, false, {}, true, false, v};
        else if constexpr (std::is_same_v<R, greater>) return {true, true, v, false, false, {}};
        else return {true, false, v, false, false, {}};
    } else {
        return {};
    }
}

template <class Known, class T>
struct range_of {
    static constexpr interval value{};
};
template <class Known, class T>
inline constexpr interval range_v = range_of<Known, T>::value;

template <class... Facts, fixed_string Name>
struct range_of<list<Facts...>, variable<Name>> {
    static constexpr interval value = [] {
        interval r{};
        ((r = intersect(r, bound_from<variable<Name>>(Facts{}))), ...);
        return r;
    }();
};
template <class... Facts, fixed_string Name>
struct range_of<list<Facts...>, parameter<Name>> {
    static constexpr interval value = [] {
        interval r{};
        ((r = intersect(r, bound_from<parameter<Name>>(Facts{}))), ...);
        return r;
    }();
};
template <class Known, std::intmax_t N, std::intmax_t D>
struct range_of<Known, rational<N, D>> {
    static constexpr interval value = point({N, D});
};
template <class Known, class... Ts>
struct range_of<Known, sum<Ts...>> {
    static constexpr interval value = [] {
        interval r = point(ratio{});
        ((r = add(r, range_v<Known, Ts>)), ...);
        return r;
    }();
};
template <class Known, std::intmax_t N, std::intmax_t D, class T>
struct range_of<Known, product<rational<N, D>, T>> {
    static constexpr interval value = scale(range_v<Known, T>, {N, D});
};

// Whether a is certainly ≤ b (or ≥ b) over the known ranges.
constexpr bool at_most(interval a, interval b) { return a.has_high && b.has_low && !(b.low < a.high); }
constexpr bool below(interval a, interval b) {
    return a.has_high && b.has_low && (a.high < b.low || (a.high == b.low && (a.high_open || b.low_open)));
}

// +1: the condition holds on the known ranges, −1: it does not, 0: unknown.
template <class Known, class C>
constexpr int decided(C) {
    return 0;
}
template <class Known, class R, class A, class B>
constexpr int decided(comparison<R, A, B>) {
    constexpr interval a = range_v<Known, A>, b = range_v<Known, B>;
    if constexpr (std::is_same_v<R, less>) return below(a, b) ? 1 : at_most(b, a) ? -1 : 0;
    else if constexpr (std::is_same_v<R, less_equal>) return at_most(a, b) ? 1 : below(b, a) ? -1 : 0;
    else if constexpr (std::is_same_v<R, greater>) return below(b, a) ? 1 : at_most(a, b) ? -1 : 0;
    else return at_most(b, a) ? 1 : below(a, b) ? -1 : 0;
}

// Conditions in a normal form: a constant moves to the right
// (3 + x > 0 → x > −3, 2x < 1 → x < 1/2), and max(u, c₁) < c₂ with c₁ < c₂ is u < c₂.
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

}  // namespace actdiff::detail
