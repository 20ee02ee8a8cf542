// properties(f, x, bindings...): what a course's table of activations says
// about f along x, computed by the engine and labelled with how each finding
// was established. Only the monotonicity can be a proof (the facts analysis
// shows the sign of d(f, x) from its structure); everything else is
// evaluation, and says so:
//   - the value at 0;
//   - the range, with the minimum and maximum and where they are attained:
//     the limits at ±∞ (f at ±10¹⁰ and ±10¹⁵), every zero of f′ on [−64, 64]
//     (sign changes bisected to the last bit) and every kink;
//   - monotonicity: proved from the sign of f′ (with f's jumps, if any, seen
//     to go the same way), or disproved by two points where f′ has opposite
//     signs or a jump against f′, or (weakest) a sweep without a sign change;
//   - the smoothness class at each kink (algorithm/kinks.hpp): f, f′ and f″
//     compared from both sides. Symbolically where the switch states its
//     sides and its point solves exactly (a switching function linear in x):
//     the sides' k-th derivatives are subtracted and simplified at that point,
//     which is a proof when the difference is a constant. Otherwise each
//     one-sided limit is extrapolated from two points at 10⁻⁶ and 2·10⁻⁶;
//   - the limits of f′ at ±∞ (saturation) and the dead half-lines, beyond the
//     outermost kink, where f′ is exactly 0 at every sampled point;
//   - zero-centredness: f(0) = 0 and both signs taken;
//   - E[f(z)] and E[f(z)²] for z ~ N(0, 1), by Simpson's rule between the
//     kinks on [−12, 12]: the self-normalising fixed point is (0, 1).
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <typeinfo>
#include <limits>
#include <type_traits>
#include <vector>

#include <actdiff/algorithm/facts.hpp>
#include <actdiff/algorithm/kinks.hpp>
#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/algorithm/transform.hpp>
#include <actdiff/detail/branches.hpp>
#include <actdiff/evaluation/evaluate.hpp>

namespace actdiff {

// How a finding was established, strongest first.
enum class evidence {
    proof,       // from the formula's structure (the facts analysis)
    witnesses,   // evaluation at points that show it (a counterexample)
    evaluation,  // evaluation at the points the finding names
    sweep,       // no counterexample on a grid: evidence, not proof
    extrapolation,  // one-sided limits extrapolated from points beside a kink
};

struct kink_property {
    double at;
    // −1: f jumps; 0: C⁰ (f′ jumps); 1: C¹ (f″ jumps); 2: f, f′, f″ continuous.
    int smoothness;
    // proof: the sides' differences simplified to constants at the switch;
    // evaluation: to expressions, evaluated at the bound values;
    // extrapolation: the switch has no stated sides or no exact point.
    evidence smoothness_evidence;
    double value, left_value, right_value;  // f there and its one-sided limits
    double slope, left_slope, right_slope;  // the same for f′
};

struct bound_property {
    double value;              // the infimum or supremum; ±∞ when unbounded
    bool attained;             // reached at a finite x
    double at;                 // where, when attained at a critical point or kink; NaN otherwise
};

struct function_properties {
    // The first grid point where f is undefined or infinite (log x at x ≤ 0,
    // 1/x at 0), NaN when f is finite at every one: the range is then only
    // over where f was sampled finite, and says so.
    double undefined_at;
    double at_zero;
    bound_property minimum, maximum;
    double limit_below, limit_above;              // f as x → −∞, +∞ (±∞; NaN: no limit)
    double slope_limit_below, slope_limit_above;  // f′ likewise
    int monotone;                                 // ±2 strictly increasing/decreasing (proved f′ ≷ 0),
                                                  // ±1 nondecreasing/nonincreasing, 0 neither
    evidence monotone_evidence;                   // for a proof, of f′'s sign; f's jumps are checked by evaluation
    double falling_at, rising_at;                 // witnesses: f′ most negative and most positive there
                                                  // (NaN when f′ takes no such sign); a jump of f is its own
    std::vector<kink_property> kinks;
    double dead_below, dead_above;                // f′ = 0 for x < dead_below, x > dead_above (NaN: none)
    bool zero_centred;
    double normal_mean, normal_second_moment;     // E[f(z)], E[f(z)²], z ~ N(0, 1)
};

namespace detail {

// f as x → ±∞ from f at ±10¹⁰ and ±10¹⁵: ±∞ when it keeps growing, the
// far value when the two agree to 10⁻⁶ (softsign's 1 − 1/(1 + |x|) is within
// 10⁻¹⁰ of 1 at the nearer point), NaN (no limit found) otherwise.
template <class Value>
double limit_at_infinity(const Value& value, double direction) {
    const double near = value(direction * 1e10), far = value(direction * 1e15);
    if (std::isinf(far) || (std::abs(far) > 1e12 && std::abs(far) > 100 * std::abs(near))) {
        return far > 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    }
    if (std::abs(far - near) <= 1e-6 * std::max(1.0, std::abs(far))) return std::abs(far) < 1e-12 ? 0.0 : far;
    return std::numeric_limits<double>::quiet_NaN();
}

// The one-sided limit of g at k from the side direction (−1 or +1): linear
// extrapolation from two points, which removes the first-order error.
template <class Value>
double one_sided(const Value& value, double k, double direction) {
    const double h = 1e-6 * std::max(1.0, std::abs(k));
    return 2 * value(k + direction * h) - value(k + direction * 2 * h);
}

inline bool same_limit(double a, double b) {
    return std::abs(a - b) <= 1e-7 * (1 + std::abs(a) + std::abs(b));
}

// Whether G divides by zero once X is X0: a negative power of a base that
// vanishes there (1/x at 0), which has no value to compare.
template <class X, class X0, class G>
struct singular_at : std::false_type {};
template <class X, class X0, template <class...> class Node, class... Children>
struct singular_at<X, X0, Node<Children...>> : std::bool_constant<(singular_at<X, X0, Children>::value || ...)> {};
template <class X, class X0, class B, class R>
struct singular_at<X, X0, power<B, R>> : std::bool_constant<[] {
    if constexpr (singular_at<X, X0, B>::value) {
        return true;
    } else {
        return R::value.num < 0 && std::is_same_v<substitute_t<X, X0, B>, zero>;
    }
}()> {};

template <class R, class L, class Right>
constexpr L left_of(comparison<R, L, Right>) { return {}; }
template <class R, class L, class Right>
constexpr Right right_of(comparison<R, L, Right>) { return {}; }
// l > r and l ≥ r hold where l − r is above 0; l < r and l ≤ r below.
template <class C>
inline constexpr bool holds_above_v = false;
template <class L, class Right>
inline constexpr bool holds_above_v<comparison<greater, L, Right>> = true;
template <class L, class Right>
inline constexpr bool holds_above_v<comparison<greater_equal, L, Right>> = true;

template <int Order, class G, class X>
constexpr auto derivative_of_order(G g, X x) {
    if constexpr (Order == 0) {
        return g;
    } else {
        return derivative_of_order<Order - 1>(d(g, x), x);
    }
}

// One switch of f along X, judged from its sides: judged is false when its
// point does not solve exactly or a side has no value there.
struct judged_switch {
    bool judged = false;
    double at = 0;
    int smoothness = 2;        // as kink_property's
    bool proof = false;        // every difference that decided it was a constant
    double left[2] = {0, 0};   // f and f′ on each side, at the switch
    double right[2] = {0, 0};
};

template <class F, class X, class Sides, class Env>
judged_switch judge_switch(const Env& env) {
    // The condition in normal form: max(u, c₁) < c₂ is u < c₂, so the
    // switching function l − r of the outer switch of min(max(x, 0), 6) is
    // x − 6, linear in x.
    using condition = typename normal_condition<typename Sides::condition>::type;
    using switching = decltype(left_of(condition{}) - right_of(condition{}));
    using slope = decltype(d(switching{}, X{}));
    if constexpr (uses_v<slope, X> || std::is_same_v<slope, zero>) {
        return judged_switch{};
    } else {
        // The switch point: x − s/s′, free of x when s is linear in x.
        using point = decltype(simplify(X{} - switching{} / slope{}));
        if constexpr (uses_v<point, X>) {
            return judged_switch{};
        } else {
            // Where the switching function rises through 0, which side is the right one.
            using holds = substitute_t<typename Sides::node, typename Sides::holds, F>;
            using fails = substitute_t<typename Sides::node, typename Sides::fails, F>;
            using below = std::conditional_t<holds_above_v<condition>, fails, holds>;
            using above = std::conditional_t<holds_above_v<condition>, holds, fails>;
            judged_switch out;
            out.judged = out.proof = true;
            out.at = double(eval(point{}, env));
            const bool rising = double(eval(slope{}, env)) > 0;
            bool decided = false;
            // Orders 0, 1, 2: the sides' values (f and f′ kept for the
            // table), and the first difference that is not zero decides.
            const auto order = [&]<int Order>(std::integral_constant<int, Order>) {
                if (!out.judged) return;
                using below_k = decltype(derivative_of_order<Order>(below{}, X{}));
                using above_k = decltype(derivative_of_order<Order>(above{}, X{}));
                if constexpr (singular_at<X, point, below_k>::value || singular_at<X, point, above_k>::value) {
                    if (!decided) out.judged = false;
                } else {
                    const double below_value = double(eval(substitute_t<X, point, below_k>{}, env));
                    const double above_value = double(eval(substitute_t<X, point, above_k>{}, env));
                    if constexpr (Order < 2) {
                        out.left[Order] = rising ? below_value : above_value;
                        out.right[Order] = rising ? above_value : below_value;
                    }
                    if (decided) return;
                    using jump = decltype(simplify(substitute_t<X, point, decltype(above_k{} - below_k{})>{}));
                    if constexpr (is_rational_v<jump>) {
                        decided = !std::is_same_v<jump, zero>;
                    } else {
                        const double value = double(eval(jump{}, env));
                        if (!std::isfinite(value) || !std::isfinite(below_value) || !std::isfinite(above_value)) {
                            out.judged = false;
                            return;
                        }
                        out.proof = false;
                        decided = !same_limit(value, 0);
                    }
                    if (decided) out.smoothness = Order - 1;
                }
            };
            order(std::integral_constant<int, 0>{});
            order(std::integral_constant<int, 1>{});
            order(std::integral_constant<int, 2>{});
            return out;
        }
    }
}


}  // namespace detail

template <Expression F, Symbol X, class... Bindings>
function_properties properties(F f, X x, const Bindings&... bindings) {
    const auto at_point = [&](double t) { return at(x = t, bindings...); };
    const auto first = d(f, x);
    const auto second = d(first, x);
    const auto value = [&](double t) { return double(eval(f, at_point(t))); };
    const auto slope = [&](double t) { return double(eval(first, at_point(t))); };
    const auto curvature = [&](double t) { return double(eval(second, at_point(t))); };
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    constexpr double reach = 64;
    constexpr int grid = 8192;

    function_properties out{};
    out.at_zero = value(0);
    out.limit_below = detail::limit_at_infinity(value, -1);
    out.limit_above = detail::limit_at_infinity(value, 1);
    out.slope_limit_below = detail::limit_at_infinity(slope, -1);
    out.slope_limit_above = detail::limit_at_infinity(slope, 1);

    // Every switch, judged from its sides where it can be; a switch that
    // is not judged still counts, so a kink where two switches meet is
    // extrapolated (each judgement assumes the rest of f smooth there).
    struct site {
        std::size_t node;
        detail::judged_switch judgement;
        std::function<double(double)> distance;  // |s − c| at a point, for an unjudged switch
    };
    std::vector<site> sites;
    for_each_switch(f, [&](auto s, double c, auto sides) {
        using sides_t = decltype(sides);
        site here{.node = typeid(sides_t).hash_code(), .judgement = {}, .distance = {}};
        if constexpr (!std::is_same_v<sides_t, detail::unknown_sides>) {
            here.judgement = detail::judge_switch<F, X, sides_t>(at_point(0));
        }
        here.distance = [=, &at_point](double t) { return std::abs(double(eval(s, at_point(t))) - c); };
        sites.push_back(std::move(here));
    });
    const auto judgement_at = [&](double k) -> const detail::judged_switch* {
        const detail::judged_switch* found = nullptr;
        std::size_t node = 0;
        for (const auto& one : sites) {
            const bool here = one.judgement.judged ? std::abs(one.judgement.at - k) <= 1e-9 * std::max(1.0, std::abs(k))
                                                   : one.distance(k) <= 1e-9 * std::max(1.0, std::abs(k));
            if (!here) continue;
            if (!one.judgement.judged || (found && node != one.node)) return nullptr;
            found = &one.judgement;
            node = one.node;
        }
        return found;
    };

    // Kinks, with the class of smoothness read off both sides.
    for (double k : kinks(f, at_point, -reach, reach)) {
        if (const auto* judged = judgement_at(k)) {
            if (judged->smoothness == 2) continue;
            out.kinks.push_back({.at = k,
                                 .smoothness = judged->smoothness,
                                 .smoothness_evidence = judged->proof ? evidence::proof : evidence::evaluation,
                                 .value = value(k),
                                 .left_value = judged->left[0],
                                 .right_value = judged->right[0],
                                 .slope = slope(k),
                                 .left_slope = judged->left[1],
                                 .right_slope = judged->right[1]});
            continue;
        }
        kink_property kink{.at = k,
                           .smoothness = 2,
                           .smoothness_evidence = evidence::extrapolation,
                           .value = value(k),
                           .left_value = detail::one_sided(value, k, -1),
                           .right_value = detail::one_sided(value, k, 1),
                           .slope = slope(k),
                           .left_slope = detail::one_sided(slope, k, -1),
                           .right_slope = detail::one_sided(slope, k, 1)};
        if (!detail::same_limit(kink.left_value, kink.right_value)) {
            kink.smoothness = -1;
        } else if (!detail::same_limit(kink.left_slope, kink.right_slope)) {
            kink.smoothness = 0;
        } else if (!detail::same_limit(detail::one_sided(curvature, k, -1), detail::one_sided(curvature, k, 1))) {
            kink.smoothness = 1;
        } else {
            continue;  // a switch that does not bend f (a where under a max)
        }
        out.kinks.push_back(kink);
    }

    // The grid: signs of f′, its zeros, and the extremes sampled.
    std::vector<double> points(grid + 1), slopes(grid + 1);
    out.undefined_at = nan;
    for (int i = 0; i <= grid; ++i) {
        points[i] = -reach + 2 * reach * i / grid;
        slopes[i] = slope(points[i]);
        if (!std::isfinite(value(points[i])) && std::isnan(out.undefined_at)) out.undefined_at = points[i];
    }
    // Zeros of f′ where its sign changes: bisected between grid points, or
    // the middle of a run of exact zeros (hardswish′ at −3/2).
    std::vector<double> critical;
    out.falling_at = out.rising_at = nan;
    int last_sign = 0, last_nonzero = -1;
    double steepest_fall = -1e-12, steepest_rise = 1e-12;
    for (int i = 0; i <= grid; ++i) {
        if (slopes[i] < steepest_fall) {
            steepest_fall = slopes[i];
            out.falling_at = points[i];
        }
        if (slopes[i] > steepest_rise) {
            steepest_rise = slopes[i];
            out.rising_at = points[i];
        }
        const int sign = (slopes[i] > 0) - (slopes[i] < 0);
        if (sign == 0 || std::isnan(slopes[i])) continue;
        if (last_sign != 0 && sign != last_sign) {
            if (last_nonzero + 1 < i) {
                critical.push_back(points[(last_nonzero + i) / 2]);
            } else {
                double a = points[i - 1], b = points[i];
                for (int step = 0; step < 200; ++step) {
                    const double middle = a + (b - a) / 2;
                    if (middle <= a || middle >= b) break;
                    ((slope(middle) < 0) == (last_sign < 0) ? a : b) = middle;
                }
                critical.push_back(a + (b - a) / 2);
            }
        }
        last_sign = sign;
        last_nonzero = i;
    }

    // Monotonicity: a proof from f′'s sign, else the witnesses, else the
    // sweep; then f's jumps, which f′ does not see, must go the same way.
    constexpr int stated = detail::sign_v<detail::list<>, std::remove_cvref_t<decltype(first)>>;
    if constexpr (stated != 0) {
        out.monotone = stated;
        out.monotone_evidence = evidence::proof;
    } else {
        const bool both = !std::isnan(out.falling_at) && !std::isnan(out.rising_at);
        out.monotone = both ? 0 : std::isnan(out.falling_at) ? 1 : -1;
        out.monotone_evidence = both ? evidence::witnesses : evidence::sweep;
    }
    for (const auto& k : out.kinks) {
        if (k.smoothness != -1 || out.monotone == 0) continue;
        const double rise = k.right_value - k.left_value;
        if ((out.monotone > 0 && rise < 0) || (out.monotone < 0 && rise > 0)) {
            out.monotone = 0;
            out.monotone_evidence = evidence::witnesses;
            (rise < 0 ? out.falling_at : out.rising_at) = k.at;
        }
    }

    // The range: limits, critical points, kinks (with their one-sided
    // limits) and the grid.
    const auto extreme = [&](double direction) {
        bound_property bound{.value = direction * std::max(direction * out.limit_below, direction * out.limit_above),
                             .attained = false, .at = nan};
        if (std::isnan(out.limit_below) || std::isnan(out.limit_above)) bound.value = -direction * std::numeric_limits<double>::infinity();
        // A value at a located point (a critical point or kink), a sampled
        // value, or a one-sided limit, which is approached but not taken.
        enum class source { located, sampled, limit };
        const auto consider = [&](double v, double where, source kind) {
            if (!std::isfinite(v)) return;
            if (direction * v > direction * bound.value + 1e-12 * std::max(1.0, std::abs(v))) {
                bound = {.value = v, .attained = kind != source::limit, .at = kind == source::located ? where : nan};
            } else if (v == bound.value && !bound.attained && kind != source::limit && std::abs(where) <= 16) {
                bound.attained = true;  // the limit at ±∞ taken at a finite x
                bound.at = kind == source::located ? where : nan;
            }
        };
        for (double c : critical) consider(value(c), c, source::located);
        for (const auto& k : out.kinks) {
            consider(k.value, k.at, source::located);
            consider(k.left_value, k.at, source::limit);
            consider(k.right_value, k.at, source::limit);
        }
        for (double p : points) consider(value(p), p, source::sampled);
        return bound;
    };
    out.minimum = extreme(-1);
    out.maximum = extreme(1);

    // Dead half-lines: beyond the outermost kink, f′ exactly 0 everywhere sampled.
    out.dead_below = out.dead_above = nan;
    if (!out.kinks.empty()) {
        const double lowest = out.kinks.front().at, highest = out.kinks.back().at;
        bool below = true, above = true;
        for (int i = 0; i <= grid; ++i) {
            if (points[i] < lowest && slopes[i] != 0) below = false;
            if (points[i] > highest && slopes[i] != 0) above = false;
        }
        if (below) out.dead_below = lowest;
        if (above) out.dead_above = highest;
    }

    out.zero_centred = std::abs(out.at_zero) <= 1e-15 && out.minimum.value < 0 && out.maximum.value > 0;

    // Moments under the standard normal, by Simpson's rule between kinks.
    std::vector<double> cuts{-12};
    for (const auto& k : out.kinks) {
        if (k.at > -12 && k.at < 12) cuts.push_back(k.at);
    }
    cuts.push_back(12);
    double mean = 0, second_moment = 0;
    for (std::size_t piece = 0; piece + 1 < cuts.size(); ++piece) {
        const double a = cuts[piece], b = cuts[piece + 1];
        const int n = 2 * std::max(8, int((b - a) * 200));
        const double h = (b - a) / n;
        for (int i = 0; i <= n; ++i) {
            // Inside each piece: the ends are its one-sided limits.
            const double t = i == 0 ? a + 1e-12 * std::max(1.0, std::abs(a)) : i == n ? b - 1e-12 * std::max(1.0, std::abs(b)) : a + i * h;
            const double weight = (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * h / 3 * std::exp(-t * t / 2) / std::sqrt(2 * 3.141592653589793);
            const double v = value(t);
            mean += weight * v;
            second_moment += weight * v * v;
        }
    }
    out.normal_mean = mean;
    out.normal_second_moment = second_moment;
    return out;
}

}  // namespace actdiff
