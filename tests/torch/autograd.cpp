// The generated kernels against libtorch (Debian's libtorch-dev): forward
// values against PyTorch's functions, and every gradient (inputs, and the
// learnable parameters of PReLU and Swish) against PyTorch's autograd, in
// double, on the catalog's kinks and tails and a sweep of [−20, 20]. Built
// only where find_package(Torch) succeeds.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <vector>

// libtorch first: glog, which it includes, defines CHECK; Catch's replaces it.
#include <torch/torch.h>
#undef CHECK

#include <catch2/catch.hpp>

#include <actdiff/actdiff.hpp>
#include <actdiff/kernel/elementwise.hpp>
#include <actdiff/kernel/softmax.hpp>

#include "../support.hpp"

namespace {
using namespace actdiff;
constexpr auto x = var<"x">;
constexpr auto a = var<"a">;
constexpr auto b = var<"b">;

std::vector<double> points() {
    std::vector<double> out = test_support::catalog_points;
    for (int i = -2000; i <= 2000; ++i) out.push_back(i / 100.0);
    return out;
}

torch::Tensor tensor_of(const std::vector<double>& values, bool requires_grad) {
    return torch::tensor(values, torch::dtype(torch::kFloat64)).requires_grad_(requires_grad);
}

std::vector<double> values_of(const torch::Tensor& t) {
    const torch::Tensor c = t.contiguous();
    return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}

bool agree(double ours, double theirs, double slack, double relative = 1e-13) {
    if (std::isnan(theirs)) return std::isnan(ours);
    const double scale = std::max({std::abs(ours), std::abs(theirs), 1.0});
    return std::abs(ours - theirs) <= relative * scale + slack;
}

// Where Debian's PyTorch 1.13 differs on purpose or by its age.
struct differences {
    double slack = 0;                      // softplus: x above βx > 20, off by up to e^−20
    double gradient_relative = 1e-13;      // hardsigmoid: 1.13's backward multiplies by the float 1/6
    std::vector<double> old_kinks = {};    // hardswish: 1.13 has −0.5 at −3 and 1.5 at 3; current main 0 and 1
};

// f against PyTorch's op: y, and dL/dx for L = Σ g·y through autograd.
template <class F, class Op>
void single_input(F f, Op op, differences known = {}) {
    const double slack = known.slack;
    const std::vector<double> xs = points();
    std::vector<double> gys(xs.size()), ys(xs.size()), gxs(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) gys[i] = 0.75 + double(i % 5) / 8;
    kernel(f, x).forward_backward(xs, gys, ys, gxs);

    torch::Tensor input = tensor_of(xs, true);
    torch::Tensor output = op(input);
    output.backward(tensor_of(gys, false));
    const std::vector<double> torch_ys = values_of(output.detach()), torch_gxs = values_of(input.grad());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        INFO(std::setprecision(17) << to_string(f) << " at " << xs[i] << ": y " << ys[i] << " vs " << torch_ys[i] << ", gx " << gxs[i] << " vs "
                          << torch_gxs[i]);
        CHECK(agree(ys[i], torch_ys[i], slack));
        if (std::find(known.old_kinks.begin(), known.old_kinks.end(), xs[i]) != known.old_kinks.end()) continue;
        CHECK(agree(gxs[i], torch_gxs[i], slack, known.gradient_relative));
    }
}

// A gated unit f(a, b) against PyTorch: both gradients.
template <class F, class Op>
void gated(F f, Op op) {
    std::vector<double> as, bs;
    for (int i = -40; i <= 40; ++i) {
        for (int j = -40; j <= 40; j += 4) {
            as.push_back(i / 4.0);
            bs.push_back(j / 4.0);
        }
    }
    const std::size_t n = as.size();
    std::vector<double> gys(n, 1.25), ys(n), gas(n), gbs(n);
    kernel(f, a, b).forward_backward(as, bs, gys, ys, gas, gbs);
    torch::Tensor ta = tensor_of(as, true), tb = tensor_of(bs, true);
    torch::Tensor output = op(ta, tb);
    output.backward(tensor_of(gys, false));
    const auto torch_ys = values_of(output.detach()), torch_gas = values_of(ta.grad()), torch_gbs = values_of(tb.grad());
    for (std::size_t i = 0; i < n; ++i) {
        INFO(to_string(f) << " at a = " << as[i] << ", b = " << bs[i]);
        const double factors = std::max({1.0, std::abs(as[i]), std::abs(bs[i])});
        CHECK(agree(ys[i] / factors, torch_ys[i] / factors, 0));
        CHECK(agree(gas[i] / factors, torch_gas[i] / factors, 0));
        CHECK(agree(gbs[i] / factors, torch_gbs[i] / factors, 0));
    }
}
}  // namespace

TEST_CASE("kernels agree with PyTorch's functions and autograd", "[torch]") {
    single_input(sigmoid(x), [](const torch::Tensor& t) { return torch::sigmoid(t); });
    single_input(tanh(x), [](const torch::Tensor& t) { return torch::tanh(t); });
    single_input(relu(x), [](const torch::Tensor& t) { return torch::relu(t); });
    single_input(relu6(x), [](const torch::Tensor& t) { return torch::hardtanh(t, 0.0, 6.0); });
    single_input(leaky_relu(x), [](const torch::Tensor& t) { return torch::leaky_relu(t, 0.01); });
    single_input(elu(x), [](const torch::Tensor& t) { return torch::elu(t); });
    single_input(selu(x), [](const torch::Tensor& t) { return torch::selu(t); });
    single_input(celu(x), [](const torch::Tensor& t) { return torch::celu(t); });
    single_input(gelu(x), [](const torch::Tensor& t) { return torch::gelu(t, "none"); });
    single_input(gelu_tanh(x), [](const torch::Tensor& t) { return torch::gelu(t, "tanh"); });
    single_input(gelu_sigmoid(x), [](const torch::Tensor& t) { return t * torch::sigmoid(1.702 * t); });
    single_input(silu(x), [](const torch::Tensor& t) { return torch::silu(t); });
    single_input(mish(x), [](const torch::Tensor& t) { return torch::mish(t); });
    single_input(softplus(x), [](const torch::Tensor& t) { return torch::softplus(t, 1.0, 20.0); }, {.slack = 2.1e-9});
    single_input(softsign(x), [](const torch::Tensor& t) { return t / (1 + torch::abs(t)); });
    single_input(hardtanh(x), [](const torch::Tensor& t) { return torch::hardtanh(t); });
    single_input(hardsigmoid(x), [](const torch::Tensor& t) { return torch::hardsigmoid(t); },
                 {.gradient_relative = 1e-7});
    single_input(hardswish(x), [](const torch::Tensor& t) { return torch::hardswish(t); }, {.old_kinks = {-3.0, 3.0}});
    single_input(log_sigmoid(x), [](const torch::Tensor& t) { return torch::log_sigmoid(t); });
    single_input(snake(x), [](const torch::Tensor& t) { return t + torch::sin(t).pow(2); });
}

TEST_CASE("gated units agree with PyTorch's autograd in both inputs", "[torch]") {
    gated(glu(a, b), [](const torch::Tensor& p, const torch::Tensor& q) {
        return torch::glu(torch::stack({p, q}), 0).squeeze(0);  // first half gated by the second
    });
    gated(swiglu(a, b), [](const torch::Tensor& p, const torch::Tensor& q) { return torch::silu(p) * q; });
    gated(geglu(a, b), [](const torch::Tensor& p, const torch::Tensor& q) { return torch::gelu(p, "none") * q; });
}

TEST_CASE("parameter gradients agree with PyTorch's autograd", "[torch][parameter]") {
    const std::vector<double> xs = points();
    std::vector<double> gys(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) gys[i] = 0.5 + double(i % 3) / 4;

    torch::Tensor input = tensor_of(xs, false);
    torch::Tensor weight = tensor_of({0.25}, true);
    torch::prelu(input, weight).backward(tensor_of(gys, false));
    constexpr auto w = param<"a">;
    CHECK(kernel(prelu(x, w), x).param_grad(w, xs, gys, w = 0.25) ==
          Approx(weight.grad().item<double>()).epsilon(1e-12));

    torch::Tensor beta = tensor_of({1.7}, true);
    (input * torch::sigmoid(beta * input)).backward(tensor_of(gys, false));
    constexpr auto swish_beta = param<"beta">;
    CHECK(kernel(swish(x, swish_beta), x).param_grad(swish_beta, xs, gys, swish_beta = 1.7) ==
          Approx(beta.grad().item<double>()).epsilon(1e-12));
}

TEST_CASE("row softmax and log_softmax agree with PyTorch", "[torch][softmax]") {
    const std::size_t rows = 16, columns = 37;
    std::vector<double> xs(rows * columns), gys(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        xs[i] = std::sin(double(i) * 1.3) * double(1 + i % 7) * 6;
        gys[i] = std::cos(double(i) * 0.7);
    }
    for (bool log : {false, true}) {
        std::vector<double> ys(xs.size()), gxs(xs.size());
        if (log) log_softmax_kernel.forward_backward(xs, gys, ys, gxs, columns);
        else softmax_kernel.forward_backward(xs, gys, ys, gxs, columns);
        torch::Tensor input = tensor_of(xs, true).view({long(rows), long(columns)});
        input.retain_grad();
        torch::Tensor output = log ? torch::log_softmax(input, 1) : torch::softmax(input, 1);
        output.backward(tensor_of(gys, false).view({long(rows), long(columns)}));
        const auto torch_ys = values_of(output.detach()), torch_gxs = values_of(input.grad());
        for (std::size_t i = 0; i < xs.size(); ++i) {
            INFO((log ? "log_softmax" : "softmax") << " element " << i);
            CHECK(agree(ys[i], torch_ys[i], 0));
            CHECK(agree(gxs[i], torch_gxs[i], 0));
        }
    }
}
