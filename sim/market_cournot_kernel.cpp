// The Cournot solver's firm kernel (closed forms vectorised, AVX2 clone picked at load time).
#include "sim/market_cournot_kernel.h"

#include <algorithm>
#include <cmath>

namespace regsim::sim::detail {

namespace {

/// Root in (0, 1) of d - a u - b u^psi (d > 0, d - a - b < 0, a + b > 0), by Newton from an
/// upper bound: the function is concave and decreasing, so the iterates fall monotonically to
/// the root; they stop when they no longer fall (no tolerance).
double newton_root(double d, double a, double b, double psi) {
  double u = 1.0;
  if (a > 0.0) u = std::min(u, d / a);
  if (b > 0.0) u = std::min(u, std::pow(d / b, 1.0 / psi));
  for (int k = 0; k < 200; ++k) {
    const double up = b > 0.0 ? std::pow(u, psi - 1.0) : 0.0;
    const double slope = a + psi * b * up;
    if (!(slope > 0.0)) break;
    const double next = u + (d - a * u - b * up * u) / slope;
    if (!(next < u) || !(next >= 0.0)) break;
    u = next;
  }
  return u;
}

double general_utilisation(double d, double a, double pl, double b, double psi) {
  const double x2 = d - pl;
  const double u2 =
      b > 0.0 ? (x2 > 0.0 ? std::pow(x2 / b, 1.0 / psi) : 0.0) : (x2 >= 0.0 ? 1.0 : 0.0);
  if (u2 >= 1.0) return 1.0;
  double u1;
  if (a + b == 0.0) {
    u1 = d >= 0.0 ? 1.0 : 0.0;
  } else if (!(d > 0.0)) {
    u1 = 0.0;
  } else if (d - a - b >= 0.0) {
    u1 = 1.0;
  } else {
    u1 = newton_root(d, a, b, psi);
  }
  return std::min(1.0, std::max(u1, u2));
}

// The closed forms are written branch-free (every operation on every lane, then selects), so
// that they vectorise; each lane's value is the same IEEE operations as the scalar code.
// Capped = false leaves out the Lerner-cap branch, for cities where it cannot bind (a < p L for
// every offer, so d - a u > d - p L on [0, 1] and the uncapped root is the larger one).
template <bool Capped>
inline double quadratic_utilisation(double d, double a, double pl, double b) {
  const double dd = std::max(d, 0.0);
  const double den = a + std::sqrt(a * a + 4.0 * b * dd);
  const double r1 = (dd + dd) / den;
  const double step1 = (b == 0.0) & (d >= 0.0) ? 1.0 : 0.0;  // a = b = 0: the merit-order step
  const double u1 = den > 0.0 ? r1 : step1;
  if constexpr (!Capped) {
    return std::min(1.0, u1);
  } else {
    const double r2 = std::sqrt(std::max(d - pl, 0.0) / b);
    const double u2 = b > 0.0 ? r2 : (d - pl >= 0.0 ? 1.0 : 0.0);
    return std::min(1.0, std::max(u1, u2));
  }
}

template <bool Capped>
inline double linear_utilisation(double d, double a, double pl, double b) {
  const double den = a + b;
  const double r1 = std::max(d, 0.0) / den;
  const double u1 = den > 0.0 ? r1 : (d >= 0.0 ? 1.0 : 0.0);
  if constexpr (!Capped) {
    return std::min(1.0, u1);
  } else {
    const double r2 = std::max(d - pl, 0.0) / b;
    const double u2 = b > 0.0 ? r2 : (d - pl >= 0.0 ? 1.0 : 0.0);
    return std::min(1.0, std::max(u1, u2));
  }
}

#define REGSIM_OFFER_LOOP(NAME, FORM)                                                          \
  __attribute__((target_clones("avx2", "default"))) void NAME(                                 \
      double p, double k, double pl, const double* res, const double* cap, const double* util, \
      const double* must, std::size_t n, double* out) {                                        \
    for (std::size_t i = 0; i < n; ++i) {                                                      \
      const double u = FORM(p - res[i], k * cap[i], pl, util[i]);                              \
      out[i] = std::max(u * cap[i], must[i]);                                                  \
    }                                                                                          \
  }
REGSIM_OFFER_LOOP(quadratic_free, quadratic_utilisation<false>)
REGSIM_OFFER_LOOP(quadratic_capped, quadratic_utilisation<true>)
REGSIM_OFFER_LOOP(linear_free, linear_utilisation<false>)
REGSIM_OFFER_LOOP(linear_capped, linear_utilisation<true>)
#undef REGSIM_OFFER_LOOP

double ordered_sum(const double* x, std::size_t n) {
  double s[4] = {0.0, 0.0, 0.0, 0.0};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s[0] += x[i];
    s[1] += x[i + 1];
    s[2] += x[i + 2];
    s[3] += x[i + 3];
  }
  for (std::size_t j = 0; i < n; ++i, ++j) s[j] += x[i];
  return (s[0] + s[1]) + (s[2] + s[3]);
}

}  // namespace

double best_utilisation(CurveKind kind, double d, double a, double pl, double b, double psi) {
  switch (kind) {
    case CurveKind::Linear:
      return linear_utilisation<true>(d, a, pl, b);
    case CurveKind::Quadratic:
      return quadratic_utilisation<true>(d, a, pl, b);
    case CurveKind::General:
      break;
  }
  return general_utilisation(d, a, pl, b, psi);
}

double offers_output(const FirmTerms& t, double p, double k, double max_cap, const double* res,
                     const double* cap, const double* util, const double* must, std::size_t n,
                     double* out) {
  const double pl = p * t.lerner;
  const bool capped = !(k * max_cap < pl);
  if (t.kind == CurveKind::Quadratic) {
    (capped ? quadratic_capped : quadratic_free)(p, k, pl, res, cap, util, must, n, out);
  } else if (t.kind == CurveKind::Linear) {
    (capped ? linear_capped : linear_free)(p, k, pl, res, cap, util, must, n, out);
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const double u = general_utilisation(p - res[i], k * cap[i], pl, util[i], t.psi);
      out[i] = std::max(u * cap[i], must[i]);
    }
  }
  return ordered_sum(out, n);
}

}  // namespace regsim::sim::detail
