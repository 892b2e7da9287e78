// Demand cycles (market.demand_cycles, docs/model.md 4.5): the annual AR(1) recursion, the
// demand scale of the market phase, and a bust year leaving a plant sized for the trend idle.
#include <cmath>

#include <gtest/gtest.h>

#include "agents/demand_cycle.h"
#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

using testing::add_plant;
using testing::integrated_model;

// z(0) = 0; z(1) = s e1; z(2) = rho s e1 + s e2; z(3) = rho^2 s e1 + rho s e2 + s e3. A year's
// four ticks share its value; nothing before tick 0; sd 0 gives 0 whatever the draws.
TEST(DemandCycle, AnnualAr1FromItsOwnDraws) {
  sim::TrackParams t;
  t.cycle_sd = 0.2;
  t.cycle_rho = 0.5;
  const double e1 = demand_cycle_innovation(7, 0, 1, 3);
  const double e2 = demand_cycle_innovation(7, 0, 2, 3);
  const double e3 = demand_cycle_innovation(7, 0, 3, 3);
  EXPECT_NE(e1, e2);
  EXPECT_EQ(demand_cycle(7, 0, -1, 3, t), 0.0);
  for (int q = 0; q < 4; ++q) EXPECT_EQ(demand_cycle(7, 0, q, 3, t), 0.0);
  for (int q = 4; q < 8; ++q) EXPECT_DOUBLE_EQ(demand_cycle(7, 0, q, 3, t), 0.2 * e1);
  EXPECT_DOUBLE_EQ(demand_cycle(7, 0, 9, 3, t), 0.5 * 0.2 * e1 + 0.2 * e2);
  EXPECT_DOUBLE_EQ(demand_cycle(7, 0, 15, 3, t), 0.25 * 0.2 * e1 + 0.5 * 0.2 * e2 + 0.2 * e3);
  // Keyed by track, run and seed: another track, run or seed has its own cycle.
  EXPECT_NE(demand_cycle_innovation(7, 0, 1, 4), e1);
  EXPECT_NE(demand_cycle_innovation(7, 1, 1, 3), e1);
  EXPECT_NE(demand_cycle_innovation(8, 0, 1, 3), e1);
  t.cycle_sd = 0.0;
  EXPECT_EQ(demand_cycle(7, 0, 15, 3, t), 0.0);
}

// The market phase at tick 9 (year 2), no quarterly shock: A = A_life(9) exp(z(2)) with the
// switch on and A_life(9) with it off. PV's life cycle at year 2.25: 150 + 750 / (1 +
// exp(-0.45 (2.25 - 8))) = 150 + 750 / (1 + e^2.5875) = 202.46.
TEST(DemandCycle, MarketPhaseScalesDemandByTheYearsCycle) {
  Model on = integrated_model(
      {"market.demand_cycles=true", "tracks.pv.cycle_sd=0.2", "tracks.pv.cycle_rho=0.5"});
  Model off = integrated_model({"tracks.pv.cycle_sd=0.2", "tracks.pv.cycle_rho=0.5"});
  on.world.tick = off.world.tick = 9;
  const double life = 150.0 + 750.0 / (1.0 + std::exp(-0.45 * (2.25 - 8.0)));
  EXPECT_NEAR(life, 202.46, 0.01);
  EXPECT_DOUBLE_EQ(life_cycle_demand(on.params.tracks[0], 9), life);
  const double e1 = demand_cycle_innovation(7, 0, 1, 0);
  const double e2 = demand_cycle_innovation(7, 0, 2, 0);
  const double z = 0.5 * 0.2 * e1 + 0.2 * e2;
  clear_markets(on.world, on.params, *on.solver);
  clear_markets(off.world, off.params, *off.solver);
  EXPECT_NEAR(on.world.tracks.demand_scale[0], life * std::exp(z), 1e-12 * life);
  EXPECT_DOUBLE_EQ(off.world.tracks.demand_scale[0], life);
}

// A plant sized for the trend demand at its cost, A_life 0.75^-1.5, in a year whose cycle is
// z: the price stays on the plant's step 0.75 when z < 0 and output is A_life e^z 0.75^-1.5, so
// CU = e^z; when z > 0 the plant runs flat out and the price rises to 0.75 e^(z / 1.5).
TEST(DemandCycle, BustYearIdlesTrendCapacityAndBoomRaisesPrice) {
  int busts = 0;
  for (int year = 1; year <= 6; ++year) {
    Model m = integrated_model(
        {"market.demand_cycles=true", "tracks.pv.cycle_sd=0.2", "tracks.pv.cycle_rho=0"});
    sim::World& w = m.world;
    w.tick = 4 * year;
    const double life = life_cycle_demand(m.params.tracks[0], w.tick);
    const double z = 0.2 * demand_cycle_innovation(7, 0, year, 0);  // rho 0: this year's draw
    const double capacity = life * std::pow(0.75, -1.5);
    add_plant(w, 0, capacity, 0.0);
    clear_markets(w, m.params, *m.solver);
    if (z < 0) {
      ++busts;
      EXPECT_NEAR(w.tracks.price_index[0], 0.75, 1e-9) << "year " << year;
      EXPECT_NEAR(w.tracks.output[0] / capacity, std::exp(z), 1e-9) << "year " << year;
    } else {
      EXPECT_NEAR(w.tracks.output[0], capacity, 1e-9 * capacity) << "year " << year;
      EXPECT_NEAR(w.tracks.price_index[0], 0.75 * std::exp(z / 1.5), 1e-9) << "year " << year;
    }
  }
  EXPECT_GT(busts, 0);  // the six draws include a bust year, so both branches are checked
  EXPECT_LT(busts, 6);
}

}  // namespace
}  // namespace regsim::agents
