// Row-wise softmax and log_softmax over a contiguous last dimension:
//   softmax_kernel.forward(xs, ys, row_length);            y = e^(x − m) / Σ e^(x − m), m the row's max
//   softmax_kernel.backward(ys, gys, gxs, row_length);      gx = y·(g − Σ g·y)
//   softmax_kernel.forward_backward(xs, gys, ys, gxs, row_length);
//   log_softmax_kernel: y = x − m − log Σ e^(x − m);        gx = g − e^y·Σ g
// Both backwards read the output, as PyTorch's do. In index form the
// derivatives are ∂s_i/∂x_j = s_i(δ_ij − s_j) and ∂log s_i/∂x_j = δ_ij − s_j;
// tests/kernel/softmax.cpp derives both with d() from a written-out row.
// Subtracting the max keeps every exponent ≤ 0, so nothing overflows. A row
// that is all −∞, or holds +∞, has no defined softmax (0/0, ∞/∞) and gives
// NaN, as PyTorch's does; every other row is finite.
// The elementwise parts run through the fused evaluator on xsimd batches,
// like kernel/elementwise.hpp's kernels; the reductions (max, Σ) run on batches too.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>

#include <actdiff/kernel/elementwise.hpp>
#include <actdiff/core/operators.hpp>
#include <actdiff/primitive/builtin.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

namespace detail {

// The row's maximum and Σ body(V, i) over it, on batches with a scalar tail.
template <class T>
T row_max(const T* row, std::size_t n) {
    T best = -std::numeric_limits<T>::infinity();
    std::size_t i = 0;
#if ACTDIFF_KERNEL_SIMD
    using batch = xsimd::batch<T>;
    if (n >= batch::size) {
        batch lanes = batch::load_unaligned(row);
        for (i = batch::size; i + batch::size <= n; i += batch::size) lanes = xsimd::max(lanes, batch::load_unaligned(row + i));
        std::array<T, batch::size> values{};
        lanes.store_unaligned(values.data());
        for (T v : values) best = std::max(best, v);
    }
#endif
    for (std::size_t k = tail_length<T>(0, n); k > 0; --k, ++i) best = std::max(best, row[i]);
    // A NaN may be skipped here; it still makes the row's Σ, and so the row, NaN.
    return best;
}

template <class T, class Body>
T row_sum(std::size_t n, Body body) {
    T total = 0;
    std::size_t i = 0;
#if ACTDIFF_KERNEL_SIMD
    using batch = xsimd::batch<T>;
    batch lanes(T(0));
    for (; i + batch::size <= n; i += batch::size) lanes += body.template operator()<batch>(i);
    total = xsimd::hadd(lanes);
#endif
    for (std::size_t k = tail_length<T>(0, n); k > 0; --k, ++i) total += body.template operator()<T>(i);
    return total;
}

// The elementwise formulas of the rows, evaluated like any kernel's.
namespace rows {
inline constexpr auto row_x = var<"x">;
inline constexpr auto row_y = var<"y">;
inline constexpr auto row_g = var<"g">;
inline constexpr auto row_shift = param<"m">;    // the row's max
inline constexpr auto row_total = param<"s">;    // 1/Σ e^(x − m), log Σ e^(x − m), Σ g·y or Σ g
using exp_of_shifted = decltype(exp(row_x - row_shift));
using times_total = decltype(row_x * row_total);
using softmax_gradient = decltype(row_y * (row_g - row_total));
using log_softmax_gradient = decltype(row_g - exp(row_y) * row_total);
}  // namespace rows

template <class V, class F, class... Bindings>
V row_value(const Bindings&... bindings) {
    return evaluate_fused_as<V>(at(bindings...), F{})[0];
}

}  // namespace detail

template <bool Log>
struct row_softmax_kernel_t {
    // ys[r·n + j] = softmax(xs[r·n .. r·n + n))_j for every row r. Ranges are
    // checked as kernel/elementwise.hpp checks them: float or double, one element type,
    // outputs writable; a misuse is a compile error naming the type.
    template <class In, class Out>
    void forward(const In& xs, Out& ys, std::size_t row_length) const {
        if constexpr (detail::check_range<const In&, false>() && detail::check_range<Out&, true>() &&
                      detail::check_same_elements<const In&, Out&>()) {
            const std::span in{xs};
            const std::span out{ys};
            const std::size_t rows = row_count(row_length, {in.size(), out.size()}, "forward");
            for (std::size_t r = 0; r < rows; ++r) forward_row(in.data() + r * row_length, out.data() + r * row_length, row_length);
        }
    }

    template <class Saved, class GradIn, class GradOut>
    void backward(const Saved& ys, const GradIn& gys, GradOut& gxs, std::size_t row_length) const {
        if constexpr (detail::check_range<const Saved&, false>() && detail::check_range<const GradIn&, false>() &&
                      detail::check_range<GradOut&, true>() &&
                      detail::check_same_elements<const Saved&, const GradIn&, GradOut&>()) {
            backward_rows(ys, gys, gxs, row_length);
        }
    }

    // Each row forward then backward while it is in cache: one pass over memory.
    template <class In, class GradIn, class Out, class GradOut>
    void forward_backward(const In& xs, const GradIn& gys, Out& ys, GradOut& gxs, std::size_t row_length) const {
        if constexpr (detail::check_range<const In&, false>() && detail::check_range<const GradIn&, false>() &&
                      detail::check_range<Out&, true>() && detail::check_range<GradOut&, true>() &&
                      detail::check_same_elements<const In&, const GradIn&, Out&, GradOut&>()) {
            forward_backward_rows(xs, gys, ys, gxs, row_length);
        }
    }

private:
    template <class Saved, class GradIn, class GradOut>
    void backward_rows(const Saved& ys, const GradIn& gys, GradOut& gxs, std::size_t row_length) const {
        const std::span y{ys};
        const std::span g{gys};
        const std::span out{gxs};
        const std::size_t rows = row_count(row_length, {y.size(), g.size(), out.size()}, "backward");
        for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t at = r * row_length;
            backward_row(y.data() + at, g.data() + at, out.data() + at, row_length);
        }
    }

    template <class In, class GradIn, class Out, class GradOut>
    void forward_backward_rows(const In& xs, const GradIn& gys, Out& ys, GradOut& gxs, std::size_t row_length) const {
        const std::span in{xs};
        const std::span g{gys};
        const std::span y{ys};
        const std::span out{gxs};
        const std::size_t rows = row_count(row_length, {in.size(), g.size(), y.size(), out.size()}, "forward_backward");
        for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t at = r * row_length;
            forward_row(in.data() + at, y.data() + at, row_length);
            backward_row(y.data() + at, g.data() + at, out.data() + at, row_length);
        }
    }

    static std::size_t row_count(std::size_t row_length, std::initializer_list<std::size_t> sizes, const char* call) {
        const std::string name = std::string("actdiff ") + (Log ? "log_softmax" : "softmax") + "_kernel." + call;
        if (row_length == 0) throw std::invalid_argument(name + ": row_length is 0");
        for (std::size_t n : sizes) {
            if (n != *sizes.begin()) throw std::length_error(name + ": ranges differ in length");
        }
        if (*sizes.begin() % row_length != 0) throw std::length_error(name + ": length is not a multiple of row_length");
        return *sizes.begin() / row_length;
    }

    template <class T>
    static void forward_row(const T* x, T* y, std::size_t n) {
        using namespace detail;
        using namespace detail::rows;
        const T m = row_max(x, n);
        if constexpr (Log) {
            const T sum = row_sum<T>(n, [&]<class V>(std::size_t i) {
                return row_value<V, exp_of_shifted>(row_x = detail::load_unaligned<V>(x + i), row_shift = m);
            });
            // (x − m) − log Σ: x − m is exact near the max, where m + log Σ would round.
            const T log_sum = std::log(sum);
            over_elements<T>(n, [&]<class V>(std::size_t i) {
                detail::store_unaligned(y + i, V(V(detail::load_unaligned<V>(x + i) - m) - log_sum));
            });
        } else {
            const T sum = row_sum<T>(n, [&]<class V>(std::size_t i) {
                const V e = row_value<V, exp_of_shifted>(row_x = detail::load_unaligned<V>(x + i), row_shift = m);
                detail::store_unaligned(y + i, e);
                return e;
            });
            const T inverse = T(1) / sum;
            over_elements<T>(n, [&]<class V>(std::size_t i) {
                detail::store_unaligned(y + i, row_value<V, times_total>(row_x = detail::load_unaligned<V>(y + i), row_total = inverse));
            });
        }
    }

    template <class T>
    static void backward_row(const T* y, const T* g, T* gx, std::size_t n) {
        using namespace detail;
        using namespace detail::rows;
        if constexpr (Log) {
            const T total = row_sum<T>(n, [&]<class V>(std::size_t i) { return detail::load_unaligned<V>(g + i); });
            over_elements<T>(n, [&]<class V>(std::size_t i) {
                detail::store_unaligned(gx + i, row_value<V, log_softmax_gradient>(row_y = detail::load_unaligned<V>(y + i), row_g = detail::load_unaligned<V>(g + i),
                                                                  row_total = total));
            });
        } else {
            const T dot = row_sum<T>(n, [&]<class V>(std::size_t i) { return V(detail::load_unaligned<V>(g + i) * detail::load_unaligned<V>(y + i)); });
            over_elements<T>(n, [&]<class V>(std::size_t i) {
                detail::store_unaligned(gx + i, row_value<V, softmax_gradient>(row_y = detail::load_unaligned<V>(y + i), row_g = detail::load_unaligned<V>(g + i),
                                                              row_total = dot));
            });
        }
    }
};

inline constexpr row_softmax_kernel_t<false> softmax_kernel{};
inline constexpr row_softmax_kernel_t<true> log_softmax_kernel{};

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
