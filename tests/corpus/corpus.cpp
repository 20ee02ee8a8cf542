// The randomized formula corpus (tests/corpus/generate.py): for every formula,
//  - d against central finite differences, in x to the second order and in p;
//  - simplify and d keep the values, and so does textbook(∂f/∂x), the form
//    a page prints;
//  - the float and double kernels: never NaN for a number (every formula is
//    defined on all reals), forward and forward_backward compute the same f,
//    and the values agree with the same forms evaluated in long double (float
//    kernels) or __float128 (double kernels), over a sweep with ±0,
//    subnormals, ±10^30 and the largest values.
// ACTDIFF_CORPUS_HEADER picks the generated part; the build compiles one
// translation unit per part. Built with ACTDIFF_CORPUS_LATEX, the same file
// is a program that prints the LaTeX of every formula, its derivatives and
// the derivation of ∂f/∂x, which KaTeX must render. Built with ACTDIFF_CORPUS_EMIT, it is a program
// that writes the emitted C++ of every formula's kernel and, for each, the
// values the kernel's own forms take in long double (tests/corpus/emitted.cpp
// compiles the source and compares).
#include <array>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <actdiff/actdiff.hpp>

#if defined(ACTDIFF_CORPUS_LATEX)
#include <cstdio>
#elif defined(ACTDIFF_CORPUS_EMIT)
#include <cstdio>
#include <fstream>
#include <iomanip>
#else
#include "../accuracy/quad.hpp"
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

#if !defined(ACTDIFF_CORPUS_LATEX) && !defined(ACTDIFF_CORPUS_EMIT)
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

// The reference: the kernel's forms in long double for a float kernel, in
// __float128 for a double kernel where GCC's libquadmath is there.
template <class T>
struct wider {
    using type = long double;
    static long double of(long double v) { return v; }
    static long double back(long double v) { return v; }
};
#if ACTDIFF_HAVE_QUAD
template <>
struct wider<double> {
    using type = accuracy::quad;
    static accuracy::quad of(long double v) { return accuracy::quad::of(static_cast<__float128>(v)); }
    static long double back(accuracy::quad v) { return static_cast<long double>(v.v); }
};
#endif
template <class T, class... Fs>
std::array<long double, sizeof...(Fs)> in_wider(detail::list<Fs...>, long double at_x, long double at_p) {
    using W = wider<T>;
    const auto env = at(x = W::of(at_x), p = W::of(at_p));
    return {W::back(eval(Fs{}, env))...};
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

// The forms evaluated plainly in T, and whether every subexpression stayed
// finite (all of them, not only those the kernels check, so that a value the
// kernels' analysis wrongly proves finite is not excused) and no watched call
// underflowed.
template <class T, std::size_t N>
struct plain_values {
    std::array<T, N> values;
    bool in_range;
};
template <class T, class... Nodes, class State>
bool all_finite(detail::list<Nodes...>, const State& state) {
    return ([&] {
        if constexpr (is_condition_v<Nodes>) return true; else return std::isfinite(T(state.template get<Nodes>()));
    }() && ...);
}
template <class T, class... Fs, class Env>
plain_values<T, sizeof...(Fs)> in_t(detail::list<Fs...>, const Env& env) {
    const auto state = detail::fused_run<T, Env, Fs...>(env);
    return {{state.template get<Fs>()...},
            all_finite<T>(typename detail::schedule_of<detail::list<>, Fs...>::type{}, state) &&
                !(detail::least_watched<T>(detail::watched_t<Fs...>{}, state) < std::numeric_limits<T>::min())};
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
            const auto want = in_wider<T>(forms{}, at_x, p_in_t);
            // Where a change of x within its last bit in T moves the value by
            // more than the tolerance (sin(0.7x) at x = 10^6, where T's rounding
            // of 0.7x is radians), no kernel in T can agree: those points are
            // checked for NaN only. Fractions of an ulp too, since a whole ulp
            // can be a whole number of periods.
            bool conditioned = true;
            for (const long double ulps : {-1.0L, -0.5L, -0.25L, 0.25L, 0.5L, 1.0L}) {
                const long double nudge = ulps * std::ldexp(1.0L, -std::numeric_limits<T>::digits);
                const auto moved = in_wider<T>(forms{}, at_x * (1 + nudge), p_in_t);
                for (std::size_t k = 0; k < want.size(); ++k) conditioned = conditioned && agrees(static_cast<T>(moved[k]), want[k]);
            }
            // Where the forms cancel in T's arithmetic (x − √(1 + x²) at 10⁸
            // in float) with every subexpression in range, T cannot agree
            // either: the plain evaluation in T, without the kernel's rules,
            // tells. Where a subexpression left T's range, the kernel must.
            const auto plain = in_t<T>(forms{}, at(x = xs[i], p = T(pv)));
            const bool cancels = plain.in_range && !(agrees(plain.values[0], want[0]) && agrees(plain.values[1], want[1]));
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
    constexpr auto shown = textbook(df);  // f' as a page prints it
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
            const double slope = eval(df, x = v, p = pv), printed = eval(shown, x = v, p = pv);
            if (!(std::isnan(slope) && std::isnan(printed)) && !near(slope, printed, 1e-11))
                report("textbook(d/dx)", v, pv, printed, slope);
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

#if defined(ACTDIFF_CORPUS_EMIT)
namespace {
// Inputs where double evaluates every form without leaving its range, and
// the parameter values.
const std::vector<double> emitted_points = {-7.5, -2.3, -0.71, -0.05, 0, 0.43, 1.9, 3.1, 12.0};
const std::vector<double> emitted_parameters = {0.7, 1.3};

// formula_I's emitted source, a table {x, p, f, ∂f/∂x} from the kernel's own
// forms in long double, and a line that hands both to the test.
template <class F>
void write_emitted(std::ostream& out, std::size_t index, const char* text, F f) {
    const auto k = kernel(f, x);
    using forms = typename decltype(k)::plan::forward_backward::forms;
    const std::string name = "formula_" + std::to_string(index);
    out << "// " << text << "\n" << emit_cpp(k, name) << "\n";
    out << "inline constexpr double " << name << "_reference[][4] = {\n" << std::setprecision(17);
    for (double pv : emitted_parameters) {
        for (double v : emitted_points) {
            const auto values = [&]<class... Fs>(detail::list<Fs...>) {
                return std::array<long double, sizeof...(Fs)>{eval(Fs{}, at(x = static_cast<long double>(v), p = static_cast<long double>(pv)))...};
            }(forms{});
            out << "    {" << v << ", " << pv << ", " << static_cast<double>(values[0]) << ", " << static_cast<double>(values[1])
                << "},\n";
        }
    }
    constexpr bool uses_p = detail::uses_v<F, std::remove_const_t<decltype(p)>>;
    out << "};\n";
    out << "#define ACTDIFF_CORPUS_" << name << (uses_p ? " ACTDIFF_CORPUS_EMITTED_WITH_P(" : " ACTDIFF_CORPUS_EMITTED(")
        << "\"" << name << "\", " << name << "_forward, " << name << "_forward_backward, " << name << "_reference)\n\n";
}
}  // namespace

// The emitted source of every formula, written to argv[1] only when complete.
int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT\n", argv[0]);
        return 2;
    }
    std::ostringstream out;
    out << "// Generated by tests/corpus/corpus.cpp (ACTDIFF_CORPUS_EMIT) from " << ACTDIFF_CORPUS_HEADER << ". Do not edit.\n"
        << "#pragma once\n#include <cmath>\n#include <cstddef>\n\n";
    std::size_t index = 0;
    std::string calls;
#define ACTDIFF_CORPUS_FORMULA(...)                                                    \
    write_emitted(out, index, #__VA_ARGS__, __VA_ARGS__);                              \
    calls += " ACTDIFF_CORPUS_formula_" + std::to_string(index++);
    ACTDIFF_CORPUS_FORMULAS
#undef ACTDIFF_CORPUS_FORMULA
    out << "#define ACTDIFF_CORPUS_EMITTED_ALL" << calls << "\n";
    std::ofstream file(argv[1]);
    file << out.str();
    return file ? 0 : 1;
}
#elif defined(ACTDIFF_CORPUS_LATEX)
// The LaTeX of f, ∂f/∂x and ∂f/∂p, and the derivation of ∂f/∂x on one line,
// one a line after a label, for KaTeX (tests/katex/render.js).
std::string one_line(std::string tex) {
    for (char& c : tex) c = c == '\n' ? ' ' : c;
    return tex;
}
int main() {
#define ACTDIFF_CORPUS_FORMULA(...)                                                                   \
    std::printf("%s\t%s\n", #__VA_ARGS__, latex(__VA_ARGS__).c_str());                               \
    std::printf("d/dx %s\t%s\n", #__VA_ARGS__, latex(d(__VA_ARGS__, x)).c_str());                    \
    std::printf("d/dp %s\t%s\n", #__VA_ARGS__, latex(d(__VA_ARGS__, p)).c_str());                    \
    std::printf("derivation %s\t%s\n", #__VA_ARGS__, one_line(derivation(__VA_ARGS__, x)).c_str());
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
