// Hand-computed checks of the regional-economics indicator formulas.
#include "sim/indicators.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

namespace regsim::sim {
namespace {

constexpr double kTol = 1e-12;

Matrix make_matrix(int rows, int cols, std::vector<double> data) {
  return Matrix{rows, cols, std::move(data)};
}

/// Undirected path 0 - 1 - ... - (n-1) with unit weights; `isolated` extra nodes without edges.
Eigen::SparseMatrix<double, Eigen::RowMajor> line_graph(int n, int isolated = 0) {
  std::vector<Eigen::Triplet<double>> t;
  for (int i = 0; i + 1 < n; ++i) {
    t.emplace_back(i, i + 1, 1.0);
    t.emplace_back(i + 1, i, 1.0);
  }
  Eigen::SparseMatrix<double, Eigen::RowMajor> w(n + isolated, n + isolated);
  w.setFromTriplets(t.begin(), t.end());
  return w;
}

/// Trapezoid rule of f on [a, b] with `steps` equal intervals.
double trapezoid(const std::function<double(double)>& f, double a, double b, int steps) {
  const double h = (b - a) / steps;
  double sum = 0.5 * (f(a) + f(b));
  for (int i = 1; i < steps; ++i) sum += f(a + i * h);
  return sum * h;
}

TEST(Indicators, MatrixAtIsRowMajor) {
  const Matrix m = make_matrix(2, 3, {1, 2, 3, 4, 5, 6});
  EXPECT_EQ(m.at(0, 2), 3.0);
  EXPECT_EQ(m.at(1, 0), 4.0);
}

TEST(Indicators, SimilarityIdenticalRowsIsOneAndKrugmanZero) {
  // Same shares at different scales.
  const Matrix m = make_matrix(2, 3, {1, 2, 3, 2, 4, 6});
  EXPECT_NEAR(mean_structural_similarity(m), 1.0, kTol);
  EXPECT_NEAR(mean_krugman_dissimilarity(m), 0.0, kTol);
}

TEST(Indicators, SimilarityDisjointRowsIsZeroAndKrugmanTwo) {
  const Matrix m = make_matrix(2, 2, {1, 0, 0, 5});
  EXPECT_NEAR(mean_structural_similarity(m), 0.0, kTol);
  EXPECT_NEAR(mean_krugman_dissimilarity(m), 2.0, kTol);
}

TEST(Indicators, SimilarityHandComputed) {
  // Shares (.75,.25) and (.25,.75): dot = .1875 + .1875 = .375, each |x|^2 = .5625 + .0625 = .625,
  // S = .375 / .625 = 0.6. Krugman = |.75-.25| + |.25-.75| = 1.
  const Matrix m = make_matrix(2, 2, {3, 1, 1, 3});
  EXPECT_NEAR(mean_structural_similarity(m), 0.6, kTol);
  EXPECT_NEAR(mean_krugman_dissimilarity(m), 1.0, kTol);
}

TEST(Indicators, PairwiseMeansEqualThePlainDoubleLoopBitForBit) {
  // The plain definitions: shares per row, then pairs (i < j) in order, tracks in order.
  for (int rows : {2, 3, 7, 9, 10, 17, 33, 101}) {
    const int cols = 12;
    std::vector<double> data(static_cast<std::size_t>(rows * cols));
    std::uint64_t x = 88172645463325252ull + static_cast<std::uint64_t>(rows);
    for (double& v : data) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      v = (x % 5 == 0) ? 0.0 : static_cast<double>(x % 100000) / 997.0;
    }
    std::vector<std::vector<double>> sh;
    for (int r = 0; r < rows; ++r) {
      double total = 0;
      for (int c = 0; c < cols; ++c) total += data[static_cast<std::size_t>(r * cols + c)];
      std::vector<double> row;
      for (int c = 0; c < cols; ++c)
        row.push_back(data[static_cast<std::size_t>(r * cols + c)] / total);
      sh.push_back(row);
    }
    double cos_sum = 0, kr_sum = 0, pairs = 0;
    for (std::size_t i = 0; i < sh.size(); ++i) {
      double sqi = 0;
      for (double v : sh[i]) sqi += v * v;
      for (std::size_t j = i + 1; j < sh.size(); ++j) {
        double sqj = 0, dot = 0, d = 0;
        for (double v : sh[j]) sqj += v * v;
        for (int c = 0; c < cols; ++c) {
          dot += sh[i][static_cast<std::size_t>(c)] * sh[j][static_cast<std::size_t>(c)];
          d += std::abs(sh[i][static_cast<std::size_t>(c)] - sh[j][static_cast<std::size_t>(c)]);
        }
        cos_sum += dot / std::sqrt(sqi * sqj);
        kr_sum += d;
        pairs += 1.0;
      }
    }
    const Matrix m = make_matrix(rows, cols, data);
    EXPECT_EQ(mean_structural_similarity(m), cos_sum / pairs) << rows << " rows";
    EXPECT_EQ(mean_krugman_dissimilarity(m), kr_sum / pairs) << rows << " rows";
  }
}

TEST(Indicators, JaccardBitmaskPathEqualsTheMergeBitForBit) {
  // Values in [0, 128) take the bitmask path; the same sets shifted by 1000 take the merge path.
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int n : {2, 5, 40, 157}) {
    std::vector<std::vector<int>> small(static_cast<std::size_t>(n)), shifted(small.size());
    for (std::size_t i = 0; i < small.size(); ++i) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      const int size = static_cast<int>(x % 6);
      for (int e = 0; e < size; ++e) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        small[i].push_back(static_cast<int>(x % 128));
      }
      std::sort(small[i].begin(), small[i].end());
      for (int v : small[i]) shifted[i].push_back(v + 1000);
    }
    EXPECT_EQ(mean_jaccard(small), mean_jaccard(shifted)) << n << " sets";
  }
}

TEST(Indicators, SimilaritySkipsZeroRows) {
  // Valid rows A=(.5,.5,0), B=(.5,0,.5), D=(.5,.5,0); C is zero and skipped.
  // S: A-B = .25/.5 = .5, A-D = 1, B-D = .5 -> mean 2/3.
  // Krugman: A-B = 0 + .5 + .5 = 1, A-D = 0, B-D = 1 -> mean 2/3.
  const Matrix m = make_matrix(4, 3, {1, 1, 0, 1, 0, 1, 0, 0, 0, 2, 2, 0});
  EXPECT_NEAR(mean_structural_similarity(m), 2.0 / 3.0, kTol);
  EXPECT_NEAR(mean_krugman_dissimilarity(m), 2.0 / 3.0, kTol);
}

TEST(Indicators, SimilarityNeedsTwoValidRows) {
  const Matrix one_valid = make_matrix(2, 2, {1, 2, 0, 0});
  EXPECT_EQ(mean_structural_similarity(one_valid), 0.0);
  EXPECT_EQ(mean_krugman_dissimilarity(one_valid), 0.0);
  EXPECT_EQ(mean_structural_similarity(Matrix{}), 0.0);
}

TEST(Indicators, KrugmanSpecialisationHandComputed) {
  // Row 0 (1,0): rest (1,2) -> (1/3,2/3); |1-1/3| + |0-2/3| = 4/3.
  // Row 1 (0,1): rest (2,1) -> (2/3,1/3); 4/3 by symmetry.
  // Row 2 (1,1): rest (1,1) -> same shares; 0. Row 3 is zero -> 0.
  const Matrix m = make_matrix(4, 2, {1, 0, 0, 1, 1, 1, 0, 0});
  const std::vector<double> s = krugman_specialisation(m);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_NEAR(s[0], 4.0 / 3.0, kTol);
  EXPECT_NEAR(s[1], 4.0 / 3.0, kTol);
  EXPECT_NEAR(s[2], 0.0, kTol);
  EXPECT_EQ(s[3], 0.0);
}

TEST(Indicators, KrugmanSpecialisationAloneIsZero) {
  // Only one non-zero row: the rest of the country has no structure.
  const std::vector<double> s = krugman_specialisation(make_matrix(2, 2, {1, 3, 0, 0}));
  EXPECT_EQ(s[0], 0.0);
  EXPECT_EQ(s[1], 0.0);
}

TEST(Indicators, JaccardHandComputed) {
  // {1,2} vs {2,3}: intersection {2}, union {1,2,3} -> 1/3.
  EXPECT_NEAR(mean_jaccard({{1, 2}, {2, 3}}), 1.0 / 3.0, kTol);
  // Pairs: {1,2}-{2,3} = 1/3, {1,2}-{} = 0/2, {2,3}-{} = 0/2 -> mean 1/9.
  EXPECT_NEAR(mean_jaccard({{1, 2}, {2, 3}, {}}), 1.0 / 9.0, kTol);
  // Identical sets -> 1; duplicates count once.
  EXPECT_NEAR(mean_jaccard({{4, 7}, {4, 7}}), 1.0, kTol);
  EXPECT_NEAR(mean_jaccard({{1, 1, 2}, {2, 2, 3}}), 1.0 / 3.0, kTol);
}

TEST(Indicators, JaccardSkipsEmptyUnions) {
  EXPECT_EQ(mean_jaccard({{}, {}}), 0.0);
  EXPECT_EQ(mean_jaccard({{1}}), 0.0);
  EXPECT_EQ(mean_jaccard({}), 0.0);
  // {}-{} skipped; {}-{5} twice = 0 each -> mean 0.
  EXPECT_EQ(mean_jaccard({{}, {}, {5}}), 0.0);
}

TEST(Indicators, EntropyHandComputed) {
  // Uniform over 4 -> ln4/ln4 = 1; one track -> 0; two of four equal -> ln2/ln4 = 0.5; zero -> 0.
  const Matrix m = make_matrix(4, 4, {1, 1, 1, 1, 3, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0});
  const std::vector<double> e = structure_entropy(m);
  ASSERT_EQ(e.size(), 4u);
  EXPECT_NEAR(e[0], 1.0, kTol);
  EXPECT_EQ(e[1], 0.0);
  EXPECT_NEAR(e[2], 0.5, kTol);
  EXPECT_EQ(e[3], 0.0);
}

TEST(Indicators, HhiHandComputed) {
  for (int n : {1, 2, 5, 10}) {
    const std::vector<double> equal(static_cast<std::size_t>(n), 7.0);
    EXPECT_NEAR(hhi(equal), 1.0 / n, kTol) << n;
  }
  // (3,1): shares .75, .25 -> .5625 + .0625 = .625.
  const std::vector<double> sizes{3.0, 1.0};
  EXPECT_NEAR(hhi(sizes), 0.625, kTol);
  EXPECT_EQ(hhi(std::vector<double>{}), 0.0);
  EXPECT_EQ(hhi(std::vector<double>{0.0, 0.0}), 0.0);
}

TEST(Indicators, TheilHandComputed) {
  // Equal per-capita (2 per person everywhere) -> every log term is ln 1 = 0.
  const std::vector<double> pop{1.0, 3.0, 6.0};
  const std::vector<double> gdp_equal{2.0, 6.0, 12.0};
  EXPECT_NEAR(theil(gdp_equal, pop), 0.0, kTol);
  // Y = (3,1), P = (1,1): .75 ln(.75/.5) + .25 ln(.25/.5) = .75 ln 1.5 - .25 ln 2 = 0.1308...
  const std::vector<double> y{3.0, 1.0};
  const std::vector<double> p{1.0, 1.0};
  EXPECT_NEAR(theil(y, p), 0.75 * std::log(1.5) - 0.25 * std::log(2.0), kTol);
  // Y = (1,0), P = (1,1): the zero entry contributes 0; 1 * ln(1/.5) = ln 2.
  const std::vector<double> y0{1.0, 0.0};
  EXPECT_NEAR(theil(y0, p), std::log(2.0), kTol);
  EXPECT_THROW(theil(y, pop), std::invalid_argument);
}

TEST(Indicators, GiniHandComputed) {
  // (0,0,0,1): sum|yi-yj| = 2*3 = 6, 2 N^2 ybar = 2*16*0.25 = 8 -> 0.75.
  EXPECT_NEAR(gini(std::vector<double>{0, 0, 0, 1}), 0.75, kTol);
  // (3,1,2): sum|yi-yj| = 2*(1+2+1) = 8, 2 N^2 ybar = 2*9*2 = 36 -> 2/9 (order does not matter).
  EXPECT_NEAR(gini(std::vector<double>{3, 1, 2}), 2.0 / 9.0, kTol);
  EXPECT_NEAR(gini(std::vector<double>{5, 5, 5}), 0.0, kTol);
  EXPECT_EQ(gini(std::vector<double>{}), 0.0);
  EXPECT_EQ(gini(std::vector<double>{0, 0}), 0.0);
}

TEST(Indicators, MoransIClusteredIsPositive) {
  // Line 0-1-2-3, z = (1,1,0,0), dz = (.5,.5,-.5,-.5), sum dz^2 = 1, S0 = 4 = N.
  // Row 0: .5*.5 = .25; row 1: .5*(.5*.5 + .5*-.5) = 0; row 2: 0; row 3: .25 -> I = .5.
  const std::vector<double> z{1, 1, 0, 0};
  EXPECT_NEAR(morans_i(z, line_graph(4)), 0.5, kTol);
  // Longer line, two blocks: still clearly positive.
  const std::vector<double> z8{1, 1, 1, 1, 0, 0, 0, 0};
  EXPECT_GT(morans_i(z8, line_graph(8)), 0.5);
}

TEST(Indicators, MoransIAlternatingIsNegative) {
  // Every neighbour has the opposite deviation: sum_i dz_i * (-dz_i) / sum dz^2 = -1.
  const std::vector<double> z{1, 0, 1, 0, 1, 0};
  EXPECT_NEAR(morans_i(z, line_graph(6)), -1.0, kTol);
}

TEST(Indicators, MoransISkipsZeroRows) {
  // Line of 4 plus isolated node 4 with z = .5 = zbar: dz as in the clustered case plus 0,
  // cross sum .5, sum dz^2 = 1, N/S0 = 5/4 -> I = .625.
  const std::vector<double> z{1, 1, 0, 0, 0.5};
  EXPECT_NEAR(morans_i(z, line_graph(4, 1)), 0.625, kTol);
  // Zero variance -> 0; wrong shape throws.
  const std::vector<double> flat{2, 2, 2, 2};
  EXPECT_EQ(morans_i(flat, line_graph(4)), 0.0);
  EXPECT_THROW(morans_i(flat, line_graph(3)), std::invalid_argument);
}

TEST(Indicators, PercentileMatchesNumpy) {
  // np.percentile([1,2,3,4,5,10], 30): h = 5*.3 = 1.5 -> 2 + .5*(3-2) = 2.5.
  EXPECT_NEAR(percentile({1, 2, 3, 4, 5, 10}, 0.3), 2.5, kTol);
  // np.percentile([15,20,35,40,50], 40): h = 4*.4 = 1.6 -> 20 + .6*(35-20) = 29.
  EXPECT_NEAR(percentile({15, 20, 35, 40, 50}, 0.4), 29.0, kTol);
  // Unsorted input; sorted 1,1,2,3,4,5,6,9. q=.9: h = 6.3 -> 6 + .3*3 = 6.9. q=.5: h=3.5 -> 3.5.
  const std::vector<double> v{3, 1, 4, 1, 5, 9, 2, 6};
  EXPECT_NEAR(percentile(v, 0.9), 6.9, kTol);
  EXPECT_NEAR(percentile(v, 0.5), 3.5, kTol);
  EXPECT_EQ(percentile(v, 0.0), 1.0);
  EXPECT_EQ(percentile(v, 1.0), 9.0);
  EXPECT_EQ(percentile({7.0}, 0.42), 7.0);
  EXPECT_TRUE(std::isnan(percentile({}, 0.5)));
}

/// percentile_pair on a copy of v gives percentile's two doubles bit for bit and only reorders
/// the copy.
void expect_pair_is_two_percentiles(const std::vector<double>& v, double lo, double hi) {
  std::vector<double> work = v;
  const auto [p_lo, p_hi] = percentile_pair(work, lo, hi);
  ASSERT_EQ(std::bit_cast<std::uint64_t>(p_lo), std::bit_cast<std::uint64_t>(percentile(v, lo)))
      << "q " << lo;
  ASSERT_EQ(std::bit_cast<std::uint64_t>(p_hi), std::bit_cast<std::uint64_t>(percentile(v, hi)))
      << "q " << hi;
  std::sort(work.begin(), work.end());
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  ASSERT_EQ(work, sorted);
}

TEST(Indicators, PercentilePairIsTwoPercentilesBitForBit) {
  // Random lengths, values with many ties, and quantile pairs (equal, at the ends, near ranks):
  // the in-place pair must give exactly percentile's doubles.
  std::mt19937_64 rng(12345);
  const std::vector<std::pair<double, double>> qs = {{0.1, 0.9},   {0.0, 1.0}, {0.5, 0.5},
                                                     {0.25, 0.75}, {0.9, 0.9}, {-1.0, 2.0},
                                                     {0.0, 0.0},   {1.0, 1.0}, {0.3, 0.31}};
  for (int trial = 0; trial < 2000; ++trial) {
    const std::size_t n = 1 + rng() % 60;
    std::vector<double> v(n);
    for (double& x : v)
      x = trial % 2 ? static_cast<double>(rng() % 7) / 3.0
                    : std::ldexp(static_cast<double>(rng() >> 11), -53) * 1e3;
    for (const auto& [lo, hi] : qs)
      ASSERT_NO_FATAL_FAILURE(expect_pair_is_two_percentiles(v, lo, hi)) << "trial " << trial;
  }
  // Hand-computed: sorted 1,1,2,3,4,5,6,9; q=.1: h = .7 -> 1; q=.9: h = 6.3 -> 6.9.
  std::vector<double> v{3, 1, 4, 1, 5, 9, 2, 6};
  const auto [p10, p90] = percentile_pair(v, 0.1, 0.9);
  EXPECT_EQ(p10, 1.0);
  EXPECT_NEAR(p90, 6.9, kTol);
  std::vector<double> empty;
  EXPECT_TRUE(std::isnan(percentile_pair(empty, 0.1, 0.9).first));
  EXPECT_TRUE(std::isnan(percentile_pair(empty, 0.1, 0.9).second));
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  const auto [a, b] = percentile_pair(v, nan, 0.5);
  EXPECT_TRUE(std::isnan(a));
  EXPECT_EQ(b, percentile({3, 1, 4, 1, 5, 9, 2, 6}, 0.5));
  EXPECT_THROW(percentile_pair(v, 0.9, 0.1), std::invalid_argument);
}

TEST(Indicators, PercentilePairOfLongInputsIsTwoPercentilesBitForBit) {
  // Long inputs take the path that selects among the values near each rank: uniform, heavy
  // ties (where a threshold takes in many equal values), sorted and reverse-sorted, a few huge
  // values, and quantile pairs at the ends (where a set must reach the last rank) and near each
  // other.
  std::mt19937_64 rng(2026);
  const std::vector<std::pair<double, double>> qs = {
      {0.1, 0.9}, {0.0, 1.0}, {0.5, 0.5}, {0.01, 0.99}, {0.9, 0.95}, {0.05, 0.1}, {1.0, 1.0}};
  for (int trial = 0; trial < 400; ++trial) {
    const std::size_t n = 256 + rng() % 3000;
    std::vector<double> v(n);
    for (double& x : v) {
      switch (trial % 4) {
        case 0:
          x = std::ldexp(static_cast<double>(rng() >> 11), -53);
          break;
        case 1:
          x = static_cast<double>(rng() % 5) / 4.0;  // CUs with ties (0, 0.25, ..., 1)
          break;
        default:
          x = rng() % 50 == 0 ? 1e9 : std::ldexp(static_cast<double>(rng() >> 11), -53);
      }
    }
    if (trial % 4 == 2) std::sort(v.begin(), v.end());
    if (trial % 4 == 3) std::sort(v.rbegin(), v.rend());
    for (const auto& [lo, hi] : qs)
      ASSERT_NO_FATAL_FAILURE(expect_pair_is_two_percentiles(v, lo, hi)) << "trial " << trial;
  }
  // A NaN among long inputs falls back to selecting in the whole array in its given order, so
  // the lower value is percentile's on the same order (whatever nth_element makes of a NaN).
  std::vector<double> v(1000);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>((i * 7919) % 1000);
  v[500] = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> work = v;
  EXPECT_EQ(std::bit_cast<std::uint64_t>(percentile_pair(work, 0.1, 0.9).first),
            std::bit_cast<std::uint64_t>(percentile(v, 0.1)));
}

TEST(Indicators, ConsumerSurplusElasticMatchesIntegral) {
  // s=10, pref=1, eta=2.5, P=2: D(2) = 10 * 2^-2.5 = 1.7678, CS = D * 2 / 1.5 = 2.3570.
  const double s = 10.0, pref = 1.0, eta = 2.5, price = 2.0;
  const double cs = consumer_surplus(s, pref, eta, price);
  EXPECT_NEAR(cs, 10.0 * std::pow(2.0, -2.5) * 2.0 / 1.5, kTol);
  // Numerical: p = P e^t turns int_P^inf D(p) dp into int_0^inf D(P e^t) P e^t dt, whose
  // integrand decays like e^{-1.5 t}; truncating at t = 40 leaves < e^-60 of the mass.
  const auto integrand = [&](double t) {
    const double p = price * std::exp(t);
    return s * std::pow(p / pref, -eta) * p;
  };
  const double numeric = trapezoid(integrand, 0.0, 40.0, 400'000);
  EXPECT_NEAR(cs / numeric, 1.0, 1e-4);
}

TEST(Indicators, ConsumerSurplusInelasticUsesChoke) {
  const double s = 10.0, pref = 1.0, price = 2.0;
  const double choke = 5.0 * pref;
  // eta = .5: int_2^5 10 p^-.5 dp = 20 (sqrt 5 - sqrt 2) = 16.437.
  // eta = 1:  int_2^5 10 / p dp = 10 ln 2.5 = 9.163.
  EXPECT_NEAR(consumer_surplus(s, pref, 0.5, price), 20.0 * (std::sqrt(5.0) - std::sqrt(2.0)),
              1e-10);
  EXPECT_NEAR(consumer_surplus(s, pref, 1.0, price), 10.0 * std::log(2.5), 1e-10);
  for (const double eta : {0.3, 0.5, 1.0}) {
    const auto demand = [&](double p) { return s * std::pow(p / pref, -eta); };
    const double numeric = trapezoid(demand, price, choke, 200'000);
    EXPECT_NEAR(consumer_surplus(s, pref, eta, price) / numeric, 1.0, 1e-4) << eta;
  }
  // Continuous as eta -> 1 from below; zero at and above the choke price.
  EXPECT_NEAR(consumer_surplus(s, pref, 1.0 - 1e-9, price), 10.0 * std::log(2.5), 1e-6);
  EXPECT_EQ(consumer_surplus(s, pref, 0.5, choke), 0.0);
  EXPECT_EQ(consumer_surplus(s, pref, 0.5, 2.0 * choke), 0.0);
  // A custom choke multiple: int_2^3 10 / p dp = 10 ln 1.5.
  EXPECT_NEAR(consumer_surplus(s, pref, 1.0, price, 3.0), 10.0 * std::log(1.5), 1e-10);
}

TEST(Indicators, ConsumerSurplusRelativeHandComputed) {
  // eta = 1.5, 10 units bought at 0.5, reference 1: D P ((pref/P)^(1-eta) - 1) / (1 - eta)
  // = 10 * 0.5 * (2^-0.5 - 1) / -0.5 = 10 (1 - 1/sqrt 2) = 2.9289...
  EXPECT_NEAR(consumer_surplus_relative(10.0, 0.5, 1.0, 1.5), 10.0 * (1.0 - 1.0 / std::sqrt(2.0)),
              1e-12);
  // eta = 1: D P ln(pref / P) = 5 ln 2.
  EXPECT_NEAR(consumer_surplus_relative(10.0, 0.5, 1.0, 1.0), 5.0 * std::log(2.0), 1e-12);
  // Inelastic short-run demand (eta = 0.3) stays finite: 5 (2^0.7 - 1) / 0.7.
  EXPECT_NEAR(consumer_surplus_relative(10.0, 0.5, 1.0, 0.3),
              5.0 * (std::pow(2.0, 0.7) - 1.0) / 0.7, 1e-12);
  // Above the reference price consumers lose against it; at it, nothing.
  EXPECT_LT(consumer_surplus_relative(10.0, 1.5, 1.0, 1.5), 0.0);
  EXPECT_EQ(consumer_surplus_relative(10.0, 1.0, 1.0, 1.5), 0.0);
  EXPECT_EQ(consumer_surplus_relative(0.0, 0.5, 1.0, 1.5), 0.0);
  EXPECT_EQ(consumer_surplus_relative(10.0, 0.0, 1.0, 1.5), 0.0);
}

TEST(Indicators, ConsumerSurplusRelativeIsTheIntegralOfDemand) {
  // Midpoint rule on D(x) = D(P) (x / P)^-eta from P to pref, for several elasticities.
  for (double eta : {0.2, 0.5, 1.0, 1.5, 3.0}) {
    const double demand = 7.0, price = 0.4, pref = 1.3;
    const int n = 200000;
    const double h = (pref - price) / n;
    double sum = 0.0;
    for (int j = 0; j < n; ++j) sum += demand * std::pow((price + (j + 0.5) * h) / price, -eta);
    EXPECT_NEAR(consumer_surplus_relative(demand, price, pref, eta), sum * h, 1e-8) << eta;
  }
}

}  // namespace
}  // namespace regsim::sim
