// The second half of the catalog's kernels over the whole float and double
// ranges (see whole_range.hpp).
#include "whole_range.hpp"

using namespace whole_range_test;

TEST_CASE("no NaN but for NaN, no overflow where the value fits: float, second half", "[kernel][numerics]") {
    check_catalog<float, half, catalog::size>();
}

TEST_CASE("no NaN but for NaN, no overflow where the value fits: double, second half", "[kernel][numerics]") {
    check_catalog<double, half, catalog::size>();
}
