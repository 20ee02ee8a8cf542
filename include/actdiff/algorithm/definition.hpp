// definition(f): f with every primitive that states a definition (σ, softplus,
// tanh, expm1, …) replaced by it, recursively: swish's xσ(x) becomes
// x/(1 + e^(−x)). derivation(definition(f), x) is the derivation from the
// definitions, as a first course derives σ' from 1/(1 + e^(−x)):
//   derivation(definition(sigmoid(x)), x)
// definition_for_readers(f) spells out only what readers do not know by
// name (σ and softplus, not tanh): the f(x) = … line of a page.
#pragma once

#include <actdiff/algorithm/transform.hpp>
#include <actdiff/core/expression.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/primitive/protocol.hpp>

namespace actdiff {

namespace detail {

// Every definition (All), or only those readers need spelled out.
template <bool All>
struct defining {};
template <bool All, class F, class U>
    requires requires { F::definition(U{}); } &&
             (All || primitive_traits<F>::shown_to_readers != readers_see::name)
struct rewrite<defining<All>, apply<F, U>> {
    using type = transform_t<defining<All>, decltype(F::definition(transform_t<defining<All>, U>{}))>;
};

}  // namespace detail

template <class F>
    requires detail::involves_library_type<F>
constexpr auto definition(F) {
    static_assert(Expression<F>, "actdiff: definition(f): f must be an actdiff expression");
    return detail::transform_t<detail::defining<true>, F>{};
}

template <class F>
    requires detail::involves_library_type<F>
constexpr auto definition_for_readers(F) {
    static_assert(Expression<F>, "actdiff: definition_for_readers(f): f must be an actdiff expression");
    return detail::transform_t<detail::defining<false>, F>{};
}

}  // namespace actdiff
