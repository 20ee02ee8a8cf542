// actdiff plot NAME [--svg FILE]: f, f′ and f″ as an SVG image, with the kinks
// marked. An activation of two inputs (the gated units) is plotted along the
// input it is nonlinear in, the other held at 1.
#include <boost/hana/unpack.hpp>

#include <actdiff/actdiff.hpp>
#include <actdiff/printing/plot.hpp>

#include "commands.hpp"

namespace actdiff_tool {

namespace {

template <class Entry>
std::string plot_of(const Entry& entry) {
    return along(entry, [&](auto v, auto... others) {
        return hana::unpack(entry.parameters, [&](const auto&... p) {
            return actdiff::plot(entry.formula, v, actdiff::plot_options{.title = at_values(entry, others...)},
                                 (p.symbol = p.value)..., (others = 1.0)...);
        });
    });
}

}  // namespace

std::optional<std::string> plot_svg(std::string_view name) {
    std::optional<std::string> svg;
    with_entry(name, [&](const auto& entry) { svg = plot_of(entry); });
    return svg;
}

}  // namespace actdiff_tool
