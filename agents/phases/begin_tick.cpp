// Tick-start phase: every tick flow (Lifetime::Flow: national, per city, per firm) starts at zero,
// and at the start of a year the output accumulators (Lifetime::Output) too.
#include "agents/phases/phases.h"

namespace regsim::agents {

void begin_tick(sim::World& w) {
  sim::zero_columns(w, sim::Lifetime::Flow);
  if (sim::is_planning_tick(w.tick)) sim::zero_columns(w, sim::Lifetime::Output);
}

}  // namespace regsim::agents
