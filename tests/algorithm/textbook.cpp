// textbook(f) against f itself: the same values at points across the line
// (eval of both, at kinks too), and the forms an author writes, derived by
// hand: SiLU″ = σ(1 − σ)(2 + x(1 − 2σ)) (expand σ(1 + (1 − σ)(1 + x(1 − σ))
// − σ − xσ(1 − σ)) and divide by 1 − σ); Swish″ = βσ(1 − σ)(2 + βx(1 − 2σ))
// with σ = σ(βx), the same steps; hardtanh′ = 1 on (lo, hi), 0 elsewhere.
#include "../support.hpp"

#include <cmath>

#include <actdiff/algorithm/textbook.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;

constexpr auto beta = param<"beta">;
constexpr auto lo = param<"lo">;
constexpr auto hi = param<"hi">;

template <class F>
void same_values(F f) {
    const auto g = textbook(f);
    for (double t = -8; t <= 8; t += 0.25) {
        const double want = eval(f, at(x = t, beta = 1.5, lo = -1.0, hi = 2.0)), got = eval(g, at(x = t, beta = 1.5, lo = -1.0, hi = 2.0));
        INFO(to_string(f) << " -> " << to_string(g) << " at " << t);
        CHECK(std::abs(got - want) <= 1e-12 * (1 + std::abs(want)));
    }
}
}  // namespace

TEST_CASE("textbook: SiLU″ with the factor 1 − σ an author writes", "[textbook]") {
    const auto second = d(d(x * sigmoid(x), x), x);
    CHECK(to_string(textbook(second)) == "σ(x)·(1 − σ(x))·(2 + x·(1 − 2·σ(x)))");
    same_values(second);
    // By hand: σ(1 − σ)(2 + x(1 − 2σ)).
    for (double t = -6; t <= 6; t += 0.5) {
        const double s = 1 / (1 + std::exp(-t));
        CHECK(std::abs(double(eval(textbook(second), at(x = t))) - s * (1 - s) * (2 + t * (1 - 2 * s))) < 1e-14);
    }
}

TEST_CASE("textbook: forms that already read as an author's stay", "[textbook]") {
    // 1 − tanh² is not split into (1 + tanh)(1 − tanh), nor 1 − 2σ touched.
    CHECK(to_string(textbook(d(d(tanh(x), x), x))) == to_string(d(d(tanh(x), x), x)));
    CHECK(to_string(textbook(d(d(sigmoid(x), x), x))) == to_string(d(d(sigmoid(x), x), x)));
    same_values(d(d(mish(x), x), x));
    same_values(d(d(gelu_sigmoid(x), x), x));
    same_values(d(d(x * tanh(x), x), x));
}

TEST_CASE("textbook: Swish″ collected by powers of x, β taken out of x's coefficient", "[textbook]") {
    const auto second = d(d(x * sigmoid(beta * x), x), x);
    CHECK(to_string(textbook(second)) == "σ(β·x)·(1 − σ(β·x))·(2·β + β²·x·(1 − 2·σ(β·x)))");
    same_values(second);
    for (double t = -6; t <= 6; t += 0.5) {
        const double b = 1.5, s = 1 / (1 + std::exp(-b * t));
        CHECK(std::abs(double(eval(textbook(second), at(x = t, beta = b))) - b * s * (1 - s) * (2 + b * t * (1 - 2 * s))) < 1e-14);
    }
    // A rational content is taken out when it divides every coefficient: QuickGELU″.
    CHECK(to_string(textbook(d(d(x * sigmoid(1.702_c * x), x), x))) ==
          "σ(1.702·x)·(1 − σ(1.702·x))·(3.404 + 2.896804·x·(1 − 2·σ(1.702·x)))");
    // Expansion never reaches into a call: GELU-tanh′ is left as d() writes it.
    CHECK(to_string(textbook(d(gelu_tanh(x), x))) == to_string(d(gelu_tanh(x), x)));
}

TEST_CASE("textbook: a max in a condition split into pieces (hardtanh′)", "[textbook]") {
    const auto slope = d(hardtanh(x, lo, hi), x);
    CHECK(to_string(slope) == "where(max(x, lo) < hi, where(x > lo, 1, 0), 0)");
    CHECK(to_string(textbook(slope)) == "where(x > lo, where(x < hi, 1, 0), 0)");
    same_values(slope);
    same_values(d(hardtanh(x, lo, hi), lo));
    same_values(d(hardtanh(x, lo, hi), hi));
    // At the kinks themselves, lo = −1 and hi = 2, the values are PyTorch's and unchanged.
    for (double t : {-1.0, 2.0}) {
        CHECK(eval(textbook(slope), at(x = t, lo = -1.0, hi = 2.0)) == eval(slope, at(x = t, lo = -1.0, hi = 2.0)));
    }
    // Formulas outside the catalog: a clamp of a smooth function, a min in a
    // where condition, and a max of two calls.
    same_values(d(min(max(x * tanh(x), lo), hi), x));
    same_values(d(where(min(x, 1_c) > lo, x * x, sigmoid(x)), x));
    same_values(d(d(max(sigmoid(x), tanh(x)) * x, x), x));
}

TEST_CASE("textbook: a parameter's constraint assumed, hardtanh's lo < hi", "[textbook]") {
    const auto by_lo = d(hardtanh(x, lo, hi), lo);
    // Without the constraint the pieces must still ask whether lo < hi.
    CHECK(to_string(textbook(by_lo)) == "where(x > lo, 0, where(lo < hi, 1, 0))");
    // With it, as by hand: the clamp takes lo exactly where x ≤ lo.
    CHECK(to_string(textbook(by_lo, lo < hi)) == "where(x > lo, 0, 1)");
    for (double t = -4; t <= 4; t += 0.25) {
        for (auto [l, h] : {std::pair{-1.0, 2.0}, std::pair{0.5, 0.75}}) {
            const auto env = at(x = t, lo = l, hi = h);
            CHECK(eval(textbook(by_lo, lo < hi), env) == eval(by_lo, env));
            CHECK(eval(textbook(by_lo, lo < hi), env) == (t <= l ? 1.0 : 0.0));
        }
    }
    // ∂/∂hi: max(x, lo) < hi is settled as x < hi; by hand, 1 where x ≥ hi.
    const auto by_hi = d(hardtanh(x, lo, hi), hi);
    CHECK(to_string(textbook(by_hi)) == "where(max(x, lo) < hi, 0, 1)");
    CHECK(to_string(textbook(by_hi, lo < hi)) == "where(x < hi, 0, 1)");
    for (double t = -4; t <= 4; t += 0.25) {
        CHECK(eval(textbook(by_hi, lo < hi), at(x = t, lo = -1.0, hi = 2.0)) == (t >= 2.0 ? 1.0 : 0.0));
    }
    // Outside the catalog: a min bounded below, min(x, hi) > lo, is x > lo.
    const auto gated = where(min(x, hi) > lo, x * x, 0_c);
    CHECK(to_string(textbook(gated, lo < hi)) == "where(x > lo, x², 0)");
    // An assumption about something else changes nothing.
    CHECK(to_string(textbook(by_lo, x < hi)) == to_string(textbook(by_lo)));
}
