// The piecewise activations: values and derivatives against formulas written
// by hand, with the exact PyTorch value at every kink.
#include <cmath>

#include "../support.hpp"

using namespace actdiff;
using test_support::catalog_points;
using test_support::check_against_hand;

namespace {
constexpr auto x = var<"x">;
constexpr auto a = param<"a">;
constexpr auto alpha = param<"alpha">;
constexpr double selu_lambda_value = 1.0507009873554804934193349852946;
constexpr double selu_alpha_value = 1.6732632423543772848170429916717;
}  // namespace

TEST_CASE("threshold", "[catalog][kink]") {
    constexpr auto b = param<"b">;
    for (double bias : {-1.0, 0.0, 2.0}) {
        check_against_hand(threshold(x, b), x, [&](double v) { return v > bias ? 1.0 : 0.0; }, catalog_points, b = bias);
        check_against_hand(d(threshold(x, b), x), x, [](double) { return 0.0; }, catalog_points, b = bias);
    }
    CHECK(eval(threshold(x), x = 0.0) == 0.0);
}

TEST_CASE("relu", "[catalog][kink]") {
    check_against_hand(relu(x), x, [](double v) { return v > 0 ? v : 0.0; }, catalog_points);
    check_against_hand(d(relu(x), x), x, [](double v) { return v > 0 ? 1.0 : 0.0; }, catalog_points);
    CHECK(eval(d(relu(x), x), x = 0.0) == 0.0);
}

TEST_CASE("relu6", "[catalog][kink]") {
    check_against_hand(relu6(x), x, [](double v) { return std::min(std::max(v, 0.0), 6.0); }, catalog_points);
    check_against_hand(d(relu6(x), x), x, [](double v) { return v > 0 && v < 6 ? 1.0 : 0.0; }, catalog_points);
    CHECK(eval(d(relu6(x), x), x = 0.0) == 0.0);
    CHECK(eval(d(relu6(x), x), x = 6.0) == 0.0);
}

TEST_CASE("leaky_relu", "[catalog][kink][parameter]") {
    constexpr auto slope = param<"negative_slope">;
    check_against_hand(leaky_relu(x), x, [](double v) { return v > 0 ? v : 0.01 * v; }, catalog_points);
    check_against_hand(d(leaky_relu(x), x), x, [](double v) { return v > 0 ? 1.0 : 0.01; }, catalog_points);
    CHECK(eval(d(leaky_relu(x), x), x = 0.0) == 0.01);
    check_against_hand(d(leaky_relu(x, slope), slope), x, [](double v) { return v > 0 ? 0.0 : v; }, catalog_points,
                       slope = 0.2);
}

TEST_CASE("prelu", "[catalog][kink][parameter]") {
    check_against_hand(d(prelu(x, a), x), x, [](double v) { return v > 0 ? 1.0 : 0.25; }, catalog_points, a = 0.25);
    check_against_hand(d(prelu(x, a), a), x, [](double v) { return v > 0 ? 0.0 : v; }, catalog_points, a = 0.25);
    // PyTorch, measured: x = [−2, 0, 3], w = 0.25 gives dx = [0.25, 0.25, 1] and dw = −2 + 0 + 0.
    CHECK(eval(d(prelu(x, a), x), at(x = 0.0, a = 0.25)) == 0.25);
    CHECK(eval(d(prelu(x, a), a), at(x = 0.0, a = 0.25)) == 0.0);
    CHECK(eval(d(prelu(x, a), a), at(x = -2.0, a = 0.25)) == -2.0);
}

TEST_CASE("elu", "[catalog][kink][parameter]") {
    for (double al : {1.0, 0.5, 2.0}) {
        check_against_hand(elu(x, alpha), x, [&](double v) { return v > 0 ? v : al * std::expm1(v); }, catalog_points,
                           alpha = al);
        check_against_hand(d(elu(x, alpha), x), x, [&](double v) { return v > 0 ? 1.0 : al * std::exp(v); },
                           catalog_points, alpha = al);
        check_against_hand(d(elu(x, alpha), alpha), x, [&](double v) { return v > 0 ? 0.0 : std::expm1(v); },
                           catalog_points, alpha = al);
        CHECK(eval(d(elu(x, alpha), x), at(x = 0.0, alpha = al)) == al);
    }
    CHECK(eval(d(elu(x), x), x = 0.0) == 1.0);
}

TEST_CASE("selu", "[catalog][kink]") {
    check_against_hand(
        selu(x), x, [](double v) { return selu_lambda_value * (v > 0 ? v : selu_alpha_value * std::expm1(v)); },
        catalog_points);
    check_against_hand(
        d(selu(x), x), x,
        [](double v) { return v > 0 ? selu_lambda_value : selu_lambda_value * selu_alpha_value * std::exp(v); },
        catalog_points);
    // λα = 1.7580993408473766 at 0 (the negative branch), not λ.
    CHECK(eval(d(selu(x), x), x = 0.0) == Approx(1.7580993408473766).epsilon(1e-15));
    CHECK(eval(d(selu(x), x), x = 1e-300) == Approx(selu_lambda_value).epsilon(1e-15));
}

TEST_CASE("celu", "[catalog][kink][parameter]") {
    for (double al : {1.0, 0.5, 3.0}) {
        check_against_hand(celu(x, alpha), x, [&](double v) { return v > 0 ? v : al * std::expm1(v / al); },
                           catalog_points, alpha = al);
        check_against_hand(d(celu(x, alpha), x), x, [&](double v) { return v > 0 ? 1.0 : std::exp(v / al); },
                           catalog_points, alpha = al);
        check_against_hand(
            d(celu(x, alpha), alpha), x,
            [&](double v) { return v > 0 ? 0.0 : std::expm1(v / al) - v / al * std::exp(v / al); }, catalog_points,
            alpha = al);
        CHECK(eval(d(celu(x, alpha), x), at(x = 0.0, alpha = al)) == 1.0);
    }
}

TEST_CASE("hardtanh", "[catalog][kink][parameter]") {
    check_against_hand(hardtanh(x), x, [](double v) { return std::min(std::max(v, -1.0), 1.0); }, catalog_points);
    check_against_hand(d(hardtanh(x), x), x, [](double v) { return v > -1 && v < 1 ? 1.0 : 0.0; }, catalog_points);
    CHECK(eval(d(hardtanh(x), x), x = -1.0) == 0.0);
    CHECK(eval(d(hardtanh(x), x), x = 1.0) == 0.0);
    constexpr auto lo = param<"min_val">;
    constexpr auto hi = param<"max_val">;
    const auto f = hardtanh(x, lo, hi);
    check_against_hand(d(f, x), x, [](double v) { return v > -2 && v < 3 ? 1.0 : 0.0; }, catalog_points, lo = -2.0,
                       hi = 3.0);
    check_against_hand(d(f, lo), x, [](double v) { return v <= -2 ? 1.0 : 0.0; }, catalog_points, lo = -2.0, hi = 3.0);
    check_against_hand(d(f, hi), x, [](double v) { return v >= 3 ? 1.0 : 0.0; }, catalog_points, lo = -2.0, hi = 3.0);
}

TEST_CASE("hardsigmoid", "[catalog][kink]") {
    check_against_hand(hardsigmoid(x), x, [](double v) { return std::min(std::max(v + 3, 0.0), 6.0) / 6; },
                       catalog_points);
    check_against_hand(d(hardsigmoid(x), x), x, [](double v) { return v > -3 && v < 3 ? 1.0 / 6 : 0.0; },
                       catalog_points);
    CHECK(eval(d(hardsigmoid(x), x), x = -3.0) == 0.0);
    CHECK(eval(d(hardsigmoid(x), x), x = 3.0) == 0.0);
}

TEST_CASE("hardswish", "[catalog][kink]") {
    check_against_hand(hardswish(x), x, [](double v) { return v * std::min(std::max(v + 3, 0.0), 6.0) / 6; },
                       catalog_points);
    check_against_hand(
        d(hardswish(x), x), x, [](double v) { return v <= -3 ? 0.0 : v < 3 ? v / 3 + 0.5 : 1.0; }, catalog_points);
    // PyTorch main since 2025: 0 at −3, 1 at +3.
    CHECK(eval(d(hardswish(x), x), x = -3.0) == 0.0);
    CHECK(eval(d(hardswish(x), x), x = 3.0) == 1.0);
}
