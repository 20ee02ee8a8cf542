// The overflow analysis of evaluation/fused.hpp: which values the kernels'
// fast path may leave unchecked because they stay finite for every finite
// input and parameter. Each verdict is worked out by hand beside it; the
// kernels' sweeps over the whole float range (tests/kernel/whole_range_*.cpp,
// literature_*.cpp and the random corpus) check that a value left unchecked
// never overflows.
#include <actdiff/evaluation/fused.hpp>

#include "../support.hpp"

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto alpha = param<"alpha">;

template <class F>
constexpr bool proved_finite(F) {
    return detail::never_overflows_v<F>;
}
}  // namespace

// Bounded by constants: e^(−|x|) ∈ (0, 1], so 1 + e^(−|x|) ∈ (1, 2] and its reciprocal ≤ 1.
static_assert(proved_finite(exp(-abs(x))));
static_assert(proved_finite(1_c + exp(-abs(x))));
static_assert(proved_finite(1_c / (1_c + exp(-abs(x)))));
static_assert(proved_finite(exp(-abs(x)) / (1_c + exp(-abs(x)))));
// Within |x|: x·σ(x), x·erfc(−x/√2)/2, x/√(1 + x²) (1 + x² overflowing is checked apart:
// a reciprocal absorbs it).
static_assert(proved_finite(x * sigmoid(x)));
static_assert(proved_finite(x * erfc(-x / sqrt(2_c)) / 2_c));
static_assert(proved_finite(x / sqrt(1_c + x * x)));
static_assert(proved_finite(x * tanh(exp(x))));
// softplus grows like max(x, 0) + ln 2, and so does its lowered form.
static_assert(proved_finite(softplus(x)));
static_assert(proved_finite(log1p(exp(-abs(x))) + max(x, 0_c)));
// A where is bounded branch by branch under its condition: elu's expm1(x) only where x ≤ 0.
static_assert(proved_finite(where(x > 0_c, x, alpha * expm1(x))));
static_assert(proved_finite(sqrt(abs(x))));
// Clamped on both sides, a value is bounded by its clamps alone: min(max(x + 3, 0), 6)
// lies in [0, 6], so hardswish's x/6 · min(max(x + 3, 0), 6) stays within |x|.
static_assert(proved_finite(x / 6_c * min(max(x + 3_c, 0_c), 6_c)));
static_assert(proved_finite(x * max(min(x, 1_c), -1_c)));

// Not proved: values that can overflow, or be NaN, at finite inputs.
static_assert(!proved_finite(2_c * x));                  // 2·FLT_MAX
static_assert(!proved_finite(x * x));                    // x² at 10^20
static_assert(!proved_finite(x + alpha));                // two maxima
static_assert(!proved_finite(alpha * x));                // a product of two unbounded values
static_assert(!proved_finite(exp(x)));                   // e^89 in float
static_assert(!proved_finite(expm1(x)));
static_assert(!proved_finite(where(x < 0_c, x, exp(x))));  // e^x where x ≥ 0
static_assert(!proved_finite(log(x)));                   // log 0 and log of a negative
static_assert(!proved_finite(sqrt(x)));                  // √ of a negative
static_assert(!proved_finite(1_c / (1_c - sigmoid(x))));  // 1 − σ rounds to 0
static_assert(!proved_finite(x * exp(-abs(x * x * x))));  // x³ may overflow, and so may all it feeds
static_assert(!proved_finite(x * max(min(x, 2_c), -2_c)));  // 2·FLT_MAX
static_assert(!proved_finite(x * min(max(x, 0_c), alpha)));  // no clamp above: x² at 10^20
// max(a, b) = a > b ? a : b is b or a value of a below a's upper bound, whatever a is beyond
// it (∞, NaN, which a's own check catches): erfc's sensitivity, −max(u, 0) capped at −32.
static_assert(proved_finite(max(-max(x * x * x, 0_c), -32_c) * max(-max(x * x * x, 0_c), -32_c)));
static_assert(proved_finite(min(-min(x * x * x, 0_c), 32_c) / (1_c + x * x)));
static_assert(!proved_finite(max(max(x * x * x, 0_c), -32_c)));   // a unbounded above: x³
static_assert(!proved_finite(max(-32_c, -max(x * x * x, 0_c))));  // a NaN in b is kept

TEST_CASE("the kernels' overflow analysis is stated by static_asserts", "[evaluation][numerics]") {
    // The verdicts above; one at run time too so that the test counts.
    CHECK(proved_finite(x * sigmoid(x)));
}

// ---- which underflows the kernels watch ---------------------------------------------
// A call whose range excludes 0 is watched where something scales its
// underflow back into the normal range; each verdict by hand beside it.
namespace {
template <class F>
constexpr std::size_t watched_count(F) {
    return decltype(detail::list_size(detail::watched_t<F>{}))::value;
}
}  // namespace
static_assert(watched_count(exp(x)) == 0);                       // returned: rounded within its last subnormal digits
static_assert(watched_count(x * exp(x)) == 1);                   // x·e^x at x = −95 is normal, e^x is not
static_assert(watched_count(2_c * exp(x)) == 1);                 // 2·e^x doubles a subnormal into the normal range
static_assert(watched_count(exp(x) / (1_c + exp(x))) == 0);      // 1 + e^x stops it; the quotient is ≤ e^x
static_assert(watched_count(x * (exp(x) / (1_c + exp(x)))) == 1);  // passed on through the quotient to x
static_assert(watched_count(1_c / (x * x + exp(x))) == 1);       // passed on through x² + e^x to a reciprocal, which magnifies it
static_assert(watched_count(cos(exp(x))) == 0);                  // cos t is 1 to the last bit where t underflows
static_assert(watched_count(tanh(exp(x))) == 1);                 // tanh t is t there: no primitive states that it scales no further
static_assert(watched_count(x * exp(sin(x))) == 0);              // e^(sin x) ≥ 1/e: no underflow to watch
static_assert(watched_count(x * exp(-abs(sin(x)) - 87_c)) == 1); // e^(−88) is subnormal in float
// GELU's kernel form: erfc(u) + erfc(u)·(s(u)·ε), the sensitivity s holding 1/(1 + m²) ≥ 1/1025.
static_assert([]<class Form>(detail::list<Form>) {
    return watched_count(Form{}) == 1;  // erfc only
}(typename decltype(kernel(gelu(x), x))::plan::forward::forms{}));
