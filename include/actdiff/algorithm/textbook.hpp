// textbook(f): f as an author prints it, for pages and course notes. A sum
// inside f that vanishes where one of its calls c is 1 is written with the
// factor (1 − c), as σ-based derivatives are in textbooks, unless the sum is
// a polynomial in c alone (1 − tanh², 1 − 2σ), which already reads so:
//   SiLU″ = σ(1 + (1 − σ)(1 + x(1 − σ)) − σ − xσ(1 − σ))  →  σ(1 − σ)(2 + x(1 − 2σ))
// Other sums are expanded and collected by powers of the input when that is
// smaller (2β + β²x(1 − 2σ)), and a where whose condition holds a max or min
// is split into its pieces (hardtanh′ = 1 on lo < x < hi, 0 otherwise).
// The canonical form d() returns is left alone (kernels evaluate it); the
// result is equal to f, at kinks too, and tests/algorithm/textbook.cpp checks so.
//
// The sum is expanded into a polynomial in c, Σ aₖcᵏ with aₖ free of c. It
// has the root c = 1 when Σ aₖ simplifies to 0, and then the quotient is
// Σ qₖcᵏ with qₖ = a₀ + … + aₖ, since (1 − c)·Σ qₖcᵏ has coefficients
// qₖ − qₖ₋₁ = aₖ.
#pragma once

#include <type_traits>

#include <actdiff/algorithm/check.hpp>
#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/algorithm/transform.hpp>

namespace actdiff {

namespace detail {

// The power of C among a term's factors (0 when it has none), and the term
// without it.
template <class C, class T>
struct split_by {
    static constexpr std::intmax_t degree = 0;
    using rest = T;
};
template <class C>
struct split_by<C, C> {
    static constexpr std::intmax_t degree = 1;
    using rest = one;
};
template <class C, std::intmax_t N>
    requires(N > 0)
struct split_by<C, power<C, rational<N, 1>>> {
    static constexpr std::intmax_t degree = N;
    using rest = one;
};
template <class C, class... Fs>
struct split_by<C, product<Fs...>> {
    static constexpr std::intmax_t degree = (std::intmax_t{0} + ... + split_by<C, Fs>::degree);
    using rest = decltype(make_product(typename split_by<C, Fs>::rest{}...));
};

// aₖ: the sum of the terms of degree K in C, without C.
template <class C, std::intmax_t K, class... Ts>
constexpr auto coefficient(list<Ts...>) {
    return make_sum(std::conditional_t<split_by<C, Ts>::degree == K, typename split_by<C, Ts>::rest, zero>{}...);
}

// The quotient Σ qₖcᵏ, qₖ = a₀ + … + aₖ, for k below the degree.
template <class C, class Terms, std::intmax_t... K>
constexpr auto quotient_by_one_minus(std::integer_sequence<std::intmax_t, K...>) {
    return make_sum(make_product(
        [] {
            return [&]<std::intmax_t... I>(std::integer_sequence<std::intmax_t, I...>) {
                return make_sum(coefficient<C, I>(Terms{})...);
            }(std::make_integer_sequence<std::intmax_t, K + 1>{});
        }(),
        make_power<ratio{K, 1}>(C{}))...);
}

template <class C, class Terms>
constexpr std::intmax_t degree_in(Terms) {
    return [&]<class... Ts>(list<Ts...>) {
        std::intmax_t most = 0;
        ((most = split_by<C, Ts>::degree > most ? split_by<C, Ts>::degree : most), ...);
        return most;
    }(Terms{});
}

// A term's rational coefficient: 3 in 3·x·σ, −1 in −σ, 2 in the constant 2.
template <class T>
constexpr ratio coefficient_in() {
    if constexpr (is_rational_v<T>) return T::value; else return scaled<T>::coefficient;
}

// A sum whose coefficients are all multiples of one of them, that one taken
// out: 2.896804 − 5.793608·σ → 2.896804·(1 − 2·σ). Else the sum.
template <class S>
constexpr auto content_out(S) {
    return S{};
}
template <class T, class... Ts>
constexpr auto content_out(sum<T, Ts...>) {
    constexpr ratio first = coefficient_in<T>();
    constexpr ratio unit = first.num < 0 ? -first : first;
    constexpr bool all_multiples = (is_integer(coefficient_in<Ts>() / unit) && ...);
    if constexpr (unit == ratio{1, 1} || unit.num == 0 || !all_multiples) {
        return sum<T, Ts...>{};
    } else {
        constexpr ratio inverse = ratio{1, 1} / unit;
        return make_product(rational<unit.num, unit.den>{},
                            make_sum(make_product(rational<inverse.num, inverse.den>{}, T{}),
                                     make_product(rational<inverse.num, inverse.den>{}, Ts{})...));
    }
}

// A coefficient sum with what its terms share taken out: its content, or
// common factors if that is no larger (β² − 2·β²·σ → β²·(1 − 2·σ)).
template <class S>
constexpr auto shared_out(S) {
    using content = decltype(content_out(S{}));
    if constexpr (!std::is_same_v<content, S> || !is_sum_v<S>) {
        return content{};
    } else {
        using factored = decltype(factor_common(S{}));
        return std::conditional_t<(size_v<factored> <= size_v<S>), factored, S>{};
    }
}

// Σ cₖ·Vᵏ: the terms of degree K in V summed, simplified, with what they
// share taken out, and multiplied by V^K.
template <class V, class Terms, std::intmax_t... K>
constexpr auto collect_powers(std::integer_sequence<std::intmax_t, K...>) {
    return make_sum(make_product(make_power<ratio{K, 1}>(V{}),
                                 shared_out(simplify(coefficient<V, K>(Terms{}))))...);
}

template <class T>
struct first_variable {
    using type = void;
};
template <fixed_string Name, class... Ss>
struct first_variable<list<variable<Name>, Ss...>> {
    using type = variable<Name>;
};
template <class S, class... Ss>
struct first_variable<list<S, Ss...>> {
    using type = typename first_variable<list<Ss...>>::type;
};

// S collected by powers of its first input: 2 + x − 2·x·σ → 2 + x·(1 − 2·σ),
// as an author groups a polynomial's coefficients. Kept if no larger.
template <class S>
constexpr auto collected(S) {
    using V = typename first_variable<typename symbols_of<S>::type>::type;
    if constexpr (std::is_void_v<V> || !is_sum_v<S>) {
        return S{};
    } else {
        using terms = decltype(terms_of(S{}));
        constexpr std::intmax_t degree = degree_in<V>(terms{});
        if constexpr (degree == 0) {
            return S{};
        } else {
            using grouped = decltype(collect_powers<V, terms>(std::make_integer_sequence<std::intmax_t, degree + 1>{}));
            return std::conditional_t<(size_v<grouped> <= size_v<S>), grouped, S>{};
        }
    }
}

// S as (1 − C)·Q when C = 1 is a root of S, else S.
template <class C, class S>
constexpr auto factor_one_minus(S) {
    using expanded = decltype(simplify(expanded_t<S>{}));
    using terms = decltype(terms_of(expanded{}));
    constexpr std::intmax_t degree = degree_in<C>(terms{});
    // A polynomial in c alone (1 − tanh², 1 − 2σ) is already how it is read.
    constexpr bool in_c_alone = []<class... Ts>(list<Ts...>) {
        return (is_constant_v<typename split_by<C, Ts>::rest> && ...);
    }(terms{});
    if constexpr (degree == 0 || in_c_alone) {
        return S{};
    } else {
        using at_one = decltype(simplify(expanded_t<substitute_t<C, one, expanded>>{}));
        if constexpr (!std::is_same_v<at_one, zero>) {
            return S{};
        } else {
            using q = decltype(collected(simplify(quotient_by_one_minus<C, terms>(std::make_integer_sequence<std::intmax_t, degree>{}))));
            return make_product(make_sum(one{}, make_product(c<-1>, C{})), q{});
        }
    }
}

// The calls of T, in preorder.
template <class T>
using calls_in_t = gathered_t<each_call, T>;

// The first call of S that factors out as (1 − c), tried in order.
template <class S, class... Cs>
constexpr auto factored_sum(list<Cs...>) {
    return S{};
}
template <class S, class C, class... Cs>
constexpr auto factored_sum(list<C, Cs...>) {
    using factored = decltype(factor_one_minus<C>(S{}));
    if constexpr (!std::is_same_v<factored, S>) {
        return factored{};
    } else {
        return factored_sum<S>(list<Cs...>{});
    }
}

// The pass, with the conditions the caller assumes (lo < hi for hardtanh).
template <class... Assumed>
struct textbook_form {};
template <class... Assumed, class... Ts>
struct rewrite<textbook_form<Assumed...>, sum<Ts...>> {
    using children = decltype(make_sum(transform_t<textbook_form<Assumed...>, Ts>{}...));
    using type = decltype([] {
        if constexpr (is_sum_v<children>) {
            using factored = decltype(factored_sum<children>(calls_in_t<children>{}));
            if constexpr (!std::is_same_v<factored, children>) {
                return factored{};
            } else {
                // Expanded and regrouped by powers of the input, if no larger.
                using regrouped = decltype(collected(simplify(expanded_t<children>{})));
                constexpr bool same_calls = []<class... Rs>(list<Rs...>) {
                    return []<class... Cs>(list<Cs...>) {
                        return ((one_of_v<Rs, Cs...>) && ...);
                    }(calls_in_t<children>{});
                }(calls_in_t<regrouped>{});
                // Expansion must not reach into a call's argument (tanh(u) stays tanh(u)).
                return std::conditional_t<(same_calls && size_v<regrouped> < size_v<children>), regrouped, children>{};
            }
        } else {
            return children{};
        }
    }());
};

// The max and min of a tree, for gathered_t: the first inside a condition is
// the one textbook() splits.
template <class T>
struct extremum {
    using type = list<>;
};
template <class A, class B>
struct extremum<maximum<A, B>> {
    using type = list<maximum<A, B>>;
};
template <class A, class B>
struct extremum<minimum<A, B>> {
    using type = list<minimum<A, B>>;
};

// T with C known to hold (or to fail): a where on C or on its negation takes
// its branch. The simplifier decides conditions by numeric ranges; this
// decides them by identity, which parameters need (x > lo inside x > lo).
template <class C, bool Holds, class T>
struct decide {
    using type = T;
};
template <class C, bool Holds, template <class...> class Node, class... Ts>
struct decide<C, Holds, Node<Ts...>> {
    using type = Node<typename decide<C, Holds, Ts>::type...>;
};
template <class C, bool Holds, class D, class P, class Q>
    requires(std::is_same_v<D, C> || std::is_same_v<D, negation_t<C>>)
struct decide<C, Holds, where_node<D, P, Q>> {
    using type = typename decide<C, Holds, std::conditional_t<(std::is_same_v<D, C> == Holds), P, Q>>::type;
};
template <class C, bool Holds, class T>
using decide_t = typename decide<C, Holds, T>::type;

// T with every assumed condition decided as holding.
template <class T>
constexpr T assumed(T, list<>) {
    return {};
}
template <class T, class A, class... As>
constexpr auto assumed(T, list<A, As...>) {
    return assumed(decide_t<A, true, T>{}, list<As...>{});
}

template <class C, class A, class B>
constexpr auto decided_where(C, A, B) {
    return make_where(C{}, decide_t<C, true, A>{}, decide_t<C, false, B>{});
}

// A where whose condition holds a max or min is split on which argument it
// takes, as an author reads hardtanh′ by its pieces:
//   where(max(x, lo) < hi, where(x > lo, 1, 0), 0)
//   → where(x > lo, where(x < hi, 1, 0), where(lo < hi, 0, 0)) → where(x > lo, where(x < hi, 1, 0), 0)
// The split is exact: at P = Q both sides take the same value. Kept if no larger.
// Whether Assumed (a list) states A < B, as A < B or as B > A.
template <class A, class B, class Assumed>
inline constexpr bool assumed_below_v = false;
template <class A, class B, class... As>
inline constexpr bool assumed_below_v<A, B, list<As...>> = one_of_v<comparison<less, A, B>, As...> || one_of_v<comparison<greater, B, A>, As...>;

// A bound on a max or min that an assumption settles for one of its
// arguments: with lo < hi assumed, max(x, lo) < hi is x < hi, as hardtanh's
// ∂/∂hi reads; min(x, hi) > lo is x > lo.
template <class C, class Assumed>
struct settled {
    using type = C;
};
template <class Relation, template <class, class> class Extremum, class P, class Q, class R, class Assumed>
    requires((std::is_same_v<Extremum<P, Q>, maximum<P, Q>> && (std::is_same_v<Relation, less> || std::is_same_v<Relation, less_equal>)) ||
             (std::is_same_v<Extremum<P, Q>, minimum<P, Q>> && (std::is_same_v<Relation, greater> || std::is_same_v<Relation, greater_equal>)))
struct settled<comparison<Relation, Extremum<P, Q>, R>, Assumed> {
    // Whether the assumptions put S on the condition's side of R: S < R under
    // a max bounded above, S > R under a min bounded below.
    template <class S>
    static constexpr bool settles =
        std::is_same_v<Extremum<P, Q>, maximum<P, Q>> ? assumed_below_v<S, R, Assumed> : assumed_below_v<R, S, Assumed>;
    using type = std::conditional_t<settles<Q>, comparison<Relation, P, R>,
                                    std::conditional_t<settles<P>, comparison<Relation, Q, R>, comparison<Relation, Extremum<P, Q>, R>>>;
};

// With lo < hi assumed, hardtanh′'s else branch where(lo < hi, 0, 0) and
// ∂/∂lo's where(lo < hi, 1, 0) are decided too.
template <class W, class Extremum, class Assumed>
struct split_on {
    using type = W;
};
template <class C, class A, class B, template <class, class> class Extremum, class P, class Q, class Assumed>
struct split_on<where_node<C, A, B>, Extremum<P, Q>, Assumed> {
    using first = std::conditional_t<std::is_same_v<Extremum<P, Q>, maximum<P, Q>>, comparison<greater, P, Q>, comparison<less, P, Q>>;
    using split = decltype(simplify(assumed(decided_where(first{},
                                                          decided_where(substitute_t<Extremum<P, Q>, P, C>{}, A{}, B{}),
                                                          decided_where(substitute_t<Extremum<P, Q>, Q, C>{}, A{}, B{})),
                                            Assumed{})));
    using type = std::conditional_t<(size_v<split> <= size_v<where_node<C, A, B>>), split, where_node<C, A, B>>;
};

template <class... Assumed, class C, class A, class B>
struct rewrite<textbook_form<Assumed...>, where_node<C, A, B>> {
    template <class Condition>
    using read_on = typename split_on<decltype(assumed(decided_where(Condition{}, transform_t<textbook_form<Assumed...>, A>{},
                                                                     transform_t<textbook_form<Assumed...>, B>{}),
                                                       list<Assumed...>{})),
                                      typename front<gathered_t<extremum, Condition>>::type, list<Assumed...>>::type;
    // Split on the condition as it is, or on it as the assumptions settle it
    // (∂/∂hi of hardtanh), whichever is smaller; as it is on a tie.
    using as_is = read_on<C>;
    using as_settled = read_on<typename settled<C, list<Assumed...>>::type>;
    using type = std::conditional_t<(size_v<as_settled> < size_v<as_is>), as_settled, as_is>;
};

}  // namespace detail

// textbook(f, conditions...): the same, with each condition taken to hold,
// as an author takes a parameter's constraint: textbook(d(hardtanh(x, lo, hi),
// lo), lo < hi) is 1 where x < lo, and 0 otherwise.
template <class F, class... Assumed>
    requires detail::involves_library_type<F>
constexpr auto textbook(F, Assumed...) {
    static_assert(Expression<F>, "actdiff: textbook(f): f must be an actdiff expression");
    static_assert((Condition<Assumed> && ...), "actdiff: textbook(f, conditions...): what is assumed must be a condition, such as lo < hi");
    return detail::transform_t<detail::textbook_form<Assumed...>, F>{};
}

}  // namespace actdiff
