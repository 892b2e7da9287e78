// The named phases of one tick (MODEL.md section 3) and the helpers they share.
#pragma once

#include <span>

#include "agents/model.h"

namespace regsim::agents {

enum class Phase {
  Policy,
  Plan,
  Invest,
  Capacity,
  Market,
  Accounts,
  Exit,
  Knowledge,
  Metrics,
  Promotion
};
const char* phase_name(Phase p);

void apply_policy_changes(Model& m, std::span<const ParamChange> commands);  // 1
void plan_governments(sim::World& w, const ModelParams& p);                  // 2 (annual)
void decide_investment(sim::World& w, const ModelParams& p);                 // 3 (annual)
void commission_and_depreciate(sim::World& w, const ModelParams& p);         // 4
void clear_markets(sim::World& w, const ModelParams& p, const sim::MarketSolver& solver);  // 5
void settle_accounts(sim::World& w, const ModelParams& p);                                 // 6
void resolve_distress(sim::World& w, const ModelParams& p);                                // 7
void settle_budgets(sim::World& w, const ModelParams& p);                                  // 7
void update_knowledge(sim::World& w, const ModelParams& p);                                // 8
void update_gdp(sim::World& w, const ModelParams& p);                                      // 9
void record_metrics(const sim::World& w, const ModelParams& p, Metrics& out);              // 9
void close_year(sim::World& w);                                                // 9 (annual)
void evaluate_officials(sim::World& w, const ModelParams& p);                  // 10 (annual)
void fill_city_rows(const sim::World& w, const ModelParams& p, Metrics& out);  // 10 (annual)

// Shared helpers.
/// A_k(t) without the shock: the logistic life cycle at tick t.
double life_cycle_demand(const sim::TrackParams& t, sim::Tick tick);
/// True unit cost c_f = c_k(t) / (theta^beta * A^zeta * u_f).
double firm_unit_cost(const sim::World& w, const ModelParams& p, std::size_t f);
/// Capex per unit of quarterly capacity now: plant costs follow the track's learning curve.
double current_capex(const sim::World& w, const ModelParams& p, sim::TrackIndex k);
/// Unit cost of a median entrant (u = 1) in cell (i, k).
double cell_unit_cost(const sim::World& w, const ModelParams& p, sim::CityIndex i,
                      sim::TrackIndex k);
/// Production subsidy per unit a firm receives (0 if not eligible or not listed).
double production_subsidy(const sim::World& w, const ModelParams& p, std::size_t f);
/// Is firm f eligible for its city's support under the regime (ignoring whether k is listed)?
bool firm_eligible(const sim::World& w, const ModelParams& p, std::size_t f);
/// Debt room of a city (1 = can pay in full, 0 = at the cap).
double city_debt_room(const sim::World& w, const ModelParams& p, sim::CityIndex i);
/// Is firm f a zombie now?
inline bool is_zombie(const sim::World& w, std::size_t f) {
  return w.tick < w.firms.zombie_until[f];
}
/// Appends a firm with all fields set to neutral values; returns its index.
std::size_t add_firm(sim::World& w, sim::CityIndex city, sim::TrackIndex track);
/// Removes dead firms (capacity < 0 marks them) keeping the order of the others.
void compact_firms(sim::World& w, std::span<const std::uint8_t> dead);
/// Recomputes the spillover weights if kappa_K changed.
void refresh_spillover_weights(sim::World& w, const ModelParams& p);

}  // namespace regsim::agents

namespace regsim::agents {

/// What firms and governments expect of a track for the coming years (MODEL.md section 5).
struct TrackOutlook {
  double price = 0;     ///< P^e: last year's mean price, grown by demand growth, times optimism
  double demand = 0;    ///< D^e: expected quantity demanded
  double cu = 0;        ///< CU^e = min(1, D^e / (K + iota * Pipe))
  double growth = 0;    ///< recent annual demand growth
  double overhang = 0;  ///< (K + Pipe) / D^e - 1, the pipeline overhang
  double annuity = 0;   ///< annuity_factor of the track (computed once, used per firm and cell)
};
TrackOutlook track_outlook(const sim::World& w, const ModelParams& p, sim::TrackIndex k);

/// Present value factor of one unit of quarterly flow from capacity ordered now: the flow starts
/// after the construction lag, lasts the horizon, and shrinks with depreciation.
double annuity_factor(const FirmParams& f, const sim::TrackParams& t);

}  // namespace regsim::agents
