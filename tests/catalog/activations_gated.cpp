// The gated units: partial derivatives in both inputs against formulas
// written by hand, on a grid of (a, b).
#include <cmath>

#include "../support.hpp"

using namespace actdiff;
using test_support::catalog_points;
using test_support::check_against_hand;

namespace {
constexpr auto a = var<"a">;
constexpr auto b = var<"b">;
double logistic(double v) { return 1 / (1 + std::exp(-v)); }
double silu_by_hand(double v) { return v * logistic(v); }
double silu_derivative_by_hand(double v) { return logistic(v) * (1 + v * (1 - logistic(v))); }
double gelu_by_hand(double v) { return 0.5 * v * (1 + std::erf(v * M_SQRT1_2)); }
double gelu_derivative_by_hand(double v) {
    return 0.5 * (1 + std::erf(v * M_SQRT1_2)) + v * std::exp(-0.5 * v * v) / std::sqrt(2 * M_PI);
}
const double gates[] = {-30.0, -2.0, -0.5, 0.0, 0.75, 3.0, 30.0};
}  // namespace

TEST_CASE("glu gates the first input by the sigmoid of the second", "[catalog][gated]") {
    for (double g : gates) {
        check_against_hand(glu(a, b), a, [&](double v) { return v * logistic(g); }, catalog_points, b = g);
        check_against_hand(d(glu(a, b), a), a, [&](double) { return logistic(g); }, catalog_points, b = g);
        check_against_hand(d(glu(a, b), b), b, [&](double v) { return g * logistic(v) * (1 - logistic(v)); },
                           catalog_points, a = g);
    }
}

TEST_CASE("swiglu", "[catalog][gated]") {
    for (double g : gates) {
        check_against_hand(swiglu(a, b), a, [&](double v) { return silu_by_hand(v) * g; }, catalog_points, b = g);
        check_against_hand(d(swiglu(a, b), a), a, [&](double v) { return g * silu_derivative_by_hand(v); },
                           catalog_points, b = g);
        check_against_hand(d(swiglu(a, b), b), b, [&](double) { return silu_by_hand(g); }, catalog_points, a = g);
    }
}

TEST_CASE("geglu", "[catalog][gated]") {
    for (double g : gates) {
        check_against_hand(geglu(a, b), a, [&](double v) { return gelu_by_hand(v) * g; }, catalog_points, b = g);
        check_against_hand(d(geglu(a, b), a), a, [&](double v) { return g * gelu_derivative_by_hand(v); },
                           catalog_points, b = g);
        check_against_hand(d(geglu(a, b), b), b, [&](double) { return gelu_by_hand(g); }, catalog_points, a = g);
    }
}
