#include <actdiff/actdiff.hpp>
#include <actdiff/catalog/registry.hpp>

int main() {
    using namespace actdiff;
    constexpr auto x = var<"x">;
    static_assert(catalog::size == 26);
    return eval(d(gelu(x), x), x = 0.0) == 0.5 ? 0 : 1;
}
