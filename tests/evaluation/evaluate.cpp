// Evaluation: value types follow the bindings, user types work through
// argument-dependent lookup, at(...) environments, and the numbers agree
// with a direct computation.
#include <cmath>
#include <type_traits>

#include "../support.hpp"

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto alpha = param<"alpha">;
}  // namespace

// A user number type: every math function is its own, found by ADL, and
// counted, so the test sees the evaluator really calls them.
namespace user {
struct number {
    double v;
    explicit constexpr number(double value) : v(value) {}
};
inline int calls = 0;
inline number operator+(number a, number b) { return number(a.v + b.v); }
inline number operator-(number a) { return number(-a.v); }
inline number operator*(number a, number b) { return number(a.v * b.v); }
inline number operator/(number a, number b) { return number(a.v / b.v); }
inline bool operator>(number a, number b) { return a.v > b.v; }
inline bool operator<(number a, number b) { return a.v < b.v; }
inline number exp(number a) { return ++calls, number(std::exp(a.v)); }
inline number log(number a) { return ++calls, number(std::log(a.v)); }
inline number tanh(number a) { return ++calls, number(std::tanh(a.v)); }
inline number erf(number a) { return ++calls, number(std::erf(a.v)); }
inline number log1p(number a) { return ++calls, number(std::log1p(a.v)); }
inline number abs(number a) { return ++calls, number(std::abs(a.v)); }
inline number sqrt(number a) { return ++calls, number(std::sqrt(a.v)); }
}  // namespace user

TEST_CASE("the value type follows the bindings", "[evaluate]") {
    const auto f = x * sigmoid(alpha * x);
    STATIC_REQUIRE(std::is_same_v<decltype(eval(f, x = 0.5f, alpha = 1.0f)), float>);
    STATIC_REQUIRE(std::is_same_v<decltype(eval(f, x = 0.5, alpha = 1.0)), double>);
    STATIC_REQUIRE(std::is_same_v<decltype(eval(f, x = 0.5f, alpha = 1.0)), double>);
    STATIC_REQUIRE(std::is_same_v<decltype(eval(f, x = 1, alpha = 2)), double>);
    STATIC_REQUIRE(std::is_same_v<decltype(eval(f, x = 0.5L, alpha = 1.0L)), long double>);
    STATIC_REQUIRE(std::is_same_v<decltype(f(x = 0.5f, alpha = 1.0f)), float>);

    const double direct = 0.5 / (1 + std::exp(-0.5));
    CHECK(eval(f, x = 0.5, alpha = 1.0) == Approx(direct).epsilon(1e-15));
    CHECK(eval(f, x = 1, alpha = 1) == Approx(1 / (1 + std::exp(-1.0))).epsilon(1e-15));
    CHECK(f(x = 0.5f, alpha = 1.0f) == Approx(static_cast<float>(direct)).epsilon(1e-6));
    CHECK(eval(f, x = 0.5L, alpha = 1.0L) == Approx(direct).epsilon(1e-15));
}

TEST_CASE("bindings may come in any order, and at(...) may hold unused ones", "[evaluate]") {
    const auto df = d(x * sigmoid(alpha * x), x);
    CHECK(eval(df, x = 0.5, alpha = 2.0) == eval(df, alpha = 2.0, x = 0.5));
    const auto env = at(x = 0.5, alpha = 2.0, param<"unused"> = 3.0);
    CHECK(eval(df, env) == eval(df, x = 0.5, alpha = 2.0));
    CHECK(eval(d(relu(x), x), env) == 1.0);
}

TEST_CASE("constants evaluate to full precision in each type", "[evaluate]") {
    CHECK(eval(pi) == M_PI);
    CHECK(eval(e) == M_E);
    CHECK(eval(pi * x, x = 1.0f) == static_cast<float>(M_PI));
    CHECK(eval(selu_lambda) == 1.0507009873554805);
    CHECK(eval(selu_alpha) == 1.6732632423543772);
    CHECK(eval(selu_lambda * x, x = 1.0f) == 1.05070102214813232421875f);
    CHECK(eval(0.044715_c) == 0.044715);
    CHECK(eval(c<1, 3> * x, x = 1.0f) == 1.0f / 3.0f);
    CHECK(eval(constant<"big", "123456789012345678901234.5">) == 123456789012345678901234.5);
}

TEST_CASE("powers: integer, square-root and general exponents", "[evaluate]") {
    CHECK(eval(pow(x, 3_c), x = -2.0) == -8.0);
    CHECK(eval(pow(x, c<-2>), x = 4.0) == 0.0625);
    CHECK(eval(sqrt(x), x = 2.0) == std::sqrt(2.0));
    CHECK(eval(pow(x, c<3, 2>), x = 4.0) == 8.0);
    CHECK(eval(pow(x, c<1, 3>), x = 8.0) == Approx(2.0).epsilon(1e-15));
}

TEST_CASE("piecewise: where evaluates only the branch it takes", "[evaluate]") {
    // For x = 1000 the negative branch of ELU would overflow; it is not evaluated.
    CHECK(eval(elu(x), x = 1000.0) == 1000.0);
    CHECK(eval(d(elu(x), x), x = 1000.0) == 1.0);
    CHECK(eval(elu(x), x = -1000.0) == -1.0);
    CHECK(eval(sigmoid(x), x = -1000.0) == 0.0);
    CHECK(eval(sigmoid(x), x = 1000.0) == 1.0);
    CHECK(eval(tanh(x), x = INFINITY) == 1.0);
}

TEST_CASE("a user-defined number type, with math found by ADL", "[evaluate]") {
    user::calls = 0;
    const user::number v = eval(d(x * sigmoid(alpha * x), x), x = user::number(0.5), alpha = user::number(1.0));
    CHECK(v.v == Approx(eval(d(x * sigmoid(alpha * x), x), x = 0.5, alpha = 1.0)).epsilon(1e-15));
    // One exp per σ(α·x) in σ(αx)·(1 + αx·(1 − σ(αx))): the plain evaluator does not share them.
    CHECK(user::calls == 2);
    CHECK(eval(mish(x) + gelu(x) + softsign(x), x = user::number(0.3)).v ==
          Approx(eval(mish(x) + gelu(x) + softsign(x), x = 0.3)).epsilon(1e-15));
}

TEST_CASE("formulas without transcendental functions evaluate at compile time", "[evaluate][constexpr]") {
    STATIC_REQUIRE(eval(d(x * x, x), x = 3.0) == 6.0);
    STATIC_REQUIRE(eval(d(relu(x), x), x = 0.0) == 0.0);
    STATIC_REQUIRE(eval(d(leaky_relu(x), x), x = -1.0) == 0.01);
    STATIC_REQUIRE(eval(d(hardswish(x), x), x = 1.5) == 1.0);
    STATIC_REQUIRE(eval(d(pow(x, 3_c) / (1_c + x * x), x), x = 1.0) == 1.0);
    STATIC_REQUIRE(eval(c<1, 2>) == 0.5);
}

TEST_CASE("bindings of symbols the expression does not use are accepted", "[evaluate]") {
    constexpr auto a = var<"a">;
    constexpr auto b = var<"b">;
    // d(glu(a, b), a) = σ(b): it no longer uses a, and a gradient loop binds a anyway.
    const double by_hand = 1.0 / (1.0 + std::exp(-2.0));
    CHECK(eval(d(glu(a, b), a), a = 1.0, b = 2.0) == Approx(by_hand).epsilon(1e-15));
    CHECK(d(glu(a, b), a)(a = 1.0, b = 2.0) == Approx(by_hand).epsilon(1e-15));
    CHECK(eval(x * x, x = 3.0, alpha = 100.0) == 9.0);
    // The value type still follows every binding given.
    STATIC_REQUIRE(std::is_same_v<decltype(eval(x * x, x = 3.0f, alpha = 1.0f)), float>);
    static_assert(eval(2_c * x, x = 0.25, alpha = 7.0) == 0.5);
}

TEST_CASE("a quotient divides once, its first non-constant factor first", "[evaluate]") {
    // x/(1 + |x|) rounds once, as the hand-written quotient does; x·(1/(1 + |x|)),
    // the product as written, rounds twice and differs at many of these inputs.
    int differs = 0;
    std::vector<float> inputs;
    for (int i = -5000; i < 5000; ++i) inputs.push_back(float(i) * 0.0137f);
    for (const float v : inputs) {
        const float once = v / (1.0f + std::abs(v));
        CHECK(eval(x / (1_c + abs(x)), x = v) == once);
        CHECK(eval(x / sqrt(x * x + 4_c), x = v) == v / std::sqrt(v * v + 4.0f));
        if (v * (1.0f / (1.0f + std::abs(v))) != once) ++differs;
    }
    CHECK(differs > 1000);
    // The kernel's SIMD loop and tail read the same statement of a product's value.
    std::vector<float> ys(inputs.size());
    kernel(x / (1_c + abs(x)), x).forward(inputs, ys);
    for (std::size_t i = 0; i < inputs.size(); ++i) CHECK(ys[i] == inputs[i] / (1.0f + std::abs(inputs[i])));
    // x·y/z is (x/z)·y: finite where x·y overflows.
    constexpr auto y = var<"y">;
    constexpr auto z = var<"z">;
    const float big = std::ldexp(1.0f, 100), bigger = std::ldexp(1.0f, 110), divisor = std::ldexp(1.0f, 105);
    const float exact = std::ldexp(1.0f, 105);  // 2^(100 + 110 − 105)
    CHECK(eval(x * y / z, x = big, y = bigger, z = divisor) == exact);
    CHECK(eval(y / z * x, x = big, y = bigger, z = divisor) == exact);
    CHECK(std::isinf(big * bigger));
    // A constant goes first: (3·x)/(1 + x²).
    static_assert(eval(c<3> * x / (1_c + x * x), x = 0.7) == 3.0 * 0.7 / (1.0 + 0.7 * 0.7));
}
