// sin u, cos u and atan u: periodic activations (Snake, SIREN) and the arctan unit.
#pragma once

#include <string_view>
#include <type_traits>

#include <actdiff/primitive/apply.hpp>

namespace actdiff {

struct cos_function;

struct sin_function {
    static constexpr std::string_view name = "sin";
    static constexpr std::string_view latex_symbol = "\\sin";
    static constexpr value_range range{.has_low = true, .low = -1, .low_open = false, .has_high = true, .high = 1, .high_open = false};
    static constexpr parity symmetry = parity::odd;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::sin(u);
    }
    static constexpr auto derivative(Expression auto u);
    // For the simplifier: sin(u)·cos(u) = sin(2u)/2 (Snake's derivative:
    // 1 + sin(2ax), one call).
    template <class G, class U>
        requires std::is_same_v<G, cos_function>
    static constexpr auto times(U);
};
template <Expression U>
constexpr auto sin(U u) {
    return apply_function<sin_function>(u);
}

struct cos_function {
    static constexpr std::string_view name = "cos";
    static constexpr std::string_view latex_symbol = "\\cos";
    static constexpr value_range range{.has_low = true, .low = -1, .low_open = false, .has_high = true, .high = 1, .high_open = false};
    static constexpr parity symmetry = parity::even;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::cos(u);
    }
    static constexpr auto derivative(Expression auto u) { return -sin(u); }
    static constexpr auto fold(zero) { return one{}; }
};
template <Expression U>
constexpr auto cos(U u) {
    return apply_function<cos_function>(u);
}
constexpr auto sin_function::derivative(Expression auto u) { return cos(u); }
template <class G, class U>
    requires std::is_same_v<G, cos_function>
constexpr auto sin_function::times(U) {
    return c<1, 2> * sin(c<2> * U{});
}

struct atan_function {
    static constexpr std::string_view name = "atan";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr std::string_view latex_symbol = "\\arctan";
    static constexpr value_range range{.has_low = true, .low = -1.5707963267948966, .has_high = true, .high = 1.5707963267948966};
    static constexpr parity symmetry = parity::odd;
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::atan(u);
    }
    // 1/(1 + u²)
    static constexpr auto derivative(Expression auto u) { return one{} / (one{} + pow(u, c<2>)); }
};
template <Expression U>
constexpr auto atan(U u) {
    return apply_function<atan_function>(u);
}

}  // namespace actdiff
