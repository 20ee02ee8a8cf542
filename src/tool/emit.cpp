// actdiff emit NAME --cpp|--cuda: the entry's kernels as standalone source.
#include <actdiff/emit.hpp>

#include "commands.hpp"

namespace actdiff_tool {

bool emit(std::string_view name, bool cuda) {
    return with_entry(name, [&](const auto& entry) {
        const auto k = hana::unpack(entry.inputs, [&](auto... inputs) { return actdiff::kernel(entry.formula, inputs...); });
        fmt::print("{}", cuda ? actdiff::emit_cuda(k, entry.name) : actdiff::emit_cpp(k, entry.name));
    });
}

}  // namespace actdiff_tool
