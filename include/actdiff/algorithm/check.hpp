// check_derivative(f, v, g, points...): a constexpr check that g is the
// derivative of f with respect to v at the given points, for a derivative you
// wrote by hand and want the compiler to confirm:
//   static_assert(check_derivative(silu(x), x, sigmoid(x) * (1_c + x * (1_c - sigmoid(x))), -2.0, 0.0, 3.0));
// A point is a number (the value of v) or an at(...) with every binding.
// g is compared with d(f, v) to 1e-10 relative (1e-13 absolute near 0);
// when the check runs at compile time and fails, the error names the first
// point that disagrees: g_is_not_the_derivative_of_f_at_point<I>.
// is_derivative(f, v, g, points...) is the same check as a plain constexpr
// bool that never stops the compilation, so static_assert(!is_derivative(...))
// can state that a formula is not a derivative.
//
// equivalence_of(f, g): whether f = g, as one of three answers:
//   equivalence::equal      proved: the canonical forms agree once products
//                           of sums are multiplied out (σ − σ² and σ(1 − σ)),
//                           or f − g is 0 as a rational function of atoms
//                           once each call is in its primitive's in_basis
//                           (tanh(x) and 2σ(2x) − 1, eˣσ(−x) and σ(x)), or
//                           both are wheres on one condition with equal branches;
//   equivalence::different  proved by a counterexample: f and g differ at a
//                           point where both are defined;
//   equivalence::unknown    neither: the engine agrees numerically but cannot
//                           prove it.
// equivalent(f, g) is true only when equal is proved, so a static_assert of
// it never passes on a guess.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/algorithm/transform.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/evaluation/evaluate.hpp>

namespace actdiff {

namespace detail {

// Not constexpr on purpose: reached in a constant expression, it stops the
// compilation with its name, which says what went wrong and where.
template <std::size_t Point>
inline void g_is_not_the_derivative_of_f_at_point() {}

template <class V, class P>
constexpr auto point_environment(V v, const P& point) {
    if constexpr (is_environment_v<P>) {
        return point;
    } else {
        static_assert(std::is_arithmetic_v<P>, "actdiff: check_derivative: a point is a number or an at(...)");
        return at(v = static_cast<double>(point));
    }
}

template <bool StopAtMismatch, class F, class V, class G, class... Points, std::size_t... I>
constexpr bool check_each(std::index_sequence<I...>, const Points&... points) {
    bool all = true;
    (
        [&] {
            const auto env = point_environment(V{}, points);
            const double expected = eval(d(F{}, V{}), env);
            const double actual = eval(G{}, env);
            const double error = expected > actual ? expected - actual : actual - expected;
            const double scale = expected < 0 ? -expected : expected;
            if (!(error <= 1e-10 * scale + 1e-13)) {
                all = false;
                if (StopAtMismatch && std::is_constant_evaluated()) g_is_not_the_derivative_of_f_at_point<I>();
            }
        }(),
        ...);
    return all;
}

// ---- equivalence ------------------------------------------------------------

// Polynomial normal form: products of sums multiplied out, and integer powers
// of sums up to the fourth; everything else rebuilt from its expanded children.
struct expanding {};
template <class T>
using expanded_t = transform_t<expanding, T>;

template <class A, class... Bs>
constexpr auto times_row(list<Bs...>) {
    return list<decltype(make_product(A{}, Bs{}))...>{};
}
template <class... As, class Bs>
constexpr auto times_terms(list<As...>, Bs terms) {
    return (list<>{} + ... + times_row<As>(terms));
}
template <class Terms>
constexpr auto multiply_out(Terms terms, list<>) {
    return terms;
}
template <class Terms, class F, class... Fs>
constexpr auto multiply_out(Terms terms, list<F, Fs...>) {
    return multiply_out(times_terms(terms, terms_of(F{})), list<Fs...>{});
}
template <class... Ts>
constexpr auto sum_of(list<Ts...>) {
    return make_sum(Ts{}...);
}
template <std::size_t, class T>
using repeated_t = T;

template <class... Fs>
struct rewrite<expanding, product<Fs...>> {
    using type = decltype(sum_of(multiply_out(list<one>{}, list<expanded_t<Fs>...>{})));
};
template <class... Ts, std::intmax_t N>
    requires(N >= 2 && N <= 4)
struct rewrite<expanding, power<sum<Ts...>, rational<N, 1>>> {
    using base = expanded_t<sum<Ts...>>;
    using type = decltype([]<std::size_t... I>(std::index_sequence<I...>) {
        return sum_of(multiply_out(list<one>{}, list<repeated_t<I, base>...>{}));
    }(std::make_index_sequence<std::size_t(N)>{}));
};

// The atoms' relations: every call in the basis its primitive states with
// `in_basis(u)` (tanh(u) = 2σ(2u) − 1, e^u = σ(u)/(1 − σ(u)),
// softplus(−u) = softplus(u) − u, …), so that f − g becomes a rational
// function of independent atoms. Built with the plain constructors: simplify
// would fold the basis back into the calls.
struct relating {};
template <class T>
using related_t = transform_t<relating, T>;
template <class F, class U>
    requires requires { F::in_basis(U{}); }
struct rewrite<relating, apply<F, U>> {
    using type = related_t<decltype(F::in_basis(U{}))>;
};
template <class F, class U>
    requires(!requires { F::in_basis(U{}); } && requires { F::expanded(U{}); })
struct rewrite<relating, apply<F, U>> {
    using type = related_t<decltype(F::expanded(U{}))>;
};

// The factor that clears a term's negative integer powers: B^k for each B^(−k).
template <class T>
struct clearing_factor {
    using type = one;
};
template <class B, std::intmax_t N>
    requires(N < 0)
struct clearing_factor<power<B, rational<N, 1>>> {
    using type = power<B, rational<-N, 1>>;
};
template <class... Fs>
struct clearing_factor<product<Fs...>> {
    using type = decltype(make_product(typename clearing_factor<Fs>::type{}...));
};
template <class T>
constexpr auto first_clearing_factor(list<T>) {
    return typename clearing_factor<T>::type{};
}
template <class T, class U, class... Ts>
constexpr auto first_clearing_factor(list<T, U, Ts...>) {
    if constexpr (std::is_same_v<typename clearing_factor<T>::type, one>) {
        return first_clearing_factor(list<U, Ts...>{});
    } else {
        return typename clearing_factor<T>::type{};
    }
}

// Each term times the factor, before anything is multiplied out, so that a
// denominator B^(−k) meets the B^k that clears it.
template <class Factor, class... Ts>
constexpr auto times_each(Factor, list<Ts...>) {
    return make_sum(make_product(Factor{}, Ts{})...);
}

// Whether the expanded sum D is zero as a rational function: multiplied by
// the denominators of its terms one at a time (a few rounds at most), and
// multiplied out again.
template <class D, int Rounds = 6>
constexpr bool vanishes() {
    if constexpr (std::is_same_v<D, zero>) {
        return true;
    } else {
        using factor = decltype(first_clearing_factor(terms_of(D{})));
        if constexpr (std::is_same_v<factor, one> || Rounds == 0) {
            return false;
        } else {
            return vanishes<expanded_t<decltype(times_each(factor{}, terms_of(D{})))>, Rounds - 1>();
        }
    }
}

template <class F, class G>
constexpr bool proved_equal();

// Two wheres on the same condition are equal where their branches are.
template <class F, class G>
struct branchwise {
    static constexpr bool applies = false;
};
template <class C, class A, class B, class P, class Q>
struct branchwise<where_node<C, A, B>, where_node<C, P, Q>> {
    static constexpr bool applies = true;
    static constexpr bool equal() { return proved_equal<A, P>() && proved_equal<B, Q>(); }
};

template <class F, class G>
constexpr bool proved_equal() {
    using f = decltype(simplify(F{}));
    using g = decltype(simplify(G{}));
    if constexpr (std::is_same_v<f, g>) {
        return true;
    } else if constexpr (branchwise<f, g>::applies) {
        return branchwise<f, g>::equal();
    } else {
        using difference = expanded_t<decltype(make_sum(f{}, make_product(rational<-1, 1>{}, g{})))>;
        if constexpr (std::is_same_v<difference, zero> || std::is_same_v<decltype(simplify(difference{})), zero>) {
            return true;
        } else {
            return vanishes<expanded_t<decltype(make_sum(related_t<f>{}, make_product(rational<-1, 1>{}, related_t<g>{})))>>();
        }
    }
}

template <class... Ss>
constexpr auto distinct_symbols(list<Ss...>) {
    return (list<>{} | ... | type<Ss>{});
}

// A point, among fixed ones, where f and g are both defined and differ.
inline constexpr double equivalence_samples[] = {0.3711, -1.2923, 2.0417, -0.6158, 4.4703, -3.1006, 0.0921, 7.25};

template <class F, class G, class... Ss>
constexpr bool counterexample(list<Ss...>) {
    constexpr std::size_t count = sizeof(equivalence_samples) / sizeof(double);
    for (std::size_t k = 0; k < count; ++k) {
        const auto env = [&]<std::size_t... J>(std::index_sequence<J...>) {
            return at((Ss{} = equivalence_samples[(k + 3 * J) % count])...);
        }(std::index_sequence_for<Ss...>{});
        const double a = eval(F{}, env), b = eval(G{}, env);
        const auto magnitude = [](double v) { return v < 0 ? -v : v; };
        const bool defined = a == a && b == b && magnitude(a) < 1e300 && magnitude(b) < 1e300;
        if (defined && magnitude(a - b) > 1e-9 * (1 + magnitude(a) + magnitude(b))) return true;
    }
    return false;
}

}  // namespace detail

enum class equivalence { equal, different, unknown };

template <class F, class G>
    requires detail::involves_library_type<F, G>
constexpr equivalence equivalence_of(F, G) {
    static_assert(Expression<F> && Expression<G>, "actdiff: equivalence_of(f, g): f and g must be actdiff expressions");
    if constexpr (detail::proved_equal<F, G>()) {
        return equivalence::equal;
    } else {
        using symbols = decltype(typename detail::symbols_of<F>::type{} + typename detail::symbols_of<G>::type{});
        using distinct = decltype(detail::distinct_symbols(symbols{}));
        return detail::counterexample<F, G>(distinct{}) ? equivalence::different : equivalence::unknown;
    }
}

// Whether f = g is proved (equivalence_of gives equal).
template <class F, class G>
    requires detail::involves_library_type<F, G>
constexpr bool equivalent(F, G) {
    static_assert(Expression<F> && Expression<G>, "actdiff: equivalent(f, g): f and g must be actdiff expressions");
    return detail::proved_equal<F, G>();
}

template <class F, class V, class G, class... Points>
    requires detail::involves_library_type<F, V, G>
constexpr bool check_derivative(F, V, G, const Points&... points) {
    static_assert(Expression<F> && Expression<G>, "actdiff: check_derivative(f, v, g, points...): f and g must be expressions");
    static_assert(Symbol<V>, "actdiff: check_derivative(f, v, g, points...): v must be a var or a param");
    static_assert(sizeof...(Points) > 0, "actdiff: check_derivative(f, v, g, points...) needs at least one point");
    return detail::check_each<true, F, V, G>(std::index_sequence_for<Points...>{}, points...);
}

template <class F, class V, class G, class... Points>
    requires detail::involves_library_type<F, V, G>
constexpr bool is_derivative(F, V, G, const Points&... points) {
    static_assert(Expression<F> && Expression<G>, "actdiff: is_derivative(f, v, g, points...): f and g must be expressions");
    static_assert(Symbol<V>, "actdiff: is_derivative(f, v, g, points...): v must be a var or a param");
    static_assert(sizeof...(Points) > 0, "actdiff: is_derivative(f, v, g, points...) needs at least one point");
    return detail::check_each<false, F, V, G>(std::index_sequence_for<Points...>{}, points...);
}

}  // namespace actdiff
