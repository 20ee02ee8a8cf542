// Emitted C++ against the library, catalog entries 8 to 15 (see compare.hpp).
#include "emitted/selu.hpp"
#include "emitted/celu.hpp"
#include "emitted/gelu.hpp"
#include "emitted/gelu_tanh.hpp"
#include "emitted/gelu_sigmoid.hpp"
#include "emitted/silu.hpp"
#include "emitted/swish.hpp"
#include "emitted/mish.hpp"

#include "compare.hpp"

ACTDIFF_EMITTED(8, selu)
ACTDIFF_EMITTED(9, celu)
ACTDIFF_EMITTED(10, gelu)
ACTDIFF_EMITTED(11, gelu_tanh)
ACTDIFF_EMITTED(12, gelu_sigmoid)
ACTDIFF_EMITTED(13, silu)
ACTDIFF_EMITTED(14, swish)
ACTDIFF_EMITTED(15, mish)

ACTDIFF_EMITTED_PARAMETER(9, celu, alpha)
ACTDIFF_EMITTED_PARAMETER(14, swish, beta)
