// The 30-second example of the README: write an activation, differentiate it,
// evaluate and print it.
#include <cstdio>

#include <actdiff/actdiff.hpp>
#include <actdiff/algorithm/derivation.hpp>

using namespace actdiff;

int main() {
    constexpr auto x = var<"x">;
    constexpr auto beta = param<"beta">;
    constexpr auto f = x * sigmoid(beta * x);  // Swish; the type of f is the formula
    constexpr auto df = d(f, x);               // derivatives, computed at compile time
    constexpr auto dbeta = d(f, beta);

    std::printf("f      = %s\n", to_string(f).c_str());
    std::printf("df/dx  = %s\n", to_string(df).c_str());
    std::printf("df/dβ  = %s\n", to_string(dbeta).c_str());
    std::printf("f'(0.5) = %.17g\n", eval(df, x = 0.5, beta = 1.0));
    std::printf("f'(0.5) = %.9g (float)\n", df(x = 0.5f, beta = 1.0f));

    // Checked by the compiler: values, canonical forms, and a hand-written derivative.
    static_assert(eval(d(relu(x), x), x = 0.0) == 0.0);  // PyTorch's relu'(0)
    static_assert(equivalent(d(1_c / (1_c + exp(-x)), x), sigmoid(x) * (1_c - sigmoid(x))));
    static_assert(check_derivative(f, x, sigmoid(beta * x) * (1_c + beta * x * (1_c - sigmoid(beta * x))),
                                   at(x = -2.0, beta = 1.0), at(x = 0.5, beta = 1.7)));

    // The backward from the output y, as PyTorch saves it for sigmoid.
    constexpr auto y = var<"y">;
    std::printf("σ' in terms of y = σ(x): %s\n", to_string(in_terms_of(d(sigmoid(x), x), sigmoid(x), y)).c_str());

    // LaTeX, and the derivation step by step.
    std::printf("LaTeX: %s\n%s\n", latex(df).c_str(), derivation(f, x).c_str());
    return eval(df, x = 0.0, beta = 1.0) == 0.5 ? 0 : 1;
}
