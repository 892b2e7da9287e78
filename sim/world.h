// The whole simulation state as plain data (struct of arrays); behaviour lives in agents/.
#pragma once

#include <Eigen/SparseCore>
#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/columns.h"
#include "sim/firms.h"
#include "sim/geography.h"
#include "sim/types.h"

namespace regsim::sim {

// Every struct below has a column list (Columns<...>, right after it) giving each member's
// lifetime: persistent state, year accumulators, tick flows or caches. The members are grouped
// by lifetime in that order. Adding a member without adding it to the list fails the build.

/// Per-track state, indexed by TrackId.
struct Tracks {
  // Persistent state.
  std::vector<double> demand_shock;       ///< log AR(1) demand shock
  std::vector<double> demand_scale;       ///< A_k(t) including the shock
  std::vector<double> cum_output;         ///< CumQ_k: cumulative global output
  std::vector<double> cum_output0;        ///< CumQ_k(0)
  std::vector<double> frontier_cost;      ///< c_k(t)
  std::vector<double> capex;              ///< I_k(t): capex per unit, following the learning curve
  std::vector<double> export_price;       ///< P* of the last clearing
  std::vector<double> price_index;        ///< demand-weighted mean city price of the last clearing
  std::vector<double> capacity;           ///< active capacity after commissioning
  std::vector<double> pipeline;           ///< capacity under construction
  std::vector<double> demand;             ///< quantity demanded (= consumed) last clearing
  std::vector<double> output;             ///< quantity produced last clearing
  std::vector<double> price_last_year;    ///< mean price_index over the last full year
  std::vector<double> demand_last_year;   ///< mean demand over the last full year
  std::vector<double> demand_prev_year;   ///< the year before
  std::vector<double> entrant_capacity;   ///< K0 scale at t = 0 (mean incumbent, capped)
  std::vector<double> initial_demand;     ///< A_k(0), the scale entrants' size grows from
  std::vector<int> cities_listing;        ///< governments with k on their priority list
  std::vector<int> family;                ///< family index (relatedness)
  std::vector<double> median_efficiency;  ///< national median log efficiency (precise regime)
  std::vector<std::uint8_t> banned;       ///< capacity controls: new capacity banned this year
  /// Smoothed capacity utilisation that sets the price-war intensity (docs/model.md 4.2):
  /// s <- (1 - lambda) s + lambda CU after each clearing; < 0 before the first clearing.
  std::vector<double> war_signal;
  std::vector<double> war_intensity;  ///< price-war intensity w of the last clearing (cournot)
  std::vector<double> conduct;        ///< effective conduct theta (1 - w) of the last clearing
  /// Smoothed price index pbar (docs/model.md 4.3): ln pbar <- (1 - lambda) ln pbar + lambda ln P
  /// after each clearing that trades; < 0 before the first.
  std::vector<double> price_smoothed;
  std::vector<double> world_exports;  ///< sold to the rest of the world in the last clearing
  std::vector<double> world_imports;  ///< bought from the rest of the world in the last clearing
  // Year accumulators.
  std::vector<double> price_year_sum;   ///< sum of price_index over the current year
  std::vector<double> demand_year_sum;  ///< sum of demand over the current year

  std::size_t size() const { return demand_scale.size(); }
};

template <>
struct Columns<Tracks> {
  using Self = Tracks;
  static constexpr std::string_view group = "tracks";
  static constexpr auto list = std::tuple{
      REGSIM_COLUMN(demand_shock, Persistent, Track),
      REGSIM_COLUMN(demand_scale, Persistent, Track),
      REGSIM_COLUMN(cum_output, Persistent, Track),
      REGSIM_COLUMN(cum_output0, Persistent, Track),
      REGSIM_COLUMN(frontier_cost, Persistent, Track),
      REGSIM_COLUMN(capex, Persistent, Track),
      REGSIM_COLUMN(export_price, Persistent, Track),
      REGSIM_COLUMN(price_index, Persistent, Track),
      REGSIM_COLUMN(capacity, Persistent, Track),
      REGSIM_COLUMN(pipeline, Persistent, Track),
      REGSIM_COLUMN(demand, Persistent, Track),
      REGSIM_COLUMN(output, Persistent, Track),
      REGSIM_COLUMN(price_last_year, Persistent, Track),
      REGSIM_COLUMN(demand_last_year, Persistent, Track),
      REGSIM_COLUMN(demand_prev_year, Persistent, Track),
      REGSIM_COLUMN(entrant_capacity, Persistent, Track),
      REGSIM_COLUMN(initial_demand, Persistent, Track),
      REGSIM_COLUMN(cities_listing, Persistent, Track),
      REGSIM_COLUMN(family, Persistent, Track),
      REGSIM_COLUMN(median_efficiency, Persistent, Track),
      REGSIM_COLUMN(banned, Persistent, Track),
      REGSIM_COLUMN(war_signal, Persistent, Track),
      REGSIM_COLUMN(war_intensity, Persistent, Track),
      REGSIM_COLUMN(conduct, Persistent, Track),
      REGSIM_COLUMN(price_smoothed, Persistent, Track),
      REGSIM_COLUMN(world_exports, Persistent, Track),
      REGSIM_COLUMN(world_imports, Persistent, Track),
      REGSIM_COLUMN(price_year_sum, Year, Track),
      REGSIM_COLUMN(demand_year_sum, Year, Track),
  };
};
static_assert(lists_every_member<Tracks>, "a member of Tracks is missing from its column list");

/// Per-city state, indexed by CityId; cell columns are N x K row-major (city, track).
struct Cities {
  // Persistent state: cells.
  std::vector<double> log_endowment;             ///< ln theta_ik
  std::vector<double> log_knowledge;             ///< ln A_ik
  std::vector<double> log_knowledge_year_start;  ///< ln A_ik at the start of the year (innovation)
  std::vector<Tick> last_entry;                  ///< last tick a firm entered the cell
  std::vector<double> cell_output;               ///< quantity produced in the cell last tick
  std::vector<double> cell_capacity;             ///< active capacity in the cell
  std::vector<std::uint8_t> listed;              ///< k on city i's priority list
  std::vector<std::uint8_t> listed_last_year;    ///< the list before this year's planning
  std::vector<std::uint8_t> rca;                 ///< M_ik: revealed comparative advantage >= 1
  std::vector<double> density;                   ///< omega_ik
  std::vector<std::uint8_t> closed;              ///< cell closed to entrants this year (Q8 lever)
  std::vector<double> mill_price_last_year;  ///< the city's mean price (its mill price) last year
  // Persistent state: cities.
  std::vector<double> gdp;                   ///< quarterly GDP, last tick
  std::vector<double> gdp_last_year;         ///< annual GDP of the last full year
  std::vector<double> gdp_prev_year;         ///< the year before
  std::vector<double> gdp_share;             ///< lagged share of national GDP (demand weights)
  std::vector<double> base_gdp;              ///< current base (non-track) GDP per quarter
  std::vector<double> debt;                  ///< B_i
  std::vector<double> jobs;                  ///< thousands employed by local firms, last tick
  std::vector<double> protection;            ///< h_i in [0, 1]
  std::vector<double> subsidy_rate;          ///< s_i: capex subsidy share offered on listed tracks
  std::vector<double> pressure;              ///< pi_i: promotion pressure
  std::vector<std::uint8_t> complies;        ///< follows national capacity controls this year
  std::vector<double> closure_draw;          ///< u_i: the city closes clusters if u_i < share
  std::vector<double> home_share;            ///< local firms' share of own demand, last clearing
  std::vector<double> home_share_last_year;  ///< home_share at the last planning round
  // Persistent state: the official in post.
  std::vector<std::uint32_t> official_id;  ///< increments on turnover; keys official streams
  std::vector<double> official_age;        ///< years
  std::vector<int> official_tenure;        ///< years in post
  std::vector<double> risk_aversion;
  std::vector<int> failures;               ///< failures recorded during the tenure
  std::vector<double> growth_sum;          ///< sum of annual growth over the tenure
  std::vector<double> score;               ///< evaluation score z within the province
  std::vector<std::uint8_t> promoted;      ///< promoted at the last evaluation
  std::vector<std::uint8_t> new_official;  ///< took office at the last evaluation
  std::vector<int> promotions_total;       ///< promotions of the city's officials so far
  // Year accumulators.
  std::vector<double> gdp_year;             ///< GDP summed over the current year
  std::vector<int> entries_year;            ///< entrants (local and mobile) this year
  std::vector<int> mobile_entries_year;     ///< mobile entrants that chose this city this year
  std::vector<double> subsidies_year;       ///< paid over the current year (for cities.csv)
  std::vector<double> pollution_year;       ///< pollution over the current year
  std::vector<double> mill_price_year_sum;  ///< cells: the city's price summed over this year
  // Tick flows.
  std::vector<double> revenue_tick;     ///< tax revenue this tick
  std::vector<double> spending_tick;    ///< spending this tick (baseline + support)
  std::vector<double> subsidies_tick;   ///< subsidies paid this tick (capex + production)
  std::vector<double> bailouts_tick;    ///< bailouts paid this tick
  std::vector<double> retraining_tick;  ///< retraining paid this tick
  std::vector<double> pollution_tick;   ///< pollution this tick
  std::vector<double> capex_tick;       ///< capex spent locally this tick
  std::vector<double> fund_tick;  ///< guidance-fund equity the city paid into projects this tick
  // Scratch (cells).
  std::vector<double> log_knowledge_next;  ///< double buffer for spillovers
  std::vector<double> cell_home_share;     ///< local firms' supply to their own city, per track
  // Output accumulators (cells): for cells.csv only.
  std::vector<int> cell_entries_year;       ///< entrants into the cell this year
  std::vector<int> cell_exits_year;         ///< exits from the cell this year
  std::vector<double> cell_subsidies_year;  ///< subsidies its firms received this year
};

template <>
struct Columns<Cities> {
  using Self = Cities;
  static constexpr std::string_view group = "cities";
  static constexpr auto list = std::tuple{
      REGSIM_COLUMN(log_endowment, Persistent, Cell),
      REGSIM_COLUMN(log_knowledge, Persistent, Cell),
      REGSIM_COLUMN(log_knowledge_year_start, Persistent, Cell),
      REGSIM_COLUMN(last_entry, Persistent, Cell),
      REGSIM_COLUMN(cell_output, Persistent, Cell),
      REGSIM_COLUMN(cell_capacity, Persistent, Cell),
      REGSIM_COLUMN(listed, Persistent, Cell),
      REGSIM_COLUMN(listed_last_year, Persistent, Cell),
      REGSIM_COLUMN(rca, Persistent, Cell),
      REGSIM_COLUMN(density, Persistent, Cell),
      REGSIM_COLUMN(closed, Persistent, Cell),
      REGSIM_COLUMN(mill_price_last_year, Persistent, Cell),
      REGSIM_COLUMN(gdp, Persistent, City),
      REGSIM_COLUMN(gdp_last_year, Persistent, City),
      REGSIM_COLUMN(gdp_prev_year, Persistent, City),
      REGSIM_COLUMN(gdp_share, Persistent, City),
      REGSIM_COLUMN(base_gdp, Persistent, City),
      REGSIM_COLUMN(debt, Persistent, City),
      REGSIM_COLUMN(jobs, Persistent, City),
      REGSIM_COLUMN(protection, Persistent, City),
      REGSIM_COLUMN(subsidy_rate, Persistent, City),
      REGSIM_COLUMN(pressure, Persistent, City),
      REGSIM_COLUMN(complies, Persistent, City),
      REGSIM_COLUMN(closure_draw, Persistent, City),
      REGSIM_COLUMN(home_share, Persistent, City),
      REGSIM_COLUMN(home_share_last_year, Persistent, City),
      REGSIM_COLUMN(official_id, Persistent, City),
      REGSIM_COLUMN(official_age, Persistent, City),
      REGSIM_COLUMN(official_tenure, Persistent, City),
      REGSIM_COLUMN(risk_aversion, Persistent, City),
      REGSIM_COLUMN(failures, Persistent, City),
      REGSIM_COLUMN(growth_sum, Persistent, City),
      REGSIM_COLUMN(score, Persistent, City),
      REGSIM_COLUMN(promoted, Persistent, City),
      REGSIM_COLUMN(new_official, Persistent, City),
      REGSIM_COLUMN(promotions_total, Persistent, City),
      REGSIM_COLUMN(gdp_year, Year, City),
      REGSIM_COLUMN(entries_year, Year, City),
      REGSIM_COLUMN(mobile_entries_year, Year, City),
      REGSIM_COLUMN(subsidies_year, Year, City),
      REGSIM_COLUMN(pollution_year, Year, City),
      REGSIM_COLUMN(mill_price_year_sum, Year, Cell),
      REGSIM_COLUMN(revenue_tick, Flow, City),
      REGSIM_COLUMN(spending_tick, Flow, City),
      REGSIM_COLUMN(subsidies_tick, Flow, City),
      REGSIM_COLUMN(bailouts_tick, Flow, City),
      REGSIM_COLUMN(retraining_tick, Flow, City),
      REGSIM_COLUMN(pollution_tick, Flow, City),
      REGSIM_COLUMN(capex_tick, Flow, City),
      REGSIM_COLUMN(fund_tick, Flow, City),
      REGSIM_COLUMN(log_knowledge_next, Cache, Cell),
      REGSIM_COLUMN(cell_home_share, Cache, Cell),
      REGSIM_COLUMN(cell_entries_year, Output, Cell),
      REGSIM_COLUMN(cell_exits_year, Output, Cell),
      REGSIM_COLUMN(cell_subsidies_year, Output, Cell),
  };
};
static_assert(lists_every_member<Cities>, "a member of Cities is missing from its column list");

/// National flows of the current tick (Lifetime::Flow), zeroed by begin_tick.
struct TickFlows {
  double subsidies_paid = 0;      ///< by cities (capex, land and production support)
  double subsidies_received = 0;  ///< by firms (equals subsidies_paid)
  double bailouts = 0;
  double retraining = 0;
  double exports = 0;
  double imports = 0;
  double interprovincial = 0;  ///< net exports between provinces
  double consumer_surplus = 0;
  double producer_surplus = 0;
  double idle_capital_cost = 0;
  double written_off = 0;  ///< debt of exiting firms
  // Full welfare accounting (docs/model.md section 10).
  double operating_surplus = 0;  ///< sum of R - c q - fixed cost: before subsidies and capital
  double capital_cost = 0;       ///< (r + d) times the gross book of every firm
  double exit_loss = 0;          ///< gross book scrapped at exit (less unspent order capex) - scrap
  double scrap_value = 0;        ///< proceeds of scrapped capacity
  double jobs_lost = 0;          ///< thousand jobs shed by exiting firms
  double job_loss_cost = 0;      ///< their unemployment: jobs x wage x spell
  // Forward-looking exit (exit.rule forward_looking).
  int exits_voluntary = 0;  ///< firms that left because staying was worth less than scrapping
  int mothballs = 0;        ///< firms that mothballed their active capacity
  int reactivations = 0;    ///< firms that started reactivating mothballed capacity
  int entries = 0;
  int exits = 0;
  int bailouts_count = 0;
  int mobile_entries = 0;
  int exits_distress = 0;
  int exits_exogenous = 0;
  double fund_investment = 0;  ///< guidance-fund equity paid by cities
  int fund_entries = 0;        ///< fund-backed entrants
  std::vector<int> entries_by_track;
  std::vector<int> exits_by_track;
  std::vector<double> subsidies_by_track;
};

template <>
struct Columns<TickFlows> {
  using Self = TickFlows;
  static constexpr std::string_view group = "flows";
  static constexpr auto list = std::tuple{
      REGSIM_COLUMN(subsidies_paid, Flow, Scalar),
      REGSIM_COLUMN(subsidies_received, Flow, Scalar),
      REGSIM_COLUMN(bailouts, Flow, Scalar),
      REGSIM_COLUMN(retraining, Flow, Scalar),
      REGSIM_COLUMN(exports, Flow, Scalar),
      REGSIM_COLUMN(imports, Flow, Scalar),
      REGSIM_COLUMN(interprovincial, Flow, Scalar),
      REGSIM_COLUMN(consumer_surplus, Flow, Scalar),
      REGSIM_COLUMN(producer_surplus, Flow, Scalar),
      REGSIM_COLUMN(idle_capital_cost, Flow, Scalar),
      REGSIM_COLUMN(written_off, Flow, Scalar),
      REGSIM_COLUMN(operating_surplus, Flow, Scalar),
      REGSIM_COLUMN(capital_cost, Flow, Scalar),
      REGSIM_COLUMN(exit_loss, Flow, Scalar),
      REGSIM_COLUMN(scrap_value, Flow, Scalar),
      REGSIM_COLUMN(jobs_lost, Flow, Scalar),
      REGSIM_COLUMN(job_loss_cost, Flow, Scalar),
      REGSIM_COLUMN(exits_voluntary, Flow, Scalar),
      REGSIM_COLUMN(mothballs, Flow, Scalar),
      REGSIM_COLUMN(reactivations, Flow, Scalar),
      REGSIM_COLUMN(entries, Flow, Scalar),
      REGSIM_COLUMN(exits, Flow, Scalar),
      REGSIM_COLUMN(bailouts_count, Flow, Scalar),
      REGSIM_COLUMN(mobile_entries, Flow, Scalar),
      REGSIM_COLUMN(exits_distress, Flow, Scalar),
      REGSIM_COLUMN(exits_exogenous, Flow, Scalar),
      REGSIM_COLUMN(fund_investment, Flow, Scalar),
      REGSIM_COLUMN(fund_entries, Flow, Scalar),
      REGSIM_COLUMN(entries_by_track, Flow, Track),
      REGSIM_COLUMN(exits_by_track, Flow, Track),
      REGSIM_COLUMN(subsidies_by_track, Flow, Track),
  };
};
static_assert(lists_every_member<TickFlows>, "a member of TickFlows is missing from its list");

struct World {
  // Persistent state.
  std::uint64_t seed = 0;
  std::uint32_t run = 0;
  Tick tick = 0;
  FirmId next_firm_id{};
  std::vector<double> relatedness;  ///< phi, K x K row-major
  Tracks tracks;
  Cities cities;
  Firms firms;
  Orders orders;                   ///< capacity under construction
  std::vector<double> city_price;  ///< N x K: price in each city's market, last clearing
  std::vector<double> net_export;  ///< N x K: net exports of each city, last clearing
  // Tick flows.
  TickFlows flows;
  // Caches: rebuilt from the config and the state above.
  Geography geo;                                       ///< built from the config (or map)
  Eigen::SparseMatrix<double, Eigen::RowMajor> spill;  ///< W_ij for the current kappa
  double spill_kappa_k = -1;                           ///< the kappa_K W was built for
  /// Each track's firm ids in last tick's merit order, and the first id not yet seen by it, so
  /// the next order is a cheap re-sort of a nearly sorted list.
  std::vector<std::vector<FirmId>> merit_order;
  FirmId merit_next_id{};
  /// Production subsidy per unit of each firm this tick (sq_f), set by market clearing and read
  /// by the accounts of the same tick (nothing it depends on changes in between).
  std::vector<double> production_subsidy_tick;

  std::size_t num_cities() const { return geo.size(); }
  std::size_t num_tracks() const { return tracks.size(); }
  /// The province city i belongs to.
  ProvinceId province(CityId i) const {
    return ProvinceId::at(static_cast<std::size_t>(geo.province[i.index()]));
  }
  /// Position of cell (i, k) in the cell columns.
  std::size_t cell(CityId i, TrackId k) const { return i.index() * num_tracks() + k.index(); }
};

template <>
struct Columns<World> {
  using Self = World;
  static constexpr std::string_view group = "world";
  static constexpr auto list = std::tuple{
      REGSIM_COLUMN(seed, Persistent, Scalar),
      REGSIM_COLUMN(run, Persistent, Scalar),
      REGSIM_COLUMN(tick, Persistent, Scalar),
      REGSIM_COLUMN(next_firm_id, Persistent, Scalar),
      REGSIM_COLUMN(relatedness, Persistent, TrackPair),
      nested(&World::tracks),
      nested(&World::cities),
      nested(&World::firms),
      nested(&World::orders),
      REGSIM_COLUMN(city_price, Persistent, Cell),
      REGSIM_COLUMN(net_export, Persistent, Cell),
      nested(&World::flows),
      skipped("geo"),
      skipped("spill"),
      REGSIM_COLUMN(spill_kappa_k, Cache, Scalar),
      skipped("merit_order"),
      REGSIM_COLUMN(merit_next_id, Cache, Scalar),
      REGSIM_COLUMN(production_subsidy_tick, Cache, Firm),
  };
};
static_assert(lists_every_member<World>, "a member of World is missing from its column list");

/// Gives every column of w its length for `cities` cities and `tracks` tracks (no firms, no
/// orders), filled with zeros; scalars are left alone.
void size_columns(World& w, std::size_t cities, std::size_t tracks);

/// Sets every column and scalar of `s` with the given lifetime to zero, keeping its length.
template <class S>
void zero_columns(S& s, Lifetime lifetime) {
  for_each_column(s, [lifetime](const ColumnInfo& c, auto& x) {
    if (c.lifetime != lifetime) return;
    if constexpr (is_column_vector<decltype(x)>)
      std::fill(x.begin(), x.end(), typename std::remove_cvref_t<decltype(x)>::value_type{});
    else
      x = {};
  });
}

}  // namespace regsim::sim
