// The 30-second example of the README: write an activation, differentiate it,
// evaluate and print it.
#include <cstdio>

#include <actdiff/actdiff.hpp>

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

    // Derivatives of formulas without transcendental functions are checked at compile time.
    static_assert(eval(d(x * x, x), x = 3.0) == 6.0);
    static_assert(eval(d(relu(x), x), x = 0.0) == 0.0);  // PyTorch's relu'(0)
    return eval(df, x = 0.0, beta = 1.0) == 0.5 ? 0 : 1;
}
