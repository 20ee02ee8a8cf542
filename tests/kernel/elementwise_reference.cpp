// Generated kernels against the hand-written reference kernels of
// src/reference/kernels.hpp (PyTorch's formulas), forward and backward, in
// float and double, at the catalog's points (kinks and tails) and on a dense
// sweep of [−20, 20].
#include <cmath>
#include <limits>
#include <vector>

#include <actdiff/kernel/elementwise.hpp>

#include "../../src/reference/kernels.hpp"
#include "../support.hpp"

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto a = var<"a">;
constexpr auto b = var<"b">;

template <class T>
std::vector<T> points() {
    std::vector<T> out;
    for (double p : test_support::catalog_points) out.push_back(T(p));
    for (int i = -20000; i <= 20000; i += 7) out.push_back(T(i / 1000.0));
    return out;
}

// Tolerance: a few units in the last place of T around the larger of the two
// values (and of 1, where a formula cancels near 0, as 1 + erf does).
// magnitude: the size of the factors, where a product of a large and a
// cancelling factor is compared (a gate's b times gelu'(a)).
template <class T>
bool agree(T generated, T reference, double ulps, double slack, double magnitude = 1.0) {
    if (std::isnan(reference)) return std::isnan(generated);
    const double scale = std::max({std::abs(double(generated)), std::abs(double(reference)), magnitude});
    return std::abs(double(generated) - double(reference)) <= ulps * std::numeric_limits<T>::epsilon() * scale + slack;
}

// slack: an absolute difference the reference makes on purpose (softplus).
template <class T, class Reference, class F>
void check(F f, double ulps, double slack = 0) {
    const auto k = kernel(f, x);
    // Where PyTorch saves the output, so does the generated kernel (it may do so
    // more often: elu's backward y + α, which PyTorch uses only in place).
    STATIC_REQUIRE((!Reference::saves_output || decltype(k)::backward_uses_output));
    const std::vector<T> xs = points<T>();
    std::vector<T> ys(xs.size()), gys(xs.size()), gxs(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) gys[i] = T(0.75) + T(i % 5) / T(8);
    k.forward_backward(xs, gys, ys, gxs);
    std::vector<T> from_saved(xs.size());
    k.backward(decltype(k)::backward_uses_output ? ys : xs, gys, from_saved);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const T y = Reference::forward(xs[i]);
        const T saved = Reference::saves_output ? y : xs[i];
        const T gx = Reference::backward(gys[i], saved);
        INFO(to_string(f) << " at " << xs[i] << ": y " << ys[i] << " vs " << y << ", gx " << gxs[i] << " vs " << gx
                          << ", from saved " << from_saved[i]);
        CHECK(agree(ys[i], y, ulps, slack));
        CHECK(agree(gxs[i], gx, ulps, slack));
        CHECK(agree(from_saved[i], gx, ulps, slack));
    }
}

// A gated unit of (a, b) on a grid of both inputs, with the gradients of both.
template <class T, class Reference, class F>
void check_gated(F f, double ulps) {
    const auto k = kernel(f, a, b);
    STATIC_REQUIRE(!decltype(k)::backward_uses_output);
    std::vector<T> as, bs;
    for (int i = -120; i <= 120; i += 3) {
        for (int j = -120; j <= 120; j += 5) {
            as.push_back(T(i / 8.0));
            bs.push_back(T(j / 8.0));
        }
    }
    const std::size_t n = as.size();
    std::vector<T> ys(n), gys(n), gas(n), gbs(n), only_gas(n), only_gbs(n), forward_ys(n);
    for (std::size_t i = 0; i < n; ++i) gys[i] = T(0.75) + T(i % 5) / T(8);
    k.forward(as, bs, forward_ys);
    k.forward_backward(as, bs, gys, ys, gas, gbs);
    k.backward(as, bs, gys, only_gas, only_gbs);
    for (std::size_t i = 0; i < n; ++i) {
        const T y = Reference::forward(as[i], bs[i]);
        const auto g = Reference::backward(gys[i], as[i], bs[i]);
        INFO(to_string(f) << " at a = " << as[i] << ", b = " << bs[i] << ": y " << ys[i] << " vs " << y << ", ga "
                          << gas[i] << " vs " << g.a << ", gb " << gbs[i] << " vs " << g.b);
        CHECK(forward_ys[i] == ys[i]);
        const double factors = std::max({1.0, std::abs(double(as[i])), std::abs(double(bs[i]))});
        CHECK(agree(ys[i], y, ulps, 0, factors));
        CHECK(agree(gas[i], g.a, ulps, 0, factors));
        CHECK(agree(gbs[i], g.b, ulps, 0, factors));
        CHECK(only_gas[i] == gas[i]);
        CHECK(only_gbs[i] == gbs[i]);
    }
}

template <class T>
void check_catalog(double ulps) {
    check_gated<T, reference::glu>(glu(a, b), ulps);
    check_gated<T, reference::swiglu>(swiglu(a, b), ulps);
    check_gated<T, reference::geglu>(geglu(a, b), ulps);
    check<T, reference::sigmoid>(sigmoid(x), ulps);
    check<T, reference::tanh>(tanh(x), ulps);
    check<T, reference::relu>(relu(x), ulps);
    check<T, reference::relu6>(relu6(x), ulps);
    check<T, reference::leaky_relu>(leaky_relu(x), ulps);
    check<T, reference::elu>(elu(x), ulps);
    check<T, reference::selu>(selu(x), ulps);
    check<T, reference::celu>(celu(x), ulps);
    check<T, reference::gelu>(gelu(x), ulps);
    check<T, reference::gelu_tanh>(gelu_tanh(x), ulps);
    check<T, reference::gelu_sigmoid>(gelu_sigmoid(x), ulps);
    check<T, reference::swish>(silu(x), ulps);
    check<T, reference::mish>(mish(x), ulps);
    // PyTorch's softplus is x (gradient 1) above βx > 20, off by up to e^−20;
    // ours is exact there.
    check<T, reference::softplus>(softplus(x), ulps, 2.1e-9);
    check<T, reference::softsign>(softsign(x), ulps);
    check<T, reference::hardtanh>(hardtanh(x), ulps);
    check<T, reference::hardsigmoid>(hardsigmoid(x), ulps);
    check<T, reference::hardswish>(hardswish(x), ulps);
    check<T, reference::threshold>(threshold(x), ulps);
    check<T, reference::log_sigmoid>(log_sigmoid(x), ulps);
    check<T, reference::snake>(snake(x), ulps);
}
}  // namespace

TEST_CASE("generated kernels agree with the hand-written ones, double", "[kernel][reference]") {
    check_catalog<double>(64);
}

TEST_CASE("generated kernels agree with the hand-written ones, float", "[kernel][reference]") {
    check_catalog<float>(16);
}
