// e^u, log u, and their accurate forms near 0: expm1(u) = e^u − 1, log1p(u) = log(1 + u).
#pragma once

#include <string>
#include <string_view>

#include <actdiff/primitive/apply.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

struct sigmoid_function;
struct softplus_function;
struct log_function;

struct exp_function {
    static constexpr std::string_view name = "exp";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr std::string_view latex_symbol = "\\exp";  // for labels; latex() below prints calls
    static constexpr value_range range{.has_low = true, .low = 0, .low_open = true};
    // e^x for a single symbol or number, e^(−x) otherwise.
    static std::string text(std::string_view u) {
        const bool plain = u.find_first_of(" ·/()^−|") == std::string_view::npos;
        return plain ? "e^" + std::string(u) : "e^(" + std::string(u) + ")";
    }
    // e^{u} for short exponents, \exp\left(u\right) for long ones. A
    // fraction does not stack in a superscript: a product with a unit
    // fraction's coefficient is written over it inline, e^{-x^{2}/2}.
    static std::string latex(std::string_view u) {
        std::string exponent(u);
        const std::string_view minus = u.starts_with("-") ? "-" : "";
        const std::string_view unit = u.substr(minus.size());
        if (unit.starts_with("\\frac{1}{")) {
            const auto close = unit.find("} ", 9);
            const std::string_view denominator = unit.substr(9, close == std::string_view::npos ? 0 : close - 9);
            const std::string_view rest = close == std::string_view::npos ? "" : unit.substr(close + 2);
            const bool digits = !denominator.empty() && denominator.find_first_not_of("0123456789") == std::string_view::npos;
            // Only a product: in a sum the coefficient is one term's.
            if (digits && !rest.empty() && rest.find(" + ") == std::string_view::npos && rest.find(" - ") == std::string_view::npos) {
                exponent = std::string(minus) + std::string(rest) + "/" + std::string(denominator);
            }
        }
        if (exponent.size() <= 16 && exponent.find("\\frac") == std::string::npos) return "e^{" + exponent + "}";
        return "\\exp\\left(" + std::string(u) + "\\right)";
    }
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::exp(u);
    }
    static constexpr auto derivative(Expression auto u);
    // d(log e^u)/du, by which kernels correct e^u for the rounding of u.
    static constexpr auto sensitivity(Expression auto) { return one{}; }
    // For kernels, 1 − e^u without cancellation near u = 0: −expm1(u).
    static constexpr auto one_minus(Expression auto u);
    static constexpr auto fold(zero) { return one{}; }
    // Identities for the simplifier: e^a·e^b = e^(a+b); e^(log u) = u where u > 0
    // (only there: log u is undefined elsewhere), e^(softplus(u)) = 1 + e^u;
    // e^u − 1 = expm1(u), 1/(1 + e^u) = σ(−u).
    static constexpr bool product_adds_arguments = true;
    template <class U>
        requires detail::positive_v<U>
    static constexpr auto simplified(apply<log_function, U>) { return U{}; }
    template <class U>
    static constexpr auto simplified(apply<softplus_function, U>);
    template <detail::ratio Q, detail::ratio C, class U>
        requires(Q == detail::ratio{-1, 1} && C == detail::ratio{1, 1})
    static constexpr auto with_constant(U);
    template <detail::ratio Q, detail::ratio C, class U>
        requires(Q == detail::ratio{1, 1} && C == detail::ratio{1, 1})
    static constexpr auto inverse_with_constant(U);
    // For equivalence proofs: e^u = σ(u)/(1 − σ(u)), so e^u·σ(−u) = σ(u).
    static constexpr auto in_basis(Expression auto u);
};
template <Expression U>
constexpr auto exp(U u) {
    return apply_function<exp_function>(u);
}
constexpr auto exp_function::derivative(Expression auto u) { return exp(u); }

struct log_function {
    static constexpr std::string_view name = "log";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr std::string_view latex_symbol = "\\log";
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::log(u);
    }
    static constexpr auto derivative(Expression auto u) { return one{} / u; }
    // Defined for u > 0: what it takes the log of is nonzero.
    static constexpr value_range domain{.has_low = true, .low = 0, .low_open = true};
    static constexpr auto fold(one) { return zero{}; }
    template <class U>
    static constexpr auto fold(apply<sigmoid_function, U>);  // log σ(u) = −softplus(−u), in logistic.hpp
    // Identities for the simplifier: log(e^u) = u, log(1 + e^u) = softplus(u)
    // (in logistic.hpp), log(1 + u) = log1p(u).
    template <class U>
    static constexpr auto simplified(apply<exp_function, U>) { return U{}; }
    template <class U>
    static constexpr auto simplified(sum<one, apply<exp_function, U>>);
    template <class U>
    static constexpr auto simplified(sum<one, U>);
    // For equivalence proofs: log(1 − σ(u)) = −softplus(u) (in logistic.hpp).
    template <class U>
    static constexpr auto in_basis(sum<one, product<rational<-1, 1>, apply<sigmoid_function, U>>>);
};
template <Expression U>
constexpr auto log(U u) {
    return apply_function<log_function>(u);
}

// e^u − 1, evaluated with the accurate library function (no cancellation near 0).
struct expm1_function {
    static constexpr std::string_view name = "expm1";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr value_range range{.has_low = true, .low = -1, .low_open = true};
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::expm1(u);
    }
    static constexpr auto derivative(Expression auto u) { return exp(u); }
    // Its definition, where differences must cancel (in_terms_of), and the
    // only form readers see: expm1 is a kernel's accurate spelling.
    static constexpr auto expanded(Expression auto u) { return exp(u) - one{}; }
    static constexpr auto definition(Expression auto u) { return expanded(u); }
    static constexpr actdiff::readers_see readers_see = actdiff::readers_see::definition;
    static constexpr auto fold(zero) { return zero{}; }
};
template <Expression U>
constexpr auto expm1(U u) {
    return apply_function<expm1_function>(u);
}
constexpr auto exp_function::one_minus(Expression auto u) { return -expm1(u); }
template <detail::ratio Q, detail::ratio C, class U>
    requires(Q == detail::ratio{-1, 1} && C == detail::ratio{1, 1})
constexpr auto exp_function::with_constant(U) {
    return expm1(U{});
}

// log(1 + u), evaluated with the accurate library function.
struct log1p_function {
    static constexpr std::string_view name = "log1p";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::log1p(u);
    }
    static constexpr auto derivative(Expression auto u) { return one{} / (one{} + u); }
    static constexpr auto fold(zero) { return zero{}; }
    // For equivalence proofs: log(1 + u), where log's relations apply.
    static constexpr auto in_basis(Expression auto u) { return log(one{} + u); }
    // Readers see log(1 + u): log1p is a kernel's accurate spelling.
    static constexpr auto definition(Expression auto u) { return in_basis(u); }
    static constexpr actdiff::readers_see readers_see = actdiff::readers_see::definition;
};
template <Expression U>
constexpr auto log1p(U u) {
    return apply_function<log1p_function>(u);
}
template <class U>
constexpr auto log_function::simplified(sum<one, U>) {
    return log1p(U{});
}
template <class U>
constexpr auto exp_function::simplified(apply<softplus_function, U>) {
    return one{} + exp(U{});
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
