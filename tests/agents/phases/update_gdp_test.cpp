// GDP phase on a tiny world: base economy, value added, capex spent, jobs, pollution, shares.
#include <gtest/gtest.h>

#include "agents/phases/phases.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

TEST(UpdateGdp, BaseGrowthValueAddedAndCapexSpent) {
  testing::TinyWorld t = testing::tiny_world({{0, 100.0}, {0, 300.0}});
  sim::World& w = t.world;
  ModelParams& p = t.params;
  p.world.base_growth = 0.01;
  p.tracks[0].value_added = 0.3;
  p.tracks[0].jobs = 0.05;
  p.tracks[0].pollution = 0.5;
  const std::size_t a = t.add_firm(0, 0, 40.0, 0.0, 0.0);
  const std::size_t b = t.add_firm(0, 0, 60.0, 0.0, 0.0);
  w.firms.revenue[a] = 20.0;
  w.firms.revenue[b] = 30.0;
  w.firms.output[a] = 10.0;
  w.firms.output[b] = 30.0;
  w.cities.capex_tick[1] = 7.0;
  update_gdp(w, p);
  // City 1: 100 * 1.01 + 0.3 * (20 + 30) = 116; city 2: 300 * 1.01 + 7 = 310.
  EXPECT_DOUBLE_EQ(w.cities.gdp[0], 116.0);
  EXPECT_DOUBLE_EQ(w.cities.gdp[1], 310.0);
  EXPECT_DOUBLE_EQ(w.cities.gdp_year[0], 116.0);
  EXPECT_DOUBLE_EQ(w.cities.gdp_share[0], 116.0 / 426.0);
  EXPECT_DOUBLE_EQ(w.cities.jobs[0], 0.05 * 100.0);
  EXPECT_DOUBLE_EQ(w.cities.pollution_tick[0], 0.5 * 40.0);
  EXPECT_EQ(w.cities.jobs[1], 0.0);
}

}  // namespace
}  // namespace regsim::agents
