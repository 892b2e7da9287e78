// The whole simulation state as plain data (struct of arrays); behaviour lives in agents/.
#pragma once

#include <Eigen/SparseCore>
#include <cstdint>
#include <vector>

#include "sim/firms.h"
#include "sim/geography.h"
#include "sim/types.h"

namespace regsim::sim {

/// Per-track state, indexed by TrackIndex.
struct Tracks {
  std::vector<double> demand_shock;      ///< log AR(1) demand shock
  std::vector<double> demand_scale;      ///< A_k(t) including the shock
  std::vector<double> cum_output;        ///< CumQ_k: cumulative global output
  std::vector<double> cum_output0;       ///< CumQ_k(0)
  std::vector<double> frontier_cost;     ///< c_k(t)
  std::vector<double> capex;             ///< I_k(t): capex per unit, following the learning curve
  std::vector<double> export_price;      ///< P* of the last clearing
  std::vector<double> price_index;       ///< demand-weighted mean city price of the last clearing
  std::vector<double> capacity;          ///< active capacity after commissioning
  std::vector<double> pipeline;          ///< capacity under construction
  std::vector<double> demand;            ///< quantity demanded (= consumed) last clearing
  std::vector<double> output;            ///< quantity produced last clearing
  std::vector<double> price_year_sum;    ///< sum of price_index over the current year
  std::vector<double> price_last_year;   ///< mean price_index over the last full year
  std::vector<double> demand_last_year;  ///< mean demand over the last full year
  std::vector<double> demand_prev_year;  ///< the year before
  std::vector<double> demand_year_sum;
  std::vector<double> entrant_capacity;   ///< K0 scale at t = 0 (mean incumbent, capped)
  std::vector<double> initial_demand;     ///< A_k(0), the scale entrants' size grows from
  std::vector<int> cities_listing;        ///< governments with k on their priority list
  std::vector<int> family;                ///< family index (relatedness)
  std::vector<double> median_efficiency;  ///< national median log efficiency (precise regime)
  std::vector<std::uint8_t> banned;       ///< capacity controls: new capacity banned this year
  std::size_t size() const { return demand_scale.size(); }
};

/// Per-city state, indexed by CityIndex; cell arrays are N x K row-major (city, track).
struct Cities {
  std::vector<double> log_endowment;             ///< ln theta_ik (cell)
  std::vector<double> log_knowledge;             ///< ln A_ik (cell)
  std::vector<double> log_knowledge_next;        ///< double buffer for spillovers
  std::vector<double> log_knowledge_year_start;  ///< for the innovation metric
  std::vector<Tick> last_entry;                  ///< last tick a firm entered the cell
  std::vector<double> cell_output;               ///< quantity produced in the cell last tick
  std::vector<double> cell_capacity;             ///< active capacity in the cell
  std::vector<double> cell_home_share;           ///< local firms' share of the city's own demand
  std::vector<std::uint8_t> listed;              ///< k on city i's priority list (cell)
  std::vector<std::uint8_t> listed_last_year;
  std::vector<std::uint8_t> rca;  ///< M_ik: revealed comparative advantage >= 1
  std::vector<double> density;    ///< omega_ik

  std::vector<double> gdp;            ///< quarterly GDP, last tick
  std::vector<double> gdp_year;       ///< GDP summed over the current year
  std::vector<double> gdp_last_year;  ///< annual GDP of the last full year
  std::vector<double> gdp_prev_year;  ///< the year before
  std::vector<double> gdp_share;      ///< lagged share of national GDP (demand weights)
  std::vector<double> base_gdp;       ///< current base (non-track) GDP per quarter
  std::vector<double> debt;           ///< B_i
  std::vector<double> revenue_tick, spending_tick;
  std::vector<double> subsidies_tick;  ///< subsidies paid this tick (capex + production)
  std::vector<double> bailouts_tick;
  std::vector<double> retraining_tick;
  std::vector<int> entries_year;         ///< entrants (local and mobile) this year
  std::vector<int> mobile_entries_year;  ///< mobile entrants that chose this city this year
  std::vector<double> subsidies_year;    ///< paid over the current year (for cities.csv)
  std::vector<double> jobs;              ///< thousands employed by local firms
  std::vector<double> pollution_tick;
  std::vector<double> pollution_year;
  std::vector<double> capex_tick;      ///< capex spent locally this tick
  std::vector<double> protection;      ///< h_i in [0, 1]
  std::vector<double> subsidy_rate;    ///< s_i: capex subsidy share offered on listed tracks
  std::vector<double> pressure;        ///< pi_i: promotion pressure
  std::vector<std::uint8_t> complies;  ///< follows national capacity controls this year
  std::vector<double> closure_draw;    ///< u_i: the city closes clusters if u_i < closed share
  std::vector<std::uint8_t> closed;    ///< cell closed to entrants this tick (Q8 lever)
  std::vector<double> home_share;      ///< local firms' share of own demand, last clearing
  std::vector<double> home_share_last_year;

  // The official in post.
  std::vector<std::uint32_t> official_id;  ///< increments on turnover; keys official streams
  std::vector<double> official_age;
  std::vector<int> official_tenure;  ///< years in post
  std::vector<double> risk_aversion;
  std::vector<int> failures;               ///< failures recorded during the tenure
  std::vector<double> growth_sum;          ///< sum of annual growth over the tenure
  std::vector<double> score;               ///< evaluation score z within the province
  std::vector<std::uint8_t> promoted;      ///< promoted at the last evaluation
  std::vector<std::uint8_t> new_official;  ///< took office at the last evaluation
  std::vector<int> promotions_total;
};

/// Flows of the current tick, reset at its start, used by accounting and metrics.
struct TickFlows {
  double subsidies_paid = 0, subsidies_received = 0;
  double bailouts = 0, retraining = 0;
  double capex = 0;
  double exports = 0, imports = 0;
  double interprovincial = 0;  ///< net exports between provinces
  double consumer_surplus = 0, producer_surplus = 0, idle_capital_cost = 0;
  double written_off = 0;
  int entries = 0, exits = 0, bailouts_count = 0, mobile_entries = 0;
  int exits_distress = 0, exits_exogenous = 0;
  std::vector<int> entries_by_track, exits_by_track;
  std::vector<double> subsidies_by_track;
};

struct World {
  std::uint64_t seed = 0;
  std::uint32_t run = 0;
  Tick tick = 0;
  FirmId next_firm_id = 0;
  Geography geo;
  Eigen::SparseMatrix<double, Eigen::RowMajor> spill;  ///< W_ij for the current kappa
  double spill_kappa_k = -1;                           ///< the kappa_K W was built for
  std::vector<double> relatedness;                     ///< phi, K x K row-major
  Tracks tracks;
  Cities cities;
  Firms firms;
  std::vector<PipelineEntry> pipeline;
  /// Cache, not state: each track's firm ids in last tick's merit order, and the first id not yet
  /// seen by it, so the next order is a cheap re-sort of a nearly sorted list.
  std::vector<std::vector<FirmId>> merit_order;
  FirmId merit_next_id = 0;
  /// Production subsidy per unit of each firm this tick (sq_f), set by market clearing and read
  /// by the accounts of the same tick (nothing it depends on changes in between).
  std::vector<double> production_subsidy_tick;
  std::vector<double> city_price;  ///< N x K: price in each city's market, last clearing
  std::vector<double> net_export;  ///< N x K
  TickFlows flows;

  std::size_t num_cities() const { return geo.size(); }
  std::size_t num_tracks() const { return tracks.size(); }
  std::size_t cell(CityIndex i, TrackIndex k) const { return i * num_tracks() + k; }
};

}  // namespace regsim::sim
