// plot(f, x, ...) (printing/plot.hpp) on formulas of a user's own: the image
// is one standalone SVG document; each kink has its dashed line, a filled dot
// per curve at the value taken there, and open circles at the one-sided
// limits that differ from it; the value at a jump of f′ is written out, as
// the formula's where states it. The drawn values themselves are checked
// through a renderer, against independent formulas (tests/printing/render_plots.py).
#include "../support.hpp"

#include <string>

#include <actdiff/printing/plot.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto beta = param<"beta">;

std::size_t count(const std::string& text, const std::string& piece) {
    std::size_t n = 0;
    for (auto at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) ++n;
    return n;
}
}  // namespace

TEST_CASE("plot: a smooth formula of a user's, with a parameter bound") {
    const std::string svg = plot(x * sigmoid(beta * x), x, beta = 1.5);
    CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"400\""));
    CHECK(svg.ends_with("</svg>\n"));
    CHECK(count(svg, "<svg") == 1);
    CHECK(count(svg, "<path ") == 3);  // f, f′, f″
    CHECK(count(svg, "stroke-dasharray=\"3,3\"") == 0);  // no kinks
    CHECK(count(svg, "<circle") == 0);
    // The default interval is [−4, 4]: its ends are tick labels.
    CHECK(svg.find(">−4</text>") != std::string::npos);
    CHECK(svg.find(">4</text>") != std::string::npos);
}

TEST_CASE("plot: kinks of a piecewise formula, with the value taken at each") {
    // f = (x² for x > 1, else 2 − x) + relu(−6 − x): continuous at 1, where
    // f′ jumps from −1 to 2 and takes −1 (the where's else branch), and at −6,
    // where f′ jumps from −2 to −1 and takes −1 (relu′(0) = 0).
    const auto f = where(x > c<1>, x * x, c<2> - x) + relu(c<-6> - x);
    const std::string svg = plot(f, x, plot_options{.title = "a <user> formula"});
    CHECK(svg.find(">a &lt;user&gt; formula</text>") != std::string::npos);
    CHECK(count(svg, "stroke-dasharray=\"3,3\"") == 2);
    // The interval widens to [−7, 7] to show the kink at −6; ticks step by 2.
    CHECK(svg.find(">−6</text>") != std::string::npos);
    CHECK(svg.find(">6</text>") != std::string::npos);
    CHECK(svg.find(">f′(1) = −1</text>") != std::string::npos);
    CHECK(svg.find(">f′(−6) = −1</text>") != std::string::npos);
    // f is continuous: its dots are filled only, one per kink.
    CHECK(count(svg, "r=\"3.5\" fill=\"#1f77b4\"") == 2);
    CHECK(count(svg, "r=\"3.5\" fill=\"white\" stroke=\"#1f77b4\"") == 0);
    // f′: one open circle per kink, for the limit it does not take; f″ jumps at 1 only.
    CHECK(count(svg, "r=\"3.5\" fill=\"white\" stroke=\"#d62728\"") == 2);
    CHECK(count(svg, "r=\"3.5\" fill=\"white\" stroke=\"#2ca02c\"") == 1);
}

TEST_CASE("plot: a switch that does not bend f is no kink") {
    // The where switches at 1, but the max holds f at 8 there.
    const std::string svg = plot(max(where(x > c<1>, x * x, c<2> - x), c<8>), x);
    CHECK(count(svg, "stroke-dasharray=\"3,3\"") == 2);  // at −6 and √8 only
    CHECK(svg.find(">f′(1)") == std::string::npos);
}

TEST_CASE("plot: an interval of the caller's, and a jump in f itself") {
    const std::string svg = plot(where(x > c<0>, c<1>, c<0>) + x / c<4>, x, plot_options{.low = -2, .high = 3});
    CHECK(svg.find(">f(0) = 0</text>") != std::string::npos);
    CHECK(count(svg, "r=\"3.5\" fill=\"white\" stroke=\"#1f77b4\"") == 1);  // the limit 1 from the right
    CHECK(svg.find(">3</text>") != std::string::npos);
    CHECK(svg.find(">−3</text>") == std::string::npos);
}

TEST_CASE("plot: where f is undefined or infinite, the curve breaks and no coordinate is NaN") {
    for (const std::string& svg : {plot(log(x), x), plot(c<1> / x, x), plot(sqrt(x) + log(abs(x)), x)}) {
        CHECK(svg.find("nan") == std::string::npos);
        CHECK(svg.find("inf") == std::string::npos);
        CHECK(svg.ends_with("</svg>\n"));
        CHECK(count(svg, "<path ") == 3);
    }
}
