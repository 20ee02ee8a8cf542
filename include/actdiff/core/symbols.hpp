// Variables and parameters, and the bindings that give them values.
//   constexpr auto x = var<"x">;           an input of the activation
//   constexpr auto alpha = param<"alpha">; a learnable or tunable parameter
// Both are differentiable; `x = 0.5` makes a binding for eval().
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>
#include <type_traits>

#include <actdiff/core/expression.hpp>

namespace actdiff {

namespace detail {
// A name is a C++ identifier in the basic character set: it is spelled as is
// in text, LaTeX and emitted source, so nothing in it needs escaping.
constexpr bool is_identifier(std::string_view name) {
    const auto letter = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_'; };
    if (name.empty() || !letter(name.front())) return false;
    for (char ch : name) {
        if (!letter(ch) && !(ch >= '0' && ch <= '9')) return false;
    }
    return true;
}

// The name as a pack of chars, so that both compilers print it as characters
// in the diagnostic: is_an_identifier<name_spelled<'m', 'y', ' ', 'x'>>.
template <char... Chars>
struct name_spelled {};
template <class Spelled>
inline constexpr bool is_an_identifier = false;
template <char... Chars>
inline constexpr bool is_an_identifier<name_spelled<Chars...>> = is_identifier(std::string_view{
    std::array<char, sizeof...(Chars) + 1>{Chars..., '\0'}.data(), sizeof...(Chars)});
template <fixed_string Name, std::size_t... I>
constexpr auto spell_name(std::index_sequence<I...>) -> name_spelled<Name.data[I]...>;
template <fixed_string Name>
using name_spelled_t = decltype(spell_name<Name>(std::make_index_sequence<Name.size()>{}));

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
    static_assert(detail::is_an_identifier<detail::name_spelled_t<Name>>,
                  "actdiff: var<\"name\">: the name must be an identifier: letters, digits and _, not starting with a digit");
    static constexpr auto name = Name;

    template <class T>
    constexpr binding<variable, detail::bound_value_t<T>> operator=(const T& value) const {
        return {static_cast<detail::bound_value_t<T>>(value)};
    }
};

template <fixed_string Name>
struct parameter : expression<parameter<Name>> {
    static_assert(detail::is_an_identifier<detail::name_spelled_t<Name>>,
                  "actdiff: param<\"name\">: the name must be an identifier: letters, digits and _, not starting with a digit");
    static constexpr auto name = Name;

    template <class T>
    constexpr binding<parameter, detail::bound_value_t<T>> operator=(const T& value) const {
        return {static_cast<detail::bound_value_t<T>>(value)};
    }
};

namespace detail {
template <class S, class T>
inline constexpr bool is_library_type_v<binding<S, T>> = true;
}

template <fixed_string Name>
inline constexpr variable<Name> var{};

template <fixed_string Name>
inline constexpr parameter<Name> param{};

}  // namespace actdiff
