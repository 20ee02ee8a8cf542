// __float128 (GCC's libquadmath) as a number type of the evaluators, the
// reference for double kernels: accuracy::quad, where <quadmath.h> exists
// (ACTDIFF_HAVE_QUAD). Link with quadmath.
#pragma once

#if __has_include(<quadmath.h>)
#include <quadmath.h>
#define ACTDIFF_HAVE_QUAD 1
#else
#define ACTDIFF_HAVE_QUAD 0
#endif

#if ACTDIFF_HAVE_QUAD
namespace accuracy {

// __float128 as a number type of the evaluator: its math functions are found
// by argument-dependent lookup in this namespace.
struct quad {
    __float128 v;
    quad() = default;
    explicit quad(double value) : v(value) {}
    // All of a long double's digits: the evaluator lifts its constants
    // through this one (numeric/math.hpp), so that 1.702 is not first rounded
    // to double, an error that e^u would amplify by |u| in the reference.
    explicit quad(long double value) : v(value) {}
    static quad of(__float128 value) {
        quad q;
        q.v = value;
        return q;
    }
    explicit operator double() const { return double(v); }
};
inline quad operator+(quad a, quad b) { return quad::of(a.v + b.v); }
inline quad operator-(quad a, quad b) { return quad::of(a.v - b.v); }
inline quad operator-(quad a) { return quad::of(-a.v); }
inline quad operator*(quad a, quad b) { return quad::of(a.v * b.v); }
inline quad operator/(quad a, quad b) { return quad::of(a.v / b.v); }
inline bool operator<(quad a, quad b) { return a.v < b.v; }
inline bool operator<=(quad a, quad b) { return a.v <= b.v; }
inline bool operator>(quad a, quad b) { return a.v > b.v; }
inline bool operator>=(quad a, quad b) { return a.v >= b.v; }
inline quad exp(quad a) { return quad::of(expq(a.v)); }
inline quad expm1(quad a) { return quad::of(expm1q(a.v)); }
inline quad log(quad a) { return quad::of(logq(a.v)); }
inline quad log1p(quad a) { return quad::of(log1pq(a.v)); }
inline quad tanh(quad a) { return quad::of(tanhq(a.v)); }
inline quad erf(quad a) { return quad::of(erfq(a.v)); }
inline quad erfc(quad a) { return quad::of(erfcq(a.v)); }
inline quad sin(quad a) { return quad::of(sinq(a.v)); }
inline quad cos(quad a) { return quad::of(cosq(a.v)); }
inline quad atan(quad a) { return quad::of(atanq(a.v)); }
inline quad asinh(quad a) { return quad::of(asinhq(a.v)); }
inline quad sqrt(quad a) { return quad::of(sqrtq(a.v)); }
inline quad abs(quad a) { return quad::of(fabsq(a.v)); }
inline quad pow(quad a, quad b) { return quad::of(powq(a.v, b.v)); }

}  // namespace accuracy
#endif
