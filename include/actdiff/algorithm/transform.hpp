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

// ---- reasons ----------------------------------------------------------------------

// reasons_t<Pass, T>: what the pass's rules say they did to T, collected over
// the tree (derivation() labels its lines with them). A rewrite states its own
// in a nested `struct reasons { using type = list<...>; };`, which the
// compiler instantiates only when reasons_t asks: the pass pays nothing for it.
// A node without one passes on its children's.
template <class Pass, class T>
struct reasons_of;
template <class Pass, class T>
using reasons_t = typename reasons_of<Pass, T>::type;

template <class Pass, class... Ts>
constexpr auto reasons_in(list<Ts...>) {
    return (list<>{} + ... + reasons_t<Pass, Ts>{});
}
template <class T>
struct children_of {
    using type = list<>;  // leaves and pending derivatives
};
template <class... Ts>
struct children_of<sum<Ts...>> {
    using type = list<Ts...>;
};
template <class... Fs>
struct children_of<product<Fs...>> {
    using type = list<Fs...>;
};
template <class B, class R>
struct children_of<power<B, R>> {
    using type = list<B>;
};
template <class F, class U>
struct children_of<apply<F, U>> {
    using type = list<U>;
};
template <class A, class B>
struct children_of<maximum<A, B>> {
    using type = list<A, B>;
};
template <class A, class B>
struct children_of<minimum<A, B>> {
    using type = list<A, B>;
};
template <class R, class A, class B>
struct children_of<comparison<R, A, B>> {
    using type = list<A, B>;
};
template <class C, class A, class B>
struct children_of<where_node<C, A, B>> {
    using type = list<C, A, B>;
};

// ---- gathering ---------------------------------------------------------------------

// gathered_t<Pick, T>: what Pick<N>::type lists at each node N of T, in
// preorder: the one walk for questions about a tree (the calls in it, its
// decimals, its max and min). A Pick<N> with `stop = true` keeps the walk
// out of N's children.
template <template <class> class Pick, class T>
struct gathered;
template <template <class> class Pick, class T>
using gathered_t = typename gathered<Pick, T>::type;

template <template <class> class Pick, class... Ts>
constexpr auto gathered_in(list<Ts...>) {
    return (list<>{} + ... + gathered_t<Pick, Ts>{});
}
template <template <class> class Pick, class T>
struct gathered {
    using type = decltype(typename Pick<T>::type{} + gathered_in<Pick>(typename children_of<T>::type{}));
};
template <template <class> class Pick, class T>
    requires requires { requires Pick<T>::stop; }
struct gathered<Pick, T> {
    using type = typename Pick<T>::type;
};

template <class L>
inline constexpr std::size_t length_v = 0;
template <class... Ts>
inline constexpr std::size_t length_v<list<Ts...>> = sizeof...(Ts);

// The calls of a tree, for gathered_t.
template <class T>
struct each_call {
    using type = list<>;
};
template <class F, class U>
struct each_call<apply<F, U>> {
    using type = list<apply<F, U>>;
};

template <class Pass, class T>
struct reasons_of {
    using type = decltype(reasons_in<Pass>(typename children_of<T>::type{}));
};
template <class Pass, class T>
    requires requires { typename rewrite<Pass, T>::reasons; }
struct reasons_of<Pass, T> {
    using type = typename rewrite<Pass, T>::reasons::type;
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
