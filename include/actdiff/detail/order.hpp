// The portable structural order of expressions. Every node type has a key: a
// constexpr array made of its kind's rank, its children's keys, symbol names
// (as characters) and exact constant values. Keys compare lexicographically,
// a prefix first. Nothing here depends on compiler-generated type names, so
// the canonical order, and everything printed from it, is the same with
// every compiler (mp-units orders by type names and differs between g++ and
// clang++; see docs/design.md).
//
// Ranks put coefficients first, then named constants, symbols, functions,
// sums and products, which is also the order a reader expects in a product:
// 2·π·x·σ(x)·(1 − σ(x)). A power is keyed by its base, then its exponent, so
// x, x² and x⁻¹ sort next to each other.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <utility>

#include <actdiff/core/expression.hpp>

namespace actdiff::detail {

using key_element = std::int64_t;

enum rank : key_element {
    rank_rational = 0,
    rank_named_constant = 1,
    rank_symbol = 2,
    rank_apply = 3,
    rank_sum = 4,
    rank_product = 5,
    rank_maximum = 6,
    rank_minimum = 7,
    rank_where = 8,
    rank_compare = 9,
    exponent_mark = 10,
    rank_derivative = 11,
};

template <std::size_t... Ns>
constexpr auto join(const std::array<key_element, Ns>&... parts) {
    std::array<key_element, (Ns + ... + 0)> out{};
    std::size_t at = 0;
    ((std::copy(parts.begin(), parts.end(), out.begin() + static_cast<std::ptrdiff_t>(at)), at += Ns), ...);
    return out;
}

template <key_element... Values>
inline constexpr std::array<key_element, sizeof...(Values)> values{Values...};

// A name as its characters, then 0.
template <std::size_t N>
constexpr auto spelled(const char (&name)[N]) {
    std::array<key_element, N> out{};
    for (std::size_t i = 0; i + 1 < N; ++i) out[i] = static_cast<unsigned char>(name[i]);
    return out;
}

template <class T>
struct key_of;

template <class T>
inline constexpr auto key_v = key_of<T>::value;

template <fixed_string Name>
struct key_of<variable<Name>> {
    static constexpr auto value = join(values<rank_symbol>, spelled(Name.data), values<0>);
};
template <fixed_string Name>
struct key_of<parameter<Name>> {
    static constexpr auto value = join(values<rank_symbol>, spelled(Name.data), values<1>);
};
template <std::intmax_t N, std::intmax_t D>
struct key_of<rational<N, D>> {
    static constexpr auto value = values<rank_rational, N, D>;
};
template <fixed_string Symbol, fixed_string Digits>
struct key_of<named_constant<Symbol, Digits>> {
    static constexpr auto value = join(values<rank_named_constant>, spelled(Symbol.data));
};
template <class B, std::intmax_t N, std::intmax_t D>
struct key_of<power<B, rational<N, D>>> {
    static constexpr auto value = join(key_v<B>, values<exponent_mark, N, D>);
};
template <class F, class U>
struct key_of<apply<F, U>> {
    static constexpr auto name = [] {
        std::array<key_element, F::name.size() + 1> out{};
        for (std::size_t i = 0; i < F::name.size(); ++i) out[i] = static_cast<unsigned char>(F::name[i]);
        return out;
    }();
    // A primitive that is more than its name (a template of a form, such as
    // primitive/rounding.hpp's) states the rest as `key`: without it two such
    // calls on one argument would be equal, and a sum would add them as one.
    static constexpr auto extra = [] {
        if constexpr (requires { F::key; }) {
            return join(values<key_element(F::key.size())>, F::key);
        } else {
            return std::array<key_element, 0>{};
        }
    }();
    static constexpr auto value = join(values<rank_apply>, name, extra, key_v<U>);
};
template <class... Ts>
struct key_of<sum<Ts...>> {
    static constexpr auto value = join(values<rank_sum, sizeof...(Ts)>, key_v<Ts>...);
};
template <class... Ts>
struct key_of<product<Ts...>> {
    static constexpr auto value = join(values<rank_product, sizeof...(Ts)>, key_v<Ts>...);
};
template <class A, class B>
struct key_of<maximum<A, B>> {
    static constexpr auto value = join(values<rank_maximum>, key_v<A>, key_v<B>);
};
template <class A, class B>
struct key_of<minimum<A, B>> {
    static constexpr auto value = join(values<rank_minimum>, key_v<A>, key_v<B>);
};
template <class C, class A, class B>
struct key_of<where_node<C, A, B>> {
    static constexpr auto value = join(values<rank_where>, key_v<C>, key_v<A>, key_v<B>);
};
template <class F, class V>
struct key_of<derivative_of<F, V>> {
    static constexpr auto value = join(values<rank_derivative>, key_v<F>, key_v<V>);
};

template <class Relation>
inline constexpr key_element relation_rank = 0;  // less
template <>
inline constexpr key_element relation_rank<less_equal> = 1;
template <>
inline constexpr key_element relation_rank<greater> = 2;
template <>
inline constexpr key_element relation_rank<greater_equal> = 3;

template <class R, class A, class B>
struct key_of<comparison<R, A, B>> {
    static constexpr auto value = join(values<rank_compare, relation_rank<R>>, key_v<A>, key_v<B>);
};

// A key seen through a pointer, so that keys of every length compare in one
// function (a template per pair of lengths cost thousands of instantiations).
struct key_view {
    const key_element* data;
    std::size_t size;
};

template <class T>
inline constexpr key_view view_v{key_v<T>.data(), key_v<T>.size()};

constexpr int compare_keys(key_view a, key_view b) {
    for (std::size_t i = 0; i < a.size && i < b.size; ++i) {
        if (a.data[i] != b.data[i]) return a.data[i] < b.data[i] ? -1 : 1;
    }
    return a.size == b.size ? 0 : (a.size < b.size ? -1 : 1);
}

// The structural order: -1, 0 or 1.
template <class A, class B>
inline constexpr int order_v = compare_keys(view_v<A>, view_v<B>);

// Distinct keys in structural order: position[r] is the first element with
// the r-th smallest key, rank[i] the rank of element i's key; elements not
// kept (`skip`) have no rank. Keys identify expressions: equal keys are one
// expression (two primitives of one name are one function, as SymPy's
// Function('f') is).
template <std::size_t N>
struct sorted_selection {
    std::array<std::size_t, N> position{};
    std::array<std::size_t, N> rank{};
    std::array<bool, N> kept{};
    std::size_t count = 0;
};

template <std::size_t N>
constexpr sorted_selection<N> select_sorted(const std::array<key_view, N>& keys, const std::array<bool, N>& kept) {
    sorted_selection<N> out;
    out.kept = kept;
    std::array<std::size_t, N> first{};  // the first element with element i's key
    for (std::size_t i = 0; i < N; ++i) {
        if (!kept[i]) continue;
        std::size_t at = 0;
        int order = 1;
        for (; at < out.count; ++at) {
            order = compare_keys(keys[out.position[at]], keys[i]);
            if (order >= 0) break;
        }
        if (at < out.count && order == 0) {
            first[i] = out.position[at];
            continue;
        }
        first[i] = i;
        for (std::size_t j = out.count; j > at; --j) out.position[j] = out.position[j - 1];
        out.position[at] = i;
        ++out.count;
    }
    for (std::size_t r = 0; r < out.count; ++r) out.rank[out.position[r]] = r;
    for (std::size_t i = 0; i < N; ++i) out.rank[i] = out.rank[first[i]];
    return out;
}

}  // namespace actdiff::detail
