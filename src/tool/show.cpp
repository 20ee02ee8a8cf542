// actdiff show NAME [--latex]: formula, derivatives, and a table of values.
#include <actdiff/actdiff.hpp>
#include <actdiff/printing/latex.hpp>

#include "commands.hpp"

namespace actdiff_tool {

namespace {

// The points of the table: inputs walk these values; a second input (the
// gated units' b) takes 1.5 − a, so both vary across the rows.
constexpr double table_points[] = {-30.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 30.0};

template <class Entry>
void show_text(const Entry& entry) {
    fmt::print("{} — {}\n\n", entry.name, entry.description);
    hana::for_each(entry.parameters, [&](const auto& p) {
        fmt::print("parameter {} = {} (default)\n", actdiff::to_string(p.symbol), p.value);
    });
    fmt::print("f = {}\n", actdiff::to_string(entry.formula));
    hana::for_each(entry.inputs, [&](auto input) {
        fmt::print("{} = {}\n", partial(input, 1), actdiff::to_string(actdiff::d(entry.formula, input)));
    });
    hana::for_each(entry.parameters, [&](const auto& p) {
        fmt::print("{} = {}\n", partial(p.symbol, 1),
                   actdiff::to_string(actdiff::d(entry.formula, p.symbol)));
    });
    hana::for_each(entry.inputs, [&](auto input) {
        fmt::print("{} = {}\n", partial(input, 2),
                   actdiff::to_string(actdiff::d(actdiff::d(entry.formula, input), input)));
    });

    fmt::print("\n");
    std::string header;
    hana::for_each(entry.inputs, [&](auto input) { header += fmt::format("{:>10}", input.name.view()); });
    header += fmt::format("  {:>24}", "f");
    hana::for_each(entry.inputs, [&](auto input) { header += fmt::format("  {:>24}", partial(input, 1)); });
    fmt::print("{}\n", header);
    for (double point : table_points) {
        std::string row;
        const auto env = [&] {
            if constexpr (decltype(hana::size(entry.inputs))::value == 1) {
                return entry.at_defaults(hana::at_c<0>(entry.inputs) = point);
            } else {
                return entry.at_defaults(hana::at_c<0>(entry.inputs) = point, hana::at_c<1>(entry.inputs) = 1.5 - point);
            }
        }();
        hana::for_each(entry.inputs, [&](auto input) {
            row += fmt::format("{:>10}", actdiff::eval(input, env));
        });
        row += fmt::format("  {:>24.17g}", actdiff::eval(entry.formula, env));
        hana::for_each(entry.inputs, [&](auto input) {
            row += fmt::format("  {:>24.17g}", actdiff::eval(actdiff::d(entry.formula, input), env));
        });
        fmt::print("{}\n", row);
    }
}

template <class Entry>
void show_latex(const Entry& entry) {
    fmt::print("f = {}\n", actdiff::latex(entry.formula));
    each_symbol(entry, [&](auto v) {
        fmt::print("d/d{} = {}\n", v.name.view(), actdiff::latex(actdiff::d(entry.formula, v)));
    });
    hana::for_each(entry.inputs, [&](auto v) {
        fmt::print("d2/d{}2 = {}\n", v.name.view(), actdiff::latex(actdiff::d(actdiff::d(entry.formula, v), v)));
    });
}

}  // namespace

bool show(std::string_view name, bool as_latex) {
    return with_entry(name, [&](const auto& entry) {
        if (as_latex) show_latex(entry); else show_text(entry);
    });
}

}  // namespace actdiff_tool
