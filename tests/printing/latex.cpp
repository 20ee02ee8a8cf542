// The typesetting rules of latex(), one golden string each, written by hand.
#include <actdiff/printing/format.hpp>

#include "../support.hpp"

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto y = var<"y">;
constexpr auto alpha = param<"alpha">;
}  // namespace

TEST_CASE("parentheses only where precedence needs them", "[latex]") {
    CHECK(latex(x * (1_c + y)) == "x \\left(1 + y\\right)");
    CHECK(latex(x * y + 1_c) == "1 + x y");
    CHECK(latex(pow(1_c + x, 2_c)) == "\\left(1 + x\\right)^{2}");
    CHECK(latex(pow(x, 2_c) * y) == "x^{2} y");
    CHECK(latex(sigmoid(x + y)) == "\\sigma\\left(x + y\\right)");
}

TEST_CASE("fractions: stacked when single-level, inline when nested", "[latex]") {
    CHECK(latex(x / (1_c + abs(x))) == "\\frac{x}{1 + \\left|x\\right|}");
    CHECK(latex(1_c / (x * y)) == "\\frac{1}{x y}");
    CHECK(latex((1_c + x) / y) == "\\frac{1 + x}{y}");
    CHECK(latex((1_c + x / y) / (1_c + y)) == "\\left(1 + \\frac{x}{y}\\right) / \\left(1 + y\\right)");
    // A pending d/dx is an operator, not a fraction: the quotient rule's
    // (u'v − uv')/v² stays stacked while u' is pending.
    using namespace detail;
    const auto pending_abs = make_product(x, pending(abs(x), x));
    CHECK(latex(make_product(make_sum(one{}, pending_abs), make_power<ratio{-1, 1}>(1_c + y))) ==
          "\\frac{1 + x \\frac{d}{dx}\\left[\\left|x\\right|\\right]}{1 + y}");
    CHECK(latex(c<1, 2> * x) == "\\frac{1}{2} x");
    CHECK(latex(c<3, 2>) == "\\frac{3}{2}");
}

TEST_CASE("negative terms as subtraction", "[latex]") {
    CHECK(latex(1_c - sigmoid(x)) == "1 - \\sigma\\left(x\\right)");
    CHECK(latex(exp(x) - 1_c) == "e^{x} - 1");
    CHECK(latex(x - alpha) == "x - \\alpha");
    CHECK(latex(-x) == "-x");
    CHECK(latex(x - 2_c * y) == "x - 2 y");
}

TEST_CASE("exp: e^{u} when short, \\exp when long", "[latex]") {
    CHECK(latex(exp(-x)) == "e^{-x}");
    CHECK(latex(exp(x / alpha)) == "\\exp\\left(\\frac{x}{\\alpha}\\right)");
    CHECK(latex(exp(x * x + y * y + x * y + x)) == "\\exp\\left(x + x^{2} + y^{2} + x y\\right)");
    // A power of e^{u} takes parentheses: e^{x}^{2} is a double superscript.
    CHECK(latex(pow(exp(alpha * x), 2_c)) == "\\left(e^{\\alpha x}\\right)^{2}");
    CHECK(latex(x * pow(exp(-x), -1_c / 2_c)) == "\\frac{x}{\\sqrt{e^{-x}}}");
    // A unit fraction's coefficient goes over the exponent inline, as in the
    // normal density; not in a sum, where it is one term's.
    CHECK(latex(exp(-x * x / 2_c)) == "e^{-x^{2}/2}");
    CHECK(latex(exp(x / 3_c)) == "e^{x/3}");
    CHECK(latex(exp(-(x * x + y) / 2_c)) == "\\exp\\left(-\\frac{1}{2} \\left(x^{2} + y\\right)\\right)");
}

TEST_CASE("function names, roots, max, cases", "[latex]") {
    CHECK(latex(tanh(x)) == "\\tanh\\left(x\\right)");
    CHECK(latex(erf(x)) == "\\operatorname{erf}\\left(x\\right)");
    CHECK(latex(softplus(x)) == "\\operatorname{softplus}\\left(x\\right)");
    CHECK(latex(log(x)) == "\\log\\left(x\\right)");
    CHECK(latex(sqrt(2_c / pi)) == "\\sqrt{\\frac{2}{\\pi}}");
    CHECK(latex(relu(x)) == "\\max\\left(x, 0\\right)");
    CHECK(latex(step(x)) == "\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}");
    CHECK(latex(leaky_relu(x)) == "\\begin{cases} x & x > 0 \\\\ 0.01 x & \\text{otherwise} \\end{cases}");
    // where(c₁, where(c₂, a, b), b): two rows, and two bounds on x as one chain.
    CHECK(latex(d(relu6(x), x)) == "\\begin{cases} 1 & 0 < x < 6 \\\\ 0 & \\text{otherwise} \\end{cases}");
}

TEST_CASE("cases: chained bounds, implied bounds dropped, order kept", "[latex]") {
    // x < 3 is implied by x ≤ −3 in the second row; 1 ≤ x < 3 is one chain.
    CHECK(latex(where(x < 3_c, where(x > -3_c, x, 0_c), 1_c)) ==
          "\\begin{cases} x & -3 < x < 3 \\\\ 0 & x \\le -3 \\\\ 1 & \\text{otherwise} \\end{cases}");
    CHECK(latex(where(x < 3_c, where(x >= 1_c, x, 2_c * x), where(x <= 5_c, x * x, 1_c))) ==
          "\\begin{cases} x & 1 \\le x < 3 \\\\ 2 x & x < 1 \\\\ x^{2} & x \\le 5 \\\\ 1 & \\text{otherwise} \\end{cases}");
    // Bounds on different expressions stay apart.
    CHECK(latex(where(x < 1_c, where(y > 0_c, x, y), 0_c)) ==
          "\\begin{cases} x & x < 1, y > 0 \\\\ y & x < 1, y \\le 0 \\\\ 0 & \\text{otherwise} \\end{cases}");
}

TEST_CASE("products: juxtaposition, \\cdot before a number", "[latex]") {
    CHECK(latex(2_c * x * y) == "2 x y");
    CHECK(latex(x * pow(2_c, c<1, 2>)) == "\\sqrt{2} x");
    CHECK(latex(x * sigmoid(x) * (1_c - sigmoid(x))) == "x \\sigma\\left(x\\right) \\left(1 - \\sigma\\left(x\\right)\\right)");
    CHECK(latex(pi * 0.5_c * x) == "\\frac{1}{2} \\pi x");
    // Roots of constants as one root: GELU's normal density over √(2π).
    CHECK(latex(x / (sqrt(2_c) * sqrt(pi))) == "\\frac{x}{\\sqrt{2 \\pi}}");
    CHECK(latex(x * sqrt(2_c) * sqrt(pi)) == "\\sqrt{2 \\pi} x");
    CHECK(to_string(x / (sqrt(2_c) * sqrt(pi))) == "x/√(2·π)");
}

TEST_CASE("symbols and constants", "[latex]") {
    CHECK(latex(alpha) == "\\alpha");
    CHECK(latex(param<"beta">) == "\\beta");
    CHECK(latex(selu_lambda) == "\\lambda_{01}");
    CHECK(latex(pi) == "\\pi");
    CHECK(latex(param<"negative_slope">) == "\\mathrm{negative\\_slope}");
    CHECK(latex(0.044715_c) == "0.044715");
    CHECK(latex(var<"x_1">) == "x_{1}");
}

TEST_CASE("fmt: {} is text, {:latex} is LaTeX", "[latex][format]") {
    CHECK(fmt::format("{}", d(sigmoid(x), x)) == "σ(x)·(1 − σ(x))");
    CHECK(fmt::format("{:text}", sigmoid(x)) == "σ(x)");
    CHECK(fmt::format("{:latex}", d(sigmoid(x), x)) == "\\sigma\\left(x\\right) \\left(1 - \\sigma\\left(x\\right)\\right)");
    CHECK(fmt::format("{:>6}", 1) == "     1");  // other types keep their own specs
}

TEST_CASE("names print as identifiers, Greek letters or escaped \\mathrm", "[latex]") {
    CHECK(latex(alpha) == "\\alpha");
    CHECK(latex(param<"alpha_2">) == "\\alpha_{2}");
    CHECK(latex(param<"negative_slope">) == "\\mathrm{negative\\_slope}");
    CHECK(latex(var<"width">) == "\\mathrm{width}");
    // Whatever \mathrm{} holds is escaped, so that the braces stay balanced.
    CHECK(detail::latex_printing::latex_escaped("a}b_c%{#$&") == "a\\}b\\_c\\%\\{\\#\\$\\&");
    CHECK(detail::latex_printing::latex_escaped("~^\\") == "\\textasciitilde{}\\textasciicircum{}\\textbackslash{}");
}
