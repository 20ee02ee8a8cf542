// The registry, entry by entry: every derivative the tool shows (in each input
// and parameter, and second order) against finite differences, and the
// registry's own data (names, defaults) against PyTorch's.
#include <map>
#include <set>
#include <string>

#include <boost/hana/remove_if.hpp>

#include <actdiff/catalog/registry.hpp>

#include "../support.hpp"

using namespace actdiff;
using test_support::check_against_finite_differences;
namespace hana = boost::hana;

namespace {
// Away from every kink (−3, −1, 0, 1, 3, 6 and the thresholds) by more than
// the finite-difference stencil reaches.
const std::vector<double> smooth_points = {-7.3, -4.1, -2.6, -1.7, -0.63, -0.21, 0.37, 0.81, 1.4, 2.2, 4.7, 7.9};

template <class Entry, class Symbol, class... Others>
void check_symbol(const Entry& entry, Symbol symbol, const Others&... others) {
    const auto f = entry.formula;
    hana::unpack(entry.parameters, [&](const auto&... p) {
        check_against_finite_differences(f, symbol, smooth_points, others..., (p.symbol = p.value)...);
        check_against_finite_differences(d(f, symbol), symbol, smooth_points, others..., (p.symbol = p.value)...);
    });
}
}  // namespace

TEST_CASE("every registry entry: first and second derivatives in each input", "[registry][derivative]") {
    hana::for_each(catalog::registry, [](const auto& entry) {
        SECTION(std::string(entry.name)) {
            if constexpr (decltype(hana::size(entry.inputs))::value == 1) {
                check_symbol(entry, hana::at_c<0>(entry.inputs));
            } else {
                const auto first = hana::at_c<0>(entry.inputs);
                const auto second = hana::at_c<1>(entry.inputs);
                for (double other : {-1.3, 0.4, 2.1}) {
                    check_symbol(entry, first, second = other);
                    check_symbol(entry, second, first = other);
                }
            }
        }
    });
}

TEST_CASE("every registry entry: derivatives in each parameter", "[registry][parameter]") {
    hana::for_each(catalog::registry, [](const auto& entry) {
        hana::for_each(entry.parameters, [&](const auto& parameter) {
            SECTION(std::string(entry.name) + " / " + std::string(parameter.symbol.name.view())) {
                const auto input = hana::at_c<0>(entry.inputs);
                for (double point : {-2.6, -0.63, 0.37, 2.2}) {
                    // Vary the parameter around its default, the other parameters at theirs.
                    const double around = parameter.value == 0 ? 0.3 : parameter.value;
                    const auto others = hana::remove_if(entry.parameters, [&](const auto& p) {
                        return hana::bool_c<std::is_same_v<decltype(p.symbol), decltype(parameter.symbol)>>;
                    });
                    hana::unpack(others, [&](const auto&... p) {
                        check_against_finite_differences(entry.formula, parameter.symbol,
                                                         {around * 0.9, around, around * 1.1}, input = point,
                                                         (p.symbol = p.value)...);
                    });
                }
            }
        });
    });
}

TEST_CASE("the registry lists the whole catalog once, with PyTorch's defaults", "[registry]") {
    std::set<std::string> names;
    hana::for_each(catalog::registry, [&](const auto& entry) {
        CHECK(!entry.description.empty());
        CHECK(names.insert(std::string(entry.name)).second);
    });
    const std::set<std::string> expected = {
        "threshold", "sigmoid", "tanh",      "relu",     "relu6",       "leaky_relu", "prelu",  "elu",
        "selu",      "celu",    "gelu",      "gelu_tanh", "gelu_sigmoid", "silu",     "swish",  "mish",
        "softplus",  "softsign", "hardtanh", "hardsigmoid", "hardswish", "glu",        "swiglu", "geglu",
        "log_sigmoid", "snake"};
    CHECK(names == expected);
    CHECK(catalog::size == expected.size());

    std::map<std::string, double> defaults;
    hana::for_each(catalog::registry, [&](const auto& entry) {
        hana::for_each(entry.parameters, [&](const auto& p) {
            defaults[std::string(entry.name) + "." + std::string(p.symbol.name.view())] = p.value;
        });
    });
    const std::map<std::string, double> pytorch = {
        {"threshold.threshold", 0.0}, {"leaky_relu.negative_slope", 0.01}, {"prelu.w", 0.25},
        {"elu.alpha", 1.0},           {"celu.alpha", 1.0},                 {"swish.beta", 1.0},
        {"softplus.beta", 1.0},       {"hardtanh.min_val", -1.0},          {"hardtanh.max_val", 1.0},
        {"snake.a", 1.0}};  // Snake is no PyTorch built-in: BigVGAN's initial a
    CHECK(defaults == pytorch);
}

namespace {
// The registry entry named `name`, given to visit.
template <class Visit>
void with_entry(std::string_view name, Visit visit) {
    int found = 0;
    hana::for_each(catalog::registry, [&](const auto& entry) {
        if (entry.name == name) ++found, visit(entry);
    });
    CHECK(found == 1);
}

// The registry's defaults are the activation's own: the entry at its
// defaults equals the function called without the parameters.
template <class WithDefaults>
void check_defaults(std::string_view name, WithDefaults with_defaults) {
    with_entry(name, [&](const auto& entry) {
        if constexpr (decltype(hana::size(entry.inputs))::value == 1) {
            for (double p : {-7.5, -2.5, -1.0, -0.25, 0.0, 0.5, 1.0, 2.5, 6.5}) {
                INFO(name << " at " << p);
                CHECK(eval(entry.formula, entry.at_defaults(catalog::x = p)) == eval(with_defaults, catalog::x = p));
            }
        }
    });
}
}  // namespace

TEST_CASE("the registry derives its defaults from the activations' default arguments", "[registry]") {
    using catalog::x;
    check_defaults("threshold", threshold(x));
    check_defaults("leaky_relu", leaky_relu(x));
    check_defaults("prelu", prelu(x));
    check_defaults("elu", elu(x));
    check_defaults("celu", celu(x));
    check_defaults("swish", swish(x));
    check_defaults("hardtanh", hardtanh(x));
    check_defaults("snake", snake(x));
    check_defaults("softplus", softplus(x));  // softplus(x, beta) at beta = 1 is the primitive
}

TEST_CASE("the registry derives its inputs in the order of the activations' arguments", "[registry]") {
    const auto check_order = [](std::string_view name, auto call) {
        with_entry(name, [&](const auto& entry) {
            if constexpr (decltype(hana::size(entry.inputs))::value == 2) {
                using called = decltype(hana::unpack(entry.inputs, call));
                CHECK(std::is_same_v<called, std::remove_cv_t<decltype(entry.formula)>>);
            } else {
                FAIL(name << " has not two inputs");
            }
        });
    };
    check_order("glu", [](auto... v) { return glu(v...); });
    check_order("swiglu", [](auto... v) { return swiglu(v...); });
    check_order("geglu", [](auto... v) { return geglu(v...); });
}
