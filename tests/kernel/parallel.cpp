// Parallel kernel calls (kernel/parallel.hpp): the same values as a serial
// call, element for element, on any number of threads and block sizes; the
// guarded path (NaN, ±∞, in-place calls) taken per chunk as serially; the
// parameter gradient's sum independent of the thread count; calls from
// several threads at once; and the blocks covering the range in whole chunks.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <thread>
#include <vector>

#include <actdiff/kernel/elementwise.hpp>

#include "../support.hpp"

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto a = var<"a">;
constexpr auto b = var<"b">;
constexpr auto beta = param<"beta">;

// Spread over [−40, 40], with NaN, ±∞, a subnormal, −0 and ±10³⁰ planted in some chunks
// only, so that parallel blocks meet both the fast and the guarded path.
std::vector<float> inputs(std::size_t n, std::size_t salt = 0) {
    std::vector<float> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = -40.0f + 80.0f * float((i * 7919 + salt) % 65536) / 65536.0f;
    for (std::size_t i = 5000; i < n; i += 70001) out[i] = std::numeric_limits<float>::quiet_NaN();
    for (std::size_t i = 9000; i < n; i += 90001) out[i] = std::numeric_limits<float>::infinity();
    for (std::size_t i = 13000; i < n; i += 110001) out[i] = -std::numeric_limits<float>::infinity();
    for (std::size_t i = 17000; i < n; i += 130001) out[i] = std::numeric_limits<float>::denorm_min();
    for (std::size_t i = 21000; i < n; i += 150001) out[i] = -0.0f;
    for (std::size_t i = 25000; i < n; i += 170001) out[i] = 1e30f;
    for (std::size_t i = 29000; i < n; i += 190001) out[i] = -1e30f;
    return out;
}

// Bit for bit, NaN included.
bool same(const std::vector<float>& left, const std::vector<float>& right) {
    if (left.size() != right.size()) return false;
    for (std::size_t i = 0; i < left.size(); ++i) {
        if (std::bit_cast<std::uint32_t>(left[i]) != std::bit_cast<std::uint32_t>(right[i])) return false;
    }
    return true;
}

// Up to 2^16 + 37: two default blocks (2^15 each at least) and many small ones;
// longer arrays add time in the Debug and sanitizer builds, not cases.
const std::size_t lengths[] = {0, 1, 17, 4095, 4096, 4097, 3 * 4096 + 5, (1 << 16) + 37};
const parallel_policy policies[] = {
    parallel,                                     // every hardware thread, blocks of at least 2^15
    {.threads = 2, .min_per_thread = 1},          // two blocks as soon as there are two chunks
    {.threads = 3, .min_per_thread = 1},          // more blocks than this machine's 2 cores
    {.threads = 7, .min_per_thread = 4096},
};

template <class F>
void check_one_input(F f) {
    const auto k = kernel(f, x);
    for (const std::size_t n : lengths) {
        const auto xs = inputs(n);
        const std::vector<float> gys(n, 0.75f);
        std::vector<float> ys(n), gxs(n), fused_ys(n), fused_gxs(n);
        k.forward(xs, ys, beta = 1.5f);
        k.backward(k.backward_uses_output ? ys : xs, gys, gxs, beta = 1.5f);
        k.forward_backward(xs, gys, fused_ys, fused_gxs, beta = 1.5f);
        // The serial values are the kernels' own (tests/kernel/elementwise.cpp
        // checks them); here against the formula too, at a few points, loosely
        // (the formula as written cancels in double where GELU's tail is tiny).
        for (std::size_t i = 0; i < n; i += 997) {
            if (!std::isfinite(xs[i])) continue;
            INFO(to_string(f) << " at " << xs[i]);
            CHECK(test_support::close(ys[i], eval(f, x = double(xs[i]), beta = 1.5), 1e-5, 1e-12));
        }
        for (const parallel_policy& policy : policies) {
            INFO(to_string(f) << ", n = " << n << ", threads " << policy.threads << ", at least " << policy.min_per_thread);
            std::vector<float> p_ys(n, -1.0f), p_gxs(n, -1.0f), p_fused_ys(n, -1.0f), p_fused_gxs(n, -1.0f);
            k.forward(policy, xs, p_ys, beta = 1.5f);
            k.backward(policy, k.backward_uses_output ? p_ys : xs, gys, p_gxs, beta = 1.5f);
            k.forward_backward(policy, xs, gys, p_fused_ys, p_fused_gxs, beta = 1.5f);
            CHECK(same(ys, p_ys));
            CHECK(same(gxs, p_gxs));
            CHECK(same(fused_ys, p_fused_ys));
            CHECK(same(fused_gxs, p_fused_gxs));
            // In place, the output over the input: the guarded path, per block.
            auto in_place = xs;
            k.forward(policy, in_place, in_place, beta = 1.5f);
            CHECK(same(ys, in_place));
        }
    }
}
}  // namespace

TEST_CASE("parallel calls give the serial values, element for element") {
    check_one_input(sigmoid(x));
    check_one_input(gelu(x));
    check_one_input(x * sigmoid(beta * x));
    check_one_input(x * tanh(exp(x)));  // TanhExp: eˣ overflows, a checked value
}

TEST_CASE("parallel calls of a gated unit") {
    const auto k = kernel(swiglu(a, b), a, b);
    const std::size_t n = (1 << 16) + 3;
    const auto as = inputs(n), bs = inputs(n, 12345);
    const std::vector<float> gys(n, 0.5f);
    std::vector<float> ys(n), gas(n), gbs(n), p_ys(n), p_gas(n), p_gbs(n);
    k.forward_backward(as, bs, gys, ys, gas, gbs);
    k.forward_backward(parallel_policy{.threads = 4, .min_per_thread = 1}, as, bs, gys, p_ys, p_gas, p_gbs);
    CHECK(same(ys, p_ys));
    CHECK(same(gas, p_gas));
    CHECK(same(gbs, p_gbs));
}

TEST_CASE("a parameter's gradient sums to the same total on any number of threads") {
    const auto k = kernel(x * sigmoid(beta * x), x);
    const std::size_t n = (1 << 16) + 11;
    std::vector<float> xs(n), gys(n);
    for (std::size_t i = 0; i < n; ++i) {
        xs[i] = -6.0f + 12.0f * float(i % 1000) / 1000.0f;
        gys[i] = 0.25f + float(i % 7) / 8.0f;
    }
    const float serial_total = k.param_grad(beta, xs, gys, beta = 1.25f);
    // Against the sum written out in double: ∂/∂β xσ(βx) = x²σ(βx)(1 − σ(βx)).
    double expected = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double s = 1 / (1 + std::exp(-1.25 * double(xs[i])));
        expected += double(gys[i]) * double(xs[i]) * double(xs[i]) * s * (1 - s);
    }
    CHECK(test_support::close(serial_total, expected, 1e-5, 0));
    for (const unsigned threads : {1u, 2u, 3u, 8u}) {
        INFO(threads << " threads");
        const float total = k.param_grad(parallel_policy{.threads = threads, .min_per_thread = 1}, beta, xs, gys, beta = 1.25f);
        CHECK(std::bit_cast<std::uint32_t>(total) == std::bit_cast<std::uint32_t>(serial_total));
    }
}

TEST_CASE("parallel calls from several threads at once") {
    const auto k = kernel(gelu(x), x);
    const std::size_t n = (1 << 16) + 1;
    const auto xs = inputs(n);
    std::vector<float> expected(n);
    k.forward(xs, expected);
    std::vector<std::vector<float>> outputs(4, std::vector<float>(n));
    {
        std::vector<std::jthread> callers;
        for (auto& out : outputs) {
            // One call holds the pool; the others run on their own thread.
            callers.emplace_back([&] {
                for (int round = 0; round < 3; ++round) k.forward(parallel_policy{.threads = 2, .min_per_thread = 1}, xs, out);
            });
        }
    }
    for (const auto& out : outputs) CHECK(same(expected, out));
}

TEST_CASE("a parallel call's blocks are whole chunks, in order, covering the range") {
    for (const std::size_t n : {std::size_t(1), std::size_t(4096), std::size_t(4097), std::size_t(100000), std::size_t(1) << 24}) {
        for (const unsigned threads : {1u, 2u, 3u, 5u, 64u}) {
            const auto blocks = detail::split(parallel_policy{.threads = threads, .min_per_thread = 1}, n, detail::chunk_length);
            INFO("n = " << n << ", threads " << threads << ": " << blocks.count << " blocks");
            CHECK(blocks.count >= 1);
            CHECK(blocks.count <= threads);
            CHECK(blocks.count <= (n + 4095) / 4096);
            CHECK(blocks.begin(0) == 0);
            CHECK(blocks.end(blocks.count - 1) == n);
            for (std::size_t k = 0; k < blocks.count; ++k) {
                CHECK(blocks.begin(k) % detail::chunk_length == 0);
                CHECK(blocks.begin(k) < blocks.end(k));
                if (k + 1 < blocks.count) CHECK(blocks.end(k) == blocks.begin(k + 1));
            }
        }
    }
    // Short calls stay on one thread: fewer than min_per_thread elements a thread.
    CHECK(detail::split(parallel_policy{.threads = 8}, std::size_t(1) << 16, detail::chunk_length).count == 2);
    CHECK(detail::split(parallel_policy{.threads = 8}, 1000, detail::chunk_length).count == 1);
}
