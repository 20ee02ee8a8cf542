// The first eight activations from the literature (see literature.hpp).
#include "literature.hpp"

using namespace literature_test;

namespace {
template <class T>
void first_half() {
    // x + √(x² + b) would cancel for x < 0, in long double too: the reference
    // is the conjugate b/(√(x² + b) − x) there, written by hand; the kernel
    // finds it itself (docs/kernels.md).
    constexpr auto root = sqrt(x * x + b);
    constexpr auto squareplus_by_hand = where(x >= 0_c, (x + root) / 2_c, b / (2_c * (root - x)));
    constexpr auto squareplus_derivative_by_hand = where(x >= 0_c, (1_c + x / root) / 2_c, b / (2_c * root * (root - x)));
    check<T, detail::list<std::remove_const_t<decltype(squareplus_by_hand)>,
                          std::remove_const_t<decltype(squareplus_derivative_by_hand)>>>(
        "squareplus", (x + sqrt(x * x + b)) / 2_c, {0, inf, 0, 1}, true, everywhere, with(b, 4.0));
    check<T>("squared ReLU", pow(relu(x), 2_c), {0, inf, 0, inf}, true, everywhere);
    check<T>("bent identity", (sqrt(x * x + 1_c) - 1_c) / 2_c + x, {-inf, inf, 0.5L, 1.5L}, true, everywhere);
    check<T>("ISRU", x / sqrt(1_c + a * x * x), {-1, 1, 0, 0}, true, everywhere, with(a, 1.0));
    check<T>("Gaussian", exp(-x * x), {0, 0, 0, 0}, true, everywhere);
    check<T>("TanhExp", x * tanh(exp(x)), {0, inf, 0, 1}, true, everywhere);
    check<T>("Mish as written, x tanh(log(1 + e^x))", x * tanh(log(1_c + exp(x))), {0, inf, 0, 1}, true, everywhere);
    check<T>("Serf", x * erf(log(1_c + exp(x))), {0, inf, 0, 1}, true, everywhere);
    check<T>("log-sigmoid", log(sigmoid(x)), {-inf, 0, 1, 0}, true, everywhere);
}
}  // namespace

TEST_CASE("the kernel contract for activations from the literature, float, first half", "[kernel][numerics][literature]") {
    first_half<float>();
}
TEST_CASE("the kernel contract for activations from the literature, double, first half", "[kernel][numerics][literature]") {
    first_half<double>();
}
