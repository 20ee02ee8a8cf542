// actdiff props NAME [--markdown]: the properties a course's table of
// activations lists (algorithm/properties.hpp), each with how the engine
// established it. The parameters take their defaults as exact constants, so
// that the facts analysis can prove what their values imply (leaky ReLU's
// slope 1/100 > 0).
#include <algorithm>
#include <cmath>
#include <tuple>
#include <type_traits>
#include <vector>

#include <boost/hana/fold_left.hpp>

#include <actdiff/actdiff.hpp>
#include <actdiff/algorithm/properties.hpp>

#include "commands.hpp"

namespace actdiff_tool {

namespace {

// A number as a reader wants it: six significant digits, a true minus sign,
// ±∞, and "no limit" for the NaN of a limit that does not exist.
std::string number(double v) {
    if (std::isnan(v)) return "no limit";
    if (std::isinf(v)) return v > 0 ? "+∞" : "−∞";
    if (std::abs(v) < 5e-15) v = 0;  // also −0
    std::string s = fmt::format("{:.6g}", v);
    if (s[0] == '-') s = "−" + s.substr(1);
    return s;
}

std::string interval(const actdiff::bound_property& low, const actdiff::bound_property& high) {
    return fmt::format("{}{}, {}{}", low.attained ? "[" : "(", number(low.value), number(high.value), high.attained ? "]" : ")");
}

std::string extreme(const actdiff::bound_property& bound, std::string_view v) {
    if (std::isinf(bound.value)) return "none (unbounded)";
    if (!bound.attained) {
        return fmt::format("none: {} is approached, not taken", number(bound.value));
    }
    if (std::isnan(bound.at)) return fmt::format("{}, taken on an interval", number(bound.value));
    return fmt::format("{} at {} = {}", number(bound.value), v, number(bound.at));
}

std::string smoothness(int order) {
    switch (order) {
        case -1: return "discontinuous";
        case 0: return "C⁰ (f′ jumps)";
        case 1: return "C¹ (f″ jumps)";
        default: return "C²";
    }
}

// How a kink's class was found (kink_property::smoothness_evidence).
std::string_view smoothness_how(actdiff::evidence how) {
    switch (how) {
        case actdiff::evidence::proof:
            return "proof: the two sides' f, f′, f″ subtracted at the switch point and simplified to constants";
        case actdiff::evidence::evaluation:
            return "the two sides' exact differences at the switch point, evaluated at the parameters' values";
        default:
            return "one-sided limits extrapolated from points 10⁻⁶ away: evidence, not proof";
    }
}

struct row {
    std::string property, finding, how;
};

std::vector<row> rows_of(const actdiff::function_properties& p, std::string_view v) {
    std::vector<row> rows;
    rows.push_back({"value at 0", number(p.at_zero), "evaluation"});
    rows.push_back({"range", interval(p.minimum, p.maximum),
                    std::isnan(p.undefined_at)
                        ? std::string("limits at ±∞, zeros of f′ and kinks, evaluated")
                        : fmt::format("only where f is finite: f({}) is not; limits, zeros of f′ and kinks, evaluated",
                                      number(p.undefined_at))});
    rows.push_back({"minimum", extreme(p.minimum, v), "evaluation"});
    rows.push_back({"maximum", extreme(p.maximum, v), "evaluation"});
    const bool below = std::isfinite(p.minimum.value), above = std::isfinite(p.maximum.value);
    rows.push_back({"bounded", below && above ? "yes" : below ? "below only" : above ? "above only" : "no", "from the range"});
    const auto jump_at = [&](double at) {
        for (const auto& k : p.kinks) {
            if (k.smoothness == -1 && k.at == at) return true;
        }
        return false;
    };
    const auto change = [&](double at, std::string_view sign) {
        return jump_at(at) ? fmt::format("f jumps {} at {} = {}", sign == "<" ? "down" : "up", v, number(at))
                           : fmt::format("f′({}) {} 0", number(at), sign);
    };
    const bool has_jumps = std::any_of(p.kinks.begin(), p.kinks.end(), [](const auto& k) { return k.smoothness == -1; });
    if (p.monotone_evidence == actdiff::evidence::proof) {
        static constexpr std::string_view kinds[] = {"yes, decreasing", "yes, nonincreasing", "", "yes, nondecreasing", "yes, increasing"};
        static constexpr std::string_view signs[] = {"<", "≤", "", "≥", ">"};
        rows.push_back({"monotonic", std::string(kinds[p.monotone + 2]),
                        fmt::format("proof: the facts analysis shows f′ {} 0 from its structure{}", signs[p.monotone + 2],
                                    has_jumps ? "; f's jumps go the same way (evaluation)" : "")});
    } else if (p.monotone == 0) {
        rows.push_back({"monotonic", "no", fmt::format("counterexample: {}, {}", change(p.falling_at, "<"), change(p.rising_at, ">"))});
    } else {
        rows.push_back({"monotonic", p.monotone > 0 ? "nondecreasing on [−64, 64]" : "nonincreasing on [−64, 64]",
                        "sweep: no sign change of f′ on a grid; not a proof"});
    }
    if (p.kinks.empty()) {
        rows.push_back({"smoothness", "smooth: no kink on [−64, 64]", "structure: no where, max, min or kinked primitive switches there"});
    } else {
        std::string classes;
        for (const auto& k : p.kinks) {
            classes += fmt::format("{}{} at {} = {}", classes.empty() ? "" : "; ", smoothness(k.smoothness), v, number(k.at));
        }
        // One statement of how, or one per kink when they differ.
        const bool one_way = std::all_of(p.kinks.begin(), p.kinks.end(),
                                         [&](const auto& k) { return k.smoothness_evidence == p.kinks.front().smoothness_evidence; });
        std::string how = "kinks from the structure; ";
        if (one_way) {
            how += smoothness_how(p.kinks.front().smoothness_evidence);
        } else {
            for (std::size_t i = 0; i < p.kinks.size(); ++i) {
                how += fmt::format("{}at {} = {}, {}", i == 0 ? "" : "; ", v, number(p.kinks[i].at), smoothness_how(p.kinks[i].smoothness_evidence));
            }
        }
        rows.push_back({"smoothness", classes, how});
        for (const auto& k : p.kinks) {
            const std::string_view sides = k.smoothness_evidence == actdiff::evidence::extrapolation
                                               ? "one-sided limits extrapolated"
                                               : "each side's exact value at the switch";
            if (k.smoothness == -1) {
                rows.push_back({fmt::format("at {} = {}", v, number(k.at)),
                                fmt::format("f jumps from {} to {}, takes {}", number(k.left_value), number(k.right_value), number(k.value)),
                                fmt::format("{}; f there, evaluated", sides)});
            } else if (k.smoothness == 0) {
                rows.push_back({fmt::format("at {} = {}", v, number(k.at)),
                                fmt::format("f′ jumps from {} to {}, takes {}", number(k.left_slope), number(k.right_slope), number(k.slope)),
                                fmt::format("{}; f′ there evaluated: the value PyTorch's backward takes", sides)});
            }
        }
    }
    rows.push_back({"limits of f", fmt::format("{} as {} → −∞, {} as {} → +∞", number(p.limit_below), v, number(p.limit_above), v),
                    "evaluation at ±10¹⁰ and ±10¹⁵"});
    const auto saturates = [](double slope) { return slope == 0 ? " (saturates)" : ""; };
    rows.push_back({"limits of f′",
                    fmt::format("{}{} as {} → −∞, {}{} as {} → +∞", number(p.slope_limit_below), saturates(p.slope_limit_below), v,
                                number(p.slope_limit_above), saturates(p.slope_limit_above), v),
                    "evaluation at ±10¹⁰ and ±10¹⁵"});
    std::string dead;
    if (!std::isnan(p.dead_below)) dead = fmt::format("f′ = 0 for {} < {}", v, number(p.dead_below));
    if (!std::isnan(p.dead_above)) dead += fmt::format("{}f′ = 0 for {} > {}", dead.empty() ? "" : "; ", v, number(p.dead_above));
    rows.push_back({"dead region", dead.empty() ? "none" : dead,
                    dead.empty() ? "f′ is nonzero somewhere beyond every kink" : "f′ exactly 0 at every grid point beyond the kink"});
    rows.push_back({"zero-centred",
                    p.zero_centred ? "yes: f(0) = 0, both signs taken"
                    : p.at_zero != 0 ? fmt::format("no: f(0) = {}", number(p.at_zero))
                                     : "no: f(0) = 0 but one sign only",
                    "from the value at 0 and the range"});
    const auto moment = [](double v) { return number(std::round(v * 1e6) / 1e6); };
    const bool fixed_point = std::abs(p.normal_mean) < 1e-6 && std::abs(p.normal_second_moment - 1) < 1e-6;
    rows.push_back({"standard normal input",
                    fmt::format("E[f(z)] = {}, E[f(z)²] = {}{}", moment(p.normal_mean), moment(p.normal_second_moment),
                                fixed_point ? ": mean 0 and variance 1 are kept, the self-normalising fixed point" : ""),
                    "Simpson's rule on [−12, 12], split at the kinks"});
    return rows;
}

// The entry's formula with each parameter replaced by its default, as an
// exact constant.
template <class Entry>
auto at_defaults(const Entry& entry) {
    return hana::fold_left(entry.parameters, entry.formula, [](auto f, const auto& p) {
        using parameter = std::remove_cvref_t<decltype(p.symbol)>;
        return actdiff::detail::substitute_t<parameter, typename actdiff::catalog::default_of<parameter>::type, decltype(f)>{};
    });
}

// f with the other input (a gated unit's) at 1, exactly too.
template <class... Others, class F>
auto held_at_one(F f) {
    static_assert(sizeof...(Others) <= 1, "the catalog's entries have at most two inputs");
    if constexpr (sizeof...(Others) == 0) {
        return f;
    } else {
        using other = std::tuple_element_t<0, std::tuple<Others...>>;
        return actdiff::detail::substitute_t<other, actdiff::one, F>{};
    }
}

template <class Entry>
std::string properties_of(const Entry& entry, bool markdown) {
    return along(entry, [&](auto v, auto... others) {
        const std::string name = actdiff::to_string(v);
        const auto rows = rows_of(actdiff::properties(held_at_one<decltype(others)...>(at_defaults(entry)), v), name);
        std::string out;
        if (markdown) {
            out += fmt::format("Along `{}`, for {}.\n\n| property | finding | how it is established |\n|---|---|---|\n",
                               name, at_values(entry, others...));
            for (const auto& r : rows) out += fmt::format("| {} | {} | {} |\n", r.property, r.finding, r.how);
            return out;
        }
        out += fmt::format("{}: properties along {}\n\n", at_values(entry, others...), name);
        std::size_t width = 0;
        for (const auto& r : rows) width = std::max(width, r.property.size());
        for (const auto& r : rows) out += fmt::format("{:<{}}  {}\n{:<{}}  ({})\n", r.property, width, r.finding, "", width, r.how);
        return out;
    });
}

// One row of the catalog's summary: | name | range | monotonic | smoothness |
// zero-centred | dead region | f′ at ±∞ | E[f(z)], E[f(z)²] |.
template <class Entry>
std::string summary_of(const Entry& entry) {
    return along(entry, [&](auto v, auto... others) {
        const auto p = actdiff::properties(held_at_one<decltype(others)...>(at_defaults(entry)), v);
        const std::string name = actdiff::to_string(v);
        std::string smooth = p.kinks.empty() ? "smooth" : "";
        for (const auto& k : p.kinks) {
            smooth += fmt::format("{}{} at {}{}", smooth.empty() ? "" : "; ", smoothness(k.smoothness), number(k.at),
                                  k.smoothness_evidence == actdiff::evidence::proof ? " (proof)" : "");
        }
        std::string dead = "none";
        if (!std::isnan(p.dead_below)) dead = fmt::format("{} < {}", name, number(p.dead_below));
        if (!std::isnan(p.dead_above)) dead = (dead == "none" ? "" : dead + "; ") + fmt::format("{} > {}", name, number(p.dead_above));
        std::string minimum = interval(p.minimum, p.maximum);
        const bool at_kink = std::any_of(p.kinks.begin(), p.kinks.end(), [&](const auto& k) { return k.at == p.minimum.at; });
        if (p.minimum.attained && !std::isnan(p.minimum.at) && p.minimum.at != 0 && !at_kink) {
            minimum += fmt::format(", min at {}", number(p.minimum.at));
        }
        static constexpr std::string_view orders[] = {"decreasing", "nonincreasing", "no", "nondecreasing", "increasing"};
        return fmt::format("| [{}]({}.md){} | {} | {}{} | {} | {} | {} | {}, {} | {}, {} |\n", entry.name, entry.name,
                           sizeof...(others) ? fmt::format(" (along {})", name) : std::string(), minimum,
                           orders[p.monotone + 2], p.monotone_evidence == actdiff::evidence::proof ? " (proof)" : "", smooth,
                           p.zero_centred ? "yes" : "no", dead, number(p.slope_limit_below), number(p.slope_limit_above),
                           number(std::round(p.normal_mean * 1e4) / 1e4), number(std::round(p.normal_second_moment * 1e4) / 1e4));
    });
}

}  // namespace

std::optional<std::string> properties_summary_row(std::string_view name) {
    std::optional<std::string> row;
    with_entry(name, [&](const auto& entry) { row = summary_of(entry); });
    return row;
}

std::optional<std::string> properties_table(std::string_view name, bool markdown) {
    std::optional<std::string> table;
    with_entry(name, [&](const auto& entry) { table = properties_of(entry, markdown); });
    return table;
}

}  // namespace actdiff_tool
