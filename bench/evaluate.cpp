// Scalar evaluation of the engine's f and f' against the same formulas
// written by hand, per element over an array. This measures the plain
// evaluator, which does not yet share common subexpressions (the fused
// kernels will); it is the baseline they are compared with.
#include <cmath>
#include <vector>

#include <benchmark/benchmark.h>

#include <actdiff/actdiff.hpp>

namespace {

using namespace actdiff;
constexpr auto x = var<"x">;

std::vector<float> inputs() {
    std::vector<float> values(1 << 14);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = -8.0f + 16.0f * static_cast<float>(i) / values.size();
    return values;
}

template <class Expr>
void engine(benchmark::State& state, Expr f) {
    const auto in = inputs();
    std::vector<float> out(in.size());
    for (auto _ : state) {
        for (std::size_t i = 0; i < in.size(); ++i) out[i] = eval(f, x = in[i]);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

template <class Hand>
void by_hand(benchmark::State& state, Hand f) {
    const auto in = inputs();
    std::vector<float> out(in.size());
    for (auto _ : state) {
        for (std::size_t i = 0; i < in.size(); ++i) out[i] = f(in[i]);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

float silu_derivative(float v) {
    const float s = 1 / (1 + std::exp(-v));
    return s * (1 + v * (1 - s));
}
float gelu_derivative(float v) {
    return 0.5f * (1 + std::erf(v * 0.70710678f)) + v * std::exp(-0.5f * v * v) * 0.39894228f;
}
float mish_derivative(float v) {
    const float t = std::tanh(std::log1p(std::exp(v)));
    return t + v * (1 / (1 + std::exp(-v))) * (1 - t * t);
}

}  // namespace

BENCHMARK_CAPTURE(engine, silu_forward, silu(x));
BENCHMARK_CAPTURE(engine, silu_derivative, d(silu(x), x));
BENCHMARK_CAPTURE(by_hand, silu_derivative, silu_derivative);
BENCHMARK_CAPTURE(engine, gelu_derivative, d(gelu(x), x));
BENCHMARK_CAPTURE(by_hand, gelu_derivative, gelu_derivative);
BENCHMARK_CAPTURE(engine, mish_derivative, d(mish(x), x));
BENCHMARK_CAPTURE(by_hand, mish_derivative, mish_derivative);

BENCHMARK_MAIN();
