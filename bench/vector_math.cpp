// The kernels' vector math (numeric/xsimd.hpp: exp, expm1, tanh, log,
// log1p, erf and erfc our own, the rest xsimd's) against xsimd's and Sleef's (Debian's libsleef-dev),
// float, on the machine's widest batch: speed, and the largest error of each
// of our own and its rivals over every 61st float. The measurement behind the choice in docs/kernels.md. Built when
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

// Flattened, so that every library's function is inlined into the loop as in
// a kernel: left as a call, a batch goes through memory, and g++ left some of
// the lambdas out of line and not others.
// The inputs are spread over [lo, hi): [−10, 10) but for log's and log1p's domains.
template <class F>
[[gnu::flatten]] void run(benchmark::State& state, F f, float lo = -10.0f, float hi = 10.0f) {
    std::vector<float> in(1 << 16), out(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = lo + (hi - lo) * float(i) / float(in.size());
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

// The optional arguments after the name are run's input range.
#define ACTDIFF_PAIR_ON(name, u, ...)                                                                    \
    void xsimd_##name(benchmark::State& state) {                                                         \
        run(state, [](batch v) { return xsimd::name(v); } __VA_OPT__(, ) __VA_ARGS__);                   \
    }                                                                                                    \
    void sleef_##name##_##u(benchmark::State& state) {                                                   \
        run(state, [](batch v) { return batch(ACTDIFF_SLEEF(name, u)(v)); } __VA_OPT__(, ) __VA_ARGS__); \
    }                                                                                                    \
    BENCHMARK(xsimd_##name);                                                                             \
    BENCHMARK(sleef_##name##_##u);
#define ACTDIFF_OWN_ON(name, ...)                                                                      \
    void actdiff_##name(benchmark::State& state) {                                                     \
        run(state, [](batch v) { return actdiff::detail::math::name(v); } __VA_OPT__(, ) __VA_ARGS__); \
    }                                                                                                  \
    BENCHMARK(actdiff_##name);
#define ACTDIFF_PAIR(name, u) ACTDIFF_PAIR_ON(name, u)
#define ACTDIFF_OWN(name) ACTDIFF_OWN_ON(name)
ACTDIFF_PAIR(exp, u10)
ACTDIFF_OWN(exp)
ACTDIFF_PAIR(expm1, u10)
ACTDIFF_OWN(expm1)
ACTDIFF_PAIR_ON(log, u10, 0.001f, 20.0f)
ACTDIFF_OWN_ON(log, 0.001f, 20.0f)
ACTDIFF_PAIR_ON(log1p, u10, -0.9f, 10.0f)
ACTDIFF_OWN_ON(log1p, -0.9f, 10.0f)
ACTDIFF_PAIR(tanh, u10)
ACTDIFF_OWN(tanh)
void sleef_tanh_u35(benchmark::State& state) {
    run(state, [](batch v) { return batch(ACTDIFF_SLEEF(tanh, u35)(v)); });
}
BENCHMARK(sleef_tanh_u35);
ACTDIFF_PAIR(erf, u10)
ACTDIFF_OWN(erf)
// erfc over [−7, 7], GELU's arguments for |x| up to 10 (xsimd's takes libm's
// path beyond 9, which [−10, 10] would measure instead).
ACTDIFF_PAIR_ON(erfc, u15, -7.0f, 7.0f)
ACTDIFF_OWN_ON(erfc, -7.0f, 7.0f)

// The largest error in ULP of a float function over every 61st float,
// against double's: ±∞ expected where the value rounds to ±∞, subnormal
// spacing below the normal range.
template <class F, class Exact>
void error(const char* function, const char* library, F f, Exact exact) {
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
            const double value = exact(double(in[j]));
            const double size = std::abs(value);
            double error = 0;
            if (std::isnan(value)) {
                error = std::isnan(out[j]) ? 0 : HUGE_VAL;
            } else if (size >= double(FLT_MAX) * (1 + 0x1p-25)) {
                error = out[j] == std::copysign(HUGE_VALF, float(value)) ? 0 : HUGE_VAL;
            } else {
                const double unit = size < 0x1p-126 ? 0x1p-149 : std::ldexp(1.0, std::ilogb(size) - 23);
                error = std::abs(double(out[j]) - value) / unit;
            }
            if (error > worst) worst = error, at = in[j];
        }
    }
    std::printf("%-5s every %llu-th float: %-9s %.3g ULP at most (at %.9g)\n", function,
                static_cast<unsigned long long>(step), library, worst, double(at));
}
}  // namespace

int main(int argc, char** argv) {
    std::printf("%s, %zu floats a batch\n", xsimd::default_arch::name(), batch::size);
    for (float x : {-88.0f, -95.0f, -103.0f}) {
        std::printf("exp(%g): libm %g, xsimd %g, Sleef %g\n", double(x), double(std::exp(x)),
                    double(xsimd::exp(batch(x)).get(0)), double(batch(ACTDIFF_SLEEF(exp, u10)(batch(x))).get(0)));
    }
    namespace math = actdiff::detail::math;
    const auto exp = [](double u) { return std::exp(u); };
    error("exp", "actdiff", [](batch v) { return math::exp(v); }, exp);
    error("exp", "xsimd", [](batch v) { return xsimd::exp(v); }, exp);
    error("exp", "Sleef u10", [](batch v) { return batch(ACTDIFF_SLEEF(exp, u10)(v)); }, exp);
    const auto expm1 = [](double u) { return std::expm1(u); };
    error("expm1", "actdiff", [](batch v) { return math::expm1(v); }, expm1);
    error("expm1", "xsimd", [](batch v) { return xsimd::expm1(v); }, expm1);
    error("expm1", "Sleef u10", [](batch v) { return batch(ACTDIFF_SLEEF(expm1, u10)(v)); }, expm1);
    const auto tanh = [](double u) { return std::tanh(u); };
    error("tanh", "actdiff", [](batch v) { return math::tanh(v); }, tanh);
    error("tanh", "xsimd", [](batch v) { return xsimd::tanh(v); }, tanh);
    error("tanh", "Sleef u10", [](batch v) { return batch(ACTDIFF_SLEEF(tanh, u10)(v)); }, tanh);
    error("tanh", "Sleef u35", [](batch v) { return batch(ACTDIFF_SLEEF(tanh, u35)(v)); }, tanh);
    const auto log = [](double u) { return std::log(u); };
    error("log", "actdiff", [](batch v) { return math::log(v); }, log);
    error("log", "xsimd", [](batch v) { return xsimd::log(v); }, log);
    error("log", "Sleef u10", [](batch v) { return batch(ACTDIFF_SLEEF(log, u10)(v)); }, log);
    const auto log1p = [](double u) { return std::log1p(u); };
    error("log1p", "actdiff", [](batch v) { return math::log1p(v); }, log1p);
    error("log1p", "xsimd", [](batch v) { return xsimd::log1p(v); }, log1p);
    error("log1p", "Sleef u10", [](batch v) { return batch(ACTDIFF_SLEEF(log1p, u10)(v)); }, log1p);
    const auto erf = [](double u) { return std::erf(u); };
    error("erf", "actdiff", [](batch v) { return math::erf(v); }, erf);
    error("erf", "xsimd", [](batch v) { return xsimd::erf(v); }, erf);
    error("erf", "Sleef u10", [](batch v) { return batch(ACTDIFF_SLEEF(erf, u10)(v)); }, erf);
    const auto erfc = [](double u) { return std::erfc(u); };
    error("erfc", "actdiff", [](batch v) { return math::erfc(v); }, erfc);
    error("erfc", "xsimd", [](batch v) { return xsimd::erfc(v); }, erfc);
    error("erfc", "Sleef u15", [](batch v) { return batch(ACTDIFF_SLEEF(erfc, u15)(v)); }, erfc);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
}
