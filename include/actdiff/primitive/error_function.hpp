// The error function erf u and its complement erfc u = 1 − erf u (GELU's Φ).
#pragma once

#include <string_view>

#include <actdiff/primitive/apply.hpp>

namespace actdiff {

struct erf_function {
    static constexpr std::string_view name = "erf";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr value_range range{.has_low = true, .low = -1, .has_high = true, .high = 1};
    static constexpr parity symmetry = parity::odd;
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::erf(u);
    }
    static constexpr auto derivative(Expression auto u);
    // For kernels, 1 ± erf(u) without cancellation: erfc(∓u).
    static constexpr auto one_minus(Expression auto u);
    static constexpr auto one_plus(Expression auto u);
};
template <Expression U>
constexpr auto erf(U u) {
    return apply_function<erf_function>(u);
}

// erfc(u) = 1 − erf(u), accurate where erf(u) is near 1. The kernels use it
// for 1 + erf(u) = erfc(−u) (GELU's Φ at large negative x).
struct erfc_function {
    static constexpr std::string_view name = "erfc";
    static constexpr monotonicity monotone = monotonicity::decreasing;
    static constexpr value_range range{.has_low = true, .low = 0, .has_high = true, .high = 2};
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::erfc(u);
    }
    // −2/√π · e^(−u²)
    static constexpr auto derivative(Expression auto u);
    // About d(log erfc u)/du, by which kernels correct erfc(u) for the
    // rounding of u: −(2m + m/(m² + 1)), m = u within [0, 32], the quotient
    // a reciprocal estimate (primitive/rounding.hpp). Like the true
    // value it tends to −(2u + 1/u); it is within 0.45 of it from u = 0.5 on
    // and within 1.13 nearer 0, where u's rounding is as small as u. Where
    // u < 0, erfc is near 2 and needs no correction; beyond 27.3 it is 0 in
    // double, and the cap keeps 2m finite.
    static constexpr auto sensitivity(Expression auto u);
    static constexpr auto fold(zero) { return one{}; }
    // For equivalence proofs: erfc(u) = 1 − erf(u).
    static constexpr auto in_basis(Expression auto u);
};
template <Expression U>
constexpr auto erfc(U u) {
    return apply_function<erfc_function>(u);
}

}  // namespace actdiff

// The derivatives need e^u; the sensitivity a reciprocal estimate.
#include <actdiff/primitive/exponential.hpp>
#include <actdiff/primitive/rounding.hpp>

namespace actdiff {
// 2/√π · e^(−u²)
constexpr auto erf_function::derivative(Expression auto u) { return c<2> / sqrt(pi) * exp(-pow(u, c<2>)); }
constexpr auto erfc_function::derivative(Expression auto u) { return c<-2> / sqrt(pi) * exp(-pow(u, c<2>)); }
constexpr auto erf_function::one_minus(Expression auto u) { return erfc(u); }
constexpr auto erf_function::one_plus(Expression auto u) { return erfc(-u); }
constexpr auto erfc_function::sensitivity(Expression auto u) {
    const auto m = -max(-max(u, zero{}), c<-32>);  // min(·, 32) with > alone, which every number type has
    return -(c<2> * m + m * detail::make_apply<reciprocal_of_one_plus_estimate_function>(pow(m, c<2>)));
}
constexpr auto erfc_function::in_basis(Expression auto u) { return one{} - erf(u); }
}  // namespace actdiff
