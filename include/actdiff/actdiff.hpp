// actdiff: activation functions as compile-time expressions, with symbolic
// derivatives, evaluation and printing. This header includes all of it.
#pragma once

#include <actdiff/activations.hpp>
#include <actdiff/check.hpp>
#include <actdiff/constants.hpp>
#include <actdiff/cost.hpp>
#include <actdiff/derivative.hpp>
#include <actdiff/evaluate.hpp>
#include <actdiff/expression.hpp>
#include <actdiff/fixed_string.hpp>
#include <actdiff/in_terms_of.hpp>
#include <actdiff/operators.hpp>
#include <actdiff/primitives.hpp>
#include <actdiff/simplify.hpp>
#include <actdiff/symbols.hpp>
#include <actdiff/to_string.hpp>
