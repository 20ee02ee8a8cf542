// The simplified derivative of every catalog entry against the form written
// by hand (src/reference/derivatives.hpp, from activations.md): at most as
// large, in operations and in transcendental calls, and equal in value.
#include <boost/hana/for_each.hpp>

#include "../../src/reference/derivatives.hpp"
#include "../support.hpp"

using namespace actdiff;
namespace hana = boost::hana;

TEST_CASE("every simplified derivative is at most as large as the hand-derived one", "[simplify][catalog]") {
    hana::for_each(reference::hand_derivatives, [](const auto& row) {
        const auto engine = d(row.function, row.input);
        INFO(row.name << " d/d" << row.input.name.view() << ": engine " << to_string(engine) << " ("
                      << operation_count(engine) << " operations, " << transcendental_count(engine)
                      << " calls), by hand " << to_string(row.hand) << " (" << operation_count(row.hand) << ", "
                      << transcendental_count(row.hand) << ")");
        CHECK(operation_count(engine) <= operation_count(row.hand));
        CHECK(transcendental_count(engine) <= transcendental_count(row.hand));
    });
}

TEST_CASE("every simplified derivative equals the hand-derived one", "[simplify][catalog]") {
    hana::for_each(reference::hand_derivatives, [](const auto& row) {
        const auto engine = d(row.function, row.input);
        for (double p : test_support::catalog_points) {
            for (double other : {-1.5, 0.25, 2.0}) {
                // Every symbol gets a value: the input p, the others `other` (positive
                // for the parameters the formulas divide by).
                const auto value = [&](auto symbol, double otherwise) {
                    return std::is_same_v<decltype(symbol), std::remove_const_t<decltype(row.input)>> ? p : otherwise;
                };
                using namespace reference::symbols;
                const auto env = at(x = value(x, p), a = value(a, p), b = value(b, other), alpha = value(alpha, std::abs(other)),
                                    beta = value(beta, std::abs(other)), weight = value(weight, other),
                                    frequency = value(frequency, other));
                const double expected = eval(row.hand, env);
                const double actual = eval(engine, env);
                INFO(row.name << " d/d" << row.input.name.view() << " at " << p << " (other " << other << "): "
                              << to_string(engine) << " = " << actual << ", by hand " << expected);
                CHECK(test_support::close(actual, expected, 1e-12, 1e-14));
            }
        }
    });
}

TEST_CASE("kink conventions survive simplification", "[simplify][kink]") {
    constexpr auto x = var<"x">;
    CHECK(eval(d(relu6(x), x), x = 0.0) == 0.0);
    CHECK(eval(d(relu6(x), x), x = 6.0) == 0.0);
    CHECK(eval(d(hardtanh(x), x), x = -1.0) == 0.0);
    CHECK(eval(d(hardtanh(x), x), x = 1.0) == 0.0);
    CHECK(eval(d(hardsigmoid(x), x), x = -3.0) == 0.0);
    CHECK(eval(d(hardsigmoid(x), x), x = 3.0) == 0.0);
    CHECK(eval(d(hardswish(x), x), x = -3.0) == 0.0);
    CHECK(eval(d(hardswish(x), x), x = 3.0) == 1.0);
    CHECK(eval(d(elu(x), x), x = 0.0) == 1.0);
    CHECK(eval(d(leaky_relu(x), x), x = 0.0) == 0.01);
    // A value-preserving rewrite of f itself would move the kink: d(where(x >= 0, max(x, 0), 0)) at 0.
    CHECK(eval(d(where(x >= 0_c, max(x, 0_c), 0_c), x), x = 0.0) == 0.0);
}
