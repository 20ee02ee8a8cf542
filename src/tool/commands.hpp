// What the commands of the actdiff tool share. Each command is its own
// translation unit: each instantiates the derivatives it prints, and they
// build in parallel.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <boost/hana/for_each.hpp>
#include <fmt/core.h>

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
enum class emitted { done, unknown_name, bad_function_name };
enum class language { cpp, cuda, torch };
emitted emit(std::string_view name, language target, std::string_view prefix);  // emit.cpp

}  // namespace actdiff_tool
