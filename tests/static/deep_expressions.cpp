// If this file compiles, it passes: canonicalisation terminates on deep and
// wide expressions (depth 64, sums of 32 terms) and gives the expected forms.
#include <type_traits>
#include <utility>

#include <actdiff/actdiff.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;

// tanh(tanh(...tanh(x)...)), Depth levels deep.
template <int Depth>
constexpr auto nested() {
    if constexpr (Depth == 0) return x; else return tanh(nested<Depth - 1>());
}

// 1·x + 2·x² + ... + N·x^N, written in reverse order.
template <std::size_t... I>
constexpr auto polynomial(std::index_sequence<I...>) {
    return (... + (c<std::intmax_t(sizeof...(I) - I)> * pow(x, c<std::intmax_t(sizeof...(I) - I)>)));
}

// x + x + ... (N times) collects to N·x; sums of distinct sigmoids stay sorted.
template <std::size_t... I>
constexpr auto repeated(std::index_sequence<I...>) {
    return ((void(I), x) + ...);
}
template <std::size_t... I>
constexpr auto sigmoids(std::index_sequence<I...>) {
    return (sigmoid(c<std::intmax_t(I + 1)> * x) + ...);
}
template <std::size_t... I>
constexpr auto sigmoids_reversed(std::index_sequence<I...>) {
    return (sigmoid(c<std::intmax_t(sizeof...(I) - I)> * x) + ...);
}

constexpr auto deep = nested<64>();
static_assert(std::is_same_v<decltype(simplify(deep)), std::remove_const_t<decltype(deep)>>);
static_assert(Expression<decltype(d(nested<8>(), x))>);

constexpr auto wide = polynomial(std::make_index_sequence<32>{});
static_assert(std::is_same_v<decltype(simplify(wide)), std::remove_const_t<decltype(wide)>>);
static_assert(std::is_same_v<decltype(d(d(wide, x), x)), decltype(d(d(simplify(wide), x), x))>);

static_assert(std::is_same_v<decltype(repeated(std::make_index_sequence<32>{})), decltype(32_c * x)>);
static_assert(std::is_same_v<decltype(sigmoids(std::make_index_sequence<32>{})),
                             decltype(sigmoids_reversed(std::make_index_sequence<32>{}))>);
static_assert(Expression<decltype(simplify(d(sigmoids(std::make_index_sequence<32>{}), x)))>);
}  // namespace

int main() {}
