// Elementwise kernels of an activation. With xsimd (Debian's libxsimd-dev)
// the main loop runs on xsimd::batch<T> and the tail on scalars; without it,
// or with ACTDIFF_NO_SIMD defined, every element is scalar.
//   constexpr auto k = kernel(swish(x, beta), x);
//   k.forward(xs, ys, beta = 1.0f);                     ys[i] = f(xs[i])
//   k.backward(saved, gys, gxs, beta = 1.0f);           gxs[i] = gys[i]·f'(·); saved is y when
//                                                       k.backward_uses_output, else x
//   k.forward_backward(xs, gys, ys, gxs, beta = 1.0f);  both in one pass
//   k.param_grad(beta, xs, gys, beta = 1.0f)            Σ gys[i]·∂f/∂β(xs[i])
// Each element computes every distinct subexpression of f and f' once, in
// the lowered forms of fused.hpp (σ and softplus share one overflow-free exp).
// Inputs and outputs are any contiguous ranges (std::vector, std::span,
// arrays) of float or double; mismatched lengths throw std::length_error.
// The emitted C++/CUDA source and the benchmarks are to come (docs/kernels.md).
#pragma once

#include <cstddef>
#include <span>
#include <stdexcept>
#include <type_traits>

#include <actdiff/evaluate.hpp>
#include <actdiff/fused.hpp>
#include <actdiff/in_terms_of.hpp>
#include <actdiff/simplify.hpp>

#if __has_include(<xsimd/xsimd.hpp>) && !defined(ACTDIFF_NO_SIMD)
#include <xsimd/xsimd.hpp>
#define ACTDIFF_KERNEL_SIMD 1
#else
#define ACTDIFF_KERNEL_SIMD 0
#endif

namespace actdiff {

namespace detail {
// What the backward evaluates: f' in terms of the output when it can be, else f'.
template <class G, class F, class Y, bool InTermsOfOutput>
struct backward_of {
    using type = G;
};
template <class G, class F, class Y>
struct backward_of<G, F, Y, true> {
    using type = decltype(in_terms_of(G{}, F{}, Y{}));
};
}  // namespace detail

namespace detail {
// The main loop over whole SIMD batches of T, then the tail element by
// element: body.template operator()<V>(i) handles elements i .. i + width(V).
template <class T, class Body>
void over_elements(std::size_t n, Body body) {
    std::size_t i = 0;
#if ACTDIFF_KERNEL_SIMD
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        using batch = xsimd::batch<T>;
        for (; i + batch::size <= n; i += batch::size) body.template operator()<batch>(i);
    }
#endif
    for (; i < n; ++i) body.template operator()<T>(i);
}

template <class V, class T>
V load(const T* at) {
    if constexpr (std::is_same_v<V, T>) return *at; else return V::load_unaligned(at);
}
template <class V, class T>
void store(T* at, const V& value) {
    if constexpr (std::is_same_v<V, T>) *at = value; else value.store_unaligned(at);
}
template <class V>
double lane_sum(const V& value) {
    if constexpr (std::is_arithmetic_v<V>) return double(value); else return double(xsimd::hadd(value));  // xsimd 8: the horizontal sum
}
}  // namespace detail

template <class F, class X>
struct kernel_t {
    // The output y as a symbol, for the backward that reads the output.
    static constexpr auto output = var<"output">;
    using formula = F;
    using derivative = decltype(d(F{}, X{}));
    static constexpr bool backward_uses_output = expressible_in_terms_of(derivative{}, F{}, output);
    using backward_formula =
        typename detail::backward_of<derivative, F, std::remove_const_t<decltype(output)>, backward_uses_output>::type;
    using saved_symbol = std::conditional_t<backward_uses_output, std::remove_const_t<decltype(output)>, X>;

    template <class In, class Out, class... Params>
    void forward(const In& xs, Out& ys, const Params&... params) const {
        const std::span in{xs};
        const std::span out{ys};
        same_length(in.size(), out.size(), "forward: xs and ys");
        using T = element_of<decltype(in), decltype(out)>;
        detail::over_elements<T>(in.size(), [&]<class V>(std::size_t i) {
            const V v = detail::load<V>(in.data() + i);
            detail::store(out.data() + i, evaluate_fused_as<V>(at(X{} = v, params...), detail::lowered_t<F>{})[0]);
        });
    }

    template <class Saved, class GradIn, class GradOut, class... Params>
    void backward(const Saved& saved, const GradIn& gys, GradOut& gxs, const Params&... params) const {
        const std::span s{saved};
        const std::span g{gys};
        const std::span out{gxs};
        same_length(s.size(), g.size(), "backward: saved and gys");
        same_length(s.size(), out.size(), "backward: saved and gxs");
        using T = element_of<decltype(s), decltype(g), decltype(out)>;
        detail::over_elements<T>(s.size(), [&]<class V>(std::size_t i) {
            const V saved_value = detail::load<V>(s.data() + i);
            const V slope = evaluate_fused_as<V>(at(saved_symbol{} = saved_value, params...),
                                                 detail::lowered_t<backward_formula>{})[0];
            detail::store(out.data() + i, V(detail::load<V>(g.data() + i) * slope));
        });
    }

    template <class In, class GradIn, class Out, class GradOut, class... Params>
    void forward_backward(const In& xs, const GradIn& gys, Out& ys, GradOut& gxs, const Params&... params) const {
        const std::span in{xs};
        const std::span g{gys};
        const std::span out{ys};
        const std::span grad{gxs};
        same_length(in.size(), g.size(), "forward_backward: xs and gys");
        same_length(in.size(), out.size(), "forward_backward: xs and ys");
        same_length(in.size(), grad.size(), "forward_backward: xs and gxs");
        using T = element_of<decltype(in), decltype(g), decltype(out), decltype(grad)>;
        detail::over_elements<T>(in.size(), [&]<class V>(std::size_t i) {
            const auto values = evaluate_fused_as<V>(at(X{} = detail::load<V>(in.data() + i), params...),
                                                     detail::lowered_t<F>{}, detail::lowered_t<derivative>{});
            detail::store(out.data() + i, values[0]);
            detail::store(grad.data() + i, V(detail::load<V>(g.data() + i) * values[1]));
        });
    }

    // Σᵢ gys[i]·∂f/∂p at xs[i]: the reduced gradient of a parameter (PReLU's a, Swish's β).
    template <class P, class In, class GradIn, class... Params>
    auto param_grad(P, const In& xs, const GradIn& gys, const Params&... params) const {
        static_assert(is_parameter_v<P>, "actdiff: kernel.param_grad(p, ...): p must be a param<\"name\">");
        const std::span in{xs};
        const std::span g{gys};
        same_length(in.size(), g.size(), "param_grad: xs and gys");
        using T = element_of<decltype(in), decltype(g)>;
        using partial = decltype(d(F{}, P{}));
        double total = 0;  // accumulated in double: a float sum of 2^24 terms loses digits
        detail::over_elements<T>(in.size(), [&]<class V>(std::size_t i) {
            const V slope =
                evaluate_fused_as<V>(at(X{} = detail::load<V>(in.data() + i), params...), detail::lowered_t<partial>{})[0];
            total += detail::lane_sum(V(detail::load<V>(g.data() + i) * slope));
        });
        return T(total);
    }

private:
    // One element type for all the ranges of a call: float or double.
    template <class... Spans>
    using element_of = std::common_type_t<std::remove_cv_t<typename Spans::element_type>...>;

    static void same_length(std::size_t a, std::size_t b, const char* what) {
        if (a != b) throw std::length_error(std::string("actdiff kernel ") + what + " differ in length");
    }
};

template <class F, class X>
constexpr kernel_t<F, X> kernel(F, X) {
    static_assert(Expression<F>, "actdiff: kernel(f, x): f must be an actdiff expression");
    static_assert(is_variable_v<X>, "actdiff: kernel(f, x): x must be the var<\"name\"> of the input");
    return {};
}

}  // namespace actdiff
