// The libtorch operator of a kernel: #include <actdiff/torch.hpp>, then
// actdiff::torch_op(kernel(f, x), "name") (kernel/torch.hpp). Not part of
// <actdiff/actdiff.hpp>: it needs libtorch (Debian's libtorch-dev).
#pragma once

#include <actdiff/actdiff.hpp>
#include <actdiff/kernel/torch.hpp>
