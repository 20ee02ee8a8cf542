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
//     compared from both sides, each one-sided limit extrapolated from two
//     points at 10⁻⁶ and 2·10⁻⁶;
//   - the limits of f′ at ±∞ (saturation) and the dead half-lines, beyond the
//     outermost kink, where f′ is exactly 0 at every sampled point;
//   - zero-centredness: f(0) = 0 and both signs taken;
//   - E[f(z)] and E[f(z)²] for z ~ N(0, 1), by Simpson's rule between the
//     kinks on [−12, 12]: the self-normalising fixed point is (0, 1).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

#include <actdiff/algorithm/facts.hpp>
#include <actdiff/algorithm/kinks.hpp>
#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/evaluation/evaluate.hpp>

namespace actdiff {

// How a finding was established, strongest first.
enum class evidence {
    proof,       // from the formula's structure (the facts analysis)
    witnesses,   // evaluation at points that show it (a counterexample)
    evaluation,  // evaluation at the points the finding names
    sweep,       // no counterexample on a grid: evidence, not proof
};

struct kink_property {
    double at;
    // −1: f jumps; 0: C⁰ (f′ jumps); 1: C¹ (f″ jumps); 2: f, f′, f″ continuous.
    int smoothness;
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

    // Kinks, with the class of smoothness read off both sides.
    for (double k : kinks(f, at_point, -reach, reach)) {
        kink_property kink{.at = k,
                           .smoothness = 2,
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
