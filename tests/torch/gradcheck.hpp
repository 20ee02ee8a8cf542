// A C++ gradcheck, as torch.autograd.gradcheck does it in Python (libtorch
// 1.13 has none in C++): for an operator of double tensors, every row of its
// Jacobian from autograd (one backward per output element) against central
// differences of its forward, in every argument that requires a gradient.
// Off-diagonal entries count too: an elementwise operator must give 0 there.
// gradgradcheck does the same for the backward itself.
#pragma once

#include <cmath>
#include <cstdint>
#include <sstream>
#include <vector>

// Include after <torch/torch.h> and <catch2/catch.hpp>, in that order (glog
// and Catch both define CHECK).

namespace torch_test {

// Reproducible double samples in about [−4.5, 4.5], each at least 0.05 away
// from the catalog's kinks (0, ±1, ±3, 6), so that differences do not straddle one.
inline torch::Tensor sample(std::vector<std::int64_t> shape, int seed) {
    std::int64_t count = 1;
    for (auto n : shape) count *= n;
    std::vector<double> values;
    for (std::int64_t i = 0; i < count; ++i) {
        double v = 4.5 * std::sin(1.7 * double(i + 1) + 2.3 * seed);
        for (double kink : {-3.0, -1.0, 0.0, 1.0, 3.0}) {
            if (std::abs(v - kink) < 0.05) v = kink + 0.1;
        }
        values.push_back(v);
    }
    return torch::tensor(values, torch::kFloat64).reshape(shape).clone().requires_grad_(true);
}

// True when every entry agrees within atol + rtol·|numeric| (gradcheck's
// defaults); the first disagreements go to Catch's log.
template <class Op>
bool gradcheck(const Op& op, const std::vector<torch::Tensor>& arguments, double eps = 1e-6, double atol = 1e-5,
               double rtol = 1e-3) {
    const torch::Tensor output = op(arguments);
    const std::int64_t outputs = output.numel();
    std::vector<torch::Tensor> differentiable;
    for (const auto& t : arguments) {
        if (t.requires_grad()) differentiable.push_back(t);
    }
    bool ok = true;
    int reported = 0;
    for (std::size_t k = 0; k < differentiable.size(); ++k) {
        const torch::Tensor& argument = differentiable[k];
        const std::int64_t inputs = argument.numel();
        // analytic(j, i) = ∂output_j/∂argument_i, one backward per j.
        std::vector<std::vector<double>> analytic(static_cast<std::size_t>(outputs));
        for (std::int64_t j = 0; j < outputs; ++j) {
            torch::Tensor seed = torch::zeros(output.sizes(), output.options());
            seed.view(-1)[j] = 1.0;
            const auto gradient =
                torch::autograd::grad({output}, {argument}, {seed}, /*retain_graph=*/true, /*create_graph=*/false, /*allow_unused=*/true)[0];
            const torch::Tensor row = gradient.defined() ? gradient.reshape(-1) : torch::zeros({inputs}, torch::kFloat64);
            for (std::int64_t i = 0; i < inputs; ++i) analytic[std::size_t(j)].push_back(row[i].item<double>());
        }
        for (std::int64_t i = 0; i < inputs; ++i) {
            const double original = argument.detach().reshape(-1)[i].item<double>();
            const auto evaluate_at = [&](double value) {
                torch::NoGradGuard no_grad;
                std::vector<torch::Tensor> moved;
                for (const auto& t : arguments) moved.push_back(t.detach().clone(torch::MemoryFormat::Contiguous));
                std::size_t index = 0;
                for (std::size_t m = 0; m < arguments.size(); ++m) {
                    if (!arguments[m].requires_grad()) continue;
                    if (index++ == k) moved[m].view(-1)[i] = value;
                }
                return op(moved).reshape(-1).clone();
            };
            const torch::Tensor numeric = (evaluate_at(original + eps) - evaluate_at(original - eps)) / (2 * eps);
            for (std::int64_t j = 0; j < outputs; ++j) {
                const double n = numeric[j].item<double>(), g = analytic[std::size_t(j)][std::size_t(i)];
                if (std::abs(g - n) <= atol + rtol * std::abs(n)) continue;
                ok = false;
                if (reported++ < 5) {
                    std::ostringstream message;
                    message << "argument " << k << ": d output[" << j << "] / d input[" << i << "] at " << original << " is " << g
                            << " by backward and " << n << " by central differences";
                    UNSCOPED_INFO(message.str());
                }
            }
        }
    }
    return ok;
}

// The double-backward check, as torch.autograd.gradgradcheck does it: the
// backward itself, (arguments, gy) ↦ the gradients gy·∂op/∂argument (taken
// with create_graph), goes through gradcheck: its own backward against
// central differences of it, in every argument and in gy.
template <class Op>
bool gradgradcheck(const Op& op, const std::vector<torch::Tensor>& arguments, const torch::Tensor& gy) {
    std::vector<bool> differentiable;
    for (const auto& t : arguments) differentiable.push_back(t.requires_grad());
    const auto backward = [&](const std::vector<torch::Tensor>& all) {
        // gradcheck's differences call this under NoGradGuard, with copies
        // that require no gradient: record anyway, from leaves that do.
        torch::AutoGradMode record(true);
        std::vector<torch::Tensor> inputs(all.begin(), all.end() - 1), wrt;
        for (std::size_t m = 0; m < inputs.size(); ++m) {
            if (!differentiable[m]) continue;
            if (!inputs[m].requires_grad()) inputs[m] = inputs[m].detach().requires_grad_(true);
            wrt.push_back(inputs[m]);
        }
        const auto gradients = torch::autograd::grad({op(inputs)}, wrt, {all.back()}, /*retain_graph=*/true,
                                                     /*create_graph=*/true, /*allow_unused=*/true);
        std::vector<torch::Tensor> flat;
        for (std::size_t m = 0; m < gradients.size(); ++m) {
            flat.push_back(gradients[m].defined() ? gradients[m].reshape(-1) : torch::zeros({wrt[m].numel()}, torch::kFloat64));
        }
        return torch::cat(flat);
    };
    std::vector<torch::Tensor> all = arguments;
    all.push_back(gy.detach().clone().requires_grad_(true));
    return gradcheck(backward, all);
}

}  // namespace torch_test
