// The actdiff command-line tool: the activation catalog from the shell.
// Each command is described once, in the table below, which gives both the
// overview (actdiff help) and the command's own help (actdiff help show,
// actdiff show --help). Unknown names, commands and options print a message,
// with the nearest valid spelling when one is close, and exit with 2, leaving
// no output behind.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"

namespace actdiff_tool {
namespace {

constexpr int usage_error = 2;

struct command_help {
    std::string_view name;
    std::string_view synopsis;  // after "actdiff "
    std::string_view summary;   // one line, for the overview
    std::string_view details;   // the rest of the command's own help
    std::vector<std::string_view> options;
};

const command_help commands[] = {
    {"list", "list", "list the activation catalog", "Prints each activation with its inputs, its parameters and their defaults,\nand a one-line description.\n", {}},
    {"show", "show NAME [--latex]", "print NAME's formula, derivatives and a table of values",
     "Prints the formula, every first derivative (in each input and parameter), the\nsecond derivatives in the inputs, and a table of f and f' at nine points.\n\n"
     "  --latex   the formula and derivatives in LaTeX instead\n",
     {"--latex"}},
    {"derive", "derive NAME", "print each derivative's derivation, step by step, in LaTeX",
     "Prints one align* block per derivative, each step named by the rule it applies.\n", {}},
    {"plot", "plot NAME [--svg FILE]", "plot f, f' and f'' of NAME as an SVG image",
     "Draws f, f' and f'' from the engine's own evaluation, with every kink marked:\nthe value taken at the kink (PyTorch's convention) is a filled dot, a one-sided\n"
     "limit that differs from it an open circle. Prints the SVG, or writes it to FILE.\n"
     "A gated unit is plotted along the input it is nonlinear in, the other held at 1.\n\n"
     "  --svg FILE   write the image to FILE instead of printing it\n",
     {"--svg"}},
    {"props", "props NAME [--markdown]", "list NAME's properties, each with how the engine established it",
     "Lists the value at 0, the range with its minimum and maximum, monotonicity,\nthe smoothness class at every kink, the limits of f and f' at +-infinity,\n"
     "dead regions, zero-centredness, and the moments of f(z) for standard normal z.\n"
     "Each finding says how it was established: a proof from the formula's\nstructure, a counterexample, or evaluation.\n\n"
     "  --markdown   a Markdown table instead of text\n",
     {"--markdown"}},
    {"docs", "docs OUTDIR", "write one Markdown page and one plot per activation, and an index",
     "Writes NAME.md and NAME.svg for every activation, and README.md, to OUTDIR:\nall of them, or, when one cannot be written, none.\n", {}},
    {"sizes", "sizes", "print each catalog derivative's size beside PyTorch's hand-written form",
     "Prints, as Markdown, each catalog derivative in canonical form with its size,\nbeside the form PyTorch writes by hand (docs/derivatives.md).\n", {}},
    {"emit", "emit NAME --cpp|--cuda|--torch [--name PREFIX]", "print NAME's kernels as C++, CUDA, or a PyTorch extension",
     "Prints standalone source of NAME's forward, backward and fused kernels, as\nfunctions PREFIX_forward, PREFIX_backward, PREFIX_forward_backward and, per\n"
     "parameter p, PREFIX_gradient_p.\n\n"
     "  --cpp          C++ templates over float and double\n"
     "  --cuda         CUDA device functions and kernels\n"
     "  --torch        a PyTorch extension that registers torch.ops.actdiff_emitted.PREFIX,\n"
     "                 with autograd\n"
     "  --name PREFIX  the functions' prefix, a C++ identifier (NAME by default)\n",
     {"--cpp", "--cuda", "--torch", "--name"}},
    {"help", "help [COMMAND]", "print this overview, or COMMAND's own help", "", {}},
};

const command_help* find_command(std::string_view name) {
    for (const auto& command : commands) {
        if (command.name == name) return &command;
    }
    return nullptr;
}

std::string overview() {
    std::string out = "usage: actdiff <command> [arguments]\n\ncommands:\n";
    for (const auto& command : commands) out += fmt::format("  {:<10}{}\n", command.name, command.summary);
    out += "\n'actdiff help COMMAND' or 'actdiff COMMAND --help' describes one command.\n";
    return out;
}

std::string help_of(const command_help& command) {
    std::string sentence{command.summary};
    sentence[0] = char(std::toupper(static_cast<unsigned char>(sentence[0])));
    std::string out = fmt::format("usage: actdiff {}\n\n{}.\n", command.synopsis, sentence);
    if (!command.details.empty()) out += fmt::format("\n{}", command.details);
    return out;
}

// The edit distance (insertions, deletions, substitutions, transpositions).
std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

// "; did you mean 'gelu'?" for the nearest candidate within a third of the
// word's length (at least one edit), or nothing.
std::string suggestion(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::string_view best;
    std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
    for (std::string_view candidate : candidates) {
        const std::size_t edits = distance(word, candidate);
        if (edits < best_distance) {
            best = candidate;
            best_distance = edits;
        }
    }
    return best.empty() ? std::string() : fmt::format("; did you mean '{}'?", best);
}

std::vector<std::string_view> activation_names() {
    std::vector<std::string_view> names;
    hana::for_each(registry, [&](const auto& entry) { names.push_back(entry.name); });
    return names;
}

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
    const std::string hint = suggestion(name, activation_names());
    if (!hint.empty()) {
        fmt::print(stderr, "actdiff: unknown activation '{}'{} ('actdiff list' lists them all)\n", name, hint);
        return usage_error;
    }
    fmt::print(stderr, "actdiff: unknown activation '{}'. Valid names:\n", name);
    hana::for_each(registry, [](const auto& entry) { fmt::print(stderr, "  {}\n", entry.name); });
    return usage_error;
}

int unknown_option(std::string_view option, const command_help& command) {
    fmt::print(stderr, "actdiff: unknown option '{}' for '{}'{}\nusage: actdiff {}\n", option, command.name,
               suggestion(option, command.options), command.synopsis);
    return usage_error;
}

}  // namespace

std::string write_all(const std::vector<std::pair<std::filesystem::path, std::string>>& files) {
    const auto temporary = [](std::filesystem::path path) { return path += ".actdiff-partial"; };
    // Nothing is written where a file, or its temporary, could not be replaced.
    for (const auto& [path, text] : files) {
        for (const auto& place : {path, temporary(path)}) {
            std::error_code error;
            if (std::filesystem::exists(place, error) && !std::filesystem::is_regular_file(place, error)) {
                return fmt::format("'{}' exists and is not a file", place.string());
            }
        }
    }
    std::vector<std::filesystem::path> written;
    const auto remove_written = [&] {
        for (const auto& path : written) {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    };
    for (const auto& [path, text] : files) {
        std::ofstream out(temporary(path), std::ios::binary);
        if (out.is_open()) written.push_back(temporary(path));
        out << text;
        if (!out.flush()) {
            remove_written();
            return fmt::format("cannot write '{}'", path.string());
        }
    }
    for (const auto& [path, text] : files) {
        std::error_code error;
        std::filesystem::rename(temporary(path), path, error);
        if (error) {
            remove_written();
            return fmt::format("cannot replace '{}': {}", path.string(), error.message());
        }
    }
    return {};
}

namespace {

// The operands and options after the command: options from the command's
// list (each taking a value when it is one of valued), operands otherwise.
struct parsed {
    std::vector<std::string_view> operands;
    std::vector<std::pair<std::string_view, std::string_view>> options;
    bool help = false;
    int error = 0;

    std::vector<std::string_view> all(std::string_view option) const {
        std::vector<std::string_view> values;
        for (const auto& [name, value] : options) {
            if (name == option) values.push_back(value);
        }
        return values;
    }
    bool has(std::string_view option) const { return !all(option).empty(); }
};

parsed parse(const command_help& command, const std::vector<std::string_view>& args,
             std::initializer_list<std::string_view> valued = {}) {
    parsed out;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (arg == "--help" || arg == "-h") {
            out.help = true;
        } else if (std::find(valued.begin(), valued.end(), arg) != valued.end()) {
            if (i + 1 == args.size()) {
                fmt::print(stderr, "actdiff: '{}' needs a value\nusage: actdiff {}\n", arg, command.synopsis);
                out.error = usage_error;
                return out;
            }
            out.options.emplace_back(arg, args[++i]);
        } else if (std::find(command.options.begin(), command.options.end(), arg) != command.options.end()) {
            out.options.emplace_back(arg, std::string_view());
        } else if (arg.starts_with("-") && arg.size() > 1) {
            out.error = unknown_option(arg, command);
            return out;
        } else {
            out.operands.push_back(arg);
        }
    }
    return out;
}

int wrong_operands(const command_help& command, std::string_view what) {
    fmt::print(stderr, "actdiff: '{}' takes {}\nusage: actdiff {}\n", command.name, what, command.synopsis);
    return usage_error;
}

int run(const command_help& command, const std::vector<std::string_view>& args) {
    const std::string_view name = command.name;
    const parsed p = parse(command, args, name == "emit" ? std::initializer_list<std::string_view>{"--name"}
                                          : name == "plot" ? std::initializer_list<std::string_view>{"--svg"}
                                                           : std::initializer_list<std::string_view>{});
    if (p.error) return p.error;
    if (p.help) {
        fmt::print("{}", help_of(command));
        return 0;
    }
    if (name == "help") {
        if (p.operands.empty()) {
            fmt::print("{}", overview());
            return 0;
        }
        if (p.operands.size() > 1) return wrong_operands(command, "at most one command name");
        if (const command_help* topic = find_command(p.operands[0])) {
            fmt::print("{}", help_of(*topic));
            return 0;
        }
        std::vector<std::string_view> names;
        for (const auto& c : commands) names.push_back(c.name);
        fmt::print(stderr, "actdiff: no command '{}'{}\n", p.operands[0], suggestion(p.operands[0], names));
        return usage_error;
    }
    if (name == "list" || name == "sizes") {
        if (!p.operands.empty()) {
            fmt::print(stderr, "actdiff: '{}' takes no arguments, got '{}'\n", name, p.operands[0]);
            return usage_error;
        }
        if (name == "list") list(); else sizes();
        return 0;
    }
    if (name == "show" || name == "derive") {
        if (p.operands.size() != 1) return wrong_operands(command, "exactly one activation name (see 'actdiff list')");
        const bool found = name == "derive" ? derive(p.operands[0]) : show(p.operands[0], p.has("--latex"));
        return found ? 0 : unknown_name(p.operands[0]);
    }
    if (name == "plot") {
        const auto files = p.all("--svg");
        if (p.operands.size() != 1 || files.size() > 1) return wrong_operands(command, "one activation name and at most one --svg FILE");
        const auto svg = plot_svg(p.operands[0]);
        if (!svg) return unknown_name(p.operands[0]);
        if (files.empty()) {
            fmt::print("{}", *svg);
            return 0;
        }
        const std::string problem = write_all({{std::filesystem::path(files[0]), *svg}});
        if (!problem.empty()) fmt::print(stderr, "actdiff: {}; nothing was written\n", problem);
        return problem.empty() ? 0 : 1;
    }
    if (name == "props") {
        if (p.operands.size() != 1) return wrong_operands(command, "exactly one activation name (see 'actdiff list')");
        const auto table = properties_table(p.operands[0], p.has("--markdown"));
        if (!table) return unknown_name(p.operands[0]);
        fmt::print("{}", *table);
        return 0;
    }
    if (name == "docs") {
        if (p.operands.size() != 1) return wrong_operands(command, "one output directory");
        return docs(std::filesystem::path(p.operands[0]));
    }
    // emit
    const bool cuda = p.has("--cuda"), torch = p.has("--torch");
    const auto prefixes = p.all("--name");
    if (p.operands.size() != 1 || int(p.has("--cpp")) + int(cuda) + int(torch) != 1 || p.options.size() != 1 + prefixes.size() ||
        prefixes.size() > 1) {
        return wrong_operands(command, "one activation name, one of --cpp, --cuda, --torch, and at most one --name");
    }
    const language target = cuda ? language::cuda : torch ? language::torch : language::cpp;
    switch (emit(p.operands[0], target, prefixes.empty() ? std::string_view() : prefixes[0])) {
        case emitted::done: return 0;
        case emitted::unknown_name: return unknown_name(p.operands[0]);
        case emitted::bad_function_name: return usage_error;
    }
    return usage_error;
}

}  // namespace
}  // namespace actdiff_tool

using namespace actdiff_tool;

int main(int argc, char** argv) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) {
        fmt::print(stderr, "{}", overview());
        return usage_error;
    }
    if (args[0] == "--help" || args[0] == "-h") {
        fmt::print("{}", overview());
        return 0;
    }
    if (const command_help* command = find_command(args[0])) return run(*command, args);
    std::vector<std::string_view> names;
    for (const auto& c : commands) names.push_back(c.name);
    fmt::print(stderr, "actdiff: unknown command '{}'{}\n\n{}", args[0], suggestion(args[0], names), overview());
    return usage_error;
}
