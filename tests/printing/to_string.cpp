// Readable text: golden strings, written by hand.
#include "../support.hpp"

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto alpha = param<"alpha">;
}  // namespace

TEST_CASE("symbols, constants and Greek names", "[to_string]") {
    CHECK(to_string(x) == "x");
    CHECK(to_string(alpha) == "α");
    CHECK(to_string(param<"beta"> * x) == "β·x");
    CHECK(to_string(selu_lambda) == "λ₀₁");
    CHECK(to_string(pi) == "π");
    CHECK(to_string(0.044715_c) == "0.044715");
    CHECK(to_string(c<1, 2>) == "1/2");
    CHECK(to_string(c<-3>) == "−3");
    CHECK(to_string(param<"my_rate">) == "my_rate");
}

TEST_CASE("sums print subtraction, products print division", "[to_string]") {
    CHECK(to_string(1_c - sigmoid(x)) == "1 − σ(x)");
    CHECK(to_string(exp(x) - 1_c) == "e^x − 1");
    CHECK(to_string(d(sigmoid(x), x)) == "σ(x)·(1 − σ(x))");
    CHECK(to_string(x / (1_c + abs(x))) == "x/(1 + |x|)");
    CHECK(to_string(-x) == "−x");
    CHECK(to_string(c<-3, 2> * x) == "−3·x/2");
    CHECK(to_string(1_c / (x * alpha)) == "1/(α·x)");  // canonical order: α before x
    CHECK(to_string(gelu(x)) == "x·(1 + erf(x/√2))/2");
    CHECK(to_string(x - 2_c * x) == "−x");
}

TEST_CASE("powers print as superscripts and roots", "[to_string]") {
    CHECK(to_string(x * x) == "x²");
    CHECK(to_string(pow(1_c + x, 3_c)) == "(1 + x)³");
    CHECK(to_string(sqrt(x)) == "√x");
    CHECK(to_string(pow(x, c<2, 3>)) == "x^(2/3)");
    CHECK(to_string(d_raw(pow(1_c + exp(-x), c<-1>), x)) == "e^(−x)/(1 + e^(−x))²");
    CHECK(to_string(d(pow(1_c + exp(-x), c<-1>), x)) == "σ(x)·(1 − σ(x))");
    // e^u is spelled as a power, so its own power takes parentheses.
    CHECK(to_string(pow(exp(-x), 2_c)) == "(e^(−x))²");
    CHECK(to_string(pow(sigmoid(x), 2_c)) == "σ(x)²");
}

TEST_CASE("piecewise forms", "[to_string]") {
    CHECK(to_string(relu(x)) == "max(x, 0)");
    CHECK(to_string(d(relu(x), x)) == "where(x > 0, 1, 0)");
    CHECK(to_string(leaky_relu(x)) == "where(x > 0, x, 0.01·x)");
    CHECK(to_string(x <= 1_c) == "x ≤ 1");
}
