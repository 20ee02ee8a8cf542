// Hand-written forward and backward kernels of the catalog, per element, as
// PyTorch's CPU kernels write them (shared/reference/activations.md, "as
// implemented" columns; current main). They are the yardstick the generated
// kernels are compared with (tests/kernel/elementwise_reference.cpp) and, later, timed
// against. Written directly in C++, not through the DSL.
//   forward(x) → y;  backward(g, saved) → dL/dx, saved being y where PyTorch
//   saves the output (sigmoid, tanh, relu) and x elsewhere.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace actdiff::reference {

// The perceptron step: 1 where x > threshold; gradient 0.
struct threshold {
    template <class T>
    static T forward(T x, T th = 0) { return x > th ? T(1) : T(0); }
    template <class T>
    static T backward(T, T) { return T(0); }
    static constexpr bool saves_output = false;
};

struct sigmoid {
    template <class T>
    static T forward(T x) { return T(1) / (T(1) + std::exp(-x)); }
    template <class T>
    static T backward(T g, T y) { return g * (T(1) - y) * y; }
    static constexpr bool saves_output = true;
};

struct tanh {
    template <class T>
    static T forward(T x) { return std::tanh(x); }
    template <class T>
    static T backward(T g, T y) { return g * (T(1) - y * y); }
    static constexpr bool saves_output = true;
};

struct relu {
    template <class T>
    static T forward(T x) { return std::max(x, T(0)); }
    template <class T>
    static T backward(T g, T y) { return y <= T(0) ? T(0) : g; }
    static constexpr bool saves_output = true;
};

struct relu6 {
    template <class T>
    static T forward(T x) { return std::clamp(x, T(0), T(6)); }
    template <class T>
    static T backward(T g, T x) { return (x <= T(0) || x >= T(6)) ? T(0) : g; }
    static constexpr bool saves_output = false;
};

struct leaky_relu {
    template <class T>
    static T forward(T x, T slope = T(0.01)) { return x > T(0) ? x : x * slope; }
    template <class T>
    static T backward(T g, T x, T slope = T(0.01)) { return x > T(0) ? g : g * slope; }
    static constexpr bool saves_output = false;
};

struct prelu {
    template <class T>
    static T forward(T x, T w) { return x > T(0) ? x : w * x; }
    template <class T>
    static T backward(T g, T x, T w) { return x > T(0) ? g : w * g; }
    // The per-element contribution to dL/dw (PyTorch sums it over the broadcast dims).
    template <class T>
    static T weight_backward(T g, T x) { return x > T(0) ? T(0) : x * g; }
    static constexpr bool saves_output = false;
};

struct elu {
    template <class T>
    static T forward(T x, T alpha = 1) { return x < T(0) ? std::expm1(x) * alpha : x; }
    template <class T>
    static T backward(T g, T x, T alpha = 1) { return x <= T(0) ? g * alpha * std::exp(x) : g; }
    static constexpr bool saves_output = false;
};

struct selu {
    static constexpr double alpha = 1.6732632423543772848170429916717;
    static constexpr double scale = 1.0507009873554804934193349852946;
    template <class T>
    static T forward(T x) { return x < T(0) ? std::expm1(x) * T(alpha) * T(scale) : x * T(scale); }
    template <class T>
    static T backward(T g, T x) { return x <= T(0) ? g * T(alpha) * T(scale) * std::exp(x) : g * T(scale); }
    static constexpr bool saves_output = false;
};

struct celu {
    template <class T>
    static T forward(T x, T alpha = 1) { return x < T(0) ? alpha * std::expm1(x / alpha) : x; }
    template <class T>
    static T backward(T g, T x, T alpha = 1) { return x <= T(0) ? g * std::exp(x / alpha) : g; }
    static constexpr bool saves_output = false;
};

struct gelu {
    template <class T>
    static T forward(T x) { return x * T(0.5) * (T(1) + std::erf(x * T(M_SQRT1_2))); }
    template <class T>
    static T backward(T g, T x) {
        const T cdf = T(0.5) * (T(1) + std::erf(x * T(M_SQRT1_2)));
        const T pdf = std::exp(T(-0.5) * x * x) * T(M_2_SQRTPI * M_SQRT1_2 * 0.5);
        return g * (cdf + x * pdf);
    }
    static constexpr bool saves_output = false;
};

struct gelu_tanh {
    static constexpr double beta = M_SQRT2 * M_2_SQRTPI * 0.5;
    static constexpr double kappa = 0.044715;
    template <class T>
    static T forward(T x) { return T(0.5) * x * (T(1) + std::tanh(T(beta) * (x + T(kappa) * x * x * x))); }
    template <class T>
    static T backward(T g, T x) {
        const T t = std::tanh(T(beta) * (x + T(kappa) * x * x * x));
        return g * (T(0.5) * (T(1) + t) + T(0.5) * x * (T(1) - t * t) * T(beta) * (T(1) + T(3 * kappa) * x * x));
    }
    static constexpr bool saves_output = false;
};

struct swish {
    template <class T>
    static T forward(T x, T beta = 1) { return x / (T(1) + std::exp(-beta * x)); }
    template <class T>
    static T backward(T g, T x, T beta = 1) {
        const T s = T(1) / (T(1) + std::exp(-beta * x));
        return g * s * (T(1) + beta * x * (T(1) - s));
    }
    static constexpr bool saves_output = false;
};

// QuickGELU, x·σ(1.702x): no PyTorch kernel; written as one would write it.
struct gelu_sigmoid {
    template <class T>
    static T forward(T x) { return x / (T(1) + std::exp(T(-1.702) * x)); }
    template <class T>
    static T backward(T g, T x) {
        const T s = T(1) / (T(1) + std::exp(T(-1.702) * x));
        return g * s * (T(1) + T(1.702) * x * (T(1) - s));
    }
    static constexpr bool saves_output = false;
};

struct mish {
    template <class T>
    static T forward(T x) { return x * std::tanh(std::log1p(std::exp(x))); }
    template <class T>
    static T backward(T g, T x) {
        const T t = std::tanh(std::log1p(std::exp(x)));
        const T s = T(1) / (T(1) + std::exp(-x));
        return g * (t + x * s * (T(1) - t * t));
    }
    static constexpr bool saves_output = false;
};

// PyTorch's Softplus(beta, threshold = 20): linear above the threshold.
struct softplus {
    template <class T>
    static T forward(T x, T beta = 1) { return x * beta > T(20) ? x : std::log1p(std::exp(x * beta)) / beta; }
    template <class T>
    static T backward(T g, T x, T beta = 1) {
        const T z = std::exp(x * beta);
        return x * beta > T(20) ? g : g * z / (z + T(1));
    }
    static constexpr bool saves_output = false;
};

// PyTorch's log_sigmoid_cpu_kernel: min(x, 0) − log1p(e^(−|x|)), with the
// buffer b = e^(−|x|) for the backward: g·(1 − b/(1 + b)) for x < 0, g·b/(1 + b) else.
struct log_sigmoid {
    template <class T>
    static T forward(T x) { return std::min(x, T(0)) - std::log1p(std::exp(-std::abs(x))); }
    template <class T>
    static T backward(T g, T x) {
        const T b = std::exp(-std::abs(x));
        return x < T(0) ? g * (T(1) - b / (T(1) + b)) : g * b / (T(1) + b);
    }
    static constexpr bool saves_output = false;
};

// Snake (BigVGAN's activations.py): x + sin²(a·x)/a; backward 1 + sin(2ax)
// as the paper writes it.
struct snake {
    template <class T>
    static T forward(T x, T a = 1) {
        const T s = std::sin(a * x);
        return x + s * s / a;
    }
    template <class T>
    static T backward(T g, T x, T a = 1) { return g * (T(1) + std::sin(T(2) * a * x)); }
    static constexpr bool saves_output = false;
};

struct softsign {
    template <class T>
    static T forward(T x) { return x / (std::abs(x) + T(1)); }
    template <class T>
    static T backward(T g, T x) { return g / ((T(1) + std::abs(x)) * (T(1) + std::abs(x))); }
    static constexpr bool saves_output = false;
};

struct hardtanh {
    template <class T>
    static T forward(T x, T lo = -1, T hi = 1) { return std::clamp(x, lo, hi); }
    template <class T>
    static T backward(T g, T x, T lo = -1, T hi = 1) { return (x <= lo || x >= hi) ? T(0) : g; }
    static constexpr bool saves_output = false;
};

struct hardsigmoid {
    template <class T>
    static T forward(T x) { return std::min(std::max(x + T(3), T(0)), T(6)) / T(6); }
    template <class T>
    static T backward(T g, T x) { return (x > T(-3) && x < T(3)) ? g * (T(1) / T(6)) : T(0); }
    static constexpr bool saves_output = false;
};

struct hardswish {
    template <class T>
    static T forward(T x) { return x * std::min(std::max(x + T(3), T(0)), T(6)) / T(6); }
    template <class T>
    static T backward(T g, T x) { return x <= T(-3) ? T(0) : x < T(3) ? g * (x / T(3) + T(0.5)) : g; }
    static constexpr bool saves_output = false;
};

// Gated units y = act(a)·b, backward from the inputs (GatedLinearUnit.cpp; the
// SwiGLU/GeGLU rows of activations.md): the gradients of a and of b.
template <class T>
struct gate_gradients {
    T a, b;
};

struct glu {
    template <class T>
    static T forward(T a, T b) { return a * (T(1) / (T(1) + std::exp(-b))); }
    template <class T>
    static gate_gradients<T> backward(T g, T a, T b) {
        const T s = T(1) / (T(1) + std::exp(-b));
        return {s * g, (T(1) - s) * s * a * g};
    }
};

struct swiglu {
    template <class T>
    static T forward(T a, T b) { return swish::forward(a) * b; }
    template <class T>
    static gate_gradients<T> backward(T g, T a, T b) { return {swish::backward(g * b, a), g * swish::forward(a)}; }
};

struct geglu {
    template <class T>
    static T forward(T a, T b) { return gelu::forward(a) * b; }
    template <class T>
    static gate_gradients<T> backward(T g, T a, T b) { return {gelu::backward(g * b, a), g * gelu::forward(a)}; }
};

// Row-wise softmax and log_softmax over n contiguous elements, max subtracted
// (SoftMaxKernel.cpp); both backwards read the output.
struct softmax {
    template <class T>
    static void forward(const T* x, T* y, std::size_t n) {
        const T m = *std::max_element(x, x + n);
        T sum = 0;
        for (std::size_t j = 0; j < n; ++j) sum += (y[j] = std::exp(x[j] - m));
        const T inverse = T(1) / sum;
        for (std::size_t j = 0; j < n; ++j) y[j] *= inverse;
    }
    template <class T>
    static void backward(const T* g, const T* y, T* gx, std::size_t n) {
        T dot = 0;
        for (std::size_t j = 0; j < n; ++j) dot += g[j] * y[j];
        for (std::size_t j = 0; j < n; ++j) gx[j] = y[j] * (g[j] - dot);
    }
};

struct log_softmax {
    template <class T>
    static void forward(const T* x, T* y, std::size_t n) {
        const T m = *std::max_element(x, x + n);
        T sum = 0;
        for (std::size_t j = 0; j < n; ++j) sum += std::exp(x[j] - m);
        const T log_sum = std::log(sum);
        for (std::size_t j = 0; j < n; ++j) y[j] = x[j] - m - log_sum;
    }
    template <class T>
    static void backward(const T* g, const T* y, T* gx, std::size_t n) {
        T total = 0;
        for (std::size_t j = 0; j < n; ++j) total += g[j];
        for (std::size_t j = 0; j < n; ++j) gx[j] = g[j] - std::exp(y[j]) * total;
    }
};

}  // namespace actdiff::reference
