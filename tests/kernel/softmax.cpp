// Row-wise softmax and log_softmax kernels: the index-form derivatives the
// backwards use, derived by the engine from a written-out row; values against
// the hand-written reference kernels; backwards against finite differences;
// the rows that have no softmax; and misuse.
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <actdiff/actdiff.hpp>
#include <actdiff/kernel/softmax.hpp>

#include "../../src/reference/kernels.hpp"
#include "../support.hpp"

using namespace actdiff;

namespace {
constexpr auto x0 = var<"x0">;
constexpr auto x1 = var<"x1">;
constexpr auto x2 = var<"x2">;
constexpr auto row_sum = exp(x0) + exp(x1) + exp(x2);
constexpr auto s0 = exp(x0) / row_sum;
constexpr auto s1 = exp(x1) / row_sum;
constexpr auto log_s0 = x0 - log(row_sum);

// Rows of several lengths (shorter than a batch, not a multiple of it, long),
// with entries up to ±60 and a few −∞ (masked) entries.
template <class T>
std::vector<T> rows(std::size_t row_length, std::size_t count, bool masked) {
    std::mt19937 random(17 + unsigned(row_length));
    std::uniform_real_distribution<double> value(-60.0, 60.0);
    std::vector<T> out(row_length * count);
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = T(value(random) / double(1 + i % 4));
        if (masked && i % row_length != 0 && i % 5 == 0) out[i] = -std::numeric_limits<T>::infinity();
    }
    return out;
}

template <class T>
bool near(T value, T expected, double ulps) {
    if (std::isinf(expected)) return value == expected;
    const double scale = std::max(std::abs(double(expected)), 1.0);
    return std::abs(double(value) - double(expected)) <= ulps * std::numeric_limits<T>::epsilon() * scale;
}

template <class T, bool Log, class Reference>
void against_reference(const row_softmax_kernel_t<Log>& k, double ulps) {
    for (std::size_t n : {1u, 3u, 4u, 7u, 16u, 33u, 1000u}) {
        const auto xs = rows<T>(n, 6, n > 1);
        std::vector<T> gys(xs.size()), ys(xs.size()), gxs(xs.size()), fused_ys(xs.size()), fused_gxs(xs.size());
        for (std::size_t i = 0; i < gys.size(); ++i) gys[i] = T(0.5) + T(i % 7) / T(4);
        k.forward(xs, ys, n);
        k.backward(ys, gys, gxs, n);
        k.forward_backward(xs, gys, fused_ys, fused_gxs, n);
        std::vector<T> ref_ys(xs.size()), ref_gxs(xs.size());
        for (std::size_t r = 0; r < xs.size() / n; ++r) {
            Reference::forward(xs.data() + r * n, ref_ys.data() + r * n, n);
            Reference::backward(gys.data() + r * n, ref_ys.data() + r * n, ref_gxs.data() + r * n, n);
        }
        for (std::size_t i = 0; i < xs.size(); ++i) {
            INFO("row length " << n << ", element " << i << ": x " << xs[i] << ", y " << ys[i] << " vs " << ref_ys[i]
                               << ", gx " << gxs[i] << " vs " << ref_gxs[i]);
            // Long rows are summed in another order than the reference's.
            const double bound = ulps * double(n > 16 ? 8 : 1);
            CHECK(near(ys[i], ref_ys[i], bound));
            CHECK(near(gxs[i], ref_gxs[i], bound));
            CHECK(fused_ys[i] == ys[i]);
            CHECK(fused_gxs[i] == gxs[i]);
        }
    }
}

// dL/dx_j against central differences of L = Σ g_i y_i(x), in double.
template <bool Log>
void against_finite_differences(const row_softmax_kernel_t<Log>& k) {
    const std::size_t n = 9;
    std::vector<double> xs{0.3, -1.2, 2.0, 0.0, 4.5, -3.0, 1.1, 1.1, -0.7}, gys{1, -2, 0.5, 3, -1, 0.25, 2, -0.5, 1.5};
    std::vector<double> ys(n), gxs(n);
    k.forward(xs, ys, n);
    k.backward(ys, gys, gxs, n);
    const auto loss = [&](std::vector<double> at) {
        std::vector<double> out(n);
        k.forward(at, out, n);
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) total += gys[i] * out[i];
        return total;
    };
    for (std::size_t j = 0; j < n; ++j) {
        const double h = 1e-6;
        auto up = xs, down = xs;
        up[j] += h;
        down[j] -= h;
        INFO("x_" << j);
        CHECK(gxs[j] == Approx((loss(up) - loss(down)) / (2 * h)).epsilon(1e-7).margin(1e-8));
    }
}
}  // namespace

TEST_CASE("the index-form derivatives the backwards use, derived by the engine", "[softmax]") {
    // ∂s_i/∂x_j = s_i(δ_ij − s_j): off the diagonal the canonical forms are equal;
    // on it, 1 − s_0 is (e^x1 + e^x2)/Σ, which the simplifier keeps apart, so
    // the value is checked at compile time.
    STATIC_REQUIRE(equivalent(d(s0, x1), -(s0 * s1)));
    STATIC_REQUIRE(check_derivative(s0, x0, s0 * (1_c - s0), at(x0 = 0.3, x1 = -1.2, x2 = 2.0),
                                    at(x0 = -4.0, x1 = 0.0, x2 = 1.0), at(x0 = 2.5, x1 = 2.5, x2 = -7.0)));
    // ∂log s_i/∂x_j = δ_ij − s_j, so gx = g − e^y·Σ g.
    STATIC_REQUIRE(equivalent(d(log_s0, x0), 1_c - s0));
    STATIC_REQUIRE(equivalent(d(log_s0, x1), -s1));
}

TEST_CASE("row kernels agree with the hand-written ones", "[softmax][reference]") {
    against_reference<double, false, reference::softmax>(softmax_kernel, 16);
    against_reference<double, true, reference::log_softmax>(log_softmax_kernel, 16);
    against_reference<float, false, reference::softmax>(softmax_kernel, 8);
    against_reference<float, true, reference::log_softmax>(log_softmax_kernel, 8);
}

TEST_CASE("row backwards are the gradients of the forwards", "[softmax]") {
    against_finite_differences(softmax_kernel);
    against_finite_differences(log_softmax_kernel);
}

TEST_CASE("rows never overflow; rows without a softmax are NaN", "[softmax][numerics]") {
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<float> xs{1000.0f, 999.0f, -1000.0f, -inf, -inf, -inf, -inf, -inf, 88.0f, 89.0f, 90.0f, 91.0f};
    std::vector<float> ys(xs.size()), logs(xs.size());
    softmax_kernel.forward(xs, ys, 4);
    log_softmax_kernel.forward(xs, logs, 4);
    CHECK(ys[0] == Approx(1 / (1 + std::exp(-1.0))));
    CHECK(ys[2] == 0.0f);
    CHECK(ys[3] == 0.0f);
    CHECK(logs[1] == Approx(-1 - std::log1p(std::exp(-1.0))));
    CHECK(logs[3] == -inf);
    for (int i = 4; i < 8; ++i) CHECK(std::isnan(ys[std::size_t(i)]));  // all −∞: 0/0
    CHECK(ys[11] == Approx(1 / (1 + std::exp(-1.0) + std::exp(-2.0) + std::exp(-3.0))));
    const std::vector<float> with_inf{1.0f, inf, 2.0f, 3.0f};
    std::vector<float> out(4);
    softmax_kernel.forward(with_inf, out, 4);
    CHECK(std::isnan(out[1]));  // ∞/∞
}

TEST_CASE("row kernels reject ranges that do not make rows", "[softmax]") {
    std::vector<double> xs(12), ys(12), short_ys(10);
    CHECK_THROWS_AS(softmax_kernel.forward(xs, short_ys, 4), std::length_error);
    CHECK_THROWS_AS(softmax_kernel.forward(xs, ys, 5), std::length_error);
    CHECK_THROWS_AS(log_softmax_kernel.forward(xs, ys, 0), std::invalid_argument);
}
