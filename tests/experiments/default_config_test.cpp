// The embedded default experiment: the same params and schedule as experiments/baseline.toml.
#include "experiments/default_config.h"

#include <gtest/gtest.h>

#include <string>

#include "agents/param_table.h"

namespace regsim::experiments {
namespace {

TEST(DefaultConfig, LoadsAndMatchesTheBaselineFile) {
  const auto embedded = agents::load_run_config_text(default_config_text(), "embedded", {});
  const auto file =
      agents::load_run_config(std::string(REGSIM_SOURCE_DIR) + "/experiments/baseline.toml", {});
  EXPECT_EQ(agents::params_to_toml(embedded.params), agents::params_to_toml(file.params));
  EXPECT_EQ(embedded.params.world.cities, 100);
  ASSERT_EQ(embedded.schedule.size(), 1u);
  EXPECT_EQ(embedded.schedule[0].key, "tracks.low_altitude.signal");
  EXPECT_EQ(embedded.schedule[0].tick, 32);
}

}  // namespace
}  // namespace regsim::experiments
