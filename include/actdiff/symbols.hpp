// Variables and parameters, and the bindings that give them values.
//   constexpr auto x = var<"x">;           an input of the activation
//   constexpr auto alpha = param<"alpha">; a learnable or tunable parameter
// Both are differentiable; `x = 0.5` makes a binding for eval().
#pragma once

#include <type_traits>

#include <actdiff/expression.hpp>

namespace actdiff {

namespace detail {
// Integers bound to a symbol evaluate in double: exact rational constants
// such as 1/2 would otherwise truncate.
template <class T>
using bound_value_t = std::conditional_t<std::is_integral_v<T>, double, T>;
}  // namespace detail

// The value of one symbol during an evaluation.
template <class Symbol, class T>
struct binding {
    using symbol_type = Symbol;
    using value_type = T;
    T value;
};

template <fixed_string Name>
struct variable : expression<variable<Name>> {
    static constexpr auto name = Name;

    template <class T>
    constexpr binding<variable, detail::bound_value_t<T>> operator=(const T& value) const {
        return {static_cast<detail::bound_value_t<T>>(value)};
    }
};

template <fixed_string Name>
struct parameter : expression<parameter<Name>> {
    static constexpr auto name = Name;

    template <class T>
    constexpr binding<parameter, detail::bound_value_t<T>> operator=(const T& value) const {
        return {static_cast<detail::bound_value_t<T>>(value)};
    }
};

template <fixed_string Name>
inline constexpr variable<Name> var{};

template <fixed_string Name>
inline constexpr parameter<Name> param{};

}  // namespace actdiff
