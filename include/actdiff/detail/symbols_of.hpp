// The symbols (vars and params) an expression uses, as a list of types.
#pragma once

#include <type_traits>

#include <actdiff/detail/construct.hpp>
#include <actdiff/core/expression.hpp>

namespace actdiff::detail {

template <class Node>
struct symbols_of {
    using type = list<>;  // constants and relation tags
};
template <fixed_string Name>
struct symbols_of<variable<Name>> {
    using type = list<variable<Name>>;
};
template <fixed_string Name>
struct symbols_of<parameter<Name>> {
    using type = list<parameter<Name>>;
};
template <template <class...> class Node, class... Children>
struct symbols_of<Node<Children...>> {
    using type = decltype((list<>{} + ... + typename symbols_of<Children>::type{}));
};

template <class Node, class S>
inline constexpr bool uses_v = []<class... Ss>(list<Ss...>) {
    return (std::is_same_v<Ss, S> || ...);
}(typename symbols_of<Node>::type{});

// An expression without symbols: a constant, however it is written (√(2/π)).
template <class Node>
inline constexpr bool is_constant_v = std::is_same_v<typename symbols_of<Node>::type, list<>>;

}  // namespace actdiff::detail
