// The second eight activations from the literature (see literature.hpp).
#include <numbers>

#include "literature.hpp"

using namespace literature_test;

namespace {
template <class T>
void second_half() {
    constexpr long double half_pi = std::numbers::pi_v<long double> / 2;
    check<T>("Smish", x * tanh(log(1_c + sigmoid(x))), {0, inf, 0, 0.6L}, true, everywhere);
    check<T>("ELiSH", where(x >= 0_c, x * sigmoid(x), (exp(x) - 1_c) * sigmoid(x)), {0, inf, 0, 1}, true, everywhere);
    check<T>("QuickGELU", x * sigmoid(c<1702, 1000> * x), {0, inf, 0, 1}, true, everywhere);
    check<T>("Mish with a slope, x tanh(softplus(beta x))", x * tanh(softplus(beta * x)), {0, inf, 0, 1}, true, everywhere,
             with(beta, 1.5));
    // Snake' = 1 + sin(2ax) has no limit at ±∞, and cancels in T near its zeros.
    check<T>("Snake", x + pow(sin(a * x), 2_c) / a, {-inf, inf, no_limit, no_limit}, false, everywhere, with(a, 1.0));
    check<T>("arctan", atan(x), {-half_pi, half_pi, 0, 0}, true, everywhere);
    check<T>("SiLU as x/(1 + e^-x)", x / (1_c + exp(-x)), {0, inf, 0, 1}, true, everywhere);
    check<T>("softsign as x/(1 + |x|)", x / (1_c + abs(x)), {-1, 1, 0, 0}, true, everywhere);
    check<T>("swish + alpha x", x * sigmoid(beta * x) + alpha * x, {-inf, inf, 0.1L, 1.1L}, true, everywhere, with(beta, 1.0),
             with(alpha, 0.1));
}
}  // namespace

TEST_CASE("the kernel contract for activations from the literature, float, second half", "[kernel][numerics][literature]") {
    second_half<float>();
}
TEST_CASE("the kernel contract for activations from the literature, double, second half", "[kernel][numerics][literature]") {
    second_half<double>();
}
