// If this file compiles, it passes: a derivation is the engine's own
// computation. Its differentiation steps end at d_raw(f, x), its last step at
// d(f, x), for the seed's sigmoid and for catalog entries.
#include <type_traits>

#include <actdiff/actdiff.hpp>
#include <actdiff/algorithm/derivation.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;

template <class F, class V>
constexpr bool ends_where_d_does(F, V) {
    using steps = detail::derivation_steps<F, V>;
    using after_differentiation = typename detail::expression_of<typename detail::last_of<typename steps::raw>::type>::type;
    using after_all = typename detail::expression_of<typename detail::last_of<typename steps::type>::type>::type;
    return std::is_same_v<after_differentiation, decltype(d_raw(F{}, V{}))> &&
           std::is_same_v<after_all, decltype(d(F{}, V{}))>;
}

static_assert(ends_where_d_does(pow(1_c + exp(-x), c<-1>), x));
static_assert(ends_where_d_does(x * sigmoid(param<"beta"> * x), x));
static_assert(ends_where_d_does(x * sigmoid(param<"beta"> * x), param<"beta">));
static_assert(ends_where_d_does(gelu_tanh(x), x));
static_assert(ends_where_d_does(mish(x), x));
static_assert(ends_where_d_does(hardswish(x), x));
static_assert(ends_where_d_does(softsign(x), x));
static_assert(ends_where_d_does(celu(x, param<"alpha">), x));
}  // namespace

int main() {}
