// Hooks for identities of a call with its siblings in a product, which no
// single member of a primitive can state. A primitive's header specialises
// them beside the primitive (tanh's quotient of exps in hyperbolic.hpp,
// σ-space in logistic.hpp); the simplifier applies whatever is specialised.
// Identities of one call (log(e^u) → u, e^u − 1 → expm1(u), u·sign(u) → |u|)
// are members of the primitive instead (primitive/protocol.hpp).
#pragma once

#include <type_traits>

namespace actdiff::detail {

template <class T, class... Ts>
inline constexpr bool has_factor_v = (std::is_same_v<T, Ts> || ...);

// Factor F of a product with the factors Fs... (F among them), rewritten
// exactly; `consumes<G>`: the rewrite has taken the sibling G in too, which
// then drops from the product.
template <class F, class... Fs>
struct quotient_identity {
    using type = F;
    template <class G>
    static constexpr bool consumes = false;
};

// Factor F in another form that may make the product smaller; the simplifier
// keeps the product of these forms only if it is.
template <class F, class... Fs>
struct alternative_factor {
    using type = F;
};

}  // namespace actdiff::detail
