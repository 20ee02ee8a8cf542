// The libtorch operator of a kernel: #include <actdiff/torch.hpp>, then
// actdiff::torch_op(kernel(f, x), "name") (kernel/torch.hpp). Not part of
// <actdiff/actdiff.hpp>: it needs libtorch (Debian's libtorch-dev).
// It includes <torch/torch.h>, libtorch's whole C++ API, as a program that
// trains with the operator uses it.
#pragma once

#include <torch/torch.h>

#include <actdiff/actdiff.hpp>
#include <actdiff/kernel/torch.hpp>
