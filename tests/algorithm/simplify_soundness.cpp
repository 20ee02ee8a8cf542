// Every rewrite keeps values: simplify(f) against f, and d(f) against d_raw(f),
// evaluated at many points, on a corpus that exercises each rule.
#include "../support.hpp"

using namespace actdiff;
using test_support::close;
using test_support::grid;

namespace {
constexpr auto x = var<"x">;
constexpr auto y = var<"y">;
constexpr auto alpha = param<"alpha">;

template <class F>
void check_simplify_keeps_values(F f, const std::vector<double>& points) {
    const auto s = simplify(f);
    for (double p : points) {
        for (double q : {-1.25, 0.5, 3.0}) {
            const auto env = at(x = p, y = q, alpha = std::abs(q));
            const double before = eval(f, env);
            const double after = eval(s, env);
            INFO(to_string(f) << " → " << to_string(s) << " at x = " << p << ", y = " << q << ": " << before << " vs "
                              << after);
            CHECK(close(after, before, 1e-11, 1e-13));
        }
    }
}

template <class F>
void check_derivative_keeps_values(F f, const std::vector<double>& points) {
    const auto canonical = d(f, x);
    const auto raw = d_raw(f, x);
    for (double p : points) {
        const auto env = at(x = p, y = 0.75, alpha = 1.5);
        INFO(to_string(raw) << " → " << to_string(canonical) << " at " << p);
        CHECK(close(eval(canonical, env), eval(raw, env), 1e-10, 1e-12));
    }
}

const auto everywhere = grid(-7.9, 7.9, 41);  // avoids the kinks at 0, ±1, ±3, 6
const auto positive = grid(0.05, 7.9, 30);
}  // namespace

TEST_CASE("recognition keeps values", "[simplify][soundness]") {
    check_simplify_keeps_values(1_c / (1_c + exp(-x)), everywhere);
    check_simplify_keeps_values(exp(x) / (1_c + exp(x)), everywhere);
    check_simplify_keeps_values(exp(y * x) / (1_c + exp(y * x)), everywhere);
    check_simplify_keeps_values((exp(x) - exp(-x)) / (exp(x) + exp(-x)), everywhere);
    check_simplify_keeps_values(2_c * sigmoid(2_c * x) - 1_c, everywhere);
    check_simplify_keeps_values(log(1_c + exp(x)), everywhere);
    check_simplify_keeps_values(log(1_c + x * x), everywhere);
    check_simplify_keeps_values(exp(x) - 1_c, everywhere);
    check_simplify_keeps_values(pow(1_c + exp(-x), c<-3>), everywhere);
    check_simplify_keeps_values(exp(-x) / pow(1_c + exp(-x), 2_c), everywhere);
    check_simplify_keeps_values(sigmoid(-x) + tanh(-x) + erf(-2_c * x) + abs(-x) * sign(-x), everywhere);
}

TEST_CASE("domain-aware rules keep values", "[simplify][soundness]") {
    check_simplify_keeps_values(exp(x) / exp(x) + x * sign(x) + log(exp(y * x)), everywhere);
    check_simplify_keeps_values(sqrt(x * x) + sqrt(exp(x) * exp(x)), everywhere);
    check_simplify_keeps_values(exp(log(1_c + exp(x))), everywhere);
    check_simplify_keeps_values(sqrt(x) * sqrt(x) + pow(x, c<3, 2>) / sqrt(x), positive);
    check_simplify_keeps_values(1_c / (1_c + abs(x)) - x * sign(x) / pow(1_c + abs(x), 2_c), everywhere);
    check_simplify_keeps_values(y * sigmoid(x) + x * y * sigmoid(x) * (1_c - sigmoid(x)), everywhere);
    check_simplify_keeps_values(c<1, 6> * (3_c + x) + x / 6_c, everywhere);
}

TEST_CASE("branch rules keep values", "[simplify][soundness]") {
    check_simplify_keeps_values(where(max(x, 0_c) < 6_c, where(x > 0_c, 1_c, 0_c), 0_c), everywhere);
    check_simplify_keeps_values(min(max(3_c + x, 0_c), 6_c) / 6_c + x * where(x < 3_c, where(x > -3_c, c<1, 6>, 0_c), 0_c),
                                everywhere);
    check_simplify_keeps_values(selu_lambda * where(x > 0_c, 1_c, selu_alpha * exp(x)), everywhere);
    check_simplify_keeps_values(where(x > 1_c, min(x, 0_c), max(x, 2_c)), everywhere);
    check_simplify_keeps_values(y + where(x <= -2_c, x * x, max(x, -2_c) + y), everywhere);
    check_simplify_keeps_values(where(2_c * x + 1_c >= 3_c, x, -x), everywhere);
}

TEST_CASE("canonical derivatives keep the values of the chain rule", "[simplify][soundness]") {
    check_derivative_keeps_values(x * sigmoid(alpha * x), everywhere);
    check_derivative_keeps_values(pow(1_c + exp(-x), c<-1>), everywhere);
    check_derivative_keeps_values((exp(x) - exp(-x)) / (exp(x) + exp(-x)), everywhere);
    check_derivative_keeps_values(mish(x) * gelu_tanh(x), everywhere);
    check_derivative_keeps_values(softsign(x) * celu(x, alpha), everywhere);
    check_derivative_keeps_values(hardswish(x) + relu6(x) * hardsigmoid(x), everywhere);
    check_derivative_keeps_values(log(x) / x + sqrt(x) * exp(-x), positive);
    check_derivative_keeps_values(d(d(x * tanh(softplus(x)), x), x), everywhere);
}
