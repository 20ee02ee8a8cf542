// `using namespace actdiff;` before other libraries' headers must not change
// what their unqualified calls find: no public actdiff name may capture a call
// inside {fmt}, Boost.Hana, xsimd or the standard library. (fmt's bigint once
// called compare(a, b) and found actdiff's comparison node instead.) The
// lighter actdiff headers come first on purpose: the umbrella header would
// include the others before the using-directive.
#include <actdiff/catalog/activations.hpp>
#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/algorithm/simplify.hpp>

using namespace actdiff;

#include <algorithm>
#include <cmath>
#include <complex>
#include <functional>
#include <map>
#include <numeric>
#include <ranges>
#include <string>
#include <tuple>
#include <valarray>
#include <vector>

#include <boost/hana.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <xsimd/xsimd.hpp>

// The public functions of generic names take part in overload resolution
// only when an argument is one of actdiff's own types.
template <class T>
concept evaluable = requires(T t) { eval(t, t); };
template <class T>
concept located = requires(T t) { at(t); };
template <class T>
concept differentiable = requires(T t) { d(t, t); };
template <class T>
concept simplifiable = requires(T t) { simplify(t); };
template <class T>
concept selectable = requires(T t) { where(t, t, t); };
template <class T>
concept kernel_of = requires(T t) { kernel(t, t); };
template <class T>
concept counted = requires(T t) { operation_count(t); };
static_assert(!evaluable<double> && !located<int> && !differentiable<double> && !simplifiable<std::string> &&
              !selectable<bool> && !kernel_of<float> && !counted<std::vector<int>>);
static_assert(differentiable<variable<"x">> && simplifiable<variable<"x">> && counted<variable<"x">>);

int main() {
    // Each library still works after the directive, unqualified calls included.
    std::vector<double> values{3.0, 1.0, 2.0};
    std::sort(values.begin(), values.end());
    const double total = std::accumulate(values.begin(), values.end(), 0.0);
    const std::string text = fmt::format("{} {:.30g} {}", values, 1e-300L, std::tuple{1, 2.5});
    constexpr auto sizes = boost::hana::make_tuple(1, 2, 3);
    static_assert(boost::hana::sum<>(sizes) == 6);
    const xsimd::batch<float> batch(0.5f);
    const float lane = xsimd::hadd(xsimd::exp(batch));
    const double e_value = std::exp(1.0);
    const std::complex<double> z = std::exp(std::complex<double>(0.0, 1.0));
    // And actdiff too.
    constexpr auto x = var<"x">;
    static_assert(eval(d(relu(x), x), x = 1.0) == 1.0);
    return (total == 6.0 && !text.empty() && lane > 0.0f && e_value > 2.7 && std::abs(z) > 0.99) ? 0 : 1;
}
