// Every catalog activation's kernels, float32, single thread, N = 2^16 and
// 2^24 (Google Benchmark; items are elements):
//   generated/{forward,backward,fused}/NAME/N   the library's kernels
//   unchecked/{forward,fused}/NAME/N            the kernels' forms without the contract's
//                                               probes: what the contract costs
//   reference/{forward,backward}/NAME/N         src/reference/kernels.hpp
//   libtorch/{forward,backward}/NAME/N          at::*_out and at::*_backward_out,
//                                               where libtorch has the function
//   onednn/{forward,backward}/NAME/N            oneDNN's JIT eltwise primitives
//   xnnpack/forward/NAME/N                      XNNPACK's unary operators (bench/libraries.hpp)
//   scaling/THREADS/...                         parallel calls at 2^24, on 1 thread and all
//   memcpy/{N,1.5N,2N}, copy/{N,1.5N,2N}        the bandwidth bound: memcpy of the
//                                               bytes of a forward, backward and fused
//                                               pass, and a copy loop on batches
//   streams/{backward,fused}/N                  the same bytes on the pass's own streams:
//                                               two in, one or two out
// bash bench/run.sh builds it for this machine, runs it and writes
// bench/RESULTS.md with the ratios (bench/report.py).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>
#if ACTDIFF_BENCH_DNNL
#include <omp.h>
#endif

#if ACTDIFF_BENCH_TORCH
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#endif

#include <actdiff/kernel/elementwise.hpp>
#include <actdiff/catalog/registry.hpp>
#include <actdiff/kernel/softmax.hpp>

#include "../src/reference/kernels.hpp"
#include "../tests/accuracy/ulp.hpp"
#include "libraries.hpp"

namespace {

namespace hana = boost::hana;
using namespace actdiff;

constexpr std::int64_t small = 1 << 16, large = 1 << 24;
constexpr std::size_t softmax_row = 1024;

// Every value of a lattice of 4096 over [−8, 8), in an order that spreads any
// 16 neighbours across the range: i·2481 mod 4096 (2481 is odd, so each block
// of 4096 holds every value once). A batch then mixes signs and magnitudes as
// real data does, and a kernel that branches per batch (tanh's two forms)
// pays for it; the ramp this replaced (step 7) kept 16 neighbours within 0.44.
std::vector<float> inputs(std::size_t n, std::size_t salt = 0) {
    std::vector<float> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = -8.0f + 16.0f * float((i * 2481 + salt) % 4096) / 4096.0f;
    return values;
}

void items(benchmark::State& state) { state.SetItemsProcessed(state.iterations() * state.range(0)); }

// ---- generated: every catalog entry through the registry -------------------------

template <class Entry>
void generated(benchmark::State& state, const Entry& entry, int which, unsigned threads = 0) {
    const std::size_t n = std::size_t(state.range(0));
    hana::unpack(entry.inputs, [&](auto... input_symbols) {
        const auto k = kernel(entry.formula, input_symbols...);
        using K = decltype(k);
        constexpr std::size_t arity = sizeof...(input_symbols);
        std::vector<std::vector<float>> in(arity), grads(arity, std::vector<float>(n));
        for (std::size_t j = 0; j < arity; ++j) in[j] = inputs(n, j);
        std::vector<float> ys(n), gys(n, 1.0f);
        hana::unpack(entry.parameters, [&](const auto&... p) {
            if constexpr (arity == 1) {
                k.forward(in[0], ys, (p.symbol = float(p.value))...);  // the saved output for the backward
                const auto& saved = K::backward_uses_output ? ys : in[0];
                if (threads != 0) {  // the scaling rows: a parallel call on this many threads
                    const parallel_policy policy{.threads = threads};
                    for (auto _ : state) {
                        if (which == 0) k.forward(policy, in[0], ys, (p.symbol = float(p.value))...);
                        if (which == 2) k.forward_backward(policy, in[0], gys, ys, grads[0], (p.symbol = float(p.value))...);
                        benchmark::ClobberMemory();
                    }
                    return;
                }
                for (auto _ : state) {
                    if (which == 0) k.forward(in[0], ys, (p.symbol = float(p.value))...);
                    if (which == 1) k.backward(saved, gys, grads[0], (p.symbol = float(p.value))...);
                    if (which == 2) k.forward_backward(in[0], gys, ys, grads[0], (p.symbol = float(p.value))...);
                    benchmark::ClobberMemory();
                }
            } else {
                for (auto _ : state) {
                    if (which == 0) k.forward(in[0], in[1], ys, (p.symbol = float(p.value))...);
                    if (which == 1) k.backward(in[0], in[1], gys, grads[0], grads[1], (p.symbol = float(p.value))...);
                    if (which == 2) k.forward_backward(in[0], in[1], gys, ys, grads[0], grads[1], (p.symbol = float(p.value))...);
                    benchmark::ClobberMemory();
                }
            }
        });
    });
    items(state);
}

// The same forms as the kernel's, in a plain loop on batches: no probes and no
// guarded path, so that generated ÷ unchecked, measured in the same run, is
// what the kernel contract (docs/kernels.md) costs. Its values are right only
// where nothing overflows; it is a measuring stick, not a kernel.
template <class Entry>
void unchecked(benchmark::State& state, const Entry& entry, int which) {
    const std::size_t n = std::size_t(state.range(0));
    hana::unpack(entry.inputs, [&](auto input_symbol) {
        using K = decltype(kernel(entry.formula, input_symbol));
        using batch = xsimd::batch<float>;
        const auto xs = inputs(n);
        std::vector<float> ys(n), gys(n, 1.0f), gxs(n);
        hana::unpack(entry.parameters, [&](const auto&... p) {
            const auto at_batch = [&](const float* x) {
                return actdiff::at((input_symbol = batch::load_unaligned(x)), (p.symbol = batch(float(p.value)))...);
            };
            for (auto _ : state) {
                for (std::size_t i = 0; i + batch::size <= n; i += batch::size) {
                    if (which == 0) {
                        const auto values = actdiff::detail::evaluate_forms<batch>(at_batch(xs.data() + i), typename K::plan::forward::forms{});
                        values[0].store_unaligned(ys.data() + i);
                    } else {
                        const auto values =
                            actdiff::detail::evaluate_forms<batch>(at_batch(xs.data() + i), typename K::plan::forward_backward::forms{});
                        values[0].store_unaligned(ys.data() + i);
                        (batch::load_unaligned(gys.data() + i) * values[1]).store_unaligned(gxs.data() + i);
                    }
                }
                benchmark::ClobberMemory();
            }
        });
    });
    items(state);
}

template <bool Log>
void generated_rows(benchmark::State& state, const row_softmax_kernel_t<Log>& k, int which) {
    const std::size_t n = std::size_t(state.range(0));
    const auto xs = inputs(n);
    std::vector<float> ys(n), gys(n, 1.0f), gxs(n);
    k.forward(xs, ys, softmax_row);
    for (auto _ : state) {
        if (which == 0) k.forward(xs, ys, softmax_row);
        if (which == 1) k.backward(ys, gys, gxs, softmax_row);
        if (which == 2) k.forward_backward(xs, gys, ys, gxs, softmax_row);
        benchmark::ClobberMemory();
    }
    items(state);
}

// ---- the hand-written reference kernels ------------------------------------------

template <class Reference>
void hand_written(benchmark::State& state, int which) {
    const std::size_t n = std::size_t(state.range(0));
    const auto xs = inputs(n);
    std::vector<float> ys(n), gys(n, 1.0f), gxs(n);
    for (std::size_t i = 0; i < n; ++i) ys[i] = Reference::forward(xs[i]);
    const auto& saved = Reference::saves_output ? ys : xs;
    for (auto _ : state) {
        if (which == 0) {
            for (std::size_t i = 0; i < n; ++i) ys[i] = Reference::forward(xs[i]);
        } else {
            for (std::size_t i = 0; i < n; ++i) gxs[i] = Reference::backward(gys[i], saved[i]);
        }
        benchmark::ClobberMemory();
    }
    items(state);
}

template <class Reference>
void hand_written_gated(benchmark::State& state, int which) {
    const std::size_t n = std::size_t(state.range(0));
    const auto as = inputs(n), bs = inputs(n, 1);
    std::vector<float> ys(n), gys(n, 1.0f), gas(n), gbs(n);
    for (auto _ : state) {
        if (which == 0) {
            for (std::size_t i = 0; i < n; ++i) ys[i] = Reference::forward(as[i], bs[i]);
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                const auto g = Reference::backward(gys[i], as[i], bs[i]);
                gas[i] = g.a;
                gbs[i] = g.b;
            }
        }
        benchmark::ClobberMemory();
    }
    items(state);
}

template <class Reference>
void hand_written_rows(benchmark::State& state, int which) {
    const std::size_t n = std::size_t(state.range(0));
    const auto xs = inputs(n);
    std::vector<float> ys(n), gys(n, 1.0f), gxs(n);
    for (std::size_t r = 0; r < n; r += softmax_row) Reference::forward(xs.data() + r, ys.data() + r, softmax_row);
    for (auto _ : state) {
        for (std::size_t r = 0; r < n; r += softmax_row) {
            if (which == 0) Reference::forward(xs.data() + r, ys.data() + r, softmax_row);
            else Reference::backward(gys.data() + r, ys.data() + r, gxs.data() + r, softmax_row);
        }
        benchmark::ClobberMemory();
    }
    items(state);
}

// ---- libtorch ---------------------------------------------------------------------

#if ACTDIFF_BENCH_TORCH
// Forward: y = f(x); backward: gx from gy and the tensor PyTorch saves.
struct torch_case {
    std::function<void(at::Tensor&, const at::Tensor&)> forward;
    std::function<void(at::Tensor&, const at::Tensor&, const at::Tensor& x, const at::Tensor& y)> backward;
    bool gated = false;
    bool rows = false;
};

void libtorch(benchmark::State& state, const torch_case& c, int which, int threads = 1) {
    at::set_num_threads(threads);
    const std::int64_t n = state.range(0);
    const auto values = inputs(std::size_t(n));
    at::Tensor x = at::from_blob(const_cast<float*>(values.data()), {n}, at::kFloat).clone();
    if (c.gated) x = at::stack({x, x.flip(0)});          // [2, n]: a, then b
    if (c.rows) x = x.view({n / std::int64_t(softmax_row), std::int64_t(softmax_row)});
    at::Tensor y = c.gated ? at::empty({1, n}, at::kFloat) : at::empty_like(x);
    c.forward(y, x);
    at::Tensor gy = at::ones_like(y), gx = at::empty_like(x);
    // Once before timing, as y above: the first call into a fresh gx pays its
    // page faults, which at 2^24 (64 MB) took 250 ms on this machine's VM, and
    // at 0.2 s of minimum time that one call was the whole measurement.
    if (which == 1) c.backward(gx, gy, x, y);
    for (auto _ : state) {
        if (which == 0) c.forward(y, x); else c.backward(gx, gy, x, y);
        benchmark::ClobberMemory();
    }
    items(state);
}

constexpr double selu_alpha = 1.6732632423543772848170429916717, selu_scale = 1.0507009873554804934193349852946;

const std::map<std::string, torch_case>& torch_cases() {
    using T = at::Tensor;
    static const std::map<std::string, torch_case> cases = {
        {"sigmoid", {[](T& y, const T& x) { at::sigmoid_out(y, x); },
                     [](T& gx, const T& gy, const T&, const T& y) { at::sigmoid_backward_out(gx, gy, y); }}},
        {"tanh", {[](T& y, const T& x) { at::tanh_out(y, x); },
                  [](T& gx, const T& gy, const T&, const T& y) { at::tanh_backward_out(gx, gy, y); }}},
        {"relu", {[](T& y, const T& x) { at::clamp_min_out(y, x, 0); },
                  [](T& gx, const T& gy, const T&, const T& y) { at::threshold_backward_out(gx, gy, y, 0); }}},
        {"relu6", {[](T& y, const T& x) { at::hardtanh_out(y, x, 0, 6); },
                   [](T& gx, const T& gy, const T& x, const T&) { at::hardtanh_backward_out(gx, gy, x, 0, 6); }}},
        {"leaky_relu", {[](T& y, const T& x) { at::leaky_relu_out(y, x, 0.01); },
                        [](T& gx, const T& gy, const T& x, const T&) { at::leaky_relu_backward_out(gx, gy, x, 0.01, false); }}},
        {"elu", {[](T& y, const T& x) { at::elu_out(y, x, 1, 1, 1); },
                 [](T& gx, const T& gy, const T& x, const T&) { at::elu_backward_out(gx, gy, 1, 1, 1, false, x); }}},
        {"selu", {[](T& y, const T& x) { at::elu_out(y, x, selu_alpha, selu_scale, 1); },
                  [](T& gx, const T& gy, const T& x, const T&) {
                      at::elu_backward_out(gx, gy, selu_alpha, selu_scale, 1, false, x);
                  }}},
        {"celu", {[](T& y, const T& x) { at::elu_out(y, x, 1, 1, 1); },
                  [](T& gx, const T& gy, const T& x, const T&) { at::elu_backward_out(gx, gy, 1, 1, 1, false, x); }}},
        {"gelu", {[](T& y, const T& x) { at::gelu_out(y, x, "none"); },
                  [](T& gx, const T& gy, const T& x, const T&) { at::gelu_backward_out(gx, gy, x, "none"); }}},
        {"gelu_tanh", {[](T& y, const T& x) { at::gelu_out(y, x, "tanh"); },
                       [](T& gx, const T& gy, const T& x, const T&) { at::gelu_backward_out(gx, gy, x, "tanh"); }}},
        {"silu", {[](T& y, const T& x) { at::silu_out(y, x); },
                  [](T& gx, const T& gy, const T& x, const T&) { at::silu_backward_out(gx, gy, x); }}},
        {"mish", {[](T& y, const T& x) { at::mish_out(y, x); },
                  [](T& gx, const T& gy, const T& x, const T&) { gx = at::mish_backward(gy, x); }}},
        {"softplus", {[](T& y, const T& x) { at::softplus_out(y, x, 1, 20); },
                      [](T& gx, const T& gy, const T& x, const T&) { at::softplus_backward_out(gx, gy, x, 1, 20); }}},
        {"hardtanh", {[](T& y, const T& x) { at::hardtanh_out(y, x, -1, 1); },
                      [](T& gx, const T& gy, const T& x, const T&) { at::hardtanh_backward_out(gx, gy, x, -1, 1); }}},
        {"hardsigmoid", {[](T& y, const T& x) { at::hardsigmoid_out(y, x); },
                         [](T& gx, const T& gy, const T& x, const T&) { at::hardsigmoid_backward_out(gx, gy, x); }}},
        {"hardswish", {[](T& y, const T& x) { at::hardswish_out(y, x); },
                       [](T& gx, const T& gy, const T& x, const T&) { gx = at::hardswish_backward(gy, x); }}},
        {"prelu", {[](T& y, const T& x) { y = at::prelu(x, at::full({1}, 0.25f)); },
                   [](T& gx, const T& gy, const T& x, const T&) {
                       gx = std::get<0>(at::prelu_backward(gy, x, at::full({1}, 0.25f)));
                   }}},
        {"glu", {[](T& y, const T& x) { at::glu_out(y, x, 0); },
                 [](T& gx, const T& gy, const T& x, const T&) { at::glu_backward_out(gx, gy, x, 0); }, true}},
        {"softmax", {[](T& y, const T& x) { at::_softmax_out(y, x, 1, false); },
                     [](T& gx, const T& gy, const T&, const T& y) {
                         at::_softmax_backward_data_out(gx, gy, y, 1, at::kFloat);
                     }, false, true}},
        {"log_softmax", {[](T& y, const T& x) { at::_log_softmax_out(y, x, 1, false); },
                         [](T& gx, const T& gy, const T&, const T& y) {
                             at::_log_softmax_backward_data_out(gx, gy, y, 1, at::kFloat);
                         }, false, true}},
    };
    return cases;
}
#endif

// ---- oneDNN and XNNPACK ------------------------------------------------------------

void library(benchmark::State& state, const libraries::activation& a, int which, int threads = 1) {
#if ACTDIFF_BENCH_DNNL
    omp_set_num_threads(threads);  // oneDNN's; XNNPACK runs on the caller's thread
#endif
    (void)threads;
    const std::size_t n = std::size_t(state.range(0));
    const auto kernels = a.prepare(n);
    const auto xs = inputs(n);
    std::vector<float> ys(n), gys(n, 1.0f), gxs(n);
    kernels.forward(xs.data(), ys.data());
    for (auto _ : state) {
        if (which == 0) kernels.forward(xs.data(), ys.data());
        else kernels.backward(xs.data(), ys.data(), gys.data(), gxs.data());
        benchmark::ClobberMemory();
    }
    items(state);
}

// Accuracy beside speed: the largest error in ULP of f and f' over a sweep of
// every binade from 2^−40 to 2^12 (tests/accuracy/ulp.hpp), against the
// formula in double, recorded in the JSON's context as
// "accuracy/LIBRARY/NAME": "f_ulps f_at df_ulps df_at" (df: – where the
// library has no backward). f' is what a backward gives for gy = 1.
// Both count where the value is a normal float: a result flushed to zero is
// an error, a subnormal one is not measured. f' also counts only 1/16 or
// more away from its zeros (relative beyond 1), as the bound reads:
// next to a zero, f' is a difference of nearly equal terms, and every
// library's error in ULP grows without bound (docs/accuracy.md).
constexpr int accuracy_log2_step = 12;

std::string error_text(const accuracy::worst& f, const accuracy::worst* df) {
    char text[128];
    if (df) std::snprintf(text, sizeof text, "%.4g %.6g %.4g %.6g", f.ulps, f.at, df->ulps, df->at);
    else std::snprintf(text, sizeof text, "%.4g %.6g - -", f.ulps, f.at);
    return text;
}

// Which inputs count for f (index 0) or f' (index 1), as above.
std::vector<bool> counted(const std::vector<float>& xs, const std::vector<std::array<long double, 2>>& exact, std::size_t index) {
    const long double normal = std::numeric_limits<float>::min();
    std::vector<bool> out(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) out[i] = std::abs(exact[i][index]) >= normal;
    if (index == 0) return out;
    std::vector<std::size_t> order(xs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return xs[a] < xs[b]; });
    for (std::size_t k = 1; k < order.size(); ++k) {
        const long double left = exact[order[k - 1]][1], right = exact[order[k]][1];
        if (!((left < 0 && right > 0) || (left > 0 && right < 0))) continue;
        const double zero = xs[order[k]], radius = std::max(1.0, std::abs(zero)) / 16;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            if (std::abs(double(xs[i]) - zero) < radius) out[i] = false;
        }
    }
    return out;
}

template <class Entry>
void record_accuracy(const Entry& entry, const std::vector<libraries::activation>& others) {
    const std::string name(entry.name);
    const auto xs = accuracy::sweep<float>(accuracy_log2_step);
    const auto exact = accuracy::references(entry, xs);
    const auto f_counted = counted(xs, exact, 0), df_counted = counted(xs, exact, 1);
    std::vector<float> ys(xs.size()), gys(xs.size(), 1.0f), gxs(xs.size());
    hana::unpack(entry.inputs, [&](auto input) {
        hana::unpack(entry.parameters, [&](const auto&... p) {
            kernel(entry.formula, input).forward_backward(xs, gys, ys, gxs, (p.symbol = float(p.value))...);
        });
    });
    const auto f = accuracy::largest_error(xs, ys, exact, 0, f_counted);
    const auto df = accuracy::largest_error(xs, gxs, exact, 1, df_counted);
    benchmark::AddCustomContext("accuracy/actdiff/" + name, error_text(f, &df));
    for (const auto& other : others) {
        if (other.name != name) continue;
        const auto kernels = other.prepare(xs.size());
        kernels.forward(xs.data(), ys.data());
        const auto library_f = accuracy::largest_error(xs, ys, exact, 0, f_counted);
        if (kernels.backward) {
            kernels.backward(xs.data(), ys.data(), gys.data(), gxs.data());
            const auto library_df = accuracy::largest_error(xs, gxs, exact, 1, df_counted);
            benchmark::AddCustomContext("accuracy/" + other.library + "/" + name, error_text(library_f, &library_df));
        } else {
            benchmark::AddCustomContext("accuracy/" + other.library + "/" + name, error_text(library_f, nullptr));
        }
    }
}

#if ACTDIFF_BENCH_TORCH
// libtorch's one-input kernels behind the same interface, for their accuracy.
libraries::activation torch_activation(const std::string& name, const torch_case& c) {
    return {"libtorch", name, [&c](std::size_t n) {
                const auto tensor = [n](const float* p) {
                    return at::from_blob(const_cast<float*>(p), {std::int64_t(n)}, at::kFloat);
                };
                const auto copy_out = [n](const at::Tensor& result, float* out) {  // some cases return a new tensor
                    if (result.data_ptr() != out) std::memcpy(out, result.contiguous().data_ptr<float>(), n * sizeof(float));
                };
                libraries::prepared p;
                p.forward = [&c, tensor, copy_out](const float* x, float* y) {
                    at::Tensor out = tensor(y);
                    c.forward(out, tensor(x));
                    copy_out(out, y);
                };
                p.backward = [&c, tensor, copy_out](const float* x, const float* y, const float* gy, float* gx) {
                    at::Tensor out = tensor(gx);
                    c.backward(out, tensor(gy), tensor(x), tensor(y));
                    copy_out(out, gx);
                };
                return p;
            }};
}
#endif

// The bytes of `halves` halves of N floats (2: a forward's x and y; 3: a
// backward's; 4: a fused pass's), copied by memcpy.
void memcpy_bound(benchmark::State& state, std::size_t halves) {
    const std::size_t n = std::size_t(state.range(0)) * halves / 2;
    const auto xs = inputs(n);
    std::vector<float> ys(n);
    for (auto _ : state) {
        std::memcpy(ys.data(), xs.data(), n * sizeof(float));
        benchmark::ClobberMemory();
    }
    items(state);
}

// The same bytes through xsimd batches: glibc's memcpy on large buffers uses
// non-temporal stores, which on this machine are slower than a plain copy.
void copy_bound(benchmark::State& state, std::size_t halves) {
    using batch = xsimd::batch<float>;
    const std::size_t n = std::size_t(state.range(0)) * halves / 2;
    const auto xs = inputs(n);
    std::vector<float> ys(n);
    for (auto _ : state) {
        std::size_t i = 0;
        for (; i + batch::size <= n; i += batch::size) batch::load_unaligned(xs.data() + i).store_unaligned(ys.data() + i);
        for (; i < n; ++i) ys[i] = xs[i];
        benchmark::ClobberMemory();
    }
    items(state);
}

// A pass's bytes on its own streams, allocated as the kernels' are: a backward
// reads two arrays and writes one (their sum, the least work that reads both),
// a fused pass copies two arrays into two. Four streams at once run slower than
// one copy of the same bytes; this is the bound a kernel can reach.
void streams_bound(benchmark::State& state, std::size_t outputs) {
    using batch = xsimd::batch<float>;
    const std::size_t n = std::size_t(state.range(0));
    std::vector<float> out2(n);
    const auto xs = inputs(n);
    std::vector<float> out1(n);
    const auto gys = inputs(n, 1);
    for (auto _ : state) {
        std::size_t i = 0;
        for (; i + batch::size <= n; i += batch::size) {
            const auto a = batch::load_unaligned(xs.data() + i), b = batch::load_unaligned(gys.data() + i);
            if (outputs == 1) {
                (a + b).store_unaligned(out1.data() + i);
            } else {
                a.store_unaligned(out1.data() + i);
                b.store_unaligned(out2.data() + i);
            }
        }
        for (; i < n; ++i) {
            out1[i] = outputs == 1 ? xs[i] + gys[i] : xs[i];
            if (outputs == 2) out2[i] = gys[i];
        }
        benchmark::ClobberMemory();
    }
    items(state);
}

template <class Function>
void add(const std::string& name, Function function) {
    benchmark::RegisterBenchmark(name.c_str(), function)->Arg(small)->Arg(large);
}

// All cores: at 2^24 only, actdiff's parallel calls against libtorch and
// oneDNN on as many threads, each also on one thread in the same run:
//   scaling/THREADS/{actdiff,libtorch,onednn}/{forward,backward,fused}/NAME/N
// (real time: the threads' work is what the caller waits for).
const std::vector<std::string> scaled = {"sigmoid", "tanh", "relu", "elu", "gelu", "gelu_tanh", "silu", "mish", "softplus"};
bool is_scaled(const std::string& name) { return std::find(scaled.begin(), scaled.end(), name) != scaled.end(); }
std::vector<unsigned> thread_counts() {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    return cores == 1 ? std::vector<unsigned>{1} : std::vector<unsigned>{1, cores};
}
template <class Function>
void add_scaling(unsigned threads, const std::string& rest, Function function) {
    benchmark::RegisterBenchmark(("scaling/" + std::to_string(threads) + "/" + rest).c_str(), function)->Arg(large)->UseRealTime();
}

// PReLU's reference with its weight at the default 0.25.
struct prelu_at_default {
    static float forward(float x) { return reference::prelu::forward(x, 0.25f); }
    static float backward(float g, float x) { return reference::prelu::backward(g, x, 0.25f); }
    static constexpr bool saves_output = false;
};

// The reference kernel of each catalog entry, by name.
template <class Visit>
void with_reference(std::string_view name, Visit visit) {
#define ACTDIFF_REFERENCE(id) \
    if (name == #id) return visit(reference::id{});
    ACTDIFF_REFERENCE(threshold) ACTDIFF_REFERENCE(sigmoid) ACTDIFF_REFERENCE(tanh) ACTDIFF_REFERENCE(relu)
    ACTDIFF_REFERENCE(relu6) ACTDIFF_REFERENCE(leaky_relu) ACTDIFF_REFERENCE(elu) ACTDIFF_REFERENCE(selu)
    ACTDIFF_REFERENCE(celu) ACTDIFF_REFERENCE(gelu) ACTDIFF_REFERENCE(gelu_tanh) ACTDIFF_REFERENCE(gelu_sigmoid)
    ACTDIFF_REFERENCE(mish) ACTDIFF_REFERENCE(softplus) ACTDIFF_REFERENCE(softsign) ACTDIFF_REFERENCE(hardtanh)
    ACTDIFF_REFERENCE(hardsigmoid) ACTDIFF_REFERENCE(hardswish) ACTDIFF_REFERENCE(glu) ACTDIFF_REFERENCE(swiglu)
    ACTDIFF_REFERENCE(geglu) ACTDIFF_REFERENCE(log_sigmoid) ACTDIFF_REFERENCE(snake)
#undef ACTDIFF_REFERENCE
    if (name == "silu" || name == "swish") return visit(reference::swish{});
    if (name == "prelu") return visit(prelu_at_default{});
}

template <class R>
constexpr bool gated_reference = requires { R::forward(0.0f, 0.0f).a; } || requires { R::backward(0.0f, 0.0f, 0.0f).a; };

}  // namespace

int main(int argc, char** argv) {
    const char* parts[] = {"forward", "backward", "fused"};
    libraries::defaults defaults;
    hana::for_each(catalog::registry, [&](const auto& entry) {
        auto& mine = defaults[std::string(entry.name)];
        hana::for_each(entry.parameters, [&](const auto& p) {
            mine[std::string(decltype(p.symbol)::name.view())] = p.value;
        });
    });
    const auto others = libraries::all(defaults);
    auto measured = others;  // and libtorch, whose speed the libtorch/ rows measure
#if ACTDIFF_BENCH_TORCH
    for (const auto& [name, c] : torch_cases()) {
        if (!c.gated && !c.rows) measured.push_back(torch_activation(name, c));
    }
#endif
#if ACTDIFF_BENCH_DNNL
    benchmark::AddCustomContext("onednn_isa", libraries::onednn_isa());
#endif
    for (const auto& other : others) {
        for (int which : {0, 1}) {
            if (which == 1 && !other.prepare(16).backward) continue;
            add(other.library + "/" + parts[which] + "/" + other.name,
                [&other, which](benchmark::State& state) { library(state, other, which); });
            if (other.library != "onednn" || !is_scaled(other.name)) continue;
            for (const unsigned threads : thread_counts()) {
                add_scaling(threads, "onednn/" + std::string(parts[which]) + "/" + other.name,
                            [&other, which, threads](benchmark::State& state) { library(state, other, which, int(threads)); });
            }
        }
    }
    hana::for_each(catalog::registry, [&](const auto& entry) {
        const std::string name(entry.name);
        for (int which : {0, 1, 2}) {
            add("generated/" + std::string(parts[which]) + "/" + name,
                [entry, which](benchmark::State& state) { generated(state, entry, which); });
        }
        if constexpr (decltype(hana::length(entry.inputs))::value == 1) {
            for (int which : {0, 2}) {
                add("unchecked/" + std::string(parts[which]) + "/" + name,
                    [entry, which](benchmark::State& state) { unchecked(state, entry, which); });
            }
        }
        if constexpr (decltype(hana::length(entry.inputs))::value == 1) record_accuracy(entry, measured);
        if (is_scaled(name)) {
            for (const unsigned threads : thread_counts()) {
                for (int which : {0, 2}) {
                    add_scaling(threads, "actdiff/" + std::string(parts[which]) + "/" + name,
                                [entry, which, threads](benchmark::State& state) { generated(state, entry, which, threads); });
                }
            }
        }
        with_reference(name, [&](auto r) {
            using R = decltype(r);
            for (int which : {0, 1}) {
                if constexpr (gated_reference<R>) {
                    add("reference/" + std::string(parts[which]) + "/" + name,
                        [which](benchmark::State& state) { hand_written_gated<R>(state, which); });
                } else {
                    add("reference/" + std::string(parts[which]) + "/" + name,
                        [which](benchmark::State& state) { hand_written<R>(state, which); });
                }
            }
        });
    });
    for (int which : {0, 1, 2}) {
        add("generated/" + std::string(parts[which]) + "/softmax",
            [which](benchmark::State& state) { generated_rows(state, softmax_kernel, which); });
        add("generated/" + std::string(parts[which]) + "/log_softmax",
            [which](benchmark::State& state) { generated_rows(state, log_softmax_kernel, which); });
    }
    for (int which : {0, 1}) {
        add("reference/" + std::string(parts[which]) + "/softmax",
            [which](benchmark::State& state) { hand_written_rows<reference::softmax>(state, which); });
        add("reference/" + std::string(parts[which]) + "/log_softmax",
            [which](benchmark::State& state) { hand_written_rows<reference::log_softmax>(state, which); });
    }
#if ACTDIFF_BENCH_TORCH
    for (const auto& [name, c] : torch_cases()) {
        for (int which : {0, 1}) {
            add("libtorch/" + std::string(parts[which]) + "/" + name,
                [&c = c, which](benchmark::State& state) { libtorch(state, c, which); });
            if (!is_scaled(name)) continue;
            for (const unsigned threads : thread_counts()) {
                add_scaling(threads, "libtorch/" + std::string(parts[which]) + "/" + name,
                            [&c = c, which, threads](benchmark::State& state) { libtorch(state, c, which, int(threads)); });
            }
        }
    }
#endif
    for (const auto& [size, halves] : {std::pair{"N", 2}, std::pair{"1.5N", 3}, std::pair{"2N", 4}}) {
        add(std::string("memcpy/") + size, [halves](benchmark::State& state) { memcpy_bound(state, std::size_t(halves)); });
        add(std::string("copy/") + size, [halves](benchmark::State& state) { copy_bound(state, std::size_t(halves)); });
    }
    add("streams/backward", [](benchmark::State& state) { streams_bound(state, 1); });
    add("streams/fused", [](benchmark::State& state) { streams_bound(state, 2); });
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
}
