// substitute_t<F, Y, G>: G with every occurrence of the subexpression F
// replaced by Y, rebuilt through the smart constructors (so the result is
// canonical). in_terms_of replaces f by y with it; derivation replaces a
// pending derivative by its one-step expansion.
#pragma once

#include <type_traits>

#include <actdiff/detail/construct.hpp>
#include <actdiff/core/expression.hpp>

namespace actdiff::detail {


template <class F, class Y, class G>
struct substitute;
template <class F, class Y, class G>
using substitute_t = typename substitute<F, Y, G>::type;

template <class F, class Y, class G>
struct substitute {
    using type = G;  // leaves
};
template <class F, class Y>
struct substitute<F, Y, F> {
    using type = Y;
};
template <class F, class Y, class... Ts>
    requires(!std::is_same_v<F, sum<Ts...>>)
struct substitute<F, Y, sum<Ts...>> {
    using type = decltype(make_sum(substitute_t<F, Y, Ts>{}...));
};
template <class F, class Y, class... Ts>
    requires(!std::is_same_v<F, product<Ts...>>)
struct substitute<F, Y, product<Ts...>> {
    using type = decltype(make_product(substitute_t<F, Y, Ts>{}...));
};
template <class F, class Y, class B, class R>
    requires(!std::is_same_v<F, power<B, R>>)
struct substitute<F, Y, power<B, R>> {
    using type = decltype(make_power<R::value>(substitute_t<F, Y, B>{}));
};
template <class F, class Y, class P, class U>
    requires(!std::is_same_v<F, apply<P, U>>)
struct substitute<F, Y, apply<P, U>> {
    using type = decltype(make_apply<P>(substitute_t<F, Y, U>{}));
};
template <class F, class Y, class R, class A, class B>
struct substitute<F, Y, comparison<R, A, B>> {
    using type = comparison<R, substitute_t<F, Y, A>, substitute_t<F, Y, B>>;
};
template <class F, class Y, class C, class A, class B>
    requires(!std::is_same_v<F, where_node<C, A, B>>)
struct substitute<F, Y, where_node<C, A, B>> {
    using type = decltype(make_where(substitute_t<F, Y, C>{}, substitute_t<F, Y, A>{}, substitute_t<F, Y, B>{}));
};

}  // namespace actdiff::detail
