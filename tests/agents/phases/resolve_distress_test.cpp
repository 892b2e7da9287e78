// Exit phase on a tiny world: a distressed firm fails (bailouts off) or is bailed out (sure
// bailout), a sound firm stays when exogenous exit is off.
#include <gtest/gtest.h>

#include "agents/phases/phases.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

/// Two firms in city 1, track 0 listed there: one deep in debt (equity -50 < -0.3 * 100), one
/// sound. No exogenous exit, so only distress decides.
testing::TinyWorld two_firms() {
  testing::TinyWorld t = testing::tiny_world({{}, {}});
  t.params.firms.exogenous_exit = 0.0;
  t.params.firms.distress_equity = 0.3;
  t.params.tracks[0].jobs = 0.05;  // thousand jobs per unit of capacity
  t.add_firm(0, 0, 40.0, 100.0, 150.0);
  t.add_firm(0, 0, 40.0, 100.0, 20.0);
  t.world.cities.listed[t.world.cell(sim::CityId(0), sim::TrackId(0))] = 1;
  t.world.cities.jobs[0] = 4.0;
  return t;
}

TEST(ResolveDistress, WithoutBailoutsTheDistressedFirmFails) {
  testing::TinyWorld t = two_firms();
  t.params.exit.bailouts = false;
  t.params.exit.retraining_cost = 2.0;
  sim::World& w = t.world;
  const sim::FirmId sound = w.firms.id[1];
  resolve_distress(w, t.params, {});
  ASSERT_EQ(w.firms.size(), 1u);
  EXPECT_EQ(w.firms.id[0], sound);
  EXPECT_EQ(w.flows.exits, 1);
  EXPECT_EQ(w.flows.exits_distress, 1);
  EXPECT_DOUBLE_EQ(w.flows.written_off, 150.0);
  EXPECT_EQ(w.cities.failures[0], 1);  // the track was on the city's list
  EXPECT_EQ(w.cities.cell_exits_year[w.cell(sim::CityId(0), sim::TrackId(0))], 1);
  // Retraining: 2 per thousand jobs, 0.05 jobs per unit of capacity 40.
  EXPECT_DOUBLE_EQ(w.cities.retraining_tick[0], 4.0);
}

TEST(ResolveDistress, ASureBailoutRestoresEquityToAShareOfBook) {
  testing::TinyWorld t = two_firms();
  ModelParams& p = t.params;
  // b (1 + 0.5 pi)(1 + 2 job share) room >= 1 with b = 1, room 1 (no city debt): always.
  p.exit.bailout_propensity = 1.0;
  p.exit.bailout_equity = 0.1;
  p.exit.zombie_ticks = 8;
  sim::World& w = t.world;
  w.tick = 3;
  resolve_distress(w, p, {});
  ASSERT_EQ(w.firms.size(), 2u);
  // Equity -50 restored to 0.1 * 100 = 10: the city pays 60, the debt falls to 90.
  EXPECT_DOUBLE_EQ(w.firms.debt[0], 90.0);
  EXPECT_DOUBLE_EQ(w.cities.bailouts_tick[0], 60.0);
  EXPECT_DOUBLE_EQ(w.flows.bailouts, 60.0);
  EXPECT_EQ(w.flows.bailouts_count, 1);
  EXPECT_EQ(w.firms.zombie_until[0], 11);
  EXPECT_EQ(w.flows.exits, 0);
  EXPECT_EQ(w.firms.debt[1], 20.0);  // the sound firm is untouched
}

}  // namespace
}  // namespace regsim::agents
