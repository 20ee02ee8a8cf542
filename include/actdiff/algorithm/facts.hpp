// The one facts analysis: what is known about an expression's value, under a
// list of facts Known (the conditions that hold, as inside a where's branch;
// list<> when nothing is).
//   range_v<Known, T>  an interval of exact rationals: constants, the bounds the
//                      facts put on symbols, and sums and multiples of those;
//   sign_v<Known, T>   +2 positive, +1 nonnegative, −1 nonpositive, −2 negative,
//                      0 unknown: from the range, what each primitive states
//                      (exp(u) > 0, |u| ≥ 0, tanh(u) has u's sign, 1 − σ(u) > 0
//                      from σ's range), u² ≥ 0, and products, sums, max, min
//                      and where of those.
// positive_v<T> and the others are the signs known from structure alone. The
// smart constructors use them so that a rewrite true only where u ≠ 0
// (u/u = 1) applies exactly where it is sound; the simplifier and in_terms_of
// use the ranges under a where's conditions.
#pragma once

#include <cstdint>
#include <type_traits>

#include <actdiff/core/expression.hpp>
#include <actdiff/detail/ratio.hpp>
#include <actdiff/primitive/protocol.hpp>

namespace actdiff::detail {

template <class... Ts>
struct list;

// ---- ranges ------------------------------------------------------------------------

// An interval of exact rationals; a missing bound is infinite.
struct interval {
    bool has_low = false, low_open = false;
    ratio low{};
    bool has_high = false, high_open = false;
    ratio high{};
};

constexpr interval point(ratio r) { return {true, false, r, true, false, r}; }

constexpr interval intersect(interval a, interval b) {
    if (b.has_low && (!a.has_low || a.low < b.low || (a.low == b.low && b.low_open))) {
        a.has_low = true;
        a.low = b.low;
        a.low_open = b.low_open;
    }
    if (b.has_high && (!a.has_high || b.high < a.high || (a.high == b.high && b.high_open))) {
        a.has_high = true;
        a.high = b.high;
        a.high_open = b.high_open;
    }
    return a;
}

constexpr interval add(interval a, interval b) {
    return {a.has_low && b.has_low,   a.low_open || b.low_open,   a.low + b.low,
            a.has_high && b.has_high, a.high_open || b.high_open, a.high + b.high};
}

constexpr interval scale(interval a, ratio k) {
    if (k.num == 0) return point(ratio{});
    if (ratio{} < k) return {a.has_low, a.low_open, a.low * k, a.has_high, a.high_open, a.high * k};
    return {a.has_high, a.high_open, a.high * k, a.has_low, a.low_open, a.low * k};
}

// The bound a condition puts on symbol S, if it compares S with a constant.
template <class S, class C>
constexpr interval bound_from(C) {
    return {};
}
template <class S, class R, class A, class B>
constexpr interval bound_from(comparison<R, A, B>) {
    if constexpr (std::is_same_v<A, S> && is_rational_v<B>) {
        constexpr ratio v = B::value;
        if constexpr (std::is_same_v<R, less>) return {false, false, {}, true, true, v};
        else if constexpr (std::is_same_v<R, less_equal>) return {false, false, {}, true, false, v};
        else if constexpr (std::is_same_v<R, greater>) return {true, true, v, false, false, {}};
        else return {true, false, v, false, false, {}};
    } else {
        return {};
    }
}

template <class Known, class T>
struct range_of {
    static constexpr interval value{};
};
template <class Known, class T>
inline constexpr interval range_v = range_of<Known, T>::value;

template <class... Facts, class S>
    requires(is_variable_v<S> || is_parameter_v<S>)
struct range_of<list<Facts...>, S> {
    static constexpr interval value = [] {
        interval r{};
        ((r = intersect(r, bound_from<S>(Facts{}))), ...);
        return r;
    }();
};
template <class Known, std::intmax_t N, std::intmax_t D>
struct range_of<Known, rational<N, D>> {
    static constexpr interval value = point({N, D});
};
template <class Known, class... Ts>
struct range_of<Known, sum<Ts...>> {
    static constexpr interval value = [] {
        interval r = point(ratio{});
        ((r = add(r, range_v<Known, Ts>)), ...);
        return r;
    }();
};
template <class Known, std::intmax_t N, std::intmax_t D, class T>
struct range_of<Known, product<rational<N, D>, T>> {
    static constexpr interval value = scale(range_v<Known, T>, {N, D});
};

// Whether a is certainly ≤ b (or < b) over the known ranges.
constexpr bool at_most(interval a, interval b) { return a.has_high && b.has_low && !(b.low < a.high); }
constexpr bool below(interval a, interval b) {
    return a.has_high && b.has_low && (a.high < b.low || (a.high == b.low && (a.high_open || b.low_open)));
}

// +1: the condition holds on the known ranges, −1: it does not, 0: unknown.
template <class Known, class C>
constexpr int decided(C) {
    return 0;
}
template <class Known, class R, class A, class B>
constexpr int decided(comparison<R, A, B>) {
    constexpr interval a = range_v<Known, A>, b = range_v<Known, B>;
    if constexpr (std::is_same_v<R, less>) return below(a, b) ? 1 : at_most(b, a) ? -1 : 0;
    else if constexpr (std::is_same_v<R, less_equal>) return at_most(a, b) ? 1 : below(b, a) ? -1 : 0;
    else if constexpr (std::is_same_v<R, greater>) return below(b, a) ? 1 : at_most(a, b) ? -1 : 0;
    else return at_most(b, a) ? 1 : below(a, b) ? -1 : 0;
}

// ---- signs -------------------------------------------------------------------------

constexpr int sign_of_interval(interval r) {
    if (r.has_low && (ratio{} < r.low || (r.low.num == 0 && r.low_open))) return 2;
    if (r.has_low && r.low.num >= 0) return 1;
    if (r.has_high && (r.high < ratio{} || (r.high.num == 0 && r.high_open))) return -2;
    if (r.has_high && r.high.num <= 0) return -1;
    return 0;
}
constexpr int sign_of_range(value_range r) {
    if (r.has_low && (r.low > 0 || (r.low == 0 && r.low_open))) return 2;
    if (r.has_low && r.low >= 0) return 1;
    if (r.has_high && (r.high < 0 || (r.high == 0 && r.high_open))) return -2;
    if (r.has_high && r.high <= 0) return -1;
    return 0;
}

// The stronger of two true statements about one value.
constexpr int stronger(int a, int b) { return (a == 2 || a == -2 || b == 0) ? a : b; }

// A value that is one of a and b (a where's branches).
constexpr int either(int a, int b) {
    if (a >= 1 && b >= 1) return a == 2 && b == 2 ? 2 : 1;
    if (a <= -1 && b <= -1) return a == -2 && b == -2 ? -2 : -1;
    return 0;
}

template <class Known, class T>
struct sign_of {
    static constexpr int value = sign_of_interval(range_v<Known, T>);
};
template <class Known, class T>
inline constexpr int sign_v = sign_of<Known, T>::value;

// Named constants are given by their (non-negative) digits; zero is not worth a name.
template <class Known, fixed_string Symbol, fixed_string Digits>
struct sign_of<Known, named_constant<Symbol, Digits>> {
    static constexpr int value = 2;
};

// A primitive states its sign law.
template <class Known, class F, class U>
struct sign_of<Known, apply<F, U>> {
    static constexpr sign_law law = primitive_traits<F>::sign;
    static constexpr int value = law == sign_law::positive      ? 2
                                 : law == sign_law::nonnegative ? 1
                                 : law == sign_law::follows_argument ? sign_v<Known, U>
                                                                     : 0;
};

template <class Known, class B, std::intmax_t N, std::intmax_t D>
struct sign_of<Known, power<B, rational<N, D>>> {
    static constexpr int base = sign_v<Known, B>;
    static constexpr int value = D % 2 == 0 ? (base == 2 ? 2 : 1)                  // a root of a nonnegative base
                                 : N % 2 != 0 ? base                               // odd powers keep the sign
                                              : (base == 2 || base == -2 ? 2 : 1);  // even powers are nonnegative
};

template <class Known, class... Fs>
struct sign_of<Known, product<Fs...>> {
    static constexpr int value = [] {
        constexpr int signs[] = {sign_v<Known, Fs>...};
        int result = 2;
        for (int s : signs) {
            if (s == 0) return 0;
            const bool strict = (result == 2 || result == -2) && (s == 2 || s == -2);
            const bool negative = (result < 0) != (s < 0);
            result = (negative ? -1 : 1) * (strict ? 2 : 1);
        }
        return result;
    }();
};

// q + f(u) and q − f(u) from f's range: 1 − σ(u) > 0, 1 + tanh(u) > 0.
template <class... Ts>
struct bounded_sum {
    static constexpr int value = 0;
};
template <std::intmax_t N, std::intmax_t D, class F, class U>
struct bounded_sum<rational<N, D>, apply<F, U>> {
    static constexpr value_range r = primitive_traits<F>::range;
    static constexpr double q = double(N) / double(D);
    static constexpr int value = sign_of_range({r.has_low, r.low + q, r.low_open, r.has_high, r.high + q, r.high_open});
};
template <std::intmax_t N, std::intmax_t D, class F, class U>
struct bounded_sum<rational<N, D>, product<rational<-1, 1>, apply<F, U>>> {
    static constexpr value_range r = primitive_traits<F>::range;
    static constexpr double q = double(N) / double(D);
    static constexpr int value = sign_of_range({r.has_high, q - r.high, r.high_open, r.has_low, q - r.low, r.low_open});
};
// q − f(u)² from f's range: 1 − tanh(u)² > 0, as f² < m² for m the larger
// bound in magnitude (taken only where that bound is).
template <std::intmax_t N, std::intmax_t D, class F, class U>
struct bounded_sum<rational<N, D>, product<rational<-1, 1>, power<apply<F, U>, rational<2, 1>>>> {
    static constexpr value_range r = primitive_traits<F>::range;
    static constexpr double q = double(N) / double(D);
    static constexpr double low = r.low < 0 ? -r.low : r.low, high = r.high < 0 ? -r.high : r.high;
    static constexpr double m = low > high ? low : high;
    static constexpr bool m_open = low > high ? r.low_open : high > low ? r.high_open : r.low_open && r.high_open;
    static constexpr int value = r.has_low && r.has_high ? sign_of_range({true, q - m * m, m_open, true, q, false}) : 0;
};

template <class Known, class... Ts>
struct sign_of<Known, sum<Ts...>> {
    static constexpr int value = [] {
        constexpr int signs[] = {sign_v<Known, Ts>...};
        bool nonnegative = true, nonpositive = true, some_positive = false, some_negative = false;
        for (int s : signs) {
            nonnegative = nonnegative && s >= 1;
            nonpositive = nonpositive && s <= -1;
            some_positive = some_positive || s == 2;
            some_negative = some_negative || s == -2;
        }
        const int terms = nonnegative ? (some_positive ? 2 : 1) : nonpositive ? (some_negative ? -2 : -1) : 0;
        // With no facts a symbol's range is unknown, and so is that of any sum holding one.
        if constexpr (std::is_same_v<Known, list<>>) {
            return stronger(terms, bounded_sum<Ts...>::value);
        } else {
            return stronger(stronger(terms, bounded_sum<Ts...>::value), sign_of_interval(range_v<Known, sum<Ts...>>));
        }
    }();
};

template <class Known, class A, class B>
struct sign_of<Known, maximum<A, B>> {
    static constexpr int a = sign_v<Known, A>, b = sign_v<Known, B>;
    static constexpr int value = a == 2 || b == 2 ? 2 : a >= 1 || b >= 1 ? 1 : either(a, b);
};
template <class Known, class A, class B>
struct sign_of<Known, minimum<A, B>> {
    static constexpr int a = sign_v<Known, A>, b = sign_v<Known, B>;
    static constexpr int value = a == -2 || b == -2 ? -2 : a <= -1 || b <= -1 ? -1 : either(a, b);
};
template <class Known, class C, class A, class B>
struct sign_of<Known, where_node<C, A, B>> {
    static constexpr int value = either(sign_v<Known, A>, sign_v<Known, B>);
};

// Signs known from structure alone.
template <class T>
inline constexpr bool positive_v = sign_v<list<>, T> == 2;
template <class T>
inline constexpr bool nonnegative_v = sign_v<list<>, T> >= 1;
template <class T>
inline constexpr bool negative_v = sign_v<list<>, T> == -2;
template <class T>
inline constexpr bool nonzero_v = positive_v<T> || negative_v<T>;

}  // namespace actdiff::detail
