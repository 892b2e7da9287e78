// Schedules: a change after the end of the run is kept but never applied; none wraps to tick 0.
#include <gtest/gtest.h>

#include "agents/model.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

const char* kLateChange = R"([world]
seed = 3
cities = 12
provinces = 2
initial_firms = 200
years = 1
[[schedule]]
year = 200
set = { "market.kappa" = 0.9 }
[[schedule]]
tick = 800
set = { "market.kappa" = 0.8 }
)";

TEST(ScheduleBounds, ChangesAfterTheLastTickAreKeptButNeverApplied) {
  const RunConfig config = load_run_config_text(kLateChange, "late.toml", {});
  ASSERT_EQ(config.schedule.size(), 2u);
  EXPECT_EQ(config.schedule[0].tick, 800);  // year 200 and tick 800: both the longest run's end
  EXPECT_EQ(config.schedule[1].tick, 800);
  Model m = make_model(config);
  const double kappa = m.params.market.kappa;
  while (!m.finished()) step(m);
  EXPECT_TRUE(m.applied.empty());
  EXPECT_EQ(m.params.market.kappa, kappa);
}

TEST(ScheduleBounds, YearsAndTicksBeyondTheLongestRunAreErrorsNotWrappedTicks) {
  for (const char* field : {"year = 201", "tick = 801", "year = 1073741824", "tick = 4294967296",
                            "year = 4611686018427387904", "year = -1"}) {
    const std::string text = std::string("[world]\nseed = 1\n[[schedule]]\n") + field +
                             "\nset = { \"market.kappa\" = 0.2 }\n";
    try {
      load_run_config_text(text, "s.toml", {});
      ADD_FAILURE() << field << " was accepted";
    } catch (const sim::ConfigException& e) {
      EXPECT_NE(std::string(e.what()).find("s.toml:4: schedule."), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("the longest run"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace regsim::agents
