// Soft budgets on a tiny world: who gets one, how strong, and the reservation cut and mandate the
// market phase reads.
#include "agents/soft_budget.h"

#include <gtest/gtest.h>

#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

// With the switch off (the legacy model; on by default since the issue-12 flip) nobody has one.
TEST(SoftBudgets, OffWhenSwitchedOff) {
  Model m = testing::tiny_model({"exit.soft_budgets=false"});
  sim::World& w = m.world;
  const std::size_t f = testing::add_tiny_firm(w, 0, 5.0, 12.5, 10.0);
  w.firms.zombie_until[f] = w.tick + 4;
  update_soft_budgets(w, m.params);
  EXPECT_EQ(w.firms.soft_budget[f], 0.0);
  EXPECT_EQ(soft_budget_reservation_cut(w, m.params, f), 0.0);
  EXPECT_EQ(soft_budget_must_run(w, m.params, f), 0.0);
}

TEST(SoftBudgets, ZombieAndBailoutExpectationHandWorked) {
  Model m = testing::tiny_model({"exit.soft_budgets=true", "exit.soft_budget_zombie=0.8",
                                 "exit.soft_budget_bailout=1", "exit.bailout_propensity=0.25",
                                 "exit.must_run=0.5"});
  sim::World& w = m.world;
  const ModelParams& p = m.params;
  const std::size_t zombie = testing::add_tiny_firm(w, 0, 5.0, 12.5, 10.0);
  const std::size_t backed = testing::add_tiny_firm(w, 1, 4.0, 10.0, -1.0);
  w.firms.zombie_until[zombie] = w.tick + 4;
  // City 1: pressure 0.4, the firm holds half its track jobs, no debt (full debt room):
  // p_bail = 0.25 (1 + 0.5 * 0.4) (1 + 2 * 0.5) = 0.6.
  w.cities.pressure[1] = 0.4;
  w.cities.jobs[1] = 2.0 * p.tracks[0].jobs * 4.0;
  w.cities.debt[1] = 0.0;
  EXPECT_DOUBLE_EQ(firm_bailout_probability(w, p, {}, backed), 0.6);
  update_soft_budgets(w, p);
  EXPECT_GE(w.firms.soft_budget[zombie], 0.8);
  EXPECT_DOUBLE_EQ(w.firms.soft_budget[backed], 0.6);
  // Reservation cut z (f I K + r max(0, D)) / K: the zombie with z = 0.8 (its city's bailout
  // probability is lower: pressure and jobs 0 there) ...
  const double capex = w.tracks.capex[0];
  const double z = w.firms.soft_budget[zombie];
  EXPECT_DOUBLE_EQ(z, 0.8);
  EXPECT_DOUBLE_EQ(soft_budget_reservation_cut(w, p, zombie),
                   0.8 * (0.01 * capex * 5.0 + 0.015 * 10.0) / 5.0);
  // ... and the backed firm with net cash pays no interest: only the fixed cost is covered.
  EXPECT_DOUBLE_EQ(soft_budget_reservation_cut(w, p, backed), 0.6 * 0.01 * capex);
  // Mandate: must_run * z * K.
  EXPECT_DOUBLE_EQ(soft_budget_must_run(w, p, zombie), 0.5 * 0.8 * 5.0);
  EXPECT_DOUBLE_EQ(soft_budget_must_run(w, p, backed), 0.5 * 0.6 * 4.0);
}

TEST(SoftBudgets, SetEveryTickByTheExitPhase) {
  Model m = testing::tiny_model({"exit.soft_budgets=true", "exit.bailout_propensity=0.5"});
  sim::World& w = m.world;
  testing::add_tiny_firm(w, 0, 5.0, 12.5, 0.0);
  // The exit phase runs before the GDP phase counts this firm's jobs (job share 0), and the city
  // has no debt (full room): p_bail = 0.5 (1 + 0.5 pi).
  w.cities.jobs[0] = 0.0;
  w.cities.debt[0] = 0.0;
  step(m);
  ASSERT_EQ(w.firms.size(), 1u);
  EXPECT_DOUBLE_EQ(w.firms.soft_budget[0], 0.5 * (1.0 + 0.5 * w.cities.pressure[0]));
  EXPECT_GT(w.firms.soft_budget[0], 0.0);
}

}  // namespace
}  // namespace regsim::agents
