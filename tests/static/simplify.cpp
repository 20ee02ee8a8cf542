// If this file compiles, it passes: canonical forms, recognition, equivalence,
// output-only derivatives and compile-time checks of derivatives.
#include <type_traits>

#include <actdiff/actdiff.hpp>

using namespace actdiff;

namespace {
constexpr auto x = var<"x">;
constexpr auto y = var<"y">;
constexpr auto alpha = param<"alpha">;
constexpr auto beta = param<"beta">;

template <class A, class B>
constexpr bool same = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;

// The two equivalences.
static_assert(equivalent(d(sigmoid(x), x), sigmoid(x) * (1_c - sigmoid(x))));
static_assert(equivalent(d(1_c / (1_c + exp(-x)), x), sigmoid(x) * (1_c - sigmoid(x))));

// equivalence_of: proved equal once products of sums are multiplied out,
// proved different by a point where both sides differ, or unknown; equivalent
// is true only when proved.
static_assert(equivalent(d(exp(x) / (1_c + exp(x)), x), sigmoid(x) * (1_c - sigmoid(x))));
static_assert(equivalence_of(sigmoid(x) - pow(sigmoid(x), 2_c), sigmoid(x) * (1_c - sigmoid(x))) == equivalence::equal);
static_assert(equivalence_of(pow(x + alpha, 2_c), x * x + 2_c * alpha * x + alpha * alpha) == equivalence::equal);
static_assert(equivalence_of(sigmoid(x), tanh(x)) == equivalence::different);
static_assert(equivalence_of(d(silu(x), x), sigmoid(x)) == equivalence::different);
// sin² + cos² = 1 is true, but the engine knows no relation between sin and cos.
static_assert(equivalence_of(pow(sin(x), 2_c) + pow(cos(x), 2_c), 1_c) == equivalence::unknown);
static_assert(!equivalent(pow(sin(x), 2_c) + pow(cos(x), 2_c), 1_c));

// The atoms' relations (each primitive's in_basis): proved equal as rational
// functions of σ, softplus, erf, … of the same arguments.
static_assert(equivalent(sigmoid(-x), 1_c - sigmoid(x)));
static_assert(equivalent(tanh(x), 2_c * sigmoid(2_c * x) - 1_c));
static_assert(equivalent(sigmoid(x), (1_c + tanh(x / 2_c)) / 2_c));
static_assert(equivalent(exp(x) * sigmoid(-x), sigmoid(x)));
static_assert(equivalent(exp(x) / (1_c + exp(x)), sigmoid(x)));
static_assert(equivalent(softplus(x) - softplus(-x), x));
static_assert(equivalent(log(sigmoid(x)), x - softplus(x)));
static_assert(equivalent(log(1_c - sigmoid(x)), -softplus(x)));
static_assert(equivalent(erf(x) + erfc(x), 1_c));
static_assert(equivalent(expm1(x) * sigmoid(-x), sigmoid(x) - sigmoid(-x)));
static_assert(equivalent(1_c - pow(tanh(x), 2_c), 4_c * sigmoid(2_c * x) * (1_c - sigmoid(2_c * x))));
static_assert(equivalent(tanh(x), (exp(x) - exp(-x)) / (exp(x) + exp(-x))));
static_assert(equivalent(d(tanh(softplus(beta * x)), x), beta * sigmoid(beta * x) * (1_c - pow(tanh(softplus(beta * x)), 2_c))));
static_assert(equivalence_of(tanh(x), 2_c * sigmoid(x) - 1_c) == equivalence::different);
// Piecewise: branch by branch on the same condition (ELiSH').
static_assert(equivalent(d(where(x >= 0_c, x * sigmoid(x), expm1(x) * sigmoid(x)), x),
                         where(x >= 0_c, sigmoid(x) * (1_c + x * (1_c - sigmoid(x))),
                               exp(x) * sigmoid(x) + expm1(x) * sigmoid(x) * (1_c - sigmoid(x)))));

// One type whatever the order of writing.
static_assert(same<decltype(x + y), decltype(y + x)>);
static_assert(same<decltype(x * alpha * y), decltype(y * x * alpha)>);
static_assert(same<decltype(sigmoid(x) * (1_c - sigmoid(x))), decltype((1_c - sigmoid(x)) * sigmoid(x))>);
static_assert(same<decltype((x + 1_c) * (y + 2_c)), decltype((2_c + y) * (1_c + x))>);
static_assert(!equivalent(x - y, y - x));

// Recognition of the activations' own forms.
static_assert(same<decltype(simplify(1_c / (1_c + exp(-x)))), decltype(sigmoid(x))>);
static_assert(same<decltype(simplify(exp(x) / (1_c + exp(x)))), decltype(sigmoid(x))>);
static_assert(same<decltype(simplify((exp(x) - exp(-x)) / (exp(x) + exp(-x)))), decltype(tanh(x))>);
static_assert(same<decltype(simplify(2_c * sigmoid(2_c * x) - 1_c)), decltype(tanh(x))>);
static_assert(same<decltype(simplify(log(1_c + exp(x)))), decltype(softplus(x))>);
static_assert(same<decltype(simplify(exp(x) - 1_c)), decltype(expm1(x))>);
static_assert(same<decltype(simplify(log(1_c + x * x))), decltype(log1p(x * x))>);
static_assert(same<decltype(simplify(log(1_c + exp(beta * x)) / beta)), decltype(softplus(beta * x) / beta)>);

// Derivatives through the function itself.
static_assert(same<decltype(d(sigmoid(x), x)), decltype(sigmoid(x) * (1_c - sigmoid(x)))>);
static_assert(same<decltype(d(tanh(x), x)), decltype(1_c - pow(tanh(x), 2_c))>);
static_assert(same<decltype(d(softplus(x), x)), decltype(sigmoid(x))>);
static_assert(same<decltype(d(exp(2_c * x), x)), decltype(2_c * exp(2_c * x))>);
static_assert(same<decltype(d((exp(x) - exp(-x)) / (exp(x) + exp(-x)), x)), decltype(1_c - pow(tanh(x), 2_c))>);
static_assert(same<decltype(d(softsign(x), x)), decltype(1_c / pow(1_c + abs(x), 2_c))>);
static_assert(same<decltype(d(celu(x, alpha), x)), decltype(where(x > 0_c, 1_c, exp(x / alpha)))>);
static_assert(equivalent(d(silu(x), x), sigmoid(x) + x * sigmoid(x) * (1_c - sigmoid(x))));
static_assert(equivalent(d(hardswish(x), x), where(x < 3_c, where(x > -3_c, c<1, 2> + x / 3_c, 0_c), 1_c)));
// d_raw keeps the chain-rule result.
static_assert(same<decltype(d_raw(pow(1_c + exp(-x), c<-1>), x)), decltype(exp(-x) / pow(1_c + exp(-x), 2_c))>);

// Sound rewrites only: each of these is false somewhere (x = 0, x < 0).
static_assert(!same<decltype(simplify(x / x)), one>);
static_assert(!same<decltype(simplify(exp(log(x)))), decltype(x)>);
static_assert(!same<decltype(simplify(sqrt(x * x))), decltype(x)>);
static_assert(same<decltype(simplify(sqrt(x * x))), decltype(abs(x))>);
static_assert(same<decltype(simplify(sqrt(exp(x) * exp(x)))), decltype(exp(x))>);  // eˣ ≥ 0
static_assert(same<decltype(simplify(exp(log(exp(x) + 1_c)))), decltype(exp(x) + 1_c)>);  // 1 + eˣ > 0
static_assert(same<decltype(simplify(log(exp(x)))), decltype(x)>);                       // true everywhere
static_assert(same<decltype(simplify(exp(x) / exp(x))), one>);                            // eˣ ≠ 0
static_assert(same<decltype(simplify(exp(x) * exp(-x))), one>);
static_assert(same<decltype(simplify(exp(x) * exp(2_c * x))), decltype(exp(3_c * x))>);
// f computes e^x and e^(x²) itself, so f' keeps them for a kernel to share.
static_assert(same<decltype(d(exp(x) * exp(x * x), x)), decltype(exp(x) * exp(x * x) * (1_c + 2_c * x))>);
static_assert(same<decltype(simplify(x * sign(x))), decltype(abs(x))>);

// Output-only derivatives (the backward that saves y).
static_assert(same<decltype(in_terms_of(d(sigmoid(x), x), sigmoid(x), y)), decltype(y * (1_c - y))>);
static_assert(same<decltype(in_terms_of(d(tanh(x), x), tanh(x), y)), decltype(1_c - y * y)>);
static_assert(same<decltype(in_terms_of(d(relu(x), x), relu(x), y)), decltype(where(y > 0_c, 1_c, 0_c))>);
static_assert(same<decltype(in_terms_of(d(elu(x, alpha), x), elu(x, alpha), y, assuming(alpha > 0_c))),
                   decltype(where(y > 0_c, 1_c, y + alpha))>);
static_assert(!expressible_in_terms_of(d(gelu(x), x), gelu(x), y));
static_assert(!expressible_in_terms_of(d(elu(x, alpha), x), elu(x, alpha), y));  // needs alpha > 0
static_assert(!expressible_in_terms_of(d(silu(x), x), silu(x), y));

// Hand-written derivatives checked by the compiler, transcendental ones included.
static_assert(check_derivative(silu(x), x, sigmoid(x) * (1_c + x * (1_c - sigmoid(x))), -30.0, -2.0, 0.0, 0.5, 3.0));
static_assert(check_derivative(mish(x), x,
                               tanh(softplus(x)) + x * sigmoid(x) * (1_c - pow(tanh(softplus(x)), 2_c)), -3.0, 0.0, 2.0));
static_assert(check_derivative(gelu(x), x,
                               c<1, 2> * (1_c + erf(x / sqrt(2_c))) + x * exp(-x * x / 2_c) / sqrt(2_c * pi), -4.0,
                               0.25, 5.0));
static_assert(check_derivative(swish(x, beta), beta, x * x * sigmoid(beta * x) * (1_c - sigmoid(beta * x)),
                               at(x = 1.5, beta = 0.7), at(x = -2.0, beta = 1.0)));
// is_derivative is the same check as a bool: a wrong derivative is false, not an error.
static_assert(is_derivative(silu(x), x, sigmoid(x) * (1_c + x * (1_c - sigmoid(x))), -2.0, 0.0, 3.0));
static_assert(!is_derivative(silu(x), x, sigmoid(x), -2.0, 0.0, 3.0));  // right at 0 only
static_assert(!is_derivative(tanh(x), x, 1_c - tanh(x), 0.5));
static_assert(is_derivative(swish(x, beta), beta, x * x * sigmoid(beta * x) * (1_c - sigmoid(beta * x)),
                            at(x = 1.5, beta = 0.7)));

// Derivatives of activations from the literature in the form an expert writes,
// and no larger than it: ISRU' = (1 + αx²)^(−3/2) (powers combined over the
// denominator f divides by), squared ReLU' = 2·relu(x) (a where with a zero
// branch folded into max).
constexpr auto isru = x / sqrt(1_c + alpha * x * x);
static_assert(same<decltype(d(isru, x)), decltype(pow(1_c + alpha * x * x, c<-3, 2>))>);
// Six operations: α·x and ·x, 1 + ·, √b, b·√b and the reciprocal.
static_assert(operation_count(d(isru, x)) == 6 && transcendental_count(d(isru, x)) == 0);
static_assert(is_derivative(isru, x, pow(1_c + alpha * x * x, c<-3, 2>), at(x = 0.5, alpha = 2.0), at(x = -3.0, alpha = 1.0)));
constexpr auto squared_relu = pow(relu(x), 2_c);
static_assert(same<decltype(d(squared_relu, x)), decltype(2_c * relu(x))>);
static_assert(operation_count(d(squared_relu, x)) == operation_count(2_c * relu(x)));
static_assert(is_derivative(squared_relu, x, 2_c * relu(x), -1.5, 0.0, 2.0));

// The rules say what they did (derivation() labels its lines with it): each
// rule that fired, once per firing, and nothing for what the smart
// constructors do on their own (x + x → 2x) or for a form no rule changes.
template <class T, class Known = detail::list<detail::value_rules>>
using reasons_t = decltype(detail::fixpoint_reasons<Known, T, detail::simplify_passes>(T{}));
namespace reason = detail::reason;
using sigmoid_x = decltype(sigmoid(x));
static_assert(same<reasons_t<decltype(exp(-x) / pow(1_c + exp(-x), 2_c))>,
                   detail::list<reason::defined<sigmoid_function>, reason::in_terms_of<exp_function, sigmoid_function>>>);
static_assert(same<reasons_t<decltype(sigmoid(x) + x * sigmoid(x) * (1_c - sigmoid(x)))>,
                   detail::list<reason::common_factor<sigmoid_x>>>);
static_assert(same<reasons_t<decltype(2_c * sigmoid(2_c * x) - 1_c)>, detail::list<reason::defined<tanh_function>>>);
static_assert(same<reasons_t<decltype(log(1_c + exp(x)))>, detail::list<reason::defined<softplus_function>>>);
static_assert(same<reasons_t<decltype(x * sign(x))>, detail::list<reason::takes_argument<sign_function>>>);
static_assert(same<reasons_t<decltype(sin(x) * cos(x))>, detail::list<reason::paired<sin_function, cos_function>>>);
static_assert(same<reasons_t<decltype(exp(x) * exp(-2_c * x))>, detail::list<reason::merged<exp_function>>>);
static_assert(same<reasons_t<decltype(c<1, 6> * (3_c + x) + c<1, 6> * x)>, detail::list<reason::distributed>>);
static_assert(same<reasons_t<decltype(1_c / (1_c + abs(x)) - x * sign(x) / pow(1_c + abs(x), 2_c))>,
                   detail::list<reason::takes_argument<sign_function>, reason::common_denominator>>);
static_assert(same<reasons_t<decltype(c<2, 3> * where(x > 0_c, 3_c * x, c<3, 2> * exp(x)))>,
                   detail::list<reason::into_pieces>>);
static_assert(same<reasons_t<decltype(x + 1_c)>, detail::list<>>);
static_assert(same<reasons_t<decltype(x * sigmoid(x) + x * sigmoid(x))>, detail::list<>>);
// A call kept for f's kernel to share is not merged, so no merge is said.
static_assert(same<reasons_t<decltype(exp(x) * exp(-2_c * x)), detail::derivative_facts_t<decltype(exp(x))>>,
                   detail::list<>>);

// Evaluation of transcendental formulas in constant expressions.
static_assert(eval(sigmoid(x), x = 0.0) == 0.5);
static_assert(eval(d(sigmoid(x), x), x = 0.0) == 0.25);
static_assert(eval(tanh(x), x = 0.0) == 0.0);
static_assert(eval(d(mish(x), x), x = 0.0) > 0.59999999999999 && eval(d(mish(x), x), x = 0.0) < 0.60000000000001);
}  // namespace

int main() {}
