// Prints docs/accuracy.md: the maximum error in ULP of every single-input
// catalog kernel and of sixteen activations from the literature, f and f' from one fused pass, float against double over
// 1.4·10^7 inputs and double against __float128 over 1.4·10^7 inputs per
// activation (tests/accuracy/ulp.hpp says how the inputs are spread).
//   accuracy_table > docs/accuracy.md
#include <chrono>
#include <cstdio>

#include <boost/hana/for_each.hpp>

#include "../tests/accuracy/ulp.hpp"

namespace {
using namespace actdiff;
namespace hana = boost::hana;

// Activations from the literature that the catalog lacks, written as a
// newcomer would (tests/kernel/literature_*.cpp), as entries with one input.
template <class F, class... Ps>
constexpr auto literature(std::string_view name, F f, Ps... parameters) {
    const auto inputs = hana::make_tuple(catalog::x);
    const auto bound = hana::make_tuple(parameters...);
    return catalog::entry<F, decltype(inputs), decltype(bound)>{name, "", f, inputs, bound, {}, {}};
}
template <class P>
constexpr catalog::parameter_default<P> with(P symbol, double value) {
    return {symbol, value};
}

constexpr auto x = catalog::x;
constexpr auto a = param<"a">;
constexpr auto b = param<"b">;
constexpr auto alpha = param<"alpha">;
constexpr auto beta = param<"beta">;
const auto literature_entries = hana::make_tuple(
    literature("squareplus", (x + sqrt(x * x + b)) / 2_c, with(b, 4.0)),
    literature("squared ReLU", pow(relu(x), 2_c)),
    literature("bent identity", (sqrt(x * x + 1_c) - 1_c) / 2_c + x),
    literature("ISRU", x / sqrt(1_c + a * x * x), with(a, 1.0)),
    literature("Gaussian", exp(-x * x)),
    literature("TanhExp", x * tanh(exp(x))),
    literature("Serf", x * erf(log(1_c + exp(x)))),
    literature("log(σ(x))", log(sigmoid(x))),
    literature("Smish", x * tanh(log(1_c + sigmoid(x)))),
    literature("ELiSH", where(x >= 0_c, x * sigmoid(x), (exp(x) - 1_c) * sigmoid(x))),
    literature("QuickGELU", x * sigmoid(c<1702, 1000> * x)),
    literature("Snake (a = 1)", x + pow(sin(a * x), 2_c) / a, with(a, 1.0)),
    literature("arctan", atan(x)),
    literature("x/(1 + e^-x)", x / (1_c + exp(-x))),
    literature("x/(1 + \\|x\\|)", x / (1_c + abs(x))),
    literature("swish + αx", x * sigmoid(beta * x) + alpha * x, with(beta, 1.0), with(alpha, 0.1)));

std::string cell(const accuracy::worst& w) {
    char text[64];
    std::snprintf(text, sizeof text, "%.3g (x = %.4g)", w.ulps, w.at);
    return text;
}
}  // namespace

int main() {
    // float: every 64th pattern, double: every 2^35th: 1.4·10^7 inputs each.
    constexpr int float_step = 6, double_step = 35;
    const auto start = std::chrono::steady_clock::now();
    std::printf("# Accuracy of the kernels\n\n"
                "Maximum error in ULP (units in the last place) of each kernel's value f and derivative f' from one\n"
                "fused forward+backward pass, SIMD main loop, parameters at their defaults. The reference is the same\n"
                "formula evaluated with the plain evaluator in a wider type: double for the float kernels, __float128\n"
                "(libquadmath) for the double kernels. Inputs: evenly spaced bit patterns over every binade from\n"
                "2^-40 to 2^12, both signs, and 0 (float: %zu inputs; double: %zu inputs per activation).\n"
                "Large errors sit where f or f' crosses zero (the ULP there is tiny) or in subnormal results.\n\n"
                "Written by `bash bench/run.sh` (the accuracy_table program of bench/, built for this machine).\n\n"
                "| activation | float f | float f' | double f | double f' |\n|---|---|---|---|---|\n",
                accuracy::sweep<float>(float_step).size(), accuracy::sweep<double>(double_step).size());
    const auto row = [&](const auto& entry) {
        if constexpr (decltype(boost::hana::length(entry.inputs))::value == 1) {
            const auto f = accuracy::measure<float>(entry, float_step);
            std::string d_forward = "–", d_gradient = "–";
            if constexpr (accuracy::has_reference<double>) {
                const auto d = accuracy::measure<double>(entry, double_step);
                d_forward = cell(d.forward);
                d_gradient = cell(d.gradient);
            }
            std::printf("| %s | %s | %s | %s | %s |\n", std::string(entry.name).c_str(), cell(f.forward).c_str(),
                        cell(f.gradient).c_str(), d_forward.c_str(), d_gradient.c_str());
            std::fflush(stdout);
        }
    };
    hana::for_each(catalog::registry, row);
    std::printf("\nActivations from the literature that the catalog lacks, written as a newcomer would\n"
                "(tests/kernel/literature_*.cpp), measured the same way:\n\n"
                "| activation | float f | float f' | double f | double f' |\n|---|---|---|---|---|\n");
    hana::for_each(literature_entries, row);
    std::printf("\n10^30 marks a point where the reference itself fails: TanhExp' in double overflows in\n"
                "x·e^x near x = 703 (the float kernel gives 1 there, as tests/kernel/literature_first.cpp\n"
                "checks against the limit). e^u and erfc(u) amplify the rounding of u by |u| and about 2u²;\n"
                "the kernels correct them for it where u is a form of sums, products and integer powers in\n"
                "one leaf (docs/kernels.md, compensated arguments: Gaussian, QuickGELU, gelu_sigmoid, gelu\n"
                "and gelu_tanh, which were 64, 81, 81, 192 and 183 ULP in float). f' counts everywhere,\n"
                "zeros of f' included, where its ULP is tiny: the 10^4 to 10^5 of gelu, silu, mish and the\n"
                "like sit at their minimum, snake's 10^7 at a double zero of 1 + sin 2x. tanh's f' is\n"
                "4t/(1 + t)², t = e^(-2|x|), where 1 - tanh² was 1.7·10^7 ULP off at x = 11.8 (0 where tanh\n"
                "rounds to 1). The __float128 reference takes\n"
                "its constants from long double; until 2026-12-04 it took them through double, and 1.702,\n"
                "rounded and then amplified by |u| = 708, made QuickGELU's and gelu_sigmoid's double f look\n"
                "160 ULP off, where it was 4.35 (4.08 since the correction rounds once). The double kernels'\n"
                "own constants round to double: selu's and gelu_tanh's double rows count that rounding.\n");
    std::fprintf(stderr, "accuracy_table: %.0f s\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}
