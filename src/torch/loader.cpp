// libactdiff_torch.so, the library Python loads, picks the build of the
// operators (src/torch/operators.cpp) for the widest instruction set this CPU
// has, as PyTorch's own kernels do, and loads it: the operators register
// themselves as it loads. Builds: x86-64-v4 (AVX-512), x86-64-v3 (AVX2 and
// FMA), x86-64 (SSE2), as ACTDIFF_TORCH_LEVELS lists them. ACTDIFF_TORCH_ISA=v4,
// v3 or baseline picks one by hand (the tests run each that was built).
#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
// The directory of this library: the builds are installed beside it.
std::string directory_of_this_library();

std::string path_of(const std::string& build) { return directory_of_this_library() + "/libactdiff_torch_" + build + ".so"; }

// The widest build this CPU runs, among those built (ACTDIFF_TORCH_LEVELS
// may leave v3 or v4 out); the baseline is always built.
std::string best_build() {
    if (const char* chosen = std::getenv("ACTDIFF_TORCH_ISA")) return chosen;
    __builtin_cpu_init();
    const bool v4 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                    __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
    const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
    if (v4 && access(path_of("v4").c_str(), R_OK) == 0) return "v4";
    if (v3 && access(path_of("v3").c_str(), R_OK) == 0) return "v3";
    return "baseline";
}

std::string directory_of_this_library() {
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&path_of), &info) == 0 || info.dli_fname == nullptr) return ".";
    const std::string path = info.dli_fname;
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

const bool loaded = [] {
    const std::string build = best_build();
    if (build != "v4" && build != "v3" && build != "baseline") {
        std::fprintf(stderr, "libactdiff_torch: ACTDIFF_TORCH_ISA must be v4, v3 or baseline, not '%s'\n", build.c_str());
        std::abort();
    }
    const std::string path = path_of(build);
    if (dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL) == nullptr) {
        std::fprintf(stderr, "libactdiff_torch: cannot load %s: %s\n", path.c_str(), dlerror());
        std::abort();
    }
    return true;
}();
}  // namespace

// The build this process uses: "v4", "v3" or "baseline".
extern "C" const char* actdiff_torch_build() {
    static const std::string build = best_build();
    return loaded ? build.c_str() : "";
}
