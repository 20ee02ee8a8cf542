// The accuracy bounds of docs/accuracy.md, asserted: for every single-input
// catalog kernel, the maximum ULP error of f and f' over the float sweep
// (1.4·10^7 inputs, against double; the table's sweep) and over every 64th
// input of the table's double sweep (2·10^5, against __float128, where GCC's
// libquadmath is available: the table's 1.4·10^7 take minutes). Each bound is the
// measured maximum with a margin for other instruction sets and compilers
// (FMA contraction, xsimd's SSE2 and AVX-512 paths); a regression beyond it
// fails. The large bounds are zeros of f' (silu' at −1.278: the ULP there is
// tiny) and subnormal results.
//
// Under AddressSanitizer (the test command's clang++ build) the float sweep is
// every 8th of those inputs, 1.8·10^6: instrumented, the whole sweep took five
// of CI's 90 minutes. A coarser sweep is a subset of the finer one, so the
// same bounds hold; what it keeps is the check of clang++'s code, whose
// floating-point contraction differs from g++'s.
#include <map>
#include <string>

#include <boost/hana/for_each.hpp>
#include <catch2/catch.hpp>

#include "ulp.hpp"

namespace {
struct bound {
    double float_f, float_gradient, double_f, double_gradient;
};

// Measured maxima (docs/accuracy.md), times 4, plus 4 ULP.
double margin(double measured) { return 4 * measured + 4; }

#if defined(__SANITIZE_ADDRESS__)
constexpr int float_log2_step = 9;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr int float_log2_step = 9;
#else
constexpr int float_log2_step = 6;
#endif
#else
constexpr int float_log2_step = 6;
#endif

const std::map<std::string, bound> measured = {
    {"threshold", {0, 0, 0, 0}},
    {"sigmoid", {32.1, 32.1, 188, 188}},
    {"tanh", {1.32, 1.68e+07, 1.27, 9.01e+15}},
    {"relu", {0, 0, 0, 0}},
    {"relu6", {0, 0, 0, 0}},
    {"leaky_relu", {0.84, 0.24, 0.5, 0}},
    {"prelu", {0, 0, 0, 0}},
    {"elu", {2, 32.1, 2, 188}},
    {"selu", {2.02, 57, 1.98, 331}},
    {"celu", {2, 32.1, 2, 188}},
    {"gelu", {5.28, 5.7e+05, 3.2, 2.71e+05}},
    {"gelu_tanh", {160, 9.34e+05, 640, 2.74e+05}},
    {"gelu_sigmoid", {4.46, 1.59e+05, 158, 2.38e+05}},
    {"silu", {107, 4.61e+05, 695, 4.57e+05}},
    {"swish", {107, 4.61e+05, 695, 4.57e+05}},
    {"mish", {107, 2.1e+05, 695, 1.42e+05}},
    {"softplus", {32.1, 32.1, 188, 188}},
    {"softsign", {1.98, 3.46, 1.5, 2}},
    {"hardtanh", {0, 0, 0, 0}},
    {"hardsigmoid", {1.33, 0.333, 1.17, 0}},
    // hardswish' = x/3 + 1/2 is 0 at x = −1.5, where 1/3 rounds. In float,
    // x·(1/3) + 1/2 is 0.5 ulp off with FMA and 1.5·10⁻⁸ (4.5e15 ulp) without;
    // in double, the product alone rounds to −1/2 and the sum is 0, while one
    // multiply-add keeps 1/3's rounding, 2.8·10⁻¹⁷ (9.2e18 ulp of the zero).
    {"hardswish", {2.17, 4.5e+15, 1.67, 9.23e+18}},
    {"log_sigmoid", {1.86, 2.69, 1.57, 2.81}},
    // snake' = 1 + sin(2x) touches 0 at x = −π/4 + kπ, where it cancels.
    {"snake", {4.18, 1.68e+07, 4.89, 3.26e+11}},
};
}  // namespace

TEST_CASE("float kernels stay within their ULP bounds over the float sweep", "[accuracy]") {
    boost::hana::for_each(actdiff::catalog::registry, [](const auto& entry) {
        if constexpr (decltype(boost::hana::length(entry.inputs))::value == 1) {
            const std::string name(entry.name);
            const auto r = accuracy::measure<float>(entry, float_log2_step);
            INFO(name << ": f " << r.forward.ulps << " ulp at " << r.forward.at << ", f' " << r.gradient.ulps
                      << " ulp at " << r.gradient.at);
            REQUIRE(measured.count(name) == 1);
            CHECK(r.forward.ulps <= margin(measured.at(name).float_f));
            CHECK(r.gradient.ulps <= margin(measured.at(name).float_gradient));
        }
    });
}

#if ACTDIFF_HAVE_QUAD
TEST_CASE("double kernels stay within their ULP bounds (against __float128)", "[accuracy]") {
    boost::hana::for_each(actdiff::catalog::registry, [](const auto& entry) {
        if constexpr (decltype(boost::hana::length(entry.inputs))::value == 1) {
            const std::string name(entry.name);
            const auto r = accuracy::measure<double>(entry, 41);  // every 64th input of the table's
            INFO(name << ": f " << r.forward.ulps << " ulp at " << r.forward.at << ", f' " << r.gradient.ulps
                      << " ulp at " << r.gradient.at);
            REQUIRE(measured.count(name) == 1);
            CHECK(r.forward.ulps <= margin(measured.at(name).double_f));
            CHECK(r.gradient.ulps <= margin(measured.at(name).double_gradient));
        }
    });
}
#endif
