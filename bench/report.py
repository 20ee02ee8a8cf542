#!/usr/bin/env python3
"""Writes bench/RESULTS.md from Google Benchmark's JSON (bench/run.sh runs it).

Rows: every catalog activation, N = 2^16 and 2^24, elements per second of the
generated forward, backward and fused forward+backward, the hand-written
reference, libtorch's *_out kernels, and the ratios the issue sets targets for.
"""
import json
import math
import sys


def read_rates(results_path):
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
        if parts[-1] == "real_time":  # the scaling rows time the caller's wall clock
            parts = parts[:-1]
        n = int(parts[-1])
        rate[("/".join(parts[:-1]), n)] = b["items_per_second"]
    return data.get("context", {}), rate


def main(machine_path, out_path, *results_paths):
    """Later result files replace the benchmarks they measured. Rerun whole
    sizes (a filter such as /16777216), so that every ratio, which compares
    rows of one size, is still taken within one run."""
    rate = {}
    context = {}
    runs = []
    for path in results_paths:
        more_context, more = read_rates(path)
        context.update(more_context)
        date = more_context.get("date", "?")
        sizes_of = sorted({n for (_k, n) in more})
        runs.append(f"{date}: {len(more)} benchmarks at N = "
                    + ", ".join(f"2^{int(math.log2(n))}" for n in sizes_of))
        rate.update(more)
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
    lines += open(machine_path).read().strip().splitlines()
    if len(runs) > 1:
        lines += ["Runs, each later one replacing what it measured (every ratio compares rows of one run): "
                  + "; ".join(runs) + "."]
    lines += [""]
    for n in sizes:
        lines += [f"## N = 2^{int(math.log2(n))}", ""]
        lines += ["| activation | fwd | bwd | fused | ref fwd | ref bwd | torch fwd | torch bwd "
                  "| fwd ÷ ref | fwd ÷ torch | fused ÷ torch fwd+bwd | fused ÷ ref fwd+bwd |",
                  "|---|" + "---|" * 11]
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
        lines += memory_bound(n, rate, get, fmt)
    lines += against_libraries(names, sizes, get, geo, two_pass, fmt, context)
    lines += scaling(rate, fmt, geo, two_pass)
    lines += contract_cost(names, sizes, get, geo)
    open(out_path, "w").write("\n".join(lines) + "\n")


LIBRARIES = (("onednn", "oneDNN"), ("xnnpack", "XNNPACK"), ("libtorch", "libtorch"))


def accuracy_cell(context, library, name, which):
    """'ulps (x = at)' of f (which = 0) or f' (which = 1), from the benchmark's context."""
    text = context.get(f"accuracy/{library}/{name}")
    if text is None:
        return "–"
    fields = text.split()[2 * which:2 * which + 2]
    if fields[0] == "-":
        return "–"
    ulps, at = float(fields[0]), float(fields[1])
    cell = f"{ulps:.3g}" if ulps < 1e5 else f"**{ulps:.2g}**"
    return cell if ulps == 0 else f"{cell} (x = {at:.4g})"


# The piecewise-linear kernels against the bandwidth bound of the bytes each pass
# moves (x and y forward; saved, gy and gx backward; x, gy, y and gx fused): the
# faster of memcpy and a copy loop over those bytes, and the same bytes on the
# pass's own streams (bench/kernels.cpp, streams_bound).
PIECEWISE_LINEAR = ("relu", "leaky_relu", "prelu", "relu6", "hardtanh", "threshold", "hardsigmoid", "hardswish")


def memory_bound(n, rate, get, fmt):
    bytes_of = {"forward": "N", "backward": "1.5N", "fused": "2N"}
    copy = {part: max(rate.get(("memcpy/" + size, n)) or 0, rate.get(("copy/" + size, n)) or 0)
            for part, size in bytes_of.items()}
    streams = {"forward": copy["forward"], "backward": rate.get(("streams/backward", n)),
               "fused": rate.get(("streams/fused", n))}
    if not all(copy.values()) or not all(streams.values()):
        return []
    lines = ["Bandwidth bound of each pass, in elements of the kernel per second: the faster of memcpy and a "
             "copy loop over the bytes the pass moves (" +
             "; ".join(f"{part} {fmt(copy[part])}/s" for part in bytes_of) +
             "), and the same bytes on the pass's own streams, two arrays in and one or two out "
             f"(backward {fmt(streams['backward'])}/s, fused {fmt(streams['fused'])}/s). "
             "Each cell: the kernel's speed, then its share of the copy bound / of the streams bound.", "",
             "| activation | forward | backward | fused |", "|---|---|---|---|"]
    for name in PIECEWISE_LINEAR:
        cells = []
        for part in bytes_of:
            v = get("generated", part, name, n)
            cells.append("–" if v is None else f"{fmt(v)} ({v / copy[part]:.0%} / {v / streams[part]:.0%})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines + [""]



def against_libraries(names, sizes, get, geo, two_pass, fmt, context):
    """The issue's targets: actdiff against oneDNN's and XNNPACK's kernels, and every library's accuracy."""
    if not any(get("onednn", "forward", name, n) or get("xnnpack", "forward", name, n) for name in names for n in sizes):
        return []
    lines = ["## Against oneDNN and XNNPACK", "",
             "The kernels framework users already have, in the same run: oneDNN's JIT eltwise primitives "
             f"(code generated for `{context.get('onednn_isa', '?')}` on this CPU; backward from the output where "
             "oneDNN has a `*_use_dst_for_bwd` algorithm, `clip_v2` for relu6 and hardtanh) and XNNPACK's "
             "unary operators (forward only; it picks its microkernels for the CPU at run time). One thread each. "
             "Ratios above 1: actdiff is faster. The targets: forward ≥ 1 against both, fused ≥ 1.5 against "
             "oneDNN's forward then backward, geometric means ≥ 1.3 and ≥ 2.", ""]
    for n in sizes:
        lines += [f"### N = 2^{int(math.log2(n))}", "",
                  "| activation | fwd | oneDNN fwd | XNNPACK fwd | fwd ÷ oneDNN | fwd ÷ XNNPACK | fused "
                  "| oneDNN bwd | fused ÷ oneDNN fwd+bwd |", "|---|" + "---|" * 8]
        forward_onednn, forward_xnnpack, fused_onednn = [], [], []
        for name in names:
            g, f = get("generated", "forward", name, n), get("generated", "fused", name, n)
            of, ob, xf = get("onednn", "forward", name, n), get("onednn", "backward", name, n), get("xnnpack", "forward", name, n)
            if of is None and xf is None:
                continue
            cells = [fmt(g), fmt(of), fmt(xf)]
            ratios = []
            for mine, theirs, bucket in ((g, of, forward_onednn), (g, xf, forward_xnnpack)):
                ratios.append("–" if theirs is None else f"{mine / theirs:.2f}×")
                if theirs is not None:
                    bucket.append(mine / theirs)
            both = two_pass(of, ob)
            if both is not None:
                fused_onednn.append(f / both)
            lines.append(f"| {name} | " + " | ".join(cells + ratios + [fmt(f), fmt(ob),
                                                                     "–" if both is None else f"{f / both:.2f}×"]) + " |")
        lines += ["", f"Geometric means: forward ÷ oneDNN **{geo(forward_onednn):.2f}×** over {len(forward_onednn)}, "
                  f"forward ÷ XNNPACK **{geo(forward_xnnpack):.2f}×** over {len(forward_xnnpack)}, fused ÷ oneDNN "
                  f"forward+backward **{geo(fused_onednn):.2f}×** over {len(fused_onednn)}.", ""]
    lines += ["### Accuracy beside speed", "",
              "The largest error in ULP over every 2^12-th float of each binade from 2^−40 to 2^12, both signs "
              "(213 000 inputs), against the formula in double, with the x where it occurs. f counts where f is a "
              "normal float, so a result flushed to zero counts and a subnormal one does not. f′ (a backward with "
              "gy = 1) counts where f′ is normal and at least 1/16 (relative, beyond 1) from a zero of f′, "
              "where any float evaluation loses digits. Bold: ≥ 10⁵ ULP, a wrong value rather than a rounding "
              "error (most often a result flushed to zero, or eˣ − 1 cancelling near 0).", "",
              "| activation | actdiff f | actdiff f′ | oneDNN f | oneDNN f′ | XNNPACK f | libtorch f | libtorch f′ |",
              "|---|" + "---|" * 7]
    for name in names:
        if not any(f"accuracy/{library}/{name}" in context for library, _ in LIBRARIES):
            continue
        cells = [accuracy_cell(context, "actdiff", name, 0), accuracy_cell(context, "actdiff", name, 1),
                 accuracy_cell(context, "onednn", name, 0), accuracy_cell(context, "onednn", name, 1),
                 accuracy_cell(context, "xnnpack", name, 0),
                 accuracy_cell(context, "libtorch", name, 0), accuracy_cell(context, "libtorch", name, 1)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines + [""]


def scaling(rate, fmt, geo, two_pass):
    """All cores: each library's speed on every thread against one, at 2^24, and actdiff against the others."""
    keys = [k.split("/") for (k, _n) in rate if k.startswith("scaling/")]
    if not keys:
        return []
    counts = sorted({int(k[1]) for k in keys})
    many = counts[-1]
    n = max(n for (k, n) in rate if k.startswith("scaling/"))
    names = []
    for k in keys:
        if k[4] not in names:
            names.append(k[4])

    def get(threads, library, part, name):
        return rate.get((f"scaling/{threads}/{library}/{part}/{name}", n))

    def ratio(a, b):
        return "–" if a is None or b is None else f"{a / b:.2f}×"

    lines = [f"## All cores: {many} threads against 1, N = 2^{int(math.log2(n))}", "",
             f"actdiff's `parallel_policy{{.threads = {many}}}` (kernel/parallel.hpp: one contiguous block of whole "
             f"4096-element chunks per thread) against the same call on one thread, and libtorch "
             f"(`at::set_num_threads`) and oneDNN (OpenMP) on as many threads, in the same run; elements per "
             "second of real time. Speed-up: the many-thread rate over the one-thread rate of the same library.", "",
             f"| activation | actdiff fwd, {many} threads | speed-up | libtorch fwd | speed-up | oneDNN fwd | speed-up "
             f"| actdiff fused | speed-up | fused ÷ libtorch fwd+bwd | fused ÷ oneDNN fwd+bwd |", "|---|" + "---|" * 10]
    ups = {"actdiff": [], "libtorch": [], "onednn": [], "fused": []}
    for name in names:
        g1, g = get(1, "actdiff", "forward", name), get(many, "actdiff", "forward", name)
        t1, t = get(1, "libtorch", "forward", name), get(many, "libtorch", "forward", name)
        o1, o = get(1, "onednn", "forward", name), get(many, "onednn", "forward", name)
        f1, f = get(1, "actdiff", "fused", name), get(many, "actdiff", "fused", name)
        torch_both = two_pass(t, get(many, "libtorch", "backward", name))
        onednn_both = two_pass(o, get(many, "onednn", "backward", name))
        for key, (a, b) in (("actdiff", (g, g1)), ("libtorch", (t, t1)), ("onednn", (o, o1)), ("fused", (f, f1))):
            if a is not None and b is not None:
                ups[key].append(a / b)
        lines.append(f"| {name} | " + " | ".join([fmt(g), ratio(g, g1), fmt(t), ratio(t, t1), fmt(o), ratio(o, o1),
                                                 fmt(f), ratio(f, f1), ratio(f, torch_both), ratio(f, onednn_both)]) + " |")
    lines += ["", "Geometric-mean speed-up on " + str(many) + " threads: " +
              ", ".join(f"{key} {geo(v):.2f}×" for key, v in ups.items() if v) + ".", ""]
    return lines


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
    main(*sys.argv[1:])
