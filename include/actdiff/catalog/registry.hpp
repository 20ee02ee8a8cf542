// The catalog as data: a Boost.Hana tuple of entries, one per activation,
// with its name, a one-line description and its formula. Everything else is
// derived, not restated: the inputs are the formula's variables and the
// parameters its params, each in order of first appearance, and each
// parameter's default is the catalog's (catalog::default_of, which the
// activations take as their default arguments). Tools iterate over it:
//   hana::for_each(actdiff::catalog::registry, [](const auto& entry) { ... });
#pragma once

#include <string_view>

#include <boost/hana/at.hpp>
#include <boost/hana/filter.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/size.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/unpack.hpp>

#include <actdiff/algorithm/notation.hpp>
#include <actdiff/catalog/activations.hpp>
#include <actdiff/core/symbols.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/evaluation/evaluate.hpp>

namespace actdiff::catalog {

namespace hana = boost::hana;

// A parameter with the value it takes unless the user binds another.
template <class Symbol>
struct parameter_default {
    Symbol symbol;
    double value;
};

template <class Formula, class Inputs, class Parameters, class Notations = hana::tuple<>, class Assumptions = hana::tuple<>>
struct entry {
    std::string_view name;
    std::string_view description;
    Formula formula;
    Inputs inputs;          // hana::tuple of var<...>
    Parameters parameters;  // hana::tuple of parameter_default<param<...>>
    Notations notations;    // hana::tuple of notation<...>(...): Φ, φ for GELU's pages
    Assumptions assumptions;  // hana::tuple of conditions on parameters: hardtanh's min_val < max_val

    // Bindings for every parameter at its default, followed by the given ones:
    //   eval(d(entry.formula, x), entry.at_defaults(x = 0.5))
    template <class... Bindings>
    constexpr auto at_defaults(const Bindings&... bindings) const {
        return hana::unpack(parameters, [&](const auto&... p) { return at(bindings..., (p.symbol = p.value)...); });
    }
};

namespace detail {
using actdiff::detail::list;

// The formula's symbols, each once, in order of first appearance.
template <class... Ss>
constexpr auto distinct(list<Ss...>) {
    return (list<>{} | ... | actdiff::detail::type<Ss>{});
}
template <class Formula>
using symbols_in_order = decltype(distinct(typename actdiff::detail::symbols_of<Formula>::type{}));

template <class Parameter>
inline constexpr bool has_default = requires { typename default_of<Parameter>::type; };

template <class Parameter>
constexpr parameter_default<Parameter> with_default() {
    static_assert(has_default<Parameter>,
                  "actdiff::catalog: a registry formula uses a parameter that has no catalog::default_of");
    if constexpr (has_default<Parameter>) {
        return {Parameter{}, eval(typename default_of<Parameter>::type{})};
    } else {
        return {Parameter{}, 0.0};
    }
}

template <class... Ss>
constexpr auto inputs_of(list<Ss...>) {
    return hana::make_tuple(Ss{}...);
}
template <class... Ss>
constexpr auto parameters_of(list<Ss...>) {
    return hana::make_tuple(with_default<Ss>()...);
}
template <class... Ss>
constexpr auto variables_only(list<Ss...>) {
    return (list<>{} + ... + std::conditional_t<is_variable_v<Ss>, list<Ss>, list<>>{});
}
template <class... Ss>
constexpr auto parameters_only(list<Ss...>) {
    return (list<>{} + ... + std::conditional_t<is_parameter_v<Ss>, list<Ss>, list<>>{});
}
}  // namespace detail

// An entry, with what its pages read the formula with, if anything: the
// notations they print derivatives in, and the conditions on parameters
// they assume (textbook(f, conditions...)).
template <class Formula, class... ForReaders>
constexpr auto make_entry(std::string_view name, std::string_view description, Formula f, ForReaders... for_readers) {
    static_assert(((actdiff::detail::is_notation_v<ForReaders> || Condition<ForReaders>) && ...),
                  "actdiff::catalog: make_entry(name, description, formula, ...): what follows the formula must be notations or conditions");
    using symbols = detail::symbols_in_order<Formula>;
    const auto inputs = detail::inputs_of(detail::variables_only(symbols{}));
    const auto parameters = detail::parameters_of(detail::parameters_only(symbols{}));
    const auto all = hana::make_tuple(for_readers...);
    const auto notations = hana::filter(all, [](auto n) { return hana::bool_c<actdiff::detail::is_notation_v<decltype(n)>>; });
    const auto assumptions = hana::filter(all, [](auto c) { return hana::bool_c<Condition<decltype(c)>>; });
    return entry<Formula, decltype(inputs), decltype(parameters), decltype(notations), decltype(assumptions)>{
        name, description, f, inputs, parameters, notations, assumptions};
}

inline constexpr auto x = var<"x">;
inline constexpr auto a = var<"a">;
inline constexpr auto b = var<"b">;

// One line an activation: its name, what it is, and its formula over the
// inputs x (or a, b for the gated units) and named parameters.
inline constexpr auto registry = hana::make_tuple(
    make_entry("threshold", "perceptron threshold unit: 1 where x > threshold, else 0", threshold(x, param<"threshold">)),
    make_entry("sigmoid", "logistic sigmoid 1/(1 + e^-x)", sigmoid(x)),
    make_entry("tanh", "hyperbolic tangent", tanh(x)),
    make_entry("relu", "rectified linear unit max(x, 0)", relu(x)),
    make_entry("relu6", "ReLU clipped at 6: min(max(x, 0), 6)", relu6(x)),
    make_entry("leaky_relu", "leaky ReLU: x for x > 0, negative_slope*x otherwise", leaky_relu(x, param<"negative_slope">)),
    make_entry("prelu", "parametric ReLU: x for x > 0, w*x otherwise, with a learnable slope w (PyTorch's weight)", prelu(x, param<"w">)),
    make_entry("elu", "exponential linear unit: x for x > 0, alpha*(e^x - 1) otherwise", elu(x, param<"alpha">)),
    make_entry("selu", "scaled ELU with the self-normalising constants lambda_01, alpha_01", selu(x)),
    make_entry("celu", "continuously differentiable ELU: alpha*(e^(x/alpha) - 1) for x <= 0", celu(x, param<"alpha">)),
    make_entry("gelu", "Gaussian error linear unit x*Phi(x) (erf form)", gelu(x), notation<"Phi">(normal_cdf(x)),
               notation<"phi">(normal_pdf(x))),
    make_entry("gelu_tanh", "GELU, tanh approximation", gelu_tanh(x)),
    make_entry("gelu_sigmoid", "GELU, sigmoid approximation x*sigmoid(1.702x) (QuickGELU)", gelu_sigmoid(x)),
    make_entry("silu", "sigmoid linear unit x*sigmoid(x) (Swish-1)", silu(x)),
    make_entry("swish", "Swish x*sigmoid(beta*x) with a learnable beta", swish(x, param<"beta">)),
    make_entry("mish", "Mish x*tanh(softplus(x))", mish(x)),
    make_entry("softplus", "softplus log(1 + e^(beta*x))/beta", softplus(x, param<"beta">)),
    make_entry("softsign", "softsign x/(1 + |x|)", softsign(x)),
    make_entry("hardtanh", "hard tanh: x clamped to [min_val, max_val]", hardtanh(x, param<"min_val">, param<"max_val">),
               param<"min_val"> < param<"max_val">),
    make_entry("hardsigmoid", "hard sigmoid min(max(x + 3, 0), 6)/6", hardsigmoid(x)),
    make_entry("hardswish", "hard swish x*hardsigmoid(x)", hardswish(x)),
    make_entry("glu", "gated linear unit a*sigmoid(b)", glu(a, b)),
    make_entry("swiglu", "SwiGLU silu(a)*b (a: gate projection, b: up projection)", swiglu(a, b)),
    make_entry("geglu", "GeGLU gelu(a)*b (a: gate projection, b: up projection)", geglu(a, b), notation<"Phi">(normal_cdf(a)),
               notation<"phi">(normal_pdf(a))),
    make_entry("log_sigmoid", "log-sigmoid log(sigmoid(x)) = -softplus(-x)", log_sigmoid(x)),
    make_entry("snake", "Snake x + sin(a*x)^2/a with a learnable frequency a", snake(x, param<"a">)));

inline constexpr std::size_t size = decltype(hana::length(registry))::value;

}  // namespace actdiff::catalog
