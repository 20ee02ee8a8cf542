// e^u, log u, and their accurate forms near 0: expm1(u) = e^u − 1, log1p(u) = log(1 + u).
#pragma once

#include <string>
#include <string_view>

#include <actdiff/primitive/apply.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

struct sigmoid_function;

struct exp_function {
    static constexpr std::string_view name = "exp";
    static constexpr std::string_view latex_symbol = "\\exp";  // for labels; latex() below prints calls
    static constexpr value_range range{.has_low = true, .low = 0, .low_open = true};
    // e^x for a single symbol or number, e^(−x) otherwise.
    static std::string text(std::string_view u) {
        const bool plain = u.find_first_of(" ·/()^−|") == std::string_view::npos;
        return plain ? "e^" + std::string(u) : "e^(" + std::string(u) + ")";
    }
    // e^{u} for short exponents, \exp\left(u\right) for long ones.
    static std::string latex(std::string_view u) {
        if (u.size() <= 16 && u.find("\\frac") == std::string_view::npos) return "e^{" + std::string(u) + "}";
        return "\\exp\\left(" + std::string(u) + "\\right)";
    }
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::exp(u);
    }
    static constexpr auto derivative(Expression auto u);
    // For kernels, 1 − e^u without cancellation near u = 0: −expm1(u).
    static constexpr auto one_minus(Expression auto u);
    static constexpr auto fold(zero) { return one{}; }
};
template <Expression U>
constexpr auto exp(U u) {
    return apply_function<exp_function>(u);
}
constexpr auto exp_function::derivative(Expression auto u) { return exp(u); }

struct log_function {
    static constexpr std::string_view name = "log";
    static constexpr std::string_view latex_symbol = "\\log";
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::log(u);
    }
    static constexpr auto derivative(Expression auto u) { return one{} / u; }
    static constexpr auto fold(one) { return zero{}; }
    template <class U>
    static constexpr auto fold(apply<sigmoid_function, U>);  // log σ(u) = −softplus(−u), in logistic.hpp
};
template <Expression U>
constexpr auto log(U u) {
    return apply_function<log_function>(u);
}

// e^u − 1, evaluated with the accurate library function (no cancellation near 0).
struct expm1_function {
    static constexpr std::string_view name = "expm1";
    static constexpr value_range range{.has_low = true, .low = -1, .low_open = true};
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::expm1(u);
    }
    static constexpr auto derivative(Expression auto u) { return exp(u); }
    // Its definition, where differences must cancel (in_terms_of).
    static constexpr auto expanded(Expression auto u) { return exp(u) - one{}; }
    static constexpr auto fold(zero) { return zero{}; }
};
template <Expression U>
constexpr auto expm1(U u) {
    return apply_function<expm1_function>(u);
}
constexpr auto exp_function::one_minus(Expression auto u) { return -expm1(u); }

// log(1 + u), evaluated with the accurate library function.
struct log1p_function {
    static constexpr std::string_view name = "log1p";
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::log1p(u);
    }
    static constexpr auto derivative(Expression auto u) { return one{} / (one{} + u); }
    static constexpr auto fold(zero) { return zero{}; }
};
template <Expression U>
constexpr auto log1p(U u) {
    return apply_function<log1p_function>(u);
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
