// Tick-start phase: every tick flow (Lifetime::Flow: national, per city, per firm) starts at zero.
#include "agents/phases/phases.h"

namespace regsim::agents {

void begin_tick(sim::World& w) {
  sim::zero_columns(w, sim::Lifetime::Flow);
}

}  // namespace regsim::agents
