// Small classroom sessions for tests: a scaled-down default world and a scripted clock.
#pragma once

#include <string>
#include <vector>

#include "classroom/game.h"
#include "experiments/default_config.h"

namespace regsim::testing {

/// The default experiment scaled down (24 cities in 3 provinces, 6 years), plus overrides.
inline classroom::WorldSource small_world(std::vector<std::string> extra = {}) {
  std::vector<std::string> sets = {"world.cities=24", "world.provinces=3",
                                   "world.initial_firms=600", "world.years=6"};
  sets.insert(sets.end(), extra.begin(), extra.end());
  return classroom::WorldSource{"(test world)", experiments::default_config_text(), sets};
}

/// Game options for tests: no timer, no wall-time pace.
inline classroom::GameOptions fast_options(int years = 3) {
  classroom::GameOptions o;
  o.years = years;
  o.round_seconds = 0;
  o.quarter_seconds = 0;
  return o;
}

/// Calls update until the game waits for a decision round (or has ended); returns the clock.
inline double run_until_round(classroom::Game& game, double now) {
  for (int guard = 0; guard < 1000; ++guard) {
    now += 0.001;
    if (!game.update(now) && game.stage() != classroom::Stage::Running) break;
  }
  return now;
}

inline classroom::DecisionInput choice(std::vector<std::string> tracks, double rate,
                                       bool bailouts) {
  return classroom::DecisionInput{std::move(tracks), rate, bailouts};
}

}  // namespace regsim::testing
