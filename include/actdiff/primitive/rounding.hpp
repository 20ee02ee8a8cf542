// Kernel-only primitives that take out a rounding: a kernel argument's value
// and its rounding error, and the quotients h/(1 + h) and h/(1 + h)² rounded
// about once.
//
// A kernel computes an argument such as 1.702·x or √(2/π)·(x + 0.044715·x³)
// in its element type, and a function such as e^v or erfc(v) multiplies that
// rounding by |v·f′(v)/f(v)|: |v| for e^v (QuickGELU's σ(1.702x) at x = −50,
// GELU-tanh's left tail), about 2v² for erfc (GELU's erfc(−x/√2) at x = −13).
// The compensation pass of evaluation/fused.hpp has the call take the value
// form_value_function computes and corrects it with the error
// rounding_error_function returns, the exact form less that value (to a few of
// its last digits): fused multiply-subtracts where the target has them, else
// Dekker's product on the halves of the significands (SSE2 has no FMA).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <actdiff/algorithm/derivative.hpp>
#include <actdiff/algorithm/transform.hpp>
#include <actdiff/detail/order.hpp>
#include <actdiff/evaluation/evaluate.hpp>
#include <actdiff/primitive/apply.hpp>

namespace actdiff {

namespace detail {

// The element type of a number type: float for a batch of floats.
template <class T>
struct element_of {
    using type = T;
};
template <class T>
    requires requires { typename T::value_type; }
struct element_of<T> {
    using type = typename T::value_type;
};

// Whether a number type has the halves Dekker's product needs; the others
// (long double, the extended type of the guarded path) round far below a
// kernel's type, and their error is taken as 0.
template <class T>
inline constexpr bool splittable_v =
    std::is_same_v<T, float> || std::is_same_v<T, double> || requires(const T& u) { math::replacement<T>::high_half(u); };

// ---- arithmetic forms --------------------------------------------------------
// An argument such as 1.702·x, x², or √(2/π)·(x + 0.044715·x³) is a form: sums,
// products and positive integer powers of constants and of one leaf, the one
// node that is not such arithmetic (x, or |1.702·x|). Evaluating node_value's
// steps (evaluation/evaluate.hpp) on shadowed numbers gives the form's value
// and alongside it that value's exact error to first order.

// ±2^k: a product with it rounds only where it overflows or underflows.
template <class T>
inline constexpr bool exact_scaling_v = false;
template <std::intmax_t N, std::intmax_t D>
inline constexpr bool exact_scaling_v<rational<N, D>> =
    ((N < 0 ? -N : N) & ((N < 0 ? -N : N) - 1)) == 0 && (D & (D - 1)) == 0;

template <class... As, class... Bs>
constexpr auto merged(list<As...> a, list<Bs...>) {
    return (a | ... | type<Bs>{});
}

// The leaves of a form (none for a constant), whether computing it rounds, and
// its count of arithmetic operations.
template <class U, bool Constant = is_constant_v<U>>
struct form_of {
    using leaves = list<U>;
    static constexpr bool rounds = false;
    static constexpr int operations = 0;
};
template <class U>
struct form_of<U, true> {
    using leaves = list<>;
    static constexpr bool rounds = !exact_scaling_v<U>;
    static constexpr int operations = 0;
};
template <class... Ts>
struct form_of<sum<Ts...>, false> {
    using leaves = decltype((list<>{} + ... + typename form_of<Ts>::leaves{}));
    static constexpr bool rounds = true;
    static constexpr int operations = (int(sizeof...(Ts)) - 1) + (form_of<Ts>::operations + ...);
};
template <class... Fs>
struct form_of<product<Fs...>, false> {
    using leaves = decltype((list<>{} + ... + typename form_of<Fs>::leaves{}));
    static constexpr bool rounds = (std::size_t{!is_constant_v<Fs>} + ...) > 1 || (form_of<Fs>::rounds || ...);
    static constexpr int operations = (int(sizeof...(Fs)) - 1) + (form_of<Fs>::operations + ...);
};
template <class B, std::intmax_t N>
    requires(N >= 2)
struct form_of<power<B, rational<N, 1>>, false> {
    using leaves = typename form_of<B>::leaves;
    static constexpr bool rounds = true;
    static constexpr int operations = form_of<B>::operations + std::bit_width(std::uintmax_t(N)) + std::popcount(std::uintmax_t(N)) - 1;
};
template <class U>
using form_leaves_t = decltype(merged(list<>{}, typename form_of<U>::leaves{}));

// v as rounded: an empty asm the compiler cannot see through, so that it does
// not fuse the product v into a later sum, which g++ does by default
// (-ffp-contract=fast) and which would leave the product's error counted for a
// rounding that never happened.
template <class T>
[[gnu::always_inline]] inline void settle(T& v) {
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || (defined(__i386__) && defined(__SSE2__)))
#if defined(__AVX512F__)
#define ACTDIFF_DETAIL_VECTOR_REGISTER "+v"
#else
#define ACTDIFF_DETAIL_VECTOR_REGISTER "+x"
#endif
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        asm("" : ACTDIFF_DETAIL_VECTOR_REGISTER(v));
    } else if constexpr (requires { typename T::register_type; }) {
        typename T::register_type r = v;
        asm("" : ACTDIFF_DETAIL_VECTOR_REGISTER(r));
        v = T(r);
    }
#undef ACTDIFF_DETAIL_VECTOR_REGISTER
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        asm("" : "+w"(v));
    } else if constexpr (requires { typename T::register_type; }) {
        typename T::register_type r = v;
        asm("" : "+w"(r));
        v = T(r);
    }
#else
    (void)v;
#endif
}

// A number as a form's steps compute it, and the exact number less it; Exact:
// the error is known to be 0 (the leaf, a constant such as 2), and no step
// spends an operation on it. + and · add their own rounding errors (Knuth's
// two-sum, the product's remainder) to the first order.
template <class T, bool Exact = false>
struct shadowed {
    T value;
    T error;
};

template <class T, bool A, bool B>
[[gnu::always_inline]] constexpr shadowed<T> operator+(const shadowed<T, A>& a, const shadowed<T, B>& b) {
    const T sum = a.value + b.value;
    const T b_part = sum - a.value;
    T error = (a.value - (sum - b_part)) + (b.value - b_part);
    if constexpr (!A) error = error + a.error;
    if constexpr (!B) error = error + b.error;
    return {sum, error};
}
template <class T, bool A, bool B>
[[gnu::always_inline]] constexpr shadowed<T> operator*(const shadowed<T, A>& a, const shadowed<T, B>& b) {
    T product = a.value * b.value;
    if (!std::is_constant_evaluated()) settle(product);
    T error = product_error(a.value, b.value, product);
    if constexpr (!B) error = error + a.value * b.error;
    if constexpr (!A) error = error + a.error * b.value;
    return {product, error};
}

// A constant's value in T, computed as the kernel computes it, and its exact
// value (long double, at compile time) less that; a rational that T holds
// exactly (2, 1/2, −1) has no error.
template <class Constant, class Element>
inline constexpr bool held_exactly_v = false;
template <std::intmax_t N, std::intmax_t D, class Element>
inline constexpr bool held_exactly_v<rational<N, D>, Element> =
    static_cast<long double>(static_cast<Element>(static_cast<long double>(N) / D)) == static_cast<long double>(N) / D;

template <class Constant, class T>
shadowed<T, held_exactly_v<Constant, typename element_of<T>::type>> shadowed_constant() {
    using element = typename element_of<T>::type;
    static constexpr long double exact = evaluate<long double>(Constant{}, environment<>{});
    const element value = evaluate<element>(Constant{}, environment<>{});
    return {lift<T>(static_cast<long double>(value)), lift<T>(exact - static_cast<long double>(value))};
}

// The steps of node_value (evaluation/evaluate.hpp): sums and products left to
// right, and integer_power's squarings, whose first product 1·b is b.
template <class Node, class Leaf, class T>
[[gnu::always_inline]] inline auto shadow_value(const T& leaf);

template <class Leaf, class T, class Operation, class First, class Second, class... Rest>
[[gnu::always_inline]] inline shadowed<T> shadow_fold(const T& leaf, Operation operation) {
    shadowed<T> result = operation(shadow_value<First, Leaf>(leaf), shadow_value<Second, Leaf>(leaf));
    ((result = operation(result, shadow_value<Rest, Leaf>(leaf))), ...);
    return result;
}
template <std::intmax_t K, bool Started, class Result, class Factor>
[[gnu::always_inline]] inline auto shadow_power(const Result& result, const Factor& factor) {
    const auto next = [&] {
        if constexpr ((K & 1) && Started) {
            return result * factor;
        } else if constexpr (K & 1) {
            return factor;
        } else {
            return result;
        }
    }();
    if constexpr (K > 1) {
        return shadow_power<K / 2, Started || (K & 1)>(next, factor * factor);
    } else {
        return next;
    }
}

template <class Node, class Leaf, class T>
[[gnu::always_inline]] inline auto shadow_value(const T& leaf) {
    if constexpr (std::is_same_v<Node, Leaf>) {
        return shadowed<T, true>{leaf, lift<T>(0)};
    } else if constexpr (is_constant_v<Node>) {
        return shadowed_constant<Node, T>();
    } else if constexpr (is_sum_v<Node>) {
        return []<class... Ts>(type<sum<Ts...>>, const T& u) {
            return shadow_fold<Leaf, T, decltype([](const auto& a, const auto& b) { return a + b; }), Ts...>(u, {});
        }(type<Node>{}, leaf);
    } else if constexpr (is_product_v<Node>) {
        return []<class... Fs>(type<product<Fs...>>, const T& u) {
            return shadow_fold<Leaf, T, decltype([](const auto& a, const auto& b) { return a * b; }), Fs...>(u, {});
        }(type<Node>{}, leaf);
    } else {
        return []<class B, std::intmax_t N>(type<power<B, rational<N, 1>>>, const T& u) {
            const auto base = shadow_value<B, Leaf>(u);
            return shadow_power<N, false>(base, base);
        }(type<Node>{}, leaf);
    }
}

// The form's value alone, where no error is kept (long double, compile time).
template <class Node, class Leaf, class T>
constexpr T plain_value(const T& leaf) {
    if constexpr (std::is_same_v<Node, Leaf>) {
        return leaf;
    } else if constexpr (is_constant_v<Node>) {
        return evaluate<T>(Node{}, environment<>{});
    } else if constexpr (is_sum_v<Node>) {
        // Added left to right, as shadow_value does, with no multiply-add.
        return []<class... Ts>(type<sum<Ts...>>, const T& u) {
            return (... + T(plain_value<Ts, Leaf>(u)));
        }(type<Node>{}, leaf);
    } else if constexpr (is_product_v<Node>) {
        // Multiplied, as shadow_value does: a factor b^(−k) is a leaf here, not a divisor.
        return []<class... Fs>(type<product<Fs...>>, const T& u) {
            return (... * T(plain_value<Fs, Leaf>(u)));
        }(type<Node>{}, leaf);
    } else {
        return node_value<Node>::template of<T>([&]<class Child>(type<Child>) { return plain_value<Child, Leaf>(leaf); });
    }
}

}  // namespace detail

// A form as node_value computes it, from the value of its leaf: the argument a
// compensated call takes, in place of the kernel's own value of the form, which
// a compiler may compute otherwise (g++ fuses x + c·x³ into one multiply-add by
// default); its error is then that of rounding_error_function below, whose
// steps these are.
template <auto FormValue, auto LeafValue>
struct form_value_function {
    using Form = std::remove_cv_t<decltype(FormValue)>;
    using Leaf = std::remove_cv_t<decltype(LeafValue)>;
    static_assert(std::is_same_v<detail::form_leaves_t<Form>, detail::list<Leaf>>,
                  "actdiff: form_value_function: the form must be arithmetic in its one leaf");
    static constexpr std::string_view name = "form_value";
    static constexpr auto key = detail::join(detail::key_v<Form>, detail::key_v<Leaf>);  // detail/order.hpp
    static constexpr call_cost cost{.calls = 0, .operations = detail::form_of<Form>::operations};

    template <class T>
    static constexpr T evaluate(const T& leaf) {
        using element = typename detail::element_of<T>::type;
        if constexpr (!detail::splittable_v<T> || !std::is_floating_point_v<element>) {
            return detail::plain_value<Form, Leaf>(leaf);
        } else {
            if (std::is_constant_evaluated()) return detail::plain_value<Form, Leaf>(leaf);
            return detail::shadow_value<Form, Leaf>(leaf).value;
        }
    }
    // The form's derivative in its leaf, at u.
    static constexpr auto derivative(Expression auto u) {
        using placeholder = variable<"form_leaf">;
        using derivative_in_placeholder = decltype(d(detail::substitute_t<Leaf, placeholder, Form>{}, placeholder{}));
        return detail::substitute_t<placeholder, decltype(u), derivative_in_placeholder>{};
    }
    static std::string code(std::string_view leaf, bool cuda);
};

// The rounding error of a form: its exact value less the value the kernel
// computes, from the value of its leaf, where that value is at most 2^10; 0
// beyond.
// (Form and Leaf are values, not types: an algorithm that walks a node's type
// arguments must not take the primitive for a node.)
template <auto FormValue, auto LeafValue>
struct rounding_error_function {
    using Form = std::remove_cv_t<decltype(FormValue)>;
    using Leaf = std::remove_cv_t<decltype(LeafValue)>;
    static_assert(std::is_same_v<detail::form_leaves_t<Form>, detail::list<Leaf>>,
                  "actdiff: rounding_error_function: the form must be arithmetic in its one leaf");
    static constexpr std::string_view name = "rounding_error";
    static constexpr auto key = detail::join(detail::key_v<Form>, detail::key_v<Leaf>);  // detail/order.hpp
    static constexpr call_cost cost{.calls = 0, .operations = 2 + 5 * detail::form_of<Form>::operations};

    template <class T>
    static constexpr T evaluate(const T& leaf) {
        using element = typename detail::element_of<T>::type;
        if constexpr (!detail::splittable_v<T> || !std::is_floating_point_v<element>) {
            return detail::lift<T>(0);
        } else {
            if (std::is_constant_evaluated()) return detail::lift<T>(0);
            const auto form = detail::shadow_value<Form, Leaf>(leaf);
            // Only where |u| ≤ 2^10, where the error is below 2^-13 and a first-order
            // correction holds: beyond, e^u is 0 or ∞ in every kernel type and
            // erfc(u) 0 or 2, and the error, up to ∞ or NaN where u overflows,
            // would turn e^(10^30) into −∞·… or 0 into NaN.
            const auto small = detail::math::abs(form.value) <= detail::lift<T>(1024);
            return detail::choose(small, form.error, detail::lift<T>(0));
        }
    }
    static constexpr auto derivative(Expression auto) { return zero{}; }

    // The same steps in the emitted source, with each constant and its low part
    // as literals of the element type.
    static std::string code(std::string_view leaf, bool cuda) {
        emitter out{cuda ? "fma" : "std::fma"};
        const auto [value, error] = out.template emit<Form>();
        return "[](const T u) {" + out.body + " return " + (cuda ? "fabs" : "std::abs") + "(" + value +
               ") <= T(1024) ? " + (error.empty() ? "T(0)" : error) + " : T(0); }(" + std::string(leaf) + ")";
    }
    // The value alone (form_value_function).
    static std::string value_code(std::string_view leaf, bool cuda) {
        emitter out{cuda ? "fma" : "std::fma", true};
        const std::string value = out.template emit<Form>().first;
        return "[](const T u) {" + out.body + " return " + value + "; }(" + std::string(leaf) + ")";
    }

private:
    // Each value's name and its error's, or no error where it is known to be 0.
    struct emitter {
        using named = std::pair<std::string, std::string>;
        std::string fma;
        bool values_only = false;  // form_value_function's code: no error at all
        std::string body{};
        int count = 0;

        named declare(const std::string& value, const std::string& error) {
            const std::string n = std::to_string(count++);
            body += " const T v" + n + " = " + value + ";";
            if (error.empty() || values_only) return {"v" + n, ""};
            body += " const T e" + n + " = " + error + ";";
            return {"v" + n, "e" + n};
        }
        named add(const named& a, const named& b) {
            const std::string n = std::to_string(count);
            const std::string sum = "(" + a.first + " + " + b.first + ")";
            if (values_only) return declare(sum, "");
            body += " const T b" + n + " = " + sum + " - " + a.first + ";";
            std::string error = "((" + a.first + " - (" + sum + " - b" + n + ")) + (" + b.first + " - b" + n + "))";
            if (!a.second.empty()) error += " + " + a.second;
            if (!b.second.empty()) error += " + " + b.second;
            return declare(sum, error);
        }
        named multiply(const named& a, const named& b) {
            std::string error = fma + "(" + a.first + ", " + b.first + ", -(" + a.first + " * " + b.first + "))";
            if (!b.second.empty()) error += " + " + a.first + " * " + b.second;
            if (!a.second.empty()) error += " + " + a.second + " * " + b.first;
            return declare(a.first + " * " + b.first, error);
        }
        template <class Node>
        named emit() {
            if constexpr (std::is_same_v<Node, Leaf>) {
                return {"u", ""};
            } else if constexpr (detail::is_constant_v<Node>) {
                const auto float_part = detail::shadowed_constant<Node, float>();
                const auto double_part = detail::shadowed_constant<Node, double>();
                const auto either = [](const std::string& f, const std::string& d) {
                    return "(sizeof(T) == sizeof(float) ? T(" + f + ") : T(" + d + "))";
                };
                const bool exact = detail::held_exactly_v<Node, float> && detail::held_exactly_v<Node, double>;
                return declare(either(literal("%.9Lg", float_part.value), literal("%.17Lg", double_part.value)),
                               exact ? "" : either(literal("%.9Lg", float_part.error), literal("%.17Lg", double_part.error)));
            } else if constexpr (detail::is_sum_v<Node> || detail::is_product_v<Node>) {
                return fold(detail::type<Node>{});
            } else {
                return power(detail::type<Node>{});
            }
        }
        template <template <class...> class Kind, class First, class... Rest>
        named fold(detail::type<Kind<First, Rest...>>) {
            named result = emit<First>();
            ((result = detail::is_sum_v<Kind<First, Rest...>> ? add(result, emit<Rest>()) : multiply(result, emit<Rest>())),
             ...);
            return result;
        }
        // As integer_power: the base squared, and the result from its first factor.
        template <class B, std::intmax_t N>
        named power(detail::type<power<B, rational<N, 1>>>) {
            named factor = emit<B>(), result{};
            bool started = false;
            for (std::intmax_t k = N; k > 0; k >>= 1) {
                if (k & 1) result = started ? multiply(result, factor) : factor;
                started = started || (k & 1);
                if (k > 1) factor = multiply(factor, factor);
            }
            return result;
        }
    };
    static std::string literal(const char* format, long double value) {
        char text[64];
        std::snprintf(text, sizeof text, format, value);
        return text;
    }
};

template <auto FormValue, auto LeafValue>
std::string form_value_function<FormValue, LeafValue>::code(std::string_view leaf, bool cuda) {
    return rounding_error_function<FormValue, LeafValue>::value_code(leaf, cuda);
}

// h/(1 + h) for 0 ≤ h < 2, rounded about once: a kernel-only primitive for
// quotients whose denominator is one plus the numerator (Mish's gate
// tanh(softplus(u)) for u < 0). Written as a quotient, 1 + h rounds by up to
// half a unit of 1 before the division rounds again, and a kernel may sum
// 1 + t + t²/2 in any order; here the sum's error e = (1 − (1 + h)) + h is
// exact (|h| < 2), the remainder h − q·(1 + h) of the quotient q is exact (a
// fused multiply-subtract, else Dekker's product), and
//   h/(1 + h + e) ≈ q + (h − q·(1 + h) − q·e)·(1 − q),
// 1 − q being 1/(1 + h) to the first order.
struct ratio_to_one_plus_function {
    static constexpr std::string_view name = "ratio_to_one_plus";
    static constexpr call_cost cost{.calls = 0, .operations = 10};
    static constexpr value_range range{.has_low = true, .low = 0, .low_open = false, .has_high = true, .high = 1};

    template <class T>
    static constexpr T evaluate(const T& h) {
        using element = typename detail::element_of<T>::type;
        const T one = detail::lift<T>(1);
        const T sum = one + h;
        const T quotient = h / sum;
        if constexpr (!detail::splittable_v<T> || !std::is_floating_point_v<element>) {
            return quotient;
        } else {
            if (std::is_constant_evaluated()) return quotient;
            const T sum_error = (one - sum) + h;
            const T remainder = detail::remainder_of(h, quotient, sum) - quotient * sum_error;
            return quotient + remainder * (one - quotient);
        }
    }
    static constexpr auto derivative(Expression auto h) { return pow(one{} + h, c<-2>); }

    // The same steps in the emitted source.
    static std::string code(std::string_view h, bool cuda) {
        const std::string fma = cuda ? "fma" : "std::fma";
        return "[](const T h) { const T sum = T(1) + h; const T quotient = h / sum; const T remainder = " + fma +
               "(-quotient, sum, h) - quotient * ((T(1) - sum) + h); return quotient + remainder * (T(1) - "
               "quotient); }(" +
               std::string(h) + ")";
    }
};

// h/(1 + h)² for 0 ≤ h ≤ 1, with 1 + h's rounding taken back: σ(u)·(1 − σ(u))
// = t/(1 + t)² with t = e^(−|u|), σ's derivative, where σ(u) and 1 − σ(u)
// rounded apart (4.4 ULP in float). The quotient r = h/(1 + h) takes σ's own
// steps, which the compiler computes once for both; q = r·(1 − r), as
// 1/(1 + h) = 1 − r. With s = 1 + h rounded and e = (1 − s) + h, exact as
// h ≤ 1, r = h/s is h/(1 + h)·(1 + e/(1 + h)), while 1 − r = (1 − e)/s is
// 1/(1 + h) to within e·h: q·(1 − e/(1 + h)) takes the one error back.
// Taking back the reciprocal's rounding and the products' too (1.4 ULP) cost
// σ's fused pass a third of its speed, this 15 % (3.5 ULP): its loop is bound
// by arithmetic, at about half a cycle per operation.
struct ratio_to_square_of_one_plus_function {
    static constexpr std::string_view name = "ratio_to_square_of_one_plus";
    static constexpr call_cost cost{.calls = 0, .operations = 8};
    static constexpr value_range range{.has_low = true, .low = 0, .low_open = false, .has_high = true, .high = 0.25};

    template <class T>
    static constexpr T evaluate(const T& h) {
        const T one = detail::lift<T>(1);
        const T sum = one + h;
        const T ratio = h / sum;        // σ(−|u|), t/(1 + t): σ's and tanh's own quotient, computed once
        const T inverse = one - ratio;  // 1/(1 + h), without a second division
        const T quotient = ratio * inverse;
        using element = typename detail::element_of<T>::type;
        if constexpr (!std::is_floating_point_v<element>) {
            return quotient;
        } else {
            const T sum_error = (one - sum) + h;
            return quotient - quotient * (sum_error * inverse);
        }
    }
    static constexpr auto derivative(Expression auto h) { return (one{} - h) * pow(one{} + h, c<-3>); }

    // The same steps in the emitted source.
    static std::string code(std::string_view h, bool) {
        return "[](const T h) { const T sum = T(1) + h; const T ratio = h / sum; const T inverse = T(1) - ratio; "
               "const T quotient = ratio * inverse; return quotient - quotient * (((T(1) - sum) + h) * inverse); }(" +
               std::string(h) + ")";
    }
};

// 1/(1 + h) for h ≥ 0, to at least 11 bits: a kernel-only primitive for terms
// that only correct a result, such as erfc's sensitivity, whose own error
// reaches GELU's value below 2^−35 of it. A batch takes the target's
// reciprocal estimate (numeric/math.hpp): a division there cost GELU's
// forward pass 7 % and its fused pass 14 %.
struct reciprocal_of_one_plus_estimate_function {
    static constexpr std::string_view name = "reciprocal_of_one_plus_estimate";
    static constexpr call_cost cost{.calls = 0, .operations = 2};
    static constexpr value_range domain{.has_low = true, .low = 0, .low_open = false};
    static constexpr value_range range{.has_low = true, .low = 0, .low_open = true, .has_high = true, .high = 1, .high_open = false};
    static constexpr monotonicity monotone = monotonicity::decreasing;

    template <class T>
    static constexpr T evaluate(const T& h) {
        return detail::math::reciprocal_estimate(T(detail::lift<T>(1) + h));
    }
    static constexpr auto derivative(Expression auto h) { return -pow(one{} + h, c<-2>); }

    // The emitted source divides.
    static std::string code(std::string_view h, bool) { return "(T(1) / (T(1) + " + std::string(h) + "))"; }
};

}  // namespace actdiff
