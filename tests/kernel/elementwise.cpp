// Fused elementwise kernels: values against the plain evaluator, the backward
// that reads the output, parameter gradients against sums written by hand,
// and the transcendental calls each element makes, counted by a number type.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include <actdiff/kernel/elementwise.hpp>

#include "../support.hpp"

using namespace actdiff;
using test_support::catalog_points;
using test_support::close;

namespace {
constexpr auto x = var<"x">;
constexpr auto beta = param<"beta">;
constexpr auto a = param<"a">;

template <class F>
void check_kernel(F f) {
    const auto k = kernel(f, x);
    const std::vector<double> xs = catalog_points;
    std::vector<double> ys(xs.size()), fused_ys(xs.size()), gxs(xs.size()), fused_gxs(xs.size());
    std::vector<double> gys;
    for (double p : xs) gys.push_back(0.5 + p / 64);
    k.forward(xs, ys);
    k.forward_backward(xs, gys, fused_ys, fused_gxs);
    k.backward(k.backward_uses_output ? ys : xs, gys, gxs);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double y = eval(f, x = xs[i]);
        const double gx = gys[i] * eval(d(f, x), x = xs[i]);
        INFO(to_string(f) << " at " << xs[i] << ": y " << ys[i] << " vs " << y << ", gx " << fused_gxs[i] << " vs " << gx);
        // The SIMD main loop uses xsimd's exp/erf/tanh, which differ from libm by a
        // few ulp (xsimd 8's double erf by 1.3e-15 at x/√2 = −2.47); where a formula
        // cancels (1 + erf(x/√2) at x = −3.5) that is 1e-12 relative, 2e-15 absolute.
        CHECK(close(ys[i], y, 1e-13, 1e-14));
        CHECK(fused_ys[i] == ys[i]);
        CHECK(close(fused_gxs[i], gx, 1e-13, 1e-14));
        // From the output, y(1 − y) loses the tails' relative precision (as PyTorch's does).
        CHECK(close(gxs[i], gx, 1e-12, 1e-14));
    }
}

// A number that counts the calls of each math function made with it.
std::map<std::string, int> calls;
struct counted {
    double v;
    explicit counted(double value) : v(value) {}
};
counted operator+(counted p, counted q) { return counted(p.v + q.v); }
counted operator-(counted p, counted q) { return counted(p.v - q.v); }
counted operator*(counted p, counted q) { return counted(p.v * q.v); }
counted operator/(counted p, counted q) { return counted(p.v / q.v); }
bool operator>(counted p, counted q) { return p.v > q.v; }
bool operator>=(counted p, counted q) { return p.v >= q.v; }
counted exp(counted p) { return ++calls["exp"], counted(std::exp(p.v)); }
counted log1p(counted p) { return ++calls["log1p"], counted(std::log1p(p.v)); }
counted expm1(counted p) { return ++calls["expm1"], counted(std::expm1(p.v)); }
counted tanh(counted p) { return ++calls["tanh"], counted(std::tanh(p.v)); }
counted erfc(counted p) { return ++calls["erfc"], counted(std::erfc(p.v)); }
counted sqrt(counted p) { return ++calls["sqrt"], counted(std::sqrt(p.v)); }
counted abs(counted p) { return counted(std::abs(p.v)); }

template <class F>
std::map<std::string, int> calls_per_element(F f, bool count_roots = false) {
    calls.clear();
    const auto values = [&]<class... Forms>(detail::list<Forms...>) {
        return evaluate_fused_as<counted>(at(x = counted(0.75)), Forms{}...);
    }(typename decltype(kernel(f, x))::plan::forward_backward::forms{});
    CHECK(values[0].v == Approx(eval(f, x = 0.75)).epsilon(1e-14));
    CHECK(values[1].v == Approx(eval(d(f, x), x = 0.75)).epsilon(1e-14));
    if (!count_roots) calls.erase("sqrt");  // of constants (√2, √π), folded by the compiler in a real kernel
    return calls;
}
}  // namespace

TEST_CASE("kernels agree with the evaluator, forward, fused and backward", "[kernel]") {
    check_kernel(sigmoid(x));
    check_kernel(tanh(x));
    check_kernel(relu(x));
    check_kernel(leaky_relu(x));
    check_kernel(elu(x));
    check_kernel(gelu(x));
    check_kernel(gelu_tanh(x));
    check_kernel(silu(x));
    check_kernel(mish(x));
    check_kernel(softplus(x));
    check_kernel(softsign(x));
    check_kernel(hardswish(x));
    check_kernel(selu(x));
    // tanh from its derivative's exp (evaluation/fused.hpp, shared calls), and not.
    check_kernel(x * tanh(x));
    check_kernel(tanh(c<1, 3> * x));
}

namespace {
// forward's y and forward_backward's y, bit for bit, over every 4096th float
// or every 2^44th double (test_support::whole_range), and tanh's edges.
template <class T, class F, class... Bindings>
void check_same_values(F f, Bindings... bindings) {
    using bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    std::vector<T> xs = test_support::whole_range<T>();
    for (T edge : {T(0.75), -T(0.75), std::nextafter(T(0.75), T(0)), T(43.7), T(44), T(-50), T(400)}) {
        xs.push_back(edge);
    }
    const auto k = kernel(f, x);
    std::vector<T> ys(xs.size()), fused_ys(xs.size()), gys(xs.size(), T(1)), gxs(xs.size());
    k.forward(xs, ys, bindings...);
    k.forward_backward(xs, gys, fused_ys, gxs, bindings...);
    std::size_t different = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const bool both_nan = std::isnan(ys[i]) && std::isnan(fused_ys[i]);  // whatever their payloads
        if (!both_nan && std::bit_cast<bits>(ys[i]) != std::bit_cast<bits>(fused_ys[i]) && different++ == 0) {
            FAIL_CHECK(to_string(f) << " at " << xs[i] << ": forward " << ys[i] << ", fused " << fused_ys[i]);
        }
    }
    CHECK(different == 0);
}
}  // namespace

TEST_CASE("where tanh takes its derivative's exp, forward and fused agree to the bit", "[kernel][calls]") {
    // The fused pass computes tanh(u) from t = e^(−2|u|), and the forward calls
    // tanh, which takes the same steps. Beyond |u| = 44 (float) t underflows,
    // which tanh's form absorbs: the fused value must not take the guarded
    // path there when the forward does not (0.7·(e^tanh(x) − 1), whose y
    // holds t, failed so in the randomized corpus).
    check_same_values<float>(tanh(x));
    check_same_values<float>(x * tanh(x));
    check_same_values<float>(c<7, 10> * (exp(tanh(x)) - 1_c));
    check_same_values<float>(x * tanh(exp(x)));
    check_same_values<double>(tanh(x));
    check_same_values<double>(c<7, 10> * (exp(tanh(x)) - 1_c));
    // At x = DBL_MAX, 0.7x and |0.7x|, both compared in tanh's form, summed to
    // ∞ in the guarded path's test for overflow, which then recomputed y.
    check_same_values<double>(expm1(tanh(a * x)), a = 0.7);
    check_same_values<float>(expm1(tanh(a * x)), a = 0.7f);
    // t underflows in the value only: tanh's value is not watched, tanh′'s t is.
    using forms = typename decltype(kernel(tanh(x), x))::plan::forward_backward::forms;
    [&]<class Y, class Gradient>(detail::list<Y, Gradient>) {
        STATIC_REQUIRE(decltype(detail::list_size(detail::watched_t<Y>{}))::value == 0);
        STATIC_REQUIRE(decltype(detail::list_size(detail::watched_t<Gradient>{}))::value == 1);
    }(forms{});
}

TEST_CASE("the backward reads the output where the formula allows it", "[kernel]") {
    STATIC_REQUIRE(kernel(sigmoid(x), x).backward_uses_output);
    STATIC_REQUIRE(kernel(tanh(x), x).backward_uses_output);
    STATIC_REQUIRE(kernel(relu(x), x).backward_uses_output);
    STATIC_REQUIRE(kernel(leaky_relu(x), x).backward_uses_output);
    STATIC_REQUIRE(kernel(elu(x), x).backward_uses_output);
    STATIC_REQUIRE(!kernel(gelu(x), x).backward_uses_output);
    STATIC_REQUIRE(!kernel(silu(x), x).backward_uses_output);
    STATIC_REQUIRE(!kernel(mish(x), x).backward_uses_output);
}

TEST_CASE("parameter gradients are the sums written by hand", "[kernel][parameter]") {
    // PyTorch, measured: x = [−2, 0, 3], g = 1, w = 0.25 gives dw = −2.
    const std::vector<float> xs{-2.0f, 0.0f, 3.0f}, ones{1.0f, 1.0f, 1.0f};
    CHECK(kernel(prelu(x, a), x).param_grad(a, xs, ones, a = 0.25f) == -2.0f);

    std::vector<double> points = catalog_points, gys;
    double expected = 0;
    for (double p : points) {
        gys.push_back(1.0 - p / 50);
        const double s = 1 / (1 + std::exp(-1.7 * p));
        expected += gys.back() * p * p * s * (1 - s);
    }
    CHECK(kernel(swish(x, beta), x).param_grad(beta, points, gys, beta = 1.7) == Approx(expected).epsilon(1e-13));
}

TEST_CASE("one pass computes each transcendental once", "[kernel][calls]") {
    using counts = std::map<std::string, int>;
    CHECK(calls_per_element(sigmoid(x)) == counts{{"exp", 1}});
    CHECK(calls_per_element(silu(x)) == counts{{"exp", 1}});
    CHECK(calls_per_element(softplus(x)) == counts{{"exp", 1}, {"log1p", 1}});
    CHECK(calls_per_element(mish(x)) == counts{{"exp", 1}});  // tanh(softplus) and σ from one e^(−|x|)
    CHECK(calls_per_element(gelu(x)) == counts{{"erfc", 1}, {"exp", 1}});  // Φ as erfc: no cancellation
    CHECK(calls_per_element(gelu_tanh(x)) == counts{{"exp", 1}});           // 1 ± tanh through σ
    CHECK(calls_per_element(elu(x)) == counts{{"exp", 1}, {"expm1", 1}});   // expm1 for y near 0
    // tanh′ as 4t/(1 + t)², t = e^(−2|x|): 1 − tanh² cancels (evaluation/fused.hpp);
    // and tanh from that t where |x| ≥ 3/4, so the fused pass makes one call.
    // Below 3/4 its form is tanh_near_zero: a polynomial in a float kernel, and
    // the number type's tanh for this counting type, which has no other.
    CHECK(calls_per_element(tanh(x)) == counts{{"exp", 1}, {"tanh", 1}});
    STATIC_REQUIRE(decltype(kernel(tanh(x), x))::plan::forward::calls == 1);
    STATIC_REQUIRE(decltype(kernel(tanh(x), x))::plan::forward_backward::calls == 1);
    STATIC_REQUIRE(decltype(kernel(x * tanh(x), x))::plan::forward_backward::calls == 1);
    // Not where tanh's argument rounds (x/3): its exp would be corrected for
    // the rounding (compensated arguments), and tanh's call is not.
    STATIC_REQUIRE(decltype(kernel(tanh(c<1, 3> * x), x))::plan::forward_backward::calls == 2);
    // The same counts, at compile time, from the kernel's plan.
    STATIC_REQUIRE(decltype(kernel(mish(x), x))::plan::forward_backward::calls == 1);
    STATIC_REQUIRE(decltype(kernel(sigmoid(x), x))::plan::forward_backward::calls == 1);
    STATIC_REQUIRE(decltype(kernel(gelu_tanh(x), x))::plan::forward_backward::calls == 1);
    STATIC_REQUIRE(decltype(kernel(mish(x), x))::plan::forward::calls == 1);
    STATIC_REQUIRE(decltype(kernel(sigmoid(x), x))::plan::backward::calls == 0);  // y·(1 − y)
}

TEST_CASE("a kernel computes the cheaper of f as written and its canonical form", "[kernel][calls]") {
    using counts = std::map<std::string, int>;
    // SiLU written from scratch: two exps as written, one as x·σ(x).
    constexpr auto silu_written = x / (1_c + exp(-x));
    check_kernel(silu_written);
    CHECK(calls_per_element(silu_written) == counts{{"exp", 1}});
    STATIC_REQUIRE(kernel(silu_written, x).calls_per_element().forward == 1);
    STATIC_REQUIRE(kernel(silu_written, x).calls_per_element().forward_backward == 1);
    STATIC_REQUIRE(std::is_same_v<decltype(kernel(silu_written, x))::plan::computed, decltype(silu(x))>);
    // Smish, x·tanh(log(1 + σ(x))): log(1 + u) becomes log1p(u), whose σ shares the exp.
    constexpr auto smish = x * tanh(log(1_c + sigmoid(x)));
    check_kernel(smish);
    CHECK(calls_per_element(smish) == counts{{"exp", 1}, {"log1p", 1}, {"tanh", 1}});
    STATIC_REQUIRE(kernel(smish, x).calls_per_element().forward == 3);
    STATIC_REQUIRE(kernel(smish, x).calls_per_element().forward_backward == 3);
    // Mish written out: log(1 + e^x) is softplus(x), and tanh of it one exp.
    constexpr auto mish_written = x * tanh(log(1_c + exp(x)));
    check_kernel(mish_written);
    CHECK(calls_per_element(mish_written) == counts{{"exp", 1}});
    // Already canonical: the formula as written.
    STATIC_REQUIRE(std::is_same_v<decltype(kernel(mish(x), x))::plan::computed, decltype(mish(x))>);
}

namespace {
template <class F>
constexpr std::size_t staged_calls(F) {
    return decltype(kernel(F{}, x))::plan::forward_backward::staged_calls;
}

// A staged kernel's values at one element do not depend on where the element
// sits: in a staged block (the first 256 elements) or in the unstaged rest.
template <class F, class Reference>
void check_staged_kernel(F f, Reference reference) {
    const auto k = kernel(f, x);
    // No value that underflows: a chunk with one runs again, unstaged, with guards.
    const std::vector<float> sample{-80.0f, -60.0f, -30.0f, -8.25f, -1.0f, -0.3f, -1e-30f, -0.0f,
                                    0.0f,   1e-30f, 0.3f,   1.0f,   3.5f,  8.25f, 30.0f,  80.0f};
    std::vector<float> xs(256 + 64, 0.5f);
    for (std::size_t j = 0; j < 32; ++j) xs[j] = xs[256 + j] = sample[j % 16] * (j < 16 ? 1.0f : 0.75f);
    std::vector<float> ys(xs.size()), fused_ys(xs.size()), gxs(xs.size()), gys(xs.size(), 1.0f);
    k.forward(xs, ys);
    k.forward_backward(xs, gys, fused_ys, gxs);
    for (std::size_t j = 0; j < 32; ++j) {
        INFO(to_string(f) << " at x = " << xs[j]);
        CHECK(std::bit_cast<std::uint32_t>(ys[j]) == std::bit_cast<std::uint32_t>(ys[256 + j]));
        CHECK(std::bit_cast<std::uint32_t>(gxs[j]) == std::bit_cast<std::uint32_t>(gxs[256 + j]));
        CHECK(fused_ys[j] == ys[j]);
        CHECK(close(double(ys[j]), reference(double(xs[j])), 4e-7, 1e-37));
        CHECK(close(double(gxs[j]), eval(d(f, x), x = double(xs[j])), 4e-6, 1e-7));
    }
}
}  // namespace

TEST_CASE("a call whose result another call takes is staged, with the same values", "[kernel][calls]") {
    // softplus's log1p(e^(−|x|)) and log σ(x) = −softplus(−x): the exp.
    STATIC_REQUIRE(staged_calls(softplus(x)) == 1);
    STATIC_REQUIRE(staged_calls(log(sigmoid(x))) == 1);
    // Smish, x·tanh(log1p(σ(x))): the exp and the log1p under the tanh.
    STATIC_REQUIRE(staged_calls(x * tanh(log(1_c + sigmoid(x)))) == 2);
    // One call deep: nothing to stage.
    STATIC_REQUIRE(staged_calls(sigmoid(x)) == 0);
    STATIC_REQUIRE(staged_calls(mish(x)) == 0);
    STATIC_REQUIRE(staged_calls(gelu(x)) == 0);
    // References in double, each written with log1p: the formulas as written
    // lose log(1 + t) for t below 10⁻¹⁶.
    const auto softplus_of = [](double v) { return std::max(v, 0.0) + std::log1p(std::exp(-std::abs(v))); };
    check_staged_kernel(softplus(x), softplus_of);
    check_staged_kernel(log(sigmoid(x)), [&](double v) { return -softplus_of(-v); });
    check_staged_kernel(x * tanh(log(1_c + sigmoid(x))), [](double v) { return v * std::tanh(std::log1p(1 / (1 + std::exp(-v)))); });
}

TEST_CASE("one square root per element, whatever power spells it", "[kernel][calls]") {
    using counts = std::map<std::string, int>;
    // squareplus (x + √(x² + 4))/2 and its derivative (1 + x·(x² + 4)^(−1/2))/2.
    constexpr auto squareplus = (x + sqrt(x * x + 4_c)) / 2_c;
    check_kernel(squareplus);
    CHECK(calls_per_element(squareplus, true) == counts{{"sqrt", 1}});
    // ISRU x/√(1 + x²), whose derivative holds (1 + x²)^(−3/2).
    constexpr auto isru = x * pow(1_c + x * x, c<-1, 2>);
    check_kernel(isru);
    CHECK(calls_per_element(isru, true) == counts{{"sqrt", 1}});
    // Counted so too: adding √u to u^(−3/2) costs the addition only.
    STATIC_REQUIRE(operation_count(pow(1_c + x * x, c<-3, 2>) + sqrt(1_c + x * x)) ==
                   operation_count(pow(1_c + x * x, c<-3, 2>)) + 1);
}

TEST_CASE("no overflow where the value is finite", "[kernel][numerics]") {
    const auto k = kernel(sigmoid(x), x);
    const std::vector<float> xs{-1000.0f, -100.0f, 0.0f, 100.0f, 1000.0f};
    std::vector<float> ys(xs.size());
    k.forward(xs, ys);
    CHECK(ys[0] == 0.0f);
    CHECK(ys[1] == Approx(3.7200759760208356e-44).epsilon(0.05));  // subnormal: xsimd alone flushed it to 0
    CHECK(ys[2] == 0.5f);
    CHECK(ys[3] == 1.0f);
    CHECK(ys[4] == 1.0f);
    std::vector<float> sp(xs.size());
    kernel(softplus(x), x).forward(xs, sp);
    CHECK(sp[3] == 100.0f);
    CHECK(sp[4] == 1000.0f);
    CHECK(sp[0] == 0.0f);
    std::vector<float> th(2);
    kernel(tanh(x), x).forward(std::vector<float>{-INFINITY, INFINITY}, th);
    CHECK(th == std::vector<float>{-1.0f, 1.0f});
}

namespace {
// The distance from a float to a long double value in units of the last place
// of that value rounded to float (subnormals count in the smallest subnormal).
double ulps_from(float got, long double exact) {
    const float rounded = static_cast<float>(exact);
    const float unit = std::abs(rounded) < std::numeric_limits<float>::min()
                           ? std::numeric_limits<float>::denorm_min()
                           : std::nextafter(std::abs(rounded), INFINITY) - std::abs(rounded);
    return double(std::abs(static_cast<long double>(got) - exact) / unit);
}

// Elements where a call underflows in float (σ(x) subnormal below x = −87.3)
// are computed again: in double, or, for a lane where double underflows too
// (σ(−10^30)), in the extended number; a NaN input beside them stays NaN.
template <class F>
void check_underflowing_elements(F f, long double scale) {
    const auto k = kernel(f, x);
    std::vector<float> xs;
    for (int i = 0; i < 61; ++i) xs.push_back(-85.0f - 0.5f * float(i));  // σ from 1.2·10⁻³⁷ to 4.7·10⁻⁵¹
    xs.insert(xs.begin() + 5, -1e30f);
    xs.insert(xs.begin() + 9, std::numeric_limits<float>::quiet_NaN());
    xs.insert(xs.begin() + 40, -3.0f);
    // The edges beside them: ±0, ±the smallest subnormal, 10^30 (x²·σ(x) is
    // 10^60 there, beyond float: ∞), ±∞ (the limits, from long double at ±10^2000).
    const float tiny = std::numeric_limits<float>::denorm_min(), inf = std::numeric_limits<float>::infinity();
    for (float edge : {0.0f, -0.0f, tiny, -tiny, 1e30f, inf, -inf}) xs.insert(xs.begin() + 20, edge);
    const std::size_t n = xs.size();
    std::vector<float> ys(n), fused_ys(n), gxs(n), gys(n, 1.0f);
    k.forward(xs, ys, beta = float(scale));
    k.forward_backward(xs, gys, fused_ys, gxs, beta = float(scale));
    for (std::size_t i = 0; i < n; ++i) {
        INFO(to_string(f) << " at x = " << xs[i] << ": y " << ys[i] << ", gx " << gxs[i]);
        CHECK(std::bit_cast<std::uint32_t>(fused_ys[i]) == std::bit_cast<std::uint32_t>(ys[i]));
        if (std::isnan(xs[i])) {
            CHECK(std::isnan(ys[i]));
            CHECK(std::isnan(gxs[i]));
            continue;
        }
        // ±∞ against the formula at ±10^2000, where long double still holds x².
        const long double at_x = std::isinf(xs[i]) ? std::copysign(1e2000L, xs[i]) : static_cast<long double>(xs[i]);
        const long double y = eval(f, x = at_x, beta = scale), slope = eval(d(f, x), x = at_x, beta = scale);
        if (!std::isfinite(static_cast<float>(y)) || !std::isfinite(static_cast<float>(slope))) {
            CHECK(ys[i] == static_cast<float>(y));  // beyond float: the same infinity
            CHECK(gxs[i] == static_cast<float>(slope));
            continue;
        }
        // Elements whose e^(scale·x) is still a normal float take the fast
        // path, within the kernels' 4 ulp: −3, the edges near 0, and −85 to
        // −87 (0.3·e^x at −85.5 is 1.2 ulp off with AVX-512's exp, 0.62 ulp,
        // rounded twice more). Below, a watched call underflows and the
        // element is computed again, or the value is subnormal: 1 ulp.
        const bool fast = std::exp(static_cast<double>(scale) * double(xs[i])) >= double(std::numeric_limits<float>::min());
        const double bound = fast ? 4 : 1;
        CHECK(ulps_from(ys[i], y) <= bound);
        CHECK(ulps_from(gxs[i], slope) <= bound);
    }
}
}  // namespace

TEST_CASE("an element that underflows in float is computed again, to the last place", "[kernel][numerics]") {
    check_underflowing_elements(sigmoid(x), 1);
    check_underflowing_elements(x * sigmoid(beta * x), 1);
    check_underflowing_elements(x * sigmoid(beta * x), 1.25L);
    // x² scales σ(x) from subnormal back to 4·10⁻⁴⁰ at x = −100; x²·σ(x)·(1 − σ(x)) too.
    check_underflowing_elements(x * x * sigmoid(x), 1);
    check_underflowing_elements(softplus(beta * x) / beta, 1);
    // Values that take the fast path while subnormal, unwatched: e^x, and a
    // product of it with factors within [−1, 1], which round once more.
    check_underflowing_elements(exp(x), 1);
    check_underflowing_elements(c<3, 10> * exp(x), 1);
    check_underflowing_elements(c<3, 10> * exp(beta * x), 1.25L);
    check_underflowing_elements(sigmoid(x) * tanh(x), 1);
}

namespace {
// Near a zero of f′ the ULP of f′ shrinks to nothing, and accuracy bounds in
// ULP (tests/accuracy/bounds.cpp) say nothing there. What holds instead is an
// absolute bound at the scale of the terms that cancel: here `ulps` ULP of
// `scale`, at the zero and at points 1 to 2^20 ULP of x away on both sides,
// against the derivative in long double.
template <class T, class F>
void check_near_zero_of_derivative(F f, long double zero, long double scale, double ulps) {
    const auto k = kernel(f, x);
    using bits = std::conditional_t<sizeof(T) == 4, std::int32_t, std::int64_t>;
    const T center = static_cast<T>(zero);
    std::vector<T> xs{center};
    for (int shift = 0; shift <= 20; shift += 4) {
        for (const bits side : {bits(-1), bits(1)}) xs.push_back(std::bit_cast<T>(std::bit_cast<bits>(center) + side * (bits(1) << shift)));
    }
    const std::vector<T> gys(xs.size(), T(1));
    std::vector<T> ys(xs.size()), gxs(xs.size()), fused(xs.size());
    k.forward(xs, ys);
    k.backward(k.backward_uses_output ? ys : xs, gys, gxs);
    k.forward_backward(xs, gys, ys, fused);
    const long double unit = std::ldexp(1.0L, std::ilogb(scale) - std::numeric_limits<T>::digits + 1);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const long double exact = eval(d(f, x), x = static_cast<long double>(xs[i]));
        INFO(to_string(d(f, x)) << " at " << xs[i] << ": backward " << gxs[i] << ", fused " << fused[i] << ", exact " << double(exact));
        CHECK(std::abs(gxs[i] - exact) <= ulps * unit);
        CHECK(std::abs(fused[i] - exact) <= ulps * unit);
    }
}
}  // namespace

TEST_CASE("near a zero of f′, the derivative is off by no more than its terms' rounding", "[kernel][numerics]") {
    // hardswish′ = x/3 + 1/2 at −1.5: 1/3's rounding times 1.5, and the
    // product's, are within one ULP of 1/2, with or without a multiply-add.
    check_near_zero_of_derivative<float>(hardswish(x), -1.5L, 0.5L, 1);
    check_near_zero_of_derivative<double>(hardswish(x), -1.5L, 0.5L, 1);
    // silu′ = σ(x)·(1 + x·(1 − σ(x))) at −1.2785: σ ≈ 0.218 and x·σ·(1 − σ).
    constexpr long double silu_zero = -1.27846454276107379510935873902L;
    check_near_zero_of_derivative<float>(silu(x), silu_zero, 0.218L, 3);
    check_near_zero_of_derivative<double>(silu(x), silu_zero, 0.218L, 3);
}

// The fast path proves values finite taking the parameters as numbers; a call
// with a parameter that is not one runs guarded.
TEST_CASE("a parameter that is not a number", "[kernel][numerics][parameter]") {
    const auto f = x * sigmoid(beta * x) + a * x;
    const auto k = kernel(f, x);
    const std::vector<float> xs{-1e30f, -3.0f, -0.5f, 0.25f, 2.0f, 1e30f};
    const std::size_t n = xs.size();
    std::vector<float> ys(n), gys(n, 1.0f), fused(n), gxs(n), backward(n);
    const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();

    // NaN makes every value undefined, even where max or a where could pick around it.
    for (const auto& [b, slope] : {std::pair{nan, 0.5f}, std::pair{1.0f, nan}}) {
        k.forward(xs, ys, beta = b, a = slope);
        k.forward_backward(xs, gys, fused, gxs, beta = b, a = slope);
        k.backward(xs, gys, backward, beta = b, a = slope);
        for (std::size_t i = 0; i < n; ++i) {
            INFO("beta " << b << ", a " << slope << ", x " << xs[i]);
            CHECK(std::isnan(ys[i]));
            CHECK(std::isnan(fused[i]));
            CHECK(std::isnan(gxs[i]));
            CHECK(std::isnan(backward[i]));
        }
    }
    std::vector<float> relu_ys(n);
    kernel(max(x, a), x).forward(xs, relu_ys, a = nan);
    for (const float y : relu_ys) CHECK(std::isnan(y));

    // β = ∞ is a step of x: x·σ(∞·x) is x above 0 and −0 below, as the formula says in long double.
    k.forward(xs, ys, beta = inf, a = 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        const long double expected = eval(f, x = static_cast<long double>(xs[i]), beta = static_cast<long double>(inf), a = 0.0L);
        INFO("x " << xs[i]);
        CHECK(ys[i] == static_cast<float>(expected));
        CHECK(std::signbit(ys[i]) == std::signbit(expected));
    }
}

TEST_CASE("ranges of different lengths are an error", "[kernel]") {
    std::vector<double> xs(4), ys(3);
    CHECK_THROWS_AS(kernel(sigmoid(x), x).forward(xs, ys), std::length_error);
}
