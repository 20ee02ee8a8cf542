// actdiff emit NAME --cpp|--cuda|--torch [--name PREFIX]: the entry's kernels
// as standalone source, its functions named PREFIX_forward, ... (NAME by
// default); --torch, a PyTorch extension whose parameters default to the
// catalog's values.
#include <stdexcept>

#include <actdiff/kernel/emit.hpp>

#include "commands.hpp"

namespace actdiff_tool {

emitted emit(std::string_view name, language target, std::string_view prefix) {
    emitted result = emitted::unknown_name;
    with_entry(name, [&](const auto& entry) {
        const auto k = hana::unpack(entry.inputs, [&](auto... inputs) { return actdiff::kernel(entry.formula, inputs...); });
        const std::string_view function = prefix.empty() ? std::string_view(entry.name) : prefix;
        try {
            // Built whole before anything is printed: a rejected name leaves no partial output.
            const std::string source = [&] {
                switch (target) {
                    case language::cuda: return actdiff::emit_cuda(k, function);
                    case language::torch:
                        return hana::unpack(entry.parameters, [&](const auto&... p) {
                            return actdiff::emit_torch(k, function, (p.symbol = p.value)...);
                        });
                    case language::cpp: break;
                }
                return actdiff::emit_cpp(k, function);
            }();
            fmt::print("{}", source);
            result = emitted::done;
        } catch (const std::invalid_argument& error) {
            fmt::print(stderr, "{}\n", error.what());
            result = emitted::bad_function_name;
        }
    });
    return result;
}

}  // namespace actdiff_tool
