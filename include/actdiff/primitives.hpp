// The primitive functions. Each one is stated in a single place: its name,
// how it prints, how it evaluates, its derivative, and the values it knows
// exactly (`fold`). A user-defined primitive is a struct of the same shape
// applied with `actdiff::apply_function<F>(u)`; nothing else needs to change.
//
//   struct my_function {
//       static constexpr std::string_view name = "my";       // identifier; prints as my(u)
//       template <class T> static constexpr T evaluate(const T& u);
//       static constexpr auto derivative(Expression auto u); // d/du
//       // optional: static constexpr std::string_view symbol = "μ";   prints as μ(u)
//       //           static std::string text(std::string_view u);      any other form
//       //           static constexpr std::string_view latex_symbol = "\\mu";  LaTeX \mu\left(u\right)
//       //           static std::string latex(std::string_view u);     any other LaTeX form
//       // (LaTeX defaults to \operatorname{my}\left(u\right))
//       //           static constexpr auto fold(zero);                 known values
//       //           static std::string code(std::string_view u, bool cuda);  emitted C++/CUDA
//       // (emitted code defaults to std::my(u) in C++ and my(u) in CUDA)
//   };
#pragma once

#include <cmath>
#include <string>
#include <string_view>

#include <actdiff/constants.hpp>
#include <actdiff/detail/numeric.hpp>
#include <actdiff/operators.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

template <class F, Expression U>
constexpr auto apply_function(U) {
    return detail::make_apply<F>(U{});
}

struct exp_function {
    static constexpr std::string_view name = "exp";
    static constexpr std::string_view latex_symbol = "\\exp";  // for labels; latex() below prints calls
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
};
template <Expression U>
constexpr auto log(U u) {
    return apply_function<log_function>(u);
}

// e^u − 1, evaluated with the accurate library function (no cancellation near 0).
struct expm1_function {
    static constexpr std::string_view name = "expm1";
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::expm1(u);
    }
    static constexpr auto derivative(Expression auto u) { return exp(u); }
    static constexpr auto fold(zero) { return zero{}; }
};
template <Expression U>
constexpr auto expm1(U u) {
    return apply_function<expm1_function>(u);
}

// log(1 + u), evaluated with the accurate library function.
struct log1p_function {
    static constexpr std::string_view name = "log1p";
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

struct tanh_function {
    static constexpr std::string_view name = "tanh";
    static constexpr std::string_view latex_symbol = "\\tanh";
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::tanh(u);
    }
    static constexpr auto derivative(Expression auto u);
    static constexpr auto fold(zero) { return zero{}; }
    template <class U>
        requires detail::is_negative_v<U>
    static constexpr auto fold(U);  // tanh(−u) = −tanh(u)
};
template <Expression U>
constexpr auto tanh(U u) {
    return apply_function<tanh_function>(u);
}
constexpr auto tanh_function::derivative(Expression auto u) { return one{} - pow(tanh(u), c<2>); }
template <class U>
    requires detail::is_negative_v<U>
constexpr auto tanh_function::fold(U) {
    return -tanh(detail::negated_t<U>{});
}

struct erf_function {
    static constexpr std::string_view name = "erf";
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::erf(u);
    }
    // 2/√π · e^(−u²)
    static constexpr auto derivative(Expression auto u) { return c<2> / sqrt(pi) * exp(-pow(u, c<2>)); }
    static constexpr auto fold(zero) { return zero{}; }
    template <class U>
        requires detail::is_negative_v<U>
    static constexpr auto fold(U);  // erf(−u) = −erf(u)
};
template <Expression U>
constexpr auto erf(U u) {
    return apply_function<erf_function>(u);
}
template <class U>
    requires detail::is_negative_v<U>
constexpr auto erf_function::fold(U) {
    return -erf(detail::negated_t<U>{});
}

// erfc(u) = 1 − erf(u), accurate where erf(u) is near 1. The kernels use it
// for 1 + erf(u) = erfc(−u) (GELU's Φ at large negative x).
struct erfc_function {
    static constexpr std::string_view name = "erfc";
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::erfc(u);
    }
    // −2/√π · e^(−u²)
    static constexpr auto derivative(Expression auto u) { return c<-2> / sqrt(pi) * exp(-pow(u, c<2>)); }
    static constexpr auto fold(zero) { return one{}; }
};
template <Expression U>
constexpr auto erfc(U u) {
    return apply_function<erfc_function>(u);
}

// The logistic function σ(u) = 1/(1 + e^(−u)).
struct sigmoid_function {
    static constexpr std::string_view name = "sigmoid";
    static constexpr std::string_view symbol = "σ";
    static constexpr std::string_view latex_symbol = "\\sigma";
    template <class T>
    static constexpr T evaluate(const T& u) {
        const T one_value = detail::lift<T>(1);
        return one_value / (one_value + detail::math::exp(-u));  // exp overflow gives 1/inf = 0, never NaN
    }
    static constexpr auto derivative(Expression auto u);
    static constexpr auto fold(zero) { return c<1, 2>; }
    template <class U>
        requires detail::is_negative_v<U>
    static constexpr auto fold(U);  // σ(−u) = 1 − σ(u)
};
template <Expression U>
constexpr auto sigmoid(U u) {
    return apply_function<sigmoid_function>(u);
}
constexpr auto sigmoid_function::derivative(Expression auto u) { return sigmoid(u) * (one{} - sigmoid(u)); }
template <class U>
    requires detail::is_negative_v<U>
constexpr auto sigmoid_function::fold(U) {
    return one{} - sigmoid(detail::negated_t<U>{});
}

// softplus(u) = log(1 + e^u), evaluated in the stable form max(u, 0) + log1p(e^(−|u|)).
struct softplus_function {
    static constexpr std::string_view name = "softplus";
    template <class T>
    static constexpr T evaluate(const T& u) {
        const T zero_value = detail::lift<T>(0);
        return detail::choose(u > zero_value, u, zero_value) + detail::math::log1p(detail::math::exp(-detail::math::abs(u)));
    }
    static constexpr auto derivative(Expression auto u) { return sigmoid(u); }
};
template <Expression U>
constexpr auto softplus(U u) {
    return apply_function<softplus_function>(u);
}

// sign(u) is −1, 0 or 1; its derivative is 0 almost everywhere (and taken 0 at 0).
struct sign_function {
    static constexpr std::string_view name = "sign";
    template <class T>
    static constexpr T evaluate(const T& u) {
        const T zero_value = detail::lift<T>(0);
        return detail::choose(u > zero_value, detail::lift<T>(1),
                              detail::choose(u < zero_value, detail::lift<T>(-1), zero_value));
    }
    static constexpr auto derivative(Expression auto) { return zero{}; }
    static std::string code(std::string_view u, bool) {
        const std::string arg(u);
        return "(T(" + arg + " > T(0)) - T(" + arg + " < T(0)))";
    }
    template <std::intmax_t N, std::intmax_t D>
    static constexpr auto fold(rational<N, D>) {
        return c<(N > 0) - (N < 0)>;
    }
    template <class U>
        requires(detail::is_negative_v<U> && !is_rational_v<U>)
    static constexpr auto fold(U);  // sign(−u) = −sign(u)
};
template <Expression U>
constexpr auto sign(U u) {
    return apply_function<sign_function>(u);
}
template <class U>
    requires(detail::is_negative_v<U> && !is_rational_v<U>)
constexpr auto sign_function::fold(U) {
    return -sign(detail::negated_t<U>{});
}

// |u|; its derivative sign(u) is 0 at 0 (the subgradient PyTorch uses).
struct abs_function {
    static constexpr std::string_view name = "abs";
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
    static std::string code(std::string_view u, bool cuda) { return (cuda ? "fabs(" : "std::abs(") + std::string(u) + ")"; }
    template <std::intmax_t N, std::intmax_t D>
    static constexpr auto fold(rational<N, D>) {
        return c<(N < 0 ? -N : N), D>;
    }
    template <class U>
        requires(detail::is_negative_v<U> && !is_rational_v<U>)
    static constexpr auto fold(U);  // |−u| = |u|
};
template <Expression U>
constexpr auto abs(U u) {
    return apply_function<abs_function>(u);
}
template <class U>
    requires(detail::is_negative_v<U> && !is_rational_v<U>)
constexpr auto abs_function::fold(U) {
    return abs(detail::negated_t<U>{});
}

// Heaviside step: 1 for u > 0, 0 for u <= 0 (the perceptron's convention).
// Its derivative is 0 almost everywhere, and taken 0 at the jump.
struct step_function {
    static constexpr std::string_view name = "step";
    static std::string latex(std::string_view u) {
        return "\\begin{cases} 1 & " + std::string(u) + " > 0 \\\\ 0 & \\text{otherwise} \\end{cases}";
    }
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::choose(u > detail::lift<T>(0), detail::lift<T>(1), detail::lift<T>(0));
    }
    static constexpr auto derivative(Expression auto) { return zero{}; }
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
