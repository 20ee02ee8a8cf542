// Every rewrite keeps values: simplify(f) against f, and d(f) against d_raw(f),
// evaluated at many points, on a corpus that exercises each rule.
#include "../support.hpp"

using namespace actdiff;
using test_support::close;
using test_support::grid;

namespace {
constexpr auto x = var<"x">;
constexpr auto y = var<"y">;
constexpr auto alpha = param<"alpha">;

template <class F>
void check_simplify_keeps_values(F f, const std::vector<double>& points) {
    const auto s = simplify(f);
    for (double p : points) {
        for (double q : {-1.25, 0.5, 3.0}) {
            const auto env = at(x = p, y = q, alpha = std::abs(q));
            const double before = eval(f, env);
            const double after = eval(s, env);
            INFO(to_string(f) << " → " << to_string(s) << " at x = " << p << ", y = " << q << ": " << before << " vs "
                              << after);
            CHECK(close(after, before, 1e-11, 1e-13));
        }
    }
}

template <class F>
void check_derivative_keeps_values(F f, const std::vector<double>& points) {
    const auto canonical = d(f, x);
    const auto raw = d_raw(f, x);
    for (double p : points) {
        const auto env = at(x = p, y = 0.75, alpha = 1.5);
        INFO(to_string(raw) << " → " << to_string(canonical) << " at " << p);
        CHECK(close(eval(canonical, env), eval(raw, env), 1e-10, 1e-12));
    }
}

const auto everywhere = grid(-7.9, 7.9, 41);  // avoids the kinks at 0, ±1, ±3, 6
const auto positive = grid(0.05, 7.9, 30);
}  // namespace

TEST_CASE("recognition keeps values", "[simplify][soundness]") {
    check_simplify_keeps_values(1_c / (1_c + exp(-x)), everywhere);
    check_simplify_keeps_values(exp(x) / (1_c + exp(x)), everywhere);
    check_simplify_keeps_values(exp(y * x) / (1_c + exp(y * x)), everywhere);
    check_simplify_keeps_values((exp(x) - exp(-x)) / (exp(x) + exp(-x)), everywhere);
    check_simplify_keeps_values(2_c * sigmoid(2_c * x) - 1_c, everywhere);
    check_simplify_keeps_values(log(1_c + exp(x)), everywhere);
    check_simplify_keeps_values(log(1_c + x * x), everywhere);
    check_simplify_keeps_values(exp(x) - 1_c, everywhere);
    check_simplify_keeps_values(pow(1_c + exp(-x), c<-3>), everywhere);
    check_simplify_keeps_values(exp(-x) / pow(1_c + exp(-x), 2_c), everywhere);
    check_simplify_keeps_values(sigmoid(-x) + tanh(-x) + erf(-2_c * x) + abs(-x) * sign(-x), everywhere);
}

TEST_CASE("domain-aware rules keep values", "[simplify][soundness]") {
    check_simplify_keeps_values(exp(x) / exp(x) + x * sign(x) + log(exp(y * x)), everywhere);
    check_simplify_keeps_values(sqrt(x * x) + sqrt(exp(x) * exp(x)), everywhere);
    check_simplify_keeps_values(exp(log(1_c + exp(x))), everywhere);
    check_simplify_keeps_values(sqrt(x) * sqrt(x) + pow(x, c<3, 2>) / sqrt(x), positive);
    check_simplify_keeps_values(1_c / (1_c + abs(x)) - x * sign(x) / pow(1_c + abs(x), 2_c), everywhere);
    check_simplify_keeps_values(y * sigmoid(x) + x * y * sigmoid(x) * (1_c - sigmoid(x)), everywhere);
    check_simplify_keeps_values(c<1, 6> * (3_c + x) + x / 6_c, everywhere);
}

TEST_CASE("branch rules keep values", "[simplify][soundness]") {
    check_simplify_keeps_values(where(max(x, 0_c) < 6_c, where(x > 0_c, 1_c, 0_c), 0_c), everywhere);
    check_simplify_keeps_values(min(max(3_c + x, 0_c), 6_c) / 6_c + x * where(x < 3_c, where(x > -3_c, c<1, 6>, 0_c), 0_c),
                                everywhere);
    check_simplify_keeps_values(selu_lambda * where(x > 0_c, 1_c, selu_alpha * exp(x)), everywhere);
    check_simplify_keeps_values(where(x > 1_c, min(x, 0_c), max(x, 2_c)), everywhere);
    check_simplify_keeps_values(y + where(x <= -2_c, x * x, max(x, -2_c) + y), everywhere);
    check_simplify_keeps_values(where(2_c * x + 1_c >= 3_c, x, -x), everywhere);
}

TEST_CASE("canonical derivatives keep the values of the chain rule", "[simplify][soundness]") {
    check_derivative_keeps_values(x * sigmoid(alpha * x), everywhere);
    check_derivative_keeps_values(pow(1_c + exp(-x), c<-1>), everywhere);
    check_derivative_keeps_values((exp(x) - exp(-x)) / (exp(x) + exp(-x)), everywhere);
    check_derivative_keeps_values(mish(x) * gelu_tanh(x), everywhere);
    check_derivative_keeps_values(softsign(x) * celu(x, alpha), everywhere);
    check_derivative_keeps_values(hardswish(x) + relu6(x) * hardsigmoid(x), everywhere);
    check_derivative_keeps_values(log(x) / x + sqrt(x) * exp(-x), positive);
    check_derivative_keeps_values(d(d(x * tanh(softplus(x)), x), x), everywhere);
}

namespace {
// A user's primitive states identities as a built-in does (primitive/protocol.hpp):
// 2^u with 2^a·2^b = 2^(a+b), 2^u − 1 as its own accurate call, and a user log2
// with log2(2^u) = u, defined for u > 0.
struct exp2_function;
struct expm1_2_function {
    static constexpr std::string_view name = "expm1_2";
    template <class T>
    static constexpr T evaluate(const T& u) {
        return actdiff::detail::math::expm1(u * actdiff::detail::lift<T>(0.69314718055994530942));
    }
    static constexpr auto derivative(Expression auto u);
};
struct exp2_function {
    static constexpr std::string_view name = "exp2";
    static constexpr value_range range{.has_low = true, .low = 0, .low_open = true};
    static constexpr bool product_adds_arguments = true;
    template <class T>
    static constexpr T evaluate(const T& u) {
        return actdiff::detail::math::exp(u * actdiff::detail::lift<T>(0.69314718055994530942));
    }
    static constexpr auto derivative(Expression auto u) { return 0.6931471805599453_c * apply_function<exp2_function>(u); }
    template <detail::ratio Q, detail::ratio C, class U>
        requires(Q == detail::ratio{-1, 1} && C == detail::ratio{1, 1})
    static constexpr auto with_constant(U) {
        return apply_function<expm1_2_function>(U{});
    }
};
constexpr auto expm1_2_function::derivative(Expression auto u) {
    return 0.6931471805599453_c * apply_function<exp2_function>(u);
}
struct log2_function {
    static constexpr std::string_view name = "log2";
    static constexpr value_range domain{.has_low = true, .low = 0, .low_open = true};
    template <class T>
    static constexpr T evaluate(const T& u) {
        return actdiff::detail::math::log(u) / actdiff::detail::lift<T>(0.69314718055994530942);
    }
    static constexpr auto derivative(Expression auto u) { return 1.4426950408889634_c / u; }
    template <class U>
    static constexpr auto simplified(apply<exp2_function, U>) {
        return U{};
    }
};
template <Expression U>
constexpr auto exp2(U u) {
    return apply_function<exp2_function>(u);
}
template <Expression U>
constexpr auto log2(U u) {
    return apply_function<log2_function>(u);
}
}  // namespace

TEST_CASE("a user's primitive states identities the simplifier applies", "[simplify][soundness]") {
    STATIC_REQUIRE(std::is_same_v<decltype(simplify(exp2(x) * exp2(y))), decltype(exp2(x + y))>);
    STATIC_REQUIRE(std::is_same_v<decltype(simplify(exp2(x) - 1_c)), decltype(apply_function<expm1_2_function>(x))>);
    STATIC_REQUIRE(std::is_same_v<decltype(simplify(log2(exp2(x * y)))), decltype(x * y)>);
    // Defined for u > 0, so d may cancel what log2 takes: d(log2(x)·x, x) collects x·x⁻¹.
    STATIC_REQUIRE(primitive_traits<log2_function>::argument_nonzero);
    check_simplify_keeps_values(exp2(x) * exp2(y) + (exp2(x) - 1_c) + log2(exp2(x * y)), everywhere);
}
