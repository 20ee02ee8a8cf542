// Defining your own activation, and your own primitive function.
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include <actdiff/actdiff.hpp>

using namespace actdiff;

// 1. An activation is a function of expressions, written with the DSL.
//    "Penalized tanh" (Xu et al. 2016): tanh(u) for u > 0, a·tanh(u) otherwise.
template <Expression U, Expression A = rational<1, 4>>
constexpr auto penalized_tanh(U u, A a = {}) {
    return where(u > 0_c, tanh(u), a * tanh(u));
}

// 2. A primitive states, in one place, its name (it prints as gd(u)),
//    evaluation, derivative, cost, parity and emitted code. Here: the
//    Gudermannian gd(u) = 2·atan(tanh(u/2)), gd' = 1/cosh(u). Its derivative
//    is written with existing primitives: 1/cosh(u) = 2/(e^u + e^(−u)).
struct gudermannian_function {
    static constexpr std::string_view name = "gd";
    template <class T>
    static T evaluate(const T& u) {
        using std::atan;
        using std::tanh;
        return T(2) * atan(tanh(u / T(2)));
    }
    static constexpr auto derivative(Expression auto u) { return 2_c / (exp(u) + exp(-u)); }
    static constexpr call_cost cost{.calls = 2, .operations = 3};  // atan and tanh
    static constexpr parity symmetry = parity::odd;               // gd(−u) = −gd(u), gd(0) = 0
    static std::string code(std::string_view u, bool cuda) {       // gd is not a <cmath> function
        const std::string prefix = cuda ? "" : "std::";
        return "T(2) * " + prefix + "atan(" + prefix + "tanh(" + std::string(u) + " / T(2)))";
    }
};

template <Expression U>
constexpr auto gd(U u) {
    return apply_function<gudermannian_function>(u);
}

int main() {
    constexpr auto x = var<"x">;
    constexpr auto a = param<"a">;

    constexpr auto f = penalized_tanh(x, a);
    std::printf("penalized tanh:  f = %s\n                 f' = %s\n                 df/da = %s\n",
                to_string(f).c_str(), to_string(d(f, x)).c_str(), to_string(d(f, a)).c_str());

    constexpr auto g = x * gd(x);
    std::printf("x·gd(x):         f = %s\n                 f' = %s\n", to_string(g).c_str(),
                to_string(d(g, x)).c_str());

    // Check both against finite differences, as a user would.
    int failures = 0;
    for (double p : {-2.0, -0.5, 0.7, 3.0}) {
        const double h = 1e-5;
        const double numeric_f = (eval(f, x = p + h, a = 0.25) - eval(f, x = p - h, a = 0.25)) / (2 * h);
        const double numeric_g = (eval(g, x = p + h) - eval(g, x = p - h)) / (2 * h);
        failures += std::abs(eval(d(f, x), x = p, a = 0.25) - numeric_f) > 1e-8;
        failures += std::abs(eval(d(g, x), x = p) - numeric_g) > 1e-8;
    }
    // The primitive's code spelling makes x·gd(x) emittable as C++ and CUDA.
    const std::string source = emit_cpp(kernel(g, x), "x_gd");
    failures += source.find("std::atan(std::tanh(") == std::string::npos;
    std::printf("%s\n", failures == 0 ? "derivatives agree with finite differences; x·gd(x) emits" : "MISMATCH");
    return failures;
}
