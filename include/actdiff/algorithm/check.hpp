// check_derivative(f, v, g, points...): a constexpr check that g is the
// derivative of f with respect to v at the given points, for a derivative you
// wrote by hand and want the compiler to confirm:
//   static_assert(check_derivative(silu(x), x, sigmoid(x) * (1_c + x * (1_c - sigmoid(x))), -2.0, 0.0, 3.0));
// A point is a number (the value of v) or an at(...) with every binding.
// g is compared with d(f, v) to 1e-10 relative (1e-13 absolute near 0);
// when the check runs at compile time and fails, the error names the first
// point that disagrees: g_is_not_the_derivative_of_f_at_point<I>.
#pragma once

#include <cstddef>
#include <utility>

#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/algorithm/simplify.hpp>

namespace actdiff {

namespace detail {

// Not constexpr on purpose: reached in a constant expression, it stops the
// compilation with its name, which says what went wrong and where.
template <std::size_t Point>
inline void g_is_not_the_derivative_of_f_at_point() {}

template <class V, class P>
constexpr auto point_environment(V v, const P& point) {
    if constexpr (is_environment_v<P>) {
        return point;
    } else {
        static_assert(std::is_arithmetic_v<P>, "actdiff: check_derivative: a point is a number or an at(...)");
        return at(v = static_cast<double>(point));
    }
}

template <class F, class V, class G, class... Points, std::size_t... I>
constexpr bool check_each(std::index_sequence<I...>, const Points&... points) {
    bool all = true;
    (
        [&] {
            const auto env = point_environment(V{}, points);
            const double expected = eval(d(F{}, V{}), env);
            const double actual = eval(G{}, env);
            const double error = expected > actual ? expected - actual : actual - expected;
            const double scale = expected < 0 ? -expected : expected;
            if (!(error <= 1e-10 * scale + 1e-13)) {
                all = false;
                if (std::is_constant_evaluated()) g_is_not_the_derivative_of_f_at_point<I>();
            }
        }(),
        ...);
    return all;
}

}  // namespace detail

template <class F, class V, class G, class... Points>
    requires detail::involves_library_type<F, V, G>
constexpr bool check_derivative(F, V, G, const Points&... points) {
    static_assert(Expression<F> && Expression<G>, "actdiff: check_derivative(f, v, g, points...): f and g must be expressions");
    static_assert(Symbol<V>, "actdiff: check_derivative(f, v, g, points...): v must be a var or a param");
    static_assert(sizeof...(Points) > 0, "actdiff: check_derivative(f, v, g, points...) needs at least one point");
    return detail::check_each<F, V, G>(std::index_sequence_for<Points...>{}, points...);
}

}  // namespace actdiff
