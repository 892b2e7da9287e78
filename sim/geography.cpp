// Synthetic geography: clustered city positions, Voronoi provinces, a connected city graph
// (Boost.Graph) and the bounded shortest-path distances that spillovers run on.
#include "sim/geography.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <numbers>
#include <queue>
#include <set>
#include <utility>

#include "sim/random.h"

namespace regsim::sim {
namespace {

using BoostGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                          boost::property<boost::edge_weight_t, double>>;

/// An undirected edge with a < b.
struct Edge {
  std::uint32_t a = 0, b = 0;
  auto operator<=>(const Edge&) const = default;
};
using EdgeList = std::vector<Edge>;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kClusterShare = 0.6;   // share of cities drawn around a cluster centre
constexpr double kClusterSd = 0.06;     // sd of a cluster around its centre, share of the extent
constexpr double kMinSpacingKm = 15.0;  // cities closer than this look like one town
constexpr int kPlacementTries = 30;     // candidates per city before giving up on the spacing
constexpr double kGridJitter = 0.25;    // grid jitter, share of the cell side
constexpr int kRewireTries = 10;        // targets tried per rewired edge before keeping it

/// Which draw of a city (or cluster) a WorldCities stream is for; kept in the top byte of the
/// entity so the roles never share a stream (city indices stay below 2^24).
enum class CityRole : std::uint32_t { Position = 0, Size = 1, Zone = 2, Cluster = 3 };

Stream city_stream(std::uint64_t seed, CityRole role, std::size_t index) {
  const auto entity = (static_cast<std::uint32_t>(role) << 24) | static_cast<std::uint32_t>(index);
  return Stream(StreamKey{seed, 0, -1, entity, Purpose::WorldCities});
}

double distance_km(const Geography& g, std::size_t i, std::size_t j) {
  const double dx = g.x_km[i] - g.x_km[j];
  const double dy = g.y_km[i] - g.y_km[j];
  return std::sqrt(dx * dx + dy * dy);
}

Edge make_edge(std::size_t i, std::size_t j) {
  const auto a = static_cast<std::uint32_t>(std::min(i, j));
  const auto b = static_cast<std::uint32_t>(std::max(i, j));
  return Edge{a, b};
}

void sort_unique(EdgeList& edges) {
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
}

std::size_t uniform_index(Stream& s, std::size_t n) {
  return std::min(n - 1, static_cast<std::size_t>(uniform01(s) * static_cast<double>(n)));
}

// ---------------------------------------------------------------------------------------------
// City positions

/// Centres of the dense regions; cluster c gets weight 1/(c+1) so a few metropolitan areas
/// dominate, as in a real country.
struct Clusters {
  std::vector<double> x, y, cum_weight;
};

Clusters make_clusters(const WorldParams& w) {
  Clusters c;
  const int count = std::clamp(w.cities / 25, 1, 8);
  double total = 0.0;
  for (int k = 0; k < count; ++k) {
    Stream s = city_stream(w.seed, CityRole::Cluster, static_cast<std::size_t>(k));
    c.x.push_back(w.extent_km * (0.1 + 0.8 * uniform01(s)));
    c.y.push_back(w.extent_km * (0.1 + 0.8 * uniform01(s)));
    total += 1.0 / (k + 1.0);
    c.cum_weight.push_back(total);
  }
  for (double& cw : c.cum_weight) cw /= total;
  return c;
}

void draw_candidate(Stream& s, const Clusters& c, double extent, double& x, double& y) {
  if (uniform01(s) >= kClusterShare) {
    x = extent * uniform01(s);
    y = extent * uniform01(s);
    return;
  }
  const double u = uniform01(s);
  const auto it = std::upper_bound(c.cum_weight.begin(), c.cum_weight.end(), u);
  const auto k = static_cast<std::size_t>(
      std::min<std::ptrdiff_t>(it - c.cum_weight.begin(), std::ssize(c.cum_weight) - 1));
  x = c.x[k] + kClusterSd * extent * std_normal(s);
  y = c.y[k] + kClusterSd * extent * std_normal(s);
}

bool acceptable(const Geography& g, double x, double y, double extent, double min_km) {
  if (x < 0.0 || x > extent || y < 0.0 || y > extent) return false;
  const double min2 = min_km * min_km;
  for (std::size_t j = 0; j < g.x_km.size(); ++j) {
    const double dx = g.x_km[j] - x, dy = g.y_km[j] - y;
    if (dx * dx + dy * dy < min2) return false;
  }
  return true;
}

/// Clusters plus uniform scatter, by rejection so cities keep a minimum spacing; the spacing
/// shrinks for crowded worlds and falls back to a uniform draw if no candidate fits.
void scatter_cities(const WorldParams& w, Geography& g) {
  const Clusters clusters = make_clusters(w);
  const double n = std::max(1.0, static_cast<double>(w.cities));
  const double min_km = std::min(kMinSpacingKm, 0.5 * w.extent_km / std::sqrt(n));
  for (std::size_t i = 0; i < static_cast<std::size_t>(w.cities); ++i) {
    Stream s = city_stream(w.seed, CityRole::Position, i);
    double x = 0.0, y = 0.0;
    bool placed = false;
    for (int t = 0; t < kPlacementTries && !placed; ++t) {
      draw_candidate(s, clusters, w.extent_km, x, y);
      placed = acceptable(g, x, y, w.extent_km, min_km);
    }
    if (!placed) {
      x = w.extent_km * uniform01(s);
      y = w.extent_km * uniform01(s);
    }
    g.x_km.push_back(x);
    g.y_km.push_back(y);
  }
}

/// Columns of the near-square grid (rows <= columns, filled row by row).
std::size_t grid_columns(std::size_t n) {
  return std::max<std::size_t>(
      1, static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(n)))));
}

void grid_cities(const WorldParams& w, Geography& g) {
  const auto n = static_cast<std::size_t>(w.cities);
  const std::size_t cols = grid_columns(n);
  const std::size_t rows = (n + cols - 1) / cols;
  const double sx = w.extent_km / static_cast<double>(cols);
  const double sy = w.extent_km / static_cast<double>(std::max<std::size_t>(rows, 1));
  for (std::size_t i = 0; i < n; ++i) {
    Stream s = city_stream(w.seed, CityRole::Position, i);
    const double jx = kGridJitter * (2.0 * uniform01(s) - 1.0);
    const double jy = kGridJitter * (2.0 * uniform01(s) - 1.0);
    g.x_km.push_back(sx * (static_cast<double>(i % cols) + 0.5 + jx));
    g.y_km.push_back(sy * (static_cast<double>(i / cols) + 0.5 + jy));
  }
}

// ---------------------------------------------------------------------------------------------
// Provinces, sizes and zones

/// Farthest-point sampling: well spread seed cities, no randomness beyond the positions.
std::vector<std::size_t> province_seeds(const Geography& g, std::size_t count) {
  std::vector<std::size_t> seeds;
  std::vector<double> gap(g.size(), kInf);  // distance to the nearest seed so far
  std::size_t next = 0;
  while (seeds.size() < count) {
    seeds.push_back(next);
    for (std::size_t j = 0; j < g.size(); ++j) gap[j] = std::min(gap[j], distance_km(g, next, j));
    gap[next] = -1.0;  // stays below every distance: no city is picked twice, even coincident ones
    next = static_cast<std::size_t>(std::max_element(gap.begin(), gap.end()) - gap.begin());
  }
  return seeds;
}

/// Voronoi cells of the seeds (convex, hence contiguous); each seed keeps its own province so
/// none is empty when there are at least as many cities as provinces.
void assign_provinces(const WorldParams& w, Geography& g) {
  g.num_provinces = w.provinces;
  const auto count = std::min(g.size(), static_cast<std::size_t>(std::max(w.provinces, 0)));
  const std::vector<std::size_t> seeds = province_seeds(g, count);
  g.province.assign(g.size(), 0);
  for (std::size_t i = 0; i < g.size(); ++i) {
    double best = kInf;
    for (std::size_t p = 0; p < seeds.size(); ++p) {
      const double d = distance_km(g, i, seeds[p]);
      if (d < best) best = d, g.province[i] = static_cast<int>(p);
    }
  }
  for (std::size_t p = 0; p < seeds.size(); ++p) g.province[seeds[p]] = static_cast<int>(p);
}

// ---------------------------------------------------------------------------------------------
// Graph

/// Each city linked to its k nearest cities (ties by index), edges longer than cutoff dropped.
EdgeList knn_edges(const Geography& g, int k, double cutoff_km) {
  const std::size_t n = g.size();
  const std::size_t kk = std::min(static_cast<std::size_t>(std::max(k, 0)), n > 0 ? n - 1 : 0);
  EdgeList edges;
  std::vector<std::pair<double, std::size_t>> cand;
  for (std::size_t i = 0; i < n && kk > 0; ++i) {
    cand.clear();
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) cand.emplace_back(distance_km(g, i, j), j);
    std::partial_sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(kk), cand.end());
    for (std::size_t m = 0; m < kk; ++m)
      if (cand[m].first <= cutoff_km) edges.push_back(make_edge(i, cand[m].second));
  }
  sort_unique(edges);
  return edges;
}

/// Watts-Strogatz step: edge e keeps its lower end and, with probability p, gets a new random
/// other end (stream keyed by the edge index); a rewire that would duplicate an edge is retried.
void rewire_edges(const WorldParams& w, std::size_t n, EdgeList& edges) {
  std::set<Edge> present(edges.begin(), edges.end());
  for (std::size_t e = 0; e < edges.size(); ++e) {
    Stream s(StreamKey{w.seed, 0, -1, static_cast<std::uint32_t>(e), Purpose::WorldGraph});
    if (!bernoulli(s, w.rewire)) continue;
    const std::size_t a = edges[e].a;
    for (int t = 0; t < kRewireTries; ++t) {
      const std::size_t target = uniform_index(s, n);
      const Edge candidate = make_edge(a, target);
      if (target == a || present.contains(candidate)) continue;
      present.erase(edges[e]);
      present.insert(candidate);
      edges[e] = candidate;
      break;
    }
  }
  sort_unique(edges);
}

/// 4-neighbour edges of the grid laid out by grid_cities.
EdgeList grid_edges(std::size_t n) {
  const std::size_t cols = grid_columns(n);
  EdgeList edges;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % cols + 1 < cols && i + 1 < n) edges.push_back(make_edge(i, i + 1));
    if (i + cols < n) edges.push_back(make_edge(i, i + cols));
  }
  return edges;
}

BoostGraph to_boost(const Geography& g, const EdgeList& edges) {
  BoostGraph bg(g.size());
  for (const Edge& e : edges) boost::add_edge(e.a, e.b, distance_km(g, e.a, e.b), bg);
  return bg;
}

/// Links the components by their shortest inter-component pairs: Prim's algorithm on the
/// components, O(n^2) whatever their number (a 1 km cutoff leaves every city alone).
void connect_components(const Geography& g, BoostGraph& bg) {
  const std::size_t n = g.size();
  std::vector<int> comp(n);
  const int count = n == 0 ? 0 : boost::connected_components(bg, comp.data());
  if (count <= 1) return;
  std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < n; ++i) members[static_cast<std::size_t>(comp[i])].push_back(i);
  std::vector<char> in_tree(n, 0);
  std::vector<double> best(n, kInf);
  std::vector<std::size_t> from(n, 0);
  const auto absorb = [&](int c) {
    for (const std::size_t m : members[static_cast<std::size_t>(c)]) in_tree[m] = 1;
    for (const std::size_t m : members[static_cast<std::size_t>(c)])
      for (std::size_t j = 0; j < n; ++j) {
        const double d = in_tree[j] ? kInf : distance_km(g, m, j);
        if (d < best[j]) best[j] = d, from[j] = m;
      }
  };
  absorb(comp[0]);
  for (int linked = 1; linked < count; ++linked) {
    std::size_t j = n;
    for (std::size_t v = 0; v < n; ++v)
      if (!in_tree[v] && (j == n || best[v] < best[j])) j = v;
    boost::add_edge(from[j], j, best[j], bg);
    absorb(comp[j]);
  }
}

/// Boost graph to flat CSR, neighbours sorted by index.
void store_adjacency(const BoostGraph& bg, Geography& g) {
  const auto weight = boost::get(boost::edge_weight, bg);
  g.adj_start.assign(1, 0);
  std::vector<std::pair<std::uint32_t, double>> row;
  for (std::size_t v = 0; v < g.size(); ++v) {
    row.clear();
    for (const auto e : boost::make_iterator_range(boost::out_edges(v, bg)))
      row.emplace_back(static_cast<std::uint32_t>(boost::target(e, bg)), weight[e]);
    std::sort(row.begin(), row.end());
    for (const auto& [j, km] : row) g.adj.push_back(j), g.adj_km.push_back(km);
    g.adj_start.push_back(static_cast<std::uint32_t>(g.adj.size()));
  }
}

EdgeList initial_edges(const WorldParams& w, const Geography& g) {
  switch (w.graph) {
    case GraphKind::Grid:
      return grid_edges(g.size());
    case GraphKind::SmallWorld: {
      EdgeList edges = knn_edges(g, w.graph_k, kInf);
      rewire_edges(w, g.size(), edges);
      return edges;
    }
    case GraphKind::Knn:
      break;
  }
  return knn_edges(g, w.graph_k, w.graph_cutoff_km);
}

void build_graph(const WorldParams& w, Geography& g) {
  BoostGraph bg = to_boost(g, initial_edges(w, g));
  connect_components(g, bg);
  store_adjacency(bg, g);
}

// ---------------------------------------------------------------------------------------------
// Bounded shortest paths

using NearRow = std::vector<std::pair<std::uint32_t, double>>;

/// Dijkstra from src that stops at max_km; returns the reached cities j > src, sorted by index.
/// `dist` is scratch of size n, all +inf on entry and on exit.
NearRow bounded_dijkstra(const Geography& g, std::uint32_t src, double max_km,
                         std::vector<double>& dist) {
  using Item = std::pair<double, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  std::vector<std::uint32_t> touched{src};
  NearRow row;
  dist[src] = 0.0;
  heap.emplace(0.0, src);
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    if (d > dist[v]) continue;  // stale entry
    if (v > src) row.emplace_back(v, d);
    for (std::uint32_t e = g.adj_start[v]; e < g.adj_start[v + 1]; ++e) {
      const std::uint32_t u = g.adj[e];
      const double nd = d + g.adj_km[e];
      if (nd > max_km || nd >= dist[u]) continue;
      if (dist[u] == kInf) touched.push_back(u);
      dist[u] = nd;
      heap.emplace(nd, u);
    }
  }
  for (const std::uint32_t t : touched) dist[t] = kInf;
  std::sort(row.begin(), row.end());
  return row;
}

}  // namespace

/// Lognormal base GDP rescaled to the exact mean; population proportional to it.
void draw_city_sizes(const WorldParams& w, Geography& g) {
  const std::size_t n = g.size();
  g.base_gdp.resize(n);
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    Stream s = city_stream(w.seed, CityRole::Size, i);
    g.base_gdp[i] = std::exp(w.base_gdp_sd * std_normal(s));
    total += g.base_gdp[i];
  }
  const double mean = total / static_cast<double>(std::max<std::size_t>(n, 1));
  g.population.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    g.population[i] = w.population * (g.base_gdp[i] / mean);
    g.base_gdp[i] = w.base_gdp * (g.base_gdp[i] / mean);
  }
}

namespace {

Zone draw_zone(const WorldParams& w, Stream& s) {
  const double u = uniform01(s);
  if (u < w.zone_development) return Zone::Development;
  if (u < w.zone_development + w.zone_agricultural) return Zone::Agricultural;
  if (u < w.zone_development + w.zone_agricultural + w.zone_ecological) return Zone::Ecological;
  return Zone::Urban;
}

}  // namespace

/// Drawn zones, then the largest city of each province is made urban (the provincial capital).
void draw_city_zones(const WorldParams& w, Geography& g) {
  g.zone.resize(g.size());
  for (std::size_t i = 0; i < g.size(); ++i) {
    Stream s = city_stream(w.seed, CityRole::Zone, i);
    g.zone[i] = draw_zone(w, s);
  }
  std::vector<std::ptrdiff_t> capital(static_cast<std::size_t>(std::max(g.num_provinces, 0)), -1);
  for (std::size_t i = 0; i < g.size() && !capital.empty(); ++i) {
    auto& c = capital[static_cast<std::size_t>(g.province[i])];
    if (c < 0 || g.base_gdp[i] > g.base_gdp[static_cast<std::size_t>(c)])
      c = static_cast<std::ptrdiff_t>(i);
  }
  for (const auto c : capital)
    if (c >= 0) g.zone[static_cast<std::size_t>(c)] = Zone::Urban;
}

/// Each source fills its own slot (upper triangle only), so the result does not depend on the
/// thread count; the lower triangle is mirrored so the pattern and distances are exactly
/// symmetric despite rounding differences between the two directions.
void build_near_distances(Geography& g, double max_km) {
  const std::size_t n = g.size();
  std::vector<NearRow> upper(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 16), [&](const auto& range) {
    std::vector<double> dist(n, kInf);
    for (std::size_t i = range.begin(); i != range.end(); ++i)
      upper[i] = bounded_dijkstra(g, static_cast<std::uint32_t>(i), max_km, dist);
  });
  std::vector<NearRow> lower(n);  // filled in source order, hence sorted by index
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& [j, d] : upper[i]) lower[j].emplace_back(static_cast<std::uint32_t>(i), d);
  g.near_start.assign(1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto* part : {&lower[i], &upper[i]})
      for (const auto& [j, d] : *part) g.near.push_back(j), g.near_km.push_back(d);
    g.near_start.push_back(static_cast<std::uint32_t>(g.near.size()));
  }
}

const char* zone_name(Zone z) {
  switch (z) {
    case Zone::Urban:
      return "urban";
    case Zone::Development:
      return "development";
    case Zone::Agricultural:
      return "agricultural";
    case Zone::Ecological:
      return "ecological";
  }
  return "unknown";
}

Geography make_geography(const WorldParams& world, double spill_max_km) {
  Geography g;
  const auto n = static_cast<std::size_t>(std::max(world.cities, 0));
  for (std::size_t i = 0; i < n; ++i) g.names.push_back("City " + std::to_string(i + 1));
  if (world.graph == GraphKind::Grid)
    grid_cities(world, g);
  else
    scatter_cities(world, g);
  assign_provinces(world, g);
  draw_city_sizes(world, g);
  draw_city_zones(world, g);
  build_graph(world, g);
  build_near_distances(g, spill_max_km);
  return g;
}

Eigen::SparseMatrix<double, Eigen::RowMajor> spillover_weights(const Geography& g, double d_half_km,
                                                               double kappa_k) {
  const auto n = static_cast<Eigen::Index>(g.size());
  const double rate = std::numbers::ln2 / d_half_km;  // per km
  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(g.near.size());
  for (std::size_t i = 0; i < g.size(); ++i)
    for (std::uint32_t e = g.near_start[i]; e < g.near_start[i + 1]; ++e) {
      const std::uint32_t j = g.near[e];
      const double border = g.province[i] != g.province[j] ? 1.0 - kappa_k : 1.0;
      const double weight = std::exp(-rate * g.near_km[e]) * border;
      // A closed border leaves an exact zero: not stored, so W stays as sparse as it can.
      if (weight != 0.0) triplets.emplace_back(static_cast<int>(i), static_cast<int>(j), weight);
    }
  Eigen::SparseMatrix<double, Eigen::RowMajor> m(n, n);
  m.setFromTriplets(triplets.begin(), triplets.end());
  return m;
}

}  // namespace regsim::sim
