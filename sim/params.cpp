// The default track list, modelled on the tracks the source documents discuss.
#include "sim/params.h"

#include <cmath>
#include <string>

namespace regsim::sim {

namespace {

struct TrackRow {
  const char* name;
  const char* family;
  double a0, amax, growth, tmid, c0, learning, capex;
  int lag;
  double value_added, jobs, pollution, risk, signal, initial_share;
};

// Demand in units per quarter at the reference price 1; growth per year; tmid in years from the
// start; c0 frontier unit cost; learning = b_k; capex per unit of quarterly capacity; lag quarters.
// Signals: PV, batteries and EVs are already on the national strategic list; low-altitude economy
// starts almost unknown (the baseline announces it at year 8).
constexpr TrackRow kRows[] = {
    // name            family       a0   amax  r     tmid  c0    b     I    L  v     e     x     R
    // sig  share
    {"pv", "energy", 150, 900, 0.45, 8, 0.75, 0.32, 2.5, 4, 0.25, 0.04, 0.6, 0.4, 0.8, 0.8},
    {"battery", "energy", 120, 1000, 0.50, 10, 0.75, 0.25, 3.0, 5, 0.25, 0.04, 0.5, 0.5, 0.8, 0.6},
    {"ev", "energy", 200, 1500, 0.40, 10, 0.80, 0.15, 3.5, 8, 0.30, 0.08, 0.3, 0.6, 0.8, 0.6},
    {"semiconductor", "digital", 150, 600, 0.30, 12, 0.70, 0.20, 6.0, 10, 0.45, 0.03, 0.4, 0.9, 0.7,
     0.4},
    {"ai", "digital", 80, 800, 0.50, 14, 0.60, 0.20, 2.0, 3, 0.55, 0.03, 0.1, 0.8, 0.7, 0.3},
    {"biomedicine", "health", 150, 500, 0.25, 12, 0.65, 0.05, 4.0, 8, 0.45, 0.05, 0.3, 0.8, 0.5,
     0.5},
    {"low_altitude", "digital", 20, 400, 0.60, 16, 0.80, 0.20, 3.0, 4, 0.35, 0.04, 0.2, 0.9, 0.1,
     0.1},
    {"new_materials", "materials", 150, 400, 0.20, 10, 0.72, 0.10, 3.5, 6, 0.30, 0.05, 0.7, 0.5,
     0.5, 0.6},
    {"equipment", "materials", 300, 500, 0.15, 5, 0.75, 0.05, 3.0, 6, 0.35, 0.08, 0.4, 0.3, 0.3,
     1.0},
    {"textiles", "light", 300, 330, 0.10, -5, 0.80, 0.02, 1.5, 2, 0.20, 0.15, 0.6, 0.1, 0.0, 1.4},
    {"agri_food", "light", 250, 300, 0.10, 0, 0.80, 0.02, 1.5, 2, 0.25, 0.12, 0.4, 0.1, 0.0, 1.4},
    {"tourism", "services", 200, 350, 0.15, 8, 0.70, 0.01, 2.0, 3, 0.50, 0.20, 0.1, 0.2, 0.0, 1.2},
};

/// Annual innovation sd of the log demand cycle (market.demand_cycles; docs/model.md 4.5), from
/// the detrended volatility of annual installations and sales: PV (China NEA installations
/// 2015-23, sd 0.42; world, IEA 2012-19, sd 0.10; China exports about 40% of modules), batteries
/// (China power-battery installations, CABIA 2017-23, sd 0.15), EVs (China NEV sales, CAAM
/// 2018-22, sd 0.18-0.38). Tracks without collected evidence keep 0.
struct CycleRow {
  const char* name;
  double sd;
};
constexpr CycleRow kCycles[] = {{"pv", 0.20}, {"battery", 0.15}, {"ev", 0.20}};

/// The rest of the world (market.rest_of_world only; docs/model.md 4.4, every value and its
/// source in the table there). share: exports / output of the track in China (customs, industry
/// associations, MIIT; a judgement where none was collected); cost_ratio: foreign makers' unit
/// cost over China's; trade_cost: freight and insurance, share of the price (OECD ITIC
/// trade-weighted mean 6%; PV modules 4%). export_demand is derived from the share, not set:
///  - "china_price": x = s / (1 - s) (1 + tau)^eta_short (foreign buyers on the home curve at
///    China's price plus trade cost, home demand at its trend);
///  - "foreign_cost": pi = cost_ratio rho (foreign makers price like China at their own cost) and
///    x = s / (1 - s) (rho (1 + tau) / pi)^eta_x = s / (1 - s) ((1 + tau) / cost_ratio)^eta_x,
///    the share at a home price of rho times the frontier cost with home demand at its reference
///    level; rho is the model's own gate price over the frontier cost (mean over the closed
///    default run, seeds 1-4: docs/model.md 4.4).
struct WorldRow {
  const char* name;
  double share, cost_ratio, trade_cost;
  bool china_price;
  double markup;  ///< rho: the model's gate price over the frontier cost (closed default world)
};
constexpr double kExportEta = 4.0;  ///< trade elasticity (Simonovska and Waugh 2014)
constexpr WorldRow kWorld[] = {
    {"pv", 0.50, 2.33, 0.04, true, 1.48},  // modules 2022-24 (CPIA, MIIT), at trend home demand
    {"battery", 0.346, 1.15, 0.06, true, 1.4},  // 32.7% of value in 2023 (MIIT), at trend demand
    {"ev", 0.125, 1.33, 0.06, false, 1.45},     // NEVs 2023 (CAAM); BYD ~25% cheaper (UBS)
    {"semiconductor", 0.2, 1.0, 0.06, false, 1.65},  // judgement (customs figures are re-exports)
    {"ai", 0.033, 1.0, 0.06, false, 1.16},           // software exports / revenue 2022 (MIIT)
    {"biomedicine", 0.146, 1.0, 0.06, false, 1.45},  // pharmaceutical exports / revenue 2013 (NDRC)
    {"low_altitude", 0.2, 1.0, 0.06, false, 0.81},   // judgement
    {"new_materials", 0.2, 1.0, 0.06, false, 1.26},  // judgement
    {"equipment", 0.185, 1.0, 0.06, false, 1.24},    // machinery exports / revenue 2023 (CMIF)
    {"textiles", 0.41, 1.0, 0.06, false, 1.01},      // textile and apparel exports / revenue 2022
    {"agri_food", 0.08, 1.0, 0.06, false, 1.01},     // judgement
    {"tourism", 0.137, 1.0, 0.06, false, 1.15},      // international / total tourism revenue 2019
};

void set_world(TrackParams& t) {
  for (const WorldRow& r : kWorld) {
    if (t.name != r.name) continue;
    const double odds = r.share / (1.0 - r.share);
    t.trade_cost = r.trade_cost;
    t.export_eta = kExportEta;
    t.world_price = r.cost_ratio * r.markup;
    if (r.china_price) {
      t.world_pricing = "china_price";
      t.export_demand = odds * std::pow(1.0 + r.trade_cost, t.eta_short);
    } else {
      t.export_demand =
          odds * std::pow(r.markup * (1.0 + r.trade_cost) / t.world_price, t.export_eta);
    }
  }
}

}  // namespace

std::vector<TrackParams> default_tracks() {
  std::vector<TrackParams> out;
  for (const TrackRow& r : kRows) {
    TrackParams t;
    t.name = r.name;
    t.family = r.family;
    t.a0 = r.a0;
    t.amax = r.amax;
    t.growth = r.growth;
    t.tmid = r.tmid;
    t.c0 = r.c0;
    t.learning = r.learning;
    t.capex = r.capex;
    t.lag = r.lag;
    t.value_added = r.value_added;
    t.jobs = r.jobs;
    t.pollution = r.pollution;
    t.risk = r.risk;
    t.signal = r.signal;
    t.initial_share = r.initial_share;
    for (const CycleRow& c : kCycles)
      if (t.name == c.name) t.cycle_sd = c.sd;
    set_world(t);
    out.push_back(t);
  }
  return out;
}

std::vector<TrackParams> make_tracks(int count) {
  const std::vector<TrackParams> base = default_tracks();
  std::vector<TrackParams> out;
  for (int j = 0; j < count; ++j) {
    TrackParams t = base[static_cast<std::size_t>(j) % base.size()];
    const int generation = j / static_cast<int>(base.size());
    if (generation > 0) {
      // Derived variants (a second PV-like track, ...): smaller, later and less endorsed, so a
      // large world has more tracks without cloning the defaults exactly.
      t.name.append("_").append(std::to_string(generation + 1));
      const double g = generation;
      t.a0 *= 0.7 / g;
      t.amax *= 0.7 / g;
      t.tmid += 2.0 * g;
      t.signal *= 0.6;
      t.initial_share *= 0.5;
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace regsim::sim
