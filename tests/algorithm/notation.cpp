// in_notation(f, notations...) against f: with each placeholder bound to the
// notation's value computed by hand (Φ(t) = erfc(−t/√2)/2, φ(t) =
// e^(−t²/2)/√(2π)), the renamed formula takes f's values; and the printed
// forms are the ones an author writes, derived by hand: GELU′ = Φ + xφ,
// GELU″ = φ(2 − x²) (φ′ = −xφ), and for x²Φ(x), outside the catalog,
// 2xΦ + x²φ.
#include "../support.hpp"

#include <cmath>
#include <numbers>
#include <type_traits>

#include <actdiff/algorithm/notation.hpp>
#include <actdiff/catalog/activations.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto Phi = notation<"Phi">(normal_cdf(x));
constexpr auto phi = notation<"phi">(normal_pdf(x));
using Phi_at = decltype(Phi)::placeholder;
using phi_at = decltype(phi)::placeholder;

template <class F>
void same_values(F f) {
    const auto renamed = in_notation(f, Phi, phi);
    for (double t = -6; t <= 6; t += 0.25) {
        const double cdf = std::erfc(-t / std::numbers::sqrt2) / 2, density = std::exp(-t * t / 2) / std::sqrt(2 * std::numbers::pi);
        const double want = eval(f, at(x = t)), got = eval(renamed, at(x = t, Phi_at{} = cdf, phi_at{} = density));
        INFO(to_string(f) << " at " << t);
        CHECK(std::abs(got - want) <= 1e-13 * (1 + std::abs(want)));
    }
}
}  // namespace

TEST_CASE("notation: GELU's derivatives in Φ and φ", "[notation]") {
    CHECK(latex(d(gelu(x), x), Phi, phi) == "\\Phi\\left(x\\right) + x \\phi\\left(x\\right)");
    CHECK(latex(textbook(d(d(gelu(x), x), x)), Phi, phi) == "\\phi\\left(x\\right) \\left(2 - x^{2}\\right)");
    CHECK(latex(gelu(x), Phi, phi) == "x \\Phi\\left(x\\right)");
    same_values(d(gelu(x), x));
    same_values(textbook(d(d(gelu(x), x), x)));
}

TEST_CASE("notation: a formula outside the catalog, x²Φ(x)", "[notation]") {
    const auto f = pow(x, 2_c) * normal_cdf(x);
    CHECK(latex(d(f, x), Phi, phi) == "2 x \\Phi\\left(x\\right) + x^{2} \\phi\\left(x\\right)");
    same_values(d(f, x));
    same_values(d(d(f, x), x));
}

TEST_CASE("notation: definitions, and φ found as Φ′ by differentiation", "[notation]") {
    const auto lines = notation_definitions(Phi, phi);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "\\Phi\\left(x\\right) = \\frac{1}{2} \\left(1 + \\operatorname{erf}\\left(\\frac{x}{\\sqrt{2}}\\right)\\right)");
    CHECK(lines[1] == "\\phi\\left(x\\right) = \\Phi'\\left(x\\right) = \\frac{e^{-x^{2}/2}}{\\sqrt{2 \\pi}}");
    // Unrelated notations are not said to be derivatives of each other.
    const auto square = notation<"q">(pow(x, 2_c));
    CHECK(notation_definitions(Phi, square)[1] == "q\\left(x\\right) = x^{2}");
}

TEST_CASE("notation: φ written with √(2π) is found where d() writes √2·√π", "[notation]") {
    // normal_pdf divides by √(2π), which simplify keeps as one root; d(Φ)
    // has √2·√π. The match takes roots of constants apart on both sides.
    using written = decltype(phi)::expression;
    static_assert(!std::is_same_v<written, detail::roots_apart_t<written>>);
    static_assert(!std::is_same_v<written, decltype(d(normal_cdf(x), x))>);
    CHECK(latex(d(normal_cdf(x), x), Phi, phi) == "\\phi\\left(x\\right)");
    // A root of a symbol is not split: √(2x) may not be √2·√x for x < 0.
    static_assert(std::is_same_v<detail::roots_apart_t<decltype(sqrt(2_c * x))>, decltype(sqrt(2_c * x))>);
    // Nor a root of a constant the sign analysis cannot show positive: log(½) < 0.
    static_assert(std::is_same_v<detail::roots_apart_t<decltype(sqrt(2_c * log(c<1, 2>)))>, decltype(sqrt(2_c * log(c<1, 2>)))>);
}

TEST_CASE("notation: a formula without the notation's terms is unchanged", "[notation]") {
    const auto f = x * sigmoid(x);
    static_assert(std::is_same_v<decltype(in_notation(d(f, x), Phi, phi)), decltype(d(f, x))>);
    CHECK(latex(d(f, x), Phi, phi) == latex(d(f, x)));
}
