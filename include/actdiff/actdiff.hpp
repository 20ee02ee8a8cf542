// actdiff: activation functions as compile-time expressions, with symbolic
// derivatives, simplification, printing, evaluation and kernels. This header
// includes the whole public library but the catalog as data, which tools
// include themselves (it builds every catalog formula: about 50 MB and half
// a second of every TU that includes it). Lighter headers, for a user who
// wants less (and a faster compile):
//   <actdiff/catalog/activations.hpp>  expressions, the catalog, d(), eval()
//   <actdiff/algorithm/simplify.hpp>     simplify(), equivalent()
//   <actdiff/printing/to_string.hpp>, <actdiff/printing/latex.hpp>, <actdiff/algorithm/derivation.hpp>,
//   <actdiff/printing/format.hpp>       printing (printing/format.hpp needs {fmt})
//   <actdiff/kernel/elementwise.hpp>, <actdiff/kernel/softmax.hpp>, <actdiff/kernel/emit.hpp>  kernels
//   <actdiff/catalog/registry.hpp>     the catalog as data (Boost.Hana), not included here
//   <actdiff/algorithm/kinks.hpp>, <actdiff/algorithm/properties.hpp>, <actdiff/printing/plot.hpp>
//                                      kinks, properties and plots along one variable, for
//                                      tools and pages; not included here (plot needs {fmt})
#pragma once

#include <actdiff/catalog/activations.hpp>
#include <actdiff/algorithm/check.hpp>
#include <actdiff/core/constants.hpp>
#include <actdiff/algorithm/cost.hpp>
#include <actdiff/algorithm/derivation.hpp>
#include <actdiff/algorithm/definition.hpp>
#include <actdiff/algorithm/derivative.hpp>
#include <actdiff/kernel/emit.hpp>
#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/core/expression.hpp>
#include <actdiff/core/fixed_string.hpp>
#include <actdiff/printing/format.hpp>
#include <actdiff/algorithm/in_terms_of.hpp>
#include <actdiff/algorithm/notation.hpp>
#include <actdiff/kernel/elementwise.hpp>
#include <actdiff/kernel/plan.hpp>
#include <actdiff/printing/latex.hpp>
#include <actdiff/core/operators.hpp>
#include <actdiff/primitive/builtin.hpp>
#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/algorithm/textbook.hpp>
#include <actdiff/kernel/softmax.hpp>
#include <actdiff/core/symbols.hpp>
#include <actdiff/printing/to_string.hpp>
