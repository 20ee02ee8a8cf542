// Kernel-only primitives that take out a rounding: the rounding error of a
// kernel's argument, and a quotient h/(1 + h) rounded once.
//
// The rounding error of a kernel's argument. A
// kernel computes c·u and c·u² as fl(c_T·u) and fl(c_T·fl(u·u)), c_T the
// constant c in the element type, and a function such as e^v or erfc(v)
// multiplies that rounding by |v·f′(v)/f(v)|: |v| for e^v (QuickGELU's
// σ(1.702x) at x = −50), about 2v² for erfc (GELU's erfc(−x/√2) at x = −13).
// The compensation pass of evaluation/fused.hpp corrects f with the error this
// primitive returns, exactly c·u^k less the computed value (to a few of its last
// digits): a fused multiply-subtract where the target has one, else Dekker's
// product on the halves of the significands (SSE2 has no FMA).
#pragma once

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/primitive/apply.hpp>

namespace actdiff {

namespace detail {

// The element type of a number type: float for a batch of floats.
template <class T>
struct element_of {
    using type = T;
};
template <class T>
    requires requires { typename T::value_type; }
struct element_of<T> {
    using type = typename T::value_type;
};

// Whether a number type has the halves Dekker's product needs; the others
// (long double, the extended type of the guarded path) round far below a
// kernel's type, and their error is taken as 0.
template <class T>
inline constexpr bool splittable_v =
    std::is_same_v<T, float> || std::is_same_v<T, double> || requires(const T& u) { math::replacement<T>::high_half(u); };

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

}  // namespace detail

// The error of fl(c_T·u^Power) (Power 1 or 2): c·u^Power less its computed
// value, where that value is at most 2^10; 0 beyond.
template <class Constant, int Power>
struct rounding_error_function {
    static_assert(Power == 1 || Power == 2, "actdiff: rounding_error_function: the power must be 1 or 2");
    static constexpr std::string_view name = "rounding_error";
    static constexpr call_cost cost{.calls = 0, .operations = 12};

    template <class T>
    static constexpr T evaluate(const T& u) {
        using element = typename detail::element_of<T>::type;
        if constexpr (!detail::splittable_v<T> || !std::is_floating_point_v<element>) {
            return detail::lift<T>(0);
        } else {
            if (std::is_constant_evaluated()) return detail::lift<T>(0);
            const T c = detail::evaluate<T>(Constant{}, environment<>{});
            const T c_low = detail::lift<T>(static_cast<long double>(low_part<element>()));
            T value = u, error = detail::lift<T>(0);
            if constexpr (Power == 2) {
                value = u * u;
                error = detail::product_error(u, u, value);
            }
            const T product = c * value;
            if constexpr (!std::is_same_v<Constant, one>) {
                error = detail::product_error(c, value, product) + (c_low * value + c * error);
            }
            // Only where |c·u^Power| ≤ 2^10, where the error is below 2^-13 and a
            // first-order correction holds: beyond, e^v is 0 or ∞ in every kernel
            // type and erfc(v) 0 or 2, and the error, up to ∞ or NaN where c·u^Power
            // overflows, would turn e^(10^30) into −∞·… or 0 into NaN.
            const auto small = detail::math::abs(product) <= detail::lift<T>(1024);
            return detail::choose(small, error, detail::lift<T>(0));
        }
    }
    static constexpr auto derivative(Expression auto) { return zero{}; }

    // The same steps in the emitted source, with c_T and c − c_T as literals of
    // each element type.
    static std::string code(std::string_view u, bool cuda) {
        const std::string fma = cuda ? "fma" : "std::fma";
        const std::string x = "(" + std::string(u) + ")";
        const std::string value = Power == 2 ? "(" + x + " * " + x + ")" : x;
        const std::string square_error = fma + "(" + x + ", " + x + ", -(" + x + " * " + x + "))";
        // As evaluate: 0 where |c·u^Power| exceeds 2^10.
        const auto within = [&](const std::string& c, const std::string& error) {
            const std::string product = c.empty() ? value : "T(" + c + ") * " + value;
            return "(" + std::string(cuda ? "fabs" : "std::abs") + "(" + product + ") <= T(1024) ? " + error + " : T(0))";
        };
        if constexpr (std::is_same_v<Constant, one>) {
            return within("", square_error);
        }
        const auto of = [&]<class Element>(Element, const char* format) {
            const std::string c = literal(format, static_cast<long double>(constant_in<Element>()));
            const std::string low = literal(format, static_cast<long double>(low_part<Element>()));
            std::string error = fma + "(T(" + c + "), " + value + ", -(T(" + c + ") * " + value + ")) + T(" + low +
                                ") * " + value;
            if (Power == 2) error += " + T(" + c + ") * " + square_error;
            return within(c, "(" + error + ")");
        };
        return "(sizeof(T) == sizeof(float) ? " + of(float{}, "%.9Lg") + " : " + of(double{}, "%.17Lg") + ")";
    }

private:
    template <class Element>
    static Element constant_in() {
        return detail::evaluate<Element>(Constant{}, environment<>{});
    }
    // c in long double, at compile time; c − c_T from it, with c_T as the
    // kernel computes it (at run time, where the library's √ rounds).
    static constexpr long double exact = detail::evaluate<long double>(Constant{}, environment<>{});
    template <class Element>
    static Element low_part() {
        return static_cast<Element>(exact - static_cast<long double>(constant_in<Element>()));
    }
    static std::string literal(const char* format, long double value) {
        char text[64];
        std::snprintf(text, sizeof text, format, value);
        return text;
    }
};

// h/(1 + h) for 0 ≤ h < 2, rounded about once: a kernel-only primitive for
// quotients whose denominator is one plus the numerator (Mish's gate
// tanh(softplus(u)) for u < 0). Written as a quotient, 1 + h rounds by up to
// half a unit of 1 before the division rounds again, and a kernel may sum
// 1 + t + t²/2 in any order; here the sum's error e = (1 − (1 + h)) + h is
// exact (|h| < 2), the remainder h − q·(1 + h) of the quotient q is exact (a
// fused multiply-subtract, else Dekker's product), and
//   h/(1 + h + e) ≈ q + (h − q·(1 + h) − q·e)·(1 − q),
// 1 − q being 1/(1 + h) to the first order.
struct ratio_to_one_plus_function {
    static constexpr std::string_view name = "ratio_to_one_plus";
    static constexpr call_cost cost{.calls = 0, .operations = 10};
    static constexpr value_range range{.has_low = true, .low = 0, .low_open = false, .has_high = true, .high = 1};

    template <class T>
    static constexpr T evaluate(const T& h) {
        using element = typename detail::element_of<T>::type;
        const T one = detail::lift<T>(1);
        const T sum = one + h;
        const T quotient = h / sum;
        if constexpr (!detail::splittable_v<T> || !std::is_floating_point_v<element>) {
            return quotient;
        } else {
            if (std::is_constant_evaluated()) return quotient;
            const T sum_error = (one - sum) + h;
            const T remainder = detail::remainder_of(h, quotient, sum) - quotient * sum_error;
            return quotient + remainder * (one - quotient);
        }
    }
    static constexpr auto derivative(Expression auto h) { return pow(one{} + h, c<-2>); }

    // The same steps in the emitted source.
    static std::string code(std::string_view h, bool cuda) {
        const std::string fma = cuda ? "fma" : "std::fma";
        return "[](const T h) { const T sum = T(1) + h; const T quotient = h / sum; const T remainder = " + fma +
               "(-quotient, sum, h) - quotient * ((T(1) - sum) + h); return quotient + remainder * (T(1) - "
               "quotient); }(" +
               std::string(h) + ")";
    }
};

}  // namespace actdiff
