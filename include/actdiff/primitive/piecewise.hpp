// The piecewise-constant and piecewise-linear primitives: sign u, |u| and the
// Heaviside step. Their derivatives are 0 or ±1 almost everywhere; at the
// kink they take the value PyTorch's backward takes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <actdiff/primitive/apply.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

// sign(u) is −1, 0 or 1; its derivative is 0 almost everywhere (and taken 0 at 0).
struct sign_function {
    static constexpr double kink = 0;
    static constexpr std::string_view name = "sign";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr value_range range{.has_low = true, .low = -1, .low_open = false, .has_high = true, .high = 1, .high_open = false};
    static constexpr call_cost cost{.calls = 0, .operations = 1};
    static constexpr parity symmetry = parity::odd;
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        const T zero_value = detail::lift<T>(0);
        return detail::choose(u > zero_value, detail::lift<T>(1),
                              detail::choose(zero_value > u, detail::lift<T>(-1), zero_value));
    }
    static constexpr auto derivative(Expression auto) { return zero{}; }
    static constexpr auto below_kink(Expression auto) { return c<-1>; }
    static constexpr auto above_kink(Expression auto) { return one{}; }
    static std::string code(std::string_view u, bool) {
        const std::string arg(u);
        return "(T(" + arg + " > T(0)) - T(" + arg + " < T(0)))";
    }
    template <std::intmax_t N, std::intmax_t D>
    static constexpr auto fold(rational<N, D>) {
        return c<(N > 0) - (N < 0)>;
    }
    // For the simplifier: u·sign(u) = |u|.
    template <class U>
    static constexpr auto times_argument(U);
};
template <Expression U>
constexpr auto sign(U u) {
    return apply_function<sign_function>(u);
}

// |u|; its derivative sign(u) is 0 at 0 (the subgradient PyTorch uses).
struct abs_function {
    static constexpr double kink = 0;
    static constexpr std::string_view name = "abs";
    static constexpr linear_growth growth{.constant = 0, .slope = 1};
    static constexpr value_range range{.has_low = true, .low = 0, .low_open = false};
    static constexpr call_cost cost{.calls = 0, .operations = 1};
    static constexpr parity symmetry = parity::even;
    static std::string latex(std::string_view u) { return "\\left|" + std::string(u) + "\\right|"; }
    static std::string text(std::string_view argument) {
        std::string out = "|";
        out += argument;
        out += '|';
        return out;
    }
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::abs(u);
    }
    static constexpr auto derivative(Expression auto u) { return sign(u); }
    static constexpr auto below_kink(Expression auto u) { return -u; }
    static constexpr auto above_kink(Expression auto u) { return u; }
    static std::string code(std::string_view u, bool cuda) { return (cuda ? "fabs(" : "std::abs(") + std::string(u) + ")"; }
    template <std::intmax_t N, std::intmax_t D>
    static constexpr auto fold(rational<N, D>) {
        return c<(N < 0 ? -N : N), D>;
    }
};
template <Expression U>
constexpr auto abs(U u) {
    return apply_function<abs_function>(u);
}
template <class U>
constexpr auto sign_function::times_argument(U) {
    return abs(U{});
}

// Heaviside step: 1 for u > 0, 0 for u <= 0 (the perceptron's convention).
// Its derivative is 0 almost everywhere, and taken 0 at the jump.
struct step_function {
    static constexpr double kink = 0;
    static constexpr std::string_view name = "step";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr value_range range{.has_low = true, .low = 0, .low_open = false, .has_high = true, .high = 1, .high_open = false};
    static constexpr call_cost cost{.calls = 0, .operations = 1};
    static std::string latex(std::string_view u) {
        return "\\begin{cases} 1 & " + std::string(u) + " > 0 \\\\ 0 & \\text{otherwise} \\end{cases}";
    }
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::choose(u > detail::lift<T>(0), detail::lift<T>(1), detail::lift<T>(0));
    }
    static constexpr auto derivative(Expression auto) { return zero{}; }
    static constexpr auto below_kink(Expression auto) { return zero{}; }
    static constexpr auto above_kink(Expression auto) { return one{}; }
    static std::string code(std::string_view u, bool) { return "T(" + std::string(u) + " > T(0))"; }
    template <std::intmax_t N, std::intmax_t D>
    static constexpr auto fold(rational<N, D>) {
        return c<(N > 0)>;
    }
};
template <Expression U>
constexpr auto step(U u) {
    return apply_function<step_function>(u);
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
