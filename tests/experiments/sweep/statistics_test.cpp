// Sweep statistics: Sobol indices of the Ishigami function, Student-t quantiles and intervals.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "experiments/sweep/design.h"
#include "experiments/sweep/statistics.h"

namespace regsim::experiments {
namespace {

constexpr double kPi = 3.14159265358979323846;

/// Ishigami & Homma (1990) with a = 7, b = 0.1 on [-pi, pi]^3.
double ishigami(const std::vector<double>& u) {
  const double x1 = -kPi + 2 * kPi * u[0], x2 = -kPi + 2 * kPi * u[1], x3 = -kPi + 2 * kPi * u[2];
  return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

TEST(SobolIndices, IshigamiMatchesItsAnalyticIndices) {
  // Analytic values: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2.
  const double s1_true[3] = {0.3139, 0.4424, 0.0};
  const double st_true[3] = {0.5576, 0.4424, 0.2437};
  const std::size_t dims = 3, n = 4096;
  const SobolSequence seq(2 * dims);
  const SaltelliLayout layout{dims};
  std::vector<double> y;
  for (std::uint64_t s = 0; s < n * layout.block(); ++s)
    y.push_back(ishigami(layout.point(seq, s, 1)));
  const SobolIndices idx = sobol_indices(y, dims, 200, 1);
  EXPECT_EQ(idx.samples, n);
  for (std::size_t i = 0; i < dims; ++i) {
    EXPECT_NEAR(idx.s1[i], s1_true[i], 0.03) << "S1 of x" << i + 1;
    EXPECT_NEAR(idx.st[i], st_true[i], 0.03) << "ST of x" << i + 1;
    EXPECT_LE(idx.s1_lo[i], idx.s1[i]);
    EXPECT_GE(idx.s1_hi[i], idx.s1[i]);
    EXPECT_LE(idx.st_lo[i], idx.st[i]);
    EXPECT_GE(idx.st_hi[i], idx.st[i]);
    EXPECT_LT(idx.st_hi[i] - idx.st_lo[i], 0.1);
  }
}

TEST(SobolIndices, BlocksWithAMissingOutputAreLeftOut) {
  const std::size_t dims = 3, n = 256;
  const SobolSequence seq(2 * dims);
  const SaltelliLayout layout{dims};
  std::vector<double> y;
  for (std::uint64_t s = 0; s < n * layout.block(); ++s)
    y.push_back(ishigami(layout.point(seq, s, 1)));
  y[7] = std::nan("");  // block 1
  y[5 * layout.block()] = INFINITY;
  EXPECT_EQ(sobol_indices(y, dims, 0, 1).samples, n - 2);
}

TEST(MeanCI, UsesStudentTOnTheStandardError) {
  const MeanCI ci = mean_ci({1.0, 2.0, 3.0, std::nan("")});
  EXPECT_EQ(ci.n, 3u);
  EXPECT_DOUBLE_EQ(ci.mean, 2.0);
  EXPECT_DOUBLE_EQ(ci.hi - ci.mean, t_quantile_975(2) * 1.0 / std::sqrt(3.0));
  EXPECT_DOUBLE_EQ(ci.mean - ci.lo, ci.hi - ci.mean);
  EXPECT_TRUE(std::isnan(mean_ci({5.0}).lo));
  EXPECT_TRUE(std::isnan(mean_ci({}).mean));
}

TEST(StudentT, QuantilesMatchClosedFormsAndPublishedValues) {
  // Closed forms: df = 1 is Cauchy, tan(pi (p - 1/2)); df = 2 is (2p - 1) / sqrt(2 p (1 - p)).
  EXPECT_NEAR(t_quantile_975(1), std::tan(kPi * 0.475), 1e-12 * 12.7);
  EXPECT_NEAR(t_quantile_975(2), 0.95 / std::sqrt(2 * 0.975 * 0.025), 1e-12 * 4.3);
  // Exact to the digits shown: the root of 1 - I_{df/(df+t^2)}(df/2, 1/2)/2 = 0.975 found with
  // mpmath at 40 digits (scipy's t.ppf is off by up to 1e-10 at some of these).
  const struct {
    std::size_t df;
    double q;
  } known[] = {{3, 3.1824463052837096},  {4, 2.7764451051977944},   {10, 2.2281388519862747},
               {29, 2.0452296421327043}, {30, 2.0422724563012383},  {31, 2.0395134463964085},
               {40, 2.0210753903062734}, {100, 1.9839715185235523}, {1000, 1.9623390808264085}};
  for (const auto& k : known) EXPECT_NEAR(t_quantile_975(k.df), k.q, 1e-13 * k.q) << k.df;
  // Large df tends to the normal quantile 1.959963984540054.
  EXPECT_NEAR(t_quantile_975(10'000'000), 1.959963984540054, 1e-6);
  EXPECT_TRUE(std::isnan(t_quantile_975(0)));
}

}  // namespace
}  // namespace regsim::experiments
