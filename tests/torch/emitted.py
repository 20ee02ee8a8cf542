#!/usr/bin/python3
"""Extensions written by emit_torch, built with torch.utils.cpp_extension as a
user builds them, and checked (Debian's python3-torch):

  emitted.py BUILD_DIRECTORY ACTDIFF_TORCH_LIBRARY ACTDIFF_TOOL GENERATOR NAME...

The sources: `actdiff emit NAME --torch` for each catalog NAME, and what
GENERATOR (tests/torch/emit_torch.cpp) writes for formulas that are not in
the catalog. Each registers torch.ops.actdiff_emitted.NAME.
- torch.autograd.gradcheck in double, in every input and every parameter;
- float values and gradients against a reference: the library's own operator
  torch.ops.actdiff.NAME for a catalog entry, else the formula written with
  PyTorch's operators (autograd), in float64;
- a parameter left out takes its default; a non-contiguous input; two
  threads give the result of one;
- misuse raises an error that names the operator.
"""
import glob
import math
import os
import subprocess
import sys

import torch
import torch.utils.cpp_extension

build_directory, library, tool, generator, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
source_directory = os.path.join(build_directory, "sources")
os.makedirs(source_directory, exist_ok=True)
for name in names:
    with open(os.path.join(source_directory, name + ".cpp"), "w", encoding="utf-8") as out:
        subprocess.run([tool, "emit", name, "--torch"], stdout=out, check=True)
subprocess.run([generator, source_directory], check=True)
sources = sorted(glob.glob(os.path.join(source_directory, "*.cpp")))
# One extension of every source: ninja compiles them in parallel, each as a
# user's build of it alone would compile it.
torch.utils.cpp_extension.load(name="actdiff_emitted_test", sources=sources, build_directory=build_directory,
                               extra_cflags=["-O2", "-fopenmp"], extra_ldflags=["-fopenmp"], is_python_module=False,
                               verbose=False)
torch.ops.load_library(library)
failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)


def sample(shape, seed, scale=4.5):
    """Doubles in [-scale, scale], 0.05 or more away from the kinks 0, ±1, ±3."""
    values = []
    for i in range(math.prod(shape)):
        v = scale * math.sin(1.7 * (i + 1) + 2.3 * seed)
        for kink in (-3.0, -1.0, 0.0, 1.0, 3.0):
            if abs(v - kink) < 0.05:
                v = kink + 0.1
        values.append(v)
    return torch.tensor(values, dtype=torch.float64).reshape(shape)


# Formulas not in the catalog, written with PyTorch's operators.
references = {
    "tanhexp": lambda x: x * torch.tanh(torch.exp(x)),
    "acon_c": lambda x, p1, p2, beta: (p1 - p2) * x * torch.sigmoid(beta * (p1 - p2) * x) + p2 * x,
}
# Each operator's parameter values for the checks.
parameter_values = {"swish": {"beta": 1.7}, "elu": {"alpha": 1.3}, "prelu": {"w": 0.3}, "softplus": {"beta": 2.5},
                    "acon_c": {"p1": 1.2, "p2": 0.3, "beta": 0.8}}

for source in sources:
    name = os.path.splitext(os.path.basename(source))[0]
    op = getattr(torch.ops.actdiff_emitted, name)
    schema = op.default._schema
    inputs = [a.name for a in schema.arguments if str(a.type) == "Tensor" and a.name in ("x", "a", "b")]
    parameters = [a for a in schema.arguments if a.name not in inputs]
    arguments = [sample((3, 5), k).requires_grad_(True) for k in range(len(inputs))]
    # The parameters' values in the schema's order (a reference takes them by name).
    named_values = parameter_values.get(name, {})
    expect(sorted(named_values) == sorted(p.name for p in parameters), f"{name}: the test's parameters are not the schema's")
    values = [named_values[p.name] for p in parameters]
    arguments += [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in values]

    # The Jacobian of the backward against central differences of the forward.
    try:
        ok = torch.autograd.gradcheck(op, tuple(arguments), raise_exception=False)
    except RuntimeError as error:
        ok, _ = False, print(error)
    expect(ok, f"{name}: gradcheck in double failed")

    # Float against the reference in double.
    wide = [sample((40, 50), k, 8.0) for k in range(len(inputs))] + [torch.tensor(v, dtype=torch.float64) for v in values]
    wide = [t.requires_grad_(True) for t in wide]
    reference = references.get(name) or getattr(torch.ops.actdiff, name)
    expected = reference(*wide[:len(inputs)], **{p.name: t for p, t in zip(parameters, wide[len(inputs):])})
    expected_gradients = torch.autograd.grad(expected.sum(), wide)
    narrow = [t.detach().float().requires_grad_(True) for t in wide]
    got = op(*narrow)
    got_gradients = torch.autograd.grad(got.sum(), narrow)
    expect(got.dtype == torch.float32, f"{name}: float in, {got.dtype} out")
    scale = expected.detach().abs().clamp(min=1)
    error = ((got.double() - expected) / scale).abs().max().item()
    expect(error < 1e-5, f"{name}: float values off by {error:.3g} (relative)")
    for k, (g, e) in enumerate(zip(got_gradients, expected_gradients)):
        # A parameter's gradient is a sum of 2000 float terms.
        bound = 1e-5 if k < len(inputs) else 1e-4
        relative = ((g.double() - e) / e.abs().clamp(min=1)).abs().max().item()
        expect(relative < bound, f"{name}: float gradient {k} off by {relative:.3g} (relative)")
        expect(g.dtype == narrow[k].dtype, f"{name}: gradient {k} has dtype {g.dtype}")

    # Defaults: a parameter left out is the catalog's default (the library's
    # operator called without it), or the one emit_torch was given.
    given_default = {"acon_c": 1.0}
    optional = [p for p in parameters if p.type.kind() == "OptionalType"]
    if optional and name in given_default:
        plain = [t.detach() for t in wide]
        expect(torch.equal(op(*plain[:-1]), op(*plain[:-1], torch.tensor(given_default[name], dtype=torch.float64))),
               f"{name}: {optional[-1].name} left out is not its default")
    elif optional and len(optional) == len(parameters):
        plain = [t.detach() for t in wide[:len(inputs)]]
        expect(torch.allclose(op(*plain), reference(*plain), rtol=1e-12, atol=1e-300),
               f"{name}: the parameters left out are not the catalog's defaults")
    expect(len(optional) == len(parameters) or name == "acon_c", f"{name}: a catalog parameter has no default")

    # A non-contiguous input, and two threads against one.
    strided = [t.detach().t() for t in wide[:len(inputs)]] + [t.detach() for t in wide[len(inputs):]]
    expect(torch.equal(op(*strided), op(*[t.contiguous() for t in strided])), f"{name}: a transposed input differs")
    large = [sample((300, 1000), k, 8.0).float() for k in range(len(inputs))] + [t.detach() for t in wide[len(inputs):]]
    large = [t.requires_grad_(True) for t in large]
    results = []
    for threads in (1, 2):
        torch.set_num_threads(threads)
        y = op(*large)
        results.append([y.detach()] + list(torch.autograd.grad(y.sum(), large)))
    torch.set_num_threads(1)
    for k, (one, two) in enumerate(zip(*results)):
        close = torch.equal(one, two) if k <= len(inputs) else torch.allclose(one, two, rtol=1e-6, atol=0)
        expect(close, f"{name}: output or gradient {k} with two threads differs from one thread")

    # Misuse names the operator.
    def raises(call, words, what):
        try:
            call()
        except RuntimeError as error:
            expect(f"actdiff operator {name}" in str(error) and words in str(error),
                   f"{name}: {what}: the error does not name the operator and the problem: {error}")
            return
        expect(False, f"{name}: {what} raised nothing")

    plain = [t.detach() for t in wide]
    raises(lambda: op(*[t.int() for t in plain[:len(inputs)]], *plain[len(inputs):]), "dtype", "an int tensor")
    if parameters:
        raises(lambda: op(*plain[:len(inputs)], torch.ones(2, dtype=torch.float64), *plain[len(inputs) + 1:]),
               "one element", "a parameter of two elements")
    if len(inputs) == 2:
        raises(lambda: op(plain[0], plain[1][:3]), "shape", "inputs of two shapes")
    print(f"{name}: gradcheck, float values and gradients, defaults, layouts, threads and errors checked")

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
