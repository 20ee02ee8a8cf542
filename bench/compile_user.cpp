// One user's translation unit: a new activation that is not in the catalog
// (TanhExp, x·tanh(eˣ)), its derivative, and, unless ACTDIFF_FORMULA_ONLY, its
// LaTeX and a float kernel. bench/compile_time.sh compiles it three ways:
//   (default)               with the umbrella header <actdiff/actdiff.hpp>
//   -DACTDIFF_LIGHT_HEADERS  with only the headers it uses
//   -DACTDIFF_FORMULA_ONLY   the lightest useful TU: the formula, d() and eval()
#if defined(ACTDIFF_FORMULA_ONLY)
#include <actdiff/catalog/activations.hpp>
#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/algorithm/simplify.hpp>
#elif defined(ACTDIFF_LIGHT_HEADERS)
#include <actdiff/kernel/elementwise.hpp>
#include <actdiff/printing/latex.hpp>
#else
#include <actdiff/actdiff.hpp>
#endif

#include <string>
#include <vector>

using namespace actdiff;

template <Expression U>
constexpr auto tanh_exp(U u) {
    return u * tanh(exp(u));
}

int main() {
    constexpr auto x = var<"x">;
    constexpr auto slope = d(tanh_exp(x), x);
    double total = eval(slope, x = 0.5);
#if !defined(ACTDIFF_FORMULA_ONLY)
    const std::string tex = latex(slope);
    std::vector<float> xs(64, 0.5f), ys(64), gys(64, 1.0f), gxs(64);
    kernel(tanh_exp(x), x).forward_backward(xs, gys, ys, gxs);
    total += double(tex.size()) + gxs[0];
#endif
    return total > 0 ? 0 : 1;
}
