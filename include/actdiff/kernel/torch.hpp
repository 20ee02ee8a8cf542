// A kernel as a libtorch autograd operator (Debian's libtorch-dev):
//   auto op = actdiff::torch_op(kernel(swish(x, beta), x), "swish");
//   torch::Tensor y = op(input, beta_tensor);    // y.sum().backward() fills input.grad(), beta_tensor.grad()
//   auto glu = actdiff::torch_op(kernel(swiglu(a, b), a, b), "swiglu");  glu(a_tensor, b_tensor)
//   auto soft = actdiff::torch_op(softmax_kernel, "softmax");              soft(input, dim)
// Inputs are float or double CPU tensors of one dtype and one shape, any
// strides (a non-contiguous tensor is copied contiguous first). Parameters
// follow the inputs, one each, in the order the formula first uses them
// (kernel_t::plan::parameters): a single-element tensor, or a number. The
// backward saves what the kernel's backward reads: y when
// kernel.backward_uses_output, else the inputs (and the inputs as well when
// a parameter needs its gradient). A parameter's gradient is the kernel's
// param_grad, Σ gy·∂f/∂p, summed in double. Large tensors are split across
// torch's intra-op threads (torch::set_num_threads). Misuse throws c10::Error
// with a message that names the operator. The backward is differentiable
// once more (double backward), torch_op<N>(k) N times, through the kernels of
// the symbolic higher derivatives.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <ATen/Parallel.h>
#include <ATen/TensorOperators.h>
#include <torch/autograd.h>

#include <actdiff/kernel/elementwise.hpp>
#include <actdiff/kernel/softmax.hpp>
#include <actdiff/printing/to_string.hpp>

namespace actdiff {

namespace detail {

template <class List>
struct torch_list_size;
template <class... Ps>
struct torch_list_size<list<Ps...>> : std::integral_constant<std::size_t, sizeof...(Ps)> {};

template <class List>
struct torch_list_first;
template <class G, class... Rest>
struct torch_list_first<list<G, Rest...>> {
    using type = G;
};

template <class T>
std::span<T> torch_span(const at::Tensor& t) {
    return {t.data_ptr<std::remove_const_t<T>>(), static_cast<std::size_t>(t.numel())};
}

// An input of operator `name`: defined, on the CPU, float or double, and of
// the first input's dtype and shape.
inline void torch_check_input(const std::string& name, const at::Tensor& t, const at::Tensor& first, std::size_t index) {
    TORCH_CHECK(t.defined(), "actdiff operator ", name, ": input ", index, " is an undefined tensor");
    TORCH_CHECK(t.device().is_cpu(), "actdiff operator ", name, ": input ", index, " is on ", t.device(),
                "; its kernels run on the CPU");
    TORCH_CHECK(t.scalar_type() == at::kFloat || t.scalar_type() == at::kDouble, "actdiff operator ", name, ": input ",
                index, " has dtype ", t.scalar_type(), "; it takes float or double tensors");
    TORCH_CHECK(t.scalar_type() == first.scalar_type(), "actdiff operator ", name, ": input ", index, " has dtype ",
                t.scalar_type(), " and input 0 has ", first.scalar_type(), "; the inputs must share a dtype");
    TORCH_CHECK(t.sizes() == first.sizes(), "actdiff operator ", name, ": input ", index, " has shape ", t.sizes(),
                " and input 0 has ", first.sizes(), "; the inputs must share a shape");
}

// body.template operator()<T>() with T the tensor's element type, float or double.
template <class Body>
void with_type(const at::Tensor& t, Body body) {
    if (t.scalar_type() == at::kDouble) {
        body.template operator()<double>();
    } else {
        body.template operator()<float>();
    }
}

inline double torch_parameter_value(const std::string& name, const at::Tensor& p, const char* symbol) {
    TORCH_CHECK(p.defined(), "actdiff operator ", name, ": parameter ", symbol, " is an undefined tensor");
    TORCH_CHECK(p.numel() == 1, "actdiff operator ", name, ": parameter ", symbol, " must have one element, not ",
                p.numel(), " (shape ", p.sizes(), ")");
    TORCH_CHECK(p.device().is_cpu(), "actdiff operator ", name, ": parameter ", symbol, " is on ", p.device(),
                "; its kernels run on the CPU");
    TORCH_CHECK(p.is_floating_point(), "actdiff operator ", name, ": parameter ", symbol, " has dtype ",
                p.scalar_type(), "; it must be a floating-point tensor");
    return p.item<double>();
}

// Element-wise work is split into chunks of at least torch_grain elements
// on torch's intra-op threads (at::get_num_threads()), as PyTorch's own
// element-wise loops are; a smaller tensor runs on the calling thread.
inline constexpr std::int64_t torch_grain = 32768;
template <class Body>
void torch_chunks(std::int64_t n, Body body) {
    at::parallel_for(0, n, torch_grain, body);
}

// Whole rows of `length` elements, in chunks of about torch_grain elements:
// body(first element, element count).
template <class Body>
void torch_rows(std::int64_t elements, std::size_t length, Body body) {
    const auto row = static_cast<std::int64_t>(length);
    at::parallel_for(0, elements / row, std::max<std::int64_t>(1, torch_grain / row), [&](std::int64_t begin, std::int64_t end) {
        body(static_cast<std::size_t>(begin * row), static_cast<std::size_t>((end - begin) * row));
    });
}

inline at::Tensor torch_argument(const at::Tensor& t) {
    return t;
}
template <class T>
    requires std::is_arithmetic_v<T>
at::Tensor torch_argument(T value) {
    return at::scalar_tensor(static_cast<double>(value), at::kDouble);
}

template <class Kernel, std::size_t Orders>
struct torch_function;
}  // namespace detail

template <class Kernel, std::size_t Orders = 1>
class torch_operator;

namespace detail {

// The autograd function of one kernel. Its forward's arguments are the
// operator's name, then the inputs, then the parameters. Orders: how many
// more times autograd can differentiate through its backward (create_graph):
// there, the backward is gy·∂f/∂x from operators of one order less, each a
// kernel of the symbolic derivative; at 0 it is the fused kernel alone.
template <class Kernel, std::size_t Orders>
struct torch_function : torch::autograd::Function<torch_function<Kernel, Orders>> {
    using plan = typename Kernel::plan;
    using parameters = typename plan::parameters;
    static constexpr std::size_t arity = Kernel::arity;
    static constexpr std::size_t parameter_count = torch_list_size<parameters>::value;
    using variable_list = torch::autograd::variable_list;

    // The inputs made contiguous, the parameters' values, and y.
    struct evaluated {
        std::array<at::Tensor, arity> inputs;
        std::array<double, parameter_count> values{};
        at::Tensor y;
    };
    template <class... Tensors>
    static evaluated evaluate(const std::string& name, const Tensors&... tensors) {
        const std::array<at::Tensor, sizeof...(Tensors)> all{tensors...};
        evaluated result;
        for (std::size_t i = 0; i < arity; ++i) {
            torch_check_input(name, all[i], all[0], i);
            result.inputs[i] = all[i].contiguous();
        }
        [&]<class... Ps>(list<Ps...>) {
            std::size_t k = 0;
            ((result.values[k] = torch_parameter_value(name, all[arity + k], Ps::name.data), ++k), ...);
        }(parameters{});
        result.y = at::empty_like(result.inputs[0], at::MemoryFormat::Contiguous);
        with_type(result.inputs[0], [&]<class T>() {
            const auto ranges = std::tuple_cat(spans<T>(result.inputs), std::make_tuple(torch_span<T>(result.y)));
            torch_chunks(result.y.numel(), [&](std::int64_t begin, std::int64_t end) {
                std::apply([](const auto&... args) { Kernel{}.forward(args...); },
                           std::tuple_cat(slice(ranges, begin, end), bindings<T>(result.values)));
            });
        });
        return result;
    }

    template <class... Tensors>
    static variable_list forward(torch::autograd::AutogradContext* ctx, const std::string& name, const Tensors&... tensors) {
        const std::array<at::Tensor, sizeof...(Tensors)> all{tensors...};
        const auto [inputs, values, y] = evaluate(name, tensors...);
        bool parameter_needs_gradient = false;
        for (std::size_t k = 0; k < parameter_count; ++k) parameter_needs_gradient = parameter_needs_gradient || all[arity + k].requires_grad();

        ctx->saved_data["name"] = name;
        ctx->saved_data["inputs_saved"] = !Kernel::backward_uses_output || parameter_needs_gradient;
        for (std::size_t k = 0; k < parameter_count; ++k) ctx->saved_data["p" + std::to_string(k)] = values[k];
        // The caller's tensors, not the contiguous copies: autograd links a
        // saved input or output, and only those, to the graph that a second
        // backward runs through. The parameters too: a parameter's gradient
        // takes its shape and dtype, and a second backward reaches it.
        variable_list saved;
        if (Kernel::backward_uses_output) saved.push_back(y);
        if (!Kernel::backward_uses_output || parameter_needs_gradient) saved.insert(saved.end(), all.begin(), all.begin() + arity);
        saved.insert(saved.end(), all.begin() + arity, all.end());
        ctx->save_for_backward(saved);
        return {y};
    }

    static variable_list backward(torch::autograd::AutogradContext* ctx, variable_list gradients) {
        const variable_list saved = ctx->get_saved_variables();
        const bool inputs_saved = ctx->saved_data["inputs_saved"].toBool();
        std::array<double, parameter_count> values{};
        for (std::size_t k = 0; k < parameter_count; ++k) values[k] = ctx->saved_data["p" + std::to_string(k)].toDouble();
        const std::size_t first_input = Kernel::backward_uses_output ? 1 : 0;
        const std::size_t first_parameter = saved.size() - parameter_count;
        if constexpr (Orders > 0) {
            if (at::GradMode::is_enabled()) {
                std::array<at::Tensor, arity> inputs;
                if (inputs_saved) std::copy_n(saved.begin() + first_input, arity, inputs.begin());
                std::array<at::Tensor, parameter_count> parameter_tensors;
                std::copy_n(saved.begin() + first_parameter, parameter_count, parameter_tensors.begin());
                return recorded_backward(ctx, gradients[0], saved[0], inputs, parameter_tensors);
            }
        }
        std::array<at::Tensor, arity> inputs;
        if (inputs_saved) {
            for (std::size_t i = 0; i < arity; ++i) inputs[i] = saved[first_input + i].contiguous();
        }
        const at::Tensor& like = Kernel::backward_uses_output ? saved[0] : inputs[0];
        const at::Tensor gy = gradients[0].to(like.scalar_type()).contiguous();

        variable_list result(1 + arity + parameter_count);  // the name's gradient stays undefined
        bool any_input = false;
        for (std::size_t i = 0; i < arity; ++i) any_input = any_input || ctx->needs_input_grad(i);
        with_type(like, [&]<class T>() {
            if (any_input) {
                std::array<at::Tensor, arity> gxs;
                for (auto& gx : gxs) gx = at::empty_like(like, at::MemoryFormat::Contiguous);
                const auto reads = [&] {
                    if constexpr (Kernel::backward_uses_output) {
                        return std::make_tuple(torch_span<const T>(saved[0]));
                    } else {
                        return spans<const T>(inputs);
                    }
                }();
                const auto ranges = std::tuple_cat(reads, std::make_tuple(torch_span<const T>(gy)), spans<T>(gxs));
                torch_chunks(gy.numel(), [&](std::int64_t begin, std::int64_t end) {
                    std::apply([](const auto&... args) { Kernel{}.backward(args...); },
                               std::tuple_cat(slice(ranges, begin, end), bindings<T>(values)));
                });
                for (std::size_t i = 0; i < arity; ++i) result[1 + i] = gxs[i];
            }
            [&]<class... Ps>(list<Ps...>) {
                std::size_t k = 0;
                ((ctx->needs_input_grad(arity + k)
                      ? void(result[1 + arity + k] = parameter_gradient<T, Ps>(saved[first_parameter + k], inputs, gy, values))
                      : void(),
                  ++k),
                 ...);
            }(parameters{});
        });
        return result;
    }

private:
    template <class T, class P>
    static at::Tensor parameter_gradient(const at::Tensor& parameter, const std::array<at::Tensor, arity>& inputs,
                                         const at::Tensor& gy, const std::array<double, parameter_count>& values) {
        // Each chunk's sum (in double within the chunk), then the chunks' sums in double.
        const auto ranges = std::tuple_cat(spans<const T>(inputs), std::make_tuple(torch_span<const T>(gy)));
        const double total = at::parallel_reduce(
            std::int64_t{0}, gy.numel(), torch_grain, 0.0,
            [&](std::int64_t begin, std::int64_t end, double sum) {
                return sum + static_cast<double>(std::apply([](const auto&... args) { return Kernel{}.param_grad(P{}, args...); },
                                                            std::tuple_cat(slice(ranges, begin, end), bindings<T>(values))));
            },
            [](double a, double b) { return a + b; });
        return at::full(parameter.sizes(), total, at::TensorOptions().dtype(parameter.scalar_type()));
    }

    // The backward as operations autograd records: gx = gy·(∂f/∂x)(x) with
    // ∂f/∂x an operator of one order less (where the kernel's backward reads
    // y, ∂f/∂x in terms of y: y is this node's output, so the second
    // backward reaches x through it, as PyTorch's sigmoid does), and a
    // parameter's gradient Σ gy·∂f/∂p the same way.
    static variable_list recorded_backward(torch::autograd::AutogradContext* ctx, const at::Tensor& gy, const at::Tensor& y,
                                           const std::array<at::Tensor, arity>& inputs,
                                           const std::array<at::Tensor, parameter_count>& parameter_tensors) {
        const std::string name = ctx->saved_data["name"].toStringRef();
        variable_list result(1 + arity + parameter_count);
        if constexpr (Kernel::backward_uses_output) {
            using slope = typename torch_list_first<typename plan::backward::formulas>::type;
            if (ctx->needs_input_grad(0)) {
                result[1] = gy * call<kernel_t<slope, kernel_output>>(name, std::array<at::Tensor, 1>{y}, parameter_tensors);
            }
        } else {
            [&]<class... Xs>(list<Xs...>) {
                std::size_t i = 0;
                ((ctx->needs_input_grad(i)
                      ? void(result[1 + i] = gy * call<kernel_t<decltype(d(typename plan::formula{}, Xs{})), Xs...>>(
                                                      name, inputs, parameter_tensors))
                      : void(),
                  ++i),
                 ...);
            }(typename plan::inputs{});
        }
        [&]<class... Ps>(list<Ps...>) {
            std::size_t k = 0;
            ((ctx->needs_input_grad(arity + k)
                  ? void(result[1 + arity + k] = recorded_parameter_gradient<Ps>(name, gy, inputs, parameter_tensors, k))
                  : void(),
              ++k),
             ...);
        }(parameters{});
        return result;
    }
    template <class P>
    static at::Tensor recorded_parameter_gradient(const std::string& name, const at::Tensor& gy,
                                                  const std::array<at::Tensor, arity>& inputs,
                                                  const std::array<at::Tensor, parameter_count>& parameter_tensors, std::size_t k) {
        return [&]<class... Xs>(list<Xs...>) {
            const at::Tensor slope = call<kernel_t<decltype(d(typename plan::formula{}, P{})), Xs...>>(name, inputs, parameter_tensors);
            const at::Tensor& parameter = parameter_tensors[k];
            return (gy * slope).sum(at::kDouble).to(parameter.scalar_type()).reshape(parameter.sizes());
        }(typename plan::inputs{});
    }
    // The operator of derivative kernel K (one order less), called with the
    // tensors it reads: its inputs, then its parameters, picked from this
    // kernel's by symbol (K's formula may use fewer, in another order).
    template <class K, std::size_t N>
    static at::Tensor call(const std::string& name, const std::array<at::Tensor, N>& tensors,
                           const std::array<at::Tensor, parameter_count>& parameter_tensors) {
        const torch_operator<K, Orders - 1> op(name + "'");
        return [&]<class... Qs>(list<Qs...>) {
            return std::apply([&](const auto&... x) { return op(x..., parameter_tensors[index_in<Qs>(parameters{})]...); }, tensors);
        }(typename K::plan::parameters{});
    }
    // The spans' elements [begin, end).
    template <class Spans>
    static auto slice(const Spans& ranges, std::int64_t begin, std::int64_t end) {
        return std::apply(
            [&](const auto&... r) {
                return std::make_tuple(r.subspan(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin))...);
            },
            ranges);
    }
    template <class T, std::size_t N>
    static auto spans(const std::array<at::Tensor, N>& tensors) {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            return std::make_tuple(torch_span<T>(tensors[I])...);
        }(std::make_index_sequence<N>{});
    }
    template <class T>
    static auto bindings(const std::array<double, parameter_count>& values) {
        return [&]<class... Ps>(list<Ps...>) {
            std::size_t k = 0;
            return std::tuple{(Ps{} = static_cast<T>(values[k++]))...};
        }(parameters{});
    }
};

}  // namespace detail

// The operator: call it with one tensor per kernel input, then one tensor
// (or number) per parameter.
template <class Kernel, std::size_t Orders>
class torch_operator {
public:
    using kernel_type = Kernel;
    // How many more times autograd can differentiate through the backward.
    static constexpr std::size_t backward_orders = Orders;
    using parameters = typename Kernel::plan::parameters;
    static constexpr std::size_t arity = Kernel::arity;
    static constexpr std::size_t parameter_count = detail::torch_list_size<parameters>::value;

    explicit torch_operator(std::string name) : name_(std::move(name)) {}

    template <class... Args>
    at::Tensor operator()(const Args&... args) const {
        static_assert(sizeof...(Args) == arity + parameter_count,
                      "actdiff: torch_op(k)(...): pass one tensor per kernel input, then one tensor or number per "
                      "parameter, in the order k's formula first uses them");
        // Without a gradient to take, no autograd node: inference pays only the kernel.
        if (!at::GradMode::is_enabled() || !(detail::torch_argument(args).requires_grad() || ...)) {
            return detail::torch_function<Kernel, Orders>::evaluate(name_, detail::torch_argument(args)...).y;
        }
        return detail::torch_function<Kernel, Orders>::apply(name_, detail::torch_argument(args)...)[0];
    }

    const std::string& name() const { return name_; }

private:
    std::string name_;
};

// The autograd function of softmax or log_softmax along a dimension: the
// dimension is moved last, the rows are made contiguous, and the result is
// moved back (a view).
namespace detail {
template <bool Log>
struct torch_softmax_function : torch::autograd::Function<torch_softmax_function<Log>> {
    using variable_list = torch::autograd::variable_list;

    static variable_list forward(torch::autograd::AutogradContext* ctx, const std::string& name, const at::Tensor& input,
                                 std::int64_t dim) {
        torch_check_input(name, input, input, 0);
        TORCH_CHECK(input.dim() > 0, "actdiff operator ", name, ": the input must have at least one dimension");
        TORCH_CHECK(dim >= -input.dim() && dim < input.dim(), "actdiff operator ", name, ": dimension ", dim,
                    " is out of range for a tensor of ", input.dim(), " dimensions");
        const at::Tensor rows = input.transpose(dim, -1).contiguous();
        at::Tensor y = at::empty_like(rows, at::MemoryFormat::Contiguous);
        const auto length = static_cast<std::size_t>(rows.size(-1));
        if (rows.numel() > 0) {
            with_type(rows, [&]<class T>() {
                const std::span<const T> xs = torch_span<const T>(rows);
                const std::span<T> ys = torch_span<T>(y);
                torch_rows(rows.numel(), length, [&](std::size_t first, std::size_t count) {
                    std::span<T> out = ys.subspan(first, count);
                    row_softmax_kernel_t<Log>{}.forward(xs.subspan(first, count), out, length);
                });
            });
        }
        ctx->saved_data["name"] = name;
        ctx->saved_data["dim"] = dim;
        ctx->save_for_backward({y});
        return {y.transpose(dim, -1)};
    }

    static variable_list backward(torch::autograd::AutogradContext* ctx, variable_list gradients) {
        const at::Tensor y = ctx->get_saved_variables()[0];
        const std::int64_t dim = ctx->saved_data["dim"].toInt();
        const at::Tensor gy = gradients[0].to(y.scalar_type()).transpose(dim, -1).contiguous();
        at::Tensor gx = at::empty_like(y, at::MemoryFormat::Contiguous);
        const auto length = static_cast<std::size_t>(y.size(-1));
        if (y.numel() > 0) {
            with_type(y, [&]<class T>() {
                const std::span<const T> ys = torch_span<const T>(y), gys = torch_span<const T>(gy);
                const std::span<T> gxs = torch_span<T>(gx);
                torch_rows(y.numel(), length, [&](std::size_t first, std::size_t count) {
                    std::span<T> out = gxs.subspan(first, count);
                    row_softmax_kernel_t<Log>{}.backward(ys.subspan(first, count), gys.subspan(first, count), out, length);
                });
            });
        }
        return {at::Tensor(), gx.transpose(dim, -1), at::Tensor()};
    }
};
}  // namespace detail

template <bool Log, std::size_t Orders>
class torch_operator<row_softmax_kernel_t<Log>, Orders> {
public:
    explicit torch_operator(std::string name) : name_(std::move(name)) {}
    at::Tensor operator()(const at::Tensor& input, std::int64_t dim) const {
        return detail::torch_softmax_function<Log>::apply(name_, input, dim)[0];
    }
    const std::string& name() const { return name_; }

private:
    std::string name_;
};

// torch_op(k, name): the operator of kernel k; name appears in its errors
// (by default, the formula). torch_op<Orders>(k, name): its backward can be
// differentiated Orders times (create_graph, torch.autograd.grad of a
// gradient): 1 by default, for double backward; each order adds the kernels
// of the next derivatives, and compile time with them.
template <std::size_t Orders = 1, class F, class... Xs>
torch_operator<kernel_t<F, Xs...>, Orders> torch_op(kernel_t<F, Xs...>, std::string name = to_string(F{})) {
    return torch_operator<kernel_t<F, Xs...>, Orders>(std::move(name));
}
template <bool Log>
torch_operator<row_softmax_kernel_t<Log>> torch_op(row_softmax_kernel_t<Log>, std::string name = Log ? "log_softmax" : "softmax") {
    return torch_operator<row_softmax_kernel_t<Log>>(std::move(name));
}

}  // namespace actdiff
