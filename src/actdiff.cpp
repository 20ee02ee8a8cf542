// The actdiff command-line tool: the activation catalog from the shell.
//   actdiff list         every activation, with its inputs and parameters
//   actdiff show NAME    formula, derivatives, and a table of values
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include <actdiff/actdiff.hpp>
#include <actdiff/registry.hpp>

namespace {

namespace hana = boost::hana;
using actdiff::catalog::registry;

constexpr int usage_error = 2;

constexpr std::string_view usage = R"(usage: actdiff <command> [arguments]

commands:
  list          list the activation catalog
  show NAME     print NAME's formula, its derivatives and a table of values
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
    if (command == "show") {
        if (args.size() != 2 || args[1].starts_with("-")) {
            fmt::print(stderr, "actdiff: 'show' takes exactly one activation name (see 'actdiff list')\n");
            return usage_error;
        }
        bool found = false;
        hana::for_each(registry, [&](const auto& entry) {
            if (entry.name == args[1]) {
                show(entry);
                found = true;
            }
        });
        return found ? 0 : unknown_name(args[1]);
    }
    fmt::print(stderr, "actdiff: unknown command '{}'\n\n{}", command, usage);
    return usage_error;
}
