// The one tree transform (algorithm/transform.hpp): a pass states the nodes it
// changes, every other node is rebuilt through the smart constructors, so the
// result is the canonical type of the same formula written directly.
#include "../support.hpp"

using namespace actdiff;
using detail::transform_t;

namespace {
constexpr auto x = var<"x">;
constexpr auto y = var<"y">;
constexpr auto beta = param<"beta">;

// A pass a user could write: tanh(u) → 2σ(2u) − 1, wherever it occurs.
struct tanh_through_sigmoid {};
}  // namespace

template <class U>
struct actdiff::detail::rewrite<tanh_through_sigmoid, apply<tanh_function, U>> {
    using type = decltype(2_c * sigmoid(2_c * transform_t<tanh_through_sigmoid, U>{}) - 1_c);
};

// Rebuilt canonically: the same type as the formula written with the rewrite done.
static_assert(std::is_same_v<transform_t<tanh_through_sigmoid, decltype(x * tanh(softplus(x)))>,
                             decltype(x * (2_c * sigmoid(2_c * softplus(x)) - 1_c))>);
// Inside every node kind, nested rewrites included.
static_assert(std::is_same_v<transform_t<tanh_through_sigmoid, decltype(where(x > 0_c, max(tanh(x), y), pow(tanh(tanh(y)), c<2>)))>,
                             decltype(where(x > 0_c, max(2_c * sigmoid(2_c * x) - 1_c, y),
                                            pow(2_c * sigmoid(2_c * (2_c * sigmoid(2_c * y) - 1_c)) - 1_c, c<2>)))>);
// A formula the pass does not touch comes back as the same type.
static_assert(std::is_same_v<transform_t<tanh_through_sigmoid, decltype(x * sigmoid(beta * x))>, decltype(x * sigmoid(beta * x))>);

// Substitution is a pass: the smart constructors fold what it exposes.
static_assert(std::is_same_v<detail::substitute_t<decltype(sigmoid(x)), decltype(0_c), decltype(1_c + x * sigmoid(x))>,
                             decltype(1_c)>);
static_assert(std::is_same_v<detail::substitute_t<decltype(exp(x)), decltype(y), decltype(max(exp(x), 1_c) + exp(x))>,
                             decltype(max(y, 1_c) + y)>);

TEST_CASE("a pass keeps values where it rewrites an identity", "[transform]") {
    const auto f = x * tanh(softplus(x)) + tanh(beta * y);
    const auto g = transform_t<tanh_through_sigmoid, decltype(f)>{};
    for (double p : test_support::grid(-20.0, 20.0, 81)) {
        const auto env = at(x = p, y = 0.5 * p, beta = 1.5);
        INFO(to_string(f) << " vs " << to_string(g) << " at " << p);
        CHECK(test_support::close(eval(g, env), eval(f, env), 1e-14, 1e-15));
    }
    // The simplifier recognises 2σ(2u) − 1 as tanh(u) again.
    STATIC_REQUIRE(std::is_same_v<decltype(simplify(transform_t<tanh_through_sigmoid, decltype(tanh(beta * x))>{})),
                                  decltype(tanh(beta * x))>);
}

TEST_CASE("the kernels' lowering is a pass: stable where the formula overflows", "[transform]") {
    const auto f = sigmoid(x) + softplus(-x);
    const auto lowered = detail::lowered_t<decltype(f)>{};
    for (double p : {-800.0, -40.0, -1.0, 0.0, 1.0, 40.0, 800.0}) {
        const double expected = 1.0 / (1.0 + std::exp(-p)) + (p < 0 ? -p + std::log1p(std::exp(p)) : std::log1p(std::exp(-p)));
        INFO(to_string(lowered) << " at " << p);
        CHECK(test_support::close(eval(lowered, x = p), expected, 1e-15, 1e-300));
    }
}
