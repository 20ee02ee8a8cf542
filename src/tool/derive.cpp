// actdiff derive NAME: the derivation of each derivative, step by step, in LaTeX.
#include <actdiff/actdiff.hpp>
#include <actdiff/algorithm/derivation.hpp>

#include "commands.hpp"

namespace actdiff_tool {

bool derive(std::string_view name) {
    return with_entry(name, [](const auto& entry) {
        bool first = true;
        each_symbol(entry, [&](auto v) {
            fmt::print("{}% {}: d/d{}\n{}\n", first ? "" : "\n", entry.name, v.name.view(),
                       actdiff::derivation(entry.formula, v));
            first = false;
        });
    });
}

}  // namespace actdiff_tool
