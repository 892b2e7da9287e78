// Tick-start phase: the flows of the new tick (national, per city, per firm) start from zero.
#include <algorithm>

#include "agents/phases/phases.h"

namespace regsim::agents {

void begin_tick(sim::World& w) {
  w.flows = sim::TickFlows{};
  w.flows.entries_by_track.assign(w.num_tracks(), 0);
  w.flows.exits_by_track.assign(w.num_tracks(), 0);
  w.flows.subsidies_by_track.assign(w.num_tracks(), 0.0);
  for (auto* v : {&w.cities.subsidies_tick, &w.cities.bailouts_tick, &w.cities.retraining_tick,
                  &w.cities.capex_tick})
    std::fill(v->begin(), v->end(), 0.0);
  std::fill(w.firms.subsidy_tick.begin(), w.firms.subsidy_tick.end(), 0.0);
}

}  // namespace regsim::agents
