// The smooth activations: value and derivative against formulas derived by
// hand (the forms PyTorch's kernels use), at the kinks of the catalog's
// points and in the tails |x| <= 30.
#include <algorithm>
#include <cmath>

#include "../support.hpp"

using namespace actdiff;
using test_support::catalog_points;
using test_support::check_against_hand;
using test_support::close;

namespace {
constexpr auto x = var<"x">;
double logistic(double v) { return 1 / (1 + std::exp(-v)); }
const double sqrt_2_over_pi = std::sqrt(2 / M_PI);
double gelu_by_hand(double v) { return 0.5 * v * (1 + std::erf(v / std::sqrt(2.0))); }
double gelu_derivative_by_hand(double v) {
    return 0.5 * (1 + std::erf(v * M_SQRT1_2)) + v * std::exp(-0.5 * v * v) * 0.3989422804014327;
}
double silu_derivative_by_hand(double v) {
    const double s = logistic(v);
    return s * (1 + v * (1 - s));
}
}  // namespace

TEST_CASE("sigmoid", "[catalog]") {
    check_against_hand(sigmoid(x), x, logistic, catalog_points);
    check_against_hand(d(sigmoid(x), x), x, [](double v) { return logistic(v) * (1 - logistic(v)); }, catalog_points);
    CHECK(eval(d(sigmoid(x), x), x = 0.0) == 0.25);
}

TEST_CASE("tanh", "[catalog]") {
    check_against_hand(d(tanh(x), x), x, [](double v) { return 1 - std::tanh(v) * std::tanh(v); }, catalog_points);
}

TEST_CASE("gelu (erf form)", "[catalog]") {
    check_against_hand(gelu(x), x, gelu_by_hand, catalog_points);
    check_against_hand(d(gelu(x), x), x, gelu_derivative_by_hand, catalog_points);
    CHECK(eval(d(gelu(x), x), x = 0.0) == 0.5);
}

TEST_CASE("gelu_tanh", "[catalog]") {
    const auto inner = [](double v) { return sqrt_2_over_pi * (v + 0.044715 * v * v * v); };
    check_against_hand(gelu_tanh(x), x, [&](double v) { return 0.5 * v * (1 + std::tanh(inner(v))); }, catalog_points);
    check_against_hand(
        d(gelu_tanh(x), x), x,
        [&](double v) {
            const double t = std::tanh(inner(v));
            return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * sqrt_2_over_pi * (1 + 3 * 0.044715 * v * v);
        },
        catalog_points);
    // PyTorch 1.13 measured 1.082964 at x = 1 (docs/conventions.md).
    CHECK(eval(d(gelu_tanh(x), x), x = 1.0) == Approx(1.082964).margin(1e-6));
}

TEST_CASE("gelu_sigmoid", "[catalog]") {
    check_against_hand(gelu_sigmoid(x), x, [](double v) { return v * logistic(1.702 * v); }, catalog_points);
    check_against_hand(
        d(gelu_sigmoid(x), x), x,
        [](double v) {
            const double s = logistic(1.702 * v);
            return s * (1 + 1.702 * v * (1 - s));
        },
        catalog_points);
}

TEST_CASE("silu", "[catalog]") {
    check_against_hand(silu(x), x, [](double v) { return v * logistic(v); }, catalog_points);
    check_against_hand(d(silu(x), x), x, silu_derivative_by_hand, catalog_points);
    CHECK(eval(d(silu(x), x), x = 0.0) == 0.5);
}

TEST_CASE("swish with a learnable beta", "[catalog][parameter]") {
    constexpr auto beta = param<"beta">;
    for (double b : {0.5, 1.0, 1.702, 3.0}) {
        check_against_hand(
            d(swish(x, beta), x), x,
            [&](double v) {
                const double s = logistic(b * v);
                return s * (1 + b * v * (1 - s));
            },
            catalog_points, beta = b);
        check_against_hand(
            d(swish(x, beta), beta), x,
            [&](double v) {
                const double s = logistic(b * v);
                return v * v * s * (1 - s);
            },
            catalog_points, beta = b);
    }
    check_against_hand(swish(x), x, [](double v) { return v * logistic(v); }, catalog_points);
}

TEST_CASE("mish", "[catalog]") {
    check_against_hand(mish(x), x, [](double v) { return v * std::tanh(std::log1p(std::exp(v))); }, catalog_points);
    check_against_hand(
        d(mish(x), x), x,
        [](double v) {
            const double t = std::tanh(std::log1p(std::exp(v)));
            return t + v * logistic(v) * (1 - t * t);
        },
        catalog_points);
    CHECK(eval(d(mish(x), x), x = 0.0) == Approx(0.6).epsilon(1e-15));  // tanh(ln 2) = 3/5
}

TEST_CASE("softplus", "[catalog][parameter]") {
    constexpr auto beta = param<"beta">;
    check_against_hand(softplus(x), x, [](double v) { return std::log1p(std::exp(v)); }, catalog_points);
    check_against_hand(d(softplus(x), x), x, logistic, catalog_points);
    for (double b : {0.5, 1.0, 2.0}) {
        check_against_hand(softplus(x, beta), x, [&](double v) { return std::log1p(std::exp(b * v)) / b; },
                           catalog_points, beta = b);
        check_against_hand(d(softplus(x, beta), x), x, [&](double v) { return logistic(b * v); }, catalog_points,
                           beta = b);
        check_against_hand(
            d(softplus(x, beta), beta), x,
            [&](double v) { return v * logistic(b * v) / b - std::log1p(std::exp(b * v)) / (b * b); }, catalog_points,
            beta = b);
    }
    // The stable evaluation: no overflow where the value is finite.
    CHECK(eval(softplus(x), x = 1000.0) == 1000.0);
    CHECK(eval(softplus(x), x = -1000.0) == 0.0);
    CHECK(eval(softplus(x), x = 100.0f) == 100.0f);
}

TEST_CASE("softsign", "[catalog]") {
    check_against_hand(softsign(x), x, [](double v) { return v / (1 + std::abs(v)); }, catalog_points);
    check_against_hand(d(softsign(x), x), x, [](double v) { return 1 / ((1 + std::abs(v)) * (1 + std::abs(v))); },
                       catalog_points);
    CHECK(eval(d(softsign(x), x), x = 0.0) == 1.0);
}

TEST_CASE("log_sigmoid", "[catalog]") {
    // PyTorch's stable form, and its derivative σ(−x).
    check_against_hand(log_sigmoid(x), x, [](double v) { return std::min(v, 0.0) - std::log1p(std::exp(-std::abs(v))); },
                       catalog_points);
    check_against_hand(d(log_sigmoid(x), x), x, [](double v) { return logistic(-v); }, catalog_points);
    // No overflow and no lost tail: log σ(−1000) = −1000, log σ(40) = −e^(−40).
    CHECK(eval(log_sigmoid(x), x = -1000.0) == -1000.0);
    CHECK(close(eval(log_sigmoid(x), x = 40.0), -std::exp(-40.0), 1e-15, 0.0));
    CHECK(eval(d(log_sigmoid(x), x), x = -1000.0) == 1.0);
}

TEST_CASE("snake", "[catalog][parameter]") {
    constexpr auto a = param<"a">;
    check_against_hand(snake(x), x, [](double v) { return v + std::sin(v) * std::sin(v); }, catalog_points);
    for (double frequency : {0.5, 1.0, 3.0}) {
        check_against_hand(snake(x, a), x,
                           [&](double v) { return v + std::sin(frequency * v) * std::sin(frequency * v) / frequency; },
                           catalog_points, a = frequency);
        check_against_hand(d(snake(x, a), x), x, [&](double v) { return 1 + std::sin(2 * frequency * v); },
                           catalog_points, a = frequency);
        check_against_hand(
            d(snake(x, a), a), x,
            [&](double v) {
                const double s = std::sin(frequency * v);
                return v * std::sin(2 * frequency * v) / frequency - s * s / (frequency * frequency);
            },
            catalog_points, a = frequency);
    }
}
