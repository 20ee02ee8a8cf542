// tanh u and its inverse-style companion asinh u = log(u + √(u² + 1)).
#pragma once

#include <string>
#include <string_view>

#include <actdiff/primitive/apply.hpp>
#include <actdiff/primitive/logistic.hpp>
#include <actdiff/primitive/rounding.hpp>

namespace actdiff {

struct tanh_function {
    static constexpr std::string_view name = "tanh";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr std::string_view latex_symbol = "\\tanh";
    static constexpr value_range range{.has_low = true, .low = -1, .has_high = true, .high = 1};
    static constexpr parity symmetry = parity::odd;
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::tanh(u);
    }
    static constexpr auto derivative(Expression auto u);
    // For kernels, where they cost no call: 1 ± tanh(u) = 2σ(±2u), exact where
    // tanh rounds to ±1.
    static constexpr auto alternative_one_plus(Expression auto u) { return c<2> * sigmoid_function::lowered(c<2> * u); }
    static constexpr auto alternative_one_minus(Expression auto u) { return c<2> * sigmoid_function::lowered(c<-2> * u); }
    // For kernels, tanh's derivative 1 − tanh(u)² = 4σ(2u)(1 − σ(2u)) = 4t/(1 + t)²,
    // t = e^(−2|u|): 1 − tanh² cancels from |u| ≈ 1 on and is 0 where tanh rounds
    // to 1 (float tanh′ was 1.7·10⁷ ULP off at u = 11.8), where 4t/(1 + t)² never
    // cancels (t's error reaches it scaled by (1 − t)/(1 + t) < 1). It costs an
    // exp beside tanh's call, and none where σ(2u) is computed anyway (GELU-tanh).
    static constexpr auto one_minus_square(Expression auto u) {
        return c<4> * sigmoid_function::times_one_minus(c<2> * u);
    }
    // For kernels, tanh(softplus(u)) (Mish's gate) in one exp, t = e^(−|u|),
    // shared with σ(u) and softplus(u), instead of exp, log1p and tanh:
    // tanh(log(1 + e^u)) = n/(n + 2) with n = e^u(e^u + 2), which is
    //   (1 + 2t)/(1 + 2t + 2t²)  for u ≥ 0 (n and n + 2 divided by e^(2u)),
    //   h/(1 + h), h = n/2 = t + t²/2  for u < 0,
    // neither of which overflows or cancels. For u < 0 the quotient is the
    // kernel primitive that rounds it once: written out, 1 + h rounds by up to
    // half a unit of 1, and the reciprocal a kernel shares rounds again (Mish
    // in float went from 4.18 to 2.28–2.37 ULP over every float of [−1, 0), for
    // a second division and a few operations: 8 % of its speed).
    static constexpr auto lowered(softplus_function, Expression auto u) {
        using parts = tanh_of_softplus<decltype(u)>;
        return detail::make_where(parts::positive, parts::numerator / parts::denominator,
                                  detail::make_apply<ratio_to_one_plus_function>(parts::h));
    }
    // And 1 − tanh(softplus(u))² (in Mish's derivative): for u ≥ 0, where
    // tanh rounds to 1 and the difference cancels, the square of
    // sech(softplus(u)) = √(b² − a²)/b = 2t(1 + t)/b for the quotient a/b
    // above; for u < 0, where tanh(softplus(u)) < 0.77, 1 − tanh² itself,
    // which rounds less.
    static constexpr auto one_minus_square(softplus_function, Expression auto u) {
        using parts = tanh_of_softplus<decltype(u)>;
        return detail::make_where(parts::positive, pow(c<2> * parts::t * (one{} + parts::t) / parts::denominator, c<2>),
                                  one{} - pow(lowered(softplus_function{}, u), c<2>));
    }
    template <class U>
    struct tanh_of_softplus {
        static constexpr auto t = exp(-abs(U{}));
        static constexpr auto positive = comparison<greater_equal, U, zero>{};
        // t + t²/2, not t(t + 2)/2: t²/2 is at most half of t, so h rounds
        // about once, not twice (in float, Mish's f went from 4.38 to 4.21 ULP).
        static constexpr auto h = t + c<1, 2> * pow(t, c<2>);
        // The quotient a/b for u ≥ 0.
        static constexpr auto numerator = one{} + c<2> * t;
        static constexpr auto denominator = one{} + c<2> * t + c<2> * pow(t, c<2>);
    };
    // For kernels, tanh(u) in the exp its derivative's form takes, t =
    // e^(−2|u|): ±tanh_from_exp(t) from |u| = 3/4 on, tanh_near_zero(u) below
    // (numeric/math.hpp, whose steps tanh's own call takes too, so that the
    // two forms agree to the bit). Used where it saves a call
    // (evaluation/fused.hpp): tanh with tanh′ in one exp, not a tanh and an exp.
    static constexpr auto alternative(Expression auto u);
    // For equivalence proofs: tanh(u) = 2σ(2u) − 1.
    static constexpr auto in_basis(Expression auto u) { return c<2> * sigmoid(c<2> * u) - one{}; }
    // Its exp form, for derivations from the definition.
    static constexpr auto definition(Expression auto u) { return (exp(u) - exp(-u)) / (exp(u) + exp(-u)); }
};
template <Expression U>
constexpr auto tanh(U u) {
    return apply_function<tanh_function>(u);
}
constexpr auto tanh_function::derivative(Expression auto u) { return one{} - pow(tanh(u), c<2>); }

// Kernel-only: tanh(u) from t = e^(−2|u|), for |u| ≥ 3/4 (tanh_function::alternative).
struct tanh_from_exp_function {
    static constexpr std::string_view name = "tanh_from_exp";
    static constexpr call_cost cost{.calls = 0, .operations = 5};
    static constexpr monotonicity monotone = monotonicity::decreasing;
    static constexpr value_range range{.has_low = true, .low = 0, .low_open = false, .has_high = true, .high = 1, .high_open = false};
    template <class T>
    static constexpr T evaluate(const T& t) {
        return detail::math::tanh_from_exp(t);
    }
    static constexpr auto derivative(Expression auto t) { return c<-2> * pow(one{} + t, c<-2>); }
    // t = 0 (|u| beyond 44 in float, where t underflows) gives 1: a kernel
    // need not watch t's underflow here (evaluation/fused.hpp).
    static constexpr auto fold(zero) { return one{}; }
    static std::string code(std::string_view t, bool) {
        return "[](const T t) { return T(1) - T(2) * (t / (T(1) + t)); }(" + std::string(t) + ")";
    }
};
// Kernel-only: tanh(u) for |u| < 3/4, where a kernel's number type may have a
// cheaper form than its whole tanh (float batches: a polynomial).
struct tanh_near_zero_function {
    static constexpr std::string_view name = "tanh_near_zero";
    static constexpr call_cost cost{.calls = 0, .operations = 8};
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr value_range range{.has_low = true, .low = -1, .has_high = true, .high = 1};
    static constexpr parity symmetry = parity::odd;
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::tanh_near_zero(u);
    }
    static constexpr auto derivative(Expression auto u) { return one{} - pow(tanh(u), c<2>); }
    static std::string code(std::string_view u, bool cuda) { return (cuda ? "tanh(" : "std::tanh(") + std::string(u) + ")"; }
};
constexpr auto tanh_function::alternative(Expression auto u) {
    using U = decltype(u);
    constexpr auto value = detail::make_apply<tanh_from_exp_function>(exp(-abs(c<2> * U{})));
    using split = std::remove_cvref_t<decltype(c<detail::math::tanh_split_numerator, detail::math::tanh_split_denominator>)>;
    return detail::make_where(comparison<greater_equal, decltype(abs(U{})), split>{},
                              detail::make_where(comparison<greater_equal, U, zero>{}, value, -value),
                              detail::make_apply<tanh_near_zero_function>(U{}));
}

// For the simplifier: 2σ(2u) − 1 = tanh(u).
template <detail::ratio Q, detail::ratio C, class U>
    requires(Q == detail::ratio{-1, 1} && C == detail::ratio{2, 1})
constexpr auto sigmoid_function::with_constant(U) {
    return tanh(c<1, 2> * U{});
}

namespace detail {
// (e^u − e^(−u))^k · (e^u + e^(−u))^(−k) → tanh(u)^k: the denominator becomes
// the tanh and takes in its numerator.
template <class A, class B, std::intmax_t K>
struct tanh_parts {
    using up = decltype(make_power<ratio{K, 1}>(exp(A{}) - exp(B{})));    // → tanh(A)^K
    using down = decltype(make_power<ratio{K, 1}>(exp(B{}) - exp(A{})));  // → tanh(B)^K
};
template <class A, class B, std::intmax_t N, class... Fs>
    requires(N < 0 && (std::is_same_v<B, negated_t<A>> || std::is_same_v<A, negated_t<B>>))
struct quotient_identity<power<sum<apply<exp_function, A>, apply<exp_function, B>>, rational<N, 1>>, Fs...> {
    using parts = tanh_parts<A, B, -N>;
    static constexpr bool up = has_factor_v<typename parts::up, Fs...>;
    static constexpr bool down = !up && has_factor_v<typename parts::down, Fs...>;
    using type = std::conditional_t<
        up, decltype(pow(tanh(A{}), c<-N>)),
        std::conditional_t<down, decltype(pow(tanh(B{}), c<-N>)),
                           power<sum<apply<exp_function, A>, apply<exp_function, B>>, rational<N, 1>>>>;
    template <class G>
    static constexpr bool consumes = std::is_same_v<G, typename parts::up> || std::is_same_v<G, typename parts::down>;
};
}  // namespace detail

// The inverse hyperbolic sine: odd, unbounded, and log-like for large |u|.
struct asinh_function {
    static constexpr std::string_view name = "asinh";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr linear_growth growth{.constant = 0, .slope = 1};
    static constexpr std::string_view latex_symbol = "\\operatorname{arsinh}";
    static constexpr parity symmetry = parity::odd;
    static constexpr sign_law sign = sign_law::follows_argument;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::math::asinh(u);
    }
    // 1/√(1 + u²)
    static constexpr auto derivative(Expression auto u) { return pow(one{} + pow(u, c<2>), c<-1, 2>); }
    static constexpr auto definition(Expression auto u) { return log(u + sqrt(pow(u, c<2>) + one{})); }
};
template <Expression U>
constexpr auto asinh(U u) {
    return apply_function<asinh_function>(u);
}

}  // namespace actdiff
