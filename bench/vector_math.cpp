// The kernels' vector math (numeric/xsimd.hpp: exp our own, the rest xsimd's)
// against xsimd's and Sleef's (Debian's libsleef-dev), float, on the
// machine's widest batch: speed, and exp's largest error over every 61st
// float. The measurement behind the choice in docs/kernels.md. Built when
// Sleef is installed:
//   build/bench/bench/bench_vector_math
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include <benchmark/benchmark.h>
#include <xsimd/xsimd.hpp>

#include <sleef.h>

#include <actdiff/numeric/xsimd.hpp>

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
void actdiff_exp(benchmark::State& state) { run(state, [](batch v) { return actdiff::detail::math::exp(v); }); }
BENCHMARK(actdiff_exp);
ACTDIFF_PAIR(expm1, u10)
ACTDIFF_PAIR(log1p, u10)
ACTDIFF_PAIR(tanh, u10)
ACTDIFF_PAIR(erf, u10)
ACTDIFF_PAIR(erfc, u15)
// The largest error in ULP of a float exp over every 61st float, against
// double's: ∞ expected where the value rounds to ∞, subnormal spacing below
// the normal range.
template <class F>
void exp_error(const char* name, F f) {
    double worst = 0;
    float at = 0;
    alignas(64) float in[batch::size], out[batch::size];
    constexpr std::uint64_t step = 61;
    for (std::uint64_t bits = 0; bits < (std::uint64_t(1) << 32); bits += step * batch::size) {
        for (std::size_t j = 0; j < batch::size; ++j) {
            const auto pattern = std::uint32_t(bits + j * step);
            std::memcpy(&in[j], &pattern, sizeof pattern);
        }
        f(batch::load_aligned(in)).store_aligned(out);
        for (std::size_t j = 0; j < batch::size; ++j) {
            const double exact = std::exp(double(in[j]));
            double error = 0;
            if (std::isnan(exact)) {
                error = std::isnan(out[j]) ? 0 : HUGE_VAL;
            } else if (exact >= double(FLT_MAX) * (1 + 0x1p-25)) {
                error = out[j] == HUGE_VALF ? 0 : HUGE_VAL;
            } else {
                const double unit = exact < 0x1p-126 ? 0x1p-149 : std::ldexp(1.0, std::ilogb(exact) - 23);
                error = std::abs(double(out[j]) - exact) / unit;
            }
            if (error > worst) worst = error, at = in[j];
        }
    }
    std::printf("exp, every %llu-th float: %-8s %.3g ULP at most (at %.9g)\n", static_cast<unsigned long long>(step),
                name, worst, double(at));
}
}  // namespace

int main(int argc, char** argv) {
    std::printf("%s, %zu floats a batch\n", xsimd::default_arch::name(), batch::size);
    for (float x : {-88.0f, -95.0f, -103.0f}) {
        std::printf("exp(%g): libm %g, xsimd %g, Sleef %g\n", double(x), double(std::exp(x)),
                    double(xsimd::exp(batch(x)).get(0)), double(batch(ACTDIFF_SLEEF(exp, u10)(batch(x))).get(0)));
    }
    exp_error("actdiff", [](batch v) { return actdiff::detail::math::exp(v); });
    exp_error("xsimd", [](batch v) { return xsimd::exp(v); });
    exp_error("Sleef", [](batch v) { return batch(ACTDIFF_SLEEF(exp, u10)(v)); });
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
}
