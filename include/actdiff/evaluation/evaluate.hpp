// Evaluation with named bindings:
//   eval(f, x = 0.5, alpha = 1.0)      or   f(x = 0.5, alpha = 1.0)
//   eval(f, at(x = 0.5, alpha = 1.0))  a set of bindings shared by several
//                                      expressions
// Every symbol the expression uses needs a binding (a compile error names
// the one missing); bindings of symbols it does not use are allowed.
// The value type follows the bindings (float in, float out; integers count
// as double). Any type with the math functions found by argument-dependent
// lookup (exp, log, tanh, erf, log1p, abs, sqrt, pow) and a constructor from
// double works. Formulas without transcendental functions evaluate in
// constant expressions.
#pragma once

#include <type_traits>
#include <utility>

#include <actdiff/core/constants.hpp>
#include <actdiff/detail/construct.hpp>
#include <actdiff/numeric/math.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/core/expression.hpp>
#include <actdiff/core/symbols.hpp>

namespace actdiff {

template <class T>
inline constexpr bool is_binding_v = false;
template <class S, class T>
inline constexpr bool is_binding_v<binding<S, T>> = true;

// A set of bindings, usable with several expressions.
template <class... Bindings>
struct environment : Bindings... {};

namespace detail {
template <class S, class... Bindings>
inline constexpr int times_bound = (int(std::is_same_v<S, typename Bindings::symbol_type>) + ... + 0);
}

namespace detail {
template <class... Bs>
inline constexpr bool is_library_type_v<environment<Bs...>> = true;
}

template <class... Bindings>
    requires(sizeof...(Bindings) == 0 || detail::involves_library_type<Bindings...>)
constexpr auto at(const Bindings&... bindings) {
    static_assert((is_binding_v<Bindings> && ...), "actdiff: at(...) takes bindings such as x = 0.5");
    if constexpr ((is_binding_v<Bindings> && ...)) {
        static_assert(((detail::times_bound<typename Bindings::symbol_type, Bindings...> == 1) && ...),
                      "actdiff: at(...): the same symbol is bound twice");
        if constexpr (((detail::times_bound<typename Bindings::symbol_type, Bindings...> == 1) && ...)) {
            return environment<Bindings...>{bindings...};
        }
    }
}

namespace detail {

template <class T>
inline constexpr bool is_environment_v = false;
template <class... Bs>
inline constexpr bool is_environment_v<environment<Bs...>> = true;

template <class S, class T>
constexpr const T& bound_value(const binding<S, T>& b) {
    return b.value;
}

template <class S, class Env>
concept binds = requires(const Env& env) { bound_value<S>(env); };

// ---- diagnostics: the first line names the problem and the symbol ----------
// The symbol is spelled as a pack of chars, which g++ and clang++ both print
// as characters: parameter_named<'a', 'l', 'p', 'h', 'a'>. Each check is a
// static_assert on a variable named for what must hold, so clang++ prints it
// on the error line and g++ in the instantiation line above it.

template <char... Name>
struct variable_named {};
template <char... Name>
struct parameter_named {};

template <class S, std::size_t... I>
constexpr auto spell(std::index_sequence<I...>) {
    if constexpr (is_variable_v<S>) {
        return variable_named<S::name.data[I]...>{};
    } else {
        return parameter_named<S::name.data[I]...>{};
    }
}
template <class S>
using spelled_t = decltype(spell<S>(std::make_index_sequence<S::name.size()>{}));

// False for every spelled symbol: the condition of a diagnostic's static_assert.
template <class SpelledSymbol>
inline constexpr bool has_a_binding = false;
template <class SpelledSymbol>
inline constexpr bool is_bound_once = false;

template <class Symbol>
constexpr void eval_has_no_binding_for() {
    static_assert(has_a_binding<Symbol>, "actdiff: eval(): the expression uses a symbol that has no binding");
}
template <class Symbol>
constexpr void eval_binds_a_symbol_twice() {
    static_assert(is_bound_once<Symbol>, "actdiff: eval(): the same symbol is bound twice");
}

template <class S, class Env>
constexpr bool check_bound_one() {
    if constexpr (binds<S, Env>) {
        return true;
    } else {
        eval_has_no_binding_for<spelled_t<S>>();
        return false;
    }
}

template <class Node, class Env>
constexpr bool check_bound() {
    return []<class... Ss>(list<Ss...>) { return (check_bound_one<Ss, Env>() && ...); }(typename symbols_of<Node>::type{});
}

template <class S, class... Bs>
constexpr bool check_distinct_one() {
    if constexpr ((std::is_same_v<S, typename Bs::symbol_type> + ...) > 1) {
        eval_binds_a_symbol_twice<spelled_t<S>>();
        return false;
    } else {
        return true;
    }
}

// Every symbol of the expression bound, none twice. A binding of a symbol the
// expression does not use is allowed: d(glu(a, b), a) = σ(b) no longer uses a,
// and a gradient loop binds the same symbols for every derivative.
template <class Node, class... Bs>
constexpr bool check_bindings() {
    // One problem at a time: an environment with a symbol twice is not even a valid type.
    if constexpr (!(check_distinct_one<typename Bs::symbol_type, Bs...>() && ...)) {
        return false;
    } else {
        return check_bound<Node, environment<Bs...>>();
    }
}

template <class... Bs>
struct value_type_of {
    using type = std::common_type_t<typename Bs::value_type...>;
};
template <>
struct value_type_of<> {
    using type = double;
};
template <class... Bs>
struct value_type_of<environment<Bs...>> : value_type_of<Bs...> {};

// ---- evaluators: one per node kind -----------------------------------------

template <class Node>
struct evaluator;

template <class T, class Node, class Env>
constexpr auto evaluate(Node, const Env& env) {
    return evaluator<Node>::template run<T>(env);
}

template <fixed_string Name>
struct evaluator<variable<Name>> {
    template <class T, class Env>
    static constexpr T run(const Env& env) { return static_cast<T>(bound_value<variable<Name>>(env)); }
};

template <fixed_string Name>
struct evaluator<parameter<Name>> {
    template <class T, class Env>
    static constexpr T run(const Env& env) { return static_cast<T>(bound_value<parameter<Name>>(env)); }
};

template <std::intmax_t N, std::intmax_t D>
struct evaluator<rational<N, D>> {
    template <class T, class Env>
    static constexpr T run(const Env&) { return lift<T>(static_cast<long double>(N) / static_cast<long double>(D)); }
};

template <fixed_string Symbol, fixed_string Digits>
struct evaluator<named_constant<Symbol, Digits>> {
    static constexpr long double value = parse_digits<long double>(Digits.view());
    template <class T, class Env>
    static constexpr T run(const Env&) { return lift<T>(value); }
};

// Always inlined: g++ 12 left the extended number's copy out of line once a
// kernel's guarded path grew, and gelu_tanh's elements beyond x = 45, which
// take that number, ran 30 % slower for the call.
template <class T>
[[gnu::always_inline]] constexpr T integer_power(const T& base, std::intmax_t n) {
    T result = lift<T>(1);
    T factor = base;
    for (std::intmax_t k = n < 0 ? -n : n; k > 0; k >>= 1) {
        if (k & 1) result = result * factor;
        if (k > 1) factor = factor * factor;
    }
    return n < 0 ? lift<T>(1) / result : result;
}

// base^(N/D): repeated multiplication, a square root, or pow.
template <std::intmax_t N, std::intmax_t D, class T>
constexpr T rational_power(const T& base) {
    if constexpr (D == 1) {
        return integer_power(base, N);
    } else if constexpr (D == 2) {
        return integer_power(T(math::sqrt(base)), N);
    } else {
        return math::pow(base, lift<T>(static_cast<long double>(N) / D));
    }
}

// a R b for the relation R.
template <class R, class T>
constexpr auto related(const T& a, const T& b) {
    if constexpr (std::is_same_v<R, less>) return a < b;
    else if constexpr (std::is_same_v<R, less_equal>) return a <= b;
    else if constexpr (std::is_same_v<R, greater>) return a > b;
    else return a >= b;
}

// ---- the value of a node from its children's values -------------------------
// One statement per node kind, shared by both evaluators: the plain one passes a
// `get` that evaluates a child when asked, evaluation/fused.hpp one that reads the
// child's stored value. Only the branch a where chooses is read, so the plain
// evaluator never computes the other (ELU's exp for large x).

template <class Node>
struct node_value;

// A factor b^(−k) or b^(−k/2) that a product divides by: one rounding, where
// a·(1/b) rounds twice (x/(1 + |x|), x/√(x² + b)).
template <class F>
struct divisor_of {
    static constexpr bool found = false;
};
template <class B, std::intmax_t N, std::intmax_t D>
    requires(N < 0 && (D == 1 || D == 2))
struct divisor_of<power<B, rational<N, D>>> {
    static constexpr bool found = true;
    using base = B;
    using type = power<B, rational<-N, D>>;  // what it divides by
};

// The factors at positions Low ≤ i < High of Fs, and the factors of Fs other than b^(−k).
template <std::size_t Low, std::size_t High, class... Fs, std::size_t... I>
constexpr auto factors_between(std::index_sequence<I...>) {
    return (list<>{} + ... + std::conditional_t<(Low <= I && I < High), list<Fs>, list<>>{});
}
template <class... Fs>
constexpr auto dividends(list<Fs...>) {
    return (list<>{} + ... + std::conditional_t<divisor_of<Fs>::found, list<>, list<Fs>>{});
}

// Left to right, the constant first: (½·x)·(1 + erf) does not overflow where ½·(x·(1 + erf)) would.
// With one factor b^(−k), the first factor that is not a constant is divided
// by b^k as it comes: (c·a/b)·d, so that x·y/z is (x/z)·y, finite where x·y
// is not.
template <class... Fs>
struct node_value<product<Fs...>> {
    static constexpr std::size_t divisors = (std::size_t(divisor_of<Fs>::found) + ...);
    template <class T, class Get, class... Gs>
    static constexpr T times(T first, [[maybe_unused]] Get get, list<Gs...>) { return (first * ... * T(get(type<Gs>{}))); }
    // b^k: b, the stored √b, or b^k's own value from them.
    template <class T, class Divisor, class Get>
    static constexpr T divisor_value(Get get) {
        using B = typename Divisor::base;
        using by = typename Divisor::type;
        if constexpr (std::is_same_v<by, power<B, rational<1, 1>>>) {
            return T(get(type<B>{}));
        } else if constexpr (std::is_same_v<by, power<B, rational<1, 2>>>) {
            return T(get(type<by>{}));
        } else {
            return node_value<by>::template of<T>(get);
        }
    }
    template <class T, class Get, class... Gs>
    static constexpr T quotient(Get get, list<Gs...> rest) {
        using divisor = divisor_of<decltype(first_in((list<>{} + ... + std::conditional_t<divisor_of<Fs>::found, list<Fs>, list<>>{})))>;
        // The first non-constant factor of the rest, or the last constant if all are.
        constexpr std::size_t n = sizeof...(Gs), at = [] {
            constexpr bool constant[] = {is_constant_v<Gs>...};
            std::size_t k = 0;
            while (k + 1 < n && constant[k]) ++k;
            return k;
        }();
        constexpr auto order = std::index_sequence_for<Gs...>{};
        const T leading = times<T>(T(get(type<decltype(first_in(rest))>{})), get, factors_between<1, at + 1, Gs...>(order));
        return times<T>(leading / divisor_value<T, divisor>(get), get, factors_between<at + 1, n, Gs...>(order));
    }
    template <class T, class Get>
    static constexpr T of(Get get) {
        if constexpr (divisors == 1 && sizeof...(Fs) > 1) {
            return quotient<T>(get, dividends(list<Fs...>{}));
        } else {
            return (... * T(get(type<Fs>{})));
        }
    }
};
// A term a·b of a sum, a product that divides by nothing or a square, is added
// by one multiply-add (numeric/math.hpp): one rounding fewer, where the target
// fuses it (x + sin²x, 1 + a·x², x² + b). A product's last factor is its b, or
// b's base where that is a square: (F₁·…·Fₙ₋₁)·Fₙ as node_value multiplies it.
template <class F>
struct square_of {
    static constexpr bool found = false;
};
template <class B>
struct square_of<power<B, rational<2, 1>>> {
    static constexpr bool found = true;
    using base = B;
};
template <class F>
struct multiplied {
    static constexpr bool found = false;
};
template <class B>
struct multiplied<power<B, rational<2, 1>>> {
    static constexpr bool found = true;
    template <class T, class Get>
    static constexpr T add_to(const T& sum, Get get) {
        const T base = get(type<B>{});
        return multiply_add(base, base, sum);
    }
};
template <class... Fs>
    requires(sizeof...(Fs) > 1 && !(divisor_of<Fs>::found || ...))
struct multiplied<product<Fs...>> {
    static constexpr bool found = true;
    template <class T, class Get, class... Gs, class Last>
    static constexpr T add_to(const T& sum, Get get, list<Gs...>, list<Last>) {
        const T leading = (... * T(get(type<Gs>{})));
        if constexpr (square_of<Last>::found) {
            const T base = get(type<typename square_of<Last>::base>{});
            return multiply_add(T(leading * base), base, sum);
        } else {
            return multiply_add(leading, T(get(type<Last>{})), sum);
        }
    }
    template <class T, class Get>
    static constexpr T add_to(const T& sum, Get get) {
        constexpr auto order = std::index_sequence_for<Fs...>{};
        constexpr std::size_t n = sizeof...(Fs);
        return add_to<T>(sum, get, factors_between<0, n - 1, Fs...>(order), factors_between<n - 1, n, Fs...>(order));
    }
};

// A square over a divisor, sin(a·x)²/a: (b/d)·b, as b/d rounds once where b² and
// its quotient round twice.
template <class... Fs>
constexpr bool square_over_divisor(list<Fs...>) {
    if constexpr (sizeof...(Fs) == 2 && (int(divisor_of<Fs>::found) + ...) == 1) {
        return square_of<decltype(first_in(dividends(list<Fs...>{})))>::found;
    } else {
        return false;
    }
}
template <class... Fs>
    requires(square_over_divisor(list<Fs...>{}))
struct multiplied<product<Fs...>> {
    static constexpr bool found = true;
    template <class T, class Get>
    static constexpr T add_to(const T& sum, Get get) {
        using square = decltype(first_in(dividends(list<Fs...>{})));
        using divisor = divisor_of<decltype(first_in((list<>{} + ... + std::conditional_t<divisor_of<Fs>::found, list<Fs>, list<>>{})))>;
        const T base = get(type<typename square_of<square>::base>{});
        return multiply_add(T(base / node_value<product<Fs...>>::template divisor_value<T, divisor>(get)), base, sum);
    }
};

// The terms that are not a·b first, in their order, then the others in theirs.
template <class... Ts>
struct node_value<sum<Ts...>> {
    using plain = decltype((list<>{} + ... + std::conditional_t<multiplied<Ts>::found, list<>, list<Ts>>{}));
    using fused = decltype((list<>{} + ... + std::conditional_t<multiplied<Ts>::found, list<Ts>, list<>>{}));
    template <class T, class Get, class... Ps, class... Ms>
    static constexpr T add(Get get, list<Ps...>, list<Ms...>) {
        T total = (... + T(get(type<Ps>{})));
        ((total = multiplied<Ms>::template add_to<T>(total, get)), ...);
        return total;
    }
    template <class T, class Get, class First, class... Ms>
    static constexpr T add(Get get, list<>, list<First, Ms...>) {
        return add<T>(get, list<First>{}, list<Ms...>{});
    }
    template <class T, class Get>
    static constexpr T of(Get get) { return add<T>(get, plain{}, fused{}); }
};
template <class B, std::intmax_t N, std::intmax_t D>
struct node_value<power<B, rational<N, D>>> {
    template <class T, class Get>
    static constexpr T of(Get get) {
        if constexpr (D == 2 && N != 1) {
            // b^(k/2) = b^((k − 1)/2)·√b, of the shared √b (algorithm/cost.hpp):
            // b·√b rounds twice, where (√b)³ tripled √b's rounding and rounded
            // twice more (ISRU′ = (1 + x²)^(−3/2): 6.2 ulp as 1/(√b)³, 4.2 as 1/(b·√b)).
            constexpr std::intmax_t k = N < 0 ? -N : N;
            const T root = get(type<power<B, rational<1, 2>>>{});
            T whole = root;
            if constexpr (k > 1) whole = T(integer_power(T(get(type<B>{})), (k - 1) / 2) * root);
            if constexpr (N < 0) return lift<T>(1) / whole; else return whole;
        } else {
            return rational_power<N, D>(T(get(type<B>{})));
        }
    }
};
template <class F, class U>
struct node_value<apply<F, U>> {
    template <class T, class Get>
    static constexpr T of(Get get) { return F::evaluate(T(get(type<U>{}))); }
};
template <class A, class B>
struct node_value<maximum<A, B>> {
    template <class T, class Get>
    static constexpr T of(Get get) {
        return math::larger_of(T(get(type<A>{})), T(get(type<B>{})));
    }
};
template <class A, class B>
struct node_value<minimum<A, B>> {
    template <class T, class Get>
    static constexpr T of(Get get) {
        return math::smaller_of(T(get(type<A>{})), T(get(type<B>{})));
    }
};
template <class Relation, class A, class B>
struct node_value<comparison<Relation, A, B>> {
    template <class T, class Get>
    static constexpr auto of(Get get) { return related<Relation>(T(get(type<A>{})), T(get(type<B>{}))); }
};
template <class C, class A, class B>
struct node_value<where_node<C, A, B>> {
    template <class T, class Get>
    static constexpr T of(Get get) {
        const auto condition = get(type<C>{});
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(condition)>, bool>) {
            return condition ? T(get(type<A>{})) : T(get(type<B>{}));
        } else {
            return choose(condition, T(get(type<A>{})), T(get(type<B>{})));  // SIMD lanes: both computed, one kept
        }
    }
};

// Every other node: its value from its children's, each evaluated in place.
template <class Node>
struct evaluator {
    template <class T, class Env>
    static constexpr auto run(const Env& env) {
        return node_value<Node>::template of<T>([&env]<class Child>(type<Child>) { return evaluate<T>(Child{}, env); });
    }
};

template <class F, class Env>
constexpr auto evaluate_in(const Env& env) {
    using T = typename value_type_of<Env>::type;
    return evaluate<T>(F{}, env);
}

}  // namespace detail

template <class F, class... Args>
    requires detail::involves_library_type<F, Args...>
constexpr auto eval(F, const Args&... args) {
    static_assert(Expression<F>, "actdiff: eval(f, ...): f must be an actdiff expression");
    if constexpr (sizeof...(Args) == 1 && (detail::is_environment_v<Args> && ...)) {
        using T = typename detail::value_type_of<Args...>::type;
        if constexpr ((detail::check_bound<F, Args>() && ...)) {
            return (detail::evaluate_in<F>(args), ...);
        } else {
            return T{};
        }
    } else {
        static_assert((is_binding_v<Args> && ...), "actdiff: eval(f, ...) takes bindings such as x = 0.5, or one at(...)");
        if constexpr ((is_binding_v<Args> && ...)) {
            using T = typename detail::value_type_of<Args...>::type;
            if constexpr (detail::check_bindings<F, Args...>()) {
                return detail::evaluate_in<F>(environment<Args...>{args...});
            } else {
                return T{};
            }
        }
    }
}

}  // namespace actdiff
