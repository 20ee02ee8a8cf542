// properties() (algorithm/properties.hpp) against values found by hand, in
// the literature, or computed here independently of the engine: GELU's and
// SiLU's minima from their own root-finding on f′ written out by hand,
// hardswish's −3/8 at −3/2, SELU's fixed point (Klambauer et al. 2017),
// E[relu(z)] = 1/√(2π); and formulas of a user's that the catalog lacks (a
// falling step, |x|, ELU with α = 2, x·tanh x).
#include "../support.hpp"

#include <cmath>
#include <numbers>

#include <actdiff/algorithm/properties.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto alpha = param<"alpha">;

// The zero of a hand-written g between a and b, by bisection.
template <class G>
double root(G g, double a, double b) {
    for (int i = 0; i < 200; ++i) {
        const double m = (a + b) / 2;
        ((g(m) < 0) == (g(a) < 0) ? a : b) = m;
    }
    return (a + b) / 2;
}

double normal_cdf(double t) { return 0.5 * std::erfc(-t / std::sqrt(2.0)); }
double normal_pdf(double t) { return std::exp(-t * t / 2) / std::sqrt(2 * std::numbers::pi); }
}  // namespace

TEST_CASE("properties: GELU's minimum and range, against a root of Φ(x) + xφ(x) found here") {
    const double at = root([](double t) { return normal_cdf(t) + t * normal_pdf(t); }, -2, 0);
    const auto p = properties(gelu(x), x);
    CHECK(std::abs(p.minimum.at - at) < 1e-9);
    CHECK(std::abs(p.minimum.value - at * normal_cdf(at)) < 1e-12);
    CHECK(std::abs(p.minimum.value + 0.169971) < 1e-6);  // the figure usually quoted
    CHECK(p.minimum.attained);
    CHECK(std::isinf(p.maximum.value));
    CHECK(p.monotone == 0);
    CHECK(p.monotone_evidence == evidence::witnesses);
    CHECK(p.kinks.empty());
    CHECK(p.limit_below == 0);
    CHECK(p.slope_limit_above == 1);
    CHECK(p.zero_centred);
}

TEST_CASE("properties: SiLU's minimum at −1 − W(1/e), and sigmoid's open range") {
    // SiLU′ = σ(x)(1 + x(1 − σ(x))) = 0  ⇔  1 + x/(1 + eˣ) = 0  ⇔  1 + x + eˣ = 0.
    const double at = root([](double t) { return 1 + t + std::exp(t); }, -2, -1);
    const auto silu_p = properties(x * sigmoid(x), x);
    CHECK(std::abs(silu_p.minimum.at - at) < 1e-9);
    CHECK(std::abs(silu_p.minimum.value - at / (1 + std::exp(-at))) < 1e-12);

    const auto p = properties(sigmoid(x), x);
    CHECK(p.minimum.value == 0);
    CHECK(!p.minimum.attained);
    CHECK(p.maximum.value == 1);
    CHECK(!p.maximum.attained);
    CHECK(p.monotone == 2);
    CHECK(p.monotone_evidence == evidence::proof);
    CHECK(p.at_zero == 0.5);
    CHECK(!p.zero_centred);
    CHECK(p.slope_limit_below == 0);
    CHECK(std::abs(p.normal_mean - 0.5) < 1e-12);  // σ(z) − 1/2 is odd
}

TEST_CASE("properties: hardswish's minimum −3/8 at −3/2, its kinks C⁰, and the dead half-line") {
    const auto p = properties(hardswish(x), x);
    CHECK(p.minimum.value == -0.375);
    CHECK(p.minimum.at == -1.5);
    REQUIRE(p.kinks.size() == 2);
    CHECK(p.kinks[0].at == -3);
    CHECK(p.kinks[0].smoothness == 0);
    CHECK(p.kinks[0].slope == 0);  // hardswish′(−3) = 0, as PyTorch takes it
    CHECK(std::abs(p.kinks[0].right_slope + 0.5) < 1e-9);
    CHECK(p.kinks[1].slope == 1);  // hardswish′(3) = 1
    CHECK(p.dead_below == -3);
    CHECK(std::isnan(p.dead_above));
}

TEST_CASE("properties: ReLU's moments under the standard normal, SELU's fixed point") {
    const auto relu_p = properties(relu(x), x);
    CHECK(std::abs(relu_p.normal_mean - 1 / std::sqrt(2 * std::numbers::pi)) < 1e-9);
    CHECK(std::abs(relu_p.normal_second_moment - 0.5) < 1e-9);
    CHECK(relu_p.dead_below == 0);
    CHECK(relu_p.minimum.value == 0);
    CHECK(relu_p.minimum.attained);
    CHECK(relu_p.monotone == 1);

    const auto selu_p = properties(selu(x), x);
    CHECK(std::abs(selu_p.normal_mean) < 1e-6);
    CHECK(std::abs(selu_p.normal_second_moment - 1) < 1e-6);
    REQUIRE(selu_p.kinks.size() == 1);
    CHECK(selu_p.kinks[0].smoothness == 0);  // λ on the right, λα on the left
    CHECK(std::abs(selu_p.minimum.value + 1.0507009873554805 * 1.6732632423543772) < 1e-9);
    CHECK(!selu_p.minimum.attained);
}

TEST_CASE("properties: ELU is C¹ at α = 1 and only C⁰ at α = 2") {
    const auto one = properties(elu(x, alpha), x, alpha = 1.0);
    REQUIRE(one.kinks.size() == 1);
    CHECK(one.kinks[0].smoothness == 1);
    const auto two = properties(elu(x, alpha), x, alpha = 2.0);
    REQUIRE(two.kinks.size() == 1);
    CHECK(two.kinks[0].smoothness == 0);
    CHECK(std::abs(two.minimum.value + 2) < 1e-9);
    // With α bound only numerically, the facts cannot see α > 0: the sweep says it.
    CHECK(two.monotone == 1);
    CHECK(two.monotone_evidence == evidence::sweep);
}

TEST_CASE("properties: a user's falling step, |x| and x·tanh x") {
    // f′ = 0 everywhere it exists, but f jumps down: not nondecreasing.
    const auto step_down = properties(where(x > c<0>, c<0>, c<1>), x);
    REQUIRE(step_down.kinks.size() == 1);
    CHECK(step_down.kinks[0].smoothness == -1);
    CHECK(step_down.monotone != 1);
    CHECK(step_down.monotone != 2);

    const auto absolute = properties(abs(x), x);
    CHECK(absolute.monotone == 0);
    CHECK(absolute.minimum.value == 0);
    CHECK(absolute.minimum.at == 0);
    REQUIRE(absolute.kinks.size() == 1);
    CHECK(absolute.kinks[0].smoothness == 0);
    CHECK(!absolute.zero_centred);

    // Smooth, even, minimum 0 at the critical point 0, f′ → ±1.
    const auto even = properties(x * tanh(x), x);
    CHECK(even.kinks.empty());
    CHECK(even.minimum.value == 0);
    CHECK(even.minimum.at == 0);
    CHECK(even.slope_limit_below == -1);
    CHECK(even.slope_limit_above == 1);
    CHECK(std::isinf(even.limit_below));
    CHECK(even.limit_below > 0);
    CHECK(std::isnan(even.undefined_at));
}

TEST_CASE("properties: a formula not defined everywhere says where it is not") {
    // log x is undefined for x ≤ 0: the first grid point, −64, is reported,
    // and the analysis does not crash on the NaNs and infinities.
    const auto p = properties(log(x * x), x);
    CHECK(p.undefined_at == 0);  // log 0 = −∞, the only non-finite grid point
    CHECK(p.monotone == 0);
    const auto q = properties(log(x), x);
    CHECK(q.undefined_at == -64);
}

namespace {
// f's one-sided limits at k, and its one-sided slopes by finite differences,
// both extrapolated here from f alone: independent of d() and of the sides.
template <class F>
struct sides_by_differences {
    double left_value, right_value, left_slope, right_slope;
};
template <class F>
sides_by_differences<F> differences(F f, double k) {
    const auto value = [&](double t) { return double(eval(f, at(x = t))); };
    const double h = 1e-5 * std::max(1.0, std::abs(k));
    const auto limit = [&](double side) { return 2 * value(k + side * h) - value(k + side * 2 * h); };
    // Slope from one side: central differences at h and 2h from k, on that
    // side, extrapolated to k.
    const auto central = [&](double t) { return (value(t + h / 4) - value(t - h / 4)) / (h / 2); };
    const auto slope = [&](double side) { return 2 * central(k + side * h) - central(k + side * 2 * h); };
    return {limit(-1), limit(1), slope(-1), slope(1)};
}

template <class F>
void check_sides(F f, int smoothness, evidence how) {
    const auto p = properties(f, x);
    INFO(to_string(f));
    REQUIRE(p.kinks.size() >= 1);
    for (const auto& k : p.kinks) {
        INFO("at " << k.at);
        CHECK(k.smoothness == smoothness);
        CHECK(k.smoothness_evidence == how);
        const auto by_differences = differences(f, k.at);
        CHECK(std::abs(k.left_value - by_differences.left_value) < 1e-6);
        CHECK(std::abs(k.right_value - by_differences.right_value) < 1e-6);
        if (k.smoothness >= 0) {
            CHECK(std::abs(k.left_slope - by_differences.left_slope) < 1e-4);
            CHECK(std::abs(k.right_slope - by_differences.right_slope) < 1e-4);
        }
        // The class agrees with what the differences show.
        if (k.smoothness == -1) CHECK(std::abs(by_differences.left_value - by_differences.right_value) > 1e-3);
        if (k.smoothness == 0) CHECK(std::abs(by_differences.left_slope - by_differences.right_slope) > 1e-3);
        if (k.smoothness == 1) CHECK(std::abs(by_differences.left_slope - by_differences.right_slope) < 1e-4);
    }
}
}  // namespace

TEST_CASE("properties: smoothness at kinks is proved from the sides, and agrees with f's own differences") {
    // The catalog at its defaults, exact constants: every kink is proved.
    check_sides(relu(x), 0, evidence::proof);
    check_sides(hardswish(x), 0, evidence::proof);   // the outer switch of min(max(x + 3, 0), 6) is x = 3
    check_sides(relu6(x), 0, evidence::proof);
    check_sides(hardtanh(x), 0, evidence::proof);
    check_sides(softsign(x), 1, evidence::proof);    // f″ jumps from 2 to −2
    check_sides(where(x > 0_c, x, expm1(x)), 1, evidence::proof);  // ELU at α = 1
    // A user's formulas, not in the catalog.
    check_sides(where(x > c<1, 2>, x * x, x - c<1, 4>), 1, evidence::proof);  // value 1/4, slope 1 on both sides
    check_sides(x * abs(x - 1_c), 0, evidence::proof);
    check_sides(pow(max(2_c * x + 1_c, 0_c), 2_c), 1, evidence::proof);
    check_sides(where(x >= 2_c, c<3>, x), -1, evidence::proof);
    check_sides(step(x) * exp(x), -1, evidence::proof);

    // |x|³ is C² at 0: the switch does not bend f enough to be a kink.
    CHECK(properties(pow(abs(x), 3_c), x).kinks.empty());
}

TEST_CASE("properties: what the sides cannot settle is evaluated or extrapolated, and says so") {
    // SELU's λ and α at their defaults, but as parameters: λα − λ is evaluated.
    check_sides(selu(x), 0, evidence::evaluation);
    // α bound numerically: the jump α − 1 of f′ is an expression, evaluated.
    const auto two = properties(elu(x, alpha), x, alpha = 2.0);
    REQUIRE(two.kinks.size() == 1);
    CHECK(two.kinks[0].smoothness_evidence == evidence::evaluation);
    CHECK(two.kinks[0].left_slope == 2);
    CHECK(two.kinks[0].right_slope == 1);
    // x² > 1 is not linear in x: no exact switch point.
    check_sides(where(x * x > 1_c, x, 0_c), -1, evidence::extrapolation);
    // Two switches meet at 0: each side's judgement would assume the other smooth.
    check_sides(max(x, 0_c) + where(x > 0_c, x * x, 0_c), 0, evidence::extrapolation);
    // 1/x has no value at the switch; it compiles, and is extrapolated.
    const auto singular = properties(where(x > 0_c, 1_c / (x + 1_c), 1_c / x), x);
    REQUIRE(singular.kinks.size() == 1);
    CHECK(singular.kinks[0].smoothness == -1);
    CHECK(singular.kinks[0].smoothness_evidence == evidence::extrapolation);
}
