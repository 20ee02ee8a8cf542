// notation<"Phi">(e): a name readers know for a subexpression, as an author
// writes GELU's derivative with the normal distribution's Φ and φ rather than
// with erf and e^(−x²/2):
//   auto Phi = notation<"Phi">(c<1, 2> * (1_c + erf(x / sqrt(2_c))));
//   auto phi = notation<"phi">(exp(-pow(x, 2_c) / 2_c) / sqrt(2_c * pi));
//   in_notation(d(gelu(x), x), Phi, phi)   // Φ(x) + xφ(x)
// in_notation(f, n...) finds each notation's simplified form in f, whole or
// as part of a sum or product (½ + ½erf(x/√2) among the terms of f′), and
// puts a placeholder there, which the printer spells Φ(x) (the name, then the
// notation's inputs). The result is for printing only: it is f with its
// subterms renamed, not a new formula.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <actdiff/algorithm/check.hpp>
#include <actdiff/algorithm/derivative.hpp>
#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/algorithm/transform.hpp>
#include <actdiff/core/expression.hpp>
#include <actdiff/detail/symbols_of.hpp>
#include <actdiff/printing/latex.hpp>

namespace actdiff {

namespace detail {
// "zz_notation_" + Name: a symbol no formula has by chance, sorted after the
// usual ones, where an author puts a function: xφ(x), not φ(x)x.
inline constexpr std::string_view placeholder_prefix = "zz_notation_";
template <fixed_string Name>
consteval auto placeholder_name() {
    char text[placeholder_prefix.size() + Name.size() + 1]{};
    std::copy(placeholder_prefix.begin(), placeholder_prefix.end(), text);
    for (std::size_t i = 0; i < Name.size(); ++i) text[placeholder_prefix.size() + i] = Name.data[i];
    return fixed_string{text};
}

// A root of a product of positive constants as the product of their roots,
// √(2π) as √2·√π: simplify keeps the first and d() makes the second, and a
// notation of φ written with √(2π) must be found in GELU's derivatives.
struct roots_apart {};
// Free of symbols and positive by the sign analysis: 2, π, e^(1/2); not a
// call on constants that may be negative, such as log(1/2).
template <class... Cs>
inline constexpr bool positive_constants_v = ((std::is_same_v<typename symbols_of<Cs>::type, list<>> && positive_v<Cs>) && ...);
template <class... Cs, class R>
    requires(positive_constants_v<Cs...> && R::value.den != 1)
struct rewrite<roots_apart, power<product<Cs...>, R>> {
    using type = decltype(make_product(make_power<R::value>(transform_t<roots_apart, Cs>{})...));
};
template <class T>
using roots_apart_t = transform_t<roots_apart, T>;
}  // namespace detail

template <fixed_string Name, class E>
struct named_notation {
    static constexpr auto name = Name;
    using expression = decltype(simplify(E{}));
    // Also found with the roots of constants apart (√2·√π, as d() writes
    // √(2π)), and multiplied out: ½ + ½erf(x/√2) is Φ(x) as ½(1 + erf(x/√2)) is.
    using apart = detail::roots_apart_t<expression>;
    using expanded = detail::expanded_t<apart>;
    // Where it stands in a formula: a symbol no formula can have.
    using placeholder = variable<detail::placeholder_name<Name>()>;
};

template <fixed_string Name, class E>
    requires detail::involves_library_type<E>
constexpr named_notation<Name, E> notation(E) {
    static_assert(Expression<E>, "actdiff: notation<\"name\">(e): e must be an actdiff expression");
    return {};
}

namespace detail {

template <class N, class Kept, class... Ts>
struct drop_first;
template <class N, class... Kept>
struct drop_first<N, list<Kept...>> {
    using type = list<Kept...>;
    static constexpr bool found = false;
};
template <class N, class... Kept, class T, class... Ts>
struct drop_first<N, list<Kept...>, T, Ts...> {
    using next = drop_first<N, list<Kept..., T>, Ts...>;
    using type = std::conditional_t<std::is_same_v<N, T>, list<Kept..., Ts...>, typename next::type>;
    static constexpr bool found = std::is_same_v<N, T> || next::found;
};

// The children left once every one of Parts is taken out of Children, or
// void when one of Parts is not there.
template <class Parts, class Children>
struct without;
template <class Children>
struct without<list<>, Children> {
    using type = Children;
};
template <class P, class... Ps, class... Cs>
struct without<list<P, Ps...>, list<Cs...>> {
    using step = drop_first<P, list<>, Cs...>;
    using type = typename std::conditional_t<step::found, without<list<Ps...>, typename step::type>,
                                             std::type_identity<void>>::type;
};
template <class Ps>
struct without<Ps, void> {
    using type = void;
};

template <class N, class P>
struct notating {};

template <class N, class P, class T>
struct notate : rebuilt<notating<N, P>, T> {};
template <class N, class P>
struct notate<N, P, N> {
    using type = P;
};
// A product's rational coefficient (1 when it has none) and its other factors.
template <class T>
struct notation_factors {
    static constexpr ratio coefficient{1, 1};
    using factors = list<T>;
};
template <class... Fs>
struct notation_factors<product<Fs...>> {
    static constexpr ratio coefficient = (ratio{1, 1} * ... * [] {
        if constexpr (is_rational_v<Fs>) return Fs::value;
        else return ratio{1, 1};
    }());
    using factors = decltype((list<>{} + ... + std::conditional_t<is_rational_v<Fs>, list<>, list<Fs>>{}));
};

// N's terms among more terms.
template <class N, class P, class... Ts>
    requires(!std::is_same_v<N, sum<Ts...>>)
struct notate<N, P, sum<Ts...>> {
    template <class... Ns>
    static auto rest(sum<Ns...>*) -> typename without<list<Ns...>, list<Ts...>>::type;
    static auto rest(...) -> void;
    using left = decltype(rest(static_cast<N*>(nullptr)));
    static constexpr auto combine = []<class... Ls>(list<Ls...>) { return make_sum(P{}, transform_t<notating<N, P>, Ls>{}...); };
    using type = typename std::conditional_t<std::is_void_v<left>, rebuilt<notating<N, P>, sum<Ts...>>,
                                             std::type_identity<decltype(combine(std::conditional_t<std::is_void_v<left>, list<>, left>{}))>>::type;
};

// N's factors among more factors, whatever the coefficients: x(1 + erf(x/√2))
// is 2xΦ(x) with Φ = ½(1 + erf(x/√2)).
template <class N, class P, class... Fs>
    requires(!std::is_same_v<N, product<Fs...>>)
struct notate<N, P, product<Fs...>> {
    using ours = notation_factors<product<Fs...>>;
    using theirs = notation_factors<N>;
    static constexpr bool applies = is_product_v<N> || is_sum_v<N>;
    using left = std::conditional_t<applies, typename without<typename theirs::factors, typename ours::factors>::type, void>;
    static constexpr auto combine = []<class... Ls>(list<Ls...>) {
        return make_product(rational_t<ours::coefficient / theirs::coefficient>{}, P{}, transform_t<notating<N, P>, Ls>{}...);
    };
    using type = typename std::conditional_t<std::is_void_v<left>, rebuilt<notating<N, P>, product<Fs...>>,
                                             std::type_identity<decltype(combine(std::conditional_t<std::is_void_v<left>, list<>, left>{}))>>::type;
};
template <class N, class P, class T>
struct rewrite<notating<N, P>, T> : notate<N, P, T> {};

}  // namespace detail

namespace detail {
template <class G>
constexpr G renamed_by(G, list<>) {
    return {};
}
template <class G, class N, class... Rest>
constexpr auto renamed_by(G, list<N, Rest...>) {
    using placeholder = typename N::placeholder;
    using renamed = transform_t<notating<typename N::expanded, placeholder>,
                                transform_t<notating<typename N::apart, placeholder>, transform_t<notating<typename N::expression, placeholder>, G>>>;
    return renamed_by(renamed{}, list<Rest...>{});
}
}  // namespace detail

// f with each notation's subterm replaced by its placeholder, in the order given.
template <class F, class... Ns>
    requires detail::involves_library_type<F>
constexpr auto in_notation(F, Ns...) {
    static_assert(Expression<F>, "actdiff: in_notation(f, notations...): f must be an actdiff expression");
    return detail::renamed_by(F{}, detail::list<Ns...>{});
}

namespace detail {
template <class T>
inline constexpr std::size_t list_size_v = 0;
template <class... Ts>
inline constexpr std::size_t list_size_v<list<Ts...>> = sizeof...(Ts);
template <class T>
struct sole_input;
template <class T>
struct sole_input<list<T>> {
    using type = T;
};

template <class T>
inline constexpr bool is_notation_v = false;
template <fixed_string Name, class E>
inline constexpr bool is_notation_v<named_notation<Name, E>> = true;

// Φ(x): the name, then the notation's inputs.
template <class N>
std::string notation_call() {
    std::string inputs;
    [&]<class... Ss>(list<Ss...>) {
        ((inputs += (inputs.empty() ? "" : ", ") + latex(Ss{})), ...);
    }(typename symbols_of<typename N::expression>::type{});
    return latex_printing::symbol_latex(N::name.view()) + "\\left(" + inputs + "\\right)";
}

// A dialect that prints each notation's placeholder as its call.
template <class Dialect, class... Ns>
void name_notations(Dialect& dialect, list<Ns...>) {
    (dialect.template name<typename Ns::placeholder>(notation_call<Ns>()), ...);
}
}  // namespace detail

// f printed in the notations: latex(d(gelu(x), x), Phi, phi) is Φ(x) + xφ(x).
template <class F, class N, class... Ns>
    requires detail::involves_library_type<F> && detail::is_notation_v<N> && (detail::is_notation_v<Ns> && ...)
std::string latex(F f, N n, Ns... ns) {
    static_assert(Expression<F>, "actdiff: latex(f, notations...): f must be an actdiff expression");
    detail::latex_printing::latex_dialect dialect;
    detail::name_notations(dialect, detail::list<N, Ns...>{});
    return detail::print(dialect, in_notation(f, n, ns...)).text;
}

// Each notation as "Φ(x) = ½(1 + erf(x/√2))", and as the derivative of an
// earlier one where it is: "φ(x) = Φ'(x) = e^(−x²/2)/√(2π)".
template <class... Ns>
    requires(detail::is_notation_v<Ns> && ...)
std::vector<std::string> notation_definitions(Ns...) {
    std::vector<std::string> out;
    [[maybe_unused]] const auto define = [&]<class N>(N) {
        std::string line = detail::notation_call<N>() + " = ";
        [[maybe_unused]] const auto derivative_of_other = [&]<class M>(M) {
            using inputs = typename detail::symbols_of<typename M::expression>::type;
            if constexpr (!std::is_same_v<M, N> && detail::list_size_v<inputs> == 1) {
                using slope = decltype(d(typename M::expression{}, typename detail::sole_input<inputs>::type{}));
                if constexpr (std::is_same_v<detail::roots_apart_t<slope>, typename N::apart>) {
                    const std::string call = detail::notation_call<M>();
                    line += call.substr(0, call.find("\\left(")) + "'" + call.substr(call.find("\\left(")) + " = ";
                }
            }
        };
        (derivative_of_other(Ns{}), ...);
        out.push_back(line + latex(typename N::expression{}));
    };
    (define(Ns{}), ...);
    return out;
}

}  // namespace actdiff
