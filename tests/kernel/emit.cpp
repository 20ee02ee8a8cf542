// emit_cpp / emit_cuda: the kernel name becomes the prefix of C++ function
// names, so anything that is not a usable identifier is rejected with an
// exception that says why. (The emitted code itself is compiled and run
// against the library's kernels in tests/emitted/.)
#include <stdexcept>
#include <string>

#include <actdiff/kernel/emit.hpp>

#include "../support.hpp"

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto k = kernel(silu(x), x);

std::string rejection(const std::string& name, bool cuda = false) {
    try {
        (void)(cuda ? emit_cuda(k, name) : emit_cpp(k, name));
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "";
}
}  // namespace

TEST_CASE("a kernel name must be a usable C++ identifier", "[emit]") {
    CHECK(rejection("bad name; int") == "actdiff: emit_cpp(k, name): the kernel name \"bad name; int\" is not a C++ "
                                        "identifier (letters, digits and _, not starting with a digit)");
    CHECK(rejection("2fast").find("is not a C++ identifier") != std::string::npos);
    CHECK(rejection("").find("is not a C++ identifier") != std::string::npos);
    CHECK(rejection("class") == "actdiff: emit_cpp(k, name): the kernel name \"class\" is a C++ keyword");
    CHECK(rejection("while", true) == "actdiff: emit_cuda(k, name): the kernel name \"while\" is a C++ keyword");
    CHECK(rejection("__silu").find("is reserved") != std::string::npos);
    CHECK(rejection("_Silu").find("is reserved") != std::string::npos);
    CHECK(rejection("my__silu").find("is reserved") != std::string::npos);
}

TEST_CASE("a usable name prefixes every emitted function", "[emit]") {
    CHECK(rejection("my_silu2").empty());
    const std::string cpp = emit_cpp(k, "my_silu2");
    CHECK(cpp.find("void my_silu2_forward(") != std::string::npos);
    CHECK(cpp.find("void my_silu2_backward(") != std::string::npos);
    CHECK(cpp.find("void my_silu2_forward_backward(") != std::string::npos);
    const std::string cuda = emit_cuda(k, "_silu");
    CHECK(cuda.find("__global__ void _silu_forward(") != std::string::npos);
}
