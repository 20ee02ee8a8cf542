// Every one of the 2^32 floats, through the kernels' vector math and through
// the float kernels of the catalog: the largest error in ULP, and every input
// whose result is of the wrong kind (NaN where the value is defined, a number
// where it is not, ∞ for a finite value, or the reverse). Writes
// docs/all-floats.md. On the project's machines (two threads): about 9 minutes
// for the functions; a kernel from 1.5 minutes (tanh) to more than 10 where
// its huge inputs take the guarded path (gelu, sigmoid).
//   all_floats                 # every vector function and every activation
//   all_floats exp gelu ...    # these rows only
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/hana/for_each.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/unpack.hpp>

#include "../tests/accuracy/ulp.hpp"

namespace {
using namespace actdiff;
namespace hana = boost::hana;
using batch = xsimd::batch<float>;

constexpr std::uint64_t all_patterns = std::uint64_t(1) << 32;
constexpr std::uint64_t chunk = std::uint64_t(1) << 16;

// The largest error over one class of results, and the inputs of the wrong kind.
struct tally {
    accuracy::worst normal;     // results whose correctly rounded value is a normal float, ±0 or ±∞
    accuracy::worst subnormal;  // the others (their ULP is the smallest subnormal)
    std::uint64_t subnormals = 0;
    std::uint64_t wrong_kind = 0;
    double first_wrong = 0;

    void add(float value, long double exact, float x) {
        const double error = accuracy::ulps(value, double(exact), exact);
        if (error >= 1e30) {
            if (wrong_kind++ == 0) first_wrong = x;
            return;
        }
        const float rounded = float(exact);
        if (std::abs(rounded) >= std::numeric_limits<float>::min() || rounded == 0 || !std::isfinite(rounded)) {
            normal.update(error, x);
        } else {
            subnormal.update(error, x);
            ++subnormals;
        }
    }
    void merge(const tally& other) {
        normal.update(other.normal.ulps, other.normal.at);
        subnormal.update(other.subnormal.ulps, other.subnormal.at);
        subnormals += other.subnormals;
        if (other.wrong_kind != 0 && wrong_kind == 0) first_wrong = other.first_wrong;
        wrong_kind += other.wrong_kind;
    }
};

// Runs work(first, tallies) over the bit patterns in chunks of `chunk` from
// `first`, on every hardware thread, and merges each thread's tallies.
template <std::size_t N, class Work>
std::array<tally, N> over_all_floats(Work work) {
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::array<tally, N>> partial(threads);
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                for (std::uint64_t first = t * chunk; first < all_patterns; first += threads * chunk) {
                    work(std::uint32_t(first), partial[t]);
                }
            });
        }
    }
    std::array<tally, N> out{};
    for (const auto& p : partial) {
        for (std::size_t i = 0; i < N; ++i) out[i].merge(p[i]);
    }
    return out;
}

std::vector<float> patterns(std::uint32_t first) {
    std::vector<float> xs(chunk);
    for (std::uint32_t i = 0; i < chunk; ++i) xs[i] = std::bit_cast<float>(first + i);
    return xs;
}

std::string cell(const accuracy::worst& w) {
    if (w.ulps == 0) return "0";
    char text[64];
    std::snprintf(text, sizeof text, "%.3g (x = %.4g)", w.ulps, w.at);
    return text;
}
// The subnormal results' column: "none" where no result is subnormal.
std::string subnormal_cell(const tally& t) {
    return t.subnormals == 0 ? "none" : cell(t.subnormal);
}
std::string wrong(const tally& t) {
    if (t.wrong_kind == 0) return "0";
    char text[64];
    std::snprintf(text, sizeof text, "%llu (first x = %.4g)", (unsigned long long)t.wrong_kind, t.first_wrong);
    return text;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One vector function of numeric/xsimd.hpp against libm's double.
template <class Ours, class Reference>
void function_row(const char* name, const char* whose, Ours ours, Reference reference) {
    const auto start = std::chrono::steady_clock::now();
    const auto [t] = over_all_floats<1>([&](std::uint32_t first, std::array<tally, 1>& out) {
        const std::vector<float> xs = patterns(first);
        std::vector<float> ys(xs.size());
        for (std::size_t i = 0; i < xs.size(); i += batch::size) ours(batch::load_unaligned(&xs[i])).store_unaligned(&ys[i]);
        for (std::size_t i = 0; i < xs.size(); ++i) out[0].add(ys[i], (long double)reference(double(xs[i])), xs[i]);
    });
    std::printf("| %s | %s | %s | %s | %s | %.0f |\n", name, whose, cell(t.normal).c_str(), subnormal_cell(t).c_str(),
                wrong(t).c_str(), seconds_since(start));
    std::fflush(stdout);
}

#define ACTDIFF_FUNCTION_ROW(name, whose)                                                                        \
    if (wanted(#name))                                                                                          \
        function_row(#name, whose, [](const batch& u) { return detail::math::name(u); },                        \
                     [](double u) { return std::name(u); })

// One catalog kernel: f and f' of one fused pass against the formula in double.
template <class Entry>
void activation_row(const Entry& entry) {
    const auto start = std::chrono::steady_clock::now();
    const auto k = hana::unpack(entry.inputs, [&](auto... inputs) { return kernel(entry.formula, inputs...); });
    const auto [f, gradient] = over_all_floats<2>([&](std::uint32_t first, std::array<tally, 2>& out) {
        const std::vector<float> xs = patterns(first);
        std::vector<float> ones(xs.size(), 1.0f), ys(xs.size()), gxs(xs.size());
        hana::unpack(entry.parameters, [&](const auto&... p) { k.forward_backward(xs, ones, ys, gxs, (p.symbol = float(p.value))...); });
        const auto exact = accuracy::references(entry, xs);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            out[0].add(ys[i], exact[i][0], xs[i]);
            out[1].add(gxs[i], exact[i][1], xs[i]);
        }
    });
    std::printf("| %s | %s | %s | %s | %s | %s | %s | %.0f |\n", std::string(entry.name).c_str(), cell(f.normal).c_str(),
                cell(gradient.normal).c_str(), subnormal_cell(f).c_str(), subnormal_cell(gradient).c_str(),
                wrong(f).c_str(), wrong(gradient).c_str(), seconds_since(start));
    std::fflush(stdout);
}
}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string_view> asked(argv + 1, argv + argc);
    const auto wanted = [&](std::string_view name) {
        return asked.empty() || std::find(asked.begin(), asked.end(), name) != asked.end();
    };
    constexpr std::string_view functions[] = {"exp", "expm1", "log", "log1p", "tanh", "erf", "erfc", "sin", "cos", "atan"};
    bool known = true;
    for (std::string_view name : asked) {
        bool found = std::find(std::begin(functions), std::end(functions), name) != std::end(functions);
        hana::for_each(catalog::registry, [&](const auto& entry) { found = found || entry.name == name; });
        if (!found) std::fprintf(stderr, "all_floats: no function or activation named '%.*s'\n", int(name.size()), name.data()), known = false;
    }
    if (!known) return 2;

    std::printf("# Every float\n\n"
                "The kernels' float vector math and float kernels at every one of the 2^32 floats: ±0, subnormals,\n"
                "the largest values, ±∞ and every NaN. Errors in ULP of the correctly rounded value, against libm's\n"
                "double for the functions and the same formula in double for the kernels (tests/accuracy/ulp.hpp).\n"
                "\"normal\" counts the results whose rounded value is a normal float, ±0 or ±∞; \"subnormal\" the\n"
                "others, in units of the smallest subnormal. \"Wrong kind\" counts the inputs whose result is NaN\n"
                "where the value is defined, or not NaN where it is not, or ∞ where it is finite, or the reverse.\n\n"
                "Written by `build/bench/bench/all_floats > docs/all-floats.md` (bench/all_floats.cpp, built by\n"
                "`bash bench/run.sh`), %u threads, xsimd %s (%zu floats a batch).\n\n"
                "## Vector functions\n\n"
                "| function | whose | normal | subnormal | wrong kind | seconds |\n|---|---|---|---|---|---|\n",
                std::max(1u, std::thread::hardware_concurrency()), xsimd::default_arch::name(), batch::size);
    std::fflush(stdout);
    ACTDIFF_FUNCTION_ROW(exp, "ours");
    ACTDIFF_FUNCTION_ROW(expm1, "ours");
    ACTDIFF_FUNCTION_ROW(log, "ours");
    ACTDIFF_FUNCTION_ROW(log1p, "ours");
    ACTDIFF_FUNCTION_ROW(tanh, "ours");
    ACTDIFF_FUNCTION_ROW(erf, "ours");
    ACTDIFF_FUNCTION_ROW(erfc, "ours");
    ACTDIFF_FUNCTION_ROW(sin, "xsimd's");
    ACTDIFF_FUNCTION_ROW(cos, "xsimd's");
    ACTDIFF_FUNCTION_ROW(atan, "xsimd's");

    bool any_activation = false;
    hana::for_each(catalog::registry, [&](const auto& entry) { any_activation = any_activation || wanted(entry.name); });
    if (!any_activation) return 0;
    std::printf("\n## Activations\n\n"
                "f and f' of one fused forward+backward pass (the SIMD main loop), parameters at their defaults.\n"
                "The largest f' errors sit where f' crosses zero, where its ULP is tiny.\n\n"
                "| activation | f, normal | f', normal | f, subnormal | f', subnormal | f, wrong kind | f', wrong kind | seconds |\n"
                "|---|---|---|---|---|---|---|---|\n");
    std::fflush(stdout);
    hana::for_each(catalog::registry, [&](const auto& entry) {
        if constexpr (decltype(hana::length(entry.inputs))::value == 1) {
            if (wanted(entry.name)) activation_row(entry);
        }
    });
    std::printf("\nAway from the zeros of f', a large f' error is a derivative that cancels in float. tanh' was one:\n"
                "1 - y² is 0 beyond |x| = 9.01, where the true value is below 10^-7, as in PyTorch; since\n"
                "2026-12-05 the fused pass computes it as 4t/(1 + t)², t = e^(-2|x|) (docs/kernels.md). Where t\n"
                "underflows (|x| > 43.7) an element takes the kernels' guarded path, as σ's does beyond 87.\n");
}
