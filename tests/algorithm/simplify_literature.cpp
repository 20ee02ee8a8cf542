// The derivatives of activations from the literature that are not in the
// catalog, written as a newcomer would, against the form an expert writes by
// hand: at most as large (operations and transcendental calls), proved equal
// by equivalence_of, and equal in value at points across the range.
#include <cmath>
#include <tuple>

#include "../support.hpp"

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto a = param<"a">;
constexpr auto b = param<"b">;
constexpr auto alpha = param<"alpha">;
constexpr auto beta = param<"beta">;

template <class F, class H>
struct row {
    const char* name;
    F function;
    H hand;
};
template <class F, class H>
row(const char*, F, H) -> row<F, H>;

// A newcomer's formula, its derivative as an expert writes it.
const auto rows = std::make_tuple(
    row{"squareplus", (x + sqrt(x * x + b)) / 2_c, (1_c + x / sqrt(x * x + b)) / 2_c},
    row{"squared ReLU", pow(relu(x), 2_c), 2_c * relu(x)},
    row{"bent identity", (sqrt(x * x + 1_c) - 1_c) / 2_c + x, x / (2_c * sqrt(x * x + 1_c)) + 1_c},
    row{"ISRU", x / sqrt(1_c + a * x * x), pow(1_c + a * x * x, c<-3, 2>)},
    row{"Gaussian", exp(-x * x), -2_c * x * exp(-x * x)},
    row{"TanhExp", x * tanh(exp(x)), tanh(exp(x)) + x * exp(x) * (1_c - pow(tanh(exp(x)), 2_c))},
    row{"Serf", x * erf(log(1_c + exp(x))),
        erf(softplus(x)) + 2_c / sqrt(pi) * x * exp(-pow(softplus(x), 2_c)) * sigmoid(x)},
    row{"log-sigmoid", log(sigmoid(x)), sigmoid(-x)},
    row{"Smish", x * tanh(log(1_c + sigmoid(x))),
        tanh(log1p(sigmoid(x))) +
            x * (1_c - pow(tanh(log1p(sigmoid(x))), 2_c)) * sigmoid(x) * (1_c - sigmoid(x)) / (1_c + sigmoid(x))},
    row{"ELiSH", where(x >= 0_c, x * sigmoid(x), (exp(x) - 1_c) * sigmoid(x)),
        where(x >= 0_c, sigmoid(x) * (1_c + x * (1_c - sigmoid(x))),
              exp(x) * sigmoid(x) + expm1(x) * sigmoid(x) * (1_c - sigmoid(x)))},
    row{"QuickGELU", x * sigmoid(c<1702, 1000> * x),
        sigmoid(c<1702, 1000> * x) * (1_c + c<1702, 1000> * x * (1_c - sigmoid(c<1702, 1000> * x)))},
    row{"Snake", x + pow(sin(a * x), 2_c) / a, 1_c + sin(2_c * a * x)},
    row{"arctan", atan(x), 1_c / (1_c + x * x)},
    row{"SiLU as x/(1 + e^-x)", x / (1_c + exp(-x)), sigmoid(x) * (1_c + x * (1_c - sigmoid(x)))},
    row{"softsign as x/(1 + |x|)", x / (1_c + abs(x)), pow(1_c + abs(x), -2_c)},
    row{"swish + alpha x", x * sigmoid(beta * x) + alpha * x,
        sigmoid(beta * x) * (1_c + beta * x * (1_c - sigmoid(beta * x))) + alpha},
    row{"sigmoid as e^x/(1 + e^x)", exp(x) / (1_c + exp(x)), sigmoid(x) * (1_c - sigmoid(x))});

template <class F>
void for_each_row(F each) {
    std::apply([&](const auto&... r) { (each(r), ...); }, rows);
}
}  // namespace

TEST_CASE("derivatives of activations from the literature are at most as large as by hand", "[simplify][literature]") {
    for_each_row([](const auto& r) {
        const auto engine = d(r.function, x);
        INFO(r.name << ": engine " << to_string(engine) << " (" << operation_count(engine) << " operations, "
                    << transcendental_count(engine) << " calls), by hand " << to_string(r.hand) << " ("
                    << operation_count(r.hand) << ", " << transcendental_count(r.hand) << ")");
        CHECK(operation_count(engine) <= operation_count(r.hand));
        CHECK(transcendental_count(engine) <= transcendental_count(r.hand));
    });
}

TEST_CASE("derivatives of activations from the literature equal the hand forms", "[simplify][literature]") {
    for_each_row([](const auto& r) {
        const auto engine = d(r.function, x);
        INFO(r.name << ": engine " << to_string(engine) << ", by hand " << to_string(r.hand));
        CHECK(equivalence_of(engine, r.hand) == equivalence::equal);
        for (double p : test_support::catalog_points) {
            const auto env = at(x = p, a = 0.75, b = 4.0, alpha = 0.1, beta = 1.3);
            const double want = eval(r.hand, env), got = eval(engine, env);
            INFO("at " << p << ": engine " << got << ", by hand " << want);
            CHECK(test_support::close(got, want, 1e-12, 1e-14));
        }
    });
}
