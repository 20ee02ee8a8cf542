"""The value table of every page of docs/activations against PyTorch: f and
f′ at each row, f from torch's own functions in float64 and f′ from its
autograd, to the 6 significant digits the pages print.

One difference is by design: this is Debian's PyTorch 1.13, whose hardswish
backward takes −0.5 at x = −3 and 1.5 at x = 3; PyTorch since 2.0 takes 0 and
1, and the project follows the newer convention (docs/conventions.md). Those
two entries are checked against the newer values.

usage: page_values.py DOCS_ACTIVATIONS_DIR
"""
import math
import re
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

T = torch.float64


def gated(activation, along, other=1.0):
    """A two-input unit along one input, the other held at 1."""
    if along == "b":
        return lambda b: activation(torch.full_like(b, other), b)
    return lambda a: activation(a, torch.full_like(a, other))


REFERENCES = {
    "threshold": lambda x: (x > 0).to(T) + 0 * x,  # 0 · x: a graph, with f′ = 0
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": F.relu,
    "relu6": F.relu6,
    "leaky_relu": lambda x: F.leaky_relu(x, 0.01),
    "prelu": lambda x: F.prelu(x, torch.tensor([0.25], dtype=T)),
    "elu": F.elu,
    "selu": F.selu,
    "celu": F.celu,
    "gelu": F.gelu,
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "gelu_sigmoid": lambda x: x * torch.sigmoid(1.702 * x),
    "silu": F.silu,
    "swish": lambda x: x * torch.sigmoid(x),
    "mish": F.mish,
    "softplus": F.softplus,
    "softsign": F.softsign,
    "hardtanh": F.hardtanh,
    "hardsigmoid": F.hardsigmoid,
    "hardswish": F.hardswish,
    "glu": gated(lambda a, b: F.glu(torch.cat([a, b], -1), -1), "b"),
    "swiglu": gated(lambda a, b: F.silu(a) * b, "a"),
    "geglu": gated(lambda a, b: F.gelu(a) * b, "a"),
    "log_sigmoid": F.logsigmoid,
    "snake": lambda x: x + torch.sin(x) ** 2,
}
# The newer PyTorch's hardswish′ at its kinks (see above).
NEWER_CONVENTION = {("hardswish", -3.0): 0.0, ("hardswish", 3.0): 1.0}


def number(text):
    return float(text.replace("−", "-"))


def close(page, reference):
    return abs(page - reference) <= 6e-6 * abs(reference) or (reference == 0 and page == 0)


def main():
    docs = Path(sys.argv[1])
    failures, checked = [], 0
    for name, f in REFERENCES.items():
        text = (docs / f"{name}.md").read_text(encoding="utf-8")
        section = text.split("## Values", 1)[1].split("\n## ", 1)[0]
        rows = re.findall(r"^\| (\S+) \| (\S+) \| (\S+) \|$", section, re.M)[1:]  # after the header row
        if len(rows) < 5:
            failures.append(f"{name}: no value table")
            continue
        for x_text, f_text, slope_text in rows:
            x = torch.tensor([number(x_text)], dtype=T, requires_grad=True)
            y = f(x)
            (slope,) = torch.autograd.grad(y.sum(), x, allow_unused=True)
            value = y.item()
            slope = 0.0 if slope is None else slope.item()
            slope = NEWER_CONVENTION.get((name, x.item()), slope)
            checked += 1
            if not close(number(f_text), value):
                failures.append(f"{name}: f({x_text}) is {f_text} on the page, {value:.9g} in PyTorch")
            if not close(number(slope_text), slope):
                failures.append(f"{name}: f′({x_text}) is {slope_text} on the page, {slope:.9g} in PyTorch")
    for failure in failures:
        print(failure)
    print(f"checked {checked} rows of {len(REFERENCES)} pages against PyTorch {torch.__version__}: {len(failures)} differ")
    return 1 if failures or checked < 5 * len(REFERENCES) else 0


if __name__ == "__main__":
    sys.exit(main())
