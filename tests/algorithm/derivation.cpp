// derivation(f, v) in an author's shape: constants are never differentiated,
// one notation throughout, and a primitive can be derived from its definition.
// tests/static/derivation.cpp checks that the steps end where d_raw and d do.
#include "../support.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <actdiff/algorithm/derivation.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto alpha = param<"alpha">;
constexpr auto beta = param<"beta">;

std::size_t lines_of(const std::string& block) {
    std::size_t count = 0;
    for (std::size_t at = block.find("&="); at != std::string::npos; at = block.find("&=", at + 1)) ++count;
    return count;
}
bool has(const std::string& block, const std::string& part) { return block.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("a factor free of the variable is pulled out once, never differentiated", "[derivation]") {
    // ELU's ∂/∂α: α(e^x − 1) is linear in α.
    const std::string elu_alpha = derivation(elu(x, alpha), alpha);
    INFO(elu_alpha);
    // α(e^x − 1) is c·α, whose derivative c is taken at once, as a leaf's is.
    CHECK(lines_of(elu_alpha) == 1);
    CHECK(has(elu_alpha, "\\begin{cases} 0 & x > 0 \\\\ e^{x} - 1 & \\text{otherwise} \\end{cases}"));
    CHECK(!has(elu_alpha, "product rule"));
    const std::string scaled = derivation(beta * exp(x * x), x);
    INFO(scaled);
    // β·e^(x²): the constant factor goes without saying, as linearity does.
    CHECK(has(scaled, "&= \\beta e^{x^{2}} \\frac{\\partial}{\\partial x}\\left[x^{2}\\right] && \\left(e^{u}\\right)' = e^{u},\\ \\text{chain rule}"));
    CHECK(!has(scaled, "product rule"));
    CHECK(lines_of(scaled) == 2);
    // GELU's tanh form: √(2/π) and 0.044715 are constants, not chains of rules.
    const std::string gelu = derivation(gelu_tanh(x), x);
    INFO(gelu);
    CHECK(!has(gelu, "u = \\pi"));
    CHECK(!has(gelu, "\\frac{d}{dx}\\left[\\pi"));
    // softplus's 1/β, with respect to x.
    const std::string softplus_x = derivation(log(1_c + exp(beta * x)) / beta, x);
    INFO(softplus_x);
    CHECK(!has(softplus_x, "\\frac{\\partial}{\\partial x}\\left[\\frac{1}{\\beta}"));
}

TEST_CASE("a derivation keeps its outer notation: ∂ throughout, or d throughout", "[derivation]") {
    const std::string partial = derivation(elu(x, alpha), x);
    INFO(partial);
    CHECK(has(partial, "\\frac{\\partial}{\\partial x}"));
    CHECK(!has(partial, "\\frac{d}{dx}"));
    const std::string ordinary = derivation(x * sigmoid(x), x);
    CHECK(!has(ordinary, "\\partial"));
}

TEST_CASE("a primitive derived from its definition, as the seed lecture does", "[derivation][definition]") {
    const std::string sigma = derivation(definition(sigmoid(x)), x);
    INFO(sigma);
    CHECK(has(sigma, "\\frac{d}{dx}\\left[\\frac{1}{1 + e^{-x}}\\right]"));
    CHECK(has(sigma, "\\frac{e^{-x}}{\\left(1 + e^{-x}\\right)^{2}}"));
    CHECK(has(sigma, "\\sigma\\left(x\\right) \\left(1 - \\sigma\\left(x\\right)\\right)"));
    CHECK(lines_of(sigma) <= 6);
}

namespace {
// The label of a derivation's last line: why its simplification holds.
std::string last_reason(const std::string& block) {
    const std::size_t end = block.rfind("\n\\end{align*}");
    const std::size_t at = block.rfind(" && ", end);
    return block.substr(at + 4, end - at - 4);
}
}  // namespace

TEST_CASE("a simplification line names the identity and the change of structure it used", "[derivation]") {
    // σ recognised from its definition: the identity is the primitive's own.
    // σ recognised, and e^{−x} put in its terms, as σ-space states it.
    CHECK(last_reason(derivation(definition(sigmoid(x)), x)) ==
          "\\frac{1}{1 + e^{-u}} = \\sigma\\left(u\\right),\\ e^{-u} = \\frac{1 - \\sigma\\left(u\\right)}{\\sigma\\left(u\\right)}");
    CHECK(last_reason(derivation(definition(tanh(x)), x)) ==
          "\\frac{e^{u} - e^{-u}}{e^{u} + e^{-u}} = \\tanh\\left(u\\right)");
    // σ + xσ(1 − σ): the factor every term shares, named.
    CHECK(last_reason(derivation(x * sigmoid(x), x)) == "\\text{common factor }\\sigma\\left(x\\right)");
    // softsign: u·sign(u) = |u| (sign's times_argument); the quotient rule
    // put it over one denominator already.
    CHECK(last_reason(derivation(softsign(x), x)) == "u \\operatorname{sign}\\left(u\\right) = \\left|u\\right|");
    // Snake: β/β cancels, and sin's times<cos> merges the pair.
    CHECK(last_reason(derivation(x + pow(sin(beta * x), 2_c) / beta, x)) ==
          "\\text{cancel }\\beta,\\ \\cos\\left(u\\right) \\sin\\left(u\\right) = \\frac{1}{2} \\sin\\left(2 u\\right)");
    CHECK(last_reason(derivation(softplus(beta * x) / beta, x)) == "\\text{cancel }\\beta");
    // By the quotient rule, ∂/∂β ends where differentiation does: nothing to simplify.
    CHECK(last_reason(derivation(softplus(beta * x) / beta, beta)) ==
          "\\operatorname{softplus}'\\left(u\\right) = \\sigma\\left(u\\right),\\ \\text{chain rule}");
    CHECK(last_reason(derivation(gelu(x), x)) == "\\text{expanded}");
    // (1/6)(3 + x) → 1/2 + x/3: the rule that distributes a coefficient says so.
    CHECK(last_reason(derivation(hardswish(x), x)) == "\\text{expanded}");
    CHECK(last_reason(derivation(selu(x), x)) == "\\text{into the pieces}");
    // No line says "canonical form" any more.
    CHECK(!has(derivation(x * tanh(softplus(x)), x), "canonical form"));
}

TEST_CASE("a constant the derivative makes from f's is traced to it", "[derivation]") {
    // d/dx 0.044715x³ = 0.134145x²: 3 × 0.044715 = 0.134145, by hand.
    const auto tanh_form = gelu_tanh(x);
    CHECK(constant_origins(tanh_form, d(tanh_form, x)) == std::vector<std::string>{"0.134145 = 3 \\times 0.044715"});
    // x·σ(1.702x)'' has 2 × 1.702 = 3.404 and 1.702² = 2.896804.
    const auto sigmoid_form = x * sigmoid(1.702_c * x);
    CHECK(constant_origins(sigmoid_form, d(d(sigmoid_form, x), x)) ==
          std::vector<std::string>{"3.404 = 2 \\times 1.702", "2.896804 = 1.702^{2}"});
    // Nothing new, nothing said: leaky ReLU's 0.01 is f's own.
    CHECK(constant_origins(leaky_relu(x), d(leaky_relu(x), x)).empty());
    // A constant with no small multiple relation is left alone.
    CHECK(constant_origins(0.37_c * x, 0.41_c * x).empty());
}

TEST_CASE("a human page never shows expm1", "[derivation][definition]") {
    const std::string celu_alpha = derivation(celu(x, alpha), alpha);
    INFO(celu_alpha);
    CHECK(!has(celu_alpha, "expm1"));
    CHECK(!has(derivation(elu(x, alpha), alpha), "expm1"));
}

TEST_CASE("a long argument is named: u = ..., u' = ..., then the steps in u", "[derivation]") {
    const std::string tanh_form = derivation(gelu_tanh(x), x);
    INFO(tanh_form);
    CHECK(has(tanh_form, "u &= \\sqrt{\\frac{2}{\\pi}} \\left(x + 0.044715 x^{3}\\right)"));
    CHECK(has(tanh_form, "u' &= \\sqrt{\\frac{2}{\\pi}} \\left(1 + 0.134145 x^{2}\\right) && \\text{power rule}"));
    CHECK(has(tanh_form, "\\frac{d}{dx}\\left[\\frac{1}{2} x \\left(1 + \\tanh\\left(u\\right)\\right)\\right]"));
    CHECK(has(tanh_form, "\\text{with }u'"));
    CHECK(lines_of(tanh_form) <= 7);
    // tanh(u) is printed by name on every step line: 4 steps, each ≤ 2 times.
    std::size_t spelled_out = 0;
    for (std::size_t at = tanh_form.find("0.044715 x^{3}"); at != std::string::npos; at = tanh_form.find("0.044715 x^{3}", at + 1)) ++spelled_out;
    CHECK(spelled_out == 1);
    // Short arguments stay inline.
    CHECK(!has(derivation(gelu(x), x), "u &="));
}

TEST_CASE("f' and f'' print in the subterms the derivation names", "[derivation]") {
    const auto definitions = subterm_definitions(gelu_tanh(x), x);
    REQUIRE(definitions.size() == 2);
    CHECK(definitions[0] == "u = \\sqrt{\\frac{2}{\\pi}} \\left(x + 0.044715 x^{3}\\right)");
    // u' is long itself, so it is named too, with the derivative worked by hand.
    CHECK(definitions[1] == "u' = \\sqrt{\\frac{2}{\\pi}} \\left(1 + 0.134145 x^{2}\\right)");
    const std::string first = latex_with_subterms(gelu_tanh(x), x, d(gelu_tanh(x), x));
    INFO(first);
    CHECK(has(first, "\\tanh\\left(u\\right)"));
    CHECK(!has(first, "0.044715 x^{3}"));
    CHECK(first == "\\frac{1}{2} \\left(1 + \\tanh\\left(u\\right)\\right) + \\frac{1}{2} x u' \\left(1 - \\tanh\\left(u\\right)^{2}\\right)");
    // f'' = (1 − tanh²u)(u' + ½xu'' − x·tanh(u)·u'²), by hand, with
    // ½xu'' = 0.134145√(2/π)x².
    const std::string second = latex_with_subterms(gelu_tanh(x), x, d(d(gelu_tanh(x), x), x));
    INFO(second);
    CHECK(has(second, "u'^{2}"));
    CHECK(has(second, "u' + 0.134145 \\sqrt{\\frac{2}{\\pi}} x^{2}"));
    CHECK(subterm_definitions(gelu(x), x).empty());
    // Mish's u' = σ(x) is short: it stays as it is.
    CHECK(subterm_definitions(x * tanh(softplus(x)), x).size() == 1);
}

TEST_CASE("a formula with max and min is derived by pieces", "[derivation][pieces]") {
    const std::string hard = derivation(hardswish(x), x);
    INFO(hard);
    CHECK(has(hard, "\\frac{1}{6} x \\left(3 + x\\right) & -3 < x < 3"));
    CHECK(has(hard, "\\text{by pieces}"));
    CHECK(lines_of(hard) <= 4);
    // After the first line, no max or min: each step works on one branch.
    CHECK(!has(hard.substr(hard.find("&=")), "\\max"));
    // The pieces have f's values everywhere, at the kinks and between.
    const auto same_values = [](auto f) {
        const auto pieces = detail::pieces_t<decltype(f)>{};
        for (double p = -8; p <= 8; p += 0.125) {
            const double want = eval(f, at(x = p));
            const double got = eval(pieces, at(x = p));
            INFO("x = " << p);
            CHECK(std::abs(got - want) <= 1e-12 * (1 + std::abs(want)));
        }
    };
    same_values(hardswish(x));
    same_values(hardsigmoid(x));
    same_values(relu6(x));
    same_values(x * max(x, 0_c) + min(x * x, 1_c));        // formulas of users
    same_values(max(x - 1_c, 0_c) * min(x + 2_c, 3_c));
    same_values(min(max(2_c * x, -1_c), 1_c) + max(x, 0.5_c));
}

TEST_CASE("a derivation ends in the author's form, the step named", "[derivation][textbook]") {
    // SiLU″: the factor 1 − σ taken out of the canonical sum.
    CHECK(last_reason(derivation(d(x * sigmoid(x), x), x)) == "\\text{factor }\\left(1 - \\sigma\\left(x\\right)\\right)");
    // hardtanh′: the max in the condition split into pieces, the bounds chained.
    const std::string clamp = derivation(hardtanh(x, param<"lo">, param<"hi">), x);
    INFO(clamp);
    CHECK(last_reason(clamp) == "\\text{by pieces}");
    CHECK(has(clamp, "1 & \\mathrm{lo} < x < \\mathrm{hi} \\\\ 0 & \\text{otherwise}"));
    // A primitive's derivative cited as its identity, from its protocol.
    CHECK(last_reason(derivation(sigmoid(x), x)) ==
          "\\sigma'\\left(u\\right) = \\sigma\\left(u\\right) \\left(1 - \\sigma\\left(u\\right)\\right)");
    CHECK(last_reason(derivation(tanh(2_c * x), x)) == "\\tanh'\\left(u\\right) = 1 - \\tanh\\left(u\\right)^{2},\\ \\text{chain rule}");
    // tanh from its exp form: the derivative-of-exp steps, with and without the
    // chain rule, read as one line (7 steps at first, then 5 by the product rule).
    const std::string tanh_steps = derivation(definition(tanh(x)), x);
    INFO(tanh_steps);
    CHECK(lines_of(tanh_steps) <= 4);
    CHECK(!has(tanh_steps, "\\left(e^{u}\\right)' = e^{u} \\\\"));
    // No inline quotient beside stacked ones: d/dx in a numerator is no fraction.
    CHECK(!has(tanh_steps, " / "));
}

TEST_CASE("a quotient is read by the quotient rule where that leads to d()'s form", "[derivation]") {
    const std::string softsign = derivation(x / (1_c + abs(x)), x);
    CHECK(has(softsign, "\\text{quotient rule}"));
    CHECK(has(softsign, "u \\operatorname{sign}\\left(u\\right) = \\left|u\\right|"));
    CHECK(lines_of(softsign) == 3);
    // Outside the catalog: x/(1 + x²) by the quotient rule, to (1 − x²)/(1 + x²)².
    const std::string rational = derivation(x / (1_c + pow(x, 2_c)), x);
    CHECK(has(rational, "\\text{quotient rule}"));
    // tanh's exp form, as an author writes it: the quotient rule, then the
    // fraction divided term by term, which is where 1 − tanh² shows.
    const std::string tanh_steps = derivation(definition(tanh(x)), x);
    INFO(tanh_steps);
    CHECK(has(tanh_steps, "\\text{quotient rule}"));
    CHECK(has(tanh_steps, "&= 1 - \\frac{\\left(e^{x} - e^{-x}\\right)^{2}}{\\left(e^{x} + e^{-x}\\right)^{2}} && \\text{term by term}"));
    CHECK(lines_of(tanh_steps) == 4);
    // Only the function derived is divided so: a quotient inside a product
    // would leave the derivation short of d()'s form.
    CHECK(!has(derivation(x * definition(tanh(x)), x), "quotient rule"));
    // A constant numerator is the power rule's, as the seed derives σ′.
    CHECK(!has(derivation(definition(sigmoid(x)), x), "quotient rule"));
}

TEST_CASE("a derivation reads its result with the parameters' constraint assumed", "[derivation][textbook]") {
    constexpr auto lo = param<"lo">;
    constexpr auto hi = param<"hi">;
    const std::string by_lo = derivation(hardtanh(x, lo, hi), lo, lo < hi);
    // The last line is 1 where x ≤ lo and 0 elsewhere, and says what it assumed.
    CHECK(has(by_lo, "&= \\begin{cases} 0 & x > \\mathrm{lo} \\\\ 1 & \\text{otherwise} \\end{cases} && \\text{as }\\mathrm{lo} < \\mathrm{hi}"));
    CHECK(lines_of(by_lo) == lines_of(derivation(hardtanh(x, lo, hi), lo)) + 1);
    // Where the assumption changes nothing, nothing is added.
    CHECK(derivation(hardtanh(x, lo, hi), x, lo < hi) == derivation(hardtanh(x, lo, hi), x));
}

TEST_CASE("a bare symbol is derived too: x' = 1", "[derivation]") {
    // It did not compile: the symbol's rule had no name to print.
    CHECK(derivation(x, x) == "\\begin{align*}\n&\\frac{d}{dx}\\left[x\\right] \\\\\n  &= 1 && \\text{power rule}\n\\end{align*}");
    const std::string other = derivation(beta, x);
    CHECK(has(other, "&= 0"));
    CHECK(has(other, "\\text{constant}"));
}
