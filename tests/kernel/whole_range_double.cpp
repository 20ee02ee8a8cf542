// The double kernels over the whole double range (see whole_range.hpp).
#include "whole_range.hpp"

using namespace whole_range_test;

TEST_CASE("no NaN but for NaN, no overflow where the value fits: double", "[kernel][numerics]") {
    check_catalog<double>();
}
