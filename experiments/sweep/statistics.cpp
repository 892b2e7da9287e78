// Sweep statistics: means with Student-t intervals, Sobol indices with bootstrap intervals.
#include "experiments/sweep/statistics.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "experiments/sweep/design.h"

namespace regsim::experiments {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Estimates from the blocks listed in `pick` (indices into `blocks`).
void estimate(const std::vector<const double*>& blocks, const std::vector<std::size_t>& pick,
              std::size_t dims, std::vector<double>& s1, std::vector<double>& st) {
  const auto n = static_cast<double>(pick.size());
  double mean = 0;
  for (auto j : pick) mean += blocks[j][0] + blocks[j][1];
  mean /= 2 * n;
  double var = 0;
  for (auto j : pick)
    var += (blocks[j][0] - mean) * (blocks[j][0] - mean) +
           (blocks[j][1] - mean) * (blocks[j][1] - mean);
  var /= 2 * n;
  s1.assign(dims, kNaN);
  st.assign(dims, kNaN);
  if (!(var > 0)) return;
  for (std::size_t i = 0; i < dims; ++i) {
    double first = 0, total = 0;
    for (auto j : pick) {
      const double a = blocks[j][0], b = blocks[j][1], ab = blocks[j][2 + i];
      first += (b - mean) * (ab - a);  // centring keeps the estimate, cuts its variance
      total += (a - ab) * (a - ab);
    }
    s1[i] = first / n / var;
    st[i] = 0.5 * total / n / var;
  }
}

double percentile(std::vector<double>& v, double q) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

double t_quantile_975(std::size_t df) {
  if (df == 0) return kNaN;
  const boost::math::students_t_distribution<double> t(static_cast<double>(df));
  return boost::math::quantile(t, 0.975);
}

MeanCI mean_ci(const std::vector<double>& values) {
  MeanCI out;
  double sum = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    sum += v;
    ++out.n;
  }
  if (out.n == 0) return {kNaN, kNaN, kNaN, 0};
  out.mean = sum / static_cast<double>(out.n);
  if (out.n < 2) {
    out.lo = out.hi = kNaN;
    return out;
  }
  double ss = 0;
  for (double v : values)
    if (!std::isnan(v)) ss += (v - out.mean) * (v - out.mean);
  const double se = std::sqrt(ss / static_cast<double>(out.n - 1) / static_cast<double>(out.n));
  const double half = t_quantile_975(out.n - 1) * se;
  out.lo = out.mean - half;
  out.hi = out.mean + half;
  return out;
}

SobolIndices sobol_indices(const std::vector<double>& y, std::size_t dims, int bootstrap,
                           std::uint64_t seed) {
  const std::size_t block = dims + 2;
  std::vector<const double*> blocks;
  for (std::size_t j = 0; j + block <= y.size(); j += block) {
    const bool complete = std::all_of(y.begin() + static_cast<std::ptrdiff_t>(j),
                                      y.begin() + static_cast<std::ptrdiff_t>(j + block),
                                      [](double v) { return std::isfinite(v); });
    if (complete) blocks.push_back(&y[j]);
  }
  SobolIndices out;
  out.samples = blocks.size();
  const std::vector<double> none(dims, kNaN);
  out.s1_lo = out.s1_hi = out.st_lo = out.st_hi = none;
  if (blocks.size() < 2) {
    out.s1 = out.st = none;
    return out;
  }
  std::vector<std::size_t> all(blocks.size());
  for (std::size_t j = 0; j < all.size(); ++j) all[j] = j;
  estimate(blocks, all, dims, out.s1, out.st);
  if (bootstrap <= 0) return out;
  SplitMix64 rng(seed ^ 0x424F4F5453545250ull);
  std::vector<std::vector<double>> s1_draws(dims), st_draws(dims);
  std::vector<std::size_t> pick(blocks.size());
  std::vector<double> s1, st;
  for (int b = 0; b < bootstrap; ++b) {
    for (auto& p : pick) p = rng.below(blocks.size());
    estimate(blocks, pick, dims, s1, st);
    for (std::size_t i = 0; i < dims; ++i) {
      s1_draws[i].push_back(s1[i]);
      st_draws[i].push_back(st[i]);
    }
  }
  for (std::size_t i = 0; i < dims; ++i) {
    out.s1_lo[i] = percentile(s1_draws[i], 0.025);
    out.s1_hi[i] = percentile(s1_draws[i], 0.975);
    out.st_lo[i] = percentile(st_draws[i], 0.025);
    out.st_hi[i] = percentile(st_draws[i], 0.975);
  }
  return out;
}

}  // namespace regsim::experiments
