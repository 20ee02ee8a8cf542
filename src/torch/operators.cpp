// libactdiff_torch.so: every catalog activation, and softmax and
// log_softmax, as PyTorch operators in the namespace `actdiff`, with autograd:
//   torch.ops.load_library("libactdiff_torch.so")
//   y = torch.ops.actdiff.swish(x, beta)     # beta: a one-element tensor, or None for the default 1
// Each operator's schema is read off the registry: one Tensor per input
// (x, or a and b for the gated units), then one `Tensor? name=None` per
// parameter, where None means the catalog's default (and no gradient).
#include <cstddef>
#include <string>
#include <utility>

#include <torch/library.h>

#include <actdiff/catalog/registry.hpp>
#include <actdiff/torch.hpp>

namespace {
using namespace actdiff;

template <std::size_t>
using tensor_argument = const at::Tensor&;
template <std::size_t>
using optional_argument = const c10::optional<at::Tensor>&;

// The operator of the registry's entry K, as a plain function: PyTorch's
// dispatcher takes a function pointer. (The entry's index, not a reference
// to it, is the template argument: g++ 12 mangles references to different
// elements of the registry's tuple alike.)
template <std::size_t K, class Inputs, class Parameters>
struct registered;
template <std::size_t K, std::size_t... I, std::size_t... P>
struct registered<K, std::index_sequence<I...>, std::index_sequence<P...>> {
    static constexpr const auto& Entry = boost::hana::at_c<K>(catalog::registry);
    static at::Tensor call(tensor_argument<I>... inputs, optional_argument<P>... parameters) {
        static const auto op = boost::hana::unpack(Entry.inputs, [](auto... xs) {
            return torch_op(kernel(Entry.formula, xs...), std::string(Entry.name));
        });
        return op(inputs..., value_or_default<P>(parameters)...);
    }
    template <std::size_t Parameter>
    static at::Tensor value_or_default(const c10::optional<at::Tensor>& given) {
        if (given.has_value() && given->defined()) return *given;
        return at::scalar_tensor(boost::hana::at_c<Parameter>(Entry.parameters).value, at::kDouble);
    }
    static std::string schema() {
        std::string text = std::string(Entry.name) + "(";
        bool first = true;
        const auto add = [&](const std::string& argument) {
            text += (first ? "" : ", ") + argument;
            first = false;
        };
        boost::hana::for_each(Entry.inputs, [&](auto input) { add("Tensor " + std::string(input.name.data)); });
        boost::hana::for_each(Entry.parameters, [&](auto p) { add("Tensor? " + std::string(p.symbol.name.data) + "=None"); });
        return text + ") -> Tensor";
    }
};

template <std::size_t K>
void define(torch::Library& library) {
    static constexpr const auto& entry = boost::hana::at_c<K>(catalog::registry);
    using entry_type = std::remove_cvref_t<decltype(entry)>;
    using op = registered<K, std::make_index_sequence<decltype(boost::hana::length(entry_type{}.inputs))::value>,
                          std::make_index_sequence<decltype(boost::hana::length(entry_type{}.parameters))::value>>;
    library.def(op::schema().c_str(), &op::call);
}

at::Tensor softmax(const at::Tensor& input, std::int64_t dim) {
    static const auto op = torch_op(softmax_kernel);
    return op(input, dim);
}
at::Tensor log_softmax(const at::Tensor& input, std::int64_t dim) {
    static const auto op = torch_op(log_softmax_kernel);
    return op(input, dim);
}
}  // namespace

TORCH_LIBRARY(actdiff, library) {
    [&]<std::size_t... K>(std::index_sequence<K...>) { (define<K>(library), ...); }(std::make_index_sequence<catalog::size>{});
    library.def("softmax(Tensor input, int dim) -> Tensor", &softmax);
    library.def("log_softmax(Tensor input, int dim) -> Tensor", &log_softmax);
}
