// Soft budgets in the market phase: a soft-budget firm offers below its cash cost, produces at a
// loss and lowers the price for everyone (competitive and cournot conduct); the must-run mandate.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "agents/economics.h"
#include "agents/model.h"
#include "agents/phases/phases.h"
#include "agents/soft_budget.h"
#include "support/test_world.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

using testing::add_plant;
using testing::integrated_model;

// Competitive merit order with capacity far above demand: without soft budgets the price is the
// common cash cost 0.75. A zombie (z = 1) with debt 500 on 1,000 units cuts its reservation by
// (f I K + r D) / K = 0.01 I + 0.015 * 0.5, takes the whole market at that price (below its cash
// cost: a loss on every unit) and the private firm idles.
TEST(SoftBudgetMarket, ZombieSellsBelowCashCostAndLowersThePrice) {
  Model m = integrated_model({"exit.soft_budgets=true"});
  sim::World& w = m.world;
  const std::size_t zombie = add_plant(w, 0, 1000.0, 500.0);
  const std::size_t rival = add_plant(w, 1, 1000.0, 0.0);
  w.firms.soft_budget[zombie] = 1.0;
  const double cut = 0.01 * current_capex(w, m.params, sim::TrackId(0)) + 0.015 * 0.5;
  ASSERT_DOUBLE_EQ(soft_budget_reservation_cut(w, m.params, zombie), cut);
  clear_markets(w, m.params, *m.solver);
  EXPECT_DOUBLE_EQ(w.firms.unit_cost[zombie], 0.75);
  EXPECT_DOUBLE_EQ(w.tracks.export_price[0], 0.75 - cut);
  EXPECT_LT(w.tracks.export_price[0], w.firms.unit_cost[zombie]);  // below its cash cost
  EXPECT_GT(w.firms.output[zombie], 0.0);
  EXPECT_EQ(w.firms.output[rival], 0.0);

  // Switch off: the same world prices at cost.
  Model off = integrated_model({});
  add_plant(off.world, 0, 1000.0, 500.0);
  add_plant(off.world, 1, 1000.0, 0.0);
  off.world.firms.soft_budget[0] = 1.0;  // ignored: exit.soft_budgets is off
  clear_markets(off.world, off.params, *off.solver);
  EXPECT_DOUBLE_EQ(off.world.tracks.export_price[0], 0.75);
}

// Cournot: a soft-budget firm's lower reservation raises its output and lowers the price the
// private rival gets; a must-run mandate (exit.must_run 1, z 1) makes it produce its whole
// capacity at any price.
TEST(SoftBudgetMarket, CournotSoftBudgetAndMandate) {
  const std::vector<std::string> base = {"market.conduct=cournot", "market.util_cost=0.4",
                                         "market.war_utilisation=0"};
  auto clear = [&](std::vector<std::string> extra, double z) {
    std::vector<std::string> sets = base;
    sets.insert(sets.end(), extra.begin(), extra.end());
    Model m = integrated_model(sets);
    add_plant(m.world, 0, 150.0, 100.0);
    add_plant(m.world, 1, 150.0, 0.0);
    m.world.firms.soft_budget[0] = z;
    clear_markets(m.world, m.params, *m.solver);
    return m;
  };
  const Model hard = clear({}, 0.0);
  const Model soft = clear({"exit.soft_budgets=true"}, 1.0);
  EXPECT_LT(soft.world.tracks.export_price[0], hard.world.tracks.export_price[0]);
  EXPECT_GT(soft.world.firms.output[0], hard.world.firms.output[0]);
  EXPECT_LT(soft.world.firms.output[1], hard.world.firms.output[1]);

  const Model mandated = clear({"exit.soft_budgets=true", "exit.must_run=1"}, 1.0);
  EXPECT_DOUBLE_EQ(mandated.world.firms.output[0], 150.0);
  EXPECT_LE(mandated.world.tracks.export_price[0], soft.world.tracks.export_price[0]);
}

}  // namespace
}  // namespace regsim::agents
