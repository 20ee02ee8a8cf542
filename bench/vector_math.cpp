// xsimd's vector math against Sleef's (Debian's libsleef-dev), float, on the
// machine's widest batch: the measurement behind using xsimd's functions in
// the kernels (docs/kernels.md). Built when Sleef is installed:
//   build/bench/bench/bench_vector_math
#include <cmath>
#include <cstdio>
#include <vector>

#include <benchmark/benchmark.h>
#include <xsimd/xsimd.hpp>

#include <sleef.h>

namespace {
using batch = xsimd::batch<float>;

template <class F>
void run(benchmark::State& state, F f) {
    std::vector<float> in(1 << 16), out(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = -10.0f + 20.0f * float(i) / float(in.size());
    for (auto _ : state) {
        for (std::size_t i = 0; i + batch::size <= in.size(); i += batch::size) {
            f(batch::load_unaligned(&in[i])).store_unaligned(&out[i]);
        }
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(in.size()));
}

// Sleef's function for the batch width of this build.
// (accuracy variant u10: 1.0 ULP; Sleef's erfc exists only as u15).
#if defined(__AVX512F__)
#define ACTDIFF_SLEEF(name, u) Sleef_##name##f16_##u
#elif defined(__AVX2__)
#define ACTDIFF_SLEEF(name, u) Sleef_##name##f8_##u
#else
#define ACTDIFF_SLEEF(name, u) Sleef_##name##f4_##u
#endif

#define ACTDIFF_PAIR(name, u)                                                                                \
    void xsimd_##name(benchmark::State& state) { run(state, [](batch v) { return xsimd::name(v); }); }       \
    void sleef_##name(benchmark::State& state) {                                                             \
        run(state, [](batch v) { return batch(ACTDIFF_SLEEF(name, u)(v)); });                                \
    }                                                                                                        \
    BENCHMARK(xsimd_##name);                                                                                 \
    BENCHMARK(sleef_##name);
ACTDIFF_PAIR(exp, u10)
ACTDIFF_PAIR(expm1, u10)
ACTDIFF_PAIR(log1p, u10)
ACTDIFF_PAIR(tanh, u10)
ACTDIFF_PAIR(erf, u10)
ACTDIFF_PAIR(erfc, u15)
}  // namespace

int main(int argc, char** argv) {
    std::printf("%s, %zu floats a batch\n", xsimd::default_arch::name(), batch::size);
    for (float x : {-88.0f, -95.0f, -103.0f}) {
        std::printf("exp(%g): libm %g, xsimd %g, Sleef %g\n", double(x), double(std::exp(x)),
                    double(xsimd::exp(batch(x)).get(0)), double(batch(ACTDIFF_SLEEF(exp, u10)(batch(x))).get(0)));
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
}
