// simplify(f): the canonical form. The smart constructors already flatten,
// sort, fold constants and collect; simplify adds the rewrites that need to
// look at a whole node (docs/simplification.md lists them all):
//   recognition   1/(1 + e^(−u)) → σ(u), e^u/(1 + e^u) → σ(u),
//                 (e^u − e^(−u))/(e^u + e^(−u)) → tanh(u), 2σ(2u) − 1 → tanh(u),
//                 log(1 + e^u) → softplus(u), e^u − 1 → expm1(u), log(1 + u) → log1p(u)
//   σ-space       e^(−u) → (1 − σ(u))/σ(u) beside σ(u), so that the quotient-rule
//                 form e^(−u)/(1 + e^(−u))² becomes σ(u)(1 − σ(u))
//   domain        u·sign(u) → |u|; log(e^u) → u; e^(log u) → u only for u > 0;
//                 u^a·u^(−b) combine only for u known nonzero
//   size-guided   a sum over a common denominator (softsign') and constants
//                 moved into a where's branches, each kept only if smaller
// Every rewrite points towards fewer operations or fewer nodes, so the passes
// reach a fixpoint; simplify stops after it (a bounded number of passes).
#pragma once

#include <algorithm>

#include <type_traits>

#include <actdiff/algorithm/cost.hpp>
#include <actdiff/algorithm/derivative.hpp>
#include <actdiff/algorithm/transform.hpp>
#include <actdiff/detail/branches.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/primitive/builtin.hpp>

namespace actdiff {

namespace detail {

// The measure size-guided rules minimise: transcendental calls first, then
// operations, then the length of the structural key.
template <class T>
inline constexpr std::size_t size_v = cost_of<T>::operation_count * 4 + cost_of<T>::transcendental_count * 16 +
                                      key_v<T>.size() / 64;

template <class A, class B>
using smaller_t = std::conditional_t<(size_v<B> < size_v<A>), B, A>;

// The factors of a product that divide: negative powers.
template <class T>
inline constexpr std::size_t quotients_v = 0;
template <class B, std::intmax_t N, std::intmax_t D>
    requires(N < 0)
inline constexpr std::size_t quotients_v<power<B, rational<N, D>>> = 1;
template <class... Fs>
inline constexpr std::size_t quotients_v<product<Fs...>> = (std::size_t{0} + ... + quotients_v<Fs>);

// ---- reasons ------------------------------------------------------------------

// What a rule did, as derivation() names it (transform.hpp's reasons_t
// collects them; algorithm/derivation.hpp prints them).
namespace reason {
template <class F>
struct defined {};  // a call to F recognised from F's definition
template <class G, class F>
struct in_terms_of {};  // G's calls written in F's (σ-space)
template <class G>
struct takes_argument {};  // u·G(u) as one call
template <class F, class G>
struct paired {};  // F(u)·G(u) as one call
template <class G>
struct merged {};  // G(a)·G(b) = G(a + b)
template <class C>
struct common_factor {};
struct common_denominator {};
struct into_pieces {};
struct distributed {};
}  // namespace reason

// ---- a pass over children ---------------------------------------------------

// A simplifying pass knowing the facts Known (algorithm/transform.hpp): it
// rewrites every inner node after its children.
template <class Known>
struct simplifying {};

template <class Known, class T>
using rewritten_t = transform_t<simplifying<Known>, T>;

// Products whose bases are known nonzero (from the sign analysis, or given as
// facts: the bases a function divides by) collect powers of either sign.
template <class T, class... Ts>
constexpr bool in_list(list<Ts...>) {
    return (std::is_same_v<T, Ts> || ...);
}

template <class Known>
struct known_key {
    template <class T>
    using type = std::conditional_t<
        is_rational_v<T>, skip,
        signed_base<typename powered<T>::base,
                    (powered<T>::exponent.num < 0) && !nonzero_v<typename powered<T>::base> &&
                        !in_list<typename powered<T>::base>(Known{})>>;
};

template <class Known, class... Ts>
constexpr auto product_with_facts(list<Ts...> factors) {
    using key = known_key<Known>;
    return collect_product<key::template type>(factors);
}

// ---- identities the primitives state (primitive/protocol.hpp) -----------------

// q + c·f(u) as one call, where f states one (e^u − 1 → expm1(u), 2σ(2u) − 1 → tanh(u)).
template <class S>
struct sum_rule {
    using type = S;
};
template <std::intmax_t N, std::intmax_t D, class F, class U>
    requires requires { F::template with_constant<ratio{N, D}, ratio{1, 1}>(U{}); }
struct sum_rule<sum<rational<N, D>, apply<F, U>>> {
    using type = decltype(F::template with_constant<ratio{N, D}, ratio{1, 1}>(U{}));
};
template <std::intmax_t N, std::intmax_t D, std::intmax_t M, std::intmax_t E, class F, class U>
    requires requires { F::template with_constant<ratio{N, D}, ratio{M, E}>(U{}); }
struct sum_rule<sum<rational<N, D>, product<rational<M, E>, apply<F, U>>>> {
    using type = decltype(F::template with_constant<ratio{N, D}, ratio{M, E}>(U{}));
};

template <class P>
struct power_rule {
    using type = P;
};
// (q + c·f(u))^r = g^(−r) for r < 0, where f states g = 1/(q + c·f(u)) as one
// call ((1 + e^u)^(−2) → σ(−u)²).
template <std::intmax_t N, std::intmax_t D, class F, class U, std::intmax_t P, std::intmax_t Q>
    requires(P < 0 && requires { F::template inverse_with_constant<ratio{N, D}, ratio{1, 1}>(U{}); })
struct power_rule<power<sum<rational<N, D>, apply<F, U>>, rational<P, Q>>> {
    using type = decltype(pow(F::template inverse_with_constant<ratio{N, D}, ratio{1, 1}>(U{}), rational<-P, Q>{}));
};
template <std::intmax_t N, std::intmax_t D, std::intmax_t M, std::intmax_t E, class F, class U, std::intmax_t P,
          std::intmax_t Q>
    requires(P < 0 && requires { F::template inverse_with_constant<ratio{N, D}, ratio{M, E}>(U{}); })
struct power_rule<power<sum<rational<N, D>, product<rational<M, E>, apply<F, U>>>, rational<P, Q>>> {
    using type = decltype(pow(F::template inverse_with_constant<ratio{N, D}, ratio{M, E}>(U{}), rational<-P, Q>{}));
};

// √(u²) = |u|, and u where u ≥ 0 is known.
template <class B>
struct power_rule<power<power<B, rational<2, 1>>, rational<1, 2>>> {
    using type = std::conditional_t<nonnegative_v<B>, B, decltype(abs(B{}))>;
};

// f(u) in the simpler form f states (log(e^u) → u, log(1 + u) → log1p(u)).
template <class A>
struct apply_rule {
    using type = A;
};
template <class F, class U>
    requires requires { F::simplified(U{}); }
struct apply_rule<apply<F, U>> {
    using type = decltype(F::simplified(U{}));
};

// A call f computes itself whose products merge (e^a·e^b → e^(a+b)): d(f)
// keeps it, so that a kernel computing f and f' together shares it
// (e^x·e^(−2x) in f' is not merged if f has e^x).
template <class T>
struct shared {};

template <class T>
inline constexpr bool adds_arguments_v = false;
template <class F, class U>
inline constexpr bool adds_arguments_v<apply<F, U>> = product_adds_arguments_v<F>;

template <class T>
struct shared_call {
    using type = list<>;
};
template <class F, class U>
    requires adds_arguments_v<apply<F, U>>
struct shared_call<apply<F, U>> {
    using type = list<shared<apply<F, U>>>;
};

// ---- rules on products -------------------------------------------------------

// u·f(u) as one call where f states it (u·sign(u) → |u|): the call takes the
// factor u in, which becomes 1.
template <class F, class U>
inline constexpr bool takes_argument_v = false;
template <class G, class U>
    requires requires { G::times_argument(U{}); }
inline constexpr bool takes_argument_v<apply<G, U>, U> = true;

template <class F, class... Fs>
struct argument_identity {
    using type = F;
};
template <class G, class U, class... Fs>
    requires(takes_argument_v<apply<G, U>, U> && has_factor_v<U, Fs...>)
struct argument_identity<apply<G, U>, Fs...> {
    using type = decltype(G::times_argument(U{}));
};
template <class F, class... Fs>
    requires((takes_argument_v<Fs, F> || ...) && !is_rational_v<F>)
struct argument_identity<F, Fs...> {
    using type = one;
};

// f(u)·g(u) as one call where f states it (sin·cos → sin(2u)/2): f's factor
// becomes the call, g's becomes 1.
template <class A, class B>
inline constexpr bool pairs_v = false;
template <class F, class G, class U>
    requires requires { F::template times<G>(U{}); }
inline constexpr bool pairs_v<apply<F, U>, apply<G, U>> = true;

template <class F, class... Fs>
struct pair_identity {
    using type = F;
};
// f(u) times the first sibling g(u) it pairs with.
template <class F, class U, class G, class... Rest>
constexpr auto paired(list<apply<G, U>, Rest...>) {
    return F::template times<G>(U{});
}
template <class F, class U, class... Fs>
    requires((pairs_v<apply<F, U>, Fs> || ...))
struct pair_identity<apply<F, U>, Fs...> {
    using partners = decltype((list<>{} + ... + std::conditional_t<pairs_v<apply<F, U>, Fs>, list<Fs>, list<>>{}));
    using type = decltype(paired<F, U>(partners{}));
};
template <class G, class U, class... Fs>
    requires(!(pairs_v<apply<G, U>, Fs> || ...) && (pairs_v<Fs, apply<G, U>> || ...))
struct pair_identity<apply<G, U>, Fs...> {
    using type = one;
};

template <class F, class... Fs>
constexpr bool consumed_by_identity() {
    return (quotient_identity<Fs, Fs...>::template consumes<F> || ...);
}

template <class Known, class... Fs>
constexpr auto product_rules(product<Fs...>);

// f(a)·f(b) → f(a + b), kept if smaller, for calls that merge and that f does not share.
template <class Known, class F>
inline constexpr bool mergeable_v = false;
template <class Known, class F, class U>
inline constexpr bool mergeable_v<Known, apply<F, U>> =
    product_adds_arguments_v<F> && !in_list<shared<apply<F, U>>>(Known{});

template <class G, class T>
inline constexpr bool calls_v = false;
template <class G, class U>
inline constexpr bool calls_v<G, apply<G, U>> = true;

template <class Known, class G, class T>
inline constexpr bool merged_v = mergeable_v<Known, T> && calls_v<G, T>;

template <class T>
struct argument_of {
    using type = zero;
};
template <class G, class U>
struct argument_of<apply<G, U>> {
    using type = U;
};

template <class Known, class G, class... Fs>
constexpr auto merge_calls_of(product<Fs...>) {
    using merged = decltype(make_product(
        make_apply<G>(make_sum(std::conditional_t<merged_v<Known, G, Fs>, typename argument_of<Fs>::type, zero>{}...)),
        std::conditional_t<merged_v<Known, G, Fs>, one, Fs>{}...));
    return smaller_t<product<Fs...>, merged>{};
}

template <class Known, class T>
constexpr auto merge_calls(T) {
    return T{};
}
template <class Known, class... Fs>
    requires((std::size_t(mergeable_v<Known, Fs>) + ...) >= 2)
constexpr auto merge_calls(product<Fs...> p) {
    // The function of the first mergeable call (exp, the only built-in that merges).
    using first = decltype((list<>{} + ... + std::conditional_t<mergeable_v<Known, Fs>, list<Fs>, list<>>{}));
    return []<class G, class U, class... Rest>(list<apply<G, U>, Rest...>, auto q) {
        constexpr std::size_t same = (std::size_t(calls_v<G, Fs> && mergeable_v<Known, Fs>) + ...);
        if constexpr (same >= 2) return merge_calls_of<Known, G>(q); else return q;
    }(first{}, p);
}

// c·where(p, a, b) → where(p, c·a, c·b) and u + where(p, a, b) → where(p, u + a, u + b),
// each kept only if smaller after the branches are simplified (under their
// conditions, when value rules apply): hardsigmoid' and hardswish'.
template <class Known, class T>
constexpr auto into_where(T);

template <class Known, class T>
constexpr auto product_rules(T) {
    return T{};
}

// ---- size-guided rewrites -----------------------------------------------------


// Each factor rewritten against its siblings; a tanh numerator is dropped
// when its denominator becomes the tanh.
template <class F, class... Fs>
using exact_factor_t = typename pair_identity<
    typename argument_identity<typename quotient_identity<F, Fs...>::type, Fs...>::type, Fs...>::type;

template <class Known, class... Fs>
constexpr auto exact_product(product<Fs...>) {
    return product_with_facts<Known>((list<>{} + ... + [] {
        if constexpr (consumed_by_identity<Fs, Fs...>()) {
            return list<>{};
        } else {
            return factors_of(exact_factor_t<Fs, Fs...>{});
        }
    }()));
}
template <class Known, class... Fs>
constexpr auto alternative_product(product<Fs...>) {
    return product_with_facts<Known>((list<>{} + ... + factors_of(typename alternative_factor<Fs, Fs...>::type{})));
}

// The alternative forms (σ-space) are kept only where they make the product
// smaller without a new quotient: eˣσ(x), not σ(x)²/(1 − σ(x)), as an expert
// writes it.
template <class Known, class P>
struct product_forms {
    using exact = decltype(exact_product<Known>(P{}));
    using alternative = decltype(alternative_product<Known>(P{}));
    using chosen = std::conditional_t<(quotients_v<alternative> > quotients_v<exact>), exact,
                                      smaller_t<exact, alternative>>;
};

template <class Known, class... Fs>
constexpr auto product_rules(product<Fs...>) {
    return into_where<Known>(merge_calls<Known>(typename product_forms<Known, product<Fs...>>::chosen{}));
}

// Distributes a product over one sum factor: c·(a + b) → c·a + c·b.
template <class T>
constexpr auto expand(T) {
    return T{};
}
template <class... Fs>
constexpr auto expand(product<Fs...>) {
    constexpr std::size_t sums = (std::size_t(is_sum_v<Fs>) + ...);
    if constexpr (sums == 1) {
        using s = decltype((list<>{} + ... + [] {
            if constexpr (is_sum_v<Fs>) return list<Fs>{}; else return list<>{};
        }()));
        using rest = decltype((list<>{} + ... + [] {
            if constexpr (is_sum_v<Fs>) return list<>{}; else return list<Fs>{};
        }()));
        return []<class... Ts, class... Rs>(list<sum<Ts...>>, list<Rs...>) {
            return make_sum(make_product(Rs{}..., Ts{})...);
        }(s{}, rest{});
    } else {
        return product<Fs...>{};
    }
}

// The negative powers of nonzero bases among a term's factors: known so from
// the sign analysis, or as facts (ISRU's 1 + a·x², which f divides by).
template <class Known, class... Fs>
constexpr auto denominators(list<Fs...>) {
    return (list<>{} + ... + [] {
        if constexpr (is_power_v<Fs> && (powered<Fs>::exponent.num < 0) &&
                      (nonzero_v<typename powered<Fs>::base> || in_list<typename powered<Fs>::base>(Known{}))) {
            return list<Fs>{};
        } else {
            return list<>{};
        }
    }());
}

// The least (most negative) exponent of base B among the powers Ds.
template <class B, class... Ds>
constexpr ratio least_exponent(list<Ds...>) {
    ratio least{};
    ((std::is_same_v<typename powered<Ds>::base, B> && powered<Ds>::exponent < least ? void(least = powered<Ds>::exponent)
                                                                                      : void()),
     ...);
    return least;
}

// D⁻¹: every base of the denominators to the magnitude of its least exponent.
template <class... Ds>
constexpr auto inverse_denominator(list<Ds...> powers) {
    using bases = decltype((list<>{} | ... | type<typename powered<Ds>::base>{}));
    return [&]<class... Bs>(list<Bs...>) {
        return make_product(make_power<-least_exponent<Bs>(powers)>(Bs{})...);
    }(bases{});
}

// Σ tᵢ → (Σ tᵢ·D⁻¹)·D over the common denominator D of the terms, with the
// numerator expanded and simplified; kept only if the result is smaller.
template <class Known, class... Ts>
constexpr auto together(sum<Ts...>);
template <class Known, class T>
constexpr auto together(T) {
    return T{};
}

// c·(a + b) → c·a + c·b for rational c, kept if the sum gets smaller
// (x/6 + (3 + x)/6 → 1/2 + x/3).
template <class T>
constexpr auto distribute_coefficient(T) {
    return T{};
}
template <std::intmax_t N, std::intmax_t D, class... Ts>
constexpr auto distribute_coefficient(product<rational<N, D>, sum<Ts...>>) {
    return make_sum(make_product(rational<N, D>{}, Ts{})...);
}

// Σ c·tᵢ → c·Σ tᵢ for factors c common to every term (swiglu', geglu'), kept if smaller.
// A term's factors without the common factor C = B^k: B^e becomes B^(e − k),
// structurally, so that no symbol is divided by itself.
template <class C, class... Gs>
constexpr auto without_one(list<Gs...>) {
    using B = typename powered<C>::base;
    constexpr bool removed_exactly = (std::is_same_v<Gs, C> || ...);
    return (list<>{} + ... + [] {
        if constexpr (removed_exactly) {
            if constexpr (std::is_same_v<Gs, C>) return list<>{}; else return list<Gs>{};
        } else if constexpr (std::is_same_v<typename powered<Gs>::base, B>) {
            constexpr ratio left{powered<Gs>::exponent.num - powered<C>::exponent.num, 1};
            if constexpr (left.num == 0) return list<>{}; else return list<decltype(make_power<left>(B{}))>{};
        } else {
            return list<Gs>{};
        }
    }());
}

template <class L, class... Common>
struct without_all {
    using type = L;
};
template <class L, class C, class... Cs>
struct without_all<L, C, Cs...> {
    using type = typename without_all<decltype(without_one<C>(L{})), Cs...>::type;
};

template <class F, class... Gs>
constexpr bool list_has(list<Gs...>) {
    return has_factor_v<F, Gs...>;
}
template <class F, class... Ts>
inline constexpr bool in_every_term_v = (list_has<F>(decltype(factors_of(Ts{})){}) && ...);

// The positive integer power of B among a term's factors (0 if none).
template <class B, class... Gs>
constexpr std::intmax_t integer_power_in(list<Gs...>) {
    std::intmax_t power = 0;
    ((std::is_same_v<typename powered<Gs>::base, B> && powered<Gs>::exponent.den == 1 && powered<Gs>::exponent.num > 0
          ? power = powered<Gs>::exponent.num
          : 0),
     ...);
    return power;
}

// A factor of the first term that every term has: an integer power of a call
// at its least exponent (σ and σ² share σ), any other factor as it is (a
// polynomial in x stays expanded).
template <class F, class... Ts>
constexpr auto common_factor() {
    using B = typename powered<F>::base;
    if constexpr (is_rational_v<F>) {
        return list<>{};
    } else if constexpr (powered<F>::exponent.den == 1 && powered<F>::exponent.num > 0 &&
                         cost_of<B>::transcendental_count > 0) {
        constexpr std::intmax_t least = std::min({integer_power_in<B>(decltype(factors_of(Ts{})){})...});
        if constexpr (least > 0) return list<decltype(make_power<ratio{least, 1}>(B{}))>{}; else return list<>{};
    } else if constexpr (in_every_term_v<F, Ts...>) {
        return list<F>{};
    } else {
        return list<>{};
    }
}
template <class... Ts, class... Fs>
constexpr auto common_factors(list<Fs...>) {
    return (list<>{} + ... + common_factor<Fs, Ts...>());
}

template <class... Rs>
constexpr auto product_of_list(list<Rs...>) {
    return make_product(Rs{}...);
}

// Whether the factors every term shares include a transcendental call.
template <class... Ts>
constexpr bool calls_in_common() {
    using first = decltype(factors_of(std::tuple_element_t<0, std::tuple<Ts...>>{}));
    return []<class... Cs>(list<Cs...>) {
        return ((cost_of<Cs>::transcendental_count > 0) || ...);
    }(decltype(common_factors<Ts...>(first{})){});
}

template <class... Ts>
constexpr auto factor_common(sum<Ts...>) {
    using first = decltype(factors_of(std::tuple_element_t<0, std::tuple<Ts...>>{}));
    using common = decltype(common_factors<Ts...>(first{}));
    if constexpr (std::is_same_v<common, list<>>) {
        return sum<Ts...>{};
    } else {
        return []<class... Cs>(list<Cs...>) {
            return make_product(Cs{}..., make_sum(product_of_list(
                                             typename without_all<decltype(factors_of(Ts{})), Cs...>::type{})...));
        }(common{});
    }
}

// The sum as written, with its coefficients distributed, or with its common
// factor out, whichever is smallest. A common factor with a call in it wins a
// tie: σ(1 − σ), not σ − σ², as an expert writes it; a polynomial stays expanded.
template <class... Ts>
constexpr auto best_written(sum<Ts...>) {
    using distributed = decltype(make_sum(distribute_coefficient(Ts{})...));
    using factored = decltype(factor_common(sum<Ts...>{}));
    using written = smaller_t<sum<Ts...>, distributed>;
    constexpr bool call_in_common = calls_in_common<Ts...>();
    return std::conditional_t<(size_v<factored> < size_v<written> ||
                               (call_in_common && size_v<factored> == size_v<written>)),
                              factored, written>{};
}

template <class Known, class... Ts>
constexpr auto sum_rules(sum<Ts...>) {
    using recognised = typename sum_rule<sum<Ts...>>::type;
    if constexpr (!std::is_same_v<recognised, sum<Ts...>>) {
        return recognised{};
    } else {
        return into_where<Known>(together<Known>(best_written(sum<Ts...>{})));
    }
}
template <class Known, class T>
constexpr auto sum_rules(T) {
    return T{};
}

// The primitives T calls, in order, each once.
template <class T>
struct called_function {
    using type = list<>;
};
template <class F, class U>
struct called_function<apply<F, U>> {
    using type = list<F>;
};
template <class... Fs>
constexpr auto once(list<Fs...>) {
    return (list<>{} | ... | type<Fs>{});
}
template <class T>
using called_t = decltype(once(gathered_t<called_function, T>{}));

// A rule that turned Before into After recognised the definitions of the
// primitives After calls and Before does not.
template <class Before, class After>
constexpr auto introduced() {
    if constexpr (std::is_same_v<Before, After>) {
        return list<>{};
    } else {
        return []<class... Fs>(list<Fs...>) {
            return (list<>{} + ... + std::conditional_t<in_list<Fs>(called_t<Before>{}), list<>, list<reason::defined<Fs>>>{});
        }(called_t<After>{});
    }
}

// What the rules did (defined below, read only by derivations).
template <class Known, class T>
constexpr auto sum_reasons(T);
template <class Known, class... Ts>
constexpr auto sum_reasons(sum<Ts...>);
template <class Known, class T>
constexpr auto product_reasons(T);
template <class Known, class... Fs>
constexpr auto product_reasons(product<Fs...>);

// ---- the pass ------------------------------------------------------------------

template <class Known, class... Ts>
struct rewrite<simplifying<Known>, sum<Ts...>> {
    using rebuilt_sum = decltype(make_sum(rewritten_t<Known, Ts>{}...));
    using type = decltype(sum_rules<Known>(rebuilt_sum{}));
    struct reasons {
        using type = decltype(reasons_in<simplifying<Known>>(list<Ts...>{}) + sum_reasons<Known>(rebuilt_sum{}));
    };
};
template <class Known, class... Fs>
struct rewrite<simplifying<Known>, product<Fs...>> {
    using collected = decltype(product_with_facts<Known>((list<>{} + ... + factors_of(rewritten_t<Known, Fs>{}))));
    using type = decltype(product_rules<Known>(collected{}));
    struct reasons {
        using type = decltype(reasons_in<simplifying<Known>>(list<Fs...>{}) + product_reasons<Known>(collected{}));
    };
};
template <class Known, class B, class R>
struct rewrite<simplifying<Known>, power<B, R>> {
    using rebuilt_power = decltype(make_power<R::value>(rewritten_t<Known, B>{}));
    using type = typename power_rule<rebuilt_power>::type;
    struct reasons {
        using type = decltype(reasons_t<simplifying<Known>, B>{} + introduced<rebuilt_power, typename rewrite::type>());
    };
};
template <class Known, class F, class U>
struct rewrite<simplifying<Known>, apply<F, U>> {
    using rebuilt_call = decltype(make_apply<F>(rewritten_t<Known, U>{}));
    using type = typename apply_rule<rebuilt_call>::type;
    struct reasons {
        using type = decltype(reasons_t<simplifying<Known>, U>{} + introduced<rebuilt_call, typename rewrite::type>());
    };
};
template <class Known>
inline constexpr bool values_only_v = in_list<value_rules>(Known{});

// With value rules, max and min resolve where the ranges of their arguments
// decide them: −1 when a ≤ b wherever Known holds, 1 when a ≥ b, else 0.
template <class Known, class A, class B>
constexpr int known_order() {
    if constexpr (!values_only_v<Known>) {
        return 0;
    } else {
        return at_most(range_v<Known, A>, range_v<Known, B>) ? -1 : at_most(range_v<Known, B>, range_v<Known, A>) ? 1 : 0;
    }
}

template <class Known, class A, class B>
struct rewrite<simplifying<Known>, maximum<A, B>> {
    using a = rewritten_t<Known, A>;
    using b = rewritten_t<Known, B>;
    static constexpr int order = known_order<Known, a, b>();
    using type = std::conditional_t<order < 0, b, std::conditional_t<(order > 0), a, decltype(make_maximum(a{}, b{}))>>;
};
template <class Known, class A, class B>
struct rewrite<simplifying<Known>, minimum<A, B>> {
    using a = rewritten_t<Known, A>;
    using b = rewritten_t<Known, B>;
    static constexpr int order = known_order<Known, a, b>();
    using type = std::conditional_t<order < 0, a, std::conditional_t<(order > 0), b, decltype(make_minimum(a{}, b{}))>>;
};
template <class Known, class R, class A, class B>
struct rewrite<simplifying<Known>, comparison<R, A, B>> {
    using type = typename normal_condition<comparison<R, rewritten_t<Known, A>, rewritten_t<Known, B>>>::type;
};
// where(u > 0, k·u, 0) → k·max(u, 0) and where(u < 0, k·u, 0) → k·min(u, 0)
// for a rational k (≥ and ≤ alike: both sides are 0 at u = 0): squared
// ReLU' = 2·relu(x). Always smaller: one max for a comparison and a select.
template <class W>
struct where_rule {
    using type = W;
};
template <class R, class U, class A>
    requires(std::is_same_v<typename coefficient_split<A>::rest, U> && !is_rational_v<U>)
struct where_rule<where_node<comparison<R, U, zero>, A, zero>> {
    static constexpr bool above = std::is_same_v<R, greater> || std::is_same_v<R, greater_equal>;
    using clipped = std::conditional_t<above, decltype(make_maximum(U{}, zero{})), decltype(make_minimum(U{}, zero{}))>;
    using type = decltype(make_product(rational_t<coefficient_split<A>::value>{}, clipped{}));
};

// With value rules, each branch is simplified knowing its condition, and a
// condition the known ranges decide picks its branch.
template <class Known, class C, class A, class B>
struct rewrite<simplifying<Known>, where_node<C, A, B>> {
    using condition = rewritten_t<Known, C>;
    static constexpr int known = values_only_v<Known> ? decided<Known>(condition{}) : 0;
    using if_true = std::conditional_t<values_only_v<Known>, decltype(Known{} + list<condition>{}), Known>;
    using if_false = std::conditional_t<values_only_v<Known>, decltype(Known{} + list<negation_t<condition>>{}), Known>;
    template <int Known_, class = void>
    struct pick {
        using type = decltype(make_where(condition{}, rewritten_t<if_true, A>{}, rewritten_t<if_false, B>{}));
    };
    template <class V>
    struct pick<1, V> {
        using type = rewritten_t<Known, A>;
    };
    template <class V>
    struct pick<-1, V> {
        using type = rewritten_t<Known, B>;
    };
    using type = typename where_rule<typename pick<known>::type>::type;
    struct reasons {
        using type = std::conditional_t<
            known == 1, reasons_t<simplifying<Known>, A>,
            std::conditional_t<known == -1, reasons_t<simplifying<Known>, B>,
                               decltype(reasons_t<simplifying<Known>, C>{} + reasons_t<simplifying<if_true>, A>{} +
                                        reasons_t<simplifying<if_false>, B>{})>>;
    };
};


// A product or sum with exactly one where among its parts, with the other
// parts moved into both branches: c·where(p, a, b) → where(p, c·a, c·b),
// u + where(p, a, b) → where(p, u + a, u + b). Anything else is T itself.
template <class T>
constexpr auto distributed_into_where(T) {
    constexpr auto parts = [] {
        if constexpr (is_product_v<T>) return factors_of(T{}); else return terms_of(T{});
    };
    using items = decltype(parts());
    constexpr std::size_t wheres = []<class... Is>(list<Is...>) { return (std::size_t(is_where_v<Is>) + ...); }(items{});
    if constexpr ((!is_product_v<T> && !is_sum_v<T>) || wheres != 1) {
        return T{};
    } else {
        return []<class... Is>(list<Is...>) {
            using w = decltype((list<>{} + ... + [] { if constexpr (is_where_v<Is>) return list<Is>{}; else return list<>{}; }()));
            using rest = decltype((list<>{} + ... + [] { if constexpr (is_where_v<Is>) return list<>{}; else return list<Is>{}; }()));
            return []<class C, class A, class B, class... Rs>(list<where_node<C, A, B>>, list<Rs...>) {
                if constexpr (is_product_v<T>) {
                    return make_where(C{}, make_product(Rs{}..., A{}), make_product(Rs{}..., B{}));
                } else {
                    return make_where(C{}, make_sum(Rs{}..., A{}), make_sum(Rs{}..., B{}));
                }
            }(w{}, rest{});
        }(items{});
    }
}

// The distribution, kept only where it makes T smaller.
template <class Known, class T>
constexpr auto into_where(T) {
    using candidate = decltype(distributed_into_where(T{}));
    if constexpr (std::is_same_v<candidate, T>) {
        return T{};
    } else {
        return smaller_t<T, rewritten_t<Known, candidate>>{};
    }
}

template <class Known, class... Ts>
using denominator_powers_t = decltype((list<>{} + ... + denominators<Known>(factors_of(Ts{}))));

// The terms over their common denominator D: (Σ tᵢ·D)/D, each tᵢ·D
// simplified, then their sum.
template <class Known, class... Ts>
struct over_common_denominator {
    using inverse = decltype(inverse_denominator(denominator_powers_t<Known, Ts...>{}));
    using terms = list<decltype(Ts{} * inverse{})...>;
    using numerator_terms = decltype(make_sum(expand(rewritten_t<Known, decltype(Ts{} * inverse{})>{})...));
    using type = decltype(rewritten_t<Known, numerator_terms>{} / inverse{});
};

template <class Known, class... Ts>
constexpr auto together(sum<Ts...>) {
    if constexpr (std::is_same_v<denominator_powers_t<Known, Ts...>, list<>>) {
        return sum<Ts...>{};
    } else {
        return smaller_t<sum<Ts...>, typename over_common_denominator<Known, Ts...>::type>{};
    }
}

template <class Known, class T, int Passes>
constexpr auto fixpoint(T) {
    using next = rewritten_t<Known, T>;
    if constexpr (std::is_same_v<next, T> || Passes == 0) {
        return T{};
    } else {
        return fixpoint<Known, next, Passes - 1>(next{});
    }
}

// ---- what the rules did -------------------------------------------------------------
// Each reads a rule's input and output; none decides anything the rule did not.

template <class T>
struct function_of {
    using type = void;
};
template <class F, class U>
struct function_of<apply<F, U>> {
    using type = F;
};
template <class... Ts>
struct front {
    using type = void;
};
template <class T, class... Ts>
struct front<list<T, Ts...>> {
    using type = T;
};

template <class A, class... Fs>
constexpr auto paired_reasons() {
    if constexpr (requires { typename pair_identity<A, Fs...>::partners; }) {
        using partner = typename front<typename pair_identity<A, Fs...>::partners>::type;
        return list<reason::paired<typename function_of<A>::type, typename function_of<partner>::type>>{};
    } else {
        return list<>{};
    }
}

// The identities exact_factor_t applied to the factor F.
template <class F, class... Fs>
constexpr auto factor_reasons() {
    if constexpr (consumed_by_identity<F, Fs...>()) {
        return list<>{};
    } else {
        using quotient = typename quotient_identity<F, Fs...>::type;
        using argument = typename argument_identity<quotient, Fs...>::type;
        using caller = typename function_of<quotient>::type;
        using took = std::conditional_t<!std::is_same_v<argument, quotient> && !std::is_void_v<caller>,
                                        list<reason::takes_argument<caller>>, list<>>;
        return introduced<F, quotient>() + took{} + paired_reasons<argument, Fs...>();
    }
}

// The factor F in another primitive's terms (σ-space).
template <class F, class... Fs>
constexpr auto alternative_reasons() {
    using alternative = typename alternative_factor<F, Fs...>::type;
    if constexpr (std::is_same_v<alternative, F>) {
        return list<>{};
    } else {
        using written = typename function_of<typename powered<F>::base>::type;
        using in = typename front<decltype([]<class... Cs>(list<Cs...>) {
            return (list<>{} + ... + std::conditional_t<std::is_same_v<Cs, written>, list<>, list<Cs>>{});
        }(called_t<alternative>{}))>::type;
        return list<reason::in_terms_of<written, in>>{};
    }
}

template <class Known, class T>
constexpr auto merge_reasons(T) {
    return list<>{};
}
template <class Known, class... Fs>
constexpr auto merge_reasons(product<Fs...>) {
    if constexpr (std::is_same_v<decltype(merge_calls<Known>(product<Fs...>{})), product<Fs...>>) {
        return list<>{};
    } else {
        using first = decltype((list<>{} + ... +
                                std::conditional_t<mergeable_v<Known, Fs>, list<typename function_of<Fs>::type>, list<>>{}));
        return list<reason::merged<typename front<first>::type>>{};
    }
}

template <class Known, class T>
constexpr auto into_where_reasons(T) {
    using candidate = decltype(distributed_into_where(T{}));
    if constexpr (std::is_same_v<decltype(into_where<Known>(T{})), T>) {
        return list<>{};
    } else {
        return list<reason::into_pieces>{} + reasons_t<simplifying<Known>, candidate>{};
    }
}

template <class Known, class T>
constexpr auto together_reasons(T) {
    return list<>{};
}
template <class Known, class... Ts>
constexpr auto together_reasons(sum<Ts...>) {
    if constexpr (std::is_same_v<decltype(together<Known>(sum<Ts...>{})), sum<Ts...>>) {
        return list<>{};
    } else {
        using over = over_common_denominator<Known, Ts...>;
        return list<reason::common_denominator>{} + reasons_in<simplifying<Known>>(typename over::terms{}) +
               reasons_t<simplifying<Known>, typename over::numerator_terms>{};
    }
}

template <class Known, class T>
constexpr auto product_reasons(T) {
    return list<>{};
}
template <class Known, class... Fs>
constexpr auto product_reasons(product<Fs...>) {
    using forms = product_forms<Known, product<Fs...>>;
    using chosen = typename forms::chosen;
    constexpr auto identities = [] {
        if constexpr (std::is_same_v<chosen, typename forms::exact>) {
            return (list<>{} + ... + factor_reasons<Fs, Fs...>());
        } else {
            return (list<>{} + ... + alternative_reasons<Fs, Fs...>());
        }
    };
    return identities() + merge_reasons<Known>(chosen{}) +
           into_where_reasons<Known>(decltype(merge_calls<Known>(chosen{})){});
}

template <class Known, class T>
constexpr auto sum_reasons(T) {
    return list<>{};
}
template <class Known, class... Ts>
constexpr auto sum_reasons(sum<Ts...>) {
    using recognised = typename sum_rule<sum<Ts...>>::type;
    if constexpr (!std::is_same_v<recognised, sum<Ts...>>) {
        return introduced<sum<Ts...>, recognised>();
    } else {
        using best = decltype(best_written(sum<Ts...>{}));
        constexpr auto written = [] {
            if constexpr (std::is_same_v<best, sum<Ts...>>) {
                return list<>{};
            } else if constexpr (std::is_same_v<best, decltype(factor_common(sum<Ts...>{}))>) {
                using first = decltype(factors_of(std::tuple_element_t<0, std::tuple<Ts...>>{}));
                return list<reason::common_factor<decltype(product_of_list(common_factors<Ts...>(first{})))>>{};
            } else {
                return list<reason::distributed>{};
            }
        };
        return written() + together_reasons<Known>(best{}) +
               into_where_reasons<Known>(decltype(together<Known>(best{})){});
    }
}

// What the rules of fixpoint<Known, T, Passes> did, pass by pass.
template <class Known, class T, int Passes>
constexpr auto fixpoint_reasons(T) {
    using next = rewritten_t<Known, T>;
    if constexpr (std::is_same_v<next, T> || Passes == 0) {
        return list<>{};
    } else {
        return reasons_t<simplifying<Known>, T>{} + fixpoint_reasons<Known, next, Passes - 1>(next{});
    }
}

// Bases a function divides by or takes the log of: where it is defined they are nonzero.
template <class T>
struct nonzero_fact {
    using type = list<>;
};
template <class B, std::intmax_t N, std::intmax_t D>
    requires(N < 0)
struct nonzero_fact<power<B, rational<N, D>>> {
    using type = list<B>;
};
template <class F, class U>
    requires argument_nonzero_v<F>
struct nonzero_fact<apply<F, U>> {
    using type = list<U>;
};

inline constexpr int simplify_passes = 16;

// What d(f, v) may assume while it simplifies: value rules apply, the bases f
// divides by are nonzero, and the exps f computes are kept for sharing.
template <class F>
using derivative_facts_t =
    decltype(list<value_rules>{} + gathered_t<nonzero_fact, F>{} + gathered_t<shared_call, F>{});

}  // namespace detail

// Only the rules that keep derivatives (and their values at kinks) intact.
template <class F>
constexpr auto simplify_structure(F) {
    return detail::fixpoint<detail::list<>, F, detail::simplify_passes>(F{});
}

template <class F>
    requires detail::involves_library_type<F>
constexpr auto simplify(F) {
    static_assert(Expression<F>, "actdiff: simplify(f): f must be an actdiff expression");
    return detail::fixpoint<detail::list<detail::value_rules>, F, detail::simplify_passes>(F{});
}

// The derivative in canonical form: the chain-rule result of f as written,
// then the canonical rewrites (the steps derivation() prints). Where f is
// defined, every base it divides by is nonzero, so its derivative may cancel
// those bases (celu's α·e^(x/α)/α → e^(x/α)); nothing else is assumed.
template <class F, class V>
    requires detail::involves_library_type<F, V>
constexpr auto d(F, V) {
    if constexpr (detail::check_differentiable<F, V>()) {
        return detail::fixpoint<detail::derivative_facts_t<F>, decltype(detail::differentiate(F{}, V{})),
                                detail::simplify_passes>(detail::differentiate(F{}, V{}));
    }
}

}  // namespace actdiff
