// What a kernel computes, stated once. For f in the inputs xs, the plan names
// each entry point's formulas and the forms it evaluates (the lowered, stable
// forms of evaluation/fused.hpp, every shared subexpression once), whether the
// backward reads the output y instead of the inputs, and the parameters in
// the order f first uses them. The SIMD loops (kernel/elementwise.hpp), the
// emitter (kernel/emit.hpp), the tool and the tests all read it:
//   using plan = kernel_plan<decltype(mish(x)), decltype(x)>;
//   plan::forward_backward::calls     library calls per element of the fused pass (3)
//   plan::computed                    f, or simplify(f) where the fused pass then costs less
//   plan::backward_uses_output        false: mish' needs x
#pragma once

#include <cstddef>
#include <type_traits>

#include <actdiff/algorithm/in_terms_of.hpp>
#include <actdiff/algorithm/simplify.hpp>
#include <actdiff/evaluation/fused.hpp>

namespace actdiff {

namespace detail {
// What the backward evaluates: f' in terms of the output when it can be, else
// the derivatives in the inputs.
template <class Derivatives, class F, class Y, bool InTermsOfOutput>
struct backward_of {
    using type = Derivatives;
};
template <class G, class F, class Y>
struct backward_of<list<G>, F, Y, true> {
    using type = list<decltype(in_terms_of(G{}, F{}, Y{}))>;
};

// Only a one-input kernel can read its output instead of its input.
template <class F, class Y, class... Xs>
constexpr bool reads_output() {
    if constexpr (sizeof...(Xs) == 1) {
        return expressible_in_terms_of(d(F{}, Xs{}...), F{}, Y{});
    } else {
        return false;
    }
}

// Each parameter once, in the order the formula first uses it.
template <class... Kept>
constexpr auto parameters_in_order(list<Kept...> kept, list<>) {
    return kept;
}
template <class... Kept, class S, class... Rest>
constexpr auto parameters_in_order(list<Kept...> kept, list<S, Rest...>) {
    if constexpr (!is_parameter_v<S> || (std::is_same_v<S, Kept> || ...)) {
        return parameters_in_order(kept, list<Rest...>{});
    } else {
        return parameters_in_order(list<Kept..., S>{}, list<Rest...>{});
    }
}

template <class Formulas>
struct forms_of;
template <class... Fs>
struct forms_of<list<Fs...>> {
    using type = kernel_forms_t<Fs...>;
};

// Library calls, then operations, per element of the forms Fs together.
template <class... Fs>
constexpr std::size_t operations_of(list<Fs...>) {
    return cost_of<void>::operations(typename schedule_of<list<>, Fs...>::type{});
}
template <class Forms>
constexpr std::size_t weight_of() {
    return calls_of(Forms{}) * 1024 + operations_of(Forms{});
}

// f as written, or its canonical form where the fused pass (f with its
// derivatives) then costs fewer calls, then fewer operations: x/(1 + e^(−x))
// is computed as x·σ(x), whose σ shares one exp with the derivative. Every
// entry point computes the same f, so forward and forward_backward agree.
template <class F, class Canonical, class... Derivatives>
constexpr bool canonical_is_cheaper() {
    if constexpr (std::is_same_v<F, Canonical>) {
        return false;
    } else {
        return weight_of<kernel_forms_t<Canonical, Derivatives...>>() < weight_of<kernel_forms_t<F, Derivatives...>>();
    }
}
}  // namespace detail

// The output y as a symbol, for a backward that reads the output; emitted
// source names it y.
using kernel_output = variable<"output">;

// One pass over the elements: the formulas it computes, and the forms it evaluates.
template <class Formulas>
struct kernel_pass {
    using formulas = Formulas;
    using forms = typename detail::forms_of<Formulas>::type;
    // Library calls (exp, log, …) per element, each shared subexpression once.
    static constexpr std::size_t calls = detail::calls_of(forms{});
    // The calls whose results other calls take, computed in a pass of their
    // own over each block of elements (evaluation/fused.hpp).
    using staged = typename detail::staged_calls_of<forms>::type;
    static constexpr std::size_t staged_calls = decltype(detail::list_size(staged{}))::value;
};

template <class F, class... Xs>
struct kernel_plan {
    using formula = F;
    using inputs = detail::list<Xs...>;
    static constexpr std::size_t arity = sizeof...(Xs);
    using parameters = decltype(detail::parameters_in_order(detail::list<>{}, typename detail::symbols_of<F>::type{}));
    using output_symbol = kernel_output;
    // ∂f/∂x for each input, in the inputs' order.
    using derivatives = detail::list<decltype(d(F{}, Xs{}))...>;
    static constexpr bool backward_uses_output = detail::reads_output<F, output_symbol, Xs...>();
    // What the backward reads at each element: y, or the inputs.
    using backward_reads = std::conditional_t<backward_uses_output, detail::list<output_symbol>, inputs>;

    // What the kernel computes for f: f, or simplify(f) where that is cheaper.
    using computed = std::conditional_t<
        detail::canonical_is_cheaper<F, decltype(simplify(F{})), decltype(d(F{}, Xs{}))...>(),
        decltype(simplify(F{})), F>;
    using forward = kernel_pass<detail::list<computed>>;
    // f' in terms of y when backward_uses_output, else the derivatives.
    using backward =
        kernel_pass<typename detail::backward_of<derivatives, F, output_symbol, backward_uses_output>::type>;
    using forward_backward = kernel_pass<detail::list<computed, decltype(d(F{}, Xs{}))...>>;
    template <class P>
    using parameter_gradient = kernel_pass<detail::list<decltype(d(F{}, P{}))>>;
};

}  // namespace actdiff
