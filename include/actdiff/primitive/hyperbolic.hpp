// tanh u and its inverse-style companion asinh u = log(u + √(u² + 1)).
#pragma once

#include <string_view>

#include <actdiff/primitive/apply.hpp>
#include <actdiff/primitive/logistic.hpp>

namespace actdiff {

struct tanh_function {
    static constexpr std::string_view name = "tanh";
    static constexpr std::string_view latex_symbol = "\\tanh";
    static constexpr value_range range{.has_low = true, .low = -1, .has_high = true, .high = 1};
    static constexpr parity symmetry = parity::odd;
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::tanh(u);
    }
    static constexpr auto derivative(Expression auto u);
    // For kernels, where they cost no call: 1 ± tanh(u) = 2σ(±2u) and
    // 1 − tanh(u)² = 4σ(2u)σ(−2u), exact where tanh rounds to ±1.
    static constexpr auto alternative_one_plus(Expression auto u) { return c<2> * sigmoid_function::lowered(c<2> * u); }
    static constexpr auto alternative_one_minus(Expression auto u) { return c<2> * sigmoid_function::lowered(c<-2> * u); }
    static constexpr auto alternative_one_minus_square(Expression auto u) {
        return c<4> * sigmoid_function::lowered(c<2> * u) * sigmoid_function::lowered(c<-2> * u);
    }
};
template <Expression U>
constexpr auto tanh(U u) {
    return apply_function<tanh_function>(u);
}
constexpr auto tanh_function::derivative(Expression auto u) { return one{} - pow(tanh(u), c<2>); }

// The inverse hyperbolic sine: odd, unbounded, and log-like for large |u|.
struct asinh_function {
    static constexpr std::string_view name = "asinh";
    static constexpr std::string_view latex_symbol = "\\operatorname{arsinh}";
    static constexpr parity symmetry = parity::odd;
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::asinh(u);
    }
    // 1/√(1 + u²)
    static constexpr auto derivative(Expression auto u) { return pow(one{} + pow(u, c<2>), c<-1, 2>); }
};
template <Expression U>
constexpr auto asinh(U u) {
    return apply_function<asinh_function>(u);
}

}  // namespace actdiff
