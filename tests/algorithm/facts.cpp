// The facts analysis (algorithm/facts.hpp) against values: whatever sign it
// states for a formula, every value of the formula on a grid has it. The
// corpus is the catalog's formulas and derivatives, and formulas written for
// the rules (sums bounded by a primitive's range, powers, max, min, where).
#include "../support.hpp"

#include <cmath>

#include <boost/hana/for_each.hpp>

#include <actdiff/catalog/registry.hpp>

using namespace actdiff;
using detail::list;
using detail::sign_v;

namespace {
constexpr auto x = var<"x">;
constexpr auto y = var<"y">;

// The sign stated under Known holds at every point where Known holds.
template <class Known, class F>
int check_sign(F f, const std::vector<double>& points) {
    constexpr int stated = sign_v<Known, F>;
    for (double p : points) {
        for (double q : {-2.5, -0.5, 0.0, 0.75, 3.0}) {
            const double v = eval(f, at(x = p, y = q));
            if (std::isnan(v)) continue;
            INFO(to_string(f) << " is stated " << stated << " but is " << v << " at x = " << p << ", y = " << q);
            if (stated == 2) CHECK(v > 0);
            if (stated == 1) CHECK(v >= 0);
            if (stated == -1) CHECK(v <= 0);
            if (stated == -2) CHECK(v < 0);
        }
    }
    return stated;
}

const auto everywhere = test_support::grid(-30.0, 30.0, 121);
// Where 1 − erf(x) and 1 + tanh(−x) do not yet round to 0 in double.
const auto moderate = test_support::grid(-5.0, 5.0, 41);
const auto positive = test_support::grid(0.01, 30.0, 60);
const auto negative = test_support::grid(-30.0, -0.01, 60);
}  // namespace

TEST_CASE("stated signs hold on the catalog's formulas and derivatives", "[facts]") {
    int known = 0;
    boost::hana::for_each(catalog::registry, [&](const auto& entry) {
        const auto check_one = [&](auto f) {
            constexpr int stated = sign_v<list<>, decltype(f)>;
            known += stated != 0;
            for (double p : everywhere) {
                const auto env = entry.at_defaults(catalog::x = p, catalog::a = p, catalog::b = 0.5 - p);
                const double v = eval(f, env);
                if (std::isnan(v)) continue;
                INFO(entry.name << ": " << to_string(f) << " is stated " << stated << " but is " << v << " at " << p);
                // A strict sign is checked strictly where the value cannot
                // round to 0 (1 − tanh(x)² is 0 in double for |x| > 19).
                const bool rounds_to_zero = std::abs(p) > 5;
                if (stated == 2) CHECK((rounds_to_zero ? v >= 0 : v > 0));
                if (stated == 1) CHECK(v >= 0);
                if (stated == -1) CHECK(v <= 0);
                if (stated == -2) CHECK((rounds_to_zero ? v <= 0 : v < 0));
            }
        };
        check_one(entry.formula);
        boost::hana::for_each(entry.inputs, [&](auto input) { check_one(d(entry.formula, input)); });
    });
    // Not a vacuous law: σ, softplus, their derivatives and many more are known.
    CHECK(known >= 15);
}

TEST_CASE("stated signs hold on formulas written for each rule", "[facts]") {
    // What each primitive states, and sums bounded by a primitive's range.
    CHECK(check_sign<list<>>(exp(x) + sigmoid(y), moderate) == 2);
    CHECK(check_sign<list<>>(1_c - sigmoid(x), moderate) == 2);
    CHECK(check_sign<list<>>(1_c + tanh(x), moderate) == 2);
    CHECK(check_sign<list<>>(1_c - erf(x), moderate) == 2);
    CHECK(check_sign<list<>>(-1_c - tanh(x) * tanh(x), moderate) == -2);
    CHECK(check_sign<list<>>(abs(x) + x * x, moderate) == 1);
    CHECK(check_sign<list<>>(-softplus(x) - exp(y), moderate) == -2);
    // q − f(u)² from f's range: tanh² < 1 strictly, sin² ≤ 1, σ² < 1; 1/2 − σ² is
    // not signed.
    CHECK(check_sign<list<>>(1_c - tanh(x) * tanh(x), moderate) == 2);
    CHECK(check_sign<list<>>(1_c - sin(x) * sin(x), moderate) == 1);
    CHECK(check_sign<list<>>(1_c - sigmoid(x) * sigmoid(x), moderate) == 2);
    CHECK(check_sign<list<>>(c<1, 2> - sigmoid(x) * sigmoid(x), moderate) == 0);
    // Powers: even powers are nonnegative, roots of a positive base positive.
    CHECK(check_sign<list<>>(pow(x + y, c<4>), moderate) == 1);
    CHECK(check_sign<list<>>(sqrt(1_c + exp(x)), moderate) == 2);
    CHECK(check_sign<list<>>(pow(-exp(x), c<3>), moderate) == -2);
    // max, min and where.
    CHECK(check_sign<list<>>(max(x, exp(y)), moderate) == 2);
    CHECK(check_sign<list<>>(min(-abs(x), -sigmoid(y)), moderate) == -2);
    CHECK(check_sign<list<>>(where(x > 0_c, sigmoid(x), exp(x)), moderate) == 2);
    // Unknown stays unknown.
    CHECK(check_sign<list<>>(x * sigmoid(x), moderate) == 0);
    CHECK(check_sign<list<>>(sin(x), moderate) == 0);
}

TEST_CASE("stated signs under known conditions hold where the conditions do", "[facts]") {
    using x_positive = list<decltype(x > 0_c)>;
    using x_at_most_minus_3 = list<decltype(x <= -3_c)>;
    CHECK(check_sign<x_positive>(x, positive) == 2);
    CHECK(check_sign<x_positive>(tanh(x) * x, positive) == 2);
    CHECK(check_sign<x_positive>(x + 2_c, positive) == 2);
    CHECK(check_sign<x_positive>(-x * exp(x), positive) == -2);
    CHECK(check_sign<x_at_most_minus_3>(x + 3_c, test_support::grid(-30.0, -3.0, 60)) == -1);
    CHECK(check_sign<x_at_most_minus_3>(pow(x + 3_c, c<3>), test_support::grid(-30.0, -3.0, 60)) == -1);
    CHECK(check_sign<list<decltype(x < 0_c)>>(atan(x) * asinh(x), negative) == 2);
}

// The ranges the conditions give, exactly.
static_assert(detail::range_v<list<decltype(x > 0_c), decltype(x <= 6_c)>, decltype(x + 3_c)>.has_low);
static_assert(detail::range_v<list<decltype(x > 0_c), decltype(x <= 6_c)>, decltype(x + 3_c)>.low ==
              detail::ratio{3, 1});
static_assert(detail::range_v<list<decltype(x > 0_c), decltype(x <= 6_c)>, decltype(x + 3_c)>.high ==
              detail::ratio{9, 1});
static_assert(detail::decided<list<decltype(x > 0_c)>>(x > -1_c) == 1);
static_assert(detail::decided<list<decltype(x > 0_c)>>(x < 0_c) == -1);
static_assert(detail::decided<list<decltype(x > 0_c)>>(x < 1_c) == 0);
