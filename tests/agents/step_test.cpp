// step() runs some phases side by side (the spillovers beside the accounts, exit and budgets; the
// learning curves and efficiency draws beside GDP): the state must be that of the phases run one
// after another in MODEL.md section 3's order.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <string>
#include <vector>

#include "agents/phases/phases.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

/// One tick with every phase in turn (step()'s list without the overlap).
void step_in_turn(Model& m) {
  sim::World& w = m.world;
  const ModelParams& p = m.params;
  const bool first_quarter = sim::is_planning_tick(w.tick);
  const bool last_quarter = sim::is_planning_tick(w.tick + 1);
  begin_tick(w);
  apply_policy_changes(m, {});
  if (first_quarter) plan_governments(w, p, m.external);
  if (first_quarter) decide_investment(w, p);
  commission_and_depreciate(w, p);
  clear_markets(w, p, *m.solver);
  settle_accounts(w, p);
  resolve_distress(w, p, m.external);
  settle_budgets(w, p);
  update_knowledge(w, p);
  update_gdp(w, p);
  record_metrics(w, p, m.metrics);
  if (last_quarter) evaluate_officials(w, p);
  if (last_quarter) record_city_year(w, p, m.metrics);
  if (last_quarter) end_year(w);
  ++w.tick;
}

TEST(Step, PhasesSideBySideEqualThePhasesInTurn) {
  const std::vector<std::vector<std::string>> variants = {
      {},
      {"exit.rule=forward_looking", "exit.soft_budgets=true"},
      {"market.conduct=cournot", "policy.bailouts=false"},
  };
  for (const auto& sets : variants) {
    std::vector<std::string> all = sets;
    all.push_back("world.years=3");
    const RunConfig config = testing::small_config(all);
    for (int threads : {1, 2}) {
      tbb::task_arena(threads).execute([&] {
        Model a = make_model(config);
        Model b = make_model(config);
        while (!a.finished()) {
          step(a);
          step_in_turn(b);
          ASSERT_EQ(hash_state(a.world), hash_state(b.world))
              << "tick " << a.world.tick << ", " << threads << " threads, variant "
              << (sets.empty() ? std::string("baseline") : sets.front());
          ASSERT_EQ(a.metrics.national.gdp, b.metrics.national.gdp);
          ASSERT_EQ(a.metrics.national.knowledge, b.metrics.national.knowledge);
        }
      });
    }
  }
}

}  // namespace
}  // namespace regsim::agents
