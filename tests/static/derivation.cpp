// If this file compiles, it passes: a derivation is the engine's own
// computation. Its differentiation steps end at d_raw(f, x) (of f's pieces,
// where it goes by pieces; a quotient read by the quotient rule ends at
// another raw form with nothing pending), its simplification at d(f, x), and its last step
// at textbook(d(f, x)), the author's form of it (the same step when they are
// one), for the seed's sigmoid, catalog entries and formulas of users.
#include <type_traits>

#include <actdiff/actdiff.hpp>
#include <actdiff/algorithm/derivation.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;

// Without named subterms the differentiation steps end at d_raw; with them,
// at d_raw with each named u's derivative still pending. Either way the
// simplification ends at d, and the last step is d's textbook form.
template <class F, class V>
constexpr bool ends_where_d_does(F, V) {
    using subject = detail::subject_t<F, V>;   // f, or its pieces
    using steps = detail::derivation_steps<subject, V>;
    using after_differentiation = typename detail::expression_of<typename detail::last_of<typename steps::raw>::type>::type;
    using after_all = typename detail::expression_of<typename detail::last_of<detail::derivation_steps_t<F, V>>::type>::type;
    using named = detail::named_in_derivation_t<F, V>;
    using raw_with_named_pending = decltype([]<class... Ns>(detail::list<Ns...>) {
        return detail::resolved_t<typename detail::substitute_all<after_differentiation, V, Ns...>::type>{};
    }(named{}));
    // A quotient read by the quotient rule ends at another raw form than
    // d_raw's product rule, one with no derivative left pending.
    constexpr bool differentiated = std::is_same_v<named, detail::list<>>
                                        ? (std::is_same_v<after_differentiation, decltype(d_raw(subject{}, V{}))> ||
                                           std::is_void_v<typename detail::first_pending<after_differentiation, named>::type>)
                                        : !std::is_same_v<raw_with_named_pending, void>;
    using simplified = typename steps::result;
    return differentiated && std::is_same_v<simplified, decltype(d(F{}, V{}))> &&
           std::is_same_v<after_all, decltype(textbook(d(F{}, V{})))>;
}

// gelu_tanh names u = √(2/π)(x + 0.044715x³); x/√2 is too short to name.
template <class F, class V>
constexpr bool names_a_subterm(F, V) {
    return !std::is_same_v<detail::named_subterms_t<F, V>, detail::list<>>;
}
static_assert(names_a_subterm(gelu_tanh(x), x));
static_assert(!names_a_subterm(gelu(x), x));

static_assert(ends_where_d_does(pow(1_c + exp(-x), c<-1>), x));
static_assert(ends_where_d_does(x * sigmoid(param<"beta"> * x), x));
static_assert(ends_where_d_does(x * sigmoid(param<"beta"> * x), param<"beta">));
static_assert(ends_where_d_does(gelu_tanh(x), x));
static_assert(ends_where_d_does(mish(x), x));
static_assert(ends_where_d_does(hardswish(x), x));
static_assert(ends_where_d_does(hardsigmoid(x), x));
static_assert(ends_where_d_does(relu6(x), x));
static_assert(ends_where_d_does(hardtanh(x, param<"lo">, param<"hi">), param<"lo">));
static_assert(ends_where_d_does(hardtanh(x, param<"lo">, param<"hi">), x));   // ends by pieces
static_assert(ends_where_d_does(d(x * sigmoid(x), x), x));                      // ends with the factor 1 − σ
static_assert(ends_where_d_does(x * max(x, 0_c) + min(x * x, 1_c), x));   // not in the catalog

// hardswish, hardsigmoid and relu6 go by pieces: x(x + 3)/6 between −3 and 3.
static_assert(detail::by_pieces_v<decltype(hardswish(x)), decltype(x)>);
static_assert(detail::by_pieces_v<decltype(relu6(x)), decltype(x)>);
static_assert(!detail::by_pieces_v<decltype(relu(x)), decltype(x)>);   // max(x, 0) is one piece rule already
static_assert(!detail::by_pieces_v<decltype(gelu(x)), decltype(x)>);
// hardtanh's pieces would still compare max(x, lo) with hi: it stays as written.
static_assert(!detail::by_pieces_v<decltype(hardtanh(x, param<"lo">, param<"hi">)), decltype(x)>);
static_assert(ends_where_d_does(softsign(x), x));   // by the quotient rule
static_assert(ends_where_d_does(x / (1_c + pow(x, 2_c)), x));
static_assert(ends_where_d_does(x, x));   // a bare symbol, as the randomized corpus has
static_assert(ends_where_d_does(celu(x, param<"alpha">), x));
static_assert(ends_where_d_does(elu(x, param<"alpha">), param<"alpha">));   // constant factors
static_assert(ends_where_d_does(definition(sigmoid(x)), x));                // from the definition
static_assert(ends_where_d_does(definition(tanh(x)), x));
static_assert(ends_where_d_does(definition(tanh(2_c * x)), x));             // by the quotient rule, term by term
static_assert(ends_where_d_does(x * definition(tanh(x)), x));               // a quotient inside: not divided
static_assert(ends_where_d_does(celu(x, param<"alpha">), param<"alpha">));   // a named branch
static_assert(names_a_subterm(celu(x, param<"alpha">), param<"alpha">));

// Naming a long u' (and u'²) in e changes its print only: with the slope put
// back, e is d's own form again, and the name was used.
template <class F, class V, class E>
constexpr bool slope_named_and_put_back(F, V, E) {
    return []<class U>(detail::list<U>) {
        using slope = decltype(d(U{}, V{}));
        using renamed = typename detail::in_slopes<V, E, 0, U>::type;
        using put_back = detail::substitute_t<detail::slope_placeholder<0>, slope, renamed>;
        return !std::is_same_v<renamed, E> && std::is_same_v<decltype(simplify(put_back{})), E>;
    }(detail::named_in_derivation_t<F, V>{});
}
static_assert(slope_named_and_put_back(gelu_tanh(x), x, d(gelu_tanh(x), x)));
static_assert(slope_named_and_put_back(gelu_tanh(x), x, d(d(gelu_tanh(x), x), x)));
}  // namespace

int main() {}
