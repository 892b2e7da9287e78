// The Cournot solver's firm kernel (closed forms vectorised: AVX2 where the CPU has it).
#include "sim/market_cournot_kernel.h"

#include <immintrin.h>

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

/// out[i] = max(cap_i u_i, must_i) for the n offers, u_i by Form (one of the closed forms).
template <double (*Form)(double, double, double, double)>
inline __attribute__((always_inline)) void offer_loop(double p, double k, double pl,
                                                      const double* __restrict res,
                                                      const double* __restrict cap,
                                                      const double* __restrict util,
                                                      const double* __restrict must, std::size_t n,
                                                      double* __restrict out) {
  for (std::size_t i = 0; i < n; ++i) {
    const double u = Form(p - res[i], k * cap[i], pl, util[i]);
    out[i] = std::max(u * cap[i], must[i]);
  }
}

/// Sum of x[0..n) in a fixed order: four interleaved partial sums, then (s0 + s1) + (s2 + s3).
inline __attribute__((always_inline)) double ordered_sum(const double* x, std::size_t n) {
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

// One function per target (an AVX2 clone picked at load time) holding the offers' loop and the
// sum, so that a city's supply is one call (most cities have a handful of offers).
__attribute__((target_clones("avx2", "default"))) double offers_output_portable(
    const FirmTerms& t, double p, double k, double pl, bool capped, const double* res,
    const double* cap, const double* util, const double* must, std::size_t n, double* out) {
  if (t.kind == CurveKind::Quadratic) {
    if (capped)
      offer_loop<quadratic_utilisation<true>>(p, k, pl, res, cap, util, must, n, out);
    else
      offer_loop<quadratic_utilisation<false>>(p, k, pl, res, cap, util, must, n, out);
  } else if (t.kind == CurveKind::Linear) {
    if (capped)
      offer_loop<linear_utilisation<true>>(p, k, pl, res, cap, util, must, n, out);
    else
      offer_loop<linear_utilisation<false>>(p, k, pl, res, cap, util, must, n, out);
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const double u = general_utilisation(p - res[i], k * cap[i], pl, util[i], t.psi);
      out[i] = std::max(u * cap[i], must[i]);
    }
  }
  return ordered_sum(out, n);
}

namespace {

// quadratic_utilisation<false> and the output max(cap u, must) on four offers.
__attribute__((target("avx2"), always_inline)) inline __m256d quadratic_free_step(
    __m256d vp, __m256d vk, __m256d r, __m256d c, __m256d b, __m256d m) {
  const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0), four = _mm256_set1_pd(4.0);
  const __m256d d = _mm256_sub_pd(vp, r);
  const __m256d a = _mm256_mul_pd(vk, c);
  const __m256d dd = _mm256_blendv_pd(d, zero, _mm256_cmp_pd(d, zero, _CMP_LT_OQ));
  const __m256d den =
      _mm256_add_pd(a, _mm256_sqrt_pd(_mm256_add_pd(_mm256_mul_pd(a, a),
                                                    _mm256_mul_pd(_mm256_mul_pd(four, b), dd))));
  const __m256d r1 = _mm256_div_pd(_mm256_add_pd(dd, dd), den);
  const __m256d step1 = _mm256_and_pd(
      _mm256_and_pd(_mm256_cmp_pd(b, zero, _CMP_EQ_OQ), _mm256_cmp_pd(d, zero, _CMP_GE_OQ)), one);
  const __m256d u1 = _mm256_blendv_pd(step1, r1, _mm256_cmp_pd(den, zero, _CMP_GT_OQ));
  const __m256d u = _mm256_blendv_pd(one, u1, _mm256_cmp_pd(u1, one, _CMP_LT_OQ));
  const __m256d q = _mm256_mul_pd(u, c);
  return _mm256_blendv_pd(q, m, _mm256_cmp_pd(q, m, _CMP_LT_OQ));
}

const bool kHasAvx2 = (__builtin_cpu_init(), __builtin_cpu_supports("avx2") != 0);

}  // namespace

bool quadratic_free_simd_available() {
  return kHasAvx2;
}

// quadratic_utilisation<false> on four offers per step, the last step masked, with the four
// lanes' outputs summed in four partial sums (lane j holds offers i = j mod 4): ordered_sum's
// order. Each select is the scalar code's comparison and operands: std::max(a, b) is
// a < b ? b : a, std::min(a, b) is b < a ? b : a.
__attribute__((target("avx2"))) double quadratic_free_avx2(double p, double k, const double* res,
                                                           const double* cap, const double* util,
                                                           const double* must, std::size_t n,
                                                           double* out) {
  const __m256d vp = _mm256_set1_pd(p), vk = _mm256_set1_pd(k);
  __m256d sum = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d o =
        quadratic_free_step(vp, vk, _mm256_loadu_pd(res + i), _mm256_loadu_pd(cap + i),
                            _mm256_loadu_pd(util + i), _mm256_loadu_pd(must + i));
    _mm256_storeu_pd(out + i, o);
    sum = _mm256_add_pd(sum, o);
  }
  if (i < n) {
    const auto left = static_cast<long long>(n - i);
    const __m256i mask =
        _mm256_cmpgt_epi64(_mm256_set1_epi64x(left), _mm256_set_epi64x(3, 2, 1, 0));
    const __m256d o = quadratic_free_step(
        vp, vk, _mm256_maskload_pd(res + i, mask), _mm256_maskload_pd(cap + i, mask),
        _mm256_maskload_pd(util + i, mask), _mm256_maskload_pd(must + i, mask));
    _mm256_maskstore_pd(out + i, mask, o);
    sum = _mm256_blendv_pd(sum, _mm256_add_pd(sum, o), _mm256_castsi256_pd(mask));
  }
  alignas(32) double s[4];
  _mm256_store_pd(s, sum);
  return (s[0] + s[1]) + (s[2] + s[3]);
}

double offers_output(const FirmTerms& t, double p, double k, double max_cap, const double* res,
                     const double* cap, const double* util, const double* must, std::size_t n,
                     double* out) {
  const double pl = p * t.lerner;
  const bool capped = !(k * max_cap < pl);
  if (kHasAvx2 && t.kind == CurveKind::Quadratic && !capped)
    return quadratic_free_avx2(p, k, res, cap, util, must, n, out);
  return offers_output_portable(t, p, k, pl, capped, res, cap, util, must, n, out);
}

}  // namespace regsim::sim::detail
