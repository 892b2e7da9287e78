// The default track list, modelled on the tracks the source documents discuss.
#include "sim/params.h"

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
