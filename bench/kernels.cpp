// Generated kernels against the hand-written reference kernels and the memcpy
// bound, float32, single thread, N = 2^16 and 2^24 (Google Benchmark):
//   bench_kernels --benchmark_min_time=0.2
// Items per second are elements. libtorch is not in this comparison yet.
#include <cstring>
#include <vector>

#include <benchmark/benchmark.h>

#include <actdiff/actdiff.hpp>
#include <actdiff/kernel.hpp>

#include "../src/reference/kernels.hpp"

namespace {

using namespace actdiff;
constexpr auto x = var<"x">;

std::vector<float> inputs(std::size_t n) {
    std::vector<float> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = -8.0f + 16.0f * float(i % 4096) / 4096.0f;
    return values;
}

void set_items(benchmark::State& state) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

template <class F>
void generated_forward(benchmark::State& state, F f) {
    const auto xs = inputs(std::size_t(state.range(0)));
    std::vector<float> ys(xs.size());
    const auto k = kernel(f, x);
    for (auto _ : state) {
        k.forward(xs, ys);
        benchmark::DoNotOptimize(ys.data());
    }
    set_items(state);
}

template <class F>
void generated_forward_backward(benchmark::State& state, F f) {
    const auto xs = inputs(std::size_t(state.range(0)));
    std::vector<float> gys(xs.size(), 1.0f), ys(xs.size()), gxs(xs.size());
    const auto k = kernel(f, x);
    for (auto _ : state) {
        k.forward_backward(xs, gys, ys, gxs);
        benchmark::DoNotOptimize(gxs.data());
    }
    set_items(state);
}

template <class Reference>
void reference_forward(benchmark::State& state) {
    const auto xs = inputs(std::size_t(state.range(0)));
    std::vector<float> ys(xs.size());
    for (auto _ : state) {
        for (std::size_t i = 0; i < xs.size(); ++i) ys[i] = Reference::forward(xs[i]);
        benchmark::DoNotOptimize(ys.data());
    }
    set_items(state);
}

// The reference forward and backward: two passes, as a framework runs them.
template <class Reference>
void reference_forward_backward(benchmark::State& state) {
    const auto xs = inputs(std::size_t(state.range(0)));
    std::vector<float> gys(xs.size(), 1.0f), ys(xs.size()), gxs(xs.size());
    for (auto _ : state) {
        for (std::size_t i = 0; i < xs.size(); ++i) ys[i] = Reference::forward(xs[i]);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            gxs[i] = Reference::backward(gys[i], Reference::saves_output ? ys[i] : xs[i]);
        }
        benchmark::DoNotOptimize(gxs.data());
    }
    set_items(state);
}

void memcpy_bound(benchmark::State& state) {
    const auto xs = inputs(std::size_t(state.range(0)));
    std::vector<float> ys(xs.size());
    for (auto _ : state) {
        std::memcpy(ys.data(), xs.data(), xs.size() * sizeof(float));
        benchmark::DoNotOptimize(ys.data());
    }
    set_items(state);
}

}  // namespace

using namespace actdiff;

#define ACTDIFF_BENCH(name, formula, ref)                                                                   \
    BENCHMARK_CAPTURE(generated_forward, name, formula)->Arg(1 << 16)->Arg(1 << 24);                      \
    BENCHMARK_TEMPLATE(reference_forward, ref)->Name("reference_forward/" #name)->Arg(1 << 16)->Arg(1 << 24); \
    BENCHMARK_CAPTURE(generated_forward_backward, name, formula)->Arg(1 << 16)->Arg(1 << 24);             \
    BENCHMARK_TEMPLATE(reference_forward_backward, ref)->Name("reference_forward_backward/" #name)->Arg(1 << 16)->Arg(1 << 24);

ACTDIFF_BENCH(relu, relu(x), reference::relu)
ACTDIFF_BENCH(sigmoid, sigmoid(x), reference::sigmoid)
ACTDIFF_BENCH(tanh, tanh(x), reference::tanh)
ACTDIFF_BENCH(gelu, gelu(x), reference::gelu)
ACTDIFF_BENCH(gelu_tanh, gelu_tanh(x), reference::gelu_tanh)
ACTDIFF_BENCH(silu, silu(x), reference::swish)
ACTDIFF_BENCH(mish, mish(x), reference::mish)
ACTDIFF_BENCH(elu, elu(x), reference::elu)
ACTDIFF_BENCH(hardswish, hardswish(x), reference::hardswish)
BENCHMARK(memcpy_bound)->Arg(1 << 16)->Arg(1 << 24);

BENCHMARK_MAIN();
