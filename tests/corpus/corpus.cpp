// The randomized formula corpus (tests/corpus/generate.py): for every formula,
//  - d against central finite differences, in x to the second order and in p;
//  - simplify and d keep the values;
//  - the float and double kernels: never NaN for a number (every formula is
//    defined on all reals), forward and forward_backward compute the same f,
//    and the values agree with the same forms evaluated in long double, over a
//    sweep with ±0, subnormals, ±10^30 and the largest values.
// ACTDIFF_CORPUS_HEADER picks the generated part; the build compiles one
// translation unit per part. Built with ACTDIFF_CORPUS_LATEX, the same file
// is a program that prints the LaTeX of every formula and its derivatives,
// which KaTeX must render.
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <actdiff/actdiff.hpp>

#ifdef ACTDIFF_CORPUS_LATEX
#include <cstdio>
#else
#include "../support.hpp"
#endif

#define ACTDIFF_STRINGIFY_(x) #x
#define ACTDIFF_STRINGIFY(x) ACTDIFF_STRINGIFY_(x)
#include ACTDIFF_CORPUS_HEADER

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto p = param<"p">;
}  // namespace

#ifndef ACTDIFF_CORPUS_LATEX
namespace {

const std::vector<double> points = {-2.3, -0.71, 0.43, 1.9, 3.1};
const std::vector<double> parameters = {0.7, 1.3};

// A central difference of g at v, or NaN where g has a kink within h (the
// one-sided differences disagree) or is not finite.
template <class G>
double central_difference(G g, double v, double h) {
    const double left = (g(v) - g(v - h)) / h, right = (g(v + h) - g(v)) / h;
    if (!std::isfinite(left) || !std::isfinite(right)) return std::nan("");
    if (std::abs(left - right) > 1e-3 * (1 + std::abs(left))) return std::nan("");
    return (g(v + h) - g(v - h)) / (2 * h);
}

bool near(double a, double b, double relative) { return std::abs(a - b) <= relative * (1 + std::abs(a) + std::abs(b)); }

template <class T>
std::vector<T> sweep() {
    std::vector<T> out;
    for (int e = -40; e <= 40; ++e) {
        for (T m : {T(1), T(1.37), T(-1), T(-1.81)}) out.push_back(m * std::pow(T(2), T(e)));
    }
    for (T v : {T(0), -T(0), std::numeric_limits<T>::denorm_min(), -std::numeric_limits<T>::min(), T(1e30), T(-1e30),
                std::numeric_limits<T>::max(), -std::numeric_limits<T>::max(), T(88.7), T(-103.9), T(709.5)}) {
        out.push_back(v);
    }
    return out;
}

template <class... Fs, class Env>
std::array<long double, sizeof...(Fs)> in_long_double(detail::list<Fs...>, const Env& env) {
    return {eval(Fs{}, env)...};
}

// Within 1 % or 10⁻⁴ of the long double reference (this catches overflow,
// underflow and wrong branches, not rounding), ±∞ where the reference is
// beyond T. Where long double itself overflowed inside (e^14827), there is no
// reference.
template <class T>
bool agrees(T got, long double want) {
    if (!std::isfinite(want)) return true;
    if (std::fabs(want) > std::numeric_limits<T>::max()) return std::isinf(got) && std::signbit(got) == std::signbit(want);
    return std::isfinite(got) && std::fabs(got - want) <= std::max(1e-2L * std::fabs(want), 1e-4L);
}

template <class T, class... Fs, class Env>
auto in_t(detail::list<Fs...>, const Env& env) {
    return evaluate_fused_probed<T>(env, Fs{}...);
}

template <class T, class F>
void check_kernel(const std::string& name, F f, std::vector<std::string>& failures) {
    const auto k = kernel(f, x);
    using forms = typename decltype(k)::plan::forward_backward::forms;
    const std::vector<T> xs = sweep<T>();
    const std::size_t n = xs.size();
    for (double pv : parameters) {
        std::vector<T> gys(n, T(1)), ys(n), gxs(n), forward_ys(n);
        k.forward_backward(xs, gys, ys, gxs, p = T(pv));
        k.forward(xs, forward_ys, p = T(pv));
        const long double p_in_t = static_cast<long double>(T(pv));  // the parameter as the kernel sees it
        for (std::size_t i = 0; i < n; ++i) {
            const long double at_x = xs[i];
            const auto want = in_long_double(forms{}, at(x = at_x, p = p_in_t));
            // Where a change of x within its last bit in T moves the value by
            // more than the tolerance (sin(0.7x) at x = 10^6, where T's rounding
            // of 0.7x is radians), no kernel in T can agree: those points are
            // checked for NaN only. Fractions of an ulp too, since a whole ulp
            // can be a whole number of periods.
            bool conditioned = true;
            for (const long double ulps : {-1.0L, -0.5L, -0.25L, 0.25L, 0.5L, 1.0L}) {
                const long double nudge = ulps * std::ldexp(1.0L, -std::numeric_limits<T>::digits);
                const auto moved = in_long_double(forms{}, at(x = at_x * (1 + nudge), p = p_in_t));
                for (std::size_t k = 0; k < want.size(); ++k) conditioned = conditioned && agrees(static_cast<T>(moved[k]), want[k]);
            }
            // Where the forms cancel in T's arithmetic (x − √(1 + x²) at 10⁸
            // in float) with every subexpression in range, T cannot agree
            // either: the plain evaluation in T, without the kernel's rules,
            // tells. Where a subexpression left T's range, the kernel must.
            const auto plain = in_t<T>(forms{}, at(x = xs[i], p = T(pv)));
            const bool in_range = std::isfinite(plain.node_sum) && !(plain.least_watched < std::numeric_limits<T>::min());
            const bool cancels = in_range && !(agrees(plain.values[0], want[0]) && agrees(plain.values[1], want[1]));
            const bool same = (std::isnan(ys[i]) && std::isnan(forward_ys[i])) || ys[i] == forward_ys[i];
            const bool ok = !std::isnan(ys[i]) && !std::isnan(gxs[i]) && same &&
                            (!conditioned || cancels || (agrees(ys[i], want[0]) && agrees(gxs[i], want[1])));
            if (!ok && failures.size() < 12) {
                std::ostringstream message;
                message << name << (sizeof(T) == 4 ? " float" : " double") << " at x = " << xs[i] << ", p = " << pv
                        << ": y " << ys[i] << " (forward " << forward_ys[i] << ", long double " << double(want[0])
                        << "), gx " << gxs[i] << " (long double " << double(want[1]) << ")";
                failures.push_back(message.str());
            }
        }
    }
}

template <class F>
void check_formula(const std::string& name, F f) {
    std::vector<std::string> failures;
    const auto report = [&](const std::string& what, double v, double pv, double got, double want) {
        if (failures.size() >= 12) return;
        std::ostringstream message;
        message << name << ": " << what << " at x = " << v << ", p = " << pv << ": " << got << " against " << want;
        failures.push_back(message.str());
    };
    constexpr auto df = d(F{}, x);
    constexpr auto ddf = d(df, x);
    constexpr auto dp = d(F{}, p);
    constexpr auto canonical = simplify(F{});
    for (double pv : parameters) {
        for (double v : points) {
            const double h = 1e-5 * (1 + std::abs(v));
            const auto value = [&](auto g) { return [g, pv](double at_x) { return eval(g, x = at_x, p = pv); }; };
            const double fd = central_difference(value(f), v, h);
            if (!std::isnan(fd) && !near(eval(df, x = v, p = pv), fd, 1e-5)) report("d/dx", v, pv, eval(df, x = v, p = pv), fd);
            const double fdd = central_difference(value(df), v, h);
            if (!std::isnan(fdd) && !near(eval(ddf, x = v, p = pv), fdd, 1e-4))
                report("d²/dx²", v, pv, eval(ddf, x = v, p = pv), fdd);
            const double hp = 1e-5 * pv;
            const double fdp = central_difference([&](double at_p) { return eval(f, x = v, p = at_p); }, pv, hp);
            if (!std::isnan(fdp) && !near(eval(dp, x = v, p = pv), fdp, 1e-5)) report("d/dp", v, pv, eval(dp, x = v, p = pv), fdp);
            const double plain = eval(f, x = v, p = pv), simplified = eval(canonical, x = v, p = pv);
            if (!(std::isnan(plain) && std::isnan(simplified)) && !near(plain, simplified, 1e-11))
                report("simplify", v, pv, simplified, plain);
        }
    }
    check_kernel<float>(name, f, failures);
    check_kernel<double>(name, f, failures);
    std::string text;
    for (const std::string& failure : failures) text += failure + "\n";
    INFO(text);
    CHECK(failures.empty());
}
}  // namespace
#endif

#ifdef ACTDIFF_CORPUS_LATEX
// The LaTeX of f, ∂f/∂x and ∂f/∂p, one a line after a label, for KaTeX
// (tests/katex/render.js).
int main() {
#define ACTDIFF_CORPUS_FORMULA(...)                                                                   \
    std::printf("%s\t%s\n", #__VA_ARGS__, latex(__VA_ARGS__).c_str());                               \
    std::printf("d/dx %s\t%s\n", #__VA_ARGS__, latex(d(__VA_ARGS__, x)).c_str());                    \
    std::printf("d/dp %s\t%s\n", #__VA_ARGS__, latex(d(__VA_ARGS__, p)).c_str());
    ACTDIFF_CORPUS_FORMULAS
#undef ACTDIFF_CORPUS_FORMULA
}
#else
TEST_CASE("the randomized corpus: derivatives, simplification and kernels (part " ACTDIFF_STRINGIFY(ACTDIFF_CORPUS_PART) ")",
          "[corpus]") {
#define ACTDIFF_CORPUS_FORMULA(...) check_formula(#__VA_ARGS__, __VA_ARGS__);
    ACTDIFF_CORPUS_FORMULAS
#undef ACTDIFF_CORPUS_FORMULA
}
#endif
