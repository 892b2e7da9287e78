// Policy phase: scheduled parameter changes due now and live commands, applied first.
#include "agents/phases/phases.h"

namespace regsim::agents {

void apply_policy_changes(Model& m, std::span<const ParamChange> commands) {
  bool market_changed = false;
  auto apply = [&m, &market_changed](const ParamChange& c) {
    if (!apply_change(m.params, c.key, c.value)) {
      m.applied.push_back(ParamChange{m.world.tick, c.key, c.value});
      if (c.key.rfind("market.", 0) == 0) market_changed = true;
    }
  };
  while (m.next_change < m.schedule.size() && m.schedule[m.next_change].tick <= m.world.tick) {
    apply(m.schedule[m.next_change++]);
  }
  for (const auto& c : commands) apply(c);
  // The solver holds the conduct numbers it was built with (market.theta, ...): rebuild it.
  if (market_changed) m.solver = make_solver(m.params.market);
  refresh_spillover_weights(m.world, m.params);
}

}  // namespace regsim::agents
