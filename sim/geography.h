// Synthetic geography: city positions, provinces, the city graph and spillover weights.
#pragma once

#include <Eigen/SparseCore>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/params.h"

namespace regsim::sim {

/// Functional zone of a city (MODEL.md section 2); drives differentiated evaluation.
enum class Zone : std::uint8_t { Urban, Development, Agricultural, Ecological };
const char* zone_name(Zone z);

/// Where the cities are and how they are linked. Built once per run, read-only afterwards.
struct Geography {
  std::vector<std::string> names;  ///< "City 17" or a real name
  std::vector<int> province;       ///< province index in [0, provinces)
  std::vector<double> x_km, y_km;  ///< position
  std::vector<double> population;  ///< millions
  std::vector<double> base_gdp;    ///< quarterly non-track GDP at t = 0
  std::vector<Zone> zone;
  /// Undirected graph as CSR adjacency (neighbours of i are adj[adj_start[i] .. adj_start[i+1])),
  /// with the edge length in km; built with Boost.Graph, stored flat for fast reads.
  std::vector<std::uint32_t> adj_start, adj;
  std::vector<double> adj_km;
  /// Bounded shortest-path distances (graph distance in km, <= SpilloverParams::max_km), as a
  /// sparse pattern: pairs (i, j), i != j, with their distance. Symmetric.
  std::vector<std::uint32_t> near_start, near;  ///< CSR, like adj
  std::vector<double> near_km;
  int num_provinces = 0;

  std::size_t size() const { return names.size(); }
};

/// Generates a synthetic geography from the world parameters, deterministically from the seed.
/// Cities are scattered in a square; provinces are contiguous regions (nearest province seed);
/// the graph is k-nearest neighbours with a distance cutoff, small-world or grid, always connected.
Geography make_geography(const WorldParams& world, double spill_max_km);

/// Base GDP (lognormal, rescaled to world.base_gdp exactly) and population of every city, drawn
/// from the seed; city i gets the same draw in a synthetic world and on a loaded map.
void draw_city_sizes(const WorldParams& world, Geography& g);
/// Functional zones drawn by their shares; the largest city of each province is made urban.
/// Needs provinces and sizes.
void draw_city_zones(const WorldParams& world, Geography& g);

/// Fills g.near / g.near_km / g.near_start: every city within max_km of graph distance, by
/// bounded Dijkstra per source (parallel; the result does not depend on the thread count).
void build_near_distances(Geography& g, double max_km);

/// Spillover weights W_ij = exp(-ln 2 * d_ij / d_half) * (1 - kappa_K * [different province]) over
/// the bounded distance pattern; row i holds the weights city i receives from its neighbours.
Eigen::SparseMatrix<double, Eigen::RowMajor> spillover_weights(const Geography& g, double d_half_km,
                                                               double kappa_k);

}  // namespace regsim::sim
