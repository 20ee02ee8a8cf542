// The constant-expression math functions against <cmath>, over a sweep that
// covers every binade used in practice, tails and special values.
#include <cmath>
#include <limits>

#include <actdiff/numeric/constexpr_math.hpp>

#include "../support.hpp"

namespace cm = actdiff::detail::constexpr_math;

namespace {
double relative_error(double actual, double expected) {
    if (expected == 0) return std::abs(actual);
    return std::abs(actual - expected) / std::abs(expected);
}
std::vector<double> sweep() {
    std::vector<double> points;
    for (int e = -60; e <= 9; ++e) {
        for (double m : {1.0, 1.1, 1.37, 1.5, 1.73, 1.99}) {
            points.push_back(std::ldexp(m, e));
            points.push_back(-std::ldexp(m, e));
        }
    }
    return points;
}
}  // namespace

TEST_CASE("exp, expm1, log, log1p, tanh, erf, sqrt agree with <cmath> to 1e-15", "[constexpr_math]") {
    double worst = 0;
    for (double v : sweep()) {
        const double a = std::abs(v);
        if (v < 700) worst = std::max(worst, relative_error(cm::exp(v), std::exp(v)));
        if (v < 700) worst = std::max(worst, relative_error(cm::expm1(v), std::expm1(v)));
        worst = std::max(worst, relative_error(cm::log(a), std::log(a)));
        worst = std::max(worst, relative_error(cm::log1p(a), std::log1p(a)));
        worst = std::max(worst, relative_error(cm::tanh(v), std::tanh(v)));
        worst = std::max(worst, relative_error(cm::erf(v), std::erf(v)));
        worst = std::max(worst, relative_error(cm::sqrt(a), std::sqrt(a)));
    }
    INFO("worst relative error " << worst);
    CHECK(worst < 1e-15);
}

TEST_CASE("special values", "[constexpr_math]") {
    constexpr double inf = std::numeric_limits<double>::infinity();
    CHECK(cm::exp(-inf) == 0.0);
    CHECK(cm::exp(inf) == inf);
    CHECK(cm::exp(1000.0) == inf);
    CHECK(cm::exp(-745.0) == std::exp(-745.0));  // subnormal
    CHECK(cm::log(0.0) == -inf);
    CHECK(std::isnan(cm::log(-1.0)));
    CHECK(cm::tanh(inf) == 1.0);
    CHECK(cm::tanh(-inf) == -1.0);
    CHECK(cm::erf(inf) == 1.0);
    CHECK(cm::erf(-30.0) == -1.0);
    CHECK(std::isnan(cm::exp(std::numeric_limits<double>::quiet_NaN())));
    STATIC_REQUIRE(cm::exp(0.0) == 1.0);
    STATIC_REQUIRE(cm::log(1.0) == 0.0);
    STATIC_REQUIRE(cm::sqrt(4.0) == 2.0);
    CHECK(cm::exp(1.0f) == std::exp(1.0f));
}
