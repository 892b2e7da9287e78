// The issue-12 switches at their values before the default flip (experiments/legacy.toml), for
// hand-worked tests that switch on one mechanism at a time on top of the old model.
#pragma once

#include <string>
#include <vector>

namespace regsim::testing {

/// --set style keys: competitive conduct (util_cost 0.4), constant-elasticity demand, closed
/// economy, no demand cycles, no soft budgets, legacy exit, national expectations, no guidance
/// funds, legacy welfare, legacy initial capacity, entry per city. A test's own keys, placed after
/// these, override them.
inline std::vector<std::string> legacy_switches() {
  return {"market.conduct=competitive",
          "market.util_cost=0.4",
          "market.partial_adjustment=false",
          "market.rest_of_world=false",
          "market.demand_cycles=false",
          "exit.soft_budgets=false",
          "exit.rule=legacy",
          "firms.expectations=national",
          "firms.entry_scale=city",
          "funds.enabled=false",
          "welfare.accounting=legacy",
          "initial.start=legacy"};
}

/// `legacy_switches()` followed by `sets`.
inline std::vector<std::string> with_legacy(const std::vector<std::string>& sets) {
  std::vector<std::string> all = legacy_switches();
  all.insert(all.end(), sets.begin(), sets.end());
  return all;
}

}  // namespace regsim::testing
