// {fmt} support: fmt::format("{}", f) gives the readable text of to_string,
// fmt::format("{:latex}", f) the LaTeX of latex (and "{:text}" the text
// explicitly). Any other spec is a format error, at compile time when the
// format string is checked at compile time, as {fmt} does for its own types.
#pragma once

#include <string_view>

#include <fmt/format.h>

#include <actdiff/core/expression.hpp>
#include <actdiff/printing/latex.hpp>
#include <actdiff/printing/to_string.hpp>

template <class F>
    requires actdiff::Expression<F>
struct fmt::formatter<F> {
    bool as_latex = false;

    constexpr auto parse(format_parse_context& context) {
        auto it = context.begin();
        const auto end = context.end();
        auto closing = it;
        while (closing != end && *closing != '}') ++closing;
        const std::string_view spec(it, static_cast<std::size_t>(closing - it));
        if (spec == "latex") {
            as_latex = true;
        } else if (!spec.empty() && spec != "text") {
            throw format_error("actdiff: an expression's format spec is {} (text), {:text} or {:latex}");
        }
        return closing;
    }

    template <class Context>
    auto format(const F& f, Context& context) const {
        const std::string text = as_latex ? actdiff::latex(f) : actdiff::to_string(f);
        return std::copy(text.begin(), text.end(), context.out());
    }
};
