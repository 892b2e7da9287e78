// Regional-economics indicators: pure, single-threaded, summed in index order for reproducibility.
#include "sim/indicators.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace regsim::sim {

namespace {

std::size_t checked_size(const Matrix& m) {
  if (m.rows < 0 || m.cols < 0) throw std::invalid_argument("Matrix: negative dimension");
  const std::size_t n = static_cast<std::size_t>(m.rows) * static_cast<std::size_t>(m.cols);
  if (m.data.size() != n) throw std::invalid_argument("Matrix: data size != rows * cols");
  return n;
}

/// Shares of the rows with positive total, packed row after row (K entries each); rows with zero
/// total are left out because they have no structure to compare.
std::vector<double> valid_row_shares(const Matrix& m, int& valid_rows) {
  checked_size(m);
  const std::size_t k = static_cast<std::size_t>(m.cols);
  std::vector<double> shares;
  shares.reserve(m.data.size());
  valid_rows = 0;
  for (int r = 0; r < m.rows; ++r) {
    const double* row = m.data.data() + static_cast<std::size_t>(r) * k;
    double total = 0.0;
    for (std::size_t c = 0; c < k; ++c) total += row[c];
    if (!(total > 0.0)) continue;
    for (std::size_t c = 0; c < k; ++c) shares.push_back(row[c] / total);
    ++valid_rows;
  }
  return shares;
}

}  // namespace

double Matrix::at(int r, int c) const {
  return data[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols) +
              static_cast<std::size_t>(c)];
}

namespace {

/// Shares transposed (track-major), so a row's comparisons with all later rows run across
/// contiguous memory.
std::vector<double> transpose(const std::vector<double>& s, std::size_t rows, std::size_t k) {
  std::vector<double> t(s.size());
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < k; ++c) t[c * rows + r] = s[r * k + c];
  return t;
}

/// Four doubles, one AVX2 register (two SSE registers in the default clone).
using Lanes = double __attribute__((vector_size(32)));
using LaneBits = std::uint64_t __attribute__((vector_size(32)));
constexpr std::size_t kLanes = 4;

/// The terms of the pairwise sums: a * b (the dot product) and |a - b| (Krugman; on lanes by
/// clearing the sign bit, as std::abs does). By reference: vectors by value would change the ABI
/// outside the AVX2 clone.
struct Product {
  static void add(double& d, double a, double b) { d += a * b; }
  static void add(Lanes& d, double a, const Lanes& b) { d += a * b; }
};
struct Distance {
  static void add(double& d, double a, double b) { d += std::abs(a - b); }
  static void add(Lanes& d, double a, const Lanes& b) {
    const LaneBits magnitude = {~0ull >> 1, ~0ull >> 1, ~0ull >> 1, ~0ull >> 1};
    d += reinterpret_cast<Lanes>(reinterpret_cast<LaneBits>(a - b) & magnitude);
  }
};

/// out[j] for every row j > i: Term's sum over the tracks, in order from 0, of row i's share and
/// row j's (t: the shares track-major). Each pair's sum is the plain loop's, so every value is
/// the same double; eight pairs at a time keep their sums in two registers over the tracks (four
/// pairs per instruction with AVX2), then four, then one by one. Inlined into the clones below.
template <class Term>
[[gnu::always_inline]] inline void pair_sums(const double* si, const double* t, std::size_t i,
                                             std::size_t rows, std::size_t k, double* out) {
  std::size_t j = i + 1;
  for (; j + 2 * kLanes <= rows; j += 2 * kLanes) {
    Lanes d0 = {0.0, 0.0, 0.0, 0.0}, d1 = d0;
    for (std::size_t c = 0; c < k; ++c) {
      Lanes t0, t1;
      __builtin_memcpy(&t0, t + c * rows + j, sizeof t0);
      __builtin_memcpy(&t1, t + c * rows + j + kLanes, sizeof t1);
      Term::add(d0, si[c], t0);
      Term::add(d1, si[c], t1);
    }
    __builtin_memcpy(out + j, &d0, sizeof d0);
    __builtin_memcpy(out + j + kLanes, &d1, sizeof d1);
  }
  if (j + kLanes <= rows) {
    Lanes d = {0.0, 0.0, 0.0, 0.0};
    for (std::size_t c = 0; c < k; ++c) {
      Lanes tc;
      __builtin_memcpy(&tc, t + c * rows + j, sizeof tc);
      Term::add(d, si[c], tc);
    }
    __builtin_memcpy(out + j, &d, sizeof d);
    j += kLanes;
  }
  for (; j < rows; ++j) {
    double d = 0.0;
    for (std::size_t c = 0; c < k; ++c) Term::add(d, si[c], t[c * rows + j]);
    out[j] = d;
  }
}

/// Cosine similarity of row i with every row j > i, written to out[j].
__attribute__((target_clones("avx2", "default"))) void cosine_row(const double* s, const double* t,
                                                                  const double* sq, std::size_t i,
                                                                  std::size_t rows, std::size_t k,
                                                                  double* out) {
  pair_sums<Product>(s + i * k, t, i, rows, k, out);
  for (std::size_t j = i + 1; j < rows; ++j) out[j] = out[j] / std::sqrt(sq[i] * sq[j]);
}

/// Krugman distance of row i to every row j > i, written to out[j].
__attribute__((target_clones("avx2", "default"))) void krugman_row(const double* s, const double* t,
                                                                   std::size_t i, std::size_t rows,
                                                                   std::size_t k, double* out) {
  pair_sums<Distance>(s + i * k, t, i, rows, k, out);
}

}  // namespace

double mean_structural_similarity(const Matrix& m) {
  int n = 0;
  const std::vector<double> s = valid_row_shares(m, n);
  if (n < 2) return 0.0;
  const std::size_t k = static_cast<std::size_t>(m.cols);
  const std::size_t rows = static_cast<std::size_t>(n);
  // Sum of squared shares per row, reused by every pair.
  std::vector<double> sq(rows, 0.0);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t c = 0; c < k; ++c) sq[i] += s[i * k + c] * s[i * k + c];
  }
  const std::vector<double> t = transpose(s, rows, k);
  std::vector<double> row(rows);
  // Pairs (i, j), i < j, are summed in that order.
  double sum = 0.0;
  double pairs = 0.0;
  for (std::size_t i = 0; i < rows; ++i) {
    cosine_row(s.data(), t.data(), sq.data(), i, rows, k, row.data());
    for (std::size_t j = i + 1; j < rows; ++j) {
      sum += row[j];
      pairs += 1.0;
    }
  }
  return sum / pairs;
}

double mean_krugman_dissimilarity(const Matrix& m) {
  int n = 0;
  const std::vector<double> s = valid_row_shares(m, n);
  if (n < 2) return 0.0;
  const std::size_t k = static_cast<std::size_t>(m.cols);
  const std::size_t rows = static_cast<std::size_t>(n);
  const std::vector<double> t = transpose(s, rows, k);
  std::vector<double> row(rows);
  double sum = 0.0;
  double pairs = 0.0;
  for (std::size_t i = 0; i < rows; ++i) {
    krugman_row(s.data(), t.data(), i, rows, k, row.data());
    for (std::size_t j = i + 1; j < rows; ++j) {
      sum += row[j];
      pairs += 1.0;
    }
  }
  return sum / pairs;
}

std::vector<double> krugman_specialisation(const Matrix& m) {
  checked_size(m);
  const std::size_t rows = static_cast<std::size_t>(m.rows);
  const std::size_t k = static_cast<std::size_t>(m.cols);
  std::vector<double> out(rows, 0.0);
  if (rows == 0 || k == 0) return out;
  // The rest of the country is prefix (rows < i) + suffix (rows > i). Adding the two partial sums
  // instead of subtracting row i from the column total avoids cancellation when one city dominates.
  std::vector<double> suffix((rows + 1) * k, 0.0);
  for (std::size_t r = rows; r-- > 0;) {
    for (std::size_t c = 0; c < k; ++c)
      suffix[r * k + c] = suffix[(r + 1) * k + c] + m.data[r * k + c];
  }
  std::vector<double> prefix(k, 0.0);
  std::vector<double> rest(k, 0.0);
  for (std::size_t r = 0; r < rows; ++r) {
    const double* row = m.data.data() + r * k;
    double own_total = 0.0;
    double rest_total = 0.0;
    for (std::size_t c = 0; c < k; ++c) {
      own_total += row[c];
      rest[c] = prefix[c] + suffix[(r + 1) * k + c];
      rest_total += rest[c];
    }
    if (own_total > 0.0 && rest_total > 0.0) {
      double d = 0.0;
      for (std::size_t c = 0; c < k; ++c) d += std::abs(row[c] / own_total - rest[c] / rest_total);
      out[r] = d;
    }
    for (std::size_t c = 0; c < k; ++c) prefix[c] += row[c];
  }
  return out;
}

namespace {

/// mean_jaccard for sets of values in [0, 128): each set as a 128-bit mask, so a pair costs two
/// popcounts. The counts are the same integers as the merge's, so the result is the same double.
/// Compiled twice and picked at load time: with the POPCNT instruction, and for baseline x86-64
/// (where std::popcount is a call into libgcc); integer counts, so the same result either way.
__attribute__((target_clones("popcnt", "default"))) double mean_jaccard_small(
    const std::vector<std::vector<int>>& sets) {
  std::vector<std::uint64_t> lo(sets.size(), 0), hi(sets.size(), 0);
  for (std::size_t i = 0; i < sets.size(); ++i)
    for (int v : sets[i]) (v < 64 ? lo[i] : hi[i]) |= std::uint64_t{1} << (v & 63);
  double sum = 0.0;
  double pairs = 0.0;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    for (std::size_t j = i + 1; j < sets.size(); ++j) {
      const int either = std::popcount(lo[i] | lo[j]) + std::popcount(hi[i] | hi[j]);
      if (either == 0) continue;
      const int both = std::popcount(lo[i] & lo[j]) + std::popcount(hi[i] & hi[j]);
      sum += static_cast<double>(both) / static_cast<double>(either);
      pairs += 1.0;
    }
  }
  return pairs > 0.0 ? sum / pairs : 0.0;
}

}  // namespace

double mean_jaccard(const std::vector<std::vector<int>>& sets) {
  bool small = true;
  for (const auto& set : sets)
    for (int v : set) small = small && v >= 0 && v < 128;
  if (small) return mean_jaccard_small(sets);
  double sum = 0.0;
  double pairs = 0.0;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    for (std::size_t j = i + 1; j < sets.size(); ++j) {
      const std::vector<int>& a = sets[i];
      const std::vector<int>& b = sets[j];
      // Merge of two sorted lists; each distinct value is counted once even if repeated.
      std::size_t ia = 0, ib = 0;
      long long both = 0, either = 0;
      while (ia < a.size() || ib < b.size()) {
        int v = 0;
        if (ia == a.size()) {
          v = b[ib];
        } else if (ib == b.size()) {
          v = a[ia];
        } else {
          v = std::min(a[ia], b[ib]);
        }
        const bool in_a = ia < a.size() && a[ia] == v;
        const bool in_b = ib < b.size() && b[ib] == v;
        while (ia < a.size() && a[ia] == v) ++ia;
        while (ib < b.size() && b[ib] == v) ++ib;
        ++either;
        if (in_a && in_b) ++both;
      }
      if (either == 0) continue;
      sum += static_cast<double>(both) / static_cast<double>(either);
      pairs += 1.0;
    }
  }
  return pairs > 0.0 ? sum / pairs : 0.0;
}

std::vector<double> structure_entropy(const Matrix& m) {
  checked_size(m);
  const std::size_t rows = static_cast<std::size_t>(m.rows);
  const std::size_t k = static_cast<std::size_t>(m.cols);
  std::vector<double> out(rows, 0.0);
  if (k < 2) return out;
  const double log_k = std::log(static_cast<double>(k));
  for (std::size_t r = 0; r < rows; ++r) {
    const double* row = m.data.data() + r * k;
    double total = 0.0;
    for (std::size_t c = 0; c < k; ++c) total += row[c];
    if (!(total > 0.0)) continue;
    double h = 0.0;
    for (std::size_t c = 0; c < k; ++c) {
      const double x = row[c] / total;
      if (x > 0.0) h -= x * std::log(x);  // 0 ln 0 = 0 by continuity
    }
    // Rounding can push a uniform row a few ulp past 1.
    out[r] = std::clamp(h / log_k, 0.0, 1.0);
  }
  return out;
}

double hhi(std::span<const double> sizes) {
  double total = 0.0;
  for (double s : sizes) total += s;
  if (!(total > 0.0)) return 0.0;
  double h = 0.0;
  for (double s : sizes) h += (s / total) * (s / total);
  return h;
}

double theil(std::span<const double> totals, std::span<const double> population) {
  if (totals.size() != population.size()) {
    throw std::invalid_argument("theil: totals and population differ in length");
  }
  double y_sum = 0.0;
  double p_sum = 0.0;
  for (std::size_t i = 0; i < totals.size(); ++i) {
    y_sum += totals[i];
    p_sum += population[i];
  }
  if (!(y_sum > 0.0) || !(p_sum > 0.0)) return 0.0;
  double t = 0.0;
  for (std::size_t i = 0; i < totals.size(); ++i) {
    if (!(totals[i] > 0.0)) continue;  // y ln y -> 0 as y -> 0
    const double y = totals[i] / y_sum;
    const double p = population[i] / p_sum;
    t += y * std::log(y / p);
  }
  return t;
}

double gini(std::span<const double> values) {
  std::vector<double> v(values.begin(), values.end());
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const double n = static_cast<double>(v.size());
  double total = 0.0;
  double weighted = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    total += v[i];
    // With 1-based rank r = i + 1, value y_(r) appears with sign + in r - 1 pairs and - in N - r.
    weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * v[i];
  }
  if (!(total > 0.0)) return 0.0;
  return weighted / (n * total);
}

double morans_i(std::span<const double> z, const Eigen::SparseMatrix<double, Eigen::RowMajor>& w) {
  const Eigen::Index n = static_cast<Eigen::Index>(z.size());
  if (w.rows() != n || w.cols() != n) throw std::invalid_argument("morans_i: W must be N x N");
  if (n == 0) return 0.0;
  double mean = 0.0;
  for (double v : z) mean += v;
  mean /= static_cast<double>(n);
  std::vector<double> dz(z.size());
  double var_sum = 0.0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    dz[i] = z[i] - mean;
    var_sum += dz[i] * dz[i];
  }
  if (!(var_sum > 0.0)) return 0.0;
  double cross = 0.0;
  double s0 = 0.0;  // each kept row sums to 1 after standardising, so S0 = rows kept
  for (Eigen::Index r = 0; r < n; ++r) {
    double row_sum = 0.0;
    double lag = 0.0;  // sum_j w_rj dz_j before standardising
    for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(w, r); it; ++it) {
      row_sum += it.value();
      lag += it.value() * dz[static_cast<std::size_t>(it.col())];
    }
    if (row_sum == 0.0) continue;
    cross += dz[static_cast<std::size_t>(r)] * (lag / row_sum);
    s0 += 1.0;
  }
  if (s0 == 0.0) return 0.0;
  return (static_cast<double>(n) / s0) * cross / var_sum;
}

namespace {

/// Where quantile q (clamped to [0,1]) falls among n sorted values: h = (n - 1) q, its integer
/// part `lo` and fraction `t`.
struct Rank {
  std::size_t lo = 0;
  double t = 0.0;
};

Rank rank_of(std::size_t n, double q) {
  q = std::clamp(q, 0.0, 1.0);
  const double h = static_cast<double>(n - 1) * q;
  const double lo_d = std::floor(h);
  return {static_cast<std::size_t>(lo_d), h - lo_d};
}

/// The interpolated percentile at rank `r` of `v` (not empty), selecting in place among
/// v[from..]: every value before `from` must be <= every value from it on, and r.lo >= from.
double select_percentile(std::span<double> v, std::size_t from, Rank r) {
  const auto lo_it = v.begin() + static_cast<std::ptrdiff_t>(r.lo);
  std::nth_element(v.begin() + static_cast<std::ptrdiff_t>(from), lo_it, v.end());
  const double a = *lo_it;
  if (r.t == 0.0 || r.lo + 1 >= v.size()) return a;
  // After nth_element everything past lo is >= a, so the next order statistic is their minimum.
  const double b = *std::min_element(lo_it + 1, v.end());
  // numpy's lerp: interpolate from the nearer end so q = 1 and t near 1 land exactly on b.
  const double diff = b - a;
  return r.t >= 0.5 ? b - diff * (1.0 - r.t) : a + diff * r.t;
}

/// percentile_pair's path for long inputs: the two quantiles' order statistics are selected
/// among the values at or below a threshold a little above the lower rank and at or above one a
/// little below the upper rank, taken from a fixed sample of the values. Every value left out of
/// the lower set is above all of it, and every value left out of the upper set is below all of
/// it, so a rank's value in its set is its value in the whole: the same doubles as selecting in
/// the whole, from about a fifth of the values each. Returns false (nothing computed) when a
/// set misses a needed rank (a sample far from the values' distribution) or a value is NaN.
bool percentile_pair_by_subsets(std::span<const double> v, Rank lo, Rank hi,
                                std::pair<double, double>& out) {
  const std::size_t n = v.size();
  constexpr std::size_t kSample = 128, kMargin = 12;  // 12/128 ~ 3.5 sampling sd at q = 0.1
  std::array<double, kSample> sample;
  for (std::size_t i = 0; i < kSample; ++i) sample[i] = v[i * n / kSample];
  for (double x : sample)
    if (std::isnan(x)) return false;
  std::sort(sample.begin(), sample.end());
  // Sample position of a rank of the whole: rank * kSample / n; the thresholds lie kMargin
  // sample positions outside the two ranks.
  const std::size_t s_lo = lo.lo * kSample / n, s_hi = hi.lo * kSample / n;
  const double x_lo = sample[std::min(s_lo + kMargin, kSample - 1)];
  const double x_hi = sample[s_hi >= kMargin ? s_hi - kMargin : 0];
  thread_local std::vector<double> below, above;
  below.resize(n);
  above.resize(n);
  std::size_t n_below = 0, n_above = 0, nans = 0;
  for (std::size_t i = 0; i < n; ++i) {  // branch-free: each value written, the count decides
    const double x = v[i];
    below[n_below] = x;
    n_below += x <= x_lo;
    above[n_above] = x;
    n_above += x >= x_hi;
    nans += std::isnan(x);
  }
  // The lower set must hold ranks lo.lo and lo.lo + 1 (the one interpolated towards), unless it
  // is the whole; the upper set must start at or below rank hi.lo.
  const bool lo_ok = n_below == n || lo.lo + 1 < n_below;
  const bool hi_ok = hi.lo + n_above >= n;
  if (nans != 0 || !lo_ok || !hi_ok) return false;
  const std::size_t offset = n - n_above;
  out = {select_percentile(std::span<double>(below.data(), n_below), 0, lo),
         select_percentile(std::span<double>(above.data(), n_above), 0, {hi.lo - offset, hi.t})};
  return true;
}

}  // namespace

double percentile(std::vector<double> values, double q) {
  if (values.empty() || std::isnan(q)) return std::numeric_limits<double>::quiet_NaN();
  return select_percentile(values, 0, rank_of(values.size(), q));
}

std::pair<double, double> percentile_pair(std::span<double> values, double q_lo, double q_hi) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const bool lo_nan = std::isnan(q_lo), hi_nan = std::isnan(q_hi);
  if (!lo_nan && !hi_nan && std::clamp(q_lo, 0.0, 1.0) > std::clamp(q_hi, 0.0, 1.0))
    throw std::invalid_argument("percentile_pair: q_lo > q_hi");
  if (values.empty()) return {kNaN, kNaN};
  const std::size_t n = values.size();
  if (lo_nan || hi_nan) {
    return {lo_nan ? kNaN : select_percentile(values, 0, rank_of(n, q_lo)),
            hi_nan ? kNaN : select_percentile(values, 0, rank_of(n, q_hi))};
  }
  const Rank lo = rank_of(n, q_lo), hi = rank_of(n, q_hi);
  if (std::pair<double, double> out; n >= 256 && percentile_pair_by_subsets(values, lo, hi, out))
    return out;
  const double p_lo = select_percentile(values, 0, lo);
  // Order statistics are exact whatever the selection: after the first pass every value from
  // lo.lo on is >= every value before it, so rank hi.lo (>= lo.lo) is selected among those.
  return {p_lo, select_percentile(values, lo.lo, hi)};
}

double consumer_surplus(double scale, double pref, double eta, double price,
                        double choke_multiple) {
  if (!(scale > 0.0)) return 0.0;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (eta > 1.0) {
    if (!(price > 0.0)) return kInf;  // int_0 p^-eta dp diverges at 0 for eta >= 1
    const double demand = scale * std::pow(price / pref, -eta);
    return demand * price / (eta - 1.0);
  }
  // eta <= 1: int^inf p^-eta dp diverges, so demand is cut off at the choke price.
  const double choke = choke_multiple * pref;
  if (price >= choke) return 0.0;
  const double a = 1.0 - eta;  // >= 0
  if (!(price > 0.0)) {
    if (a == 0.0) return kInf;
    // s pref^eta int_0^C p^-eta dp = s pref^eta C^(1-eta) / (1-eta).
    return scale * std::pow(pref, eta) * std::pow(choke, a) / a;
  }
  // s pref^eta int_P^C p^-eta dp = D(P) P ((C/P)^(1-eta) - 1) / (1-eta); expm1 keeps it exact
  // as eta -> 1 where the limit is D(P) P ln(C/P).
  const double demand_value = scale * std::pow(price / pref, -eta) * price;
  const double log_ratio = std::log(choke / price);
  if (a == 0.0) return demand_value * log_ratio;
  return demand_value * std::expm1(a * log_ratio) / a;
}

double consumer_surplus_relative(double demand, double price, double pref, double eta) {
  if (!(demand > 0.0) || !(price > 0.0) || !(pref > 0.0)) return 0.0;
  const double log_ratio = std::log(pref / price);
  const double a = 1.0 - eta;
  if (a == 0.0) return demand * price * log_ratio;
  return demand * price * std::expm1(a * log_ratio) / a;
}

}  // namespace regsim::sim
