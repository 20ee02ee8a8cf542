// SIMD evaluation with xsimd (Debian's libxsimd-dev): the primitives'
// evaluate<T> runs on xsimd::batch<T> through the math dispatch of
// numeric/math.hpp, which finds xsimd's functions by argument-dependent
// lookup. Where xsimd 8 falls short of the scalar library, this header fills
// the dispatch's `replacement` hook for batches; the laws test
// (tests/laws/primitive.cpp) checks every primitive's SIMD values against
// its scalar ones. Without xsimd, or with ACTDIFF_NO_SIMD, there are no batches.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <actdiff/numeric/math.hpp>

#if __has_include(<xsimd/xsimd.hpp>) && !defined(ACTDIFF_NO_SIMD)
// g++ 12 at -O2 with the sanitizers reports a false -Wmaybe-uninitialized in
// xsimd 8's large-argument reduction for sin and cos (xsimd_rem_pio2.hpp),
// after inlining into our kernels; the state at the header's own lines decides.
// With AVX-512 it reports a false -Wuninitialized in its own intrinsics'
// _mm512_undefined_* (GCC bug 105593, fixed in g++ 13): <immintrin.h> is
// included here first, so that its lines are inside the same state.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#if defined(__AVX512F__) && __has_include(<immintrin.h>)
#include <immintrin.h>
#endif
#endif
#include <xsimd/xsimd.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#define ACTDIFF_KERNEL_SIMD 1
#else
#define ACTDIFF_KERNEL_SIMD 0
#endif

#if ACTDIFF_KERNEL_SIMD
namespace actdiff::detail::math {

// exp's table where the target has a 16-lane permute (exp_float): 2^(k/16),
// k = 0…15, rounded to float, and the rounding's relative error
// (2^(k/16) − value)/value, rounded to float.
struct exp2_sixteenths {
    alignas(64) static constexpr float value[16] = {
        0x1p+0f,        0x1.0b5586p+0f, 0x1.172b84p+0f, 0x1.2387a6p+0f, 0x1.306fe0p+0f, 0x1.3dea64p+0f,
        0x1.4bfdaep+0f, 0x1.5ab07ep+0f, 0x1.6a09e6p+0f, 0x1.7a1148p+0f, 0x1.8ace54p+0f, 0x1.9c4918p+0f,
        0x1.ae89fap+0f, 0x1.c199bep+0f, 0x1.d5818ep+0f, 0x1.ea4afap+0f};
    alignas(64) static constexpr float correction[16] = {
        0.0f,            0x1.8d96d4p-25f,  -0x1.9c0c22p-27f, 0x1.964904p-25f,  0x1.125002p-25f,  0x1.370be4p-25f,
        -0x1.0a3550p-25f, -0x1.00d8acp-27f, 0x1.26055cp-26f,  -0x1.05cb44p-25f, 0x1.67a1cap-28f,  0x1.a3b5e4p-28f,
        -0x1.f9c304p-27f, -0x1.6961b4p-28f, -0x1.a5217cp-28f, 0x1.61428ep-28f};
};

// erfc_tail's three pieces (erfc_float), for a in [0, 0.5), [0.5, 2.5) and
// [2.5, 10.1]: the center of t = 1/(1 + a/2) on each, the constant term of q
// in two parts, and the other coefficients, highest first. Rows of 16, so
// that AVX-512 reads a lane's piece with one permute.
struct erfc_pieces {
    alignas(64) static constexpr float center[16] = {8.999999762e-01f, 6.222222447e-01f, 3.048668504e-01f};
    alignas(64) static constexpr float constant[16] = {8.793898225e-01f, 6.033526063e-01f, 3.966878951e-01f};
    alignas(64) static constexpr float constant_rest[16] = {7.691735249e-09f, -6.685139997e-09f, -1.306304753e-08f};
    alignas(64) static constexpr float coefficient[7][16] = {
        {-4.458674788e-02f, -1.841683313e-02f, 1.029490978e-01f},
        {1.878065988e-02f, 1.071882918e-01f, -3.375259042e-02f},
        {9.009411931e-02f, -2.286371402e-02f, -1.484742761e-01f},
        {-1.455048621e-01f, -2.110902220e-01f, -3.579466790e-02f},
        {-1.627337933e-01f, 5.005371198e-02f, 2.298379391e-01f},
        {5.431139469e-01f, 5.954294801e-01f, 4.437110424e-01f},
        {1.153553724e+00f, 8.289688230e-01f, 4.898974895e-01f}};
};

template <class T, class A>
struct replacement<xsimd::batch<T, A>> {
    using batch = xsimd::batch<T, A>;
    static constexpr long double ln2 = 0.693147180559945309417232121458176568L;

    // u with the lower half of its significand cleared, as detail::high_half
    // does for scalars (Dekker's product in primitive/rounding.hpp).
    [[gnu::always_inline]] static batch high_half(const batch& u) {
        using integers = xsimd::batch<std::conditional_t<std::is_same_v<T, float>, std::int32_t, std::int64_t>, A>;
        using bits = typename integers::value_type;
        constexpr bits mask = std::is_same_v<T, float> ? bits(0xFFFFF000u) : bits(0xFFFFFFFFF8000000u);
        return xsimd::bitwise_cast<batch>(xsimd::bitwise_cast<integers>(u) & integers(mask));
    }

    // a·b + c rounded once, where the target has a fused multiply-add: the
    // intrinsic, as xsimd 8's fma on AVX-512 is a·b + c, which only an
    // optimising compiler contracts. (Told apart by size: std::is_same on
    // vector types warns that it ignores their attributes.)
#if defined(__AVX512F__) || defined(__FMA__)
    static constexpr std::size_t register_bytes = sizeof(typename batch::register_type);
    static constexpr bool fused_product =
#if defined(__AVX512F__)
        register_bytes == 64 ||
#endif
#if defined(__FMA__)
        register_bytes == 32 || register_bytes == 16 ||
#endif
        false;
    [[gnu::always_inline]] static batch fused_multiply_add(const batch& a, const batch& b, const batch& c)
        requires fused_product
    {
        constexpr bool single = std::is_same_v<T, float>;
#if defined(__AVX512F__)
        if constexpr (register_bytes == 64 && single) return batch(_mm512_fmadd_ps(a, b, c));
        if constexpr (register_bytes == 64 && !single) return batch(_mm512_fmadd_pd(a, b, c));
#endif
#if defined(__FMA__)
        if constexpr (register_bytes == 32 && single) return batch(_mm256_fmadd_ps(a, b, c));
        if constexpr (register_bytes == 32 && !single) return batch(_mm256_fmadd_pd(a, b, c));
        if constexpr (register_bytes == 16 && single) return batch(_mm_fmadd_ps(a, b, c));
        if constexpr (register_bytes == 16 && !single) return batch(_mm_fmadd_pd(a, b, c));
#endif
    }
    // a·b − p exactly, for p = fl(a·b); elsewhere primitive/rounding.hpp uses
    // Dekker's product.
    [[gnu::always_inline]] static batch product_error(const batch& a, const batch& b, const batch& p)
        requires fused_product
    {
        return fused_multiply_add(a, b, -p);
    }
#endif

    // a > b ? a : b and a < b ? a : b (numeric/math.hpp): on x86, maxps and
    // minps are exactly these, NaN and signed zeros included.
#if defined(__SSE2__)
    static constexpr std::size_t vector_bytes = sizeof(typename batch::register_type);
    [[gnu::always_inline]] static batch larger_of(const batch& a, const batch& b) {
        constexpr bool single = std::is_same_v<T, float>;
#if defined(__AVX512F__)
        if constexpr (vector_bytes == 64 && single) return batch(_mm512_max_ps(a, b));
        if constexpr (vector_bytes == 64 && !single) return batch(_mm512_max_pd(a, b));
#endif
#if defined(__AVX__)
        if constexpr (vector_bytes == 32 && single) return batch(_mm256_max_ps(a, b));
        if constexpr (vector_bytes == 32 && !single) return batch(_mm256_max_pd(a, b));
#endif
        if constexpr (vector_bytes == 16 && single) return batch(_mm_max_ps(a, b));
        if constexpr (vector_bytes == 16 && !single) return batch(_mm_max_pd(a, b));
    }
    [[gnu::always_inline]] static batch smaller_of(const batch& a, const batch& b) {
        constexpr bool single = std::is_same_v<T, float>;
#if defined(__AVX512F__)
        if constexpr (vector_bytes == 64 && single) return batch(_mm512_min_ps(a, b));
        if constexpr (vector_bytes == 64 && !single) return batch(_mm512_min_pd(a, b));
#endif
#if defined(__AVX__)
        if constexpr (vector_bytes == 32 && single) return batch(_mm256_min_ps(a, b));
        if constexpr (vector_bytes == 32 && !single) return batch(_mm256_min_pd(a, b));
#endif
        if constexpr (vector_bytes == 16 && single) return batch(_mm_min_ps(a, b));
        if constexpr (vector_bytes == 16 && !single) return batch(_mm_min_pd(a, b));
    }
    // 1/u to 14 bits (vrcp14, AVX-512) or 11 (rcpps); a division for double
    // without AVX-512.
    [[gnu::always_inline]] static batch reciprocal_estimate(const batch& u) {
        constexpr bool single = std::is_same_v<T, float>;
#if defined(__AVX512F__)
        if constexpr (vector_bytes == 64 && single) return batch(_mm512_rcp14_ps(u));
        if constexpr (vector_bytes == 64 && !single) return batch(_mm512_rcp14_pd(u));
#endif
#if defined(__AVX512VL__)
        if constexpr (vector_bytes == 32 && single) return batch(_mm256_rcp14_ps(u));
        if constexpr (vector_bytes == 32 && !single) return batch(_mm256_rcp14_pd(u));
        if constexpr (vector_bytes == 16 && single) return batch(_mm_rcp14_ps(u));
        if constexpr (vector_bytes == 16 && !single) return batch(_mm_rcp14_pd(u));
#endif
#if defined(__AVX__)
        if constexpr (vector_bytes == 32 && single) return batch(_mm256_rcp_ps(u));
#endif
        if constexpr (vector_bytes == 16 && single) return batch(_mm_rcp_ps(u));
        if constexpr (!single) return batch(1.0) / u;
    }
#endif

    // exp in float is our own (below): 0.78 ULP with AVX-512 (the table) and
    // 0.95 with FMA alone at worst over all 2^32 floats, subnormal results and
    // the last values below overflow included, against xsimd 8's 1.53 and its
    // 0 for subnormal results.
    // xsimd's double exp returns 0 already at u = log(min) itself (e^−708.396…
    // would be 0, not 2.2e−308), and ∞ in the last half-unit below the
    // overflow threshold. Those lanes take (e^(u/2))², whose half is in range
    // and exact; the common case costs two compares.
    [[gnu::always_inline]] static batch exp(const batch& u) {
        if constexpr (std::is_same_v<T, float>) {
            return exp_float(u);
        } else {
            const batch result = xsimd::exp(u);
            const auto subnormal = u <= batch(T(std::log(std::numeric_limits<T>::min())));
            const auto near_overflow = u > batch(T(std::log(std::numeric_limits<T>::max()) - 1));
            if (!xsimd::any(subnormal | near_overflow)) [[likely]] return result;
            return exp_by_halves(u, result, subnormal | near_overflow);
        }
    }
    // tanh on two sides of |u| = 3/4: below, tanh_near_zero; above, with u's sign, tanh_from_exp(e^(−2|u|))
    // (numeric/math.hpp), the steps of a kernel's form of tanh beside its
    // derivative, which shares the exp. Each side is computed only where a
    // lane needs it (either); NaN takes the side below. In float 1.12 ULP at
    // worst over all 2^32 floats (against xsimd 8's 1.35).
    [[gnu::always_inline]] static batch tanh(const batch& u) {
        const batch a = xsimd::abs(u);
        const auto from_exp = [&] {
            return xsimd::bitwise_or(detail::math::tanh_from_exp(exp(-(batch(T(2)) * a))), xsimd::bitwise_and(u, batch(T(-0.0))));
        };
        const auto near_zero = [&] { return tanh_near_zero(u); };
        return either(a >= batch(T(detail::math::tanh_split)), from_exp, near_zero);
    }
    // tanh for |u| < 3/4: in float our own, |u| + |u|³·q(u²), q of degree 5
    // interpolating (tanh a − a)/a³ at the 6 Chebyshev nodes of u² in
    // [0, 0.5625] (relative error 1.0e−8), with u's sign; in double xsimd's.
    [[gnu::always_inline]] static batch tanh_near_zero(const batch& u) {
        if constexpr (std::is_same_v<T, float>) {
            const batch a = xsimd::abs(u);
            const batch s = a * a;
            batch q = batch(1.909502433e-03f);
            q = xsimd::fma(q, s, batch(-7.933807559e-03f));
            q = xsimd::fma(q, s, batch(2.161531895e-02f));
            q = xsimd::fma(q, s, batch(-5.393585190e-02f));
            q = xsimd::fma(q, s, batch(1.333317906e-01f));
            q = xsimd::fma(q, s, batch(-3.333333135e-01f));
            return xsimd::bitwise_or(xsimd::fma(a * s, q, a), xsimd::bitwise_and(u, batch(-0.0f)));
        } else {
            return xsimd::tanh(u);
        }
    }
    // expm1 in float is our own (below): 1.31 ULP at worst over all 2^32
    // floats, against xsimd 8's 2.0. In double, e^u − 1 where −1 no longer
    // counts is e^u, and takes exp's fix for large u.
    [[gnu::always_inline]] static batch expm1(const batch& u) {
        if constexpr (std::is_same_v<T, float>) {
            return expm1_float(u);
        } else {
            const auto large = u > batch(T(std::numeric_limits<T>::digits));
            if (!xsimd::any(large)) [[likely]] return xsimd::expm1(u);
            return expm1_large(u, large);
        }
    }
    // log and log1p in float are our own (below): 1.04 ULP at worst over all
    // 2^32 floats with FMA, against xsimd 8's 0.75 and 0.74, at 1.9 and 1.5
    // times their speed.
    // xsimd's double log is off by 2 at subnormal inputs; there, log(u·2^k) − k·ln 2.
    [[gnu::always_inline]] static batch log(const batch& u) {
        if constexpr (std::is_same_v<T, float>) return log_float(u);
        const batch result = xsimd::log(u);
        const auto subnormal = u < batch(std::numeric_limits<T>::min()) && u > batch(T(0));
        if (!xsimd::any(subnormal)) [[likely]] return result;
        return log_subnormal(u, result, subnormal);
    }
    [[gnu::always_inline]] static batch log1p(const batch& u) {
        if constexpr (std::is_same_v<T, float>) {
            return log1p_float(u);
        } else {
            return xsimd::log1p(u);
        }
    }
    // erf in float is our own (below), from erfc's pieces. xsimd 8's is NaN
    // at the largest finite inputs, and its double erf is off by 11 ULP at
    // u = 0.49: double lanes take libm's.
    [[gnu::always_inline]] static batch erf(const batch& u) {
        if constexpr (std::is_same_v<T, double>) {
            return by_lanes(u, [](T v) { return std::erf(v); });
        } else {
            return erf_float(u);
        }
    }
    // erfc in float is our own (below): 2.65 ULP at worst over all 2^32 floats,
    // against xsimd 8's 72 (its e^(−u²) takes u² rounded). xsimd 8's double
    // erfc is off by 23 ULP at u = 0.49, 27 at −2.2 and 2·10⁻¹¹ relative
    // beyond 3: double lanes take libm's.
    static batch erfc(const batch& u) {
        if constexpr (std::is_same_v<T, float>) {
            return erfc_float(u);
        } else {
            return by_lanes(u, [](T v) { return std::erfc(v); });
        }
    }
    // f of each lane, by a scalar function.
    template <class Scalar>
    static batch by_lanes(const batch& u, Scalar f) {
        alignas(64) T values[batch::size];
        u.store_aligned(values);
        for (std::size_t j = 0; j < batch::size; ++j) values[j] = f(values[j]);
        return batch::load_aligned(values);
    }

  private:
    using integers = xsimd::batch<std::int32_t, A>;
    // 2^k for integer lanes k with 2^k a normal float: k + 127 in the exponent field.
    [[gnu::always_inline]] static batch power_of_two(const integers& k) {
        return xsimd::bitwise_cast<batch>((k + integers(127)) << 23);
    }
    // AVX-512's scalef (float lanes, as the callers): p·2^n for an integral float n in one instruction that
    // rounds once, to ∞ above the range and to a subnormal or 0 below it.
#if defined(__AVX512F__)
    static constexpr bool has_scalef = std::is_same_v<T, float> && sizeof(typename batch::register_type) == 64;
#else
    static constexpr bool has_scalef = false;
#endif
    // p·2^n for p in [1/2, 2] and integral n: with scalef, for any |n| ≤ 512
    // (and p·2^floor(n) for any n); without it, for 2^n a normal float.
    [[gnu::always_inline]] static batch scaled(const batch& p, const batch& n) {
#if defined(__AVX512F__)
        if constexpr (has_scalef) return batch(_mm512_scalef_ps(p, n));
#endif
        return p * power_of_two(xsimd::batch_cast<std::int32_t>(n));
    }
    // Where exp's fast path holds: |u| below this. n·ln2_hi stays exact to
    // |n| = 512; with scalef the scaling itself overflows and underflows as
    // it should; without it, 2^n must be a normal float.
    static constexpr float exp_fast_bound = has_scalef ? 160.0f : 87.0f;
    // e^u = 2^n·e^r, n = round(u/ln 2), r = u − n·ln 2 in [−ln2/2, ln2/2]:
    // n·ln 2 in two parts, the first with 8 trailing zero bits, so that n·ln2_hi
    // is exact and r loses nothing. e^r = 1 + r + r²·q(r), q of degree 4
    // interpolating (e^r − 1 − r)/r² at the 5 Chebyshev nodes of the interval
    // (relative error 1.0e−8 there, a sixth of a ULP). With FMA, exp takes it by
    // Horner's rule to the end, 1 + r·(1 + r·q): one operation fewer than adding
    // r + r²q to 1, and 0.95 ULP at worst over all floats against 1.08
    // (exp_of_reduced). With scalef, exp takes the table instead
    // (exp_by_table). The scaling by 2^n is `scaled`; lanes beyond
    // exp_fast_bound, and NaN, take the rare path.
    // The reduction and q(r), shared by exp and expm1: returns n, sets r and q.
    [[gnu::always_inline]] static batch exp_reduce(const batch& u, batch& r, batch& q) {
        const batch n = xsimd::nearbyint(u * batch(1.44269504088896341f));
        r = xsimd::fnma(n, batch(0.693145751953125f), u);
        r = xsimd::fnma(n, batch(1.42860682030941723212e-6f), r);
        q = batch(1.39261761199353243445e-3f);
        q = xsimd::fma(q, r, batch(8.36317307451371104926e-3f));
        q = xsimd::fma(q, r, batch(4.16665546620505371694e-2f));
        q = xsimd::fma(q, r, batch(1.66665770255979881948e-1f));
        q = xsimd::fma(q, r, batch(0.5f));
        return n;
    }
    // e^r from exp_reduce's r and q: 1 + r·(1 + r·q) in two fused steps where
    // the target has them; else 1 + (r + r²q), as the same steps rounded twice
    // reach 1.19 ULP.
    [[gnu::always_inline]] static batch exp_of_reduced(const batch& r, const batch& q) {
#if defined(__AVX512F__) || defined(__FMA__)
        if constexpr (fused_product) {
            return fused_multiply_add(fused_multiply_add(q, r, batch(1.0f)), r, batch(1.0f));
        }
#endif
        return batch(1.0f) + xsimd::fma(r * r, q, r);
    }
#if defined(__AVX512F__)
    // Tang's method with a table of 16 (exp2_sixteenths), where the target has
    // scalef and a 16-lane permute: m = round(16u/ln 2), v = m/16, e^u =
    // 2^floor(v)·2^(k/16)·e^t with k = m mod 16 and t = u − v·ln 2 in
    // [−ln2/32, ln2/32]. Adding 1.5·2^19 to u/ln 2 rounds it to a sixteenth
    // and leaves m's low bits, k, at the bottom of the significand, where the
    // permute reads its index. v·ln2_hi is exact (12 bits each). The table's value rounds
    // 2^(k/16) by up to half a unit; its correction c_k goes into t, as
    // value·e^(t + c_k) = 2^(k/16)·e^t to the second order, so that the
    // result rounds only at the end. e^t = 1 + t·(1 + c2·t + c3·t²),
    // interpolating at the Chebyshev nodes (relative error 4.7e−9).
    // Against the polynomial of degree 6 over [−ln2/2, ln2/2]: a chain of 8
    // dependent operations instead of 11, and 0.62 ULP at worst in the normal
    // range over all floats against 0.95. Returns e^u/2^floor(v) and sets v,
    // whose floor scalef takes as the exponent.
    [[gnu::always_inline]] static batch exp_by_table(const batch& u, batch& v) {
        const batch shift(0x1.8p19f);
        const batch shifted = fused_multiply_add(u, batch(0x1.715476p+0f), shift);
        const __m512i k = _mm512_castps_si512(shifted);
        const batch value(_mm512_permutexvar_ps(k, _mm512_load_ps(exp2_sixteenths::value)));
        const batch correction(_mm512_permutexvar_ps(k, _mm512_load_ps(exp2_sixteenths::correction)));
        v = shifted - shift;
        const batch t = xsimd::fnma(v, batch(0x1.62ep-1f), u) + fused_multiply_add(v, batch(-0x1.0bfbe8p-15f), correction);
        const batch p = fused_multiply_add(fused_multiply_add(batch(0x1.55565cp-3f), t, batch(0x1.000148p-1f)), t, batch(1.0f));
        return fused_multiply_add(t * value, p, value);
    }
#endif
    // e^u/2^floor(n), and n: by the table with scalef, else by the polynomial.
    [[gnu::always_inline]] static batch exp_unscaled(const batch& u, batch& n) {
#if defined(__AVX512F__)
        if constexpr (has_scalef) return exp_by_table(u, n);
#endif
        batch r, q;
        n = exp_reduce(u, r, q);
        return exp_of_reduced(r, q);
    }
    [[gnu::always_inline]] static batch exp_float(const batch& u) {
        batch n;
        const batch p = exp_unscaled(u, n);
        if (!xsimd::any(!(xsimd::abs(u) < batch(exp_fast_bound)))) [[likely]] return scaled(p, n);
        return exp_float_rare(u, xsimd::floor(n), p);
    }
    // e^u − 1 = 2^n·(r + r²q) + (2^n − 1), the same reduction as exp's, with
    // u raised to −30 (where the value rounds to −1) so that 2^n is normal.
    // Summed as (2^n·r + (2^n − 1)) + 2^n·r²·q: two roundings near the
    // result's size, where rounding r + r²q first would double its error at
    // n = 1. expm1 has the sign of u, so its sign bit keeps −0. Above u = 80,
    // e^u − 1 is e^u, taken with exp's overflow; NaN lanes go there too.
    [[gnu::always_inline]] static batch expm1_float(const batch& u) {
        batch r, q;
        const batch n = exp_reduce(xsimd::max(u, batch(-30.0f)), r, q);
        const batch scale = scaled(batch(1.0f), n);
        const batch linear = xsimd::fma(scale, r, scale - batch(1.0f));
        const batch result = xsimd::bitwise_or(xsimd::fma(scale * (r * r), q, linear), xsimd::bitwise_and(u, batch(-0.0f)));
        if (!xsimd::any(!(u <= batch(80.0f)))) [[likely]] return result;
        return expm1_float_rare(u, result);
    }
    // take ? first() : second(), lane by lane, each side computed only where a lane needs it.
    template <class First, class Second>
    [[gnu::always_inline]] static batch either(const xsimd::batch_bool<T, A>& take, const First& first, const Second& second) {
        if (xsimd::all(take)) return first();
        if (!xsimd::any(take)) return second();
        return xsimd::select(take, first(), second());
    }
    // erfc(u) from erfc_tail at every u: for u < 0, 2 − erfc|u|, in (1, 2),
    // so that one exp serves both signs and a batch with lanes on both
    // (GELU's) takes no second form. Near 0 the tail's t·q(t) is erfc to its
    // last bits, where 1 − erf(u) would cancel.
    [[gnu::always_inline]] static batch erfc_float(const batch& u) {
        const batch positive = erfc_tail(xsimd::abs(u));
        return xsimd::select(xsimd::isnan(u), u, xsimd::select(u < batch(0.0f), batch(2.0f) - positive, positive));
    }
    // erf(u) = ±(1 − erfc|u|) from |u| = 1 on, with erfc ≤ 0.16 from its
    // cheaper form; below, u·c₀ + rest rounded once. The sign goes back last,
    // so that erf(−0) = −0. 10.1, erfc's cap, gives ±1.
    [[gnu::always_inline]] static batch erf_float(const batch& u) {
        const batch magnitude = xsimd::abs(u);
        const auto from_exp = [&] { return batch(1.0f) - erfc_tail<false>(magnitude); };
        const auto near_zero = [&] {
            const batch rest = erf_rest(magnitude), c0(erf_leading);
#if defined(__AVX512F__) || defined(__FMA__)
            if constexpr (fused_product) return fused_multiply_add(magnitude, c0, rest);
#endif
            const batch head = magnitude * c0;
            return head + (rest + detail::product_error(magnitude, c0, head));
        };
        const batch result = either(magnitude >= batch(1.0f), from_exp, near_zero);
        return xsimd::select(xsimd::isnan(u), u, xsimd::bitwise_or(result, xsimd::bitwise_and(u, batch(-0.0f))));
    }
    // erf(u) = u·(c₀ + c₀′ + u²·q(u²)) for |u| ≤ 1, c₀ + c₀′ = 2/√π in two
    // parts, q of degree 5 interpolating (erf(u)/u − 2/√π)/u² at the Chebyshev
    // nodes of u² in [0, 1] (before rounding, 1.4·10⁻⁸ of erf off): this is
    // the rest, u·(c₀′ + u²·q(u²)), beside u·c₀, most of erf.
    static constexpr float erf_leading = 1.128379226e+00f;
    [[gnu::always_inline]] static batch erf_rest(const batch& u) {
        const batch s = u * u;
        batch q = xsimd::fma(batch(8.379755309e-05f), s, batch(-8.161986480e-04f));
        q = xsimd::fma(q, s, batch(5.204578862e-03f));
        q = xsimd::fma(q, s, batch(-2.686169930e-02f));
        q = xsimd::fma(q, s, batch(1.128375381e-01f));
        q = xsimd::fma(q, s, batch(-3.761263788e-01f));
        return u * xsimd::fma(q, s, batch(-5.863538277e-08f));
    }
    // A lookup of erfc_tail's piece for each lane: pick(row) is row[0] where
    // a < 0.5, row[1] where a < 2.5, else row[2].
    [[gnu::always_inline]] static auto erfc_piece(const batch& a) {
#if defined(__AVX512F__)
        if constexpr (register_bytes == 64 && std::is_same_v<T, float>) {
            const __m512i one = _mm512_set1_epi32(1);
            const __m512i above_near = _mm512_maskz_mov_epi32(_mm512_cmp_ps_mask(a, batch(0.5f), _CMP_GE_OQ), one);
            const __m512i index =
                _mm512_mask_add_epi32(above_near, _mm512_cmp_ps_mask(a, batch(2.5f), _CMP_GE_OQ), above_near, one);
            return [index](const float (&row)[16]) { return batch(_mm512_permutexvar_ps(index, _mm512_load_ps(row))); };
        } else
#endif
        {
            const auto near = a < batch(0.5f), low = a < batch(2.5f);
            return [near, low](const float (&row)[16]) {
                return xsimd::select(near, batch(row[0]), xsimd::select(low, batch(row[1]), batch(row[2])));
            };
        }
    }
    // erfc(a) for a ≥ 0 is e^(−a²)·t·q(t), t = 1/(1 + a/2), where q
    // interpolates e^(a²)·erfc(a)/t at Chebyshev nodes of t, degree 7 on each
    // of three pieces, a in [0, 0.5), [0.5, 2.5) and [2.5, 10.1] (relative
    // error below 8·10⁻⁹ with the coefficients rounded to float; erfc_pieces).
    // Each lane reads its piece's coefficients: with AVX-512, one permute
    // each, else two selects. Two pieces over [0, 10.1] would need wider ones,
    // whose larger q − c₀ rounds to more of the result (GELU's f reached 3.8
    // ULP). a² is taken exactly, without an FMA: a_hi, a with 12 significant
    // bits, has an exact square, and e^(−δ) for the rest δ = (a − a_hi)(a +
    // a_hi) < 0.11 is a Taylor polynomial. (e^(−u²) from u² rounded is what
    // costs xsimd's its 72 ULP: e^(−u²) magnifies u²'s rounding by u², 84 at
    // the tail. a² rounded and its exact error from an FMA instead cost
    // GELU's f 0.3 ULP, for 5 % of its speed.) a is capped at 10.1, where
    // erfc is below half the smallest subnormal.
    template <bool Exact = true>
    [[gnu::always_inline]] static batch erfc_tail(const batch& magnitude) {
        const batch a = xsimd::min(magnitude, batch(10.1f));
        const batch half = a * batch(0.5f);
        const batch d = batch(1.0f) + half;
        const batch t = batch(1.0f) / d;
        const auto pick = erfc_piece(a);
        const batch center = pick(erfc_pieces::center), c0 = pick(erfc_pieces::constant);
        // q(t) − c₀, with s = t − center (the constant term in two parts)
        const auto rest_of = [&](const batch& s) {
            batch q = pick(erfc_pieces::coefficient[0]);
            for (int k = 1; k < 7; ++k) q = xsimd::fma(q, s, pick(erfc_pieces::coefficient[k]));
            return xsimd::fma(q, s, pick(erfc_pieces::constant_rest));
        };
        if constexpr (!Exact) {
            // For erf = 1 − erfc from a = 1 on, where erfc's error reaches the
            // result at most erfc/erf ≤ 0.19 of its size: a² and t rounded.
            return exp_float(-(a * a)) * (t * (c0 + rest_of(t - center)));
        } else {
            const batch a_hi = xsimd::bitwise_cast<batch>(xsimd::bitwise_cast<integers>(a) & integers(-4096));
            const batch delta = (a - a_hi) * (a + a_hi);
            batch p = xsimd::fma(delta, batch(-1.0f / 120), batch(1.0f / 24));
            p = xsimd::fma(p, delta, batch(-1.0f / 6));
            p = xsimd::fma(p, delta, batch(0.5f));
            p = xsimd::fma(p, delta, batch(-1.0f));
            const batch e = exp_float(-(a_hi * a_hi));
            const batch e_delta_less_one = p * delta;  // e^(−δ) − 1
            // t's rounding, and d's, taken out: τ = 1/(1 + a/2) − t to first order,
            // from the exact remainder of the quotient and the exact error of d.
            const batch d_error =
                xsimd::select(half >= batch(1.0f), batch(1.0f) - (d - half), half - (d - batch(1.0f)));
            const batch tau = t * (detail::remainder_of(batch(1.0f), t, d) - d_error * t);
            const batch rest = rest_of((t - center) + tau);
            // e^(−δ)·t·q(t) as c₀·t + the rest, rounded once, then times e: the
            // rest is (q − c₀)·t + c₀·τ + t·q(t)·(e^(−δ) − 1), and c₀·t, most of
            // the sum, is in a fused multiply-add, else taken with Dekker's exact
            // error.
            const batch near = xsimd::fma(rest, t, c0 * tau);
            const batch small = xsimd::fma(xsimd::fma(c0, t, near), e_delta_less_one, near);
#if defined(__AVX512F__) || defined(__FMA__)
            if constexpr (fused_product) return e * fused_multiply_add(c0, t, small);
#endif
            const batch head = c0 * t;
            return e * (head + (small + detail::product_error(c0, t, head)));
        }
    }
    // log(2^k·m) = k·ln 2 + log(1 + f), f = m − 1 in [√2/2 − 1, √2 − 1]
    // (exact): k and m come from x's bits, shifted so that m is in
    // [√2/2, √2). log(1 + f) = f + f²·q(f), q of degree 8 interpolating
    // (log(1 + f) − f)/f² at the 9 Chebyshev nodes of the interval (relative
    // error 1.4e−8 with the coefficients rounded to float). k·ln 2 is in two
    // parts as in exp; tail is a small term added before the last two roundings.
    // Valid for normal positive finite x; the result is for x·2^exponent.
    template <int exponent = 0>
    [[gnu::always_inline]] static batch log_normal(const batch& x, const batch& tail) {
        const integers shifted = xsimd::bitwise_cast<integers>(x) - integers(0x3f3504f3);
        const batch k = xsimd::batch_cast<float>((shifted >> 23) + integers(exponent));
        const batch f = xsimd::bitwise_cast<batch>((shifted & integers(0x7fffff)) + integers(0x3f3504f3)) - batch(1.0f);
        const batch f2 = f * f, f4 = f2 * f2;
        const batch q01 = xsimd::fma(batch(3.333333135e-01f), f, batch(-4.999999702e-01f));
        const batch q23 = xsimd::fma(batch(2.000123411e-01f), f, batch(-2.500078082e-01f));
        const batch q45 = xsimd::fma(batch(1.420485526e-01f), f, batch(-1.662664562e-01f));
        const batch q67 = xsimd::fma(batch(1.272267252e-01f), f, batch(-1.312755495e-01f));
        const batch q47 = xsimd::fma(xsimd::fma(batch(-7.673641294e-02f), f2, q67), f2, q45);
        const batch q = xsimd::fma(q47, f4, xsimd::fma(q23, f2, q01));
        const batch low = xsimd::fma(k, batch(1.42860682030941723212e-6f), tail);
        return xsimd::fma(k, batch(0.693145751953125f), f + xsimd::fma(f2, q, low));
    }
    [[gnu::always_inline]] static batch log_float(const batch& u) {
        const batch result = log_normal(u, batch(0.0f));
        if (xsimd::all(u >= batch(std::numeric_limits<float>::min()) && u < batch(std::numeric_limits<float>::infinity()))) [[likely]] {
            return result;
        }
        return log_float_rare(u, result);
    }
    // log(1 + u) = log x + log(1 + c/x), x = 1 + u rounded and c its exact
    // rounding error (the smaller of 1 and u minus what the larger added):
    // without c, u below 2^−24 would give 0. log1p has the sign of u, so its
    // sign bit keeps −0. x is normal for every u > −1.
    [[gnu::always_inline]] static batch log1p_float(const batch& u) {
        const batch one(1.0f);
        const batch x = one + u;
        const batch c = xsimd::min(u, one) - (x - xsimd::max(u, one));
        const batch result = xsimd::bitwise_or(log_normal(x, c / x), xsimd::bitwise_and(u, batch(-0.0f)));
        if (xsimd::all(u > batch(-1.0f) && u < batch(std::numeric_limits<float>::infinity()))) [[likely]] return result;
        return log1p_float_rare(u, result);
    }
    // Beyond |u| = 87: 2^n in two halves, each a normal float, so that a
    // subnormal result rounds once; ∞ above ln(max), 0 far below, NaN kept.
    // The out-of-line paths take their batches by value, in registers: by
    // reference, g++ stored them to the stack on the common path too, which
    // cost our exp a fifth of its speed.
    [[gnu::noinline]] static batch exp_float_rare(batch u, batch n, batch p) {
        const integers k = xsimd::batch_cast<std::int32_t>(xsimd::min(xsimd::max(n, batch(-160.0f)), batch(160.0f)));
        const integers half = k >> 1;
        batch result = p * power_of_two(half) * power_of_two(k - half);
        result = xsimd::select(u > batch(88.72283935546875f), batch(std::numeric_limits<float>::infinity()), result);
        result = xsimd::select(u < batch(-104.0f), batch(0.0f), result);
        return xsimd::select(xsimd::isnan(u), u, result);
    }
    [[gnu::noinline]] static batch expm1_float_rare(batch u, batch result) {
        return xsimd::select(xsimd::isnan(u), u, xsimd::select(u > batch(80.0f), exp_float(u), result));
    }
    // The edges of log's and log1p's domain: −∞ at the pole (0 or −1), ∞ at
    // ∞, NaN below the pole and at NaN.
    static batch log_edges(const batch& u, batch result, float pole) {
        result = xsimd::select(u == batch(pole), batch(-std::numeric_limits<float>::infinity()), result);
        result = xsimd::select(u == batch(std::numeric_limits<float>::infinity()), u, result);
        return xsimd::select(u < batch(pole) || xsimd::isnan(u), batch(std::numeric_limits<float>::quiet_NaN()), result);
    }
    // Subnormal u: log(u·2^23) − 23·ln 2.
    [[gnu::noinline]] static batch log_float_rare(batch u, batch result) {
        const batch subnormal = log_normal<-23>(u * batch(0x1p23f), batch(0.0f));
        return log_edges(u, xsimd::select(u < batch(std::numeric_limits<float>::min()), subnormal, result), 0.0f);
    }
    [[gnu::noinline]] static batch log1p_float_rare(batch u, batch result) { return log_edges(u, result, -1.0f); }
    // The rare lanes' repairs, out of line: inlined, a second copy of exp
    // would take the inlining budget that the common path needs in a kernel.
    [[gnu::noinline]] static batch exp_by_halves(batch u, batch result, xsimd::batch_bool<T, A> take) {
        const batch half = xsimd::exp(u * batch(T(0.5)));
        return xsimd::select(take, half * half, result);
    }
    [[gnu::noinline]] static batch expm1_large(batch u, xsimd::batch_bool<T, A> large) {
        return xsimd::select(large, exp(u), xsimd::expm1(u));
    }
    [[gnu::noinline]] static batch log_subnormal(batch u, batch result, xsimd::batch_bool<T, A> subnormal) {
        constexpr int k = std::numeric_limits<T>::digits;
        const batch scaled = xsimd::log(u * batch(std::ldexp(T(1), k))) - batch(T(k * ln2));
        return xsimd::select(subnormal, scaled, result);
    }
};

}  // namespace actdiff::detail::math
#endif
