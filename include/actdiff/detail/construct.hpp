// Smart constructors. Every node is built through these, so expressions stay
// small as they are combined and differentiated:
//   sums and products are flattened; rational constants fold exactly;
//   like terms collect (u + 2u -> 3u); powers of one base collect when their
//   exponents have the same sign (u·u -> u², never u/u -> 1, which would
//   change the domain at u = 0); 0·u -> 0, 1·u -> u, u^0 -> 1, u^1 -> u.
// Terms and factors are sorted by the portable structural order of
// detail/order.hpp, so equal formulas get one type whatever order they were
// written in, and the order does not depend on the compiler.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <actdiff/algorithm/facts.hpp>
#include <actdiff/detail/order.hpp>
#include <actdiff/detail/ratio.hpp>
#include <actdiff/core/expression.hpp>

namespace actdiff::detail {

// Whether T is one of Ts.
template <class T, class... Ts>
inline constexpr bool one_of_v = (std::is_same_v<T, Ts> || ...);

template <class... Ts>
struct list {};

template <class... As, class... Bs>
constexpr list<As..., Bs...> operator+(list<As...>, list<Bs...>) {
    return {};
}

template <class T>
struct type {};

template <class F, class... Fs>
constexpr F first_in(list<F, Fs...>) {
    return {};
}

// Appends T unless the list holds it already; `skip` is never appended.
// Type tests here and in the folds below use the built-in __is_same (g++ and
// clang++), not std::is_same_v, which instantiates a variable per pair of types.
struct skip {};
template <class... Acc, class T>
constexpr auto operator|(list<Acc...>, type<T>) {
    if constexpr (__is_same(T, skip) || (__is_same(T, Acc) || ...)) {
        return list<Acc...>{};
    } else {
        return list<Acc..., T>{};
    }
}

inline constexpr std::array<key_element, 1> no_key{};

template <class K>
constexpr key_view view_unless_skipped() {
    if constexpr (__is_same(K, skip)) {
        return {no_key.data(), 0};
    } else {
        return view_v<K>;
    }
}

template <class... Ks>
inline constexpr auto selection_v =
    select_sorted<sizeof...(Ks)>({view_unless_skipped<Ks>()...}, {!__is_same(Ks, skip)...});

// The sum, per distinct key, of the values of the elements with that key: the
// coefficients of like terms, the exponents of one base.
template <std::size_t N>
constexpr std::array<ratio, N> sums_by_key(const sorted_selection<N>& selection, const std::array<ratio, N>& values) {
    std::array<ratio, N> out{};
    for (std::size_t i = 0; i < N; ++i) {
        if (selection.kept[i]) out[selection.rank[i]] = out[selection.rank[i]] + values[i];
    }
    return out;
}

// Elements Ts grouped by key (KeyOf<T>; `skip` left out), in structural order,
// with each key's summed value (Value<T>): one constant evaluation instead of
// a chain of list types. Build<c, K>::type is what a key with the total c
// becomes: a power of its base, or a list of one term or none.
template <template <class> class KeyOf, template <class> class Value, template <ratio, class> class Build, class... Ts>
struct grouped {
    static constexpr const auto& selection = selection_v<KeyOf<Ts>...>;
    static constexpr std::array<ratio, sizeof...(Ts)> totals = sums_by_key(selection, {Value<Ts>::value...});
    template <std::size_t R>
    using key = std::tuple_element_t<selection.position[R], std::tuple<KeyOf<Ts>...>>;
    template <class Ranks>
    struct build;
    template <std::size_t... R>
    struct build<std::index_sequence<R...>> {
        using type = list<typename Build<totals[R], key<R>>::type...>;
    };
    using type = typename build<std::make_index_sequence<selection.count>>::type;
};

template <class T>
inline constexpr bool is_sum_v = false;
template <class... Ts>
inline constexpr bool is_sum_v<sum<Ts...>> = true;

template <class T>
inline constexpr bool is_product_v = false;
template <class... Ts>
inline constexpr bool is_product_v<product<Ts...>> = true;

template <class T>
inline constexpr bool is_where_v = false;
template <class C, class A, class B>
inline constexpr bool is_where_v<where_node<C, A, B>> = true;

template <class T>
inline constexpr bool is_maximum_v = false;
template <class A, class B>
inline constexpr bool is_maximum_v<maximum<A, B>> = true;
template <class T>
inline constexpr bool is_minimum_v = false;
template <class A, class B>
inline constexpr bool is_minimum_v<minimum<A, B>> = true;

template <class T>
inline constexpr bool is_apply_v = false;
template <class F, class U>
inline constexpr bool is_apply_v<apply<F, U>> = true;

template <class T>
inline constexpr bool is_power_v = false;
template <class B, class R>
inline constexpr bool is_power_v<power<B, R>> = true;

template <class T>
constexpr ratio rational_value() {
    if constexpr (is_rational_v<T>) {
        return T::value;
    } else {
        return ratio{};
    }
}

// ---- sums ----------------------------------------------------------------

// A term seen as coefficient · key.
template <class T>
struct scaled {
    using key = T;
    static constexpr ratio coefficient{1, 1};
};
template <std::intmax_t N, std::intmax_t D, class F>
struct scaled<product<rational<N, D>, F>> {
    using key = F;
    static constexpr ratio coefficient{N, D};
};
template <std::intmax_t N, std::intmax_t D, class F, class G, class... Fs>
struct scaled<product<rational<N, D>, F, G, Fs...>> {
    using key = product<F, G, Fs...>;
    static constexpr ratio coefficient{N, D};
};

template <class T>
using sum_key_t = std::conditional_t<is_rational_v<T>, skip, typename scaled<T>::key>;

template <class T>
struct coefficient_of {
    static constexpr ratio value = scaled<T>::coefficient;
};

template <class T>
constexpr auto terms_of(T) {
    return list<T>{};
}
template <class... Ts>
constexpr auto terms_of(sum<Ts...>) {
    return list<Ts...>{};
}

template <ratio C, class K>
constexpr auto scaled_term() {
    if constexpr (C.num == 0) {
        return list<>{};
    } else if constexpr (C == ratio{1, 1}) {
        return list<K>{};
    } else if constexpr (is_product_v<K>) {
        return []<class... Fs>(product<Fs...>) { return list<product<rational_t<C>, Fs...>>{}; }(K{});
    } else {
        return list<product<rational_t<C>, K>>{};
    }
}

template <ratio Constant, class... Ts>
constexpr auto finish_sum(list<Ts...>) {
    if constexpr (sizeof...(Ts) == 0) {
        return rational_t<Constant>{};
    } else if constexpr (Constant.num == 0 && sizeof...(Ts) == 1) {
        return (Ts{}, ...);
    } else if constexpr (Constant.num == 0) {
        return sum<Ts...>{};
    } else {
        return sum<rational_t<Constant>, Ts...>{};
    }
}

template <class... Ls>
constexpr auto concatenated(list<Ls...>) {
    return (list<>{} + ... + Ls{});
}

template <ratio C, class K>
struct term_list {
    using type = decltype(scaled_term<C, K>());
};

template <class... Ts>
constexpr auto sum_of_terms(list<Ts...>) {
    constexpr ratio constant = (ratio{} + ... + rational_value<Ts>());
    return finish_sum<constant>(concatenated(typename grouped<sum_key_t, coefficient_of, term_list, Ts...>::type{}));
}

// The common case, a canonical sum plus one term, is a merge: the term's key
// finds its place (or its like term) in O(n) comparisons, without re-sorting
// or re-collecting the sum (mp-units' lesson: merge, don't re-sort).
template <class K, class T>
constexpr int term_order() {
    if constexpr (is_rational_v<T>) {
        return -1;  // the constant comes first
    } else {
        return compare_keys(view_v<sum_key_t<T>>, view_v<K>);
    }
}

// Where a term of key K goes among Ts: the index of the first term not
// before it, times two, plus one if that term is a like term.
template <class K, class... Ts>
constexpr std::size_t merge_position() {
    constexpr int order[] = {term_order<K, Ts>()..., 1};
    for (std::size_t i = 0; i < sizeof...(Ts); ++i) {
        if (order[i] >= 0) return 2 * i + (order[i] == 0 ? 1 : 0);
    }
    return 2 * sizeof...(Ts);
}

template <std::size_t From, std::size_t To, class... Ts>
constexpr auto slice() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return list<std::tuple_element_t<From + I, std::tuple<Ts...>>...>{};
    }(std::make_index_sequence<To - From>{});
}

template <class... Ts>
constexpr auto finish_merged(list<Ts...> terms) {
    if constexpr (sizeof...(Ts) > 0 && is_rational_v<std::tuple_element_t<0, std::tuple<Ts..., void>>>) {
        using constant = std::tuple_element_t<0, std::tuple<Ts...>>;
        return finish_sum<constant::value>(slice<1, sizeof...(Ts), Ts...>());
    } else {
        return finish_sum<ratio{}>(terms);
    }
}

template <class... Ts, class B>
constexpr auto add_term(sum<Ts...>, B) {
    using K = sum_key_t<B>;
    constexpr std::size_t position = merge_position<K, Ts...>();
    constexpr std::size_t at = position / 2;
    constexpr std::size_t n = sizeof...(Ts);
    if constexpr (position % 2 == 1) {
        using like = std::tuple_element_t<at, std::tuple<Ts...>>;
        constexpr ratio coefficient = scaled<like>::coefficient + scaled<B>::coefficient;
        return finish_merged(slice<0, at, Ts...>() + scaled_term<coefficient, K>() + slice<at + 1, n, Ts...>());
    } else {
        return finish_merged(slice<0, at, Ts...>() + list<B>{} + slice<at, n, Ts...>());
    }
}

template <class T>
inline constexpr bool is_single_term_v = !is_sum_v<T> && !is_rational_v<T>;

template <class... Ts>
constexpr auto make_sum(Ts...) {
    using args = std::tuple<Ts..., void, void>;
    using first = std::tuple_element_t<0, args>;
    using second = std::tuple_element_t<1, args>;
    if constexpr (sizeof...(Ts) == 2 && is_sum_v<first> && is_single_term_v<second>) {
        return add_term(first{}, second{});
    } else if constexpr (sizeof...(Ts) == 2 && is_single_term_v<first> && is_sum_v<second>) {
        return add_term(second{}, first{});
    } else {
        return sum_of_terms((list<>{} + ... + terms_of(Ts{})));
    }
}

// ---- powers --------------------------------------------------------------

template <class... Fs>
constexpr auto make_product(Fs...);

template <ratio R, class B>
constexpr auto make_power(B) {
    if constexpr (R.num == 0) {
        return one{};
    } else if constexpr (R == ratio{1, 1}) {
        return B{};
    } else if constexpr (is_rational_v<B>) {
        static_assert(B::value.num != 0 || R.num > 0, "actdiff: the constant zero raised to a negative power");
        if constexpr (B::value.num == 0 || B::value == ratio{1, 1}) {
            return B{};
        } else if constexpr (is_integer(R) && integer_power(B::value, R.num).den != 0) {
            return rational_t<integer_power(B::value, R.num)>{};
        } else {
            return power<B, rational_t<R>>{};
        }
    } else if constexpr (is_power_v<B> && is_integer(R)) {
        // (u^a)^n = u^(a·n) for an integer n, on the whole domain of u^a.
        return []<class U, class A>(power<U, A>) { return make_power<A::value * R>(U{}); }(B{});
    } else if constexpr (is_product_v<B> && is_integer(R)) {
        return []<class... Fs>(product<Fs...>) { return make_product(make_power<R>(Fs{})...); }(B{});
    } else {
        return power<B, rational_t<R>>{};
    }
}

// ---- products ------------------------------------------------------------

// A factor seen as base ^ exponent; bases collect per sign of the exponent.
template <class T>
struct powered {
    using base = T;
    static constexpr ratio exponent{1, 1};
};
template <class B, std::intmax_t N, std::intmax_t D>
struct powered<power<B, rational<N, D>>> {
    using base = B;
    static constexpr ratio exponent{N, D};
};

template <class Base, bool Negative>
struct signed_base {
    using base = Base;
};

template <class Base, bool Negative>
struct key_of<signed_base<Base, Negative>> {
    static constexpr auto value = join(key_v<Base>, values<Negative>);
};

// Powers of a base known to be nonzero collect whatever their signs (e^u/e^u
// = 1); other bases only per sign, since u/u = 1 is wrong at u = 0.
template <class T>
using product_key_t =
    std::conditional_t<is_rational_v<T>, skip,
                       signed_base<typename powered<T>::base,
                                   (powered<T>::exponent.num < 0) && !nonzero_v<typename powered<T>::base>>>;

template <class T>
struct exponent_of {
    static constexpr ratio value = powered<T>::exponent;
};
template <ratio E, class K>
struct power_of_key {
    using type = decltype(make_power<E>(typename K::base{}));
};

template <class T>
constexpr auto factors_of(T) {
    return list<T>{};
}
template <class... Ts>
constexpr auto factors_of(product<Ts...>) {
    return list<Ts...>{};
}

template <class T>
constexpr auto non_rational(T) {
    if constexpr (is_rational_v<T>) {
        return list<>{};
    } else {
        return list<T>{};
    }
}

template <ratio Coefficient, class... Fs>
constexpr auto finish_product(list<Fs...>) {
    if constexpr (Coefficient.num == 0) {
        return zero{};
    } else if constexpr (sizeof...(Fs) == 0) {
        return rational_t<Coefficient>{};
    } else if constexpr (Coefficient == ratio{1, 1} && sizeof...(Fs) == 1) {
        return (Fs{}, ...);
    } else if constexpr (Coefficient == ratio{1, 1}) {
        return product<Fs...>{};
    } else {
        return product<rational_t<Coefficient>, Fs...>{};
    }
}

template <class... Rs>
constexpr bool needs_regrouping(list<Rs...>) {
    return ((is_rational_v<Rs> || is_product_v<Rs>) || ...);
}

// Folds the constants and collects the powers of each key (KeyOf decides
// which powers may combine).
template <template <class> class KeyOf, class... Ts>
constexpr auto collect_product(list<Ts...>) {
    constexpr ratio coefficient = (ratio{1, 1} * ... * (is_rational_v<Ts> ? rational_value<Ts>() : ratio{1, 1}));
    if constexpr (coefficient.num == 0) {
        return zero{};
    } else {
        // Collected powers may become constants (√2·√2) or products ((uv)^(1/2)·(uv)^(1/2)).
        using rebuilt = typename grouped<KeyOf, exponent_of, power_of_key, Ts...>::type;
        if constexpr (needs_regrouping(rebuilt{})) {
            return [&]<class... Rs>(list<Rs...>) { return make_product(rational_t<coefficient>{}, Rs{}...); }(
                rebuilt{});
        } else {
            return finish_product<coefficient>(rebuilt{});
        }
    }
}

template <class... Ts>
constexpr auto product_of_factors(list<Ts...> factors) {
    return collect_product<product_key_t>(factors);
}

template <class... Fs>
constexpr auto make_product(Fs...) {
    return product_of_factors((list<>{} + ... + factors_of(Fs{})));
}

// ---- signs of terms -------------------------------------------------------

// A term written with a minus sign: a negative constant, or a product with a
// negative coefficient.
// A term c·rest split into its rational coefficient and the rest (c = 1 for
// a term without one).
template <class T>
struct coefficient_split {
    static constexpr ratio value{1, 1};
    using rest = T;
};
template <std::intmax_t N, std::intmax_t D, class F>
struct coefficient_split<product<rational<N, D>, F>> {
    static constexpr ratio value{N, D};
    using rest = F;
};

template <class T>
inline constexpr bool is_negative_v = false;
template <std::intmax_t N, std::intmax_t D>
inline constexpr bool is_negative_v<rational<N, D>> = (N < 0);
template <std::intmax_t N, std::intmax_t D, class... Fs>
inline constexpr bool is_negative_v<product<rational<N, D>, Fs...>> = (N < 0);

template <class T>
using negated_t = decltype(make_product(rational<-1, 1>{}, T{}));

// ---- piecewise and functions --------------------------------------------

template <class C, class A, class B>
constexpr auto make_where(C, A, B) {
    if constexpr (std::is_same_v<A, B>) {
        return A{};
    } else {
        return where_node<C, A, B>{};
    }
}

template <class A, class B>
constexpr auto make_maximum(A, B) {
    if constexpr (std::is_same_v<A, B>) {
        return A{};
    } else if constexpr (is_rational_v<A> && is_rational_v<B>) {
        if constexpr (B::value < A::value) return A{}; else return B{};
    } else {
        return maximum<A, B>{};
    }
}

template <class A, class B>
constexpr auto make_minimum(A, B) {
    if constexpr (std::is_same_v<A, B>) {
        return A{};
    } else if constexpr (is_rational_v<A> && is_rational_v<B>) {
        if constexpr (A::value < B::value) return A{}; else return B{};
    } else {
        return minimum<A, B>{};
    }
}

// A primitive may state values it knows exactly (exp(0) = 1) as `fold`
// overloads; its parity gives f(−u) = ±f(u) and, when odd, f(0) = 0.
template <class F, class U>
constexpr auto make_apply(U) {
    constexpr parity symmetry = primitive_traits<F>::symmetry;
    if constexpr (requires { F::fold(U{}); }) {
        return F::fold(U{});
    } else if constexpr (symmetry == parity::odd && std::is_same_v<U, rational<0, 1>>) {
        return U{};
    } else if constexpr (symmetry == parity::odd && is_negative_v<U>) {
        return make_product(rational<-1, 1>{}, make_apply<F>(negated_t<U>{}));
    } else if constexpr (symmetry == parity::even && is_negative_v<U>) {
        return make_apply<F>(negated_t<U>{});
    } else {
        return apply<F, U>{};
    }
}

}  // namespace actdiff::detail
