// What is known about the sign of an expression from its structure alone:
// what each primitive states (exp(u) > 0, |u| ≥ 0, tanh(u) has u's sign, 1 − σ(u) > 0
// from σ's range), u² ≥ 0, sums and products of those. Rewrites that are
// true only where u ≠ 0 (u/u = 1) use it, so they apply exactly where they
// are sound.
#pragma once

#include <type_traits>

#include <actdiff/core/expression.hpp>
#include <actdiff/primitive/protocol.hpp>

namespace actdiff::detail {

template <class T>
struct sign_of {
    static constexpr bool positive = false;
    static constexpr bool nonnegative = false;
    static constexpr bool negative = false;
};

template <class T>
inline constexpr bool positive_v = sign_of<T>::positive;
template <class T>
inline constexpr bool nonnegative_v = sign_of<T>::positive || sign_of<T>::nonnegative;
template <class T>
inline constexpr bool negative_v = sign_of<T>::negative;
template <class T>
inline constexpr bool nonzero_v = positive_v<T> || negative_v<T>;

template <std::intmax_t N, std::intmax_t D>
struct sign_of<rational<N, D>> {
    static constexpr bool positive = N > 0;
    static constexpr bool nonnegative = N >= 0;
    static constexpr bool negative = N < 0;
};

// Named constants are given by their (non-negative) digits; zero is not worth a name.
template <fixed_string Symbol, fixed_string Digits>
struct sign_of<named_constant<Symbol, Digits>> {
    static constexpr bool positive = true;
    static constexpr bool nonnegative = true;
    static constexpr bool negative = false;
};

// A primitive states its sign law.
template <class F, class U>
struct sign_of<apply<F, U>> {
    static constexpr sign_law law = primitive_traits<F>::sign;
    static constexpr bool follows = law == sign_law::follows_argument;
    static constexpr bool positive = law == sign_law::positive || (follows && sign_of<U>::positive);
    static constexpr bool nonnegative =
        positive || law == sign_law::nonnegative || (follows && (sign_of<U>::positive || sign_of<U>::nonnegative));
    static constexpr bool negative = follows && sign_of<U>::negative;
};

template <class B, std::intmax_t N, std::intmax_t D>
struct sign_of<power<B, rational<N, D>>> {
    static constexpr bool even = D == 1 && N % 2 == 0;
    static constexpr bool positive = positive_v<B> || (even && nonzero_v<B>);
    static constexpr bool nonnegative = positive || even || nonnegative_v<B>;
    static constexpr bool negative = negative_v<B> && D == 1 && N % 2 != 0;
};

template <class... Fs>
struct sign_of<product<Fs...>> {
    static constexpr int negatives = (int(negative_v<Fs>) + ...);
    static constexpr bool known = ((positive_v<Fs> || negative_v<Fs>) && ...);
    static constexpr bool positive = known && negatives % 2 == 0;
    static constexpr bool negative = known && negatives % 2 == 1;
    static constexpr bool nonnegative = positive || (nonnegative_v<Fs> && ...);
};

// q + f(u) and q − f(u) from f's range: 1 − σ(u) > 0, 1 + tanh(u) > 0.
template <class... Ts>
struct bounded_sum {
    static constexpr bool positive = false;
    static constexpr bool nonnegative = false;
    static constexpr bool negative = false;
};
template <std::intmax_t N, std::intmax_t D, class F, class U>
struct bounded_sum<rational<N, D>, apply<F, U>> {
    static constexpr value_range r = primitive_traits<F>::range;
    static constexpr double q = double(N) / double(D);
    static constexpr bool positive = r.has_low && (r.low > -q || (r.low == -q && r.low_open));
    static constexpr bool nonnegative = r.has_low && r.low >= -q;
    static constexpr bool negative = r.has_high && (r.high < -q || (r.high == -q && r.high_open));
};
template <std::intmax_t N, std::intmax_t D, class F, class U>
struct bounded_sum<rational<N, D>, product<rational<-1, 1>, apply<F, U>>> {
    static constexpr value_range r = primitive_traits<F>::range;
    static constexpr double q = double(N) / double(D);
    static constexpr bool positive = r.has_high && (r.high < q || (r.high == q && r.high_open));
    static constexpr bool nonnegative = r.has_high && r.high <= q;
    static constexpr bool negative = r.has_low && (r.low > q || (r.low == q && r.low_open));
};

template <class... Ts>
struct sign_of<sum<Ts...>> {
    using bounded = bounded_sum<Ts...>;
    static constexpr bool positive = ((nonnegative_v<Ts> && ...) && (positive_v<Ts> || ...)) || bounded::positive;
    static constexpr bool nonnegative = (nonnegative_v<Ts> && ...) || bounded::nonnegative;
    static constexpr bool negative = (negative_v<Ts> && ...) || bounded::negative;
};

template <class A, class B>
struct sign_of<maximum<A, B>> {
    static constexpr bool positive = positive_v<A> || positive_v<B>;
    static constexpr bool nonnegative = nonnegative_v<A> || nonnegative_v<B>;
    static constexpr bool negative = negative_v<A> && negative_v<B>;
};

template <class A, class B>
struct sign_of<minimum<A, B>> {
    static constexpr bool positive = positive_v<A> && positive_v<B>;
    static constexpr bool nonnegative = nonnegative_v<A> && nonnegative_v<B>;
    static constexpr bool negative = negative_v<A> || negative_v<B>;
};

template <class C, class A, class B>
struct sign_of<where_node<C, A, B>> {
    static constexpr bool positive = positive_v<A> && positive_v<B>;
    static constexpr bool nonnegative = nonnegative_v<A> && nonnegative_v<B>;
    static constexpr bool negative = negative_v<A> && negative_v<B>;
};

}  // namespace actdiff::detail
