// in_terms_of(g, f, y): g rewritten to use only the output y = f(x), so that
// a backward pass can save y instead of x (as PyTorch does for sigmoid, tanh
// and relu):
//   in_terms_of(d(sigmoid(x), x), sigmoid(x), y)  →  y·(1 − y)
//   in_terms_of(d(tanh(x), x), tanh(x), y)        →  1 − y²
//   in_terms_of(d(relu(x), x), relu(x), y)        →  where(y > 0, 1, 0)
//   in_terms_of(d(elu(x, a), x), elu(x, a), y, assuming(a > 0_c))
//                                                 →  where(y > 0, 1, a + y)
// expressible_in_terms_of(g, f, y) says whether it can be done; in_terms_of
// stops the compilation with a message when it cannot (gelu' needs x).
//
// The rewrite replaces f inside g by y; for piecewise f and g with the same
// condition it works branch by branch, and turns the condition on x into the
// same condition on y when f keeps its sign across it; within a branch, g may
// also be y plus or times something free of x (elu: a·eˣ = y + a).
#pragma once

#include <type_traits>

#include <actdiff/detail/branches.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/algorithm/transform.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/algorithm/simplify.hpp>

namespace actdiff {

// Facts in_terms_of may use: assuming(a > 0_c).
template <class... Conditions>
struct assumptions {};

template <class... Conditions>
constexpr assumptions<Conditions...> assuming(Conditions...) {
    static_assert((Condition<Conditions> && ...), "actdiff: assuming(...) takes conditions such as a > 0_c");
    return {};
}

namespace detail {

// ---- forms that make the comparison possible ----------------------------------

// max and min as the where they evaluate as.
template <class T>
struct as_where {
    using type = T;
};
template <class A, class B>
struct as_where<maximum<A, B>> {
    using type = where_node<comparison<greater, A, B>, A, B>;
};
template <class A, class B>
struct as_where<minimum<A, B>> {
    using type = where_node<comparison<less, A, B>, A, B>;
};

// Abbreviations back in their definitions (a primitive's `expanded(u)`:
// expm1(u) as e^u − 1), products distributed over sums: the form in which
// y − g's differences cancel.
struct unfolding {};
template <class T>
using unfolded_t = transform_t<unfolding, T>;
template <class F, class U>
    requires requires { F::expanded(unfolded_t<U>{}); }
struct rewrite<unfolding, apply<F, U>> {
    using type = decltype(F::expanded(unfolded_t<U>{}));
};
template <class... Fs>
struct rewrite<unfolding, product<Fs...>> {
    using type = decltype(expand(make_product(unfolded_t<Fs>{}...)));
};

template <class T, class... Vars>
constexpr bool free_of(list<Vars...>) {
    return (!uses_v<T, Vars> && ...);
}

template <class T>
struct variables_only {
    using type = list<>;
};
template <class... Ss>
struct variables_only<list<Ss...>> {
    using type = decltype((list<>{} + ... + [] {
        if constexpr (is_variable_v<Ss>) return list<Ss>{}; else return list<>{};
    }()));
};

struct not_expressible {};

template <class Known, class G, class F, class Y>
struct express;

template <class Known, class G, class F, class Y>
using express_t = typename express<Known, G, F, Y>::type;

// g with f replaced by y; else y plus, or times, something free of x.
template <class Known, class G, class F, class Y>
constexpr auto express_directly() {
    using vars = typename variables_only<typename symbols_of<F>::type>::type;
    using replaced = decltype(simplify(substitute_t<F, Y, G>{}));
    if constexpr (free_of<G>(vars{})) {
        return G{};
    } else if constexpr (free_of<replaced>(vars{}) && !is_constant_v<F>) {
        return replaced{};
    } else {
        using difference = decltype(simplify(unfolded_t<decltype(G{} - F{})>{}));
        if constexpr (free_of<difference>(vars{})) {
            return simplify(Y{} + difference{});
        } else if constexpr (!is_rational_v<F>) {
            using ratio_to_f = decltype(simplify(G{} / F{}));
            if constexpr (free_of<ratio_to_f>(vars{})) {
                return simplify(ratio_to_f{} * Y{});
            } else {
                return not_expressible{};
            }
        } else {
            return not_expressible{};
        }
    }
}

template <class Known, class G, class F, class Y>
struct express {
    using direct = decltype(express_directly<Known, G, F, Y>());
    template <class Gw, class Fw>
    struct piecewise {
        using type = not_expressible;
    };
    // Same condition c on both: branch by branch, and c on x becomes the same
    // comparison of y with 0 when f > 0 where c holds and f ≤ 0 where it does not.
    template <class R, class U, class A, class B, class FA, class FB>
        requires(std::is_same_v<R, greater> || std::is_same_v<R, greater_equal>)
    struct piecewise<where_node<comparison<R, U, zero>, A, B>, where_node<comparison<R, U, zero>, FA, FB>> {
        using c = comparison<R, U, zero>;
        using when = decltype(Known{} + list<c>{});
        using otherwise = decltype(Known{} + list<negation_t<c>>{});
        using a = express_t<when, A, FA, Y>;
        using b = express_t<otherwise, B, FB, Y>;
        static constexpr bool sign_kept = sign_v<when, FA> == 2 && sign_v<otherwise, FB> < 2 &&
                                          sign_v<otherwise, FB> != 0;
        using type = std::conditional_t<
            sign_kept && !std::is_same_v<a, not_expressible> && !std::is_same_v<b, not_expressible>,
            decltype(make_where(comparison<R, Y, zero>{}, a{}, b{})), not_expressible>;
    };
    using type = std::conditional_t<!std::is_same_v<direct, not_expressible>, direct,
                                    typename piecewise<typename as_where<G>::type, typename as_where<F>::type>::type>;
};

template <class G, class F, class Y, class... Assumed>
using in_terms_of_t = express_t<list<value_rules, Assumed...>, decltype(simplify(G{})), decltype(simplify(F{})), Y>;

}  // namespace detail

template <class G, class F, class Y, class... Assumed>
    requires detail::involves_library_type<G, F, Y>
constexpr bool expressible_in_terms_of(G, F, Y, assumptions<Assumed...> = {}) {
    static_assert(Expression<G> && Expression<F>, "actdiff: in_terms_of(g, f, y): g and f must be expressions");
    static_assert(Symbol<Y>, "actdiff: in_terms_of(g, f, y): y must be a var<\"name\"> for the output");
    return !std::is_same_v<detail::in_terms_of_t<G, F, Y, Assumed...>, detail::not_expressible>;
}

template <class G, class F, class Y, class... Assumed>
    requires detail::involves_library_type<G, F, Y>
constexpr auto in_terms_of(G g, F f, Y y, assumptions<Assumed...> facts = {}) {
    static_assert(expressible_in_terms_of(g, f, y, facts),
                  "actdiff: in_terms_of(g, f, y): g cannot be written with the output y = f alone; it needs the input");
    if constexpr (expressible_in_terms_of(G{}, F{}, Y{}, assumptions<Assumed...>{})) {
        return detail::in_terms_of_t<G, F, Y, Assumed...>{};
    }
}

}  // namespace actdiff
