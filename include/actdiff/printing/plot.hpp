// plot(f, x, bindings...): f, f′ and f″ along x as a standalone SVG image,
// drawn from the engine's own evaluation and derivatives, with no plotting
// library. Kinks (algorithm/kinks.hpp) are marked: each curve is drawn in
// pieces between them, the value taken exactly at the kink (PyTorch's
// convention, as d() states it) is a filled dot, and a one-sided limit that
// differs from it is an open circle.
//   actdiff::plot(x * sigmoid(beta * x), x, beta = 1.0)
// The other symbols of f are bound by the bindings, as in eval(). The text is
// the same with every compiler: coordinates are printed to 0.1 px.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/core.h>

#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/algorithm/kinks.hpp>
#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/printing/to_string.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

struct plot_options {
    // The interval of x; by default [−4, 4], widened to show every kink
    // within [−64, 64].
    double low = NAN, high = NAN;
    int width = 640, height = 400;  // pixels; 640 fits GitHub's 888 px column
    std::string title = {};         // above the plot; none by default
};

namespace detail {

// A step of 1, 2 or 5 times a power of ten that cuts span into 4 to 10 parts.
inline double tick_step(double span) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(span / 5)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (span / (m * magnitude) <= 10) return m * magnitude;
    }
    return 10 * magnitude;
}

// A number as a tick label: 0.5, −2, 1e+03; −0 prints as 0, and the value
// at a kink may be ±∞ or undefined.
inline std::string tick_label(double v) {
    if (std::isnan(v)) return "undefined";
    if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
    if (std::abs(v) < 1e-12) return "0";
    std::string s = fmt::format("{:g}", v);
    if (s[0] == '-') s = "−" + s.substr(1);
    return s;
}

// Escapes the characters XML gives meaning to.
inline std::string xml_text(std::string_view s) {
    std::string out;
    for (char ch : s) {
        if (ch == '<') out += "&lt;";
        else if (ch == '>') out += "&gt;";
        else if (ch == '&') out += "&amp;";
        else out += ch;
    }
    return out;
}

// One curve's samples: the points of each smooth piece, and at each kink the
// value there and the one-sided limits.
struct curve_samples {
    std::vector<std::vector<std::pair<double, double>>> pieces;
    struct at_kink {
        double x, value, left, right;
    };
    std::vector<at_kink> kinks;
};

template <class G, class At>
curve_samples sample(G g, const At& at, const std::vector<double>& bounds, int per_piece_total, double low, double high) {
    curve_samples out;
    const auto value = [&](double t) { return double(eval(g, at(t))); };
    for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
        const double a = bounds[i], b = bounds[i + 1];
        // Just inside each end, for the one-sided limits at a kink.
        const double inset = 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
        const int n = std::max(8, int(per_piece_total * (b - a) / (high - low)));
        std::vector<std::pair<double, double>> piece;
        for (int k = 0; k <= n; ++k) {
            const double t = k == 0 ? (i == 0 ? a : a + inset) : k == n ? (i + 2 == bounds.size() ? b : b - inset) : a + (b - a) * k / n;
            piece.emplace_back(t, value(t));
        }
        out.pieces.push_back(std::move(piece));
    }
    for (std::size_t i = 1; i + 1 < bounds.size(); ++i) {
        const double k = bounds[i];
        const double inset = 1e-9 * std::max(1.0, std::abs(k));
        out.kinks.push_back({k, value(k), value(k - inset), value(k + inset)});
    }
    return out;
}

}  // namespace detail

template <Expression F, Symbol X, class... Bindings>
std::string plot(F f, X x, const plot_options& options, const Bindings&... bindings) {
    const auto at_point = [&](double t) { return at(x = t, bindings...); };
    const auto first = d(f, x);
    const auto second = d(first, x);

    // The kinks: switches of f's structure where f, f′ or f″ is indeed not
    // smooth (a where under a max may switch where the max hides it).
    const auto breaks_there = [&](double k) {
        const double inset = 1e-9 * std::max(1.0, std::abs(k));
        const auto jumps = [&](auto g) {
            const double left = eval(g, at_point(k - inset)), middle = eval(g, at_point(k)), right = eval(g, at_point(k + inset));
            const double tolerance = 1e-6 * std::max({1.0, std::abs(left), std::abs(right)});
            return !(std::abs(left - middle) <= tolerance && std::abs(right - middle) <= tolerance);
        };
        return jumps(f) || jumps(first) || jumps(second);
    };
    const auto kinks_within = [&](double from, double to) {
        std::vector<double> found;
        for (double k : kinks(f, at_point, from, to)) {
            if (k > from && k < to && breaks_there(k)) found.push_back(k);
        }
        return found;
    };

    // The interval: the options', or [−4, 4] widened to the kinks.
    double low = options.low, high = options.high;
    if (std::isnan(low) || std::isnan(high)) {
        double reach = 4;
        for (double k : kinks_within(-64, 64)) reach = std::max(reach, std::ceil(std::abs(k)) + 1);
        low = -reach;
        high = reach;
    }
    std::vector<double> bounds{low};
    for (double k : kinks_within(low, high)) bounds.push_back(k);
    bounds.push_back(high);

    constexpr int samples = 480;
    const detail::curve_samples curves[] = {detail::sample(f, at_point, bounds, samples, low, high),
                                            detail::sample(first, at_point, bounds, samples, low, high),
                                            detail::sample(second, at_point, bounds, samples, low, high)};

    // The vertical range: all of f and f′, and f″ as far as it stays within
    // half that span again (a steep f″ is clipped rather than flattening f).
    double bottom = 0, top = 0;
    const auto widen = [&](double v, double lo, double hi) {
        if (std::isfinite(v) && v >= lo && v <= hi) {
            bottom = std::min(bottom, v);
            top = std::max(top, v);
        }
    };
    for (int c = 0; c < 2; ++c) {
        for (const auto& piece : curves[c].pieces) {
            for (auto [t, v] : piece) widen(v, -1e6, 1e6);
        }
    }
    {
        const double span = std::max(top - bottom, 1.0);
        const double lo = bottom - span / 2, hi = top + span / 2;
        for (const auto& piece : curves[2].pieces) {
            for (auto [t, v] : piece) widen(v, lo, hi);
        }
    }
    const double y_step = detail::tick_step(std::max(top - bottom, 1.0));
    bottom = std::floor(bottom / y_step - 0.25) * y_step;
    top = std::ceil(top / y_step + 0.25) * y_step;
    const double x_step = detail::tick_step(high - low);

    const int left_margin = 48, right_margin = 16, top_margin = options.title.empty() ? 16 : 36, bottom_margin = 44;
    const double plot_width = options.width - left_margin - right_margin;
    const double plot_height = options.height - top_margin - bottom_margin;
    const auto px = [&](double t) { return left_margin + (t - low) / (high - low) * plot_width; };
    const auto py = [&](double v) { return top_margin + (top - v) / (top - bottom) * plot_height; };
    const auto number = [](double v) { return fmt::format("{:.1f}", std::abs(v) < 0.05 ? 0.0 : v); };

    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
        "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        "<rect width=\"{0}\" height=\"{1}\" fill=\"white\"/>\n",
        options.width, options.height);
    if (!options.title.empty()) {
        svg += fmt::format("<text x=\"{}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">{}</text>\n",
                           options.width / 2, detail::xml_text(options.title));
    }
    svg += fmt::format("<defs><clipPath id=\"area\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath></defs>\n",
                       left_margin, top_margin, number(plot_width), number(plot_height));

    // Grid, ticks and axes.
    svg += "<g stroke=\"#e4e4e4\" stroke-width=\"1\">\n";
    for (double t = std::ceil(low / x_step) * x_step; t <= high + 1e-9; t += x_step) {
        svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", number(px(t)), top_margin,
                           number(top_margin + plot_height));
    }
    for (double v = bottom; v <= top + 1e-9; v += y_step) {
        svg += fmt::format("<line x1=\"{1}\" y1=\"{0}\" x2=\"{2}\" y2=\"{0}\"/>\n", number(py(v)), left_margin,
                           number(left_margin + plot_width));
    }
    svg += "</g>\n<g fill=\"#444\">\n";
    for (double t = std::ceil(low / x_step) * x_step; t <= high + 1e-9; t += x_step) {
        svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", number(px(t)),
                           number(top_margin + plot_height + 16), detail::tick_label(t));
    }
    for (double v = bottom; v <= top + 1e-9; v += y_step) {
        svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left_margin - 6, number(py(v) + 4),
                           detail::tick_label(v));
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-style=\"italic\">{}</text>\n</g>\n",
                       number(left_margin + plot_width / 2), options.height - 6, detail::xml_text(to_string(x)));
    svg += "<g stroke=\"#444\" stroke-width=\"1\">\n";
    if (bottom <= 0 && top >= 0) {
        svg += fmt::format("<line x1=\"{1}\" y1=\"{0}\" x2=\"{2}\" y2=\"{0}\"/>\n", number(py(0)), left_margin,
                           number(left_margin + plot_width));
    }
    if (low <= 0 && high >= 0) {
        svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", number(px(0)), top_margin,
                           number(top_margin + plot_height));
    }
    svg += "</g>\n";

    // The kinks: a dashed line and the x of each.
    for (std::size_t i = 1; i + 1 < bounds.size(); ++i) {
        svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>\n",
                           number(px(bounds[i])), top_margin, number(top_margin + plot_height));
    }

    // The curves, each a path of its pieces; a non-finite or clipped-away
    // value breaks the path.
    static constexpr const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c"};
    static constexpr const char* dashes[] = {"", " stroke-dasharray=\"7,4\"", " stroke-dasharray=\"2,3\""};
    const double far_low = bottom - (top - bottom), far_high = top + (top - bottom);
    svg += "<g clip-path=\"url(#area)\" fill=\"none\" stroke-width=\"2\">\n";
    for (int c = 2; c >= 0; --c) {
        std::string path;
        for (const auto& piece : curves[c].pieces) {
            bool pen_down = false;
            for (auto [t, v] : piece) {
                if (!std::isfinite(v)) {
                    pen_down = false;
                    continue;
                }
                const double clamped = std::clamp(v, far_low, far_high);
                path += fmt::format("{}{} {}", pen_down ? " L" : (path.empty() ? "M" : " M"), number(px(t)), number(py(clamped)));
                pen_down = true;
            }
        }
        svg += fmt::format("<path stroke=\"{}\"{} d=\"{}\"/>\n", colours[c], dashes[c], path);
    }
    svg += "</g>\n";

    // At each kink: the value taken there, and the one-sided limits that differ.
    svg += "<g clip-path=\"url(#area)\" stroke-width=\"1.5\">\n";
    for (int c = 2; c >= 0; --c) {
        for (const auto& k : curves[c].kinks) {
            const double tolerance = 1e-6 * (top - bottom);
            for (double limit : {k.left, k.right}) {
                if (std::isfinite(limit) && !(std::abs(limit - k.value) <= tolerance)) {
                    svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"white\" stroke=\"{}\"/>\n", number(px(k.x)),
                                       number(py(std::clamp(limit, far_low, far_high))), colours[c]);
                }
            }
            if (std::isfinite(k.value)) {
                svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\" stroke=\"{}\"/>\n", number(px(k.x)),
                                   number(py(std::clamp(k.value, far_low, far_high))), colours[c], colours[c]);
            }
        }
    }
    svg += "</g>\n";

    // At each kink where f or f′ jumps, the value taken there, in words: the
    // convention a framework's backward must follow (relu′(0) = 0).
    const std::string v = to_string(x);
    const std::string names[] = {"f", "f′"};
    for (std::size_t i = 0; i < curves[0].kinks.size(); ++i) {
        const double k = curves[0].kinks[i].x;
        int line = 0;
        for (int c = 0; c < 2; ++c) {
            const auto& at_kink = curves[c].kinks[i];
            if (std::abs(at_kink.left - at_kink.right) <= 1e-6 * (top - bottom)) continue;
            const bool near_right = px(k) > options.width - 120;
            const double y = top_margin + (px(k) < left_margin + 110 ? 86 : 14) + 14 * line++;
            svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" font-size=\"11\" fill=\"{}\">{}({}) = {}</text>\n",
                               number(px(k) + (near_right ? -4 : 4)), number(y), near_right ? "end" : "start", colours[c],
                               names[c], detail::tick_label(k), detail::tick_label(at_kink.value));
        }
    }

    // The legend, top left, on a white ground.
    const std::string labels[] = {"f(" + v + ")", "f′(" + v + ")", "f″(" + v + ")"};
    svg += fmt::format("<g><rect x=\"{}\" y=\"{}\" width=\"86\" height=\"62\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n",
                       left_margin + 8, top_margin + 8);
    for (int c = 0; c < 3; ++c) {
        const int y = top_margin + 24 + 18 * c;
        svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"{}/>\n", left_margin + 14,
                           y - 4, left_margin + 40, y - 4, colours[c], dashes[c]);
        svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", left_margin + 46, y, detail::xml_text(labels[c]));
    }
    svg += "</g>\n</svg>\n";
    return svg;
}

template <Expression F, Symbol X, class... Bindings>
    requires(is_binding_v<Bindings> && ...)
std::string plot(F f, X x, const Bindings&... bindings) {
    return plot(f, x, plot_options{}, bindings...);
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
