// Prints docs/accuracy.md: the maximum error in ULP of every single-input
// catalog kernel, f and f' from one fused pass, float against double over
// 1.4·10^7 inputs and double against __float128 over 1.4·10^7 inputs per
// activation (tests/accuracy/ulp.hpp says how the inputs are spread).
//   accuracy_table > docs/accuracy.md
#include <chrono>
#include <cstdio>

#include <boost/hana/for_each.hpp>

#include "../tests/accuracy/ulp.hpp"

namespace {
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
    boost::hana::for_each(actdiff::catalog::registry, [&](const auto& entry) {
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
    });
    std::fprintf(stderr, "accuracy_table: %.0f s\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}
