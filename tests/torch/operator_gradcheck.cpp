// torch_op (kernel/torch.hpp): every catalog activation, and formulas that
// are not in the catalog, as autograd operators, checked in double the way
// torch.autograd.gradcheck checks: the whole Jacobian from the operator's
// backward, row by row, against central differences of its forward, in the
// inputs and in every parameter.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

// libtorch first: glog, which it includes, defines CHECK; Catch's replaces it.
#include <torch/torch.h>
#undef CHECK

#include <catch2/catch.hpp>

#include <actdiff/torch.hpp>

#include "gradcheck.hpp"

namespace {
using namespace actdiff;
using torch_test::gradcheck;
using torch_test::gradgradcheck;
using torch_test::sample;
constexpr auto x = var<"x">;
constexpr auto a = var<"a">;
constexpr auto b = var<"b">;

// The operator's backward, and its backward's backward (double backward:
// the second derivatives in x and each parameter, and mixed ones).
template <class Op, class... Parameters>
void check_activation(const Op& op, Parameters... parameters) {
    INFO("operator " << op.name());
    const std::vector<torch::Tensor> arguments{sample({3, 4}, 0), torch::scalar_tensor(parameters, torch::kFloat64).requires_grad_(true)...};
    const auto call = [&]<std::size_t... I>(std::index_sequence<I...>) {
        return [&](const std::vector<torch::Tensor>& t) { return op(t[I]...); };
    }(std::make_index_sequence<1 + sizeof...(Parameters)>{});
    CHECK(gradcheck(call, arguments));
    CHECK(gradgradcheck(call, arguments, sample({3, 4}, 5)));
}
}  // namespace

TEST_CASE("gradcheck: every one-input catalog activation", "[torch][gradcheck]") {
    check_activation(torch_op(kernel(threshold(x), x), "threshold"));
    check_activation(torch_op(kernel(sigmoid(x), x), "sigmoid"));
    check_activation(torch_op(kernel(tanh(x), x), "tanh"));
    check_activation(torch_op(kernel(relu(x), x), "relu"));
    check_activation(torch_op(kernel(relu6(x), x), "relu6"));
    check_activation(torch_op(kernel(leaky_relu(x), x), "leaky_relu"));
    check_activation(torch_op(kernel(selu(x), x), "selu"));
    check_activation(torch_op(kernel(gelu(x), x), "gelu"));
    check_activation(torch_op(kernel(gelu_tanh(x), x), "gelu_tanh"));
    check_activation(torch_op(kernel(gelu_sigmoid(x), x), "gelu_sigmoid"));
    check_activation(torch_op(kernel(silu(x), x), "silu"));
    check_activation(torch_op(kernel(mish(x), x), "mish"));
    check_activation(torch_op(kernel(softsign(x), x), "softsign"));
    check_activation(torch_op(kernel(hardtanh(x), x), "hardtanh"));
    check_activation(torch_op(kernel(hardsigmoid(x), x), "hardsigmoid"));
    check_activation(torch_op(kernel(hardswish(x), x), "hardswish"));
    check_activation(torch_op(kernel(log_sigmoid(x), x), "log_sigmoid"));
}

TEST_CASE("gradcheck: catalog activations with learnable parameters, in x and in each parameter", "[torch][gradcheck]") {
    constexpr auto w = param<"w">;
    constexpr auto alpha = param<"alpha">;
    constexpr auto beta = param<"beta">;
    constexpr auto frequency = param<"a">;
    constexpr auto slope = param<"negative_slope">;
    constexpr auto low = param<"min_val">;
    constexpr auto high = param<"max_val">;
    constexpr auto level = param<"threshold">;
    check_activation(torch_op(kernel(prelu(x, w), x), "prelu"), 0.3);
    check_activation(torch_op(kernel(leaky_relu(x, slope), x), "leaky_relu"), 0.07);
    check_activation(torch_op(kernel(elu(x, alpha), x), "elu"), 1.3);
    check_activation(torch_op(kernel(celu(x, alpha), x), "celu"), 0.8);
    check_activation(torch_op(kernel(swish(x, beta), x), "swish"), 1.7);
    check_activation(torch_op(kernel(softplus(x, beta), x), "softplus"), 2.5);
    check_activation(torch_op(kernel(snake(x, frequency), x), "snake"), 0.9);
    check_activation(torch_op(kernel(hardtanh(x, low, high), x), "hardtanh"), -1.5, 2.0);
    check_activation(torch_op(kernel(threshold(x, level), x), "threshold"), 0.6);
}

TEST_CASE("gradcheck: gated units, in both inputs", "[torch][gradcheck]") {
    const auto check = [](const auto& op) {
        INFO("operator " << op.name());
        const auto call = [&](const std::vector<torch::Tensor>& t) { return op(t[0], t[1]); };
        CHECK(gradcheck(call, {sample({2, 5}, 0), sample({2, 5}, 1)}));
        CHECK(gradgradcheck(call, {sample({2, 5}, 0), sample({2, 5}, 1)}, sample({2, 5}, 2)));
    };
    check(torch_op(kernel(glu(a, b), a, b), "glu"));
    check(torch_op(kernel(swiglu(a, b), a, b), "swiglu"));
    check(torch_op(kernel(geglu(a, b), a, b), "geglu"));
}

TEST_CASE("gradcheck: formulas from the literature that are not in the catalog", "[torch][gradcheck][user]") {
    // TanhExp (Liu & Di 2020): x·tanh(eˣ).
    check_activation(torch_op(kernel(x * tanh(exp(x)), x), "tanhexp"));
    // ACON-C (Ma et al. 2021): (p₁ − p₂)x·σ(β(p₁ − p₂)x) + p₂x, three learnable parameters.
    constexpr auto p1 = param<"p1">;
    constexpr auto p2 = param<"p2">;
    constexpr auto beta = param<"beta">;
    const auto acon = torch_op(kernel((p1 - p2) * x * sigmoid(beta * (p1 - p2) * x) + p2 * x, x), "acon_c");
    CHECK(acon.parameter_count == 3);
    check_activation(acon, 1.2, 0.3, 0.8);
    // Serf (Nag et al. 2023): x·erf(ln(1 + eˣ)), through softplus.
    check_activation(torch_op(kernel(x * erf(log(1_c + exp(x))), x), "serf"));
}

TEST_CASE("gradcheck: softmax and log_softmax along each dimension", "[torch][gradcheck][softmax]") {
    for (std::int64_t dim : {0, 1, -1}) {
        INFO("dim " << dim);
        const auto soft = torch_op(softmax_kernel);
        const auto log_soft = torch_op(log_softmax_kernel);
        CHECK(gradcheck([&](const std::vector<torch::Tensor>& t) { return soft(t[0], dim); }, {sample({3, 5}, 2)}));
        CHECK(gradcheck([&](const std::vector<torch::Tensor>& t) { return log_soft(t[0], dim); }, {sample({3, 5}, 3)}));
    }
}

TEST_CASE("double backward: third derivatives with torch_op<2>, and a backward that is not differentiable at 0", "[torch][gradcheck][double]") {
    // A physics-informed network differentiates f' again to train: with
    // Orders = 2 the second derivatives are themselves differentiable.
    const auto tanh2 = torch_op<2>(kernel(tanh(x), x), "tanh");
    const torch::Tensor input = sample({6}, 6);
    const torch::Tensor reference_input = input.detach().clone().requires_grad_(true);
    const auto third = [](const torch::Tensor& y, const torch::Tensor& at) {
        const auto g1 = torch::autograd::grad({y.sum()}, {at}, {}, true, true)[0];
        const auto g2 = torch::autograd::grad({g1.sum()}, {at}, {}, true, true)[0];
        return torch::autograd::grad({g2.sum()}, {at})[0];
    };
    CHECK(torch::allclose(third(tanh2(input), input), third(torch::tanh(reference_input), reference_input), 1e-12, 1e-14));

    // torch_op<0>: a second backward sees no dependence on x, as before.
    const auto once = torch_op<0>(kernel(tanh(x), x), "tanh");
    const auto g = torch::autograd::grad({once(input).sum()}, {input}, {}, true, true)[0];
    CHECK_FALSE(g.requires_grad());
}

TEST_CASE("gradcheck itself fails on a wrong gradient", "[torch][gradcheck]") {
    // x − x.detach() is 0 in value and 1 in gradient: the backward is off by 0.01.
    const auto op = torch_op(kernel(sigmoid(x), x), "sigmoid");
    const auto wrong = [&](const std::vector<torch::Tensor>& t) { return op(t[0]) + 0.01 * (t[0] - t[0].detach()); };
    CHECK_FALSE(gradcheck(wrong, {sample({2, 3}, 4)}));
    // and gradgradcheck on a wrong second derivative: (x − x.detach())² is
    // 0 in value and in gradient, and 2 in second derivative.
    const auto wrong_second = [&](const std::vector<torch::Tensor>& t) {
        const torch::Tensor d = t[0] - t[0].detach();
        return op(t[0]) + 0.005 * (d * d);
    };
    CHECK(gradcheck(wrong_second, {sample({2, 3}, 4)}));
    CHECK_FALSE(gradgradcheck(wrong_second, {sample({2, 3}, 4)}, sample({2, 3}, 5)));
}
