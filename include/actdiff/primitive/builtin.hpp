// The built-in primitives, and the one list of them. Adding a built-in means
// its struct and factory in a family header, and a line here (plus, if its
// math function is new, one line in numeric/math.hpp and a constexpr
// version in numeric/constexpr_math.hpp). The laws test (tests/laws/primitive.cpp)
// runs over this list.
#pragma once

#include <actdiff/detail/construct.hpp>
#include <actdiff/primitive/error_function.hpp>
#include <actdiff/primitive/exponential.hpp>
#include <actdiff/primitive/hyperbolic.hpp>
#include <actdiff/primitive/logistic.hpp>
#include <actdiff/primitive/piecewise.hpp>
#include <actdiff/primitive/trigonometric.hpp>

namespace actdiff {

using builtin_primitives =
    detail::list<exp_function, log_function, expm1_function, log1p_function, tanh_function, asinh_function,
                 sin_function, cos_function, atan_function, erf_function, erfc_function, sigmoid_function,
                 softplus_function, sign_function, abs_function, step_function>;

}  // namespace actdiff
