// The activation catalog, written in the DSL. Each activation is a function
// of expressions, so gelu(2_c * x) or swish(x, param<"beta">) work, and takes
// PyTorch's defaults. Kinks follow PyTorch (see docs/conventions.md): the
// derivative at a kink is the one PyTorch's backward returns there.
//
// Each parameter's default is stated once, in catalog::default_of: the
// activations take it as their default argument, and the registry
// (catalog/registry.hpp) binds it.
#pragma once

#include <actdiff/core/constants.hpp>
#include <actdiff/core/operators.hpp>
#include <actdiff/primitive/builtin.hpp>

namespace actdiff {

namespace catalog {

// The default of each parameter the catalog names: PyTorch's (its
// constructor's default, or the initial value of a learnable one) and
// BigVGAN's for Snake's frequency a.
template <class Parameter>
struct default_of;
template <fixed_string Name>
using default_t = typename default_of<parameter<Name>>::type;

template <> struct default_of<parameter<"threshold">> { using type = zero; };
template <> struct default_of<parameter<"negative_slope">> { using type = rational<1, 100>; };
template <> struct default_of<parameter<"w">> { using type = rational<1, 4>; };  // PReLU's init
template <> struct default_of<parameter<"alpha">> { using type = one; };
template <> struct default_of<parameter<"beta">> { using type = one; };
template <> struct default_of<parameter<"min_val">> { using type = rational<-1, 1>; };
template <> struct default_of<parameter<"max_val">> { using type = one; };
template <> struct default_of<parameter<"a">> { using type = one; };  // Snake's frequency

}  // namespace catalog

// SELU's constants α₀₁ and λ₀₁ (Klambauer et al. 2017), to full printed precision.
inline constexpr auto selu_alpha = constant<"alpha_01", "1.6732632423543772848170429916717">;
inline constexpr auto selu_lambda = constant<"lambda_01", "1.0507009873554804934193349852946">;

// The perceptron's threshold unit: 1 where u > b, 0 elsewhere (0 at u = b).
template <Expression U, Expression B = catalog::default_t<"threshold">>
constexpr auto threshold(U u, B b = {}) {
    return step(u - b);
}

template <Expression U>
constexpr auto relu(U u) {
    return max(u, 0_c);
}

// min(max(u, 0), 6): derivative 0 at both 0 and 6.
template <Expression U>
constexpr auto relu6(U u) {
    return min(max(u, 0_c), 6_c);
}

template <Expression U, Expression S = catalog::default_t<"negative_slope">>
constexpr auto leaky_relu(U u, S slope = {}) {
    return where(u > 0_c, u, slope * u);
}

// Leaky ReLU with a learnable slope, PyTorch's weight (initialised to 0.25).
template <Expression U, Expression A = catalog::default_t<"w">>
constexpr auto prelu(U u, A a = {}) {
    return where(u > 0_c, u, a * u);
}

// The negative branch is taken at u = 0, so elu'(0) = alpha.
template <Expression U, Expression A = catalog::default_t<"alpha">>
constexpr auto elu(U u, A alpha = {}) {
    return where(u > 0_c, u, alpha * (exp(u) - 1_c));
}

template <Expression U>
constexpr auto selu(U u) {
    return selu_lambda * elu(u, selu_alpha);
}

template <Expression U, Expression A = catalog::default_t<"alpha">>
constexpr auto celu(U u, A alpha = {}) {
    return where(u > 0_c, u, alpha * (exp(u / alpha) - 1_c));
}

// The standard normal distribution's CDF Φ and density φ = Φ′, in which
// authors write GELU's derivatives (the catalog's notations for its pages).
template <Expression U>
constexpr auto normal_cdf(U u) {
    return c<1, 2> * (1_c + erf(u / sqrt(2_c)));
}
template <Expression U>
constexpr auto normal_pdf(U u) {
    return exp(-pow(u, 2_c) / 2_c) / sqrt(2_c * pi);
}

// Exact GELU: u·Φ(u) = u/2 · (1 + erf(u/√2)).
template <Expression U>
constexpr auto gelu(U u) {
    return c<1, 2> * u * (1_c + erf(u / sqrt(2_c)));
}

// GELU, tanh approximation: u/2 · (1 + tanh(√(2/π)·(u + 0.044715·u³))).
template <Expression U>
constexpr auto gelu_tanh(U u) {
    return c<1, 2> * u * (1_c + tanh(sqrt(2_c / pi) * (u + 0.044715_c * pow(u, 3_c))));
}

// GELU, sigmoid approximation ("QuickGELU"): u·σ(1.702·u).
template <Expression U>
constexpr auto gelu_sigmoid(U u) {
    return u * sigmoid(1.702_c * u);
}

template <Expression U>
constexpr auto silu(U u) {
    return u * sigmoid(u);
}

template <Expression U, Expression B = catalog::default_t<"beta">>
constexpr auto swish(U u, B beta = {}) {
    return u * sigmoid(beta * u);
}

template <Expression U>
constexpr auto mish(U u) {
    return u * tanh(softplus(u));
}

// PyTorch's Softplus(beta): softplus(β·u)/β. PyTorch switches to u above
// β·u > 20; the stable evaluation of softplus makes that unnecessary.
template <Expression U, Expression B>
constexpr auto softplus(U u, B beta) {
    return softplus(beta * u) / beta;
}

// log σ(u), PyTorch's LogSigmoid. The engine folds log σ(u) to −softplus(−u),
// which neither overflows nor loses σ's tail: log_sigmoid(−∞) = −∞ with
// slope 1, and −e^(−u) for large u rather than 0.
template <Expression U>
constexpr auto log_sigmoid(U u) {
    return log(sigmoid(u));
}

// Snake (Ziyin, Hartwig and Ueda 2020; BigVGAN): u + sin²(a·u)/a, with a > 0
// learnable (BigVGAN initialises it to 1). d/du = 1 + sin(2au).
template <Expression U, Expression A = catalog::default_t<"a">>
constexpr auto snake(U u, A a = {}) {
    return u + pow(sin(a * u), 2_c) / a;
}

template <Expression U>
constexpr auto softsign(U u) {
    return u / (1_c + abs(u));
}

// min(max(u, lo), hi): derivative 0 at both edges.
template <Expression U, Expression Lo = catalog::default_t<"min_val">, Expression Hi = catalog::default_t<"max_val">>
constexpr auto hardtanh(U u, Lo lo = {}, Hi hi = {}) {
    return min(max(u, lo), hi);
}

template <Expression U>
constexpr auto hardsigmoid(U u) {
    return min(max(u + 3_c, 0_c), 6_c) / 6_c;
}

// u·hardsigmoid(u): derivative 0 at −3 and 1 at +3 (PyTorch since 2025).
template <Expression U>
constexpr auto hardswish(U u) {
    return u * hardsigmoid(u);
}

// Gated units. GLU gates the first input by the sigmoid of the second, as
// torch.nn.functional.glu does with the halves of its input; SwiGLU and GeGLU
// activate the first input (the gate projection) and scale the second (up).
template <Expression A, Expression B>
constexpr auto glu(A a, B b) {
    return a * sigmoid(b);
}

template <Expression A, Expression B>
constexpr auto swiglu(A a, B b) {
    return silu(a) * b;
}

template <Expression A, Expression B>
constexpr auto geglu(A a, B b) {
    return gelu(a) * b;
}

}  // namespace actdiff
