// Sweep statistics: means with 95% Student-t intervals, Sobol indices with bootstrap intervals.
#pragma once

#include <cstdint>
#include <vector>

namespace regsim::experiments {

/// A mean with its 95% Student-t confidence interval (NaN bounds when n < 2).
struct MeanCI {
  double mean = 0, lo = 0, hi = 0;
  std::size_t n = 0;
};
MeanCI mean_ci(const std::vector<double>& values);  ///< NaN values are left out
/// The 0.975 quantile of Student's t with `df` degrees of freedom (Boost.Math); NaN for df = 0.
double t_quantile_975(std::size_t df);

/// First-order (Saltelli 2010, on centred outputs) and total (Jansen 1999) Sobol indices per
/// factor, with 95% percentile bootstrap intervals over the base samples.
struct SobolIndices {
  std::vector<double> s1, s1_lo, s1_hi, st, st_lo, st_hi;
  std::size_t samples = 0;  ///< base samples used (blocks with a missing output are left out)
};
/// `y` holds the outputs in SaltelliLayout order: blocks of dims + 2 values (A, B, AB_1..AB_d).
SobolIndices sobol_indices(const std::vector<double>& y, std::size_t dims, int bootstrap,
                           std::uint64_t seed);

}  // namespace regsim::experiments
