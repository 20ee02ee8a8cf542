#!/usr/bin/python3
"""The catalog's PyTorch operators (libactdiff_torch.so) against PyTorch's
own, from Python, in float: forward, and forward + backward (y.backward(g)),
at 1k, 64k and 1M elements, on 1 and 2 threads. Each round times every pair
back to back, in a shuffled order; the table gives the median over rounds of
PyTorch's time ÷ ours (above 1: ours is faster) and our time.

  bench/torch_operators.py LIBRARY [ROUNDS]
"""
import ctypes
import pathlib
import random
import statistics
import subprocess
import sys
import time

import torch
import torch.nn.functional as F

library_path = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
torch.ops.load_library(library_path)
library = ctypes.CDLL(library_path)
library.actdiff_torch_build.restype = ctypes.c_char_p
ops = torch.ops.actdiff
pairs = {
    "sigmoid": (ops.sigmoid, torch.sigmoid), "tanh": (ops.tanh, torch.tanh), "relu": (ops.relu, torch.relu),
    "gelu": (ops.gelu, F.gelu), "silu": (ops.silu, F.silu), "mish": (ops.mish, F.mish),
    "softplus": (ops.softplus, F.softplus), "elu": (ops.elu, F.elu),
}


def seconds(f, x, backward, repeats):
    g = torch.ones_like(x)
    start = time.perf_counter()
    for _ in range(repeats):
        if backward:
            x.grad = None
            f(x).backward(g)
        else:
            f(x)
    return (time.perf_counter() - start) / repeats


random.seed(1)
# The model name and the core's microarchitecture, as bench/run.sh names them.
model = subprocess.run(["bash", str(pathlib.Path(__file__).resolve().parent.parent / "scripts" / "cpu-name.sh")],
                       check=True, capture_output=True, text=True).stdout.strip()
print(f"CPU: {model}; actdiff build: {library.actdiff_torch_build().decode()}; PyTorch {torch.__version__}")
print("| threads | elements | pass | " + " | ".join(pairs) + " |")
print("|---|---|---|" + "---|" * len(pairs))
for threads in (1, 2):
    torch.set_num_threads(threads)
    for n in (1000, 1 << 16, 1 << 20):
        x = torch.randn(n) * 4
        for backward in (False, True):
            xs = x.clone().requires_grad_(backward)
            repeats = max(3, int(3e6 // n))
            ratios = {name: [] for name in pairs}
            ours_time = {name: [] for name in pairs}
            for _ in range(rounds):
                order = list(pairs.items())
                random.shuffle(order)
                for name, (ours, theirs) in order:
                    seconds(ours, xs, backward, 2)
                    mine = seconds(ours, xs, backward, repeats)
                    seconds(theirs, xs, backward, 2)
                    other = seconds(theirs, xs, backward, repeats)
                    ratios[name].append(other / mine)
                    ours_time[name].append(mine)
            cells = [f"{statistics.median(ratios[name]):.2f}× ({statistics.median(ours_time[name]) * 1e6:.0f} µs)" for name in pairs]
            print(f"| {threads} | {n} | {'fwd+bwd' if backward else 'forward'} | " + " | ".join(cells) + " |")
