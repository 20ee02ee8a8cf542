// What an expression is. Every expression is an empty, trivially copyable
// value whose type is the formula: two structurally identical formulas have
// the same type, which is what lets derivatives, simplification and common
// subexpressions be worked out on types at compile time.
#pragma once

#include <concepts>
#include <cstdint>
#include <type_traits>

#include <actdiff/detail/ratio.hpp>
#include <actdiff/core/fixed_string.hpp>

namespace actdiff {

// Base of every node. It gives the call syntax f(x = 0.5); the evaluator
// (evaluation/evaluate.hpp) is found by argument-dependent lookup when it is used.
template <class Derived>
struct expression {
    template <class... Bindings>
    constexpr auto operator()(const Bindings&... bindings) const {
        return eval(static_cast<const Derived&>(*this), bindings...);
    }
};

template <class T>
concept Expression = std::is_base_of_v<expression<std::remove_cvref_t<T>>, std::remove_cvref_t<T>> &&
                     std::is_empty_v<std::remove_cvref_t<T>>;

// ---- leaves -------------------------------------------------------------

template <fixed_string Name>
struct variable;
template <fixed_string Name>
struct parameter;

// An exact rational constant, always in lowest terms with a positive denominator.
template <std::intmax_t Num, std::intmax_t Den>
struct rational : expression<rational<Num, Den>> {
    static_assert(Den > 0, "actdiff: a rational constant needs a positive denominator");
    static constexpr detail::ratio value{Num, Den};
};

// A named irrational constant: a symbol for printing and the decimal digits of
// its value, kept as text so that every evaluation type gets full precision.
template <fixed_string Symbol, fixed_string Digits>
struct named_constant : expression<named_constant<Symbol, Digits>> {
    static constexpr auto symbol = Symbol;
    static constexpr auto digits = Digits;
};

// ---- composite nodes ----------------------------------------------------

// n-ary sum; never nested, at most one rational term (the first).
template <class... Terms>
struct sum : expression<sum<Terms...>> {};

// n-ary product; never nested, at most one rational factor (the first).
// Quotients are products with negative powers; -u is (-1)·u.
template <class... Factors>
struct product : expression<product<Factors...>> {};

// Base raised to a rational exponent (a rational<> type). sqrt(u) is u^(1/2).
template <class Base, class Exponent>
struct power : expression<power<Base, Exponent>> {};

// A primitive function (see primitive/protocol.hpp) applied to one argument.
template <class Function, class Argument>
struct apply : expression<apply<Function, Argument>> {};

// max(a, b) takes b on a tie, min(a, b) too; their derivatives follow.
template <class A, class B>
struct maximum : expression<maximum<A, B>> {};
template <class A, class B>
struct minimum : expression<minimum<A, B>> {};

// where(condition, a, b): a where the condition holds, b elsewhere.
template <class Condition, class A, class B>
struct where_node : expression<where_node<Condition, A, B>> {};

// d/dv[F] not yet taken: what one step of differentiation leaves for the
// next (algorithm/derivation.hpp prints these steps). Never evaluated.
template <class F, class V>
struct derivative_of : expression<derivative_of<F, V>> {};

// ---- conditions ---------------------------------------------------------

struct less {};
struct less_equal {};
struct greater {};
struct greater_equal {};

// A comparison; it is a condition, not an expression: it has no derivative.
template <class Relation, class A, class B>
struct comparison {};

template <class T>
inline constexpr bool is_condition_v = false;
template <class Relation, class A, class B>
inline constexpr bool is_condition_v<comparison<Relation, A, B>> = true;

template <class T>
concept Condition = is_condition_v<T>;

namespace detail {
// The library's own types (expressions, conditions, bindings, environments).
// A public function of a generic name (eval, at, d, latex, ...) takes part in
// overload resolution only when an argument is one of them, so that with
// `using namespace actdiff;` it never captures an unqualified call inside
// another library; a partly wrong call still reaches the designed message.
template <class T>
inline constexpr bool is_library_type_v = Expression<T> || Condition<T>;
template <class... Ts>
concept involves_library_type = (is_library_type_v<std::remove_cvref_t<Ts>> || ...);
}  // namespace detail

// ---- classification -----------------------------------------------------

template <class T>
inline constexpr bool is_rational_v = false;
template <std::intmax_t N, std::intmax_t D>
inline constexpr bool is_rational_v<rational<N, D>> = true;

template <class T>
inline constexpr bool is_variable_v = false;
template <fixed_string Name>
inline constexpr bool is_variable_v<variable<Name>> = true;

template <class T>
inline constexpr bool is_parameter_v = false;
template <fixed_string Name>
inline constexpr bool is_parameter_v<parameter<Name>> = true;

// What d() differentiates with respect to and eval() binds: a var or a param.
template <class T>
concept Symbol = is_variable_v<T> || is_parameter_v<T>;

namespace detail {
// For a static_assert that fires only when its template is instantiated.
template <class...>
inline constexpr bool always_false = false;

// Through a class template: g++ 12 crashes when an alias template takes a
// call expression as a class-type template argument directly.
template <ratio R>
struct rational_for {
    using type = rational<R.num, R.den>;
};
template <ratio R>
using rational_t = typename rational_for<R>::type;
}

using zero = rational<0, 1>;
using one = rational<1, 1>;

}  // namespace actdiff
