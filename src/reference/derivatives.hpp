// The derivatives of the catalog as PyTorch's kernels write them by hand
// (shared/reference/activations.md, "Backward" column), in the DSL. They are
// the yardstick for the simplifier: the engine's derivative of each entry must
// be at most as large, in operations and in transcendental calls, and equal in
// value (tests/algorithm/simplify_catalog.cpp); `actdiff sizes` prints the comparison.
#pragma once

#include <string_view>

#include <boost/hana/tuple.hpp>

#include <actdiff/actdiff.hpp>

namespace actdiff::reference {

template <class Function, class Input, class Hand>
struct hand_derivative {
    std::string_view name;
    Function function;
    Input input;
    Hand hand;
};

template <class Function, class Input, class Hand>
constexpr hand_derivative<Function, Input, Hand> by_hand(std::string_view name, Function f, Input v, Hand g) {
    return {name, f, v, g};
}

namespace symbols {
inline constexpr auto x = var<"x">;
inline constexpr auto a = var<"a">;
inline constexpr auto b = var<"b">;
inline constexpr auto alpha = param<"alpha">;
inline constexpr auto beta = param<"beta">;
inline constexpr auto weight = param<"w">;     // PReLU's learnable slope
inline constexpr auto frequency = param<"a">;     // Snake's a
}  // namespace symbols

namespace forms {
using namespace symbols;
inline constexpr auto s = sigmoid(x);
inline constexpr auto t_gelu = tanh(sqrt(2_c / pi) * (x + 0.044715_c * pow(x, 3_c)));
inline constexpr auto s_quick = sigmoid(1.702_c * x);
inline constexpr auto s_beta = sigmoid(beta * x);
inline constexpr auto t_mish = tanh(softplus(x));
inline constexpr auto phi_cdf = c<1, 2> * (1_c + erf(x / sqrt(2_c)));
inline constexpr auto phi_pdf = exp(-x * x / 2_c) / sqrt(2_c * pi);
template <class U>
constexpr auto silu_prime(U u) {
    return sigmoid(u) * (1_c + u * (1_c - sigmoid(u)));
}
template <class U>
constexpr auto gelu_prime(U u) {
    return c<1, 2> * (1_c + erf(u / sqrt(2_c))) + u * exp(-u * u / 2_c) / sqrt(2_c * pi);
}
}  // namespace forms

inline constexpr auto hand_derivatives = [] {
    using namespace symbols;
    using namespace forms;
    return boost::hana::make_tuple(
        by_hand("threshold", threshold(x), x, 0_c),
        by_hand("sigmoid", sigmoid(x), x, s * (1_c - s)),
        by_hand("tanh", tanh(x), x, 1_c - tanh(x) * tanh(x)),
        by_hand("relu", relu(x), x, where(x > 0_c, 1_c, 0_c)),
        by_hand("relu6", relu6(x), x, where(x > 0_c, where(x < 6_c, 1_c, 0_c), 0_c)),
        by_hand("leaky_relu", leaky_relu(x), x, where(x > 0_c, 1_c, 0.01_c)),
        by_hand("prelu", prelu(x, weight), x, where(x > 0_c, 1_c, weight)),
        by_hand("prelu", prelu(x, weight), weight, where(x > 0_c, 0_c, x)),
        by_hand("elu", elu(x, alpha), x, where(x > 0_c, 1_c, alpha * exp(x))),
        by_hand("selu", selu(x), x, where(x > 0_c, selu_lambda, selu_lambda * selu_alpha * exp(x))),
        by_hand("celu", celu(x, alpha), x, where(x > 0_c, 1_c, exp(x / alpha))),
        by_hand("gelu", gelu(x), x, phi_cdf + x * phi_pdf),
        by_hand("gelu_tanh", gelu_tanh(x), x,
                c<1, 2> * (1_c + t_gelu) +
                    c<1, 2> * x * (1_c - t_gelu * t_gelu) * sqrt(2_c / pi) * (1_c + 3_c * 0.044715_c * x * x)),
        by_hand("gelu_sigmoid", gelu_sigmoid(x), x, s_quick * (1_c + 1.702_c * x * (1_c - s_quick))),
        by_hand("silu", silu(x), x, silu_prime(x)),
        by_hand("swish", swish(x, beta), x, s_beta * (1_c + beta * x * (1_c - s_beta))),
        by_hand("swish", swish(x, beta), beta, x * x * s_beta * (1_c - s_beta)),
        by_hand("mish", mish(x), x, t_mish + x * s * (1_c - t_mish * t_mish)),
        by_hand("softplus", softplus(x), x, s),
        by_hand("softsign", softsign(x), x, 1_c / pow(1_c + abs(x), 2_c)),
        by_hand("hardtanh", hardtanh(x), x, where(x > -1_c, where(x < 1_c, 1_c, 0_c), 0_c)),
        by_hand("hardsigmoid", hardsigmoid(x), x, where(x > -3_c, where(x < 3_c, c<1, 6>, 0_c), 0_c)),
        by_hand("hardswish", hardswish(x), x, where(x > -3_c, where(x < 3_c, x / 3_c + c<1, 2>, 1_c), 0_c)),
        by_hand("glu", glu(a, b), a, sigmoid(b)),
        by_hand("glu", glu(a, b), b, a * sigmoid(b) * (1_c - sigmoid(b))),
        by_hand("swiglu", swiglu(a, b), a, b * silu_prime(a)),
        by_hand("swiglu", swiglu(a, b), b, a * sigmoid(a)),
        by_hand("geglu", geglu(a, b), a, b * gelu_prime(a)),
        by_hand("geglu", geglu(a, b), b, gelu(a)),
        by_hand("log_sigmoid", log_sigmoid(x), x, 1_c - s),  // σ(−x)
        by_hand("snake", snake(x, frequency), x, 1_c + sin(2_c * frequency * x)),
        by_hand("snake", snake(x, frequency), frequency,
                x * sin(2_c * frequency * x) / frequency - pow(sin(frequency * x), 2_c) / pow(frequency, 2_c)));
}();

}  // namespace actdiff::reference
