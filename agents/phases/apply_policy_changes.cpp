// Policy phase: scheduled parameter changes due now and live commands, applied first.
#include "agents/phases/phases.h"

namespace regsim::agents {

void apply_policy_changes(Model& m, std::span<const ParamChange> commands) {
  auto apply = [&m](const ParamChange& c) {
    if (!apply_change(m.params, c.key, c.value)) {
      m.applied.push_back(ParamChange{m.world.tick, c.key, c.value});
    }
  };
  while (m.next_change < m.schedule.size() && m.schedule[m.next_change].tick <= m.world.tick) {
    apply(m.schedule[m.next_change++]);
  }
  for (const auto& c : commands) apply(c);
  refresh_spillover_weights(m.world, m.params);
}

}  // namespace regsim::agents
