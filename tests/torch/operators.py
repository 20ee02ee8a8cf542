#!/usr/bin/python3
"""The catalog as PyTorch operators from Python (libactdiff_torch.so, built
from src/torch/operators.cpp), with Debian's python3-torch:

  operators.py LIBRARY

- torch.autograd.gradcheck and gradgradcheck (double backward) in double for
  every activation, in every input and every parameter;
- float values and gradients against PyTorch's own operators, against
  PyTorch's float64 result;
- a parameter left out (None) is the catalog's default;
- misuse raises an error that names the operator.
"""
import ctypes
import math
import os
import sys

import torch

# A build picked by hand (ACTDIFF_TORCH_ISA) that this CPU cannot run is skipped (77).
needs = {"v4": {"avx512f", "avx512bw", "avx512dq", "avx512vl"}, "v3": {"avx2", "fma", "bmi2"}, "baseline": set()}
chosen = os.environ.get("ACTDIFF_TORCH_ISA")
if chosen:
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        flags = set(next(line for line in cpuinfo if line.startswith("flags")).split(":")[1].split())
    if not needs[chosen] <= flags:
        print(f"this CPU cannot run the {chosen} build")
        sys.exit(77)

torch.ops.load_library(sys.argv[1])
ops = torch.ops.actdiff
library = ctypes.CDLL(sys.argv[1])
if hasattr(library, "actdiff_torch_build"):
    library.actdiff_torch_build.restype = ctypes.c_char_p
    build = library.actdiff_torch_build().decode()
else:
    build = "single"  # not x86-64: one build
print(f"operators: the {build} build")
failures = []
if chosen:
    failures += [] if build == chosen else [f"ACTDIFF_TORCH_ISA={chosen} loaded the {build} build"]


def expect(condition, message):
    if not condition:
        failures.append(message)


def sample(shape, seed):
    """Doubles in [-4.5, 4.5], 0.05 or more away from the kinks 0, ±1, ±3."""
    count = math.prod(shape)
    values = []
    for i in range(count):
        v = 4.5 * math.sin(1.7 * (i + 1) + 2.3 * seed)
        for kink in (-3.0, -1.0, 0.0, 1.0, 3.0):
            if abs(v - kink) < 0.05:
                v = kink + 0.1
        values.append(v)
    return torch.tensor(values, dtype=torch.float64).reshape(shape).requires_grad_(True)


# name: (inputs, {parameter: value for the gradcheck})
catalog = {
    "threshold": (1, {"threshold": 0.6}), "sigmoid": (1, {}), "tanh": (1, {}), "relu": (1, {}), "relu6": (1, {}),
    "leaky_relu": (1, {"negative_slope": 0.07}), "prelu": (1, {"w": 0.3}), "elu": (1, {"alpha": 1.3}), "selu": (1, {}),
    "celu": (1, {"alpha": 0.8}), "gelu": (1, {}), "gelu_tanh": (1, {}), "gelu_sigmoid": (1, {}), "silu": (1, {}),
    "swish": (1, {"beta": 1.7}), "mish": (1, {}), "softplus": (1, {"beta": 2.5}), "softsign": (1, {}),
    "hardtanh": (1, {"min_val": -1.5, "max_val": 2.0}), "hardsigmoid": (1, {}), "hardswish": (1, {}),
    "glu": (2, {}), "swiglu": (2, {}), "geglu": (2, {}), "log_sigmoid": (1, {}), "snake": (1, {"a": 0.9}),
}

for name, (inputs, parameters) in catalog.items():
    op = getattr(ops, name)
    arguments = [sample((3, 4), k) for k in range(inputs)]
    arguments += [torch.tensor(value, dtype=torch.float64, requires_grad=True) for value in parameters.values()]
    # The backward, and (double backward) the backward's own backward.
    for check in (torch.autograd.gradcheck, torch.autograd.gradgradcheck):
        try:
            ok = check(op, tuple(arguments), raise_exception=False)
        except RuntimeError as error:
            ok = False
            print(f"{name}: {error}")
        expect(ok, f"{check.__name__}: {name}")
    schema = str(op.default._schema)
    expect(all(f"Tensor? {p}=None" in schema for p in parameters), f"schema of {name}: {schema}")

softmax_input = sample((3, 5), 7)
for dim in (0, 1, -1):
    expect(torch.autograd.gradcheck(lambda t: ops.softmax(t, dim), (softmax_input,)), f"gradcheck: softmax along {dim}")
    expect(torch.autograd.gradcheck(lambda t: ops.log_softmax(t, dim), (softmax_input,)), f"gradcheck: log_softmax along {dim}")

# Float, against PyTorch: values and input gradients within 4e-6 relative
# (and one float ulp of the input's scale) of PyTorch's float64 result.
builtins = {
    "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "silu": torch.nn.functional.silu,
    "mish": torch.nn.functional.mish, "elu": torch.nn.functional.elu, "selu": torch.selu, "celu": torch.celu,
    "gelu": torch.nn.functional.gelu, "gelu_tanh": lambda t: torch.nn.functional.gelu(t, approximate="tanh"),
    "softsign": torch.nn.functional.softsign, "hardtanh": torch.nn.functional.hardtanh,
    "log_sigmoid": torch.nn.functional.logsigmoid, "leaky_relu": torch.nn.functional.leaky_relu,
    "relu6": torch.nn.functional.relu6, "softplus": torch.nn.functional.softplus,
}
points = torch.arange(-30 * 64, 30 * 64 + 1, dtype=torch.float32) / 64
for name, builtin in builtins.items():
    x = points.clone().requires_grad_(True)
    y = getattr(ops, name)(x)
    y.backward(torch.ones_like(y))
    reference_x = points.double().requires_grad_(True)
    reference = builtin(reference_x)
    reference.backward(torch.ones_like(reference))
    slack = 4e-6 * reference.detach().abs() + 1.2e-7 * points.double().abs().clamp(min=1)
    if name == "softplus":  # PyTorch's float64 softplus returns x itself above 20
        slack += 2.1e-9
    expect(((y.detach().double() - reference.detach()).abs() <= slack).all().item(), f"float values: {name}")
    expect(((x.grad.double() - reference_x.grad).abs() <= slack).all().item(), f"float gradients: {name}")

# A parameter left out is the catalog's default.
x = sample((20,), 3).detach()
expect(torch.equal(ops.swish(x), ops.swish(x, torch.tensor(1.0, dtype=torch.float64))), "swish's default beta")
expect(torch.equal(ops.prelu(x), ops.prelu(x, torch.tensor(0.25, dtype=torch.float64))), "prelu's default w")

# Misuse names the operator.
for call, words in ((lambda: ops.swish(torch.ones(3, dtype=torch.int32)), "actdiff operator swish: input 0 has dtype Int"),
                    (lambda: ops.glu(torch.ones(3), torch.ones(4)), "actdiff operator glu: input 1 has shape [4]"),
                    (lambda: ops.prelu(torch.ones(3), torch.ones(2)), "actdiff operator prelu: parameter w must have one element")):
    try:
        call()
        expect(False, f"no error for: {words}")
    except RuntimeError as error:
        expect(str(error).startswith(words), f"error {str(error).splitlines()[0]!r} does not start with {words!r}")

for failure in failures:
    print("FAILED:", failure)
print(f"{len(catalog)} operators and softmax: {len(failures)} failures")
sys.exit(1 if failures else 0)
