// The emitted C++ of every corpus formula (written at build time by the
// corpus program built with ACTDIFF_CORPUS_EMIT), compiled here as a user's
// project would compile it, with no actdiff header: in double it agrees with
// the kernel's own forms evaluated in long double, forward and
// forward_backward give the same f (to rounding: emitted source divides where
// the in-library kernel multiplies by a shared reciprocal), and the float
// instantiation agrees to float's precision where the value is moderate.
#include <cmath>
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include ACTDIFF_CORPUS_EMITTED_HEADER

namespace {

bool near(double a, double b, double relative) { return std::abs(a - b) <= relative * (1 + std::abs(a) + std::abs(b)); }

template <std::size_t Rows, class Forward, class ForwardBackward>
void check_emitted(const char* name, Forward forward, ForwardBackward forward_backward, const double (&table)[Rows][4],
                   std::vector<std::string>& failures) {
    const auto run = [&](auto zero) {
        using T = decltype(zero);
        for (std::size_t row = 0; row < Rows; ++row) {
            const T xs[1] = {T(table[row][0])}, gys[1] = {T(1)};
            T ys[1], gxs[1], forward_ys[1];
            const T pv = T(table[row][1]);
            forward_backward(xs, gys, ys, gxs, std::size_t{1}, pv);
            forward(xs, forward_ys, std::size_t{1}, pv);
            const double want_y = table[row][2], want_gx = table[row][3];
            const double tolerance = sizeof(T) == 8 ? 1e-9 : 1e-3;
            // The reference in long double is finite here by the choice of
            // points; float may leave its range where double does not.
            const bool in_range = sizeof(T) == 8 || (std::abs(want_y) < 1e30 && std::abs(want_gx) < 1e30);
            const bool ok = !in_range || (near(double(ys[0]), want_y, tolerance) && near(double(gxs[0]), want_gx, tolerance) &&
                                          near(double(forward_ys[0]), double(ys[0]), tolerance));
            if (!ok && failures.size() < 12) {
                std::ostringstream message;
                message << name << (sizeof(T) == 8 ? " double" : " float") << " at x = " << table[row][0]
                        << ", p = " << table[row][1] << ": y " << ys[0] << " (forward " << forward_ys[0] << ", reference "
                        << want_y << "), gx " << gxs[0] << " (reference " << want_gx << ")";
                failures.push_back(message.str());
            }
        }
    };
    run(0.0);
    run(0.0f);
}

}  // namespace

TEST_CASE("the emitted C++ of every corpus formula compiles standalone and agrees with the kernel's forms",
          "[corpus][emit]") {
    std::vector<std::string> failures;
    std::size_t formulas = 0;
    // Formulas without the parameter p take no trailing argument.
#define ACTDIFF_CORPUS_EMITTED_WITH_P(name, forward, forward_backward, table)                                  \
    ++formulas;                                                                                                 \
    check_emitted(                                                                                              \
        name, [](const auto* xs, auto* ys, std::size_t n, auto pv) { forward(xs, ys, n, pv); },                  \
        [](const auto* xs, const auto* gys, auto* ys, auto* gxs, std::size_t n, auto pv) {                      \
            forward_backward(xs, gys, ys, gxs, n, pv);                                                          \
        },                                                                                                      \
        table, failures);
#define ACTDIFF_CORPUS_EMITTED(name, forward, forward_backward, table)                                         \
    ++formulas;                                                                                                 \
    check_emitted(                                                                                              \
        name, [](const auto* xs, auto* ys, std::size_t n, auto) { forward(xs, ys, n); },                         \
        [](const auto* xs, const auto* gys, auto* ys, auto* gxs, std::size_t n, auto) {                         \
            forward_backward(xs, gys, ys, gxs, n);                                                              \
        },                                                                                                      \
        table, failures);
    ACTDIFF_CORPUS_EMITTED_ALL
#undef ACTDIFF_CORPUS_EMITTED
#undef ACTDIFF_CORPUS_EMITTED_WITH_P
    std::string text;
    for (const std::string& failure : failures) text += failure + "\n";
    INFO(formulas << " formulas\n" << text);
    CHECK(formulas > 0);
    CHECK(failures.empty());
}
