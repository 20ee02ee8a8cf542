// Kinks (algorithm/kinks.hpp) against kinks found by hand: the catalog's
// piecewise activations, formulas of the rules (max and min of two curves, a
// where on a square, a kink at a parameter), smooth formulas with none, and a
// user primitive that states its own kink.
#include "../support.hpp"

#include <cmath>
#include <numbers>
#include <string_view>
#include <vector>

#include <actdiff/algorithm/kinks.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto t = param<"t">;

// A user primitive with a kink at 1: the hinge max(u − 1, 0), written as a
// primitive of its own.
struct hinge_function {
    static constexpr std::string_view name = "hinge";
    static constexpr double kink = 1;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return detail::choose(u > detail::lift<T>(1), u - detail::lift<T>(1), detail::lift<T>(0));
    }
    static constexpr auto derivative(Expression auto u) { return step(u - c<1>); }
};

template <Expression F>
std::vector<double> kinks_along_x(F f, double low, double high, double t_value = 0) {
    return kinks(f, [&](double p) { return at(x = p, t = t_value); }, low, high);
}

void require_points(const std::vector<double>& found, const std::vector<double>& expected) {
    INFO("found " << found.size() << " kinks, expected " << expected.size());
    REQUIRE(found.size() == expected.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
        INFO("kink " << i << ": " << found[i] << ", expected " << expected[i]);
        CHECK(std::abs(found[i] - expected[i]) <= 1e-12 * std::max(1.0, std::abs(expected[i])));
    }
}
}  // namespace

TEST_CASE("kinks: the catalog's piecewise activations, where PyTorch puts them") {
    require_points(kinks_along_x(relu(x), -8, 8), {0});
    require_points(kinks_along_x(relu6(x), -8, 8), {0, 6});
    require_points(kinks_along_x(hardswish(x), -8, 8), {-3, 3});
    require_points(kinks_along_x(hardsigmoid(x), -8, 8), {-3, 3});
    require_points(kinks_along_x(elu(x), -8, 8), {0});
    require_points(kinks_along_x(softsign(x), -8, 8), {0});
}

TEST_CASE("kinks: formulas of the rules, found where the switching function vanishes") {
    // Between two grid points the zero is bisected to the last bit: sin's
    // zeros at multiples of π.
    const double pi = std::numbers::pi;
    require_points(kinks_along_x(max(sin(x), c<0>), -7, 7), {-2 * pi, -pi, 0, pi, 2 * pi});
    // A where on a square switches at both roots, and min of two curves where
    // they cross: x² = 2 − x at −2 and 1.
    require_points(kinks_along_x(where(x * x > c<9>, x, c<0>), -8, 8), {-3, 3});
    require_points(kinks_along_x(min(x * x, c<2> - x), -8, 8), {-2, 1});
    // A kink at a parameter's value, exactly, also off the grid.
    require_points(kinks_along_x(where(x > t, x, c<0>), -8, 8, 0.1), {0.1});
    require_points(kinks_along_x(abs(x - t), -8, 8, std::sqrt(2.0)), {std::sqrt(2.0)});
    // Kinks outside the interval are not reported; nested ones are.
    require_points(kinks_along_x(relu(relu6(x) - c<1>), -1, 5), {0, 1});
}

TEST_CASE("kinks: smooth formulas have none") {
    CHECK(kinks_along_x(gelu(x), -8, 8).empty());
    CHECK(kinks_along_x(x * sigmoid(t * x), -8, 8, 1.5).empty());
    CHECK(kinks_along_x(mish(x), -8, 8).empty());
}

TEST_CASE("kinks: a user primitive states its kink through the protocol") {
    const auto hinge = [](auto u) { return apply_function<hinge_function>(u); };
    require_points(kinks_along_x(hinge(x / c<2>), -8, 8), {2});
    require_points(kinks_along_x(hinge(x) + relu(x), -8, 8), {0, 1});
}
