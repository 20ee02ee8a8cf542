// The logistic function σ(u) = 1/(1 + e^(−u)) and softplus(u) = log(1 + e^u),
// its antiderivative.
#pragma once

#include <string_view>

#include <actdiff/primitive/exponential.hpp>
#include <actdiff/primitive/piecewise.hpp>
#include <actdiff/primitive/rounding.hpp>

namespace actdiff {

struct sigmoid_function {
    static constexpr std::string_view name = "sigmoid";
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr std::string_view symbol = "σ";
    static constexpr std::string_view latex_symbol = "\\sigma";
    static constexpr value_range range{.has_low = true, .low = 0, .has_high = true, .high = 1};
    static constexpr call_cost cost{.calls = 1, .operations = 3};  // 1/(1 + e^−u)
    template <class T>
    static constexpr T evaluate(const T& u) {
        const T one_value = detail::lift<T>(1);
        return one_value / (one_value + detail::math::exp(-u));  // exp overflow gives 1/inf = 0, never NaN
    }
    static constexpr auto derivative(Expression auto u);
    static constexpr auto definition(Expression auto u) { return one{} / (one{} + exp(-u)); }
    static constexpr actdiff::readers_see readers_see = actdiff::readers_see::name_and_definition;
    // For kernels: where(u ≥ 0, 1/(1 + t), t/(1 + t)) with t = e^(−|u|), which
    // never overflows and shares t with softplus(u).
    static constexpr auto lowered(Expression auto u) {
        constexpr auto t = exp(-abs(decltype(u){}));
        return detail::make_where(comparison<greater_equal, decltype(u), zero>{}, one{} / (one{} + t), t / (one{} + t));
    }
    // For kernels, 1 − σ(u) = σ(−u), as the stable form itself (a σ(−u) node
    // would fold back to 1 − σ(u)); it shares σ(u)'s e^(−|u|).
    static constexpr auto one_minus(Expression auto u) { return lowered(-u); }
    // For kernels, σ(u)·(1 − σ(u)) = t/(1 + t)², 1 + t's rounding taken back (σ's derivative),
    // of the same t.
    static constexpr auto times_one_minus(Expression auto u) {
        return detail::make_apply<ratio_to_square_of_one_plus_function>(exp(-abs(decltype(u){})));
    }
    static constexpr auto fold(zero) { return c<1, 2>; }
    template <class U>
        requires detail::is_negative_v<U>
    static constexpr auto fold(U);  // σ(−u) = 1 − σ(u)
    // For the simplifier: 2σ(2u) − 1 = tanh(u) (in hyperbolic.hpp).
    template <detail::ratio Q, detail::ratio C, class U>
        requires(Q == detail::ratio{-1, 1} && C == detail::ratio{2, 1})
    static constexpr auto with_constant(U);
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
    static constexpr monotonicity monotone = monotonicity::increasing;
    static constexpr linear_growth growth{.constant = 0.6931471805599453, .slope = 1};  // softplus(u) ≤ max(u, 0) + ln 2
    static constexpr value_range range{.has_low = true, .low = 0};
    static constexpr call_cost cost{.calls = 2, .operations = 5};  // exp and log1p; max, |u|, a sum
    template <class T>
    static constexpr T evaluate(const T& u) {
        const T zero_value = detail::lift<T>(0);
        return detail::math::larger_of(u, zero_value) + detail::math::log1p(detail::math::exp(-detail::math::abs(u)));
    }
    static constexpr auto derivative(Expression auto u) { return sigmoid(u); }
    static constexpr auto definition(Expression auto u) { return log(one{} + exp(u)); }
    static constexpr actdiff::readers_see readers_see = actdiff::readers_see::name_and_definition;
    // For kernels: max(u, 0) + log1p(e^(−|u|)), the same t as σ(u).
    static constexpr auto lowered(Expression auto u) { return max(u, zero{}) + log1p(exp(-abs(u))); }
    // For equivalence proofs: softplus(−u) = softplus(u) − u.
    template <class U>
        requires detail::is_negative_v<U>
    static constexpr auto in_basis(U) {
        return softplus(detail::negated_t<U>{}) + U{};
    }
};
template <Expression U>
constexpr auto softplus(U u) {
    return apply_function<softplus_function>(u);
}

// 1/(1 + e^u) = σ(−u); log(1 + e^u) = softplus(u).
template <detail::ratio Q, detail::ratio C, class U>
    requires(Q == detail::ratio{1, 1} && C == detail::ratio{1, 1})
constexpr auto exp_function::inverse_with_constant(U) {
    return sigmoid(-U{});
}
template <class U>
constexpr auto log_function::simplified(sum<one, apply<exp_function, U>>) {
    return softplus(U{});
}
constexpr auto exp_function::in_basis(Expression auto u) { return sigmoid(u) / (one{} - sigmoid(u)); }
template <class U>
constexpr auto log_function::in_basis(sum<one, product<rational<-1, 1>, apply<sigmoid_function, U>>>) {
    return -softplus(U{});
}

namespace detail {
// σ(w) is a factor, directly or as 1 − σ(w).
template <class W, class... Fs>
inline constexpr bool has_sigmoid_v =
    has_factor_v<apply<sigmoid_function, W>, typename powered<Fs>::base...> ||
    has_factor_v<sum<one, product<rational<-1, 1>, apply<sigmoid_function, W>>>, typename powered<Fs>::base...>;

// σ-space: beside σ(u), a power of e^(∓u) in terms of σ(u),
// e^(−u) = (1 − σ(u))/σ(u) and e^u = σ(u)/(1 − σ(u)), so that the
// quotient-rule form e^(−u)/(1 + e^(−u))² becomes σ(u)(1 − σ(u)).
template <class V, class... Fs>
    requires has_sigmoid_v<negated_t<V>, Fs...>
struct alternative_factor<apply<exp_function, V>, Fs...> {
    using s = apply<sigmoid_function, negated_t<V>>;
    using type = decltype((one{} - s{}) / s{});
};
template <class V, class... Fs>
    requires(!has_sigmoid_v<negated_t<V>, Fs...> && has_sigmoid_v<V, Fs...>)
struct alternative_factor<apply<exp_function, V>, Fs...> {
    using s = apply<sigmoid_function, V>;
    using type = decltype(s{} / (one{} - s{}));
};
template <class V, class R, class... Fs>
struct alternative_factor<power<apply<exp_function, V>, R>, Fs...> {
    using type = decltype(make_power<R::value>(typename alternative_factor<apply<exp_function, V>, Fs...>::type{}));
};
}  // namespace detail

// log σ(u) = −softplus(−u): the form that neither overflows nor loses σ's tail.
template <class U>
constexpr auto log_function::fold(apply<sigmoid_function, U>) {
    return -softplus(-U{});
}

}  // namespace actdiff
