// The memory prediction of a run: grows with its sizes, and a run too big for the machine is
// refused before it starts (exit code 2), naming the sizes.
#include "experiments/run/resources.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "sim/config.h"
#include "sim/limits.h"

namespace regsim::experiments {
namespace {

TEST(RunResources, PredictionGrowsWithCitiesAndFirmsAndCoversTheDefault) {
  agents::ModelParams p;
  p.tracks = sim::make_tracks(p.world.tracks);
  const double base = predicted_run_bytes(p);
  const agents::ModelParams defaults = p;
  EXPECT_GT(base, 10e6);  // measured peak of the default world: 10 MB
  EXPECT_LT(base, 100e6);
  p.world.initial_firms = 10'000'000;
  EXPECT_GT(predicted_run_bytes(p), 2e9);
  p.world.cities = 5000;
  EXPECT_GT(predicted_run_bytes(p), predicted_run_bytes(defaults) + 400e6);
}

TEST(RunResources, ARunLargerThanTheMachineIsRefusedBeforeItStarts) {
  agents::ModelParams p;
  p.tracks = sim::make_tracks(p.world.tracks);
  EXPECT_NO_THROW(check_run_memory(p, 1, "small.toml"));
  const double per_run = predicted_run_bytes(p);
  const int too_many =
      static_cast<int>(static_cast<double>(sim::usable_memory_bytes()) / per_run) + 2;
  try {
    check_run_memory(p, too_many, "big.toml");
    ADD_FAILURE() << "no error";
  } catch (const sim::ConfigException& e) {
    EXPECT_NE(std::string(e.what()).find("big.toml: world: a run of 100 cities"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("more than this machine's"), std::string::npos);
  }
}

}  // namespace
}  // namespace regsim::experiments
