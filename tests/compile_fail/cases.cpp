// Misuse of the DSL, one case per ACTDIFF_CASE value. Each must fail to
// compile with the message tests/CMakeLists.txt expects; with no case set the
// file shows the correct use and must compile (the positive half of each pair).
#include <vector>

#include <actdiff/actdiff.hpp>

using namespace actdiff;

constexpr auto x = var<"x">;
constexpr auto alpha = param<"alpha">;
constexpr auto f = x * sigmoid(alpha * x);
constexpr auto k = kernel(f, x);

// A user primitive with no code spelling, whose name is no <cmath> function.
struct no_code_function {
    static constexpr std::string_view name = "no_code";
    template <class T>
    static constexpr T evaluate(const T& u) {
        return u;
    }
    static constexpr auto derivative(Expression auto) { return one{}; }
};
// Not a primitive: no evaluate.
struct not_a_primitive_function {
    static constexpr std::string_view name = "broken";
};

double use() {
    std::vector<float> xs{0.5f, 1.0f}, ys(2);
    [[maybe_unused]] const std::vector<float> const_ys(2);
    [[maybe_unused]] std::vector<int> ints{1, 2};
    [[maybe_unused]] std::vector<double> doubles(2);
#if ACTDIFF_CASE == 1  // a symbol without a binding
    return eval(f, x = 1.0);
#elif ACTDIFF_CASE == 2  // a kernel call without a binding for a parameter
    k.forward(xs, ys);
    return ys[0];
#elif ACTDIFF_CASE == 3  // a symbol bound twice
    return eval(f, x = 1.0, alpha = 1.0, x = 2.0);
#elif ACTDIFF_CASE == 4  // d with respect to an expression
    return eval(d(f, alpha * x), x = 1.0, alpha = 1.0);
#elif ACTDIFF_CASE == 5  // a plain int in an expression
    return eval(2 * x, x = 1.0);
#elif ACTDIFF_CASE == 6  // a plain double in an expression
    return eval(x + 0.5, x = 1.0);
#elif ACTDIFF_CASE == 7  // a symbolic exponent
    return eval(pow(x, alpha), x = 1.0, alpha = 1.0);
#elif ACTDIFF_CASE == 8  // d with respect to a number
    return eval(d(f, 1.0), x = 1.0, alpha = 1.0);
#elif ACTDIFF_CASE == 9  // where without a condition
    return eval(where(x, x, 0_c), x = 1.0);
#elif ACTDIFF_CASE == 10  // eval of something that is not an expression
    return eval(1.0, x = 1.0);
#elif ACTDIFF_CASE == 11  // a named constant whose digits are not a number
    return eval(constant<"k", "1.2e3"> * x, x = 1.0);
#elif ACTDIFF_CASE == 12  // a wrong hand-written derivative (σ(x)(1 + xσ(x)) is not silu')
    static_assert(check_derivative(silu(x), x, sigmoid(x) * (1_c + x * sigmoid(x)), 0.0, 1.0));
    return 0;
#elif ACTDIFF_CASE == 13  // gelu' needs x, not only y = gelu(x)
    return eval(in_terms_of(d(gelu(x), x), gelu(x), var<"y">), var<"y"> = 1.0);
#elif ACTDIFF_CASE == 14  // an unknown format spec for an expression
    return static_cast<double>(fmt::format("{:latx}", x).size());
#elif ACTDIFF_CASE == 15  // a kernel over a formula whose variable y is not listed as an input
    kernel(x * sigmoid(var<"y">), x).forward(xs, ys);
    return ys[0];
#elif ACTDIFF_CASE == 16  // a range of int
    k.forward(ints, ys, alpha = 1.0f);
    return ys[0];
#elif ACTDIFF_CASE == 17  // a const output range
    k.forward(xs, const_ys, alpha = 1.0f);
    return ys[0];
#elif ACTDIFF_CASE == 18  // a plain number where a parameter binding belongs
    k.forward(xs, ys, 1.0f);
    return ys[0];
#elif ACTDIFF_CASE == 19  // a binding of the kernel's input
    k.forward(xs, ys, alpha = 1.0f, x = 2.0f);
    return ys[0];
#elif ACTDIFF_CASE == 20  // a variable name that is not an identifier
    return eval(var<"my var"> * x, x = 1.0);
#elif ACTDIFF_CASE == 21  // a parameter name that is not an identifier
    return eval(param<"a}b"> * x, x = 1.0);
#elif ACTDIFF_CASE == 22  // emitted source cannot name a parameter "int"
    return double(emit_cpp(kernel(param<"int"> * x, x), "scaled").size());
#elif ACTDIFF_CASE == 23  // float inputs, double outputs
    k.forward(xs, doubles, alpha = 1.0f);
    return ys[0];
#elif ACTDIFF_CASE == 24  // softmax over a range of int
    softmax_kernel.forward(ints, ys, 2);
    return ys[0];
#elif ACTDIFF_CASE == 25  // emitting a user primitive that has no code spelling
    return double(emit_cpp(kernel(apply_function<no_code_function>(x), x), "custom").size());
#elif ACTDIFF_CASE == 26  // applying a struct that is not a primitive
    return eval(apply_function<not_a_primitive_function>(x), x = 1.0);
#elif ACTDIFF_CASE == 27  // an input named like the kernel's output
    constexpr auto output = var<"output">;
    return double(sizeof(kernel(sigmoid(output), output)));
#else
    // A user primitive evaluates and differentiates without a code spelling.
    [[maybe_unused]] const double custom = eval(d(apply_function<no_code_function>(x), x), x = 1.0);
    // Bindings of symbols the expression does not use are accepted: d(glu(a, b), a) = σ(b).
    constexpr auto a = var<"a">;
    constexpr auto b = var<"b">;
    const double gated = eval(d(glu(a, b), a), a = 1.0, b = 2.0) + d(glu(a, b), a)(a = 1.0, b = 2.0);
    k.forward(xs, ys, alpha = 1.0f, param<"unused"> = 3.0f);
    softmax_kernel.forward(xs, ys, 2);
    const std::string source = emit_cpp(k, "scaled_swish");
    static_assert(check_derivative(silu(x), x, sigmoid(x) * (1_c + x * (1_c - sigmoid(x))), 0.0, 1.0));
    (void)fmt::format("{} {:text} {:latex}", x, x, x);
    return eval(in_terms_of(d(sigmoid(x), x), sigmoid(x), var<"y">), var<"y"> = 0.5) +
           eval(constant<"k", "1.2"> * x, x = 1.0) + eval(f, x = 1.0, alpha = 1.0) + eval(2_c * x + 0.5_c, x = 1.0) + eval(pow(x, 3_c), x = 1.0) +
           eval(d(f, alpha), x = 1.0, alpha = 1.0) + eval(where(x > 0_c, x, 0_c), x = 1.0) + gated + ys[0] +
           double(source.size()) + eval(f, x = 1.0, alpha = 1.0, param<"alhpa"> = 1.0);
#endif
}

int main() { return use() > 0 ? 0 : 1; }
