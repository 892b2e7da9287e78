// The Cournot solver's firm kernel: each offer's best-response output at a local price.
#pragma once

#include <cstddef>

namespace regsim::sim::detail {

/// Curvature of the utilisation cost: closed forms for psi = 1 and 2, Newton otherwise.
enum class CurveKind { Linear, Quadratic, General };

/// Track-wide terms of the firm condition (sim/market_cournot.cpp, "Firm behaviour").
struct FirmTerms {
  double theta = 1.0;   ///< effective conduct theta (1 - w)
  double lerner = 0.5;  ///< cap L on the Lerner index
  double psi = 2.0;     ///< curvature of the utilisation cost
  double eta = 1.5;     ///< price elasticity
  CurveKind kind = CurveKind::Quadratic;
};

/// Utilisation u in [0, 1] solving h(u) = d - min(a u, pl) - b u^psi = 0 (d = p - r,
/// a = markup slope, pl = p L, b = lambda omega): the larger of the two branches' roots, since
/// h = max(d - a u - b u^psi, d - pl - b u^psi). With a = b = 0 the offer is a step: 1 at
/// d >= 0 (the merit order's "reservation <= price"), else 0.
double best_utilisation(CurveKind kind, double d, double a, double pl, double b, double psi);

/// Outputs of n offers at local price p with markup slopes a_f = k cap_f (max_cap: the largest
/// cap_f): out[i] = max(cap_i u_i, must_i). Returns their sum, added in a fixed order (four
/// interleaved partial sums, then (s0 + s1) + (s2 + s3)), so the result is the same on every
/// machine.
double offers_output(const FirmTerms& t, double p, double k, double max_cap, const double* res,
                     const double* cap, const double* util, const double* must, std::size_t n,
                     double* out);

/// offers_output without the hand-written AVX2 loop (pl = p L, capped = !(k max_cap < pl)).
double offers_output_portable(const FirmTerms& t, double p, double k, double pl, bool capped,
                              const double* res, const double* cap, const double* util,
                              const double* must, std::size_t n, double* out);

/// Does this CPU run the AVX2 loop offers_output uses for CurveKind::Quadratic without a
/// binding Lerner cap (k max_cap < p L)?
bool quadratic_free_simd_available();

/// That loop (only where quadratic_free_simd_available()): out[i] = max(cap_i u_i, must_i) with
/// u_i = quadratic_utilisation<false>, the same doubles and the same sum as the portable loop.
double quadratic_free_avx2(double p, double k, const double* res, const double* cap,
                           const double* util, const double* must, std::size_t n, double* out);

}  // namespace regsim::sim::detail
