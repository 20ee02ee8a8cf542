// Emitted C++ against the library, catalog entries 16 to 25 (see compare.hpp).
#include "emitted/softplus.hpp"
#include "emitted/softsign.hpp"
#include "emitted/hardtanh.hpp"
#include "emitted/hardsigmoid.hpp"
#include "emitted/hardswish.hpp"
#include "emitted/glu.hpp"
#include "emitted/swiglu.hpp"
#include "emitted/geglu.hpp"
#include "emitted/log_sigmoid.hpp"
#include "emitted/snake.hpp"

#include "compare.hpp"

ACTDIFF_EMITTED(16, softplus)
ACTDIFF_EMITTED(17, softsign)
ACTDIFF_EMITTED(18, hardtanh)
ACTDIFF_EMITTED(19, hardsigmoid)
ACTDIFF_EMITTED(20, hardswish)
ACTDIFF_EMITTED(21, glu)
ACTDIFF_EMITTED(22, swiglu)
ACTDIFF_EMITTED(23, geglu)
ACTDIFF_EMITTED(24, log_sigmoid)
ACTDIFF_EMITTED(25, snake)

ACTDIFF_EMITTED_PARAMETER(16, softplus, beta)
ACTDIFF_EMITTED_PARAMETER(18, hardtanh, min_val)
ACTDIFF_EMITTED_PARAMETER(18, hardtanh, max_val)
ACTDIFF_EMITTED_PARAMETER(25, snake, a)
