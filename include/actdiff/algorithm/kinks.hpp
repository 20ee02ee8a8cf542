// Where a formula may fail to be smooth. Every kink of a formula comes from its
// structure: a where switches branches where its condition's sides meet, max
// and min where their arguments meet, and a primitive that states a kink
// (|u|, sign, step) where its argument reaches it. Each such place is a zero of
// a switching function; for_each_switch visits them, and kinks() finds their
// zeros along one variable. Everywhere else the formula is smooth.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <vector>

#include <actdiff/core/expression.hpp>
#include <actdiff/core/operators.hpp>
#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/primitive/protocol.hpp>

namespace actdiff {

namespace detail {

// What happens at one switch: the formula has Holds in place of Node where
// Condition holds and Fails where it does not; the switch is where the
// condition's sides meet. properties() compares the two sides symbolically.
template <class Node, class Condition, class Holds, class Fails>
struct switch_sides {
    using node = Node;
    using condition = Condition;
    using holds = Holds;
    using fails = Fails;
};
// A kinked primitive that does not state its sides, or a kink that is not an
// integer: the switch is found and judged by evaluation only.
struct unknown_sides {};

// switches<Node>::visit(visit) calls visit(s, c, sides) for each switching
// function s in Node: Node may be non-smooth only where s = c.
// Leaves: symbols and constants switch nothing.
template <class Node>
struct switches {
    template <class Visit>
    static constexpr void visit(Visit&) {}
};
template <class... Ts>
struct switches<sum<Ts...>> {
    template <class Visit>
    static constexpr void visit(Visit& visit) {
        (switches<Ts>::visit(visit), ...);
    }
};
template <class... Fs>
struct switches<product<Fs...>> {
    template <class Visit>
    static constexpr void visit(Visit& visit) {
        (switches<Fs>::visit(visit), ...);
    }
};
template <class B, class R>
struct switches<power<B, R>> {
    template <class Visit>
    static constexpr void visit(Visit& visit) {
        switches<B>::visit(visit);
    }
};
template <class F, class U>
struct switches<apply<F, U>> {
    template <class Visit>
    static constexpr void visit(Visit& visit) {
        switches<U>::visit(visit);
        if constexpr (primitive_traits<F>::has_kink) {
            constexpr double kink = primitive_traits<F>::kink;
            constexpr bool has_sides = requires {
                F::below_kink(U{});
                F::above_kink(U{});
            };
            if constexpr (has_sides && kink == double(std::intmax_t(kink))) {
                visit(U{}, kink,
                      switch_sides<apply<F, U>, comparison<greater, U, decltype(c<std::intmax_t(kink)>)>,
                                   decltype(F::above_kink(U{})), decltype(F::below_kink(U{}))>{});
            } else {
                visit(U{}, kink, unknown_sides{});
            }
        }
    }
};
// max(a, b), min(a, b) and where(l ≶ r, a, b) switch where a = b and l = r.
template <class Node, class Condition, class Holds, class Fails>
struct meeting;
template <class Node, class Relation, class L, class R, class Holds, class Fails>
struct meeting<Node, comparison<Relation, L, R>, Holds, Fails> {
    template <class Visit>
    static constexpr void visit(Visit& visit) {
        switches<L>::visit(visit);
        switches<R>::visit(visit);
        visit(L{} - R{}, 0.0, switch_sides<Node, comparison<Relation, L, R>, Holds, Fails>{});
    }
};
// max(a, b) is a where a > b; min(a, b) is a where a < b. (These are the
// relations normal_condition reads through: max(u, c₁) < c₂ is u < c₂.)
template <class A, class B>
struct switches<maximum<A, B>> : meeting<maximum<A, B>, comparison<greater, A, B>, A, B> {};
template <class A, class B>
struct switches<minimum<A, B>> : meeting<minimum<A, B>, comparison<less, A, B>, A, B> {};
template <class C, class A, class B>
struct switches<where_node<C, A, B>> {
    template <class Visit>
    static constexpr void visit(Visit& visit) {
        meeting<where_node<C, A, B>, C, A, B>::visit(visit);
        switches<A>::visit(visit);
        switches<B>::visit(visit);
    }
};

}  // namespace detail

// Calls visit(s, c, sides) for each switching function s of f: f may be
// non-smooth only where s = c; sides is a switch_sides or unknown_sides.
template <Expression F, class Visit>
constexpr void for_each_switch(F f, Visit visit) {
    (void)f;
    detail::switches<F>::visit(visit);
}

// The kinks of f along one variable on [low, high]: the points where a
// switching function reaches its value, sorted, without repeats. at(t) binds
// every symbol of f, the variable to t. The zeros are found by a sign change
// over a fine grid, or an exact zero at a grid point, then bisected to the
// last bit.
template <Expression F, class At>
std::vector<double> kinks(F f, At at, double low, double high, int grid = 4096) {
    std::vector<double> points;
    for_each_switch(f, [&](auto s, double value, auto) {
        const auto at_point = [&](double t) { return double(eval(s, at(t))) - value; };
        double previous_t = low, previous = at_point(low);
        if (previous == 0) points.push_back(low);
        for (int i = 1; i <= grid; ++i) {
            const double t = low + (high - low) * i / grid;
            const double here = at_point(t);
            if (here == 0) {
                points.push_back(t);
            } else if (previous != 0 && std::isfinite(previous) && std::isfinite(here) && (previous < 0) != (here < 0)) {
                double a = previous_t, b = t;
                const bool rising = previous < 0;
                for (int step = 0; step < 200; ++step) {
                    const double middle = a + (b - a) / 2;
                    if (middle <= a || middle >= b) break;
                    const double m = at_point(middle);
                    if (m == 0) {
                        a = b = middle;
                        break;
                    }
                    ((m < 0) == rising ? a : b) = middle;
                }
                // The side of the switch that rounds to the nearest short
                // decimal: the kink of x > 0.1 is 0.1, not its neighbour.
                const double nearest = std::abs(at_point(a)) <= std::abs(at_point(b)) ? a : b;
                points.push_back(nearest);
            }
            previous_t = t;
            previous = here;
        }
    });
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end(),
                             [&](double p, double q) { return std::abs(p - q) <= 1e-9 * std::max(1.0, std::abs(p)); }),
                 points.end());
    return points;
}

}  // namespace actdiff
