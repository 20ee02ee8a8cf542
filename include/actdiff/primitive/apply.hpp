// Applying a primitive to an expression: `apply_function<F>(u)` for a user's
// primitive, the named factories (exp, sigmoid, …) for the built-ins. Every
// application goes through the smart constructor, which folds known values.
#pragma once

#include <actdiff/core/constants.hpp>
#include <actdiff/numeric/math.hpp>
#include <actdiff/core/operators.hpp>
#include <actdiff/primitive/identity.hpp>
#include <actdiff/primitive/protocol.hpp>

namespace actdiff {

namespace detail {
// The first error line names what is wrong with a user's primitive.
template <class F>
constexpr bool check_primitive() {
    static_assert(Primitive<F>,
                  "actdiff::apply_function<F>: F is not a primitive: it needs "
                  "`static constexpr std::string_view name` and "
                  "`template <class T> static constexpr T evaluate(const T& u)` (see primitive/protocol.hpp)");
    return Primitive<F>;
}
}  // namespace detail

template <class F, Expression U>
constexpr auto apply_function(U) {
    if constexpr (detail::check_primitive<F>()) return detail::make_apply<F>(U{});
}

}  // namespace actdiff
