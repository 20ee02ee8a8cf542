// Writes emit_torch's extension source for formulas that are not in the
// catalog, into the directory given: tests/torch/emitted.py builds each with
// torch.utils.cpp_extension and checks it. The catalog's own come from
// `actdiff emit NAME --torch`.
#include <cstdio>
#include <fstream>
#include <string>

#include <actdiff/actdiff.hpp>

int main(int argc, char** argv) {
    using namespace actdiff;
    if (argc != 2) {
        std::fprintf(stderr, "usage: emit_torch OUTDIR\n");
        return 2;
    }
    const std::string directory = argv[1];
    const auto write = [&](const std::string& name, const std::string& source) {
        std::ofstream(directory + "/" + name + ".cpp") << source;
    };
    constexpr auto x = var<"x">;
    constexpr auto p1 = param<"p1">;
    constexpr auto p2 = param<"p2">;
    constexpr auto beta = param<"beta">;
    // TanhExp (Liu & Di 2020): x·tanh(eˣ), no parameter.
    write("tanhexp", emit_torch(kernel(x * tanh(exp(x)), x), "tanhexp"));
    // ACON-C (Ma et al. 2021): three learnable parameters, one with a default.
    write("acon_c", emit_torch(kernel((p1 - p2) * x * sigmoid(beta * (p1 - p2) * x) + p2 * x, x), "acon_c", beta = 1.0));
    return 0;
}
