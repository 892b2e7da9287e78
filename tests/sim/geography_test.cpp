// Tests of the synthetic geography: determinism, provinces, sizes, the graph, distances, weights.
#include "sim/geography.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <queue>
#include <string>
#include <utility>
#include <vector>

namespace regsim::sim {
namespace {

constexpr GraphKind kKinds[] = {GraphKind::Knn, GraphKind::SmallWorld, GraphKind::Grid};
constexpr double kInf = std::numeric_limits<double>::infinity();
using RowMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

WorldParams world_of(int cities, GraphKind kind = GraphKind::Knn, std::uint64_t seed = 42) {
  WorldParams w;
  w.cities = cities;
  w.graph = kind;
  w.seed = seed;
  return w;
}

std::string kind_name(GraphKind k) {
  switch (k) {
    case GraphKind::Knn:
      return "knn";
    case GraphKind::SmallWorld:
      return "small-world";
    case GraphKind::Grid:
      return "grid";
  }
  return "?";
}

double euclid(const Geography& g, std::size_t i, std::size_t j) {
  return std::hypot(g.x_km[i] - g.x_km[j], g.y_km[i] - g.y_km[j]);
}

/// Cities reachable from city 0 over the CSR adjacency.
std::size_t reachable_from_first(const Geography& g) {
  if (g.size() == 0) return 0;
  std::vector<char> seen(g.size(), 0);
  std::queue<std::uint32_t> todo;
  todo.push(0);
  seen[0] = 1;
  std::size_t count = 1;
  while (!todo.empty()) {
    const std::uint32_t v = todo.front();
    todo.pop();
    for (std::uint32_t e = g.adj_start[v]; e < g.adj_start[v + 1]; ++e)
      if (!seen[g.adj[e]]) seen[g.adj[e]] = 1, ++count, todo.push(g.adj[e]);
  }
  return count;
}

/// Distance stored for the pair (i, j) in a CSR pattern, or +inf if absent.
double csr_lookup(const std::vector<std::uint32_t>& start, const std::vector<std::uint32_t>& col,
                  const std::vector<double>& km, std::size_t i, std::size_t j) {
  const auto first = col.begin() + start[i], last = col.begin() + start[i + 1];
  const auto it = std::lower_bound(first, last, static_cast<std::uint32_t>(j));
  return it != last && *it == j ? km[static_cast<std::size_t>(it - col.begin())] : kInf;
}

double near_km(const Geography& g, std::size_t i, std::size_t j) {
  return csr_lookup(g.near_start, g.near, g.near_km, i, j);
}

/// Checks a CSR pattern: sizes, sorted rows, no self loops or duplicates, symmetric distances.
void expect_simple_symmetric_csr(const std::vector<std::uint32_t>& start,
                                 const std::vector<std::uint32_t>& col,
                                 const std::vector<double>& km, std::size_t n) {
  ASSERT_EQ(start.size(), n + 1);
  ASSERT_EQ(start.back(), col.size());
  ASSERT_EQ(col.size(), km.size());
  for (std::size_t i = 0; i < n; ++i)
    for (std::uint32_t e = start[i]; e < start[i + 1]; ++e) {
      ASSERT_LT(col[e], n);
      EXPECT_NE(col[e], i) << "self loop at " << i;
      if (e > start[i]) {
        EXPECT_LT(col[e - 1], col[e]) << "unsorted or duplicate in row " << i;
      }
      EXPECT_EQ(csr_lookup(start, col, km, col[e], i), km[e]) << i << "-" << col[e];
    }
}

/// All-pairs shortest paths over the CSR adjacency, by Floyd-Warshall.
std::vector<std::vector<double>> floyd_warshall(const Geography& g) {
  const std::size_t n = g.size();
  std::vector<std::vector<double>> d(n, std::vector<double>(n, kInf));
  for (std::size_t i = 0; i < n; ++i) {
    d[i][i] = 0.0;
    for (std::uint32_t e = g.adj_start[i]; e < g.adj_start[i + 1]; ++e)
      d[i][g.adj[e]] = g.adj_km[e];
  }
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) d[i][j] = std::min(d[i][j], d[i][k] + d[k][j]);
  return d;
}

/// Hand-made geography: cities on a line at the given positions, with every pair near.
Geography line_geography(const std::vector<double>& x_km, const std::vector<int>& province) {
  Geography g;
  const std::size_t n = x_km.size();
  g.x_km = x_km;
  g.y_km.assign(n, 0.0);
  g.province = province;
  g.num_provinces = *std::max_element(province.begin(), province.end()) + 1;
  for (std::size_t i = 0; i < n; ++i) g.names.push_back("City " + std::to_string(i + 1));
  g.near_start.push_back(0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j)
      if (j != i)
        g.near.push_back(static_cast<std::uint32_t>(j)),
            g.near_km.push_back(std::abs(x_km[i] - x_km[j]));
    g.near_start.push_back(static_cast<std::uint32_t>(g.near.size()));
  }
  return g;
}

// ---------------------------------------------------------------------------------------------
// Determinism and layout

TEST(Geography, IsIdenticalForTheSameSeed) {
  for (const GraphKind kind : kKinds) {
    SCOPED_TRACE(kind_name(kind));
    const Geography a = make_geography(world_of(150, kind), 600.0);
    const Geography b = make_geography(world_of(150, kind), 600.0);
    EXPECT_EQ(a.names, b.names);
    EXPECT_EQ(a.province, b.province);
    EXPECT_EQ(a.x_km, b.x_km);
    EXPECT_EQ(a.y_km, b.y_km);
    EXPECT_EQ(a.population, b.population);
    EXPECT_EQ(a.base_gdp, b.base_gdp);
    EXPECT_EQ(a.zone, b.zone);
    EXPECT_EQ(a.adj_start, b.adj_start);
    EXPECT_EQ(a.adj, b.adj);
    EXPECT_EQ(a.adj_km, b.adj_km);
    EXPECT_EQ(a.near_start, b.near_start);
    EXPECT_EQ(a.near, b.near);
    EXPECT_EQ(a.near_km, b.near_km);
    EXPECT_EQ(a.num_provinces, b.num_provinces);
  }
}

TEST(Geography, DoesNotDependOnTheThreadCount) {
  const Geography parallel = make_geography(world_of(400), 600.0);
  const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  const Geography serial = make_geography(world_of(400), 600.0);
  EXPECT_EQ(parallel.near_start, serial.near_start);
  EXPECT_EQ(parallel.near, serial.near);
  EXPECT_EQ(parallel.near_km, serial.near_km);
  EXPECT_EQ(parallel.adj, serial.adj);
}

TEST(Geography, MovesCitiesWhenTheSeedChanges) {
  for (const GraphKind kind : kKinds) {
    SCOPED_TRACE(kind_name(kind));
    const Geography a = make_geography(world_of(100, kind, 1), 600.0);
    const Geography b = make_geography(world_of(100, kind, 2), 600.0);
    EXPECT_NE(a.x_km, b.x_km);
    EXPECT_NE(a.y_km, b.y_km);
    EXPECT_NE(a.base_gdp, b.base_gdp);
  }
}

TEST(Geography, NamesCitiesFromOneToN) {
  const Geography g = make_geography(world_of(12), 600.0);
  ASSERT_EQ(g.size(), 12u);
  EXPECT_EQ(g.names.front(), "City 1");
  EXPECT_EQ(g.names.back(), "City 12");
}

TEST(Geography, KeepsCitiesInsideTheSquare) {
  for (const GraphKind kind : kKinds)
    for (const double extent : {1500.0, 40.0}) {
      SCOPED_TRACE(kind_name(kind) + " extent " + std::to_string(extent));
      WorldParams w = world_of(400, kind);
      w.extent_km = extent;
      const Geography g = make_geography(w, 600.0);
      for (std::size_t i = 0; i < g.size(); ++i) {
        EXPECT_GE(g.x_km[i], 0.0);
        EXPECT_LE(g.x_km[i], extent);
        EXPECT_GE(g.y_km[i], 0.0);
        EXPECT_LE(g.y_km[i], extent);
      }
    }
}

TEST(Geography, KeepsScatteredCitiesAtLeastFifteenKilometresApart) {
  const Geography g = make_geography(world_of(400), 600.0);
  double closest = kInf;
  for (std::size_t i = 0; i < g.size(); ++i)
    for (std::size_t j = i + 1; j < g.size(); ++j) closest = std::min(closest, euclid(g, i, j));
  EXPECT_GE(closest, 15.0);
}

TEST(Geography, FillsEveryProvince) {
  for (const GraphKind kind : kKinds)
    for (const auto& [cities, provinces] :
         std::vector<std::pair<int, int>>{{100, 8}, {10, 10}, {400, 31}, {2, 1}}) {
      SCOPED_TRACE(kind_name(kind) + " " + std::to_string(cities) + "/" +
                   std::to_string(provinces));
      WorldParams w = world_of(cities, kind);
      w.provinces = provinces;
      const Geography g = make_geography(w, 600.0);
      EXPECT_EQ(g.num_provinces, provinces);
      ASSERT_EQ(g.province.size(), g.size());
      std::vector<int> count(static_cast<std::size_t>(provinces), 0);
      for (const int p : g.province) {
        ASSERT_GE(p, 0);
        ASSERT_LT(p, provinces);
        ++count[static_cast<std::size_t>(p)];
      }
      for (int p = 0; p < provinces; ++p)
        EXPECT_GT(count[static_cast<std::size_t>(p)], 0) << "province " << p;
    }
}

TEST(Geography, FillsEveryProvinceEvenWhenCitiesCoincide) {
  WorldParams w = world_of(20);
  w.extent_km = 0.0;  // every city at the origin: nearest-seed ties must not empty a province
  const Geography g = make_geography(w, 600.0);
  std::vector<int> count(static_cast<std::size_t>(w.provinces), 0);
  for (const int p : g.province) ++count[static_cast<std::size_t>(p)];
  for (int p = 0; p < w.provinces; ++p)
    EXPECT_GT(count[static_cast<std::size_t>(p)], 0) << "province " << p;
}

// ---------------------------------------------------------------------------------------------
// Sizes and zones

TEST(Geography, ScalesBaseGdpAndPopulationToTheirExactMeans) {
  WorldParams w = world_of(400);
  w.base_gdp = 237.5;
  w.population = 3.25;
  const Geography g = make_geography(w, 600.0);
  const double n = static_cast<double>(g.size());
  const double gdp_mean = std::accumulate(g.base_gdp.begin(), g.base_gdp.end(), 0.0) / n;
  const double pop_mean = std::accumulate(g.population.begin(), g.population.end(), 0.0) / n;
  EXPECT_NEAR(gdp_mean, w.base_gdp, 1e-9 * w.base_gdp);
  EXPECT_NEAR(pop_mean, w.population, 1e-9 * w.population);
  for (std::size_t i = 0; i < g.size(); ++i)
    EXPECT_NEAR(g.population[i] / g.base_gdp[i], w.population / w.base_gdp, 1e-12);
  const auto [lo, hi] = std::minmax_element(g.base_gdp.begin(), g.base_gdp.end());
  EXPECT_GT(*hi / *lo, 3.0) << "sd 0.6 should give very unequal cities";
}

TEST(Geography, GivesEqualSizesWithoutDispersion) {
  WorldParams w = world_of(50);
  w.base_gdp_sd = 0.0;
  const Geography g = make_geography(w, 600.0);
  for (std::size_t i = 0; i < g.size(); ++i) {
    EXPECT_NEAR(g.base_gdp[i], w.base_gdp, 1e-12 * w.base_gdp);
    EXPECT_NEAR(g.population[i], w.population, 1e-12 * w.population);
  }
}

TEST(Geography, MakesTheLargestCityOfEachProvinceUrban) {
  WorldParams w = world_of(400);
  w.provinces = 20;
  w.zone_development = 1.0;  // every drawn zone is Development, so Urban comes from the rule
  w.zone_agricultural = 0.0;
  w.zone_ecological = 0.0;
  const Geography g = make_geography(w, 600.0);
  std::vector<std::size_t> largest(20, g.size());
  for (std::size_t i = 0; i < g.size(); ++i) {
    auto& l = largest[static_cast<std::size_t>(g.province[i])];
    if (l == g.size() || g.base_gdp[i] > g.base_gdp[l]) l = i;
  }
  for (std::size_t i = 0; i < g.size(); ++i) {
    const bool capital = largest[static_cast<std::size_t>(g.province[i])] == i;
    EXPECT_EQ(g.zone[i], capital ? Zone::Urban : Zone::Development) << "city " << i;
  }
}

TEST(Geography, DrawsZonesInRoughlyTheConfiguredShares) {
  WorldParams w = world_of(2000);
  w.provinces = 1;
  const Geography g = make_geography(w, 50.0);
  std::vector<double> share(4, 0.0);
  for (const Zone z : g.zone) share[static_cast<std::size_t>(z)] += 1.0 / 2000.0;
  EXPECT_NEAR(share[static_cast<std::size_t>(Zone::Development)], w.zone_development, 0.04);
  EXPECT_NEAR(share[static_cast<std::size_t>(Zone::Agricultural)], w.zone_agricultural, 0.04);
  EXPECT_NEAR(share[static_cast<std::size_t>(Zone::Ecological)], w.zone_ecological, 0.04);
  EXPECT_NEAR(share[static_cast<std::size_t>(Zone::Urban)], 0.25, 0.04);
}

TEST(Geography, NamesZonesInLowerCase) {
  EXPECT_STREQ(zone_name(Zone::Urban), "urban");
  EXPECT_STREQ(zone_name(Zone::Development), "development");
  EXPECT_STREQ(zone_name(Zone::Agricultural), "agricultural");
  EXPECT_STREQ(zone_name(Zone::Ecological), "ecological");
}

// ---------------------------------------------------------------------------------------------
// Graph

TEST(GeographyGraph, IsConnectedSymmetricAndSimpleForEveryKindAndSize) {
  for (const GraphKind kind : kKinds)
    for (const int cities : {2, 10, 100, 400}) {
      SCOPED_TRACE(kind_name(kind) + " " + std::to_string(cities));
      const Geography g = make_geography(world_of(cities, kind), 600.0);
      ASSERT_EQ(g.size(), static_cast<std::size_t>(cities));
      expect_simple_symmetric_csr(g.adj_start, g.adj, g.adj_km, g.size());
      EXPECT_EQ(reachable_from_first(g), g.size());
      for (std::size_t i = 0; i < g.size(); ++i)
        for (std::uint32_t e = g.adj_start[i]; e < g.adj_start[i + 1]; ++e)
          EXPECT_NEAR(g.adj_km[e], euclid(g, i, g.adj[e]), 1e-9);
    }
}

TEST(GeographyGraph, StaysConnectedWithATinyKnnCutoff) {
  for (const int cities : {10, 400}) {
    WorldParams w = world_of(cities);
    w.graph_cutoff_km = 1.0;
    const Geography g = make_geography(w, 600.0);
    expect_simple_symmetric_csr(g.adj_start, g.adj, g.adj_km, g.size());
    EXPECT_EQ(reachable_from_first(g), g.size());
    EXPECT_EQ(g.adj.size(), 2 * (g.size() - 1)) << "only the linking tree should remain";
  }
}

TEST(GeographyGraph, LinksEachKnnCityToAtLeastItsNearestNeighbours) {
  WorldParams w = world_of(100);
  w.graph_cutoff_km = kInf;  // no edge dropped, so each city keeps its graph_k nearest
  const Geography g = make_geography(w, 600.0);
  for (std::size_t i = 0; i < g.size(); ++i) EXPECT_GE(g.adj_start[i + 1] - g.adj_start[i], 6u);
}

TEST(GeographyGraph, RewiresSmallWorldEdgesToDistantCities) {
  WorldParams w = world_of(200, GraphKind::SmallWorld);
  w.rewire = 0.0;
  const Geography ring = make_geography(w, 600.0);
  w.rewire = 0.3;
  const Geography rewired = make_geography(w, 600.0);
  EXPECT_NE(ring.adj, rewired.adj);
  const double ring_max = *std::max_element(ring.adj_km.begin(), ring.adj_km.end());
  const double rewired_max = *std::max_element(rewired.adj_km.begin(), rewired.adj_km.end());
  EXPECT_GT(rewired_max, 2.0 * ring_max);
}

TEST(GeographyGraph, GivesGridCitiesAtMostFourNeighbours) {
  const Geography g = make_geography(world_of(100, GraphKind::Grid), 600.0);
  std::size_t four = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const auto degree = g.adj_start[i + 1] - g.adj_start[i];
    EXPECT_LE(degree, 4u);
    four += degree == 4;
  }
  EXPECT_EQ(four, 64u) << "a 10x10 grid has 8x8 interior cities";
  for (std::size_t i = 0; i < g.size(); ++i) {  // jittered by at most a quarter of a 150 km cell
    EXPECT_NEAR(g.x_km[i], 150.0 * (static_cast<double>(i % 10) + 0.5), 37.5) << "city " << i;
    EXPECT_NEAR(g.y_km[i], 150.0 * (static_cast<double>(i / 10) + 0.5), 37.5) << "city " << i;
  }
}

// ---------------------------------------------------------------------------------------------
// Bounded distances

TEST(GeographyNear, IsSymmetricSimpleAndWithinTheBound) {
  for (const GraphKind kind : kKinds) {
    SCOPED_TRACE(kind_name(kind));
    const Geography g = make_geography(world_of(400, kind), 300.0);
    expect_simple_symmetric_csr(g.near_start, g.near, g.near_km, g.size());
    for (const double d : g.near_km) {
      EXPECT_GT(d, 0.0);
      EXPECT_LE(d, 300.0);
    }
  }
}

TEST(GeographyNear, MatchesFloydWarshallWithinTheBound) {
  for (const GraphKind kind : kKinds) {
    SCOPED_TRACE(kind_name(kind));
    const double bound = 500.0;
    const Geography g = make_geography(world_of(30, kind), bound);
    const auto full = floyd_warshall(g);
    std::size_t inside = 0, outside = 0;
    for (std::size_t i = 0; i < g.size(); ++i)
      for (std::size_t j = 0; j < g.size(); ++j) {
        if (i == j) continue;
        const double stored = near_km(g, i, j);
        if (full[i][j] <= bound * (1.0 - 1e-12)) {
          ++inside;
          EXPECT_NEAR(stored, full[i][j], 1e-9 * full[i][j]) << i << "-" << j;
        } else if (full[i][j] > bound * (1.0 + 1e-12)) {
          ++outside;
          EXPECT_EQ(stored, kInf) << i << "-" << j;
        }
      }
    EXPECT_GT(inside, 0u);
    EXPECT_GT(outside, 0u) << "the bound should cut some pairs for this test to mean anything";
  }
}

TEST(GeographyNear, SatisfiesTheTriangleInequality) {
  const double bound = 400.0;
  const Geography g = make_geography(world_of(200), bound);
  for (std::size_t i = 0; i < g.size(); ++i)
    for (std::uint32_t e = g.near_start[i]; e < g.near_start[i + 1]; ++e) {
      const std::size_t j = g.near[e];
      for (std::uint32_t f = g.near_start[j]; f < g.near_start[j + 1]; ++f) {
        const std::size_t k = g.near[f];
        const double via = g.near_km[e] + g.near_km[f];
        if (k == i || via > bound) continue;
        EXPECT_LE(near_km(g, i, k), via * (1.0 + 1e-12)) << i << "-" << j << "-" << k;
      }
    }
}

TEST(GeographyNear, NeverIsShorterThanTheStraightLine) {
  const Geography g = make_geography(world_of(200), 600.0);
  for (std::size_t i = 0; i < g.size(); ++i)
    for (std::uint32_t e = g.near_start[i]; e < g.near_start[i + 1]; ++e)
      EXPECT_GE(g.near_km[e], euclid(g, i, g.near[e]) * (1.0 - 1e-12));
}

// ---------------------------------------------------------------------------------------------
// Spillover weights

TEST(Spillover, HalvesTheWeightAtTheHalfDistance) {
  const Geography g = line_geography({0.0, 150.0, 300.0}, {0, 0, 0});
  const auto w = spillover_weights(g, 150.0, 0.7);
  EXPECT_NEAR(w.coeff(0, 1), 0.5, 1e-15);
  EXPECT_NEAR(w.coeff(0, 2), 0.25, 1e-15);
  EXPECT_NEAR(w.coeff(2, 1), 0.5, 1e-15);
}

TEST(Spillover, ScalesCrossProvinceWeightsByOneMinusKappa) {
  const Geography g = line_geography({0.0, 100.0, 200.0}, {0, 0, 1});
  const auto plain = spillover_weights(g, 150.0, 0.0);
  const auto damped = spillover_weights(g, 150.0, 0.3);
  EXPECT_DOUBLE_EQ(damped.coeff(0, 1), plain.coeff(0, 1));
  EXPECT_NEAR(damped.coeff(0, 2), 0.7 * plain.coeff(0, 2), 1e-15);
  EXPECT_NEAR(damped.coeff(2, 1), 0.7 * plain.coeff(2, 1), 1e-15);
  EXPECT_NEAR(plain.coeff(0, 1), std::exp(-std::log(2.0) * 100.0 / 150.0), 1e-15);
}

TEST(Spillover, ZeroesCrossProvinceWeightsWhenKappaIsOne) {
  const Geography g = make_geography(world_of(200), 600.0);
  const auto w = spillover_weights(g, 150.0, 1.0);
  std::size_t same = 0;
  for (int i = 0; i < w.outerSize(); ++i)
    for (RowMatrix::InnerIterator it(w, i); it; ++it) {
      EXPECT_EQ(g.province[static_cast<std::size_t>(i)],
                g.province[static_cast<std::size_t>(it.col())]);
      same += it.value() > 0.0;
    }
  EXPECT_GT(same, 0u);
}

TEST(Spillover, IsSymmetricWithAZeroDiagonal) {
  const Geography g = make_geography(world_of(200), 600.0);
  const auto w = spillover_weights(g, 150.0, 0.4);
  ASSERT_EQ(w.rows(), 200);
  ASSERT_EQ(w.cols(), 200);
  EXPECT_EQ(static_cast<std::size_t>(w.nonZeros()), g.near.size());
  const RowMatrix wt = w.transpose();
  EXPECT_EQ((w - wt).norm(), 0.0);
  for (int i = 0; i < 200; ++i) EXPECT_EQ(w.coeff(i, i), 0.0);
  for (int i = 0; i < w.outerSize(); ++i)
    for (RowMatrix::InnerIterator it(w, i); it; ++it) {
      EXPECT_GT(it.value(), 0.0);
      EXPECT_LT(it.value(), 1.0);
    }
}

}  // namespace
}  // namespace regsim::sim
