// What the live view draws: a plain copy of the model taken at a step boundary.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agents/metrics.h"
#include "agents/model.h"
#include "agents/model_params.h"
#include "agents/param_table.h"
#include "sim/columns.h"
#include "sim/types.h"
#include "visual/map_outlines.h"

namespace regsim::visual {

struct TrackSnap {
  std::string name;
  double capacity = 0, pipeline = 0, demand = 0, output = 0, cu = 0;  ///< units per quarter
  double price = 0, frontier_cost = 0;                                ///< yuan per unit
  /// Cash cost per unit of the average plant (capacity-weighted mean unit cost; 0 without
  /// capacity): the price is below it when most capacity sells below its cash cost.
  double cash_cost = 0;
  double price_last_year = 0;  ///< mean price over the last full year
  double zombie_share = 0, signal = 0;
  /// Price-war intensity w of the last clearing (cournot conduct; 0 otherwise): 1 = pricing at
  /// average variable cost.
  double war_intensity = 0;
  double loss_share = 0;  ///< loss-making share of the firms with active capacity
  /// Sold to and bought from the rest of the world last quarter (market.rest_of_world).
  double exports = 0, imports = 0;
  int firms = 0, cities_listing = 0, entries = 0, exits = 0;
};

struct CitySnap {
  std::string name, zone;
  int province = 0;
  double x_km = 0, y_km = 0;
  double gdp_quarter = 0, gdp_last_year = 0, gdp_prev_year = 0;
  double debt = 0;          ///< stock of local debt
  double cu = -1;           ///< output / capacity over its tracks; -1 when it has no capacity
  double capacity = 0;      ///< active capacity over all tracks
  double subsidy_rate = 0;  ///< capex subsidy share offered on listed tracks
  double protection = 0;    ///< h in [0, 1]
  double pressure = 0;      ///< promotion pressure pi of the official (0 past the age limit)
  int firms = 0, zombies = 0;
  int dominant_track = -1;                ///< track with the largest output, -1 when none
  std::vector<int> priorities;            ///< listed tracks, in track order
  std::vector<double> output_by_track;    ///< cell output last quarter
  std::vector<double> capacity_by_track;  ///< active capacity per track
  std::vector<double> pipeline_by_track;  ///< capacity its firms have ordered, not yet active
  std::uint32_t official_id = 0;
  int official_tenure = 0;  ///< years in post
  double official_age = 0;
  bool promoted = false;  ///< the previous official was promoted at the last evaluation
  int promotions_total = 0;
};

/// One graph edge with its spillover weight (mean of W_ij and W_ji).
struct EdgeSnap {
  std::uint32_t a = 0, b = 0;
  double weight = 0;
};

/// Firms, only as far as the event ticker needs them (struct of arrays, firm order).
struct FirmsSnap {
  std::vector<sim::FirmId> id;
  std::vector<sim::CityId> city;
  std::vector<std::uint8_t> zombie;      ///< bailed out and kept alive
  std::vector<std::uint8_t> distressed;  ///< losing money or negative equity
};

/// One per-city or per-cell column of the world's state, copied through the world's column list
/// (sim::for_each_column): every such column is here without a list kept by hand, so a column
/// the model gains can be shown on the map ("State column" mode) without changing the view.
struct ColumnSnap {
  std::string name;                        ///< "cities.debt", "world.city_price"
  sim::Extent extent = sim::Extent::City;  ///< City or Cell
  sim::Lifetime lifetime = sim::Lifetime::Persistent;
  std::vector<double> values;  ///< per city, or per cell (city * tracks + track)
};

struct Snapshot {
  sim::Tick tick = 0;  ///< ticks completed; the next step runs tick `tick`
  int total_ticks = 0;
  std::uint64_t seed = 0;
  bool stepped = false;  ///< false for the tick-0 snapshot taken before any step
  agents::NationalMetrics national;
  agents::ModelParams params;  ///< parameters in force after the last step
  std::vector<TrackSnap> tracks;
  std::vector<CitySnap> cities;
  std::vector<EdgeSnap> edges;
  FirmsSnap firms;
  std::vector<agents::ParamChange> changes;  ///< changes applied during the last step
  std::vector<ColumnSnap> columns;           ///< every City and Cell column that is not a cache
  double max_edge_weight = 0;
  /// The map's outlines (shared by every snapshot of a session; loaded once at start), or null
  /// for a synthetic world or a map without outlines.csv. Set by the Session, not take_snapshot.
  std::shared_ptr<MapOutlines> outlines;
};

/// The column called `name`, or null.
const ColumnSnap* find_column(const Snapshot& s, std::string_view name);

/// How the view names a city's position: "index 5 · province 7", the `city` and `province`
/// columns of cities.csv, which count from 0. (Synthetic names count from 1: index 5 is "City 6".)
std::string city_ids_text(const Snapshot& s, std::size_t city);

/// The city `text` names: an index as in cities.csv (from 0) or a name (exact, ignoring ASCII
/// case). Returns -1 and sets `error` when there is no such city.
int find_city(const Snapshot& s, const std::string& text, std::string& error);

/// Copies what the view needs from a model; `applied_before` is model.applied.size() before
/// the last step, so that the changes that step applied can be listed. `after_step` is false
/// only for the snapshot of a freshly built model.
Snapshot take_snapshot(const agents::Model& model, std::size_t applied_before,
                       bool after_step = true);

}  // namespace regsim::visual
