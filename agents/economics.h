// Economics shared by phases: demand life cycle, unit costs, capex, expectations, debt room.
#pragma once

#include <cmath>
#include <cstddef>

#include "agents/model_params.h"
#include "policies/rules.h"
#include "sim/market.h"
#include "sim/world.h"

namespace regsim::agents {

/// A_k(t) without the shock: the logistic life cycle at tick t.
double life_cycle_demand(const sim::TrackParams& t, sim::Tick tick);

/// Capacity a track needs from its first investment round per unit of its initial capacity
/// (initial.start = rest_point, docs/model.md 2.7): four quarters of depreciation plus the growth
/// of life-cycle demand over the first year (0 when demand falls).
double first_year_need(const sim::TrackParams& t);
/// ln(theta^beta * A^zeta * u_f): the log of firm f's divisor in firm_unit_cost.
inline double firm_log_divisor(const sim::World& w, const ModelParams& p, std::size_t f) {
  const auto cell = w.cell(w.firms.city[f], w.firms.track[f]);
  return p.spillover.beta_theta * w.cities.log_endowment[cell] +
         p.spillover.zeta * w.cities.log_knowledge[cell] + w.firms.log_eff[f];
}
/// True unit cost c_f = c_k(t) / (theta^beta * A^zeta * u_f) = c_k(t) exp(-firm_log_divisor).
/// Inline (as current_capex); the market phase computes it firm by firm in two passes (the
/// divisors, then their exps) with the same operations.
inline double firm_unit_cost(const sim::World& w, const ModelParams& p, std::size_t f) {
  return w.tracks.frontier_cost[w.firms.track[f].index()] * std::exp(-firm_log_divisor(w, p, f));
}
/// Unit cost of a median entrant (u = 1) in cell (i, k).
double cell_unit_cost(const sim::World& w, const ModelParams& p, sim::CityId i, sim::TrackId k);
/// Capex per unit of quarterly capacity now: plant costs follow the track's learning curve.
inline double current_capex(const sim::World& w, const ModelParams& p, sim::TrackId k) {
  (void)p;
  return w.tracks.capex[k.index()];
}
/// Debt room of a city (1 = can pay in full, 0 = at the cap).
double city_debt_room(const sim::World& w, const ModelParams& p, sim::CityId i);
/// Is firm f eligible for its city's support under the regime (ignoring whether k is listed)?
/// Inline, as production_subsidy: the market phase asks it of every firm each tick.
inline bool firm_eligible(const sim::World& w, const ModelParams& p, std::size_t f) {
  const sim::TrackId k = w.firms.track[f];
  const sim::CityId i = w.firms.city[f];
  policies::Eligibility e;
  e.firm_log_eff = w.firms.log_eff[f];
  e.median_log_eff = w.tracks.median_efficiency[k.index()];
  e.firm_age_ticks = w.tick - w.firms.born[f];
  e.crowding_share =
      static_cast<double>(w.tracks.cities_listing[k.index()]) / static_cast<double>(w.num_cities());
  e.density = w.cities.density[w.cell(i, k)];
  return policies::eligible(p.subsidy, e);
}
/// The city part of the production subsidy per unit: production_ratio * s_i * debt room (the
/// firm's track's frontier cost multiplies it), 0 when the production instrument is off;
/// computed once per city for the market phase.
double production_subsidy_city(const sim::World& w, const ModelParams& p, sim::CityId i);
/// Production subsidy per unit a firm receives (0 if not eligible or not listed); `city` is
/// production_subsidy_city of the firm's city.
inline double production_subsidy(const sim::World& w, const ModelParams& p, std::size_t f,
                                 double city) {
  const sim::TrackId k = w.firms.track[f];
  if (!w.cities.listed[w.cell(w.firms.city[f], k)]) return 0.0;
  if (!firm_eligible(w, p, f)) return 0.0;
  return city * w.tracks.frontier_cost[k.index()];
}
/// omega_f = market.util_cost * c_f: the scale of a firm's utilisation cost under conduct
/// "cournot" (docs/model.md 4.1), for `util_cost` = market.util_cost and its unit cost c_f.
inline double utilisation_omega(double util_cost, double unit_cost) {
  return util_cost * unit_cost;
}
/// Utilisation cost of firm f's output last clearing under conduct "cournot" (docs/model.md
/// 4.1): sim::utilisation_cost with omega_f (utilisation_omega); the caller checks conduct.
inline double utilisation_cost(const sim::World& w, const ModelParams& p, std::size_t f) {
  return sim::utilisation_cost(utilisation_omega(p.market.util_cost, w.firms.unit_cost[f]),
                               p.market.util_curvature, w.firms.capacity[f], w.firms.output[f]);
}
/// Elasticity of the demand curve the market phase clears on: the short-run eta_short under
/// market.partial_adjustment, else eta (docs/model.md 4.3). Consumer surplus uses the same.
inline double demand_elasticity(const ModelParams& p, sim::TrackId k) {
  const auto& t = p.tracks[k.index()];
  return p.market.partial_adjustment ? t.eta_short : t.eta;
}
/// The rest of the world's terms of a track's order book (market.rest_of_world; docs/model.md
/// 4.4), set after book.pref and book.eta: `frontier_cost` is c_k(t), `demand_scale` A_k(t) with
/// its shock and `level` home demand's partial-adjustment level (1 without it).
/// tp.world_pricing "foreign_cost": export parity P^x = pi c / ((1 + tau)(1 + f)),
/// X(P) = x A (P / P^x)^-export_eta, imports supplied at pi c (1 + tau). "china_price": foreign
/// buyers are on the home curve at their delivered price, X(P) = x A L ((1 + tau)(1 + f) P /
/// pref)^-book.eta (foreign_pref = pref / ((1 + tau)(1 + f)), foreign_eta = book.eta), and no
/// import supply (world_price and export_eta are not read).
void set_world_terms(sim::TrackOrderBook& book, const sim::TrackParams& tp, double frontier_cost,
                     double demand_scale, double level);
/// Is firm f a zombie now?
inline bool is_zombie(const sim::World& w, std::size_t f) {
  return w.tick < w.firms.zombie_until[f];
}

/// What firms and governments expect of a track for the coming years (MODEL.md section 5).
struct TrackOutlook {
  double price = 0;     ///< P^e: last year's mean price, grown by demand growth, times optimism
  double demand = 0;    ///< D^e: expected quantity demanded
  double cu = 0;        ///< CU^e = min(1, D^e / (K + iota * Pipe))
  double growth = 0;    ///< recent annual demand growth
  double overhang = 0;  ///< (K + Pipe) / D^e - 1, the pipeline overhang
  double annuity = 0;   ///< annuity_factor of the track (computed once, used per firm and cell)
};
TrackOutlook track_outlook(const sim::World& w, const ModelParams& p, sim::TrackId k);

/// Present value factor of one unit of quarterly flow from capacity ordered now: the flow starts
/// after the construction lag, lasts the horizon, and shrinks with depreciation.
double annuity_factor(const FirmParams& f, const sim::TrackParams& t);

}  // namespace regsim::agents
