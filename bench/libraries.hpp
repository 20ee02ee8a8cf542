// The CPU kernels framework users already have, behind one interface, for
// bench/kernels.cpp: Intel oneDNN's JIT eltwise primitives (Debian's
// libdnnl-dev; PyTorch's mkldnn path) and Google XNNPACK's unary operators
// (libxnnpack-dev). Each is optional: ACTDIFF_BENCH_DNNL and
// ACTDIFF_BENCH_XNNPACK are set by bench/CMakeLists.txt when it finds them.
#pragma once

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#if ACTDIFF_BENCH_DNNL
#include <oneapi/dnnl/dnnl.hpp>
#endif
#if ACTDIFF_BENCH_XNNPACK
#include <xnnpack.h>
#endif

namespace libraries {

// One library's kernels for arrays of n floats. backward computes gx from gy
// and the tensor the library's backward reads (x, or y for its
// *_use_dst_for_bwd algorithms); it is empty where the library has none.
struct prepared {
    std::function<void(const float* x, float* y)> forward;
    std::function<void(const float* x, const float* y, const float* gy, float* gx)> backward;
};

// A library's version of a catalog activation, at the catalog's defaults.
struct activation {
    std::string library, name;
    std::function<prepared(std::size_t n)> prepare;
};

// The catalog's parameter defaults by activation and parameter name, so that
// a library runs the same function the catalog kernel does.
using defaults = std::map<std::string, std::map<std::string, double>>;

inline double default_of(const defaults& all, const std::string& name, const std::string& parameter) {
    return all.at(name).at(parameter);
}

#if ACTDIFF_BENCH_DNNL
// The instruction set oneDNN's JIT generates code for on this CPU.
inline std::string onednn_isa() {
    using isa = dnnl::cpu_isa;
    switch (dnnl::get_effective_cpu_isa()) {
        case isa::sse41: return "sse41";
        case isa::avx: return "avx";
        case isa::avx2: return "avx2";
        case isa::avx2_vnni: return "avx2_vnni";
        case isa::avx512_core: return "avx512_core";
        case isa::avx512_core_vnni: return "avx512_core_vnni";
        case isa::avx512_core_bf16: return "avx512_core_bf16";
        case isa::avx512_core_amx: return "avx512_core_amx";
        default: return "other";
    }
}

inline prepared onednn(dnnl::algorithm algorithm, float alpha, float beta, bool backward_reads_output, std::size_t n) {
    static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    struct state {
        dnnl::stream stream{engine};
        dnnl::memory::desc desc;
        dnnl::eltwise_forward::primitive_desc forward_pd;
        dnnl::eltwise_forward forward;
        dnnl::eltwise_backward backward;
        dnnl::memory x, y, gy, gx;  // bound to the caller's arrays at each call
    };
    auto s = std::make_shared<state>();
    s->desc = dnnl::memory::desc({dnnl::memory::dim(n)}, dnnl::memory::data_type::f32, dnnl::memory::format_tag::a);
    for (auto* m : {&s->x, &s->y, &s->gy, &s->gx}) *m = dnnl::memory(s->desc, engine, nullptr);
    s->forward_pd = dnnl::eltwise_forward::primitive_desc(
        dnnl::eltwise_forward::desc(dnnl::prop_kind::forward_training, algorithm, s->desc, alpha, beta), engine);
    s->forward = dnnl::eltwise_forward(s->forward_pd);
    s->backward = dnnl::eltwise_backward(dnnl::eltwise_backward::primitive_desc(
        dnnl::eltwise_backward::desc(algorithm, s->desc, s->desc, alpha, beta), engine, s->forward_pd));
    prepared out;
    out.forward = [s](const float* x, float* y) {
        s->x.set_data_handle(const_cast<float*>(x));
        s->y.set_data_handle(y);
        s->forward.execute(s->stream, {{DNNL_ARG_SRC, s->x}, {DNNL_ARG_DST, s->y}});
        s->stream.wait();
    };
    out.backward = [s, backward_reads_output](const float* x, const float* y, const float* gy, float* gx) {
        s->x.set_data_handle(const_cast<float*>(backward_reads_output ? y : x));
        s->gy.set_data_handle(const_cast<float*>(gy));
        s->gx.set_data_handle(gx);
        s->backward.execute(s->stream, {{backward_reads_output ? DNNL_ARG_DST : DNNL_ARG_SRC, s->x},
                                        {DNNL_ARG_DIFF_DST, s->gy},
                                        {DNNL_ARG_DIFF_SRC, s->gx}});
        s->stream.wait();
    };
    return out;
}
#endif

#if ACTDIFF_BENCH_XNNPACK
inline void check(xnn_status status, const char* what) {
    if (status != xnn_status_success) throw std::runtime_error(std::string("XNNPACK: ") + what + " failed");
}

// create(&op) makes the operator; setup(op, n, x, y) binds the arrays.
template <class Create, class Setup>
prepared xnnpack(Create create, Setup setup) {
    static const bool initialized = (check(xnn_initialize(nullptr), "xnn_initialize"), true);
    (void)initialized;
    xnn_operator_t op = nullptr;
    check(create(&op), "creating an operator");
    std::shared_ptr<xnn_operator> owner(op, xnn_delete_operator);
    prepared out;
    out.forward = [owner, setup](const float* x, float* y) {
        // one channel, stride 1, n rows: XNNPACK then runs one contiguous pass
        check(setup(owner.get(), x, y), "setting up an operator");
        check(xnn_run_operator(owner.get(), nullptr), "running an operator");
    };
    return out;
}
#endif

inline std::vector<activation> all(const defaults& d) {
    std::vector<activation> out;
#if ACTDIFF_BENCH_DNNL
    using a = dnnl::algorithm;
    const auto add = [&](std::string name, a algorithm, float alpha, float beta, bool reads_output) {
        out.push_back({"onednn", name, [=](std::size_t n) { return onednn(algorithm, alpha, beta, reads_output, n); }});
    };
    add("sigmoid", a::eltwise_logistic_use_dst_for_bwd, 0, 0, true);
    add("tanh", a::eltwise_tanh_use_dst_for_bwd, 0, 0, true);
    add("relu", a::eltwise_relu_use_dst_for_bwd, 0, 0, true);
    add("leaky_relu", a::eltwise_relu_use_dst_for_bwd, float(default_of(d, "leaky_relu", "negative_slope")), 0, true);
    add("elu", a::eltwise_elu_use_dst_for_bwd, float(default_of(d, "elu", "alpha")), 0, true);
    add("gelu", a::eltwise_gelu_erf, 0, 0, false);
    add("gelu_tanh", a::eltwise_gelu_tanh, 0, 0, false);
    add("silu", a::eltwise_swish, 1, 0, false);
    add("swish", a::eltwise_swish, float(default_of(d, "swish", "beta")), 0, false);
    add("mish", a::eltwise_mish, 0, 0, false);
    if (default_of(d, "softplus", "beta") == 1) add("softplus", a::eltwise_soft_relu, 0, 0, false);  // oneDNN 2.6: β = 1 only
    add("relu6", a::eltwise_clip_v2_use_dst_for_bwd, 0, 6, true);
    add("hardtanh", a::eltwise_clip_v2_use_dst_for_bwd, float(default_of(d, "hardtanh", "min_val")),
        float(default_of(d, "hardtanh", "max_val")), true);
    add("hardswish", a::eltwise_hardswish, 0, 0, false);
    add("log_sigmoid", a::eltwise_logsigmoid, 0, 0, false);
#endif
#if ACTDIFF_BENCH_XNNPACK
    const auto unary = [&](std::string name, auto create, auto setup) {
        out.push_back({"xnnpack", name, [=](std::size_t n) {
                           return xnnpack([=](xnn_operator_t* op) { return create(op); },
                                          [=](xnn_operator_t op, const float* x, float* y) { return setup(op, n, x, y); });
                       }});
    };
    const auto setup_clamp = [](xnn_operator_t op, std::size_t n, const float* x, float* y) {
        return xnn_setup_clamp_nc_f32(op, n, x, y, nullptr);
    };
    const auto clamp = [&](std::string name, float low, float high) {
        unary(name, [=](xnn_operator_t* op) { return xnn_create_clamp_nc_f32(1, 1, 1, low, high, 0, op); }, setup_clamp);
    };
    unary("sigmoid", [](xnn_operator_t* op) { return xnn_create_sigmoid_nc_f32(1, 1, 1, 0, op); },
          [](xnn_operator_t op, std::size_t n, const float* x, float* y) { return xnn_setup_sigmoid_nc_f32(op, n, x, y, nullptr); });
    const float alpha = float(default_of(d, "elu", "alpha"));
    unary("elu", [=](xnn_operator_t* op) { return xnn_create_elu_nc_f32(1, 1, 1, alpha, 0, op); },
          [](xnn_operator_t op, std::size_t n, const float* x, float* y) { return xnn_setup_elu_nc_f32(op, n, x, y, nullptr); });
    unary("hardswish", [](xnn_operator_t* op) { return xnn_create_hardswish_nc_f32(1, 1, 1, 0, op); },
          [](xnn_operator_t op, std::size_t n, const float* x, float* y) { return xnn_setup_hardswish_nc_f32(op, n, x, y, nullptr); });
    const float slope = float(default_of(d, "leaky_relu", "negative_slope"));
    unary("leaky_relu", [=](xnn_operator_t* op) { return xnn_create_leaky_relu_nc_f32(1, 1, 1, slope, 0, op); },
          [](xnn_operator_t op, std::size_t n, const float* x, float* y) { return xnn_setup_leaky_relu_nc_f32(op, n, x, y, nullptr); });
    clamp("relu", 0.0f, std::numeric_limits<float>::infinity());
    clamp("relu6", 0.0f, 6.0f);
    clamp("hardtanh", float(default_of(d, "hardtanh", "min_val")), float(default_of(d, "hardtanh", "max_val")));
#endif
    (void)d;
    return out;
}

}  // namespace libraries
