// The algebra of the DSL: + - * /, pow, sqrt, max, min, comparisons, where.
// Numbers must be compile-time constants (2_c, 0.5_c, c<1, 2>): a plain int
// or double cannot be carried in an expression's type, and mixing one in is
// a compile error that says so.
#pragma once

#include <type_traits>

#include <actdiff/core/constants.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/core/expression.hpp>

namespace actdiff {

namespace detail {
template <class A, class B>
concept mixes_plain_number = (std::is_arithmetic_v<A> && Expression<B>) || (Expression<A> && std::is_arithmetic_v<B>);

template <class A, class B>
constexpr auto reject_plain_number() {
    static_assert(always_false<A, B>,
                  "actdiff: a plain number cannot be part of an expression; write 2_c, 0.5_c or c<1, 2> instead");
    return zero{};
}
}  // namespace detail

template <Expression A, Expression B>
constexpr auto operator+(A, B) {
    return detail::make_sum(A{}, B{});
}
template <Expression A, Expression B>
constexpr auto operator-(A, B) {
    return detail::make_sum(A{}, detail::make_product(rational<-1, 1>{}, B{}));
}
template <Expression A, Expression B>
constexpr auto operator*(A, B) {
    return detail::make_product(A{}, B{});
}
template <Expression A, Expression B>
constexpr auto operator/(A, B) {
    static_assert(!std::is_same_v<B, zero>, "actdiff: division by the constant zero");
    return detail::make_product(A{}, detail::make_power<detail::ratio{-1, 1}>(B{}));
}
template <Expression A>
constexpr auto operator-(A) {
    return detail::make_product(rational<-1, 1>{}, A{});
}
template <Expression A>
constexpr auto operator+(A a) {
    return a;
}

template <class A, class B>
    requires detail::mixes_plain_number<A, B>
constexpr auto operator+(A, B) {
    return detail::reject_plain_number<A, B>();
}
template <class A, class B>
    requires detail::mixes_plain_number<A, B>
constexpr auto operator-(A, B) {
    return detail::reject_plain_number<A, B>();
}
template <class A, class B>
    requires detail::mixes_plain_number<A, B>
constexpr auto operator*(A, B) {
    return detail::reject_plain_number<A, B>();
}
template <class A, class B>
    requires detail::mixes_plain_number<A, B>
constexpr auto operator/(A, B) {
    return detail::reject_plain_number<A, B>();
}

// u^r for an exact rational exponent: pow(x, 3_c), pow(x, c<-1, 2>).
template <Expression U, class R>
constexpr auto pow(U, R) {
    static_assert(is_rational_v<R>,
                  "actdiff: pow(u, r) takes an exact rational exponent such as 3_c or c<1, 2>; for u^v write exp(v * log(u))");
    if constexpr (is_rational_v<R>) {
        return detail::make_power<R::value>(U{});
    }
}

template <Expression U>
constexpr auto sqrt(U) {
    return detail::make_power<detail::ratio{1, 2}>(U{});
}

// max(a, b) and min(a, b) take b on a tie, so relu = max(u, 0_c) has
// derivative 0 at 0, the convention of PyTorch.
template <Expression A, Expression B>
constexpr auto max(A, B) {
    return detail::make_maximum(A{}, B{});
}
template <Expression A, Expression B>
constexpr auto min(A, B) {
    return detail::make_minimum(A{}, B{});
}

template <Expression A, Expression B>
constexpr comparison<less, A, B> operator<(A, B) {
    return {};
}
template <Expression A, Expression B>
constexpr comparison<less_equal, A, B> operator<=(A, B) {
    return {};
}
template <Expression A, Expression B>
constexpr comparison<greater, A, B> operator>(A, B) {
    return {};
}
template <Expression A, Expression B>
constexpr comparison<greater_equal, A, B> operator>=(A, B) {
    return {};
}

template <class A, class B>
    requires detail::mixes_plain_number<A, B>
constexpr auto operator<(A, B) {
    return detail::reject_plain_number<A, B>();
}
template <class A, class B>
    requires detail::mixes_plain_number<A, B>
constexpr auto operator<=(A, B) {
    return detail::reject_plain_number<A, B>();
}
template <class A, class B>
    requires detail::mixes_plain_number<A, B>
constexpr auto operator>(A, B) {
    return detail::reject_plain_number<A, B>();
}
template <class A, class B>
    requires detail::mixes_plain_number<A, B>
constexpr auto operator>=(A, B) {
    return detail::reject_plain_number<A, B>();
}

// where(condition, a, b): a where the condition holds, b elsewhere.
template <class C, class A, class B>
    requires detail::involves_library_type<C, A, B>
constexpr auto where(C, A, B) {
    static_assert(Condition<C>, "actdiff: where(c, a, b) needs a comparison such as x > 0_c as its first argument");
    static_assert(Expression<A> && Expression<B>,
                  "actdiff: where(c, a, b) needs expressions as branches; write 2_c or 0.5_c, not plain numbers");
    if constexpr (Condition<C> && Expression<A> && Expression<B>) {
        return detail::make_where(C{}, A{}, B{});
    }
}

}  // namespace actdiff
