// The emitted C++ of every primitive's kernel (laws_spellings --cpp, written at
// build time) compiles here, and computes the library's values: f against
// the primitive's evaluation, f' against its derivative's.
#include <cmath>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include <actdiff/actdiff.hpp>

#include "laws_emitted.hpp"
#include "user_primitive.hpp"

namespace {

using namespace actdiff;
constexpr auto u = var<"u">;

template <class F, class T>
void compare(auto forward, auto backward, auto forward_backward) {
    std::vector<T> us, gys;
    for (int i = -300; i <= 300; ++i) us.push_back(T(i) / T(37) + T(0.001));
    gys.assign(us.size(), T(1));
    const std::size_t n = us.size();
    std::vector<T> ys(n), gus(n), fused_ys(n), fused_gus(n);
    forward(us.data(), ys.data(), n);
    // The backward reads y where the derivative is a function of the output (σ' = y(1 − y)).
    constexpr bool uses_output = decltype(kernel(detail::make_apply<F>(u), u))::backward_uses_output;
    backward((uses_output ? ys : us).data(), gys.data(), gus.data(), n);
    forward_backward(us.data(), gys.data(), fused_ys.data(), fused_gus.data(), n);
    constexpr auto f_prime = F::derivative(u);
    const auto agree = [](double emitted, double library) {
        if (std::isnan(library)) return std::isnan(emitted);
        return std::abs(emitted - library) <= 16 * std::numeric_limits<T>::epsilon() * std::max(1.0, std::abs(library));
    };
    for (std::size_t i = 0; i < n; ++i) {
        const double value = F::evaluate(double(us[i]));
        const double slope = eval(f_prime, at(u = double(us[i])));
        INFO(F::name << " at " << us[i] << ": emitted " << ys[i] << " and " << gus[i] << ", library " << value << " and "
                     << slope);
        CHECK(agree(ys[i], value));
        CHECK(agree(fused_ys[i], value));
        CHECK(agree(gus[i], slope));
        CHECK(agree(fused_gus[i], slope));
    }
}

#define ACTDIFF_LAW_EMITTED(F, name)                                                                              \
    TEST_CASE("law: the emitted C++ of " #name " compiles and computes its values", "[laws]") {                  \
        compare<F, float>(law_##name##_forward<float>, law_##name##_backward<float>,                            \
                          law_##name##_forward_backward<float>);                                                \
        compare<F, double>(law_##name##_forward<double>, law_##name##_backward<double>,                         \
                           law_##name##_forward_backward<double>);                                              \
    }

ACTDIFF_LAW_EMITTED(exp_function, exp)
ACTDIFF_LAW_EMITTED(log_function, log)
ACTDIFF_LAW_EMITTED(expm1_function, expm1)
ACTDIFF_LAW_EMITTED(log1p_function, log1p)
ACTDIFF_LAW_EMITTED(tanh_function, tanh)
ACTDIFF_LAW_EMITTED(asinh_function, asinh)
ACTDIFF_LAW_EMITTED(sin_function, sin)
ACTDIFF_LAW_EMITTED(cos_function, cos)
ACTDIFF_LAW_EMITTED(atan_function, atan)
ACTDIFF_LAW_EMITTED(erf_function, erf)
ACTDIFF_LAW_EMITTED(erfc_function, erfc)
ACTDIFF_LAW_EMITTED(sigmoid_function, sigmoid)
ACTDIFF_LAW_EMITTED(softplus_function, softplus)
ACTDIFF_LAW_EMITTED(sign_function, sign)
ACTDIFF_LAW_EMITTED(abs_function, abs)
ACTDIFF_LAW_EMITTED(step_function, step)
ACTDIFF_LAW_EMITTED(laws_test::gd_function, gd)

// The list above names every primitive of the laws.
static_assert(std::is_same_v<laws_test::all_primitives,
                             detail::list<exp_function, log_function, expm1_function, log1p_function, tanh_function,
                                          asinh_function, sin_function, cos_function, atan_function, erf_function,
                                          erfc_function, sigmoid_function, softplus_function, sign_function,
                                          abs_function, step_function, laws_test::gd_function>>,
              "a primitive was added to builtin.hpp: add its ACTDIFF_LAW_EMITTED line here");

}  // namespace
