// Exit phase on a tiny world: a distressed firm fails (bailouts off) or is bailed out (sure
// bailout), a sound firm stays when exogenous exit is off.
#include <gtest/gtest.h>

#include <vector>

#include "agents/phases/phases.h"
#include "sim/random.h"
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

TEST(ResolveDistress, LegacyFatesOfManyFirmsFollowTheTestsAndTheExitDraws) {
  // 1,300 firms (the fates are decided 512 at a time): every 7th insolvent, every 5th on a loss
  // streak at low utilisation, every 11th on a streak at high utilisation (not distressed);
  // exogenous exit 0.2. Without bailouts a distressed firm fails, any other leaves when its
  // ExogenousExit stream's first uniform01 is below 0.2, the rest stay.
  testing::TinyWorld t = testing::tiny_world({{}, {}});
  ModelParams& p = t.params;
  p.firms.exogenous_exit = 0.2;
  p.firms.distress_equity = 0.3;
  p.firms.loss_streak = 8;
  p.firms.distress_cu = 0.5;
  p.exit.bailouts = false;
  sim::World& w = t.world;
  w.tick = 17;
  std::vector<sim::FirmId> expected_stay;
  int distress = 0, exogenous = 0;
  for (std::size_t i = 0; i < 1300; ++i) {
    const std::size_t f = t.add_firm(i % 2, 0, 10.0, 100.0, i % 7 == 0 ? 150.0 : 20.0);
    w.firms.output[f] = i % 5 == 0 ? 3.0 : 8.0;
    w.firms.loss_streak[f] = i % 5 == 0 || i % 11 == 0 ? 9 : 0;
    const bool distressed = i % 7 == 0 || i % 5 == 0;
    sim::Stream s(
        sim::StreamKey{w.seed, w.run, w.tick, w.firms.id[f].value, sim::Purpose::ExogenousExit});
    if (distressed) {
      ++distress;
    } else if (sim::uniform01(s) < 0.2) {
      ++exogenous;
    } else {
      expected_stay.push_back(w.firms.id[f]);
    }
  }
  resolve_distress(w, p, {});
  EXPECT_EQ(w.flows.exits_distress, distress);
  EXPECT_EQ(w.flows.exits_exogenous, exogenous);
  EXPECT_GT(exogenous, 150);  // about 0.2 of the 892 firms not distressed
  ASSERT_EQ(w.firms.size(), expected_stay.size());
  for (std::size_t f = 0; f < w.firms.size(); ++f) EXPECT_EQ(w.firms.id[f], expected_stay[f]) << f;
}

}  // namespace
}  // namespace regsim::agents
