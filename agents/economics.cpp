// Economics shared by phases: demand life cycle, unit costs, capex, expectations, debt room.
#include "agents/economics.h"

#include <algorithm>
#include <cmath>

#include "policies/investment_rules.h"
#include "policies/rules.h"
#include "sim/market.h"

namespace regsim::agents {

using sim::CityId;
using sim::TrackId;

void set_world_terms(sim::TrackOrderBook& book, const sim::TrackParams& tp, double frontier_cost,
                     double demand_scale, double level) {
  const double world = tp.world_price * frontier_cost;  // foreign makers' price
  const double wedge = (1.0 + tp.trade_cost) * (1.0 + tp.foreign_tariff);
  if (tp.world_pricing == "china_price") {
    // China sets the world price: foreign buyers pay the gate price plus trade cost and tariff,
    // on the home curve (its elasticity and its level), x times home demand at equal prices.
    // No import supply: the rest of the world is a fringe that cannot serve China's market, so a
    // shortage raises China's price, which is the world's.
    book.foreign_pref = book.pref / wedge;
    book.foreign_demand = tp.export_demand * demand_scale * level;
    book.foreign_eta = book.eta;
    book.import_price = 0.0;
  } else {
    book.import_price = world * (1.0 + tp.trade_cost);
    // Foreign makers set it: the world price follows the frontier cost; exports pay the trade
    // cost and the foreign tariff.
    book.foreign_pref = world / wedge;
    book.foreign_demand = tp.export_demand * demand_scale;
    book.foreign_eta = tp.export_eta;
  }
}

double life_cycle_demand(const sim::TrackParams& t, sim::Tick tick) {
  const double years = static_cast<double>(tick) / sim::kTicksPerYear;
  return t.a0 + (t.amax - t.a0) / (1.0 + std::exp(-t.growth * (years - t.tmid)));
}

double first_year_need(const sim::TrackParams& t) {
  const double growth = life_cycle_demand(t, sim::kTicksPerYear) / life_cycle_demand(t, 0) - 1.0;
  return sim::kTicksPerYear * t.depreciation + std::max(0.0, growth);
}

double cell_unit_cost(const sim::World& w, const ModelParams& p, CityId i, TrackId k) {
  const auto cell = w.cell(i, k);
  const double log_div = p.spillover.beta_theta * w.cities.log_endowment[cell] +
                         p.spillover.zeta * w.cities.log_knowledge[cell];
  return w.tracks.frontier_cost[k.index()] * std::exp(-log_div);
}

double city_debt_room(const sim::World& w, const ModelParams& p, CityId i) {
  const double annual_gdp = std::max(4.0 * w.cities.gdp[i.index()], 1e-12);
  return policies::debt_room(p.budget, w.cities.debt[i.index()] / annual_gdp);
}

double production_subsidy_city(const sim::World& w, const ModelParams& p, CityId i) {
  // Production instrument off: every firm's subsidy is 0 (0 times the frontier cost).
  if (!policies::instrument_mask(p.subsidy.instruments).production) return 0.0;
  return p.subsidy.production_ratio * w.cities.subsidy_rate[i.index()] * city_debt_room(w, p, i);
}

TrackOutlook track_outlook(const sim::World& w, const ModelParams& p, TrackId track) {
  const auto& t = w.tracks;
  const std::size_t k = track.index();
  TrackOutlook o;
  const double prev = std::max(t.demand_prev_year[k], 1e-12);
  o.growth = std::clamp(t.demand_last_year[k] / prev - 1.0, p.firms.outlook_growth_min,
                        p.firms.outlook_growth_max);
  o.price = t.price_last_year[k] * (1.0 + o.growth) * (1.0 + p.firms.optimism);
  o.demand = t.demand_last_year[k] * (1.0 + o.growth);
  const double iota =
      policies::pipeline_awareness(p.firms.iota, p.platform, p.government.coordination_platform);
  const double supply = t.capacity[k] + iota * t.pipeline[k];
  o.cu = supply > 0 ? std::min(1.0, o.demand / supply) : 1.0;
  o.overhang = o.demand > 0 ? (t.capacity[k] + t.pipeline[k]) / o.demand - 1.0 : 0.0;
  o.annuity = annuity_factor(p.firms, p.tracks[k]);
  return o;
}

double annuity_factor(const FirmParams& f, const sim::TrackParams& t) {
  const double d = f.discount * (1.0 - t.depreciation);
  return std::pow(f.discount, t.lag) * (1.0 - std::pow(d, f.horizon)) / (1.0 - d);
}

}  // namespace regsim::agents
