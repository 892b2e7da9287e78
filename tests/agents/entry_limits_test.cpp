// Firm entry is bounded: extreme in-range entry parameters stop the run with a clear error
// instead of drawing billions of firms (once 12-20 GB within a minute).
#include "agents/entry_limits.h"

#include <gtest/gtest.h>

#include "agents/model.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

std::string run_until_error(const RunConfig& config) {
  Model m = make_model(config);
  try {
    while (!m.finished()) step(m);
  } catch (const sim::ConfigException& e) {
    return e.what();
  }
  return "";
}

TEST(EntryLimits, AFloodOfEntrantsStopsTheRunNamingTheLimitAndTheKeys) {
  const RunConfig config =
      testing::small_config({"world.cities=20", "world.years=1", "tracks.pv.capex=1e-9",
                             "tracks.pv.pref=1e12", "tracks.pv.entry_weight=1e6"});
  const std::string err = run_until_error(config);
  EXPECT_NE(err.find("firms.max_entrants: "), std::string::npos) << err;
  EXPECT_NE(err.find("track pv: "), std::string::npos) << err;
  EXPECT_NE(err.find("tracks.pv.entry_weight"), std::string::npos) << err;
}

TEST(EntryLimits, TheLimitIsAParameterThatALowValueTrips) {
  // The default world draws a handful of entrants per cell; a limit of 1 trips at once.
  EXPECT_EQ(run_until_error(testing::small_config({"world.years=1"})), "");
  const std::string err =
      run_until_error(testing::small_config({"world.years=2", "firms.max_entrants=1"}));
  EXPECT_NE(err.find("above the limit of 1 "), std::string::npos) << err;
  EXPECT_THROW(testing::small_config({"firms.max_entrants=0"}), sim::ConfigException);
}

}  // namespace
}  // namespace regsim::agents
