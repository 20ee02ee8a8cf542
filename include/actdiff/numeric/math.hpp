// Helpers the evaluator and the primitives share: constants of the value
// type, and a select that works for scalars and for SIMD batches alike.
#pragma once

#include <bit>
#include <cstdint>
#include <type_traits>

namespace actdiff::detail {

// A SIMD batch of float or double lanes.
template <class T>
concept floating_lanes = requires { typename T::value_type; } && std::is_floating_point_v<typename T::value_type>;

// A constant in the evaluation type, rounded once: a SIMD batch's lanes as
// its scalars are, and a type that takes a long double without narrowing
// (__float128, the guarded path's extended) from all its digits. Other user
// types need a constructor from double.
template <class T>
constexpr T lift(long double value) {
    if constexpr (std::is_floating_point_v<T>) {
        return static_cast<T>(value);
    } else if constexpr (floating_lanes<T>) {
        return T(static_cast<typename T::value_type>(value));
    } else if constexpr (requires { T{value}; }) {
        return T{value};
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

// u with the lower half of its significand cleared (float keeps 12 bits,
// double 26): products of two such halves are exact, which Dekker's product
// needs where there is no FMA (SSE2; xsimd 8's FMA on AVX-512 is a*b + c).
// Scalars here; kernel/elementwise.hpp's batches in numeric/xsimd.hpp.
template <class T>
    requires(std::is_same_v<T, float> || std::is_same_v<T, double>)
constexpr T high_half(const T& u) {
    if constexpr (std::is_same_v<T, float>) {
        return std::bit_cast<float>(std::bit_cast<std::uint32_t>(u) & 0xFFFFF000u);
    } else {
        return std::bit_cast<double>(std::bit_cast<std::uint64_t>(u) & 0xFFFFFFFFF8000000u);
    }
}

}  // namespace actdiff::detail

#include <cmath>

#include <actdiff/numeric/constexpr_math.hpp>

// The math functions the evaluator calls: in a constant expression the
// portable constexpr versions, otherwise the library's (or, for a user type,
// the ones argument-dependent lookup finds).
namespace actdiff::detail::math {

template <class T>
inline constexpr bool own_at_compile_time = std::is_floating_point_v<T>;

// Replacements for a number type's own functions, where those fall short:
// kernel/elementwise.hpp specialises it for SIMD batches (xsimd's exp flushes subnormal
// results to 0). A specialisation provides any of the functions below.
template <class T>
struct replacement {};

// Always inlined: a batch passed to an out-of-line call goes through memory,
// which cost a float exp a fifth of its speed in a plain loop.
#define ACTDIFF_DETAIL_MATH_FUNCTION(name)                                           \
    template <class T>                                                               \
    [[gnu::always_inline]] constexpr T name(const T& u) {                            \
        if constexpr (own_at_compile_time<T>) {                                      \
            if (std::is_constant_evaluated()) return constexpr_math::name(u);        \
        }                                                                            \
        if constexpr (requires { replacement<T>::name(u); }) {                       \
            return replacement<T>::name(u);                                          \
        } else {                                                                     \
            using std::name;                                                         \
            return name(u);                                                          \
        }                                                                            \
    }
ACTDIFF_DETAIL_MATH_FUNCTION(exp)
ACTDIFF_DETAIL_MATH_FUNCTION(expm1)
ACTDIFF_DETAIL_MATH_FUNCTION(log)
ACTDIFF_DETAIL_MATH_FUNCTION(log1p)
ACTDIFF_DETAIL_MATH_FUNCTION(erf)
ACTDIFF_DETAIL_MATH_FUNCTION(erfc)
ACTDIFF_DETAIL_MATH_FUNCTION(sqrt)
ACTDIFF_DETAIL_MATH_FUNCTION(sin)
ACTDIFF_DETAIL_MATH_FUNCTION(cos)
ACTDIFF_DETAIL_MATH_FUNCTION(atan)
ACTDIFF_DETAIL_MATH_FUNCTION(asinh)
#undef ACTDIFF_DETAIL_MATH_FUNCTION

template <class T>
constexpr T abs(const T& u) {
    if constexpr (own_at_compile_time<T>) {
        if (std::is_constant_evaluated()) return u < 0 ? -u : u;
    }
    using std::abs;
    return abs(u);
}

// tanh(u) = 1 − 2t/(1 + t) for t = e^(−2|u|), u ≥ 0: no cancellation from
// |u| = 3/4 on, where 2t/(1 + t) ≤ 0.37; the quotient t/(1 + t) is the one
// σ's and tanh′'s forms of the same t take, which a kernel computes once.
template <class T>
[[gnu::always_inline]] constexpr T tanh_from_exp(const T& t) {
    const T one = lift<T>(1);
    return one - lift<T>(2) * (t / (one + t));
}
// tanh where |u| < 3/4: the number type's own, or a batch's cheaper form
// for that interval (numeric/xsimd.hpp).
template <class T>
[[gnu::always_inline]] constexpr T tanh_near_zero(const T& u) {
    if constexpr (own_at_compile_time<T>) {
        if (std::is_constant_evaluated()) return constexpr_math::tanh(u);
    }
    if constexpr (requires { replacement<T>::tanh_near_zero(u); }) {
        return replacement<T>::tanh_near_zero(u);
    } else {
        using std::tanh;
        return tanh(u);
    }
}
// The threshold between tanh's two forms, 3/4, as a fraction for the DSL's
// constant in tanh_function::alternative and as a number here.
inline constexpr long tanh_split_numerator = 3, tanh_split_denominator = 4;
inline constexpr long double tanh_split = static_cast<long double>(tanh_split_numerator) / tanh_split_denominator;
// tanh in float and double takes the same steps as a kernel's form of it
// beside its derivative (tanh_function::alternative): from |u| = 3/4 on
// ±tanh_from_exp(e^(−2|u|)), below tanh_near_zero, so that a kernel's
// forward, with tanh's call, and its fused pass, which shares the call's exp
// with tanh′, agree to the bit.
template <class T>
[[gnu::always_inline]] constexpr T tanh(const T& u) {
    if constexpr (own_at_compile_time<T>) {
        if (std::is_constant_evaluated()) return constexpr_math::tanh(u);
    }
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        const T magnitude = abs(u);
        if (!(magnitude >= lift<T>(tanh_split))) return tanh_near_zero(u);
        const T value = tanh_from_exp(exp(-(lift<T>(2) * magnitude)));
        return u < 0 ? -value : value;
    } else if constexpr (requires { replacement<T>::tanh(u); }) {
        return replacement<T>::tanh(u);
    } else {
        using std::tanh;
        return tanh(u);
    }
}

// a > b ? a : b and a < b ? a : b, NaN and signed zeros included: the DSL's
// max and min. A batch's replacement (numeric/xsimd.hpp) takes x86's max and
// min, which are these selects in one instruction where a compare and a
// blend take two.
template <class T>
[[gnu::always_inline]] constexpr T larger_of(const T& a, const T& b) {
    if constexpr (requires { replacement<T>::larger_of(a, b); }) {
        return replacement<T>::larger_of(a, b);
    } else {
        return choose(a > b, a, b);
    }
}
template <class T>
[[gnu::always_inline]] constexpr T smaller_of(const T& a, const T& b) {
    if constexpr (requires { replacement<T>::smaller_of(a, b); }) {
        return replacement<T>::smaller_of(a, b);
    } else {
        return choose(a < b, a, b);
    }
}

// 1/u to at least 11 bits, for terms that only correct a result: a batch's
// replacement takes the target's reciprocal estimate, one instruction where a
// division occupies the divider for several cycles (numeric/xsimd.hpp);
// elsewhere the quotient.
template <class T>
[[gnu::always_inline]] constexpr T reciprocal_estimate(const T& u) {
    if constexpr (requires { replacement<T>::reciprocal_estimate(u); }) {
        return replacement<T>::reciprocal_estimate(u);
    } else {
        return lift<T>(1) / u;
    }
}

// The smaller of two values (a SIMD batch's own min, by argument-dependent lookup).
template <class T>
constexpr T min(const T& a, const T& b) {
    if constexpr (std::is_floating_point_v<T>) {
        return b < a ? b : a;
    } else {
        using std::min;
        return min(a, b);
    }
}

template <class T>
constexpr T pow(const T& u, const T& v) {
    if constexpr (own_at_compile_time<T>) {
        if (std::is_constant_evaluated()) return constexpr_math::pow(u, v);
    }
    using std::pow;
    return pow(u, v);
}

}  // namespace actdiff::detail::math

namespace actdiff::detail {

// Exact errors of a product and of a quotient, for the kernels' compensated
// forms (primitive/rounding.hpp) and the SIMD erfc (numeric/xsimd.hpp).
template <class T>
[[gnu::always_inline]] constexpr T split_high(const T& u) {
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        return high_half(u);
    } else {
        return math::replacement<T>::high_half(u);
    }
}

// a·b − fl(a·b), for a product that stays finite: a fused multiply-subtract
// where the target has one, else Dekker's product.
template <class T>
[[gnu::always_inline]] constexpr T product_error(const T& a, const T& b, const T& product) {
    if constexpr (requires { requires math::replacement<T>::fused_product; }) {
        return math::replacement<T>::product_error(a, b, product);
    }
#if defined(__FMA__)
    if constexpr (std::is_floating_point_v<T>) {
        if (!std::is_constant_evaluated()) return std::fma(a, b, -product);
    }
#endif
    const T a_high = split_high(a), b_high = split_high(b);
    const T a_low = a - a_high, b_low = b - b_high;
    return (((a_high * b_high - product) + a_high * b_low) + a_low * b_high) + a_low * b_low;
}

// n − q·d exactly, for a quotient q = fl(n/d): one fused multiply-subtract
// where the target has one, else n − fl(q·d) (exact, as fl(q·d) is near n)
// less Dekker's error of the product.
template <class T>
[[gnu::always_inline]] constexpr T remainder_of(const T& n, const T& q, const T& d) {
    if constexpr (requires { requires math::replacement<T>::fused_product; }) {
        return math::replacement<T>::fused_multiply_add(-q, d, n);
    }
#if defined(__FMA__)
    if constexpr (std::is_floating_point_v<T>) {
        if (!std::is_constant_evaluated()) return std::fma(-q, d, n);
    }
#endif
    const T product = q * d;
    return (n - product) - product_error(q, d, product);
}

// a·b + c, rounded once where the target has a fused multiply-add (a vector
// type's, or FMA's for float and double outside constant evaluation), else
// twice.
template <class T>
[[gnu::always_inline]] constexpr T multiply_add(const T& a, const T& b, const T& c) {
    if constexpr (requires { requires math::replacement<T>::fused_product; }) {
        return math::replacement<T>::fused_multiply_add(a, b, c);
    }
#if defined(__FMA__)
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        if (!std::is_constant_evaluated()) return std::fma(a, b, c);
    }
#endif
    return a * b + c;
}

}  // namespace actdiff::detail
