// Elementwise kernels of an activation, in one or several inputs. With xsimd
// (Debian's libxsimd-dev) the main loop runs on xsimd::batch<T> and the tail on
// scalars; without it, or with ACTDIFF_NO_SIMD defined, every element is scalar.
//   constexpr auto k = kernel(swish(x, beta), x);
//   k.forward(xs, ys, beta = 1.0f);                     ys[i] = f(xs[i])
//   k.backward(saved, gys, gxs, beta = 1.0f);           gxs[i] = gys[i]·f'(·); saved is y when
//                                                       k.backward_uses_output, else x
//   k.forward_backward(xs, gys, ys, gxs, beta = 1.0f);  both in one pass
//   k.param_grad(beta, xs, gys, beta = 1.0f)            Σ gys[i]·∂f/∂β(xs[i])
// Each call may take an execution policy first (kernel/parallel.hpp):
//   k.forward(parallel, xs, ys, beta = 1.0f);            over the machine's threads
// Gated units take one range per input, in the order the inputs are named:
//   constexpr auto g = kernel(swiglu(a, b), a, b);
//   g.forward(as, bs, ys);  g.backward(as, bs, gys, gas, gbs);
//   g.forward_backward(as, bs, gys, ys, gas, gbs);
// Each element computes every distinct subexpression of f and its derivatives
// once, in the lowered forms of evaluation/fused.hpp (σ and softplus share one
// overflow-free exp). Ranges are any contiguous ranges (std::vector, std::span,
// arrays) of float or double; mismatched lengths throw std::length_error.
#pragma once

#include <array>
#include <cmath>
#include <algorithm>
#include <cstddef>
#include <functional>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/evaluation/fused.hpp>
#include <actdiff/algorithm/in_terms_of.hpp>
#include <actdiff/algorithm/simplify.hpp>

#include <actdiff/kernel/parallel.hpp>
#include <actdiff/kernel/plan.hpp>
#include <actdiff/numeric/extended.hpp>
#include <actdiff/numeric/xsimd.hpp>

namespace actdiff {

namespace detail {

// The main loop over whole SIMD batches of T, then the tail element by
// element: body.template operator()<V>(i) handles elements i .. i + width(V).
// The length of the scalar tail that follows the whole batches of a loop
// over [begin, end). Tails count down from it: a count below the batch width
// is a bound g++ -O3 can see, where `i < end` after the batch loop is not (it
// then warns of 2^62 iterations once the length is a known constant,
// -Waggressive-loop-optimizations).
template <class T>
constexpr std::size_t tail_length(std::size_t begin, std::size_t end) {
#if ACTDIFF_KERNEL_SIMD
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) return (end - begin) % xsimd::batch<T>::size;
#endif
    return end - begin;
}

template <class T, class Body>
void over_range(std::size_t begin, std::size_t end, Body&& body) {
    std::size_t i = begin;
#if ACTDIFF_KERNEL_SIMD
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        using batch = xsimd::batch<T>;
        for (; i + batch::size <= end; i += batch::size) body.template operator()<batch>(i);
    }
#endif
    for (std::size_t k = tail_length<T>(begin, end); k > 0; --k, ++i) body.template operator()<T>(i);
}
template <class T, class Body>
void over_elements(std::size_t n, Body body) {
    over_range<T>(0, n, body);
}

// The elements a kernel's probes are accumulated over, and the unit of a
// parallel call's blocks (kernel/parallel.hpp).
inline constexpr std::size_t chunk_length = 4096;

// ---- values at the edges of the float range ------------------------------------
// Scalars and xsimd batches alike.
template <class V>
auto is_nan(const V& v) {
    if constexpr (std::is_floating_point_v<V>) return std::isnan(v); else return xsimd::isnan(v);
}
template <class V>
auto is_infinite(const V& v) {
    if constexpr (std::is_floating_point_v<V>) return std::isinf(v); else return xsimd::isinf(v);
}
template <class M>
bool any_lane(const M& mask) {
    if constexpr (std::is_same_v<M, bool>) return mask; else return xsimd::any(mask);
}
template <class M>
M either(const M& a, const M& b) {
    if constexpr (std::is_same_v<M, bool>) return a || b; else return a | b;
}
template <class M, class... Ms>
M any_of(M first, const Ms&... rest) {
    ((first = either(first, rest)), ...);
    return first;
}
template <class M>
M both(const M& a, const M& b) {
    if constexpr (std::is_same_v<M, bool>) return a && b; else return a & b;
}
// Whether an element's values need the guarded path (element_values): a
// checked value is NaN or infinite, which makes their sum so, or a watched
// call underflowed below T's smallest normal number.
template <class T, class V>
auto needs_guard(const V& sum, const V& least) {
    return any_of(is_nan(sum), is_infinite(sum), least < V(std::numeric_limits<T>::min()));
}

// A kernel body's request for the staged calls' values at an element
// (evaluation/fused.hpp), and the elements of one staged block: 16 AVX-512
// batches of float, whose staged values stay in L1.
struct stage_pass {};
inline constexpr std::size_t stage_block = 256;
template <class... Staged>
inline constexpr bool is_stage_pass_v = (std::is_same_v<Staged, stage_pass> || ...);

// What the fast mode watches per element: the sum of the inputs and of the
// checked values (not finite when one is NaN or infinite, or, harmlessly, when
// the sum itself overflows), and the least watched value (below the smallest
// normal number when one underflowed); see element_values.
template <class V, bool Watches = true>
struct probe {
    static constexpr bool watches = Watches;  // false: nothing to watch, least is 1
    V sum;
    V least;
};

// The guarded run of a flagged chunk, and the scalar tail, out of line: they
// stay out of the fast loop's code.
template <class T, class Body>
[[gnu::noinline]] void guarded_range(std::size_t begin, std::size_t end, const Body& body) {
    over_range<T>(begin, end, [&]<class V>(std::size_t i) { body.template operator()<V, false>(i); });
}
template <class V, class Body>
[[gnu::noinline]] void guarded_batch(std::size_t i, const Body& body) {
    body.template operator()<V, false>(i);
}
template <class T, class Body>
[[gnu::noinline]] bool fast_scalars(std::size_t begin, std::size_t end, const Body& body) {
    T sum = 0, least = 1;
    for (std::size_t i = begin; i < end; ++i) {
        const auto p = body.template operator()<T, true>(i);
        sum += p.sum;
        if constexpr (decltype(p)::watches) least = p.least < least ? p.least : least;
    }
    return !needs_guard<T>(sum, least);
}

// The fast run of one chunk: whether its probes are clean. Flattened, so that
// every call in it (exp, σ, the fused state) is inlined whatever the size of
// the formula: a call would spill every vector register around it, and
// measured 2x slower on σ-family kernels. Not under AddressSanitizer: every
// inlined call is instrumented again, and g++ then took over 2.5 times as long
// on a test file (tests/accuracy/bounds.cpp: more than 12 minutes against 4.8);
// a sanitized build checks correctness, not speed.
#if defined(__SANITIZE_ADDRESS__)
#define ACTDIFF_FLATTEN
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ACTDIFF_FLATTEN
#endif
#endif
#ifndef ACTDIFF_FLATTEN
#define ACTDIFF_FLATTEN [[gnu::flatten]]
#endif
//
// With Recheck, the chunk is one whose probes flagged an element: each batch
// runs fast again, and only a batch whose own probe flags runs guarded. The
// guarded body alone runs at a third of the fast one's speed, so a chunk with
// one huge input among 4096 would otherwise cost three times as much.
template <class T, bool Recheck = false, class Body>
ACTDIFF_FLATTEN bool fast_chunk(std::size_t begin, std::size_t end, const Body& kernel_body) {
    const Body body = kernel_body;  // a local copy, which no store can alias: its pointers stay in registers
    std::size_t i = begin;
    bool clean = true;
#if ACTDIFF_KERNEL_SIMD
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        using batch = xsimd::batch<T>;
        // Two accumulators apart, so that no addition waits on the one before:
        // one chain bounds a cheap kernel (relu) at a batch per addition's latency.
        batch sum0(T(0)), sum1(T(0)), least0(T(1)), least1(T(1));
        const auto take = [&](batch& sums, batch& leasts, std::size_t at, const auto&... staged) {
            const auto p = body.template operator()<batch, true>(at, staged...);
            sums += p.sum;
            if constexpr (decltype(p)::watches) leasts = xsimd::min(leasts, p.least);
            if constexpr (Recheck) {
                if (xsimd::any(needs_guard<T>(p.sum, p.least))) guarded_batch<batch>(at, body);
            }
        };
        // Staged calls (evaluation/fused.hpp): a block's first pass, then the rest.
        using staged = decltype(body.template operator()<batch, true>(i, stage_pass{}));
        if constexpr (std::tuple_size_v<staged> > 0 && !Recheck) {  // a recheck's code stays small
            constexpr std::size_t batches = stage_block / batch::size;
            for (; i + stage_block <= end; i += stage_block) {
                staged values[batches];
                for (std::size_t j = 0; j < batches; ++j) {
                    values[j] = body.template operator()<batch, true>(i + j * batch::size, stage_pass{});
                }
                for (std::size_t j = 0; j < batches; j += 2) {
                    take(sum0, least0, i + j * batch::size, values[j]);
                    take(sum1, least1, i + (j + 1) * batch::size, values[j + 1]);
                }
            }
        }
        for (; i + 2 * batch::size <= end; i += 2 * batch::size) {
            take(sum0, least0, i);
            take(sum1, least1, i + batch::size);
        }
        if (i + batch::size <= end) {
            take(sum0, least0, i);
            i += batch::size;
        }
        // xsimd 8 has a horizontal sum and no horizontal minimum.
        const T sum = xsimd::hadd(sum0 + sum1);
        alignas(64) T lanes[batch::size];
        xsimd::min(least0, least1).store_aligned(lanes);
        T least = 1;
        for (const T lane : lanes) least = lane < least ? lane : least;
        clean = !needs_guard<T>(sum, least);
    }
#endif
    if constexpr (Recheck) {
        guarded_range<T>(i, end, body);
        return true;
    }
    return clean && (i == end || fast_scalars<T>(i, end, body));
}

// Elementwise kernels run each chunk of the range fast first: no per-element
// guards, only the probes, one addition per checked value and a minimum per
// watched one. A chunk whose probes flag an element is run again with the
// guards of element_values. body.template operator()<V, Fast>(i) returns its
// probe; with stage_pass{} it returns the staged calls' values at i instead,
// and given those values it computes the rest (the fast loop's staged blocks). In-place calls (an output aliasing an input) and calls with a
// parameter that is not a number take the guarded path.
template <class T, class Policy, class Body>
void over_elements_checked(const Policy& policy, std::size_t n, bool guarded, Body body) {
    over_blocks(policy, n, chunk_length, [&](std::size_t first, std::size_t last) {
        for (std::size_t begin = first; begin < last; begin += chunk_length) {
            const std::size_t end = std::min(last, begin + chunk_length);
            if (guarded) {
                guarded_range<T>(begin, end, body);
            } else if (!fast_chunk<T>(begin, end, body)) {
                fast_chunk<T, true>(begin, end, body);
            }
        }
    });
}

// Whether any parameter's value is of a kind: not finite (the fast path's
// proofs that a value cannot overflow, evaluation/fused.hpp, take the
// parameters as finite) or NaN (every value is then undefined).
template <class Params, class Kind>
bool any_parameter(const Params& params, Kind kind) {
    return std::apply(
        [&](const auto&... p) {
            [[maybe_unused]] const auto of_kind = [&](const auto& v) {
                if constexpr (std::is_floating_point_v<std::remove_cvref_t<decltype(v)>>) return kind(v); else return false;
            };
            return (of_kind(p.value) || ...);
        },
        params);
}
template <class Params>
bool finite_parameters(const Params& params) {
    return !any_parameter(params, [](auto v) { return !std::isfinite(v); });
}
template <class Params>
bool nan_parameter(const Params& params) {
    return any_parameter(params, [](auto v) { return std::isnan(v); });
}

// Whether any range of one tuple of spans overlaps any of the other.
template <class Outputs, class Inputs>
bool overlap(const Outputs& outputs, const Inputs& inputs) {
    using extent = std::pair<const void*, const void*>;
    const auto extents = [](const auto& spans) {
        return std::apply([](const auto&... s) { return std::array<extent, sizeof...(s)>{extent{s.data(), s.data() + s.size()}...}; },
                          spans);
    };
    const std::less<const void*> before;
    for (const extent& o : extents(outputs)) {
        for (const extent& i : extents(inputs)) {
            if (before(o.first, i.second) && before(i.first, o.second)) return true;
        }
    }
    return false;
}

// Named apart from xsimd's load/store, which argument-dependent lookup would
// prefer, and which require aligned memory.
template <class V, class T>
V load_unaligned(const T* at) {
    if constexpr (std::is_same_v<V, T>) return *at; else return V::load_unaligned(at);
}
template <class V, class T>
void store_unaligned(T* at, const V& value) {
    if constexpr (std::is_same_v<V, T>) *at = value; else value.store_unaligned(at);
}
template <class V>
double lane_sum(const V& value) {
    if constexpr (std::is_arithmetic_v<V>) return double(value); else return double(xsimd::hadd(value));  // xsimd 8: the horizontal sum
}

// ---- a call's arguments: ranges by position, then parameter bindings -----------

template <std::size_t First, class Tuple, std::size_t... I>
constexpr auto spans_at(const Tuple& args, std::index_sequence<I...>) {
    return std::tuple{std::span{std::get<First + I>(args)}...};
}

// The ranges' first elements. The loops read these copies, not the spans: an
// intrinsic's store may alias anything, so a span read through a reference
// would be read again after every store.
template <class Spans>
constexpr auto data_of(const Spans& spans) {
    return std::apply([](const auto&... s) { return std::tuple{s.data()...}; }, spans);
}
template <std::size_t First, class Tuple, std::size_t... I>
constexpr auto bindings_from(const Tuple& args, std::index_sequence<I...>) {
    return std::tuple<std::remove_cvref_t<std::tuple_element_t<First + I, Tuple>>...>{std::get<First + I>(args)...};
}

// One element type for all the ranges of a call: float or double.
template <class Tuple>
struct element_of_spans;
template <class... Spans>
struct element_of_spans<std::tuple<Spans...>> {
    using type = std::common_type_t<std::remove_cv_t<typename Spans::element_type>...>;
};
template <class... Tuples>
using element_of_t = typename element_of_spans<decltype(std::tuple_cat(std::declval<Tuples>()...))>::type;

template <class... Tuples>
std::size_t same_lengths(const char* call, const Tuples&... ranges) {
    return std::apply(
        [call](const auto&... spans) {
            const std::size_t sizes[] = {spans.size()...};
            for (std::size_t n : sizes) {
                if (n != sizes[0]) throw std::length_error(std::string("actdiff kernel ") + call + ": ranges differ in length");
            }
            return sizes[0];
        },
        std::tuple_cat(ranges...));
}

template <class V>
constexpr std::size_t lanes() {
    if constexpr (std::is_floating_point_v<V>) return 1; else return V::size;
}
// The double counterpart of a float batch: the same instruction set, half the lanes.
template <class V>
struct wider {
    using type = double;
};
#if ACTDIFF_KERNEL_SIMD
template <class A>
struct wider<xsimd::batch<float, A>> {
    using type = xsimd::batch<double, A>;
};
#endif
template <class V, class T>
std::array<T, lanes<V>()> lanes_of(const V& v) {
    std::array<T, lanes<V>()> out{};
    if constexpr (std::is_floating_point_v<V>) out[0] = v; else v.store_unaligned(out.data());
    return out;
}
template <class V, class T>
V from_lanes(const std::array<T, lanes<V>()>& values) {
    if constexpr (std::is_floating_point_v<V>) return values[0]; else return V::load_unaligned(values.data());
}
// Inputs standing in for ±∞: 2^e, 2^(e+1), 2^(e+2), 2^(e+3), far beyond T's
// range, still within long double's so that sin and cos have values there.
template <class T>
inline constexpr int limit_exponent = std::is_same_v<T, float> ? 200 : 2000;
inline constexpr int limit_points = 4;

// The limit of a formula's values at growing inputs, as T: their common value
// once rounded to T; ±∞ when they grow in magnitude with one sign (log x); NaN
// when they disagree otherwise (sin x has no limit).
template <class T>
T limit_of(const std::array<extended, limit_points>& values) {
    const T last = values[limit_points - 1].as<T>();
    bool same = true, growing = true;
    for (std::size_t k = 0; k + 1 < limit_points; ++k) {
        const T value = values[k].as<T>();
        same = same && (value == last || (std::isnan(value) && std::isnan(last)));
        growing = growing && values[k].is_finite() && abs(values[k + 1]) > abs(values[k]) &&
                  values[k + 1].negative() == values[k].negative();
    }
    if (same) return last;
    if (growing) return values[0].negative() ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
    return std::numeric_limits<T>::quiet_NaN();
}

// The values of formulas at element i: each input symbol bound to its range's
// value, then the parameters. The kernel contract (docs/kernels.md): a value
// is NaN only where the mathematics leaves it undefined, ±∞ only where the
// value or limit is, and never an overflow or underflow inside the formula
// turned into a wrong result. Three rules keep it, with no case per formula:
//  - a NaN input gives NaN (max(x, 0) alone would give 0);
//  - an element whose inputs are numbers, but where some subexpression left
//    the finite range, a call underflowed below the smallest normal number
//    (x·σ(x) near x = −90 in float), or the value is NaN (x² overflows in squareplus at
//    −10^30; TanhExp' holds x·e^x·0 at 10^30), is computed again, and
//    rounded back: a float batch first in double (recomputed_in_double), else
//    in numeric/extended.hpp's number, whose exponent does not overflow;
//  - an input of ±∞ takes the formula's limit, evaluated in that number at
//    inputs beyond T's range (limit_of): silu(−∞) = −0, Snake(∞) = ∞,
//    sin(∞) is NaN.
// The fast path pays one addition per checked value (none where the values
// are proved finite, evaluation/fused.hpp) and a minimum per watched call.

// Whether the fast path watches an underflow in any of the forms.
template <class Forms>
inline constexpr bool watches_v = false;
template <class... Fs>
inline constexpr bool watches_v<list<Fs...>> = !std::is_same_v<watched_t<Fs...>, list<>>;

// A batch rebuilt from its register rather than copied as an aggregate: g++ 12
// keeps the source of an aggregate copy in memory, which put a dead store of
// 64 bytes per batch in the fast loop (relu's fused pass ran at 2/3 of its
// speed for it).
template <class V>
V by_register(const V& value) {
    if constexpr (std::is_arithmetic_v<V>) return value; else return V(value.data);
}

// The probes of an element's values, for the fast loop.
template <class Forms, class V, std::size_t N>
probe<V, watches_v<Forms>> probe_of(const probed_values<V, N>& result) {
    return {by_register(result.node_sum), by_register(result.least_watched)};
}

// The values of a float batch that its probes flag, recomputed in double:
// true where that is enough, false, changing nothing, where some lane
// overflows or underflows in double too (e^x at x = 10^30).
template <class V, class... Xs, class Params, class... Fs, std::size_t N>
[[gnu::noinline]] bool recomputed_in_double(list<Xs...>, const std::array<V, sizeof...(Xs)>& in, const Params& params, list<Fs...> forms,
                          const std::array<probed_values<V, 1>, N>& diagnosed, std::array<V, N>& values) {
    using W = typename wider<V>::type;
    constexpr std::size_t n = lanes<V>(), m = lanes<W>();
    std::array<std::array<float, n>, sizeof...(Xs)> inputs{};
    for (std::size_t i = 0; i < inputs.size(); ++i) inputs[i] = lanes_of<V, float>(in[i]);
    std::array<std::array<float, n>, N> narrowed{};
    for (std::size_t c = 0; c < n; c += m) {
        std::array<W, sizeof...(Xs)> part{};
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            std::array<double, m> lanes_in{};
            for (std::size_t j = 0; j < m; ++j) lanes_in[j] = inputs[i][c + j];
            part[i] = from_lanes<W, double>(lanes_in);
        }
        const auto probed = [&]<std::size_t... I>(std::index_sequence<I...>) {
            return std::apply([&](const auto&... p) { return evaluate_forms_diagnosed<W>(at((Xs{} = part[I])..., p...), forms); },
                              params);
        }(std::index_sequence_for<Xs...>{});
        // A NaN input's lanes become NaN after this, whatever double gives.
        auto nan_input = is_nan(part[0]);
        for (const W& input : part) nan_input = either(nan_input, is_nan(input));
        for (std::size_t k = 0; k < N; ++k) {
            const W& sum = probed[k].node_sum;
            if (any_lane(both(needs_guard<double>(sum, probed[k].least_watched), !nan_input))) return false;
            const auto value = lanes_of<W, double>(probed[k].values[0]);
            for (std::size_t j = 0; j < m; ++j) narrowed[k][c + j] = float(value[j]);
        }
    }
    for (std::size_t k = 0; k < N; ++k) {
        values[k] = choose(needs_guard<float>(diagnosed[k].node_sum, diagnosed[k].least_watched), from_lanes<V, float>(narrowed[k]), values[k]);
    }
    return true;
}

// The values, returned as evaluate_fused_probed built them: copying the array
// into another aggregate would keep it in memory, and its store in the loop.
template <class V, class T, bool Fast, class... Xs, class Data, class Params, class... Fs, std::size_t... I, class... Staged>
probed_values<V, sizeof...(Fs)> element_values(list<Xs...>, const Data& data, std::size_t i, const Params& params,
                                                list<Fs...> forms, std::index_sequence<I...>, const Staged&... staged) {
    const std::array<V, sizeof...(I)> in{load_unaligned<V>(std::get<I>(data) + i)...};
    const auto bound = [&](const std::array<V, sizeof...(I)>& value) {
        return std::apply([&](const auto&... p) { return at((Xs{} = value[I])..., p...); }, params);
    };
    if constexpr (Fast && sizeof...(Staged) == 1) {
        return evaluate_fused_probed_staged<V, staged_calls_t<Fs...>>(bound(in), (in[I] + ...), staged..., Fs{}...);
    } else if constexpr (Fast) {
        return evaluate_forms_probed<V>(bound(in), (in[I] + ...), forms);
    } else {
        // Each value's own subexpressions decide whether it is recomputed, so
        // that forward and forward_backward agree on y.
        const auto diagnosed = evaluate_forms_diagnosed<V>(bound(in), forms);
        std::array<V, sizeof...(Fs)> values{};
        auto redo = any_of(is_infinite(in[I])...);
        for (std::size_t k = 0; k < values.size(); ++k) {
            values[k] = diagnosed[k].values[0];
            redo = either(redo, needs_guard<T>(diagnosed[k].node_sum, diagnosed[k].least_watched));
        }
        // A float batch first tries double, whose range holds every float
        // product and σ(−100): about fifty times faster than the extended
        // number (docs/kernels.md), and as exact once rounded to float.
        bool in_double = false;
        if constexpr (std::is_same_v<T, float>) {
            in_double = any_lane(redo) && !any_lane(any_of(is_infinite(in[I])...)) &&
                        recomputed_in_double(list<Xs...>{}, in, params, forms, diagnosed, values);
        }
        if (!in_double && any_lane(redo)) {
            const std::array<std::array<T, lanes<V>()>, sizeof...(I)> inputs{lanes_of<V, T>(in[I])...};
            std::array<std::array<T, lanes<V>()>, sizeof...(Fs)> lane_values{}, sums{}, least{};
            for (std::size_t k = 0; k < values.size(); ++k) {
                lane_values[k] = lanes_of<V, T>(values[k]);
                sums[k] = lanes_of<V, T>(diagnosed[k].node_sum);
                least[k] = lanes_of<V, T>(diagnosed[k].least_watched);
            }
            // The forms in the extended number, each infinite input replaced by ±scale.
            const auto wide_at = [&](std::size_t j, const extended& scale) {
                const auto input = [&](T value) { return std::isinf(value) ? (value < 0 ? -scale : scale) : extended(value); };
                return std::apply(
                    [&](const auto&... p) { return evaluate_forms<extended>(at((Xs{} = input(inputs[I][j]))..., p...), forms); },
                    params);
            };
            for (std::size_t j = 0; j < lanes<V>(); ++j) {
                bool any_nan = false, any_infinite = false;
                for (const auto& input : inputs) {
                    any_nan = any_nan || std::isnan(input[j]);
                    any_infinite = any_infinite || std::isinf(input[j]);
                }
                if (any_nan) continue;  // NaN below
                if (any_infinite) {
                    std::array<std::array<extended, limit_points>, sizeof...(Fs)> sequence{};
                    for (int point = 0; point < limit_points; ++point) {
                        const auto wide = wide_at(j, extended::from_parts(1.0L, limit_exponent<T> + point));
                        for (std::size_t k = 0; k < values.size(); ++k) sequence[k][std::size_t(point)] = wide[k];
                    }
                    for (std::size_t k = 0; k < values.size(); ++k) lane_values[k][j] = limit_of<T>(sequence[k]);
                    continue;
                }
                std::array<bool, sizeof...(Fs)> flagged{};
                bool any_flagged = false;
                for (std::size_t k = 0; k < values.size(); ++k) {
                    flagged[k] = needs_guard<T>(sums[k][j], least[k][j]);
                    any_flagged = any_flagged || flagged[k];
                }
                if (!any_flagged) continue;
                const auto wide = wide_at(j, extended(0.0L));
                for (std::size_t k = 0; k < values.size(); ++k) {
                    if (flagged[k]) lane_values[k][j] = wide[k].template as<T>();
                }
            }
            for (std::size_t k = 0; k < values.size(); ++k) values[k] = from_lanes<V, T>(lane_values[k]);
        }
        // A NaN input or parameter leaves the value undefined: max(x, 0) alone
        // would give 0 at a NaN x.
        const auto undefined = any_of(is_nan(in[I])..., is_nan(V(nan_parameter(params) ? std::numeric_limits<T>::quiet_NaN() : T(0))));
        if (any_lane(undefined)) {
            for (V& value : values) value = choose(undefined, V(std::numeric_limits<T>::quiet_NaN()), value);
        }
        return {values, V(T(0)), V(T(1))};
    }
}

// The staged calls' values at element i (evaluation/fused.hpp), for the
// first pass over a block.
template <class V, class... Xs, class Data, class Params, class... Fs, std::size_t... I>
auto staged_values(list<Xs...>, const Data& data, std::size_t i, const Params& params, list<Fs...>, std::index_sequence<I...>) {
    const std::array<V, sizeof...(I)> in{load_unaligned<V>(std::get<I>(data) + i)...};
    const auto env = std::apply([&](const auto&... p) { return at((Xs{} = in[I])..., p...); }, params);
    return [&]<class... Ns>(list<Ns...>) {
        if constexpr (sizeof...(Ns) == 0) {
            return std::array<V, 0>{};
        } else {
            return evaluate_fused_as<V>(env, Ns{}...);
        }
    }(staged_calls_t<Fs...>{});
}

// gxs_k[i] = gys[i] · slopes[First + k] for every input k.
template <class V, std::size_t First, class Grads, class Values, std::size_t... K>
void store_gradients(const Grads& grads, std::size_t i, const V& gy, const Values& slopes, std::index_sequence<K...>) {
    (store_unaligned(std::get<K>(grads) + i, V(gy * slopes[First + K])), ...);
}

template <class V, class Env, class... Forms>
auto evaluate_forms(const Env& env, list<Forms...>) {
    return evaluate_fused_as<V>(env, Forms{}...);
}
template <class V, class Env, class... Forms>
auto evaluate_forms_probed(const Env& env, const V& checked_too, list<Forms...>) {
    return evaluate_fused_probed<V>(env, checked_too, Forms{}...);
}
template <class V, class Env, class... Forms>
auto evaluate_forms_diagnosed(const Env& env, list<Forms...>) {
    return evaluate_fused_diagnosed<V>(env, Forms{}...);
}

// ---- diagnostics for kernels: the first line names the problem and the symbol
// or type (see evaluation/evaluate.hpp), and nothing else is instantiated after it.

template <class SpelledSymbol>
inline constexpr bool is_an_input_of_the_kernel = false;
template <class SpelledSymbol>
inline constexpr bool is_not_an_input = false;
template <class Range>
inline constexpr bool is_a_contiguous_range_of_float_or_double = false;
template <class Argument>
inline constexpr bool is_a_parameter_binding = false;

template <class Symbol>
constexpr void kernel_formula_uses_a_variable_not_listed_as_input() {
    static_assert(is_an_input_of_the_kernel<Symbol>,
                  "actdiff: kernel(f, x...): f uses a variable that is not one of the kernel's inputs; list it after f, "
                  "or make it a param<\"name\">");
}
template <class Symbol>
constexpr void kernel_call_has_no_binding_for() {
    static_assert(has_a_binding<Symbol>,
                  "actdiff: kernel call: the formula uses a parameter that has no binding; pass it after the ranges, "
                  "e.g. beta = 1.0f");
}
template <class Symbol>
constexpr void kernel_call_binds_an_input() {
    static_assert(is_not_an_input<Symbol>,
                  "actdiff: kernel call: a binding names one of the kernel's inputs, whose values come from its range");
}
template <class Range>
constexpr void kernel_call_takes_no_range_of_type() {
    static_assert(is_a_contiguous_range_of_float_or_double<Range>,
                  "actdiff: kernel call: each range must be a contiguous range of float or double (std::vector<float>, "
                  "std::span<const double>, an array)");
}
template <class Argument>
constexpr void kernel_call_takes_only_bindings_after_the_ranges() {
    static_assert(is_a_parameter_binding<Argument>,
                  "actdiff: kernel call: after the ranges come only parameter bindings such as beta = 1.0f");
}

template <class R>
using range_element_t = std::remove_cv_t<typename decltype(std::span{std::declval<std::remove_reference_t<R>&>()})::element_type>;

template <class R>
concept float_range = requires(R& r) { std::span{r}; } &&
                      (std::is_same_v<range_element_t<R>, float> || std::is_same_v<range_element_t<R>, double>);

template <class Range>
inline constexpr bool is_a_writable_range = false;
template <class Range>
constexpr void kernel_call_writes_to_a_read_only_range() {
    static_assert(is_a_writable_range<Range>, "actdiff: kernel call: an output or gradient range is read-only (const)");
}

template <class Ranges>
inline constexpr bool have_one_element_type = false;
template <class Ranges>
constexpr void kernel_call_mixes_element_types() {
    static_assert(have_one_element_type<Ranges>,
                  "actdiff: kernel call: all ranges of a call must have the same element type, float or double");
}
// After check_range: every range holds the same element type.
template <class... Rs>
constexpr bool check_same_elements() {
    using first = range_element_t<std::tuple_element_t<0, std::tuple<Rs...>>>;
    if constexpr ((std::is_same_v<range_element_t<Rs>, first> && ...)) {
        return true;
    } else {
        kernel_call_mixes_element_types<std::tuple<std::remove_cvref_t<Rs>...>>();
        return false;
    }
}

template <class R, bool Output>
constexpr bool check_range() {
    if constexpr (!float_range<std::remove_reference_t<R>>) {
        kernel_call_takes_no_range_of_type<std::remove_cvref_t<R>>();
        return false;
    } else if constexpr (Output && std::is_const_v<typename decltype(std::span{std::declval<std::remove_reference_t<R>&>()})::element_type>) {
        kernel_call_writes_to_a_read_only_range<std::remove_reference_t<R>>();
        return false;
    } else {
        return true;
    }
}

template <class SpelledSymbol>
inline constexpr bool is_not_named_output = false;
template <class Symbol>
constexpr void kernel_formula_uses_the_reserved_name_output() {
    static_assert(is_not_named_output<Symbol>,
                  "actdiff: kernel(f, x...): the name \"output\" is reserved for the kernel's output y; rename the symbol");
}

template <class S>
constexpr bool is_output_name() {
    if constexpr (is_variable_v<S> || is_parameter_v<S>) {
        return S::name.view() == kernel_output::name.view();
    } else {
        return false;
    }
}

template <class F, class... Xs>
constexpr bool check_inputs_listed() {
    return []<class... Ss>(list<Ss...>) {
        [[maybe_unused]] const auto one = []<class S>(type<S>) {  // unused for a formula without symbols
            if constexpr (is_output_name<S>()) {
                kernel_formula_uses_the_reserved_name_output<spelled_t<S>>();
                return false;
            } else if constexpr (is_variable_v<S> && !(std::is_same_v<S, Xs> || ...)) {
                kernel_formula_uses_a_variable_not_listed_as_input<spelled_t<S>>();
                return false;
            } else {
                return true;
            }
        };
        return (one(type<Ss>{}) && ...);
    }(typename symbols_of<F>::type{});
}

template <class B, class... Xs>
constexpr bool check_binding_argument() {
    if constexpr (!is_binding_v<B>) {
        kernel_call_takes_only_bindings_after_the_ranges<B>();
        return false;
    } else if constexpr ((std::is_same_v<typename B::symbol_type, Xs> || ...)) {
        kernel_call_binds_an_input<spelled_t<typename B::symbol_type>>();
        return false;
    } else {
        return true;
    }
}

template <class S, class... Bs>
constexpr bool check_parameter_bound() {
    if constexpr (!is_parameter_v<S> || ((std::is_same_v<S, typename Bs::symbol_type>) || ...)) {
        return true;
    } else {
        kernel_call_has_no_binding_for<spelled_t<S>>();
        return false;
    }
}

// A kernel call's arguments: Ranges ranges (those from FirstOutput on are
// written), then bindings of every parameter of F. One problem is reported at
// a time; a call with too few ranges was reported by the method itself.
template <class F, class Inputs, std::size_t Ranges, std::size_t FirstOutput, class... Args>
constexpr bool check_call() {
    if constexpr (sizeof...(Args) < Ranges) {
        return false;
    } else {
        return []<class... Xs, std::size_t... R, std::size_t... P>(list<Xs...>, std::index_sequence<R...>,
                                                                   std::index_sequence<P...>) {
            using all = std::tuple<std::remove_cvref_t<Args>...>;
            if constexpr (!(check_range<std::tuple_element_t<R, std::tuple<Args...>>, (R >= FirstOutput)>() && ...)) {
                return false;
            } else if constexpr (!check_same_elements<std::tuple_element_t<R, std::tuple<Args...>>...>()) {
                return false;
            } else if constexpr (!(check_binding_argument<std::tuple_element_t<Ranges + P, all>, Xs...>() && ...)) {
                return false;
            } else {
                return []<class... Ss>(list<Ss...>) {
                    return (check_parameter_bound<Ss, std::tuple_element_t<Ranges + P, all>...>() && ...);
                }(typename symbols_of<F>::type{});
            }
        }(Inputs{}, std::make_index_sequence<Ranges>{}, std::make_index_sequence<sizeof...(Args) - Ranges>{});
    }
}
}  // namespace detail

template <class F, class... Xs>
struct kernel_t {
    // What each entry point computes (kernel/plan.hpp).
    using plan = kernel_plan<F, Xs...>;
    static constexpr std::size_t arity = plan::arity;
    using formula = F;
    using derivatives = typename plan::derivatives;
    static constexpr bool backward_uses_output = plan::backward_uses_output;

    // Library calls (exp, log1p, tanh, a user primitive's, ...) per element of
    // each entry point, every shared subexpression once.
    struct calls_per_pass {
        std::size_t forward, backward, forward_backward;
    };
    static constexpr calls_per_pass calls_per_element() {
        return {plan::forward::calls, plan::backward::calls, plan::forward_backward::calls};
    }

    // forward(xs..., ys, params...)
    template <class... Args>
    void forward(Args&&... args) const {
        if constexpr (detail::policy_first<Args...>) {
            forward_on(std::forward<Args>(args)...);
        } else {
            forward_on(serial, std::forward<Args>(args)...);
        }
    }

private:
    template <class Policy, class... Args>
    void forward_on(const Policy& policy, Args&&... args) const {
        static_assert(sizeof...(Args) >= arity + 1,
                      "actdiff: kernel.forward takes one input range per input, then the output range");
        if constexpr (detail::check_call<F, detail::list<Xs...>, arity + 1, arity, Args...>()) {
            const auto all = std::forward_as_tuple(args...);
            const auto ins = ranges<0, arity>(all);
            const auto out = ranges<arity, 1>(all);
            const auto params = parameters<arity + 1>(all);
            const std::size_t n = detail::same_lengths("forward", ins, out);
            using T = detail::element_of_t<decltype(ins), decltype(out)>;
            const bool guarded = detail::overlap(out, ins) || !detail::finite_parameters(params);
            const auto x_data = detail::data_of(ins);
            T* const y_data = std::get<0>(out).data();
            // An element's values, or its staged calls' (stage_pass).
            const auto body = [=]<class V, bool Fast, class... Staged>(std::size_t i, const Staged&... staged) {
                if constexpr (detail::is_stage_pass_v<Staged...>) {
                    return stage<V>(detail::list<Xs...>{}, x_data, i, params, typename plan::forward::forms{});
                } else {
                    const auto result = evaluate<V, T, Fast>(detail::list<Xs...>{}, x_data, i, params,
                                                             typename plan::forward::forms{}, staged...);
                    detail::store_unaligned(y_data + i, result.values[0]);
                    return detail::probe_of<typename plan::forward::forms>(result);
                }
            };
            detail::over_elements_checked<T>(policy, n, guarded, body);
        }
    }

public:
    // backward(saved..., gys, gxs..., params...): saved is y for a
    // backward_uses_output kernel, else the inputs.
    template <class... Args>
    void backward(Args&&... args) const {
        if constexpr (detail::policy_first<Args...>) {
            backward_on(std::forward<Args>(args)...);
        } else {
            backward_on(serial, std::forward<Args>(args)...);
        }
    }

private:
    template <class Policy, class... Args>
    void backward_on(const Policy& policy, Args&&... args) const {
        static_assert(sizeof...(Args) >= 2 * arity + 1,
                      "actdiff: kernel.backward takes the saved ranges, the output gradient, then a gradient range per input");
        if constexpr (detail::check_call<F, detail::list<Xs...>, 2 * arity + 1, arity + 1, Args...>()) {
            const auto all = std::forward_as_tuple(args...);
            const auto saved = ranges<0, arity>(all);
            const auto gy = ranges<arity, 1>(all);
            const auto grads = ranges<arity + 1, arity>(all);
            const auto params = parameters<2 * arity + 1>(all);
            const std::size_t n = detail::same_lengths("backward", saved, gy, grads);
            using T = detail::element_of_t<decltype(saved), decltype(gy), decltype(grads)>;
            // A derivative that is 0 everywhere (a step) still reads its
            // ranges: a NaN input or gradient gives NaN, as forward_backward does.
            const bool guarded = detail::overlap(grads, std::tuple_cat(saved, gy)) || !detail::finite_parameters(params);
            const auto saved_data = detail::data_of(saved);
            const T* const gy_data = std::get<0>(gy).data();
            const auto gx_data = detail::data_of(grads);
            // An element's values, or its staged calls' (stage_pass).
            const auto body = [=]<class V, bool Fast, class... Staged>(std::size_t i, const Staged&... staged) {
                if constexpr (detail::is_stage_pass_v<Staged...>) {
                    return stage<V>(typename plan::backward_reads{}, saved_data, i, params, typename plan::backward::forms{});
                } else {
                    const auto result = evaluate<V, T, Fast>(typename plan::backward_reads{}, saved_data, i, params,
                                                             typename plan::backward::forms{}, staged...);
                    detail::store_gradients<V, 0>(gx_data, i, detail::load_unaligned<V>(gy_data + i), result.values,
                                                  std::make_index_sequence<arity>{});
                    return detail::probe_of<typename plan::backward::forms>(result);
                }
            };
            detail::over_elements_checked<T>(policy, n, guarded, body);
        }
    }

public:
    // forward_backward(xs..., gys, ys, gxs..., params...): y and every gradient in one pass.
    template <class... Args>
    void forward_backward(Args&&... args) const {
        if constexpr (detail::policy_first<Args...>) {
            forward_backward_on(std::forward<Args>(args)...);
        } else {
            forward_backward_on(serial, std::forward<Args>(args)...);
        }
    }

private:
    template <class Policy, class... Args>
    void forward_backward_on(const Policy& policy, Args&&... args) const {
        static_assert(sizeof...(Args) >= 2 * arity + 2,
                      "actdiff: kernel.forward_backward takes the inputs, the output gradient, the output, then a gradient range per input");
        if constexpr (detail::check_call<F, detail::list<Xs...>, 2 * arity + 2, arity + 1, Args...>()) {
            const auto all = std::forward_as_tuple(args...);
            const auto ins = ranges<0, arity>(all);
            const auto gy = ranges<arity, 1>(all);
            const auto out = ranges<arity + 1, 1>(all);
            const auto grads = ranges<arity + 2, arity>(all);
            const auto params = parameters<2 * arity + 2>(all);
            const std::size_t n = detail::same_lengths("forward_backward", ins, gy, out, grads);
            using T = detail::element_of_t<decltype(ins), decltype(gy), decltype(out), decltype(grads)>;
            const bool guarded = detail::overlap(std::tuple_cat(out, grads), std::tuple_cat(ins, gy)) || !detail::finite_parameters(params);
            const auto x_data = detail::data_of(ins);
            const T* const gy_data = std::get<0>(gy).data();
            T* const y_data = std::get<0>(out).data();
            const auto gx_data = detail::data_of(grads);
            // An element's values, or its staged calls' (stage_pass).
            const auto body = [=]<class V, bool Fast, class... Staged>(std::size_t i, const Staged&... staged) {
                if constexpr (detail::is_stage_pass_v<Staged...>) {
                    return stage<V>(detail::list<Xs...>{}, x_data, i, params, typename plan::forward_backward::forms{});
                } else {
                    const auto result = evaluate<V, T, Fast>(detail::list<Xs...>{}, x_data, i, params,
                                                             typename plan::forward_backward::forms{}, staged...);
                    const auto& values = result.values;
                    detail::store_unaligned(y_data + i, values[0]);
                    detail::store_gradients<V, 1>(gx_data, i, detail::load_unaligned<V>(gy_data + i), values,
                                                  std::make_index_sequence<arity>{});
                    return detail::probe_of<typename plan::forward_backward::forms>(result);
                }
            };
            detail::over_elements_checked<T>(policy, n, guarded, body);
        }
    }

public:
    // param_grad(p, xs..., gys, params...) = Σᵢ gys[i]·∂f/∂p at element i: the
    // reduced gradient of a parameter (PReLU's a, Swish's β), summed in double.
    template <class... Args>
    auto param_grad(Args&&... args) const {
        if constexpr (detail::policy_first<Args...>) {
            return param_grad_on(std::forward<Args>(args)...);
        } else {
            return param_grad_on(serial, std::forward<Args>(args)...);
        }
    }

private:
    template <class Policy, class P, class... Args>
    auto param_grad_on(const Policy& policy, P, Args&&... args) const {
        static_assert(is_parameter_v<P>, "actdiff: kernel.param_grad(p, ...): p must be a param<\"name\">");
        static_assert(sizeof...(Args) >= arity + 1,
                      "actdiff: kernel.param_grad(p, ...) takes one input range per input, then the output gradient");
        if constexpr (detail::check_call<F, detail::list<Xs...>, arity + 1, arity + 1, Args...>()) {
            const auto all = std::forward_as_tuple(args...);
            const auto ins = ranges<0, arity>(all);
            const auto gy = ranges<arity, 1>(all);
            const auto params = parameters<arity + 1>(all);
            const std::size_t n = detail::same_lengths("param_grad", ins, gy);
            using T = detail::element_of_t<decltype(ins), decltype(gy)>;
            // In double (a float sum of 2^24 terms loses digits), a sum per
            // chunk, then the chunks' sums in order: the same total serial or
            // parallel, on any number of threads.
            std::vector<double> sums((n + detail::chunk_length - 1) / detail::chunk_length);
            const auto x_data = detail::data_of(ins);
            const T* const gy_data = std::get<0>(gy).data();
            detail::over_blocks(policy, n, detail::chunk_length, [&](std::size_t first, std::size_t last) {
                for (std::size_t begin = first; begin < last; begin += detail::chunk_length) {
                    double& sum = sums[begin / detail::chunk_length];
                    detail::over_range<T>(begin, std::min(last, begin + detail::chunk_length), [&]<class V>(std::size_t i) {
                        const V slope =
                            evaluate<V, T>(detail::list<Xs...>{}, x_data, i, params,
                                           typename plan::template parameter_gradient<P>::forms{}).values[0];
                        sum += detail::lane_sum(V(detail::load_unaligned<V>(gy_data + i) * slope));
                    });
                }
            });
            double total = 0;
            for (const double sum : sums) total += sum;
            return T(total);
        }
    }

private:
    template <std::size_t First, std::size_t Count, class Tuple>
    static constexpr auto ranges(const Tuple& all) {
        return detail::spans_at<First>(all, std::make_index_sequence<Count>{});
    }
    template <std::size_t First, class Tuple>
    static constexpr auto parameters(const Tuple& all) {
        return detail::bindings_from<First>(all, std::make_index_sequence<std::tuple_size_v<Tuple> - First>{});
    }
    template <class V, class T, bool Fast = false, class Symbols, class Data, class Params, class Forms, class... Staged>
    static auto evaluate(Symbols symbols, const Data& data, std::size_t i, const Params& params, Forms forms,
                         const Staged&... staged) {
        return detail::element_values<V, T, Fast>(symbols, data, i, params, forms,
                                                  std::make_index_sequence<std::tuple_size_v<Data>>{}, staged...);
    }
    template <class V, class Symbols, class Data, class Params, class Forms>
    static auto stage(Symbols symbols, const Data& data, std::size_t i, const Params& params, Forms forms) {
        return detail::staged_values<V>(symbols, data, i, params, forms, std::make_index_sequence<std::tuple_size_v<Data>>{});
    }
};

// kernel(f, x) for an activation of x; kernel(f, a, b) for a gated unit of a and b.
template <class F, class... Xs>
    requires detail::involves_library_type<F, Xs...>
constexpr auto kernel(F, Xs...) {
    static_assert(Expression<F>, "actdiff: kernel(f, x...): f must be an actdiff expression");
    static_assert(sizeof...(Xs) >= 1, "actdiff: kernel(f, x...): name at least one input variable");
    static_assert((is_variable_v<Xs> && ...), "actdiff: kernel(f, x...): each x must be the var<\"name\"> of an input");
    if constexpr (Expression<F> && sizeof...(Xs) >= 1 && (is_variable_v<Xs> && ...)) {
        if constexpr (detail::check_inputs_listed<F, Xs...>()) return kernel_t<F, Xs...>{};
    }
}

}  // namespace actdiff
