// Every primitive's derivative against finite differences, through a chain
// rule (the argument is itself an expression) and at many points.
#include "../support.hpp"

using namespace actdiff;
using test_support::check_against_finite_differences;
using test_support::grid;

namespace {
constexpr auto x = var<"x">;
const auto everywhere = grid(-6.0, 6.0, 49);   // includes 0
const auto positive = grid(0.05, 8.0, 40);
// Points of a piecewise function, kept 0.01 away from the kinks at −1, 0 and 1
// where finite differences straddle the jump.
const auto off_kinks = [] {
    std::vector<double> points;
    for (double p : grid(-4.0, 4.0, 81)) {
        if (std::abs(p) > 0.01 && std::abs(std::abs(p) - 1) > 0.01) points.push_back(p);
    }
    return points;
}();
}  // namespace

TEST_CASE("exp", "[derivative][primitive]") {
    check_against_finite_differences(exp(x), x, everywhere);
    check_against_finite_differences(exp(c<-3, 2> * x + 1_c), x, everywhere);
}

TEST_CASE("log", "[derivative][primitive]") {
    check_against_finite_differences(log(x), x, positive);
    check_against_finite_differences(log(1_c + x * x), x, everywhere);
}

TEST_CASE("tanh", "[derivative][primitive]") {
    check_against_finite_differences(tanh(x), x, everywhere);
    check_against_finite_differences(tanh(2_c * x - 1_c), x, everywhere);
}

TEST_CASE("erf", "[derivative][primitive]") {
    check_against_finite_differences(erf(x), x, everywhere);
    check_against_finite_differences(erf(x / sqrt(2_c)), x, everywhere);
}

TEST_CASE("sigmoid", "[derivative][primitive]") {
    check_against_finite_differences(sigmoid(x), x, everywhere);
    check_against_finite_differences(sigmoid(x * x - 2_c), x, everywhere);
}

TEST_CASE("softplus", "[derivative][primitive]") {
    check_against_finite_differences(softplus(x), x, everywhere);
    check_against_finite_differences(softplus(3_c * x), x, everywhere);
}

TEST_CASE("abs, sign and step", "[derivative][primitive]") {
    check_against_finite_differences(abs(x), x, off_kinks);
    check_against_finite_differences(abs(x) * x, x, off_kinks);
    check_against_finite_differences(sign(x) * x * x, x, off_kinks);
    check_against_finite_differences(step(x) * exp(x), x, off_kinks);
}

TEST_CASE("integer and rational powers", "[derivative][primitive]") {
    check_against_finite_differences(pow(x, 3_c), x, everywhere);
    check_against_finite_differences(pow(x, 7_c) - pow(x, 2_c), x, everywhere);
    check_against_finite_differences(pow(x, c<-2>), x, positive);
    check_against_finite_differences(pow(x, c<5, 3>), x, positive);
    check_against_finite_differences(pow(x, c<-1, 2>), x, positive);
    check_against_finite_differences(sqrt(x), x, positive);
    check_against_finite_differences(sqrt(1_c + x * x), x, everywhere);
    check_against_finite_differences(pow(1_c + exp(-x), c<-1>), x, everywhere);
}

TEST_CASE("sums, products and quotients", "[derivative][primitive]") {
    check_against_finite_differences(x * x * x - 2_c * x + 5_c, x, everywhere);
    check_against_finite_differences(exp(x) * tanh(x) * sigmoid(x), x, everywhere);
    check_against_finite_differences(x / (1_c + x * x), x, everywhere);
    check_against_finite_differences((x - 1_c) / (x + 2_c), x, positive);
    check_against_finite_differences(-x * pi + e, x, everywhere);
}

TEST_CASE("max, min and where", "[derivative][primitive]") {
    check_against_finite_differences(max(x, 0_c) * x, x, off_kinks);
    check_against_finite_differences(min(x, 1_c) * exp(x), x, off_kinks);
    check_against_finite_differences(max(x * x, 1_c), x, off_kinks);
    check_against_finite_differences(where(x > 0_c, sigmoid(x), x * x), x, off_kinks);
    check_against_finite_differences(where(x <= -1_c, -x, exp(x)), x, off_kinks);
    check_against_finite_differences(where(x >= 1_c, x, tanh(x)), x, off_kinks);
    check_against_finite_differences(where(x < 0_c, x * x, x), x, off_kinks);
}

TEST_CASE("higher orders", "[derivative][order]") {
    const auto f = x * sigmoid(x);
    check_against_finite_differences(d(f, x), x, everywhere);
    check_against_finite_differences(d(d(f, x), x), x, everywhere);
    check_against_finite_differences(d(tanh(x * x), x), x, everywhere);
    check_against_finite_differences(d(d(erf(x) * exp(-x), x), x), x, everywhere);
    check_against_finite_differences(d(d(d(log(1_c + exp(x)), x), x), x), x, everywhere);
    check_against_finite_differences(d(pow(x, c<7, 2>), x), x, positive);
}

TEST_CASE("parameters and partial derivatives", "[derivative][parameter]") {
    constexpr auto alpha = param<"alpha">;
    constexpr auto b = var<"b">;
    const auto f = x * sigmoid(alpha * x);
    check_against_finite_differences(f, alpha, grid(-3.0, 3.0, 25), x = 0.7);
    check_against_finite_differences(f, alpha, grid(-3.0, 3.0, 25), x = -2.5);
    check_against_finite_differences(f, x, everywhere, alpha = 1.3);
    check_against_finite_differences(d(f, alpha), x, everywhere, alpha = 0.4);
    check_against_finite_differences(d(f, x), alpha, grid(-2.0, 2.0, 17), x = 1.1);
    check_against_finite_differences(x * sigmoid(b), b, everywhere, x = 1.5);
    check_against_finite_differences(x * sigmoid(b), x, everywhere, b = -0.5);
    check_against_finite_differences(exp(alpha * x) / alpha, alpha, grid(0.5, 3.0, 11), x = 0.3);
}
