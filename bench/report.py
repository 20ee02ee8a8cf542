#!/usr/bin/env python3
"""Writes bench/RESULTS.md from Google Benchmark's JSON (bench/run.sh runs it).

Rows: every catalog activation, N = 2^16 and 2^24, elements per second of the
generated forward, backward and fused forward+backward, the hand-written
reference, libtorch's *_out kernels, and the ratios the issue sets targets for.
"""
import json
import math
import sys


def main(results_path, machine_path, out_path):
    data = json.load(open(results_path))
    rate = {}
    # With repetitions (bench/run.sh runs them randomly interleaved), the median.
    medians = any(b.get("aggregate_name") == "median" for b in data["benchmarks"])
    for b in data["benchmarks"]:
        if medians and b.get("aggregate_name") != "median":
            continue
        if not medians and b.get("run_type", "iteration") != "iteration":
            continue
        parts = b["run_name"].split("/") if medians else b["name"].split("/")
        n = int(parts[-1])
        rate[("/".join(parts[:-1]), n)] = b["items_per_second"]
    names = []
    for (key, _n) in rate:
        if key.startswith("generated/forward/"):
            name = key.split("/", 2)[2]
            if name not in names:
                names.append(name)
    sizes = sorted({n for (_k, n) in rate})

    def get(kind, part, name, n):
        return rate.get((f"{kind}/{part}/{name}", n))

    def fmt(v):
        if v is None:
            return "–"
        return f"{v / 1e9:.2f} G" if v >= 1e9 else f"{v / 1e6:.0f} M"

    def ratio(a, b):
        return "–" if a is None or b is None else f"{a / b:.2f}×"

    def geo(xs):
        return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else float("nan")

    def two_pass(forward, backward):  # elements/s of forward then backward
        if forward is None or backward is None:
            return None
        return 1 / (1 / forward + 1 / backward)

    lines = [
        "# Kernel benchmark",
        "",
        "Written by `bash bench/run.sh`. Elements per second (G = 10⁹, M = 10⁶), float32, one thread.",
        "`generated` are the library's kernels, `reference` the hand-written ones of `src/reference/kernels.hpp`,",
        "`libtorch` Debian's PyTorch 1.13 CPU kernels (`at::*_out`, `at::*_backward_out`; – where it has none).",
        "fwd+bwd of reference and libtorch is their forward then their backward (two passes, as a framework runs",
        "them); `generated fused` is one pass. Ratios are speed-ups (> 1: generated is faster).",
        "",
    ]
    lines += open(machine_path).read().strip().splitlines() + [""]
    for n in sizes:
        lines += [f"## N = 2^{int(math.log2(n))}", ""]
        lines += ["| activation | fwd | bwd | fused | ref fwd | ref bwd | torch fwd | torch bwd "
                  "| fwd ÷ ref | fwd ÷ torch | fused ÷ torch fwd+bwd | fused ÷ ref fwd+bwd |",
                  "|---|" + "---|" * 12]
        speedups = []
        fused_speedups = []
        for name in names:
            g = [get("generated", p, name, n) for p in ("forward", "backward", "fused")]
            r = [get("reference", p, name, n) for p in ("forward", "backward")]
            t = [get("libtorch", p, name, n) for p in ("forward", "backward")]
            if t[0] is not None:
                speedups.append(g[0] / t[0])
            if t[0] is not None and t[1] is not None:
                fused_speedups.append(g[2] / two_pass(*t))
            lines.append(f"| {name} | " + " | ".join(fmt(v) for v in g + r + t) + " | " +
                         " | ".join([ratio(g[0], r[0]), ratio(g[0], t[0]), ratio(g[2], two_pass(*t)),
                                     ratio(g[2], two_pass(*r))]) + " |")
        lines += ["", f"Geometric mean over the {len(speedups)} activations libtorch has: generated forward "
                  f"÷ libtorch forward **{geo(speedups):.2f}×**; generated fused ÷ libtorch forward+backward "
                  f"**{geo(fused_speedups):.2f}×**.", ""]
        c1, c2 = rate.get(("copy/N", n)), rate.get(("copy/2N", n))
        m1, m2 = max(rate.get(("memcpy/N", n)) or 0, c1 or 0), max(rate.get(("memcpy/2N", n)) or 0, c2 or 0)
        if m1 and m2:
            lines += [f"Bandwidth bound, the faster of memcpy and a copy loop on SIMD batches over the same bytes "
                      f"(memcpy {fmt(rate.get(('memcpy/N', n)))}/s, copy {fmt(c1)}/s for N floats; "
                      f"memcpy {fmt(rate.get(('memcpy/2N', n)))}/s, copy {fmt(c2)}/s for 2N), in elements of the "
                      f"kernel: forward-sized {fmt(m1)}/s, fused-sized (x and gy in, y and gx out) {fmt(m2)}/s."]
            for name in ("relu", "leaky_relu"):
                fwd, fused = get("generated", "forward", name, n), get("generated", "fused", name, n)
                if fwd and fused:
                    lines.append(f"- {name}: forward at {fwd / m1:.0%} of its memcpy bound, fused at "
                                 f"{fused / m2:.0%}.")
            lines.append("")
    lines += contract_cost(names, sizes, get, geo)
    open(out_path, "w").write("\n".join(lines) + "\n")


def contract_cost(names, sizes, get, geo):
    """The kernel contract's cost: each kernel ÷ the same forms run without probes."""
    lines = ["## What the kernel contract costs", "",
             "Each kernel ÷ `unchecked`, the same forms in a plain loop without the contract's probes and",
             "guarded path (docs/kernels.md), in the same run (1.00× is no cost).", "",
             "| activation | " + " | ".join(f"fwd 2^{int(math.log2(n))} | fused 2^{int(math.log2(n))}" for n in sizes) + " |",
             "|---|" + "---|" * (2 * len(sizes))]
    per_column = [[] for _ in range(2 * len(sizes))]
    for name in names:
        cells = []
        for k, n in enumerate(sizes):
            for j, part in enumerate(("forward", "fused")):
                g, u = get("generated", part, name, n), get("unchecked", part, name, n)
                if g is not None and u is not None:
                    per_column[2 * k + j].append(g / u)
                cells.append("–" if g is None or u is None else f"{g / u:.2f}×")
        if any(c != "–" for c in cells):
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| **geometric mean** | " + " | ".join(f"**{geo(c):.2f}×**" for c in per_column) + " |")
    return lines + [""]


if __name__ == "__main__":
    main(*sys.argv[1:4])
