// The actdiff command-line tool: the activation catalog from the shell.
//   actdiff list                 every activation, with its inputs and parameters
//   actdiff show NAME [--latex]  formula, derivatives, and a table of values
//   actdiff derive NAME          the derivations, step by step, in LaTeX
//   actdiff docs OUTDIR          one Markdown page per activation, and an index
//   actdiff sizes                canonical derivatives beside PyTorch's hand-written forms
//   actdiff emit NAME --cpp|--cuda|--torch [--name PREFIX]
//                                the kernels as standalone C++, CUDA, or a PyTorch extension
// Unknown names, commands and options print a message and exit with 2.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"

namespace actdiff_tool {
namespace {

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
  emit NAME --cpp|--cuda|--torch [--name PREFIX]
                print NAME's forward, backward and fused kernels as standalone
                C++ (templates over float/double) or CUDA source, as functions
                PREFIX_forward, PREFIX_backward, PREFIX_forward_backward and,
                per parameter p, PREFIX_gradient_p (PREFIX: a C++ identifier,
                NAME by default); --torch: a PyTorch extension source that
                registers torch.ops.actdiff_emitted.PREFIX, with autograd
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

int unknown_name(std::string_view name) {
    fmt::print(stderr, "actdiff: unknown activation '{}'. Valid names:\n", name);
    hana::for_each(registry, [](const auto& entry) { fmt::print(stderr, "  {}\n", entry.name); });
    return usage_error;
}

}  // namespace
}  // namespace actdiff_tool

using namespace actdiff_tool;

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
        const bool found = command == "derive" ? derive(names[0]) : show(names[0], as_latex);
        return found ? 0 : unknown_name(names[0]);
    }
    if (command == "emit") {
        std::vector<std::string_view> names, languages, prefixes;
        for (std::size_t i = 1; i < args.size(); ++i) {
            if (args[i] == "--cpp" || args[i] == "--cuda" || args[i] == "--torch") {
                languages.push_back(args[i]);
            } else if (args[i] == "--name") {
                if (i + 1 == args.size()) {
                    fmt::print(stderr, "actdiff: '--name' needs a function name prefix\n");
                    return usage_error;
                }
                prefixes.push_back(args[++i]);
            } else if (args[i].starts_with("-")) {
                fmt::print(stderr, "actdiff: unknown option '{}' for 'emit' (use --cpp, --cuda or --torch)\n", args[i]);
                return usage_error;
            } else {
                names.push_back(args[i]);
            }
        }
        if (names.size() != 1 || languages.size() != 1 || prefixes.size() > 1) {
            fmt::print(stderr, "actdiff: 'emit' takes one activation name, one of --cpp, --cuda, --torch, and at most one --name\n");
            return usage_error;
        }
        const language target = languages[0] == "--cuda"    ? language::cuda
                                : languages[0] == "--torch" ? language::torch
                                                            : language::cpp;
        switch (emit(names[0], target, prefixes.empty() ? std::string_view() : prefixes[0])) {
            case emitted::done: return 0;
            case emitted::unknown_name: return unknown_name(names[0]);
            case emitted::bad_function_name: return usage_error;
        }
        return usage_error;
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
