// The actdiff command-line tool: the activation catalog from the shell.
//   actdiff list               every activation, with its inputs and parameters
//   actdiff show NAME [--latex]  formula, derivatives, and a table of values
//   actdiff derive NAME        the derivations, step by step, in LaTeX
//   actdiff docs OUTDIR        one Markdown page per activation, and an index
//   actdiff sizes              canonical derivatives beside PyTorch's hand-written forms
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include <actdiff/actdiff.hpp>
#include <actdiff/derivation.hpp>
#include <actdiff/latex.hpp>
#include <actdiff/registry.hpp>

#include "reference/derivatives.hpp"

namespace {

namespace hana = boost::hana;
using actdiff::catalog::registry;

constexpr int usage_error = 2;

constexpr std::string_view usage = R"(usage: actdiff <command> [arguments]

commands:
  list          list the activation catalog
  show NAME     print NAME's formula, its derivatives and a table of values
                (--latex: the formula and derivatives in LaTeX instead)
  derive NAME   print the derivation of each derivative of NAME, step by step, in LaTeX
  docs OUTDIR   write one Markdown page per activation (formula, derivatives,
                derivations) and an index to OUTDIR
  sizes         print, as Markdown, each catalog derivative in canonical form with
                its size, beside the form PyTorch writes by hand (docs/derivatives.md)
  help          print this message
)";

template <class Entry>
std::string signature(const Entry& entry) {
    std::string out{entry.name};
    out += '(';
    bool first = true;
    hana::for_each(entry.inputs, [&](auto input) {
        out += first ? "" : ", ";
        out += input.name.view();
        first = false;
    });
    hana::for_each(entry.parameters, [&](const auto& p) {
        out += fmt::format("; {} = {}", p.symbol.name.view(), p.value);
    });
    return out + ')';
}

void list() {
    std::size_t width = 0;
    hana::for_each(registry, [&](const auto& entry) { width = std::max(width, signature(entry).size()); });
    hana::for_each(registry, [&](const auto& entry) {
        fmt::print("{:<{}}  {}\n", signature(entry), width, entry.description);
    });
}

std::string partial(std::string_view name, int order) {
    if (order == 1) return fmt::format("∂f/∂{}", actdiff::detail::symbol_text(name));
    return fmt::format("∂²f/∂{}²", actdiff::detail::symbol_text(name));
}

// The points of the table: inputs walk these values; a second input (the
// gated units' b) takes 1.5 − a, so both vary across the rows.
constexpr double table_points[] = {-30.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 30.0};

template <class Entry>
void show(const Entry& entry) {
    fmt::print("{} — {}\n\n", entry.name, entry.description);
    hana::for_each(entry.parameters, [&](const auto& p) {
        fmt::print("parameter {} = {} (default)\n", actdiff::detail::symbol_text(p.symbol.name.view()), p.value);
    });
    fmt::print("f = {}\n", actdiff::to_string(entry.formula));
    hana::for_each(entry.inputs, [&](auto input) {
        fmt::print("{} = {}\n", partial(input.name.view(), 1), actdiff::to_string(actdiff::d(entry.formula, input)));
    });
    hana::for_each(entry.parameters, [&](const auto& p) {
        fmt::print("{} = {}\n", partial(p.symbol.name.view(), 1),
                   actdiff::to_string(actdiff::d(entry.formula, p.symbol)));
    });
    hana::for_each(entry.inputs, [&](auto input) {
        fmt::print("{} = {}\n", partial(input.name.view(), 2),
                   actdiff::to_string(actdiff::d(actdiff::d(entry.formula, input), input)));
    });

    fmt::print("\n");
    std::string header;
    hana::for_each(entry.inputs, [&](auto input) { header += fmt::format("{:>10}", input.name.view()); });
    header += fmt::format("  {:>24}", "f");
    hana::for_each(entry.inputs, [&](auto input) { header += fmt::format("  {:>24}", partial(input.name.view(), 1)); });
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

// Each derivative of an entry: in every input, then in every parameter.
template <class Entry, class Visit>
void each_symbol(const Entry& entry, Visit visit) {
    hana::for_each(entry.inputs, [&](auto input) { visit(input); });
    hana::for_each(entry.parameters, [&](const auto& p) { visit(p.symbol); });
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

template <class Entry>
void derive(const Entry& entry) {
    bool first = true;
    each_symbol(entry, [&](auto v) {
        fmt::print("{}% {}: d/d{}\n{}\n", first ? "" : "\n", entry.name, v.name.view(),
                   actdiff::derivation(entry.formula, v));
        first = false;
    });
}

// $$ blocks render on GitHub (MathJax) and with KaTeX; aligned, unlike align*,
// may stand inside them.
std::string display(std::string tex) {
    for (std::string::size_type at; (at = tex.find("{align*}")) != std::string::npos;) tex.replace(at, 8, "{aligned}");
    return "$$\n" + tex + "\n$$\n";
}

template <class Entry>
std::string page(const Entry& entry) {
    std::string out = fmt::format("# {}\n\n{}.\n\n", entry.name, entry.description);
    out += "Generated by `actdiff docs` from the formula in `include/actdiff/registry.hpp`.\n\n";
    if constexpr (decltype(hana::length(entry.parameters))::value > 0) {
        out += "Parameters (PyTorch's defaults):";
        hana::for_each(entry.parameters, [&](const auto& p) {
            out += fmt::format(" ${}$ = {}", actdiff::latex(p.symbol), p.value);
        });
        out += ".\n\n";
    }
    out += "## Formula\n\n" + display(actdiff::latex(entry.formula));
    out += "\n## Derivatives\n\n";
    each_symbol(entry, [&](auto v) {
        out += display(actdiff::latex(actdiff::derivative_of<decltype(entry.formula), decltype(v)>{}) + " = " +
                       actdiff::latex(actdiff::d(entry.formula, v)));
    });
    hana::for_each(entry.inputs, [&](auto v) {
        const bool partial = decltype(hana::length(entry.inputs))::value + decltype(hana::length(entry.parameters))::value > 1;
        const std::string op = partial ? "\\partial" : "d";
        out += display(fmt::format("\\frac{{{}^{{2}} f}}{{{} {}^{{2}}}} = ", op, op, actdiff::latex(v)) +
                       actdiff::latex(actdiff::d(actdiff::d(entry.formula, v), v)));
    });
    out += "\n## Derivations\n";
    each_symbol(entry, [&](auto v) {
        out += fmt::format("\nWith respect to ${}$:\n\n", actdiff::latex(v)) + display(actdiff::derivation(entry.formula, v));
    });
    return out;
}

int docs(const std::filesystem::path& directory) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) {
        fmt::print(stderr, "actdiff: cannot create '{}': {}\n", directory.string(), error.message());
        return 1;
    }
    std::string index = "# The activation catalog\n\nGenerated by `actdiff docs docs/activations` (a test fails when these pages are stale).\n\n"
                        "| activation | formula | description |\n|---|---|---|\n";
    bool written = true;
    hana::for_each(registry, [&](const auto& entry) {
        const std::string name{entry.name};
        std::ofstream file(directory / (name + ".md"));
        file << page(entry);
        written = written && static_cast<bool>(file);
        index += fmt::format("| [{}]({}.md) | ${}$ | {} |\n", name, name, actdiff::latex(entry.formula), entry.description);
    });
    std::ofstream file(directory / "README.md");
    file << index;
    if (!written || !file) {
        fmt::print(stderr, "actdiff: could not write the pages to '{}'\n", directory.string());
        return 1;
    }
    return 0;
}

// A formula inside a Markdown table cell.
std::string cell(const std::string& text) {
    std::string out;
    for (char ch : text) {
        if (ch == '|') out += '\\';
        out += ch;
    }
    return "`" + out + "`";
}

void sizes() {
    fmt::print(R"(# The catalog's derivatives in canonical form

Generated by `actdiff sizes` (regenerate: `build/release/actdiff sizes > docs/derivatives.md`;
a test fails when this file is stale). For each entry: the derivative that `d(f, v)` returns,
and the form PyTorch's kernels write by hand (`shared/reference/activations.md`, kept as
data in `src/reference/derivatives.hpp`). *ops* counts arithmetic operations, comparisons
and selects, *calls* the exp/log/tanh/erf/expm1/log1p calls (σ is one exp, softplus an exp
and a log1p), each distinct subexpression once, constants folded — as a fused kernel
computes them. `tests/simplify_catalog.cpp` checks that the engine's column is never larger
and that both agree in value at the kinks and in the tails.

| activation | ∂/∂ | canonical derivative | ops | calls | by hand (PyTorch) | ops | calls |
|---|---|---|---|---|---|---|---|
)");
    hana::for_each(actdiff::reference::hand_derivatives, [](const auto& row) {
        const auto engine = actdiff::d(row.function, row.input);
        fmt::print("| {} | {} | {} | {} | {} | {} | {} | {} |\n", row.name,
                   actdiff::detail::symbol_text(row.input.name.view()), cell(actdiff::to_string(engine)),
                   actdiff::operation_count(engine), actdiff::transcendental_count(engine),
                   cell(actdiff::to_string(row.hand)), actdiff::operation_count(row.hand),
                   actdiff::transcendental_count(row.hand));
    });
}

int unknown_name(std::string_view name) {
    fmt::print(stderr, "actdiff: unknown activation '{}'. Valid names:\n", name);
    hana::for_each(registry, [](const auto& entry) { fmt::print(stderr, "  {}\n", entry.name); });
    return usage_error;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) {
        fmt::print(stderr, "{}", usage);
        return usage_error;
    }
    const std::string_view command = args[0];
    if (command == "help" || command == "--help" || command == "-h") {
        fmt::print("{}", usage);
        return 0;
    }
    if (command == "list") {
        if (args.size() != 1) {
            fmt::print(stderr, "actdiff: 'list' takes no arguments, got '{}'\n", args[1]);
            return usage_error;
        }
        list();
        return 0;
    }
    if (command == "show" || command == "derive") {
        std::vector<std::string_view> names;
        bool as_latex = false;
        for (std::size_t i = 1; i < args.size(); ++i) {
            if (command == "show" && args[i] == "--latex") {
                as_latex = true;
            } else if (args[i].starts_with("-")) {
                fmt::print(stderr, "actdiff: unknown option '{}' for '{}'\n", args[i], command);
                return usage_error;
            } else {
                names.push_back(args[i]);
            }
        }
        if (names.size() != 1) {
            fmt::print(stderr, "actdiff: '{}' takes exactly one activation name (see 'actdiff list')\n", command);
            return usage_error;
        }
        bool found = false;
        hana::for_each(registry, [&](const auto& entry) {
            if (entry.name == names[0]) {
                if (command == "derive") derive(entry);
                else if (as_latex) show_latex(entry);
                else show(entry);
                found = true;
            }
        });
        return found ? 0 : unknown_name(names[0]);
    }
    if (command == "docs") {
        if (args.size() != 2 || args[1].starts_with("-")) {
            fmt::print(stderr, "actdiff: 'docs' takes one output directory\n");
            return usage_error;
        }
        return docs(std::filesystem::path(args[1]));
    }
    if (command == "sizes") {
        if (args.size() != 1) {
            fmt::print(stderr, "actdiff: 'sizes' takes no arguments, got '{}'\n", args[1]);
            return usage_error;
        }
        sizes();
        return 0;
    }
    fmt::print(stderr, "actdiff: unknown command '{}'\n\n{}", command, usage);
    return usage_error;
}
