// The vector math of our own (numeric/xsimd.hpp) against double precision,
// over a dense sample of every float: each bit pattern a step apart, so that
// every binade, subnormal results, overflow, ±0, ±∞ and NaN are covered.
// The whole 2^32 (step 1) took 98 s on one core in Release.
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <actdiff/numeric/xsimd.hpp>

#include "../support.hpp"

#if ACTDIFF_KERNEL_SIMD
namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr std::uint64_t step = 1021;  // unoptimised under the sanitizers
#else
constexpr std::uint64_t step = 61;
#endif
#elif defined(__SANITIZE_ADDRESS__)
constexpr std::uint64_t step = 1021;
#else
constexpr std::uint64_t step = 61;
#endif

// |got − exact| in units of the last place of exact as a float (subnormal
// spacing below the normal range); ∞ expected where exact rounds to ∞.
double ulp_error(float got, double exact) {
    if (std::isnan(exact)) return std::isnan(got) ? 0 : HUGE_VAL;
    if (exact >= double(FLT_MAX) * (1 + 0x1p-25)) return got == HUGE_VALF ? 0 : HUGE_VAL;
    // Below the normal range (0 included, where ilogb has no exponent to give) the spacing is 2^−149.
    const double unit = exact < 0x1p-126 ? 0x1p-149 : std::ldexp(1.0, std::ilogb(exact) - 23);
    return std::abs(double(got) - exact) / unit;
}

}  // namespace

TEST_CASE("float exp is within 1.1 ULP over a dense sample of every float", "[numeric]") {
    using batch = xsimd::batch<float>;
    namespace math = actdiff::detail::math;
    double worst = 0;
    float worst_at = 0;
    std::uint64_t checked = 0;
    alignas(64) float in[batch::size], out[batch::size];
    for (std::uint64_t bits = 0; bits < (std::uint64_t(1) << 32); bits += step * batch::size) {
        for (std::size_t j = 0; j < batch::size; ++j) {
            const auto pattern = std::uint32_t(bits + j * step);
            std::memcpy(&in[j], &pattern, sizeof pattern);
        }
        math::exp(batch::load_aligned(in)).store_aligned(out);
        for (std::size_t j = 0; j < batch::size; ++j) {
            const double error = ulp_error(out[j], std::exp(double(in[j])));
            ++checked;
            if (error > worst) worst = error, worst_at = in[j];
        }
    }
    // The edges themselves: the last finite result, the first ∞, the smallest results.
    for (const float u : {88.72283172607422f, 88.72283935546875f, -87.33654022216797f, -103.27892303466797f,
                          -103.97207641601562f, -104.0f, 0.0f, -0.0f}) {
        const double error = ulp_error(math::exp(batch(u)).get(0), std::exp(double(u)));
        ++checked;
        if (error > worst) worst = error, worst_at = u;
    }
    INFO(checked << " floats; worst " << worst << " ULP at " << worst_at);
    CHECK(worst <= 1.1);
    CHECK(std::isnan(math::exp(batch(NAN)).get(0)));
    CHECK(math::exp(batch(-HUGE_VALF)).get(0) == 0.0f);
    CHECK(math::exp(batch(HUGE_VALF)).get(0) == HUGE_VALF);
}
#endif
