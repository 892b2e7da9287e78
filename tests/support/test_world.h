// Small worlds for tests, built from the baseline experiment with overrides.
#pragma once

#include <string>
#include <vector>

#include "agents/model.h"
#include "support/baseline.h"

namespace regsim::testing {

/// A small, fast world: the default config scaled down, plus any extra --set style overrides.
inline agents::RunConfig small_config(std::vector<std::string> extra = {}) {
  std::vector<std::string> sets = {"world.cities=24", "world.provinces=3",
                                   "world.initial_firms=600", "world.years=6"};
  sets.insert(sets.end(), extra.begin(), extra.end());
  return agents::load_run_config_text(baseline_text(), "baseline", sets);
}

}  // namespace regsim::testing
