// The one tree transform. A pass is a tag type; transform_t<Pass, T> is T with
// the pass applied, rebuilt through the smart constructors, so the result is
// canonical whatever the pass returns for a subtree.
//
// A pass states only the nodes it changes, by specialising rewrite, whose
// default rebuilds (as Boost.Hana's customisation points default when not
// specialised):
//   struct lowering {};
//   template <class F, class U> requires requires { F::lowered(U{}); }
//   struct rewrite<lowering, apply<F, U>> {
//       using type = decltype(F::lowered(transform_t<lowering, U>{}));
//   };
// A rewrite replaces its whole subtree and recurses where it wants to; every
// other node is rebuilt from its children's transforms. A pending derivative
// is opaque: only a pass that rewrites it looks inside.
#pragma once

#include <actdiff/core/expression.hpp>
#include <actdiff/detail/construct.hpp>

namespace actdiff::detail {

template <class Pass, class T>
struct rebuilt;

// A pass's rule for a node; unless the pass specialises it, the node is
// rebuilt from its children's transforms.
template <class Pass, class Node>
struct rewrite : rebuilt<Pass, Node> {};

template <class Pass, class T>
using transform_t = typename rewrite<Pass, T>::type;

// A node rebuilt from its children's transforms.
template <class Pass, class T>
struct rebuilt {
    using type = T;  // leaves and pending derivatives
};
template <class Pass, class... Ts>
struct rebuilt<Pass, sum<Ts...>> {
    using type = decltype(make_sum(transform_t<Pass, Ts>{}...));
};
template <class Pass, class... Fs>
struct rebuilt<Pass, product<Fs...>> {
    using type = decltype(make_product(transform_t<Pass, Fs>{}...));
};
template <class Pass, class B, class R>
struct rebuilt<Pass, power<B, R>> {
    using type = decltype(make_power<R::value>(transform_t<Pass, B>{}));
};
template <class Pass, class F, class U>
struct rebuilt<Pass, apply<F, U>> {
    using type = decltype(make_apply<F>(transform_t<Pass, U>{}));
};
template <class Pass, class A, class B>
struct rebuilt<Pass, maximum<A, B>> {
    using type = decltype(make_maximum(transform_t<Pass, A>{}, transform_t<Pass, B>{}));
};
template <class Pass, class A, class B>
struct rebuilt<Pass, minimum<A, B>> {
    using type = decltype(make_minimum(transform_t<Pass, A>{}, transform_t<Pass, B>{}));
};
template <class Pass, class R, class A, class B>
struct rebuilt<Pass, comparison<R, A, B>> {
    using type = comparison<R, transform_t<Pass, A>, transform_t<Pass, B>>;
};
template <class Pass, class C, class A, class B>
struct rebuilt<Pass, where_node<C, A, B>> {
    using type = decltype(make_where(transform_t<Pass, C>{}, transform_t<Pass, A>{}, transform_t<Pass, B>{}));
};

// ---- substitution ----------------------------------------------------------------

// substitute_t<F, Y, G>: G with every occurrence of the subexpression F
// replaced by Y. in_terms_of replaces f by y with it; derivation replaces a
// pending derivative by its one-step expansion.
template <class F, class Y>
struct replacing {};
template <class F, class Y>
struct rewrite<replacing<F, Y>, F> {
    using type = Y;
};
template <class F, class Y, class G>
using substitute_t = transform_t<replacing<F, Y>, G>;

}  // namespace actdiff::detail
