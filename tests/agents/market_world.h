// A two-city, one-track world without wedges (one integrated market) for hand-worked tests of
// the market phase: no incumbents, no subsidies, no demand shock; plants are added by hand.
#pragma once

#include <string>
#include <vector>

#include "agents/model.h"
#include "support/legacy_switches.h"

namespace regsim::testing {

/// Two cities in one province, track pv only, kappa = t0 = 0, no subsidies, no demand shock, the
/// issue-12 switches at their legacy values; `sets` add or override --set style keys.
inline agents::Model integrated_model(std::vector<std::string> sets = {}) {
  const std::string text =
      "[world]\nseed = 7\ncities = 2\nprovinces = 1\ntracks = 1\nyears = 2\n"
      "initial_firms = 0\nheterogeneity = 0\n[government]\nlist_size = 1\n";
  std::vector<std::string> all =
      with_legacy({"market.kappa=0", "market.t0=0", "subsidy.regime=none", "tracks.pv.shock_sd=0"});
  all.insert(all.end(), sets.begin(), sets.end());
  return agents::make_model(agents::load_run_config_text(text, "integrated", all));
}

/// A plant on track 0 in `city` with active capacity, book value 2 K and net debt `debt`; its
/// unit cost is the frontier cost (efficiency 1, no endowment or knowledge).
inline std::size_t add_plant(sim::World& w, std::size_t city, double capacity, double debt) {
  const std::size_t f = sim::add_firm(w, sim::CityId::at(city), sim::TrackId(0));
  w.firms.capacity[f] = capacity;
  w.firms.book[f] = 2.0 * capacity;
  w.firms.debt[f] = debt;
  return f;
}

}  // namespace regsim::testing
