// The primitive protocol. A primitive is a struct that states, in one place,
// everything the engine knows about one function of one argument; every
// algorithm (cost, facts, folding, printers, evaluators, emitter) reads it
// through primitive_traits<F>, which fills in what a primitive leaves out.
//
//   struct atan_function {
//       static constexpr std::string_view name = "atan";          // required: an identifier
//       template <class T> static constexpr T evaluate(const T& u); // required: scalar, constexpr, SIMD
//       static constexpr auto derivative(Expression auto u);        // required: d/du
//       static constexpr std::string_view latex_symbol = "\\arctan"; // prints \arctan\left(u\right)
//       static constexpr call_cost cost{.calls = 1, .operations = 1};
//       static constexpr parity symmetry = parity::odd;   // atan(−u) = −atan(u), atan(0) = 0
//       static constexpr sign_law sign = sign_law::follows_argument;
//   };
//
// Optional members, each with its default:
//   symbol, latex_symbol     plain and LaTeX names    (name; \operatorname{name})
//   text(u), latex(u)        any other printed form   (symbol(u); latex_symbol\left(u\right))
//   code(u, cuda)            emitted C++/CUDA         (std::name(u) / name(u) when name is
//                                                      a <cmath> function; otherwise the
//                                                      emitter stops with a static_assert)
//   cost                     calls and operations      ({1, 1}: one call of a library function)
//   symmetry                 parity::even / odd        (none); gives the folds f(−u)
//   range                    the values f takes        (all reals)
//   sign                     positive / nonnegative /  (read off the range)
//                            follows_argument
//   monotone                 increasing / decreasing   (none)
//   growth                   |f(u)| ≤ c + s·|u|        (none), e.g. softplus's {ln 2, 1}
//   kink                     the argument where f is   (none: smooth), e.g. |u|'s 0; the
//                            not smooth                plots and properties find kinks by it
//   below_kink(u), above_kink(u)                     (none: kinks judged by evaluation),
//                            f on each side of its    e.g. |u|'s −u and u; properties()
//                            kink                     compares f, f′, f″ there symbolically
//   fold(u)                  values known exactly      (none), e.g. fold(zero) -> one
//   lowered(u)               the form kernels evaluate (the call itself), e.g. σ's
//                            overflow-free where(u ≥ 0, 1/(1 + t), t/(1 + t))
//   lowered(G{}, u)          the form kernels evaluate (f(g(u)) from the parts'
//                            for f(g(u))               forms), e.g. tanh's of softplus
//                                                      in one exp (Mish)
//   one_minus_square(u),     1 − f(u)², 1 − f(g(u))²   (the sum as written), e.g.
//   one_minus_square(G{}, u) without cancellation,    tanh's 4t/(1 + t)², and of
//                            for kernels               softplus (Mish's)
//   one_minus(u), one_plus(u) 1 ∓ f(u) without        (the sum as written), e.g.
//                            cancellation, for kernels erf's erfc(±u), exp's −expm1(u)
//   sensitivity(u)           about f′(u)/f(u), where   (none: no correction), e.g. exp's 1;
//                            f amplifies the rounding  kernels then correct f(c·x) for
//                            of its argument           the rounding of c·x (fused.hpp)
//   alternative_one_plus(u), alternative_one_minus(u)
//                            other forms of 1 ± f, used where they cost no
//                            call (tanh's through σ)
//   alternative(u)           f(u) in calls other forms (the call itself), e.g. tanh's
//                            make anyway, used where ±tanh_from_exp(e^(−2|u|)), the exp
//                            it saves a call          of tanh′'s 4t/(1 + t)²
//   expanded(u)              f's definition in other  (none), e.g. expm1's e^u − 1
//                            primitives, where differences must cancel
//   definition(u)            f in elementary          (none), e.g. σ's 1/(1 + e^(−u)); read
//                            functions                 by definition(f) (algorithm/definition.hpp)
//   readers_see              what a page shows        (readers_see::name), e.g. σ's
//                            of a call                 name_and_definition: f(x) = xσ(x) =
//                                                      x/(1 + e^(−x)); expm1's definition:
//                                                      LaTeX never prints the kernel-only name
//   in_basis(u)              f(u) in the atoms that   (none), e.g. tanh's 2σ(2u) − 1,
//                            equivalence proofs        e^u = σ(u)/(1 − σ(u)),
//                            compare (check.hpp)       softplus(−u) = softplus(u) − u
//   times_one_minus(u)       f(u)·(1 − f(u)) as the    (none), e.g. σ's t/(1 + t)²
//                            form kernels evaluate     (its derivative)
//   key                      the rest of its identity  (none: the name), e.g. the form
//                            in the canonical order    primitives' form and leaf: two
//                            (detail/order.hpp)        templates of one name differ
// and the identities the simplifier applies (algorithm/simplify.hpp), each
// stated by the primitive it is about:
//   simplified(u)            f(u) in a simpler form   (none), e.g. log's
//                            log(1 + e^v) → softplus(v), log(e^v) → v
//   with_constant<q, c>(u)   q + c·f(u) as one call   (none), e.g. exp's e^u − 1 → expm1(u)
//   inverse_with_constant<q, c>(u)
//                            1/(q + c·f(u)) as one call, e.g. exp's 1/(1 + e^u) → σ(−u)
//   times_argument(u)        f(u)·u as one call       (none), e.g. sign's u·sign(u) → |u|
//   times<G>(u)              f(u)·g(u) as one call    (none), e.g. sin's sin·cos → sin(2u)/2
//   product_adds_arguments   f(a)·f(b) = f(a + b)     (false), e.g. exp
//   domain                   the arguments where f    (all reals), e.g. log's u > 0:
//                            is defined                what f divides by or logs is nonzero
// Identities of a node with its siblings in a product (tanh's quotient of
// exps, σ-space) specialise the hooks of primitive/identity.hpp.
#pragma once

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

// What a primitive costs a kernel: calls of library functions (exp, log, …)
// and the arithmetic operations around them.
struct call_cost {
    std::size_t calls = 1;
    std::size_t operations = 1;
};

// f(−u) = f(u) (even) or f(−u) = −f(u) (odd, which also gives f(0) = 0).
enum class parity { none, even, odd };

// The values f takes over all arguments: σ's are (0, 1), |u|'s [0, ∞).
struct value_range {
    bool has_low = false;
    double low = 0;
    bool low_open = true;
    bool has_high = false;
    double high = 0;
    bool high_open = true;
};

// Whether f rises or falls with its argument over its whole domain (exp, σ,
// tanh rise; erfc falls; step and sign never fall). Kernels bound a call by f
// at its argument's bounds (evaluation/fused.hpp), so a primitive that states
// it has a constexpr evaluate.
enum class monotonicity { none, increasing, decreasing };

// |f(u)| ≤ constant + slope·|u| for every u: |u|'s {0, 1}, softplus's {ln 2, 1}.
struct linear_growth {
    double constant = 0;
    double slope = 1;
};

// The sign of f(u) from the function alone (positive: exp, σ; nonnegative:
// |u|), or from its argument's (follows_argument: tanh, atan, expm1). By
// default it is read off the range.
enum class sign_law { unknown, positive, nonnegative, follows_argument };

// What readers of LaTeX see of a call: its name (tanh, known to everyone), its
// name with the definition spelled out once where an activation is defined
// (σ, softplus), or only its definition (expm1 and log1p, which exist for
// kernels' accuracy and mean nothing more to a reader than e^u − 1).
enum class readers_see { name, name_and_definition, definition };

// The minimum a primitive must state; the rest has defaults.
template <class F>
concept Primitive = requires(double v, float w) {
    { F::name } -> std::convertible_to<std::string_view>;
    { F::evaluate(v) } -> std::convertible_to<double>;
    { F::evaluate(w) } -> std::convertible_to<float>;
};

namespace detail {

// The <cmath> functions a primitive can be emitted as by its name alone:
// std::name(u) in C++ and name(u) in CUDA.
inline constexpr std::string_view cmath_functions[] = {
    "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "cbrt", "sin", "cos", "tan", "asin", "acos",
    "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf", "erfc", "tgamma", "lgamma"};

constexpr bool is_cmath_function(std::string_view name) {
    for (std::string_view f : cmath_functions) {
        if (f == name) return true;
    }
    return false;
}

}  // namespace detail

namespace detail {
// The identity members the simplifier asks about for every call, apart from
// primitive_traits so that asking does not instantiate the whole traits class.
template <class F>
constexpr value_range domain_of() {
    if constexpr (requires { F::domain; }) return value_range{F::domain}; else return value_range{};
}
// Where f is defined, its argument is nonzero (log u: u > 0).
template <class F>
inline constexpr bool argument_nonzero_v = [] {
    constexpr value_range d = domain_of<F>();
    return (d.has_low && (d.low > 0 || (d.low == 0 && d.low_open))) ||
           (d.has_high && (d.high < 0 || (d.high == 0 && d.high_open)));
}();
template <class F>
inline constexpr bool product_adds_arguments_v = [] {
    if constexpr (requires { F::product_adds_arguments; }) return bool{F::product_adds_arguments}; else return false;
}();
}  // namespace detail

template <Primitive F>
struct primitive_traits {
    static constexpr std::string_view name = F::name;

    static constexpr call_cost cost = [] {
        if constexpr (requires { F::cost; }) return call_cost{F::cost}; else return call_cost{};
    }();
    static constexpr parity symmetry = [] {
        if constexpr (requires { F::symmetry; }) return parity{F::symmetry}; else return parity::none;
    }();
    static constexpr value_range range = [] {
        if constexpr (requires { F::range; }) return value_range{F::range}; else return value_range{};
    }();
    static constexpr value_range domain = detail::domain_of<F>();
    static constexpr bool argument_nonzero = detail::argument_nonzero_v<F>;
    static constexpr bool product_adds_arguments = detail::product_adds_arguments_v<F>;
    static constexpr monotonicity monotone = [] {
        if constexpr (requires { F::monotone; }) return monotonicity{F::monotone}; else return monotonicity::none;
    }();
    static constexpr bool has_kink = requires { F::kink; };
    static constexpr double kink = [] {
        if constexpr (has_kink) return double{F::kink}; else return 0.0;
    }();
    static constexpr readers_see shown_to_readers = [] {
        if constexpr (requires { F::readers_see; }) return readers_see{F::readers_see}; else return readers_see::name;
    }();
    static constexpr bool has_growth = requires { F::growth; };
    static constexpr linear_growth growth = [] {
        if constexpr (has_growth) return linear_growth{F::growth}; else return linear_growth{};
    }();
    static constexpr sign_law sign = [] {
        if constexpr (requires { F::sign; }) {
            return sign_law{F::sign};
        } else if constexpr (range.has_low && (range.low > 0 || (range.low == 0 && range.low_open))) {
            return sign_law::positive;
        } else if constexpr (range.has_low && range.low >= 0) {
            return sign_law::nonnegative;
        } else {
            return sign_law::unknown;
        }
    }();

    // The plain-text name, for labels and for calls written f(u).
    static constexpr std::string_view symbol = [] {
        if constexpr (requires { F::symbol; }) return std::string_view{F::symbol}; else return name;
    }();

    static std::string text(std::string_view u) {
        if constexpr (requires { F::text(u); }) {
            return F::text(u);
        } else {
            return std::string(symbol) + "(" + std::string(u) + ")";
        }
    }

    // The LaTeX name, for labels; latex(u) prints a call.
    static std::string latex_symbol() {
        if constexpr (requires { F::latex_symbol; }) {
            return std::string(F::latex_symbol);
        } else {
            return "\\operatorname{" + std::string(name) + "}";
        }
    }
    static std::string latex(std::string_view u) {
        if constexpr (requires { F::latex(u); }) {
            return F::latex(u);
        } else {
            return latex_symbol() + "\\left(" + std::string(u) + "\\right)";
        }
    }

    // Emitted source: the primitive's own code, or a <cmath> function of its name.
    static constexpr bool has_code = requires { F::code(std::string_view{}, true); };
    static constexpr bool emittable = has_code || detail::is_cmath_function(F::name);
    static std::string code(std::string_view u, bool cuda) {
        if constexpr (has_code) {
            return F::code(u, cuda);
        } else {
            return (cuda ? "" : "std::") + std::string(name) + "(" + std::string(u) + ")";
        }
    }
};

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
