// actdiff: activation functions as compile-time expressions, with symbolic
// derivatives, simplification, printing, evaluation and kernels. This header
// includes the whole public library. Lighter headers, for a user who wants
// less (and a faster compile):
//   <actdiff/activations.hpp>  expressions, the catalog, d(), eval()
//   <actdiff/simplify.hpp>     simplify(), equivalent()
//   <actdiff/to_string.hpp>, <actdiff/latex.hpp>, <actdiff/derivation.hpp>,
//   <actdiff/format.hpp>       printing (format.hpp needs {fmt})
//   <actdiff/kernel.hpp>, <actdiff/softmax.hpp>, <actdiff/emit.hpp>  kernels
//   <actdiff/registry.hpp>     the catalog as data (Boost.Hana)
#pragma once

#include <actdiff/activations.hpp>
#include <actdiff/check.hpp>
#include <actdiff/constants.hpp>
#include <actdiff/cost.hpp>
#include <actdiff/derivation.hpp>
#include <actdiff/derivative.hpp>
#include <actdiff/emit.hpp>
#include <actdiff/evaluate.hpp>
#include <actdiff/expression.hpp>
#include <actdiff/fixed_string.hpp>
#include <actdiff/format.hpp>
#include <actdiff/in_terms_of.hpp>
#include <actdiff/kernel.hpp>
#include <actdiff/latex.hpp>
#include <actdiff/operators.hpp>
#include <actdiff/primitive/builtin.hpp>
#include <actdiff/registry.hpp>
#include <actdiff/simplify.hpp>
#include <actdiff/softmax.hpp>
#include <actdiff/symbols.hpp>
#include <actdiff/to_string.hpp>
