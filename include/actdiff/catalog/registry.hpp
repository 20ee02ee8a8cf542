// The catalog as data: a Boost.Hana tuple of entries, one per activation,
// with its name, a one-line description, its formula over named inputs and
// parameters, and the parameters' PyTorch defaults. Tools iterate over it:
//   hana::for_each(actdiff::catalog::registry, [](const auto& entry) { ... });
#pragma once

#include <string_view>

#include <boost/hana/for_each.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/size.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/unpack.hpp>

#include <actdiff/catalog/activations.hpp>
#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/core/symbols.hpp>

namespace actdiff::catalog {

namespace hana = boost::hana;

// A parameter with the value it takes unless the user binds another.
template <class Symbol>
struct parameter_default {
    Symbol symbol;
    double value;
};

template <class Symbol>
constexpr parameter_default<Symbol> defaults_to(Symbol symbol, double value) {
    return {symbol, value};
}

template <class Formula, class Inputs, class Parameters>
struct entry {
    std::string_view name;
    std::string_view description;
    Formula formula;
    Inputs inputs;          // hana::tuple of var<...>
    Parameters parameters;  // hana::tuple of parameter_default<param<...>>

    // Bindings for every parameter at its default, followed by the given ones:
    //   eval(d(entry.formula, x), entry.at_defaults(x = 0.5))
    template <class... Bindings>
    constexpr auto at_defaults(const Bindings&... bindings) const {
        return hana::unpack(parameters, [&](const auto&... p) { return at(bindings..., (p.symbol = p.value)...); });
    }
};

template <class Formula, class Inputs, class Parameters>
constexpr entry<Formula, Inputs, Parameters> make_entry(std::string_view name, std::string_view description, Formula f,
                                                        Inputs inputs, Parameters parameters) {
    return {name, description, f, inputs, parameters};
}

inline constexpr auto x = var<"x">;
inline constexpr auto a = var<"a">;
inline constexpr auto b = var<"b">;

inline constexpr auto registry = hana::make_tuple(
    make_entry("threshold", "perceptron threshold unit: 1 where x > threshold, else 0",
               threshold(x, param<"threshold">), hana::make_tuple(x),
               hana::make_tuple(defaults_to(param<"threshold">, 0.0))),
    make_entry("sigmoid", "logistic sigmoid 1/(1 + e^-x)", sigmoid(x), hana::make_tuple(x), hana::make_tuple()),
    make_entry("tanh", "hyperbolic tangent", tanh(x), hana::make_tuple(x), hana::make_tuple()),
    make_entry("relu", "rectified linear unit max(x, 0)", relu(x), hana::make_tuple(x), hana::make_tuple()),
    make_entry("relu6", "ReLU clipped at 6: min(max(x, 0), 6)", relu6(x), hana::make_tuple(x), hana::make_tuple()),
    make_entry("leaky_relu", "leaky ReLU: x for x > 0, negative_slope*x otherwise",
               leaky_relu(x, param<"negative_slope">), hana::make_tuple(x),
               hana::make_tuple(defaults_to(param<"negative_slope">, 0.01))),
    make_entry("prelu", "parametric ReLU with a learnable slope a", prelu(x, param<"a">), hana::make_tuple(x),
               hana::make_tuple(defaults_to(param<"a">, 0.25))),
    make_entry("elu", "exponential linear unit: x for x > 0, alpha*(e^x - 1) otherwise", elu(x, param<"alpha">),
               hana::make_tuple(x), hana::make_tuple(defaults_to(param<"alpha">, 1.0))),
    make_entry("selu", "scaled ELU with the self-normalising constants lambda_01, alpha_01", selu(x),
               hana::make_tuple(x), hana::make_tuple()),
    make_entry("celu", "continuously differentiable ELU: alpha*(e^(x/alpha) - 1) for x <= 0", celu(x, param<"alpha">),
               hana::make_tuple(x), hana::make_tuple(defaults_to(param<"alpha">, 1.0))),
    make_entry("gelu", "Gaussian error linear unit x*Phi(x) (erf form)", gelu(x), hana::make_tuple(x),
               hana::make_tuple()),
    make_entry("gelu_tanh", "GELU, tanh approximation", gelu_tanh(x), hana::make_tuple(x), hana::make_tuple()),
    make_entry("gelu_sigmoid", "GELU, sigmoid approximation x*sigmoid(1.702x) (QuickGELU)", gelu_sigmoid(x),
               hana::make_tuple(x), hana::make_tuple()),
    make_entry("silu", "sigmoid linear unit x*sigmoid(x) (Swish-1)", silu(x), hana::make_tuple(x), hana::make_tuple()),
    make_entry("swish", "Swish x*sigmoid(beta*x) with a learnable beta", swish(x, param<"beta">), hana::make_tuple(x),
               hana::make_tuple(defaults_to(param<"beta">, 1.0))),
    make_entry("mish", "Mish x*tanh(softplus(x))", mish(x), hana::make_tuple(x), hana::make_tuple()),
    make_entry("softplus", "softplus log(1 + e^(beta*x))/beta", softplus(x, param<"beta">), hana::make_tuple(x),
               hana::make_tuple(defaults_to(param<"beta">, 1.0))),
    make_entry("softsign", "softsign x/(1 + |x|)", softsign(x), hana::make_tuple(x), hana::make_tuple()),
    make_entry("hardtanh", "hard tanh: x clamped to [min_val, max_val]",
               hardtanh(x, param<"min_val">, param<"max_val">), hana::make_tuple(x),
               hana::make_tuple(defaults_to(param<"min_val">, -1.0), defaults_to(param<"max_val">, 1.0))),
    make_entry("hardsigmoid", "hard sigmoid min(max(x + 3, 0), 6)/6", hardsigmoid(x), hana::make_tuple(x),
               hana::make_tuple()),
    make_entry("hardswish", "hard swish x*hardsigmoid(x)", hardswish(x), hana::make_tuple(x), hana::make_tuple()),
    make_entry("glu", "gated linear unit a*sigmoid(b)", glu(a, b), hana::make_tuple(a, b), hana::make_tuple()),
    make_entry("swiglu", "SwiGLU silu(a)*b (a: gate projection, b: up projection)", swiglu(a, b),
               hana::make_tuple(a, b), hana::make_tuple()),
    make_entry("geglu", "GeGLU gelu(a)*b (a: gate projection, b: up projection)", geglu(a, b), hana::make_tuple(a, b),
               hana::make_tuple()),
    make_entry("log_sigmoid", "log-sigmoid log(sigmoid(x)) = -softplus(-x)", log_sigmoid(x), hana::make_tuple(x),
               hana::make_tuple()),
    make_entry("snake", "Snake x + sin(a*x)^2/a with a learnable frequency a", snake(x, param<"a">),
               hana::make_tuple(x), hana::make_tuple(defaults_to(param<"a">, 1.0))));

inline constexpr std::size_t size = decltype(hana::length(registry))::value;

}  // namespace actdiff::catalog
