// A tiny world for hand-worked tests: two cities, one track (pv), no initial firms; firms are
// added by hand with the balance sheet a test needs.
#pragma once

#include <string>
#include <vector>

#include "agents/model.h"
#include "support/legacy_switches.h"

namespace regsim::testing {

/// Two cities in one province, one track, no incumbents, no heterogeneity, the issue-12 switches
/// at their legacy values (support/legacy_switches.h); `sets` are --set style overrides.
inline agents::Model tiny_model(std::vector<std::string> sets = {}) {
  const std::string text =
      "[world]\nseed = 7\ncities = 2\nprovinces = 1\ntracks = 1\nyears = 2\n"
      "initial_firms = 0\nheterogeneity = 0\n[government]\nlist_size = 1\n";
  return agents::make_model(agents::load_run_config_text(text, "tiny", with_legacy(sets)));
}

/// Adds a firm in `city` on track 0 with active capacity, book value and net debt; every other
/// column is zero (born now, efficiency 1).
inline std::size_t add_tiny_firm(sim::World& w, std::size_t city, double capacity, double book,
                                 double debt) {
  const std::size_t f = sim::add_firm(w, sim::CityId::at(city), sim::TrackId(0));
  w.firms.capacity[f] = capacity;
  w.firms.book[f] = book;
  w.firms.debt[f] = debt;
  return f;
}

}  // namespace regsim::testing
