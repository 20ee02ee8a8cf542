// The laws every primitive obeys, checked over the one list of built-ins and
// over a user's primitive (Boost.Hana tests its concepts the same way):
//   - its derivative agrees with central finite differences of its evaluation;
//   - its constexpr evaluation agrees with the run-time library's, to 1e-15;
//   - its SIMD evaluation agrees with the scalar one, lane by lane;
//   - the values it folds at construction are its values, and its parity holds;
//   - its declared call cost is the number of library calls its evaluation makes;
//   - its declared range and sign law hold at every point;
//   - its declared monotonicity and growth hold;
//   - its stable form for kernels, where it has one, keeps its values and stays finite;
//   - its forms of 1 ∓ f(u) for kernels are 1 ∓ f(u);
//   - its form in the basis equivalence proofs compare (in_basis) is f(u);
//   - the sides of its kink, where it states them, are its values there.
// The spellings are checked elsewhere: KaTeX renders each LaTeX form, and the
// emitted code compiles and computes the same values (tests/laws/spellings.cpp).
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <tuple>

#include <catch2/catch.hpp>

#include <actdiff/actdiff.hpp>

#include "user_primitive.hpp"

namespace {

using namespace actdiff;

template <class List>
struct as_tuple;
template <class... Ts>
struct as_tuple<detail::list<Ts...>> {
    using type = std::tuple<Ts...>;
};
using primitives = as_tuple<laws_test::all_primitives>::type;

constexpr auto u = var<"u">;

// Points across every primitive's domain, none at a kink (0 is checked by fold).
// Beyond |u| = 7 a bounded function may round to its bound.
constexpr std::array<double, 14> points = {-7.5, -3.1, -1.7, -0.9, -0.35, -0.02, 0.013,
                                           0.27, 0.8,  1.3,  2.2,  4.9,   9.6,  31.0};

bool close(double a, double b, double tolerance) {
    if (std::isnan(b)) return std::isnan(a);
    if (std::isinf(b)) return a == b;
    return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

TEMPLATE_LIST_TEST_CASE("law: the derivative agrees with finite differences", "[laws]", primitives) {
    using F = TestType;
    constexpr auto f_prime = F::derivative(u);
    for (double p : points) {
        const double value = F::evaluate(p);
        if (!std::isfinite(value)) continue;  // outside the domain (log of a negative)
        const double h = 1e-5 * std::max(1.0, std::abs(p));
        const double up = F::evaluate(p + h), down = F::evaluate(p - h);
        if (!std::isfinite(up) || !std::isfinite(down)) continue;
        const double difference = (up - down) / (2 * h);
        INFO(F::name << "' at " << p << ": derivative " << eval(f_prime, at(u = p)) << ", finite difference "
                     << difference);
        CHECK(close(eval(f_prime, at(u = p)), difference, 1e-6));
    }
}

template <class F, std::size_t... I>
constexpr std::array<double, points.size()> at_compile_time(std::index_sequence<I...>) {
    return {F::evaluate(points[I])...};
}

TEMPLATE_LIST_TEST_CASE("law: constexpr evaluation agrees with the run-time library", "[laws]", primitives) {
    using F = TestType;
    constexpr auto compiled = at_compile_time<F>(std::make_index_sequence<points.size()>{});
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double run_time = F::evaluate(points[i]);
        INFO(F::name << " at " << points[i] << ": constexpr " << compiled[i] << ", run time " << run_time);
        CHECK(close(compiled[i], run_time, 1e-15));
    }
    // float and huge arguments too
    constexpr float big = F::evaluate(1e30f);
    CHECK(close(big, F::evaluate(1e30f), 1e-6));
    constexpr double small = F::evaluate(-1e-300);
    CHECK(close(small, F::evaluate(-1e-300), 1e-15));
}

#if ACTDIFF_KERNEL_SIMD
// The distance from a to b in units in the last place of b (subnormals count
// in units of the smallest subnormal).
template <class T>
double ulps(T a, T b) {
    const T unit = std::max(std::nextafter(std::abs(b), std::numeric_limits<T>::infinity()) - std::abs(b),
                            std::numeric_limits<T>::denorm_min());
    return std::abs(double(a) - double(b)) / double(unit);
}

// SIMD against scalar, in ULP. xsimd 8's float erf is the loose one; float
// erfc is our own (5.2 ULP at most over all floats, where xsimd's measured 69
// here); double erf and erfc are libm's in each lane (xsimd's measured 68).
template <class F, class T>
constexpr double simd_tolerance() {
    if constexpr (std::is_same_v<F, erfc_function> && std::is_same_v<T, float>) return 6;
    if constexpr (std::is_same_v<F, erf_function> && std::is_same_v<T, float>) return 96;
    return 4;
}

template <class F, class T>
void simd_against_scalar() {
    using batch = xsimd::batch<T>;
    constexpr T inf = std::numeric_limits<T>::infinity();
    std::vector<T> values = {T(0), T(-0.0), inf, -inf, std::numeric_limits<T>::quiet_NaN(),
                             std::numeric_limits<T>::denorm_min(), std::numeric_limits<T>::min(),
                             std::numeric_limits<T>::max(), -std::numeric_limits<T>::max(), T(1e30), T(-1e30),
                             T(1e10), T(-1e10), T(1000), T(-1000), T(88.5), T(-88.5), T(709.5), T(-709.5)};
    for (int i = -4000; i <= 4000; ++i) values.push_back(T(i) / T(100) + T(0.001));
    // The edges of exp's range, where e^u turns subnormal or overflows, and their neighbours.
    for (const T edge : {std::log(std::numeric_limits<T>::min()), std::log(std::numeric_limits<T>::max())}) {
        T below = edge, above = edge;
        values.push_back(edge);
        for (int k = 0; k < 4; ++k) {
            below = std::nextafter(below, -inf);
            above = std::nextafter(above, inf);
            values.push_back(below);
            values.push_back(above);
        }
    }
    while (values.size() % batch::size) values.push_back(T(0.5));
    for (std::size_t i = 0; i < values.size(); i += batch::size) {
        alignas(64) T out[batch::size];
        F::evaluate(batch::load_unaligned(&values[i])).store_unaligned(out);
        for (std::size_t j = 0; j < batch::size; ++j) {
            const T scalar = F::evaluate(values[i + j]);
            INFO(F::name << " at " << values[i + j] << ": SIMD " << out[j] << ", scalar " << scalar << ", "
                         << ulps(out[j], scalar) << " ulp");
            const bool same = std::isnan(scalar) ? std::isnan(out[j])
                              : std::isinf(scalar) ? out[j] == scalar
                                                   : ulps(out[j], scalar) <= simd_tolerance<F, T>();
            CHECK(same);
        }
    }
}

TEMPLATE_LIST_TEST_CASE("law: SIMD evaluation agrees with scalar evaluation", "[laws]", primitives) {
    using F = TestType;
    simd_against_scalar<F, float>();
    simd_against_scalar<F, double>();
}
#endif

// Each known value and the parity, at the rationals where they apply.
template <class F, class R>
void check_fold(R, double at_value) {
    using folded = decltype(detail::make_apply<F>(R{}));
    if constexpr (!std::is_same_v<folded, apply<F, R>>) {
        INFO(F::name << "(" << at_value << ") folds to " << to_string(folded{}));
        CHECK(close(eval(folded{}), F::evaluate(at_value), 1e-15));
    }
}

TEMPLATE_LIST_TEST_CASE("law: folded values and parity are the function's values", "[laws]", primitives) {
    using F = TestType;
    check_fold<F>(zero{}, 0.0);
    check_fold<F>(one{}, 1.0);
    check_fold<F>(c<-1>, -1.0);
    check_fold<F>(c<-3, 2>, -1.5);
    check_fold<F>(c<5, 2>, 2.5);
    // f(−u) as the engine folds it, against f at −p.
    constexpr auto reflected = detail::make_apply<F>(-u);
    for (double p : points) {
        INFO(F::name << "(−u) = " << to_string(reflected) << " at u = " << p);
        CHECK(close(eval(reflected, at(u = p)), F::evaluate(-p), 1e-15));
    }
    constexpr parity symmetry = primitive_traits<F>::symmetry;
    if constexpr (symmetry == parity::odd) STATIC_REQUIRE(std::is_same_v<decltype(detail::make_apply<F>(zero{})), zero>);
}

// A number that counts the library calls made on it (found by argument-dependent lookup).
struct counted {
    double value;
    static inline int calls = 0;
    explicit counted(double v = 0) : value(v) {}
    friend counted operator+(counted a, counted b) { return counted(a.value + b.value); }
    friend counted operator*(counted a, counted b) { return counted(a.value * b.value); }
    friend counted operator/(counted a, counted b) { return counted(a.value / b.value); }
    friend counted operator-(counted a) { return counted(-a.value); }
    friend bool operator>(counted a, counted b) { return a.value > b.value; }
    friend counted abs(counted a) { return counted(std::abs(a.value)); }
#define ACTDIFF_COUNTED_CALL(name)       \
    friend counted name(counted a) {     \
        ++calls;                         \
        return counted(std::name(a.value)); \
    }
    ACTDIFF_COUNTED_CALL(exp)
    ACTDIFF_COUNTED_CALL(expm1)
    ACTDIFF_COUNTED_CALL(log)
    ACTDIFF_COUNTED_CALL(log1p)
    ACTDIFF_COUNTED_CALL(tanh)
    ACTDIFF_COUNTED_CALL(asinh)
    ACTDIFF_COUNTED_CALL(sin)
    ACTDIFF_COUNTED_CALL(cos)
    ACTDIFF_COUNTED_CALL(atan)
    ACTDIFF_COUNTED_CALL(erf)
    ACTDIFF_COUNTED_CALL(erfc)
#undef ACTDIFF_COUNTED_CALL
};

TEMPLATE_LIST_TEST_CASE("law: the declared cost is the calls the evaluation makes", "[laws]", primitives) {
    using F = TestType;
    counted::calls = 0;
    const counted result = F::evaluate(counted(0.7));
    INFO(F::name << " declares " << primitive_traits<F>::cost.calls << " calls and makes " << counted::calls);
    CHECK(int(primitive_traits<F>::cost.calls) == counted::calls);
    CHECK(close(result.value, F::evaluate(0.7), 1e-15));
    // The expression's cost reads the same declaration.
    CHECK(transcendental_count(detail::make_apply<F>(u)) == primitive_traits<F>::cost.calls);
}

TEMPLATE_LIST_TEST_CASE("law: the declared range and sign law hold", "[laws]", primitives) {
    using F = TestType;
    constexpr value_range r = primitive_traits<F>::range;
    constexpr sign_law sign = primitive_traits<F>::sign;
    for (double p : points) {
        const double v = F::evaluate(p);
        if (std::isnan(v)) continue;
        INFO(F::name << "(" << p << ") = " << v);
        if constexpr (r.has_low) CHECK((r.low_open ? v > r.low || (std::abs(p) > 7 && v == r.low) : v >= r.low));
        if constexpr (r.has_high) CHECK((r.high_open ? v < r.high || (std::abs(p) > 7 && v == r.high) : v <= r.high));
        if constexpr (sign == sign_law::positive) CHECK(v >= 0);
        if constexpr (sign == sign_law::nonnegative) CHECK(v >= 0);
        if constexpr (sign == sign_law::follows_argument) CHECK((p > 0 ? v > 0 : v < 0));
    }
}

// The facts the kernels' overflow proofs read (evaluation/fused.hpp): f rises
// or falls as declared between neighbouring points, and |f(u)| ≤ c + s·|u|.
TEMPLATE_LIST_TEST_CASE("law: the declared monotonicity and growth hold", "[laws]", primitives) {
    using F = TestType;
    using traits = primitive_traits<F>;
    for (std::size_t k = 0; k + 1 < points.size(); ++k) {
        const double a = F::evaluate(points[k]), b = F::evaluate(points[k + 1]);
        INFO(F::name << " at " << points[k] << " and " << points[k + 1] << ": " << a << ", " << b);
        if (std::isnan(a) || std::isnan(b)) continue;
        if constexpr (traits::monotone == monotonicity::increasing) CHECK(a <= b);
        if constexpr (traits::monotone == monotonicity::decreasing) CHECK(a >= b);
    }
    if constexpr (traits::has_growth) {
        for (double p : {-1e300, -1e30, -700.0, -50.0, -1.0, 0.0, 1.0, 50.0, 700.0, 1e30, 1e300}) {
            const double v = F::evaluate(p);
            INFO(F::name << "(" << p << ") = " << v);
            CHECK(std::abs(v) <= (traits::growth.constant + traits::growth.slope * std::abs(p)) * (1 + 1e-15));
        }
    }
}

TEMPLATE_LIST_TEST_CASE("law: a kernel's stable form has the function's values, and stays finite", "[laws]",
                        primitives) {
    using F = TestType;
    using var_u = std::remove_const_t<decltype(u)>;
    if constexpr (requires { F::lowered(u); }) {
        constexpr auto form = detail::lowered_t<apply<F, var_u>>{};
        for (double p : {-1e300, -1e30, -1000.0, -40.0, -7.5, -1.0, -1e-9, 0.0, 1e-9, 0.5, 3.0, 40.0, 1000.0, 1e30}) {
            const double value = F::evaluate(p);
            INFO(F::name << " lowered to " << to_string(form) << ", at " << p << ": " << eval(form, at(u = p))
                         << ", the function " << value);
            CHECK(close(eval(form, at(u = p)), value, 1e-15));
            CHECK(std::isfinite(eval(form, at(u = p))));
        }
    } else {
        STATIC_REQUIRE(std::is_same_v<detail::lowered_t<apply<F, var_u>>, apply<F, var_u>>);
    }
}

TEMPLATE_LIST_TEST_CASE("law: 1 - f and 1 + f, as a kernel writes them, are 1 - f and 1 + f", "[laws]", primitives) {
    using F = TestType;
    using var_u = std::remove_const_t<decltype(u)>;
    for (double p : points) {
        const double value = F::evaluate(p);
        if constexpr (requires { F::one_minus(var_u{}); }) {
            INFO(F::name << ": 1 − f = " << to_string(F::one_minus(u)) << " at " << p);
            CHECK(close(eval(F::one_minus(u), at(u = p)), 1 - value, 1e-15));
        }
        if constexpr (requires { F::one_plus(var_u{}); }) {
            INFO(F::name << ": 1 + f = " << to_string(F::one_plus(u)) << " at " << p);
            CHECK(close(eval(F::one_plus(u), at(u = p)), 1 + value, 1e-15));
        }
        if constexpr (requires { F::one_minus_square(var_u{}); }) {
            INFO(F::name << ": 1 − f² = " << to_string(F::one_minus_square(u)) << " at " << p);
            CHECK(close(eval(F::one_minus_square(u), at(u = p)), 1 - value * value, 1e-15));
        }
        if constexpr (requires { F::alternative_one_plus(var_u{}); }) {
            CHECK(close(eval(F::alternative_one_plus(u), at(u = p)), 1 + value, 1e-15));
            CHECK(close(eval(F::alternative_one_minus(u), at(u = p)), 1 - value, 1e-15));
        }
    }
}

TEMPLATE_LIST_TEST_CASE("law: f in the basis of equivalence proofs is f", "[laws]", primitives) {
    using F = TestType;
    const auto check_at = [](auto argument) {
        using A = decltype(argument);
        if constexpr (requires { F::in_basis(A{}); }) {
            // The basis is for proofs, not for evaluation: 1 − σ(u) cancels
            // beyond |u| ≈ 5, so the values are compared inside.
            for (double p : points) {
                if (std::abs(p) > 5) continue;
                const double want = F::evaluate(eval(argument, at(u = p)));
                const double got = eval(F::in_basis(argument), at(u = p));
                INFO(F::name << "(" << to_string(argument) << ") = " << to_string(F::in_basis(argument)) << " at " << p
                             << ": " << got << ", the function " << want);
                CHECK(close(got, want, 1e-13));
            }
        }
    };
    check_at(u);
    check_at(-u);
    check_at(1_c - sigmoid(u));
}

TEMPLATE_LIST_TEST_CASE("law: the sides a kinked primitive states are its values on each side", "[laws]", primitives) {
    using F = TestType;
    if constexpr (requires {
                      F::below_kink(u);
                      F::above_kink(u);
                  }) {
        for (double p : points) {
            const bool below = p < primitive_traits<F>::kink;
            const double side = below ? eval(F::below_kink(u), at(u = p)) : eval(F::above_kink(u), at(u = p));
            INFO(F::name << " at " << p << ": the side " << (below ? to_string(F::below_kink(u)) : to_string(F::above_kink(u))));
            CHECK(close(side, F::evaluate(p), 1e-15));
        }
    }
}

}  // namespace
