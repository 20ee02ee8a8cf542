// A user-defined primitive, declared as docs/dsl.md tells a user to: the
// Gudermannian gd(u) = 2·atan(tanh(u/2)). The laws hold for it as for the
// built-ins, which is the point: a user primitive is as capable as a built-in.
#pragma once

#include <string>
#include <string_view>

#include <actdiff/actdiff.hpp>

namespace laws_test {

struct gd_function {
    static constexpr std::string_view name = "gd";
    static constexpr std::string_view latex_symbol = "\\operatorname{gd}";
    static constexpr actdiff::call_cost cost{.calls = 2, .operations = 3};
    static constexpr actdiff::parity symmetry = actdiff::parity::odd;
    static constexpr actdiff::sign_law sign = actdiff::sign_law::follows_argument;
    static constexpr actdiff::monotonicity monotone = actdiff::monotonicity::increasing;
    static constexpr actdiff::linear_growth growth{.constant = 0, .slope = 1};  // |gd(u)| ≤ |u|
    static constexpr actdiff::value_range range{.has_low = true, .low = -1.5707963267948966, .has_high = true,
                                                .high = 1.5707963267948966};
    template <class T>
    static constexpr T evaluate(const T& u) {
        namespace math = actdiff::detail::math;
        return actdiff::detail::lift<T>(2) * math::atan(math::tanh(u / actdiff::detail::lift<T>(2)));
    }
    // gd'(u) = 1/cosh(u) = 2σ(u)σ(−u)·… written as 1/cosh via e^u: 2/(e^u + e^−u)
    static constexpr auto derivative(actdiff::Expression auto u) {
        using namespace actdiff;
        return c<2> / (exp(u) + exp(-u));
    }
    static std::string code(std::string_view u, bool cuda) {
        const std::string prefix = cuda ? "" : "std::";
        return "T(2) * " + prefix + "atan(" + prefix + "tanh(" + std::string(u) + " / T(2)))";
    }
};

template <actdiff::Expression U>
constexpr auto gd(U u) {
    return actdiff::apply_function<gd_function>(u);
}

// Every primitive the laws run over.
using all_primitives = decltype(actdiff::builtin_primitives{} + actdiff::detail::list<gd_function>{});

}  // namespace laws_test
