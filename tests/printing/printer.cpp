// The one printer (printing/printer.hpp) with a dialect a user writes: plain
// ASCII in the spelling of Python and NumPy. The walk decides the grammar
// (which parentheses, subtraction, division); the dialect only spells. The
// expected strings are written by hand, and the three built-in dialects are
// checked to agree on the grammar for the same formulas.
#include <string>
#include <string_view>

#include "../support.hpp"

#include <actdiff/detail/warnings.hpp>

// String building that g++ 12 at -O3 misreads (GCC bug 105329), as in the library's printers.
ACTDIFF_TEXT_CODE_BEGIN

using namespace actdiff;
using detail::precedence;
using detail::printed;

namespace {
constexpr auto x = var<"x">;
constexpr auto y = var<"y">;
constexpr auto alpha = param<"alpha">;

struct python_dialect {
    static constexpr bool reading_order = true;
    static constexpr std::string_view minus = "-";
    static constexpr std::string_view relations[] = {" < ", " <= ", " > ", " >= "};

    static std::string wrap(const printed& p, precedence needed) {
        return p.level >= needed ? p.text : "(" + p.text + ")";
    }
    static std::string symbol(std::string_view name) { return std::string(name); }
    static std::string constant(std::string_view symbol, std::string_view) { return std::string(symbol); }
    static printed number(detail::ratio r) {
        if (r.den == 1) return {std::to_string(r.num), r.num < 0 ? precedence::product : precedence::atom};
        return {std::to_string(r.num) + "/" + std::to_string(r.den), precedence::product};
    }
    static printed quotient(const detail::quotient_parts& parts) {
        std::string top = parts.coefficient == detail::ratio{1, 1} ? "" : wrap(number(parts.coefficient), precedence::power);
        for (const auto& f : parts.numerator) top += (top.empty() ? "" : "*") + wrap(f.form, precedence::power);
        if (parts.denominator.empty()) return {top, precedence::product};
        std::string bottom;
        for (const auto& f : parts.denominator) bottom += (bottom.empty() ? "" : "*") + wrap(f.form, precedence::power);
        if (parts.denominator.size() > 1) bottom = "(" + bottom + ")";
        return {(top.empty() ? "1" : top) + "/" + bottom, precedence::product};
    }
    static printed power(const printed& base, detail::ratio exponent) {
        return {wrap(base, precedence::atom) + "**" + wrap(number(exponent), precedence::atom), precedence::power};
    }
    template <class F>
    static printed call(const printed& argument) {
        return {"np." + std::string(primitive_traits<F>::name) + "(" + argument.text + ")", precedence::atom};
    }
    static printed extremum(bool maximum, const printed& a, const printed& b) {
        return {(maximum ? "np.maximum(" : "np.minimum(") + a.text + ", " + b.text + ")", precedence::atom};
    }
    template <class C, class A, class B>
    printed where(where_node<C, A, B>) const {
        return {"np.where(" + detail::print(*this, C{}).text + ", " + detail::print(*this, A{}).text + ", " + detail::print(*this, B{}).text + ")",
                precedence::atom};
    }
    static printed derivative(const printed& f, const printed& v, bool) {
        return {"diff(" + f.text + ", " + v.text + ")", precedence::atom};
    }
};

template <class F>
std::string python(F) {
    return detail::print(python_dialect{}, F{}).text;
}
}  // namespace

ACTDIFF_TEXT_CODE_END

TEST_CASE("a user's dialect spells what the walk decides", "[printer]") {
    CHECK(python(1_c - sigmoid(x)) == "1 - np.sigmoid(x)");
    CHECK(python(exp(x) - 1_c) == "np.exp(x) - 1");  // a subtracted constant last
    CHECK(python(x - (y - exp(x))) == "x - (y - np.exp(x))");  // a subtracted sum keeps its parentheses
    CHECK(python(-x * y) == "-x*y");
    CHECK(python(x / (1_c + abs(x))) == "x/(1 + np.abs(x))");
    CHECK(python(1_c / (x * alpha)) == "1/(alpha*x)");
    CHECK(python(pow(1_c + x, 3_c)) == "(1 + x)**3");
    CHECK(python(pow(x, c<-1, 2>)) == "1/x**(1/2)");
    CHECK(python(max(x, 0_c) + where(x > 1_c, x, -x)) == "np.maximum(x, 0) + np.where(x > 1, x, -x)");
    CHECK(python(d_raw(pow(1_c + exp(-x), c<-1>), x)) == "np.exp(-x)/(1 + np.exp(-x))**2");
}

TEST_CASE("the three dialects agree on where parentheses go", "[printer]") {
    // Same grammar, different spellings: the positions of the grouping differ only in how they are written.
    const auto f = x * (1_c - sigmoid(x)) / (1_c + pow(x - y, 2_c));
    CHECK(to_string(f) == "x·(1 − σ(x))/(1 + (x − y)²)");
    CHECK(latex(f) == "\\frac{x \\left(1 - \\sigma\\left(x\\right)\\right)}{1 + \\left(x - y\\right)^{2}}");
    CHECK(python(f) == "x*(1 - np.sigmoid(x))/(1 + (x - y)**2)");
}
