// Emitted C++ against the library, catalog entries 0 to 7 (see compare.hpp).
#include "emitted/threshold.hpp"
#include "emitted/sigmoid.hpp"
#include "emitted/tanh.hpp"
#include "emitted/relu.hpp"
#include "emitted/relu6.hpp"
#include "emitted/leaky_relu.hpp"
#include "emitted/prelu.hpp"
#include "emitted/elu.hpp"

#include "compare.hpp"

ACTDIFF_EMITTED(0, threshold)
ACTDIFF_EMITTED(1, sigmoid)
ACTDIFF_EMITTED(2, tanh)
ACTDIFF_EMITTED(3, relu)
ACTDIFF_EMITTED(4, relu6)
ACTDIFF_EMITTED(5, leaky_relu)
ACTDIFF_EMITTED(6, prelu)
ACTDIFF_EMITTED(7, elu)

ACTDIFF_EMITTED_PARAMETER(0, threshold, threshold)
ACTDIFF_EMITTED_PARAMETER(5, leaky_relu, negative_slope)
ACTDIFF_EMITTED_PARAMETER(6, prelu, w)
ACTDIFF_EMITTED_PARAMETER(7, elu, alpha)
