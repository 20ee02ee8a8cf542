// What the commands of the actdiff tool share. Each command is its own
// translation unit: each instantiates the derivatives it prints, and they
// build in parallel.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <type_traits>

#include <boost/hana/at.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/size.hpp>
#include <fmt/core.h>

#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/catalog/registry.hpp>
#include <actdiff/printing/to_string.hpp>

namespace actdiff_tool {

namespace hana = boost::hana;
using actdiff::catalog::registry;

// Each derivative of an entry: in every input, then in every parameter.
template <class Entry, class Visit>
void each_symbol(const Entry& entry, Visit visit) {
    hana::for_each(entry.inputs, [&](auto input) { visit(input); });
    hana::for_each(entry.parameters, [&](const auto& p) { visit(p.symbol); });
}

// Runs visit on the entry called name; false when there is none.
template <class Visit>
bool with_entry(std::string_view name, Visit visit) {
    bool found = false;
    hana::for_each(registry, [&](const auto& entry) {
        if (entry.name == name) {
            visit(entry);
            found = true;
        }
    });
    return found;
}

// Calls visit(v, others...) with the input to plot or analyse an entry along:
// its only input, or, for a gated unit, the input it is nonlinear in, the
// others (held at 1 by the caller) after it.
template <class Entry, class Visit>
decltype(auto) along(const Entry& entry, Visit visit) {
    if constexpr (decltype(hana::size(entry.inputs))::value == 1) {
        return visit(hana::at_c<0>(entry.inputs));
    } else {
        const auto a = hana::at_c<0>(entry.inputs);
        const auto b = hana::at_c<1>(entry.inputs);
        using curvature_in_a = decltype(actdiff::d(actdiff::d(entry.formula, a), a));
        if constexpr (std::is_same_v<curvature_in_a, actdiff::zero>) {
            return visit(b, a);
        } else {
            return visit(a, b);
        }
    }
}

// "glu, a = 1" or "elu, α = 1": the entry and the values it is drawn or
// analysed at, its parameters' defaults and the other inputs at 1.
template <class Entry, class... Others>
std::string at_values(const Entry& entry, Others... others) {
    std::string title{entry.name};
    hana::for_each(entry.parameters, [&](const auto& p) {
        title += fmt::format(", {} = {}", actdiff::to_string(p.symbol), p.value);
    });
    ((title += fmt::format(", {} = 1", actdiff::to_string(others))), ...);
    return title;
}

// ∂f/∂x, ∂²f/∂x², for a symbol (β for beta)
template <class Symbol>
std::string partial(Symbol symbol, int order) {
    if (order == 1) return fmt::format("∂f/∂{}", actdiff::to_string(symbol));
    return fmt::format("∂²f/∂{}²", actdiff::to_string(symbol));
}

bool show(std::string_view name, bool as_latex);  // show.cpp
bool derive(std::string_view name);               // derive.cpp
int docs(const std::filesystem::path& directory); // docs.cpp
void sizes();                                     // sizes.cpp
// Writes every file whole, or none of them: each goes to a temporary name
// beside it, and all are renamed into place only once all are written.
// Returns the problem, or an empty string (main.cpp).
std::string write_all(const std::vector<std::pair<std::filesystem::path, std::string>>& files);
std::optional<std::string> plot_svg(std::string_view name);  // plot.cpp: none for an unknown name
// props.cpp: the properties as text or as a Markdown table; none for an unknown name.
std::optional<std::string> properties_table(std::string_view name, bool markdown);
std::optional<std::string> properties_summary_row(std::string_view name);  // a row of properties.md
enum class emitted { done, unknown_name, bad_function_name };
enum class language { cpp, cuda, torch };
emitted emit(std::string_view name, language target, std::string_view prefix);  // emit.cpp

}  // namespace actdiff_tool
