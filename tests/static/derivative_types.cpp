// If this file compiles, it passes: the types d() produces for simple cases,
// and the properties every expression has.
#include <type_traits>

#include <actdiff/actdiff.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto y = var<"y">;
constexpr auto alpha = param<"alpha">;

template <class A, class B>
constexpr bool same = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;

// Expressions are empty, trivially copyable values; their type is the formula.
constexpr auto f = x * sigmoid(alpha * x);
static_assert(std::is_empty_v<decltype(f)>);
static_assert(std::is_trivially_copyable_v<decltype(f)>);
static_assert(std::is_trivially_copyable_v<decltype(d(d(f, x), alpha))>);
static_assert(same<decltype(f), decltype(var<"x"> * sigmoid(param<"alpha"> * var<"x">))>);
static_assert(!same<decltype(var<"x">), decltype(param<"x">)>);
static_assert(Expression<decltype(f)> && Expression<decltype(d(f, x))>);
static_assert(!Expression<double> && !Expression<int>);

// Derivatives of leaves.
static_assert(same<decltype(d(x, x)), one>);
static_assert(same<decltype(d(alpha, x)), zero>);
static_assert(same<decltype(d(y, x)), zero>);
static_assert(same<decltype(d(alpha, alpha)), one>);
static_assert(same<decltype(d(x, alpha)), zero>);
static_assert(same<decltype(d(3_c, x)), zero>);
static_assert(same<decltype(d(pi, x)), zero>);

// Primitives.
static_assert(same<decltype(d(exp(x), x)), decltype(exp(x))>);
static_assert(same<decltype(d(sigmoid(x), x)), decltype(sigmoid(x) * (1_c - sigmoid(x)))>);
static_assert(same<decltype(d(tanh(x), x)), decltype(1_c - tanh(x) * tanh(x))>);
static_assert(same<decltype(d(softplus(x), x)), decltype(sigmoid(x))>);
static_assert(same<decltype(d(log(x), x)), decltype(1_c / x)>);
static_assert(same<decltype(d(abs(x), x)), decltype(sign(x))>);
static_assert(same<decltype(d(step(x), x)), zero>);

// Chain, product, power rules, with constants folded exactly.
static_assert(same<decltype(d(x * x, x)), decltype(2_c * x)>);
static_assert(same<decltype(d(3_c * x, x)), decltype(3_c)>);
static_assert(same<decltype(d(pow(x, 3_c), x)), decltype(3_c * x * x)>);
static_assert(same<decltype(d(sqrt(x), x)), decltype(c<1, 2> / sqrt(x))>);
static_assert(same<decltype(d(exp(2_c * x), x)), decltype(2_c * exp(2_c * x))>);
static_assert(same<decltype(d(alpha * x, alpha)), decltype(x)>);
static_assert(same<decltype(d(d(pow(x, 4_c), x), x)), decltype(12_c * x * x)>);
static_assert(same<decltype(d(d(d(d(pow(x, 3_c), x), x), x), x)), zero>);

// Piecewise: relu' is where(x > 0, 1, 0); leaky_relu' keeps the slope.
static_assert(same<decltype(d(relu(x), x)), decltype(where(x > 0_c, 1_c, 0_c))>);
static_assert(same<decltype(d(leaky_relu(x), x)), decltype(where(x > 0_c, 1_c, 0.01_c))>);
static_assert(same<decltype(d(prelu(x, alpha), alpha)), decltype(where(x > 0_c, 0_c, x))>);
static_assert(same<decltype(d(where(x > 0_c, x, x), x)), one>);

// Construction folds what is exactly known.
static_assert(same<decltype(x + 0_c), decltype(x)>);
static_assert(same<decltype(1_c * x), decltype(x)>);
static_assert(same<decltype(0_c * x), zero>);
static_assert(same<decltype(-(-x)), decltype(x)>);
static_assert(same<decltype(x + x), decltype(2_c * x)>);
static_assert(same<decltype(x - x), zero>);
static_assert(same<decltype(pow(x, 1_c)), decltype(x)>);
static_assert(same<decltype(pow(x, 0_c)), one>);
static_assert(same<decltype(c<1, 2> + c<1, 3>), decltype(c<5, 6>)>);
static_assert(same<decltype(pow(c<2, 3>, c<-2>)), decltype(c<9, 4>)>);
static_assert(same<decltype(sqrt(2_c) * sqrt(2_c)), decltype(2_c)>);
static_assert(same<decltype(exp(0_c)), one>);
static_assert(same<decltype(sigmoid(0_c)), decltype(c<1, 2>)>);
// u/u is not 1: that would be wrong at u = 0.
static_assert(!same<decltype(x / x), one>);

// Literals are exact.
static_assert(same<decltype(0.044715_c), rational<8943, 200000>>);
static_assert(same<decltype(1.702_c), rational<851, 500>>);
static_assert(same<decltype(1e-2_c), rational<1, 100>>);
static_assert(same<decltype(2.5e1_c), rational<25, 1>>);
static_assert(same<decltype(c<6, -4>), rational<-3, 2>>);

// Evaluation in constant expressions.
static_assert(eval(d(x * x, x), x = 3.0) == 6.0);
static_assert(eval(d(x * y * y, y), x = 2.0, y = 5.0) == 20.0);
static_assert(eval(relu(x), x = -2.0) == 0.0);
static_assert(eval(d(hardtanh(x), x), x = 1.0) == 0.0);
static_assert(eval(d(pow(x, c<-1>), x), x = 2.0) == -0.25);
static_assert(eval(d(selu(x), x), x = 1.0) == eval(selu_lambda));
}  // namespace

int main() {}
