// Compile-time strings usable as template arguments: the names of variables,
// parameters and named constants live in the types of expressions.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace actdiff {

template <std::size_t N>
struct fixed_string {
    char data[N]{};

    consteval fixed_string(const char (&text)[N]) { std::copy_n(text, N, data); }

    constexpr std::string_view view() const { return {data, N - 1}; }
    constexpr std::size_t size() const { return N - 1; }

    template <std::size_t M>
    constexpr bool operator==(const fixed_string<M>& other) const {
        return view() == other.view();
    }
};

}  // namespace actdiff
