// Sampling designs: Sobol points against reference values, stratification of Sobol and LHS.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

#include "experiments/sweep/design.h"

namespace regsim::experiments {
namespace {

// Reference points from scipy.stats.qmc.Sobol(d=64, scramble=False) (Joe-Kuo 6.21201),
// coordinates 0, 1, 2, 5, 9, 20, 39 and 63.
struct Reference {
  std::uint64_t index;
  double x[8];
};
const Reference kScipy[] = {
    {1, {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}},
    {2, {0.75, 0.25, 0.25, 0.75, 0.75, 0.25, 0.25, 0.75}},
    {5, {0.875, 0.875, 0.125, 0.625, 0.125, 0.625, 0.375, 0.625}},
    {13, {0.8125, 0.6875, 0.8125, 0.9375, 0.4375, 0.5625, 0.9375, 0.0625}},
    {100, {0.4140625, 0.2578125, 0.7734375, 0.7421875, 0.6953125, 0.7578125, 0.1328125, 0.6484375}},
    {1000,
     {0.2197265625, 0.0966796875, 0.5185546875, 0.9072265625, 0.0693359375, 0.5224609375,
      0.4794921875, 0.4462890625}},
    {1023,
     {0.0009765625, 0.7529296875, 0.6123046875, 0.4384765625, 0.8505859375, 0.8662109375,
      0.6982421875, 0.0400390625}},
};
const std::size_t kColumns[8] = {0, 1, 2, 5, 9, 20, 39, 63};

TEST(SobolSequence, MatchesJoeKuoReferencePointsInSixtyFourDimensions) {
  const SobolSequence seq(64);
  for (const auto& ref : kScipy) {
    const std::vector<double> p = seq.point(ref.index);
    for (int c = 0; c < 8; ++c)
      EXPECT_EQ(p[kColumns[c]], ref.x[c]) << "point " << ref.index << " dim " << kColumns[c];
  }
}

TEST(SobolSequence, PointsLieInTheHalfOpenUnitCube) {
  const SobolSequence seq(20);
  for (std::uint64_t i = 0; i < 4096; ++i)
    for (double x : seq.point(i)) {
      ASSERT_GE(x, 0.0);
      ASSERT_LT(x, 1.0);
    }
}

TEST(SobolSequence, EveryPowerOfTwoPrefixIsStratifiedInEachDimension) {
  // Low discrepancy in its strongest one-dimensional form: the first 2^m points put exactly one
  // point in each interval [k/2^m, (k+1)/2^m) of every coordinate.
  const SobolSequence seq(20);
  for (int m : {4, 8, 10}) {
    const std::uint64_t n = 1ull << m;
    for (std::size_t d = 0; d < 20; ++d) {
      std::set<std::uint64_t> cells;
      for (std::uint64_t i = 0; i < n; ++i)
        cells.insert(static_cast<std::uint64_t>(seq.point(i)[d] * static_cast<double>(n)));
      EXPECT_EQ(cells.size(), n) << "m " << m << " dim " << d;
    }
  }
}

TEST(SobolSequence, FirstTwoDimensionsFormANetWithQualityZero) {
  // Every elementary box of area 1/256 (2^a x 2^(8-a) cells) holds exactly one of 256 points.
  const SobolSequence seq(2);
  for (int a = 0; a <= 8; ++a) {
    std::set<std::pair<std::uint64_t, std::uint64_t>> boxes;
    for (std::uint64_t i = 0; i < 256; ++i) {
      const auto p = seq.point(i);
      boxes.insert({static_cast<std::uint64_t>(p[0] * (1 << a)),
                    static_cast<std::uint64_t>(p[1] * (1 << (8 - a)))});
    }
    EXPECT_EQ(boxes.size(), 256u) << "split " << a;
  }
}

TEST(SobolSequence, RefusesMoreDimensionsThanItHasDirectionNumbersFor) {
  EXPECT_THROW(SobolSequence(65), std::invalid_argument);
  EXPECT_THROW(SobolSequence(0), std::invalid_argument);
}

TEST(LatinHypercube, HitsEveryStratumOnceInEveryDimension) {
  const std::size_t n = 97, dims = 6;
  const std::vector<double> u = latin_hypercube(n, dims, 42);
  ASSERT_EQ(u.size(), n * dims);
  for (std::size_t d = 0; d < dims; ++d) {
    std::vector<int> hits(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const double x = u[i * dims + d];
      ASSERT_GE(x, 0.0);
      ASSERT_LT(x, 1.0);
      ++hits[static_cast<std::size_t>(x * static_cast<double>(n))];
    }
    for (std::size_t k = 0; k < n; ++k) EXPECT_EQ(hits[k], 1) << "dim " << d << " stratum " << k;
  }
}

TEST(LatinHypercube, IsFixedByItsSeedAndChangesWithIt) {
  EXPECT_EQ(latin_hypercube(10, 3, 7), latin_hypercube(10, 3, 7));
  EXPECT_NE(latin_hypercube(10, 3, 7), latin_hypercube(10, 3, 8));
}

TEST(SaltelliLayout, BlocksHoldABAndOneSwappedColumnEach) {
  const std::size_t dims = 3;
  const SobolSequence seq(2 * dims);
  const SaltelliLayout layout{dims};
  for (std::uint64_t j = 0; j < 5; ++j) {
    const auto ab = seq.point(j + 1);
    const auto a = layout.point(seq, j * layout.block(), 1);
    const auto b = layout.point(seq, j * layout.block() + 1, 1);
    for (std::size_t i = 0; i < dims; ++i) {
      EXPECT_EQ(a[i], ab[i]);
      EXPECT_EQ(b[i], ab[dims + i]);
      const auto abi = layout.point(seq, j * layout.block() + 2 + i, 1);
      for (std::size_t c = 0; c < dims; ++c) EXPECT_EQ(abi[c], c == i ? b[c] : a[c]);
    }
  }
}

TEST(SplitMix64, BelowStaysInRangeAndUniform01InTheUnitInterval) {
  SplitMix64 rng(1);
  for (int i = 0; i < 10000; ++i) {
    EXPECT_LT(rng.below(7), 7u);
    const double u = rng.uniform01();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

}  // namespace
}  // namespace regsim::experiments
