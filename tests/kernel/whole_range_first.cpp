// The first half of the catalog's kernels over the whole float and double
// ranges (see whole_range.hpp), and the edge values the kernels must get exactly.
#include "whole_range.hpp"

using namespace whole_range_test;

TEST_CASE("no NaN but for NaN, no overflow where the value fits: float, first half", "[kernel][numerics]") {
    check_catalog<float, 0, half>();
}

TEST_CASE("no NaN but for NaN, no overflow where the value fits: double, first half", "[kernel][numerics]") {
    check_catalog<double, 0, half>();
}

TEST_CASE("the values the issue names, at the edges", "[kernel][numerics]") {
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<float> edges{-inf, -1000.0f, -100.0f, -0.0f, 0.0f, 100.0f, inf, std::nanf("")};
    const auto forward = [&](auto f) {
        std::vector<float> ys(edges.size());
        kernel(f, x).forward(edges, ys);
        return ys;
    };
    const auto silu_ys = forward(silu(x));
    CHECK(silu_ys[0] == 0.0f);
    CHECK(std::signbit(silu_ys[0]));  // silu(−∞) = −0
    CHECK(silu_ys[6] == inf);
    CHECK(std::isnan(silu_ys[7]));
    const auto softplus_ys = forward(softplus(x));
    CHECK(softplus_ys[5] == 100.0f);
    CHECK(softplus_ys[0] == 0.0f);
    CHECK(softplus_ys[6] == inf);
    const auto sigmoid_ys = forward(sigmoid(x));
    CHECK(sigmoid_ys[1] == 0.0f);
    CHECK(sigmoid_ys[2] == Approx(3.7200759760208356e-44).epsilon(0.05));  // subnormal, not flushed
    CHECK(sigmoid_ys[0] == 0.0f);
    CHECK(sigmoid_ys[6] == 1.0f);
    const auto tanh_ys = forward(tanh(x));
    CHECK(tanh_ys[0] == -1.0f);
    CHECK(tanh_ys[6] == 1.0f);
    const auto relu_ys = forward(relu(x));
    CHECK(std::isnan(relu_ys[7]));  // NaN in, NaN out (PyTorch's relu too)
    CHECK(relu_ys[6] == inf);
    const auto gelu_ys = forward(gelu(x));
    CHECK(gelu_ys[0] == 0.0f);
    const auto mish_ys = forward(mish(x));
    CHECK(mish_ys[0] == 0.0f);
}
