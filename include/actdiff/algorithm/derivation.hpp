// derivation(f, x): a LaTeX align* block that walks from d/dx f to the
// derivative d(f, x) returns, one rule a line, as a course note would. For
// sigmoid written as pow(1 + exp(-x), -1) the lines are: the power rule with
// u = 1 + e^{-x}, the sum rule, the derivative of exp with u = -x, the
// constant factor, which leave e^{-x}/(1 + e^{-x})^2, and then the canonical
// form σ(x)(1 − σ(x)).
// The steps are the engine's own: each differentiation line expands the
// leftmost pending d/dx[u] with the same one-step rule d() uses
// (algorithm/derivative.hpp), and each simplification line is one pass of the same
// rewrite d() applies (algorithm/simplify.hpp). A step that changes nothing in print is
// merged into the next.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include <actdiff/algorithm/derivative.hpp>
#include <actdiff/algorithm/transform.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/printing/latex.hpp>
#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/printing/to_string.hpp>
#include <actdiff/detail/warnings.hpp>

ACTDIFF_TEXT_CODE_BEGIN

namespace actdiff {

namespace detail {

// The leftmost, outermost pending derivative of T, or void.
template <class T>
struct first_pending {
    using type = void;
};
template <class F, class V>
struct first_pending<derivative_of<F, V>> {
    using type = derivative_of<F, V>;
};
template <class T>
inline constexpr bool is_derivative_of_v = false;
template <class F, class V>
inline constexpr bool is_derivative_of_v<derivative_of<F, V>> = true;

template <template <class...> class Node, class... Children>
    requires(!is_derivative_of_v<Node<Children...>>)
struct first_pending<Node<Children...>> {
    template <class Found, class... Rest>
    struct first {
        using type = Found;
    };
    template <class C, class... Rest>
    struct first<void, C, Rest...> {
        using type = typename first<typename first_pending<C>::type, Rest...>::type;
    };
    using type = typename first<void, Children...>::type;
};

// One line: the expression after a step, and why.
template <class Expr, class Why>
struct step {};

// Why a differentiation step: its rule, naming the inner function of a chain.
template <class Node, class S>
struct rule_step {
    static std::string text() {
        using rule = derivative_rule<Node>;
        std::string out = "\\text{" + std::string(rule::name);
        if constexpr (requires { typename rule::function; }) {
            // derivative of \sigma, of \tanh, of \operatorname{erf}
            using function = typename rule::function;
            out += " }" + primitive_traits<function>::latex_symbol() + "\\text{";
        }
        if constexpr (requires { typename rule::inner; }) {
            using inner = typename rule::inner;
            if constexpr (!std::is_same_v<inner, S>) {
                out += " and chain rule, } u = " + latex(inner{});
                return out;
            }
        }
        return out + "}";
    }
};
struct canonical_step {
    static std::string text() { return "\\text{canonical form}"; }
};

template <class E, class S, class... Steps>
constexpr auto differentiation_steps(list<Steps...>) {
    using next = typename first_pending<E>::type;
    if constexpr (std::is_same_v<next, void>) {
        return list<Steps...>{};
    } else {
        return []<class F, class V>(derivative_of<F, V>) {
            using expanded = decltype(derivative_rule<F>::template expand<V>());
            using after = substitute_t<derivative_of<F, V>, expanded, E>;
            return differentiation_steps<after, S>(list<Steps..., step<after, rule_step<F, V>>>{});
        }(next{});
    }
}

template <class Known, class E, int Passes, class... Steps>
constexpr auto simplification_steps(list<Steps...>) {
    using after = rewritten_t<Known, E>;
    if constexpr (std::is_same_v<after, E> || Passes == 0) {
        return list<Steps...>{};
    } else {
        return simplification_steps<Known, after, Passes - 1>(list<Steps..., step<after, canonical_step>>{});
    }
}

template <class T>
struct last_of;
template <class T>
struct last_of<list<T>> {
    using type = T;
};
template <class T, class U, class... Rest>
struct last_of<list<T, U, Rest...>> : last_of<list<U, Rest...>> {};

template <class S>
struct expression_of;
template <class E, class Why>
struct expression_of<step<E, Why>> {
    using type = E;
};

template <class F, class V>
struct derivation_steps {
    using raw = decltype(differentiation_steps<derivative_of<F, V>, V>(list<>{}));
    using last = typename expression_of<typename last_of<raw>::type>::type;
    using type = decltype(raw{} + simplification_steps<derivative_facts_t<F>, last, simplify_passes>(list<>{}));
};
template <class F, class V>
using derivation_steps_t = typename derivation_steps<F, V>::type;

struct derivation_line {
    std::string tex;
    std::string why;
};

template <class E, class Why>
void add_line(std::vector<derivation_line>& lines, step<E, Why>) {
    std::string tex = latex(E{});
    if (!lines.empty() && lines.back().tex == tex) return;  // nothing changed in print
    lines.push_back({std::move(tex), Why::text()});
}

template <class... Steps>
std::vector<derivation_line> derivation_lines(list<Steps...>) {
    std::vector<derivation_line> lines;
    (add_line(lines, Steps{}), ...);
    return lines;
}

}  // namespace detail

// The derivative of f with respect to v, step by step, as a LaTeX align* block.
template <class F, class V>
    requires detail::involves_library_type<F, V>
std::string derivation(F, V) {
    static_assert(Expression<F>, "actdiff: derivation(f, v): f must be an actdiff expression");
    static_assert(Symbol<V>, "actdiff: derivation(f, v): v must be a var<\"name\"> or a param<\"name\">");
    std::string out = "\\begin{align*}\n" + latex(derivative_of<F, V>{});
    const auto lines = detail::derivation_lines(detail::derivation_steps_t<F, V>{});
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += "\n  &= " + lines[i].tex + " && " + lines[i].why + (i + 1 < lines.size() ? " \\\\" : "");
    }
    return out + "\n\\end{align*}";
}

}  // namespace actdiff

ACTDIFF_TEXT_CODE_END
