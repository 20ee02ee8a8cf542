// Helpers the evaluator and the primitives share: constants of the value
// type, and a select that works for scalars and for SIMD batches alike.
#pragma once

#include <type_traits>

namespace actdiff::detail {

// A constant in the evaluation type. User types need a constructor from double.
template <class T>
constexpr T lift(long double value) {
    if constexpr (std::is_floating_point_v<T>) {
        return static_cast<T>(value);
    } else {
        return T(static_cast<double>(value));
    }
}

// mask ? a : b. A bool picks a branch; any other mask (a SIMD batch's) goes
// to its own select, found by argument-dependent lookup.
template <class Mask, class T>
constexpr T choose(const Mask& mask, const T& a, const T& b) {
    if constexpr (std::is_same_v<Mask, bool>) {
        return mask ? a : b;
    } else {
        return select(mask, a, b);
    }
}

}  // namespace actdiff::detail
