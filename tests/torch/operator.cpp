// torch_op (kernel/torch.hpp) in float, against PyTorch's own operators:
// values and gradients against PyTorch's float64 result, to the accuracy
// table's bound; any shape and stride; what the backward saves; and errors
// that name the operator.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

// libtorch first: glog, which it includes, defines CHECK; Catch's replaces it.
#include <torch/torch.h>
#undef CHECK

#include <catch2/catch.hpp>

#include <actdiff/torch.hpp>

namespace {
using namespace actdiff;
constexpr auto x = var<"x">;
constexpr auto a = var<"a">;
constexpr auto b = var<"b">;

// Every float from −30 to 30 in steps of 1/64, then the tails.
torch::Tensor float_points() {
    std::vector<float> values;
    for (int i = -30 * 64; i <= 30 * 64; ++i) values.push_back(float(i) / 64);
    for (float v : {-1e30f, -1e6f, -90.0f, -50.0f, 50.0f, 90.0f, 1e6f, 1e30f, 1e-30f, -1e-30f}) values.push_back(v);
    return torch::tensor(values, torch::kFloat32);
}

// ours against PyTorch's op in float64 (the reference) and in float (what a
// user has today): values and input gradients, with output gradient 1.
// old_kinks: where PyTorch 1.13's gradient takes the other one-sided value
// (hardswish at ±3; current PyTorch agrees with ours).
template <class Op, class Builtin>
void against_builtin(const Op& op, const Builtin& builtin, std::vector<double> old_kinks = {}, double relative = 4e-6) {
    INFO("operator " << op.name());
    const torch::Tensor input = float_points().requires_grad_(true);
    const torch::Tensor y = op(input);
    y.backward(torch::ones_like(y));

    const torch::Tensor reference_input = input.detach().to(torch::kFloat64).requires_grad_(true);
    const torch::Tensor reference = builtin(reference_input);
    reference.backward(torch::ones_like(reference));
    const torch::Tensor float_input = input.detach().clone().requires_grad_(true);
    const torch::Tensor theirs = builtin(float_input);
    theirs.backward(torch::ones_like(theirs));

    // Absolute slack of one float ulp at the input's scale, for values and
    // slopes that cross zero (gelu′ at −0.75).
    torch::Tensor compared = torch::ones_like(input, torch::kBool);
    for (double kink : old_kinks) compared &= input.detach() != kink;
    const auto within = [&](const torch::Tensor& ours, const torch::Tensor& expected) {
        const auto ours64 = ours.detach().to(torch::kFloat64);
        const auto slack = relative * expected.abs() + 1.2e-7 * torch::clamp_min(input.detach().to(torch::kFloat64).abs(), 1);
        const auto bad = ((ours64 - expected).abs() > slack) & expected.isfinite() & compared;
        if (bad.any().item<bool>()) {
            const auto i = bad.nonzero()[0][0].item<std::int64_t>();
            UNSCOPED_INFO("first miss at x = " << input[i].item<float>() << ": " << ours64[i].item<double>() << " against "
                                               << expected[i].item<double>());
        }
        return !bad.any().item<bool>() && (ours64.isnan() == expected.isnan()).all().item<bool>();
    };
    CHECK(within(y, reference.detach()));
    CHECK(within(input.grad(), reference_input.grad()));
    // PyTorch's float op is nowhere closer to the reference than ours by more than 4 ulp
    // (the accuracy bound; gelu_tanh's 1 + tanh(u) cancels near x = −2).
    const auto our_error = (y.detach().to(torch::kFloat64) - reference.detach()).abs();
    const auto their_error = (theirs.detach().to(torch::kFloat64) - reference.detach()).abs();
    const auto ulp = 1.2e-7 * reference.detach().abs().clamp_min(1e-30);
    // Where PyTorch's float64 result underflows or cancels to 0 (elu at −1e−30,
    // gelu below −9: 1 + erf → 0), it is no reference, and ours is compared
    // with it by `within` above only.
    const auto worse = (our_error > their_error + 4 * ulp) & (reference.detach().abs() >= 1e-30);
    if (worse.any().item<bool>()) {
        const auto i = worse.nonzero()[0][0].item<std::int64_t>();
        UNSCOPED_INFO("worse than PyTorch at x = " << input[i].item<float>() << ": " << y[i].item<float>() << " and "
                                                   << theirs[i].item<float>() << " against " << reference[i].item<double>());
    }
    CHECK(!worse.any().item<bool>());
}

std::string message_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const c10::Error& e) {
        return e.what_without_backtrace();
    }
    return "no error";
}
}  // namespace

TEST_CASE("float values and gradients match PyTorch's operators", "[torch][operator]") {
    against_builtin(torch_op(kernel(sigmoid(x), x), "sigmoid"), [](const torch::Tensor& t) { return torch::sigmoid(t); });
    against_builtin(torch_op(kernel(tanh(x), x), "tanh"), [](const torch::Tensor& t) { return torch::tanh(t); });
    against_builtin(torch_op(kernel(relu(x), x), "relu"), [](const torch::Tensor& t) { return torch::relu(t); });
    against_builtin(torch_op(kernel(relu6(x), x), "relu6"), [](const torch::Tensor& t) { return torch::hardtanh(t, 0.0, 6.0); });
    against_builtin(torch_op(kernel(leaky_relu(x), x), "leaky_relu"), [](const torch::Tensor& t) { return torch::leaky_relu(t, 0.01); });
    against_builtin(torch_op(kernel(elu(x), x), "elu"), [](const torch::Tensor& t) { return torch::elu(t); });
    against_builtin(torch_op(kernel(selu(x), x), "selu"), [](const torch::Tensor& t) { return torch::selu(t); });
    against_builtin(torch_op(kernel(celu(x), x), "celu"), [](const torch::Tensor& t) { return torch::celu(t); });
    against_builtin(torch_op(kernel(gelu(x), x), "gelu"), [](const torch::Tensor& t) { return torch::gelu(t, "none"); });
    against_builtin(torch_op(kernel(gelu_tanh(x), x), "gelu_tanh"), [](const torch::Tensor& t) { return torch::gelu(t, "tanh"); });
    against_builtin(torch_op(kernel(silu(x), x), "silu"), [](const torch::Tensor& t) { return torch::silu(t); });
    against_builtin(torch_op(kernel(mish(x), x), "mish"), [](const torch::Tensor& t) { return torch::mish(t); });
    against_builtin(torch_op(kernel(hardtanh(x), x), "hardtanh"), [](const torch::Tensor& t) { return torch::hardtanh(t); });
    against_builtin(torch_op(kernel(hardswish(x), x), "hardswish"), [](const torch::Tensor& t) { return torch::hardswish(t); }, {-3.0, 3.0});
    against_builtin(torch_op(kernel(log_sigmoid(x), x), "log_sigmoid"), [](const torch::Tensor& t) { return torch::log_sigmoid(t); });
}

TEST_CASE("parameters: the gradient of each, with its own shape and dtype", "[torch][operator][parameter]") {
    constexpr auto beta = param<"beta">;
    const auto swish_op = torch_op(kernel(swish(x, beta), x), "swish");
    const torch::Tensor input = float_points().requires_grad_(true);
    const torch::Tensor beta_tensor = torch::full({1}, 1.7, torch::kFloat32).requires_grad_(true);
    swish_op(input, beta_tensor).sum().backward();

    const torch::Tensor reference_input = input.detach().to(torch::kFloat64).requires_grad_(true);
    const torch::Tensor reference_beta = torch::full({1}, 1.7, torch::kFloat64).requires_grad_(true);
    (reference_input * torch::sigmoid(reference_beta * reference_input)).sum().backward();
    REQUIRE(beta_tensor.grad().sizes() == beta_tensor.sizes());
    CHECK(beta_tensor.grad().scalar_type() == torch::kFloat32);
    CHECK(beta_tensor.grad().item<double>() == Approx(reference_beta.grad().item<double>()).epsilon(1e-6));

    // A number is a parameter without a gradient.
    const torch::Tensor by_number = swish_op(input.detach(), 1.7);
    CHECK(torch::equal(by_number, swish_op(input.detach(), beta_tensor.detach())));
}

TEST_CASE("any shape and stride: the same values and gradients as the contiguous tensor", "[torch][operator][layout]") {
    const auto op = torch_op(kernel(gelu(x), x), "gelu");
    const torch::Tensor base = torch::randn({6, 8, 5}, torch::TensorOptions().dtype(torch::kFloat64)).mul(3);
    for (int layout = 0; layout < 3; ++layout) {
        INFO("layout " << layout);
        const torch::Tensor leaf = base.clone().requires_grad_(true);
        // A transpose, a stride-2 slice, and a broadcast view.
        const torch::Tensor strided = layout == 0   ? leaf.transpose(0, 2)
                                      : layout == 1 ? leaf.slice(1, 0, 8, 2)
                                                    : leaf.select(2, 0).unsqueeze(0).expand({3, 6, 8});
        REQUIRE(!strided.is_contiguous());
        const torch::Tensor y = op(strided);
        CHECK(y.sizes() == strided.sizes());
        const torch::Tensor gy = torch::linspace(-1, 1, y.numel(), torch::kFloat64).view(y.sizes());
        y.backward(gy);

        const torch::Tensor copy_leaf = base.clone().requires_grad_(true);
        const torch::Tensor copy = layout == 0   ? copy_leaf.transpose(0, 2).contiguous()
                                   : layout == 1 ? copy_leaf.slice(1, 0, 8, 2).contiguous()
                                                 : copy_leaf.select(2, 0).unsqueeze(0).expand({3, 6, 8}).contiguous();
        const torch::Tensor expected = op(copy);
        expected.backward(gy);
        CHECK(torch::equal(y.detach(), expected.detach()));
        CHECK(torch::allclose(leaf.grad(), copy_leaf.grad(), 1e-15, 1e-15));
    }
}

TEST_CASE("the backward saves what the kernel's backward reads", "[torch][operator][saved]") {
    // σ′ = y(1 − y) reads the output: changing x in place after the forward is harmless.
    // mish′ reads x: autograd's version check refuses the same change.
    const auto sigmoid_op = torch_op(kernel(sigmoid(x), x), "sigmoid");
    const auto mish_op = torch_op(kernel(mish(x), x), "mish");
    STATIC_REQUIRE(decltype(kernel(sigmoid(x), x))::backward_uses_output);
    STATIC_REQUIRE(!decltype(kernel(mish(x), x))::backward_uses_output);
    {
        const torch::Tensor leaf = torch::linspace(-3, 3, 16, torch::kFloat64).requires_grad_(true);
        torch::Tensor input = leaf * 1;
        const torch::Tensor y = sigmoid_op(input);
        input.add_(1);
        CHECK_NOTHROW(y.sum().backward());
        CHECK(torch::allclose(leaf.grad(), y.detach() * (1 - y.detach())));
    }
    {
        const torch::Tensor leaf = torch::linspace(-3, 3, 16, torch::kFloat64).requires_grad_(true);
        torch::Tensor input = leaf * 1;
        const torch::Tensor y = mish_op(input);
        input.add_(1);
        CHECK_THROWS_WITH(y.sum().backward(), Catch::Contains("modified by an inplace operation"));
    }
}

TEST_CASE("gated units: two tensors in, both gradients out", "[torch][operator][gated]") {
    const auto op = torch_op(kernel(swiglu(a, b), a, b), "swiglu");
    const torch::Tensor p = torch::randn({4, 33}, torch::kFloat32).requires_grad_(true);
    const torch::Tensor q = torch::randn({4, 33}, torch::kFloat32).requires_grad_(true);
    op(p, q).sum().backward();
    const torch::Tensor p64 = p.detach().to(torch::kFloat64).requires_grad_(true), q64 = q.detach().to(torch::kFloat64).requires_grad_(true);
    (torch::silu(p64) * q64).sum().backward();
    CHECK(torch::allclose(p.grad().to(torch::kFloat64), p64.grad(), 1e-6, 1e-7));
    CHECK(torch::allclose(q.grad().to(torch::kFloat64), q64.grad(), 1e-6, 1e-7));
}

TEST_CASE("softmax along a dimension matches PyTorch's", "[torch][operator][softmax]") {
    const torch::Tensor input = torch::randn({5, 7, 3}, torch::kFloat64).mul(4);
    for (std::int64_t dim : {0, 1, 2, -1}) {
        for (bool log : {false, true}) {
            INFO((log ? "log_softmax" : "softmax") << " along " << dim);
            const torch::Tensor ours_in = input.clone().requires_grad_(true), theirs_in = input.clone().requires_grad_(true);
            const torch::Tensor gy = torch::cos(torch::arange(input.numel(), torch::kFloat64)).view(input.sizes());
            const torch::Tensor ours = log ? torch_op(log_softmax_kernel)(ours_in, dim) : torch_op(softmax_kernel)(ours_in, dim);
            const torch::Tensor theirs = log ? torch::log_softmax(theirs_in, dim) : torch::softmax(theirs_in, dim);
            ours.backward(gy);
            theirs.backward(gy);
            CHECK(torch::allclose(ours, theirs, 1e-13, 1e-15));
            CHECK(torch::allclose(ours_in.grad(), theirs_in.grad(), 1e-12, 1e-14));
        }
    }
}

TEST_CASE("threads: two give one thread's values and gradients", "[torch][operator][threads]") {
    // 300000 elements: ten chunks of torch_grain, not a multiple of it.
    constexpr auto beta = param<"beta">;
    const auto swish_op = torch_op(kernel(swish(x, beta), x), "swish");
    const torch::Tensor base = torch::randn({300, 1000}, torch::kFloat32).mul(6);
    const torch::Tensor rows = torch::randn({3000, 100}, torch::kFloat32).mul(6);
    struct run {
        torch::Tensor y, gx, gbeta, soft, gsoft;
    };
    const int threads_before = torch::get_num_threads();
    std::vector<run> runs;
    for (int threads : {1, 2}) {
        torch::set_num_threads(threads);
        const torch::Tensor input = base.clone().requires_grad_(true);
        const torch::Tensor beta_tensor = torch::full({}, 1.3, torch::kFloat32).requires_grad_(true);
        const torch::Tensor y = swish_op(input, beta_tensor);
        y.backward(torch::cos(base));
        const torch::Tensor row_input = rows.clone().requires_grad_(true);
        const torch::Tensor soft = torch_op(log_softmax_kernel)(row_input, 1);
        soft.backward(torch::sin(rows));
        runs.push_back({y.detach(), input.grad(), beta_tensor.grad(), soft.detach(), row_input.grad()});
    }
    torch::set_num_threads(threads_before);
    CHECK(torch::equal(runs[0].y, runs[1].y));
    CHECK(torch::equal(runs[0].gx, runs[1].gx));
    CHECK(torch::equal(runs[0].soft, runs[1].soft));
    CHECK(torch::equal(runs[0].gsoft, runs[1].gsoft));
    // The parameter's gradient sums the chunks in another order.
    CHECK(runs[0].gbeta.item<double>() == Approx(runs[1].gbeta.item<double>()).epsilon(1e-6));
}

TEST_CASE("misuse gets a c10::Error that names the operator", "[torch][operator][errors]") {
    constexpr auto beta = param<"beta">;
    const auto swish_op = torch_op(kernel(swish(x, beta), x), "swish");
    const auto glu_op = torch_op(kernel(glu(a, b), a, b), "glu");
    const torch::Tensor good = torch::ones({4});
    CHECK_THAT(message_of([&] { swish_op(torch::ones({4}, torch::kInt32), 1.0); }),
               Catch::StartsWith("actdiff operator swish: input 0 has dtype Int; it takes float or double tensors"));
    CHECK_THAT(message_of([&] { swish_op(torch::empty({4}, torch::TensorOptions().device(torch::kMeta)), 1.0); }),
               Catch::StartsWith("actdiff operator swish: input 0 is on meta; its kernels run on the CPU"));
    CHECK_THAT(message_of([&] { swish_op(good, torch::ones({2})); }),
               Catch::StartsWith("actdiff operator swish: parameter beta must have one element, not 2"));
    CHECK_THAT(message_of([&] { glu_op(good, torch::ones({5})); }),
               Catch::StartsWith("actdiff operator glu: input 1 has shape [5] and input 0 has [4]; the inputs must share a shape"));
    CHECK_THAT(message_of([&] { glu_op(good, torch::ones({4}, torch::kFloat64)); }),
               Catch::StartsWith("actdiff operator glu: input 1 has dtype Double and input 0 has Float"));
    CHECK_THAT(message_of([&] { torch_op(softmax_kernel)(good, 1); }),
               Catch::StartsWith("actdiff operator softmax: dimension 1 is out of range for a tensor of 1 dimensions"));
    // Without a name, the operator is named by its formula.
    CHECK_THAT(message_of([&] { torch_op(kernel(sigmoid(x), x))(torch::ones({2}, torch::kInt64)); }),
               Catch::StartsWith("actdiff operator " + to_string(sigmoid(x)) + ": input 0"));
}

TEST_CASE("special values: NaN, infinities, signed zeros and subnormals pass through the kernel's contract", "[torch][operator][special]") {
    // The operator must give exactly the kernel's values (which the kernel
    // tests hold to the contract), and they must be what PyTorch's float64
    // reference says where it is defined: NaN only for NaN.
    const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> values = {nan, -inf, inf, -0.0f, 0.0f, 1e-45f, -1e-45f, 1e-40f, -1e-40f, 1e30f, -1e30f, 3.0f, -3.0f};
    const auto check = [&](const auto& op, auto k, const auto& builtin) {
        INFO("operator " << op.name());
        const torch::Tensor input = torch::tensor(values).requires_grad_(true);
        const torch::Tensor y = op(input);
        y.backward(torch::ones_like(y));
        // The op runs forward, then backward on what it saved: y or x.
        std::vector<float> ys(values.size()), gys(values.size(), 1.0f), gxs(values.size());
        k.forward(values, ys);
        if constexpr (decltype(k)::backward_uses_output) {
            k.backward(ys, gys, gxs);
        } else {
            k.backward(values, gys, gxs);
        }
        const torch::Tensor reference = builtin(torch::tensor(values, torch::kFloat64));
        for (std::size_t i = 0; i < values.size(); ++i) {
            INFO("x = " << values[i]);
            const float ours = y[i].item<float>(), gradient = input.grad()[i].item<float>();
            CHECK((std::isnan(ours) ? std::isnan(ys[i]) : ours == ys[i]));
            CHECK((std::isnan(gradient) ? std::isnan(gxs[i]) : gradient == gxs[i]));
            CHECK(std::isnan(ours) == std::isnan(values[i]));
            const double expected = reference[i].item<double>();
            if (std::isfinite(expected)) CHECK(std::abs(ours - expected) <= 4e-6 * std::abs(expected) + 1e-38);
            if (std::isinf(expected)) CHECK(ours == expected);
        }
    };
    check(torch_op(kernel(sigmoid(x), x), "sigmoid"), kernel(sigmoid(x), x), [](const torch::Tensor& t) { return torch::sigmoid(t); });
    check(torch_op(kernel(silu(x), x), "silu"), kernel(silu(x), x), [](const torch::Tensor& t) { return torch::silu(t); });
    check(torch_op(kernel(mish(x), x), "mish"), kernel(mish(x), x), [](const torch::Tensor& t) { return torch::mish(t); });
    // A formula that is not in the catalog: TanhExp, x·tanh(eˣ).
    check(torch_op(kernel(x * tanh(exp(x)), x), "tanhexp"), kernel(x * tanh(exp(x)), x),
          [](const torch::Tensor& t) { return torch::where(torch::isinf(t) & (t < 0), torch::zeros_like(t), t * torch::tanh(torch::exp(t))); });
}
