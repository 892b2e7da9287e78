// The memory check of a sweep sizes its largest run: every factor that sizes a run (cities,
// tracks, initial firms, the map) at its largest level or range end, [fixed] values included.
#include "experiments/sweep/memory.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "experiments/run/resources.h"
#include "experiments/sweep/spec_file.h"

namespace regsim::experiments {
namespace {

SweepSpec sweep(const std::string& text) {
  SweepSource src;
  src.sweep_name = "big_sweep.toml";
  src.sweep_text = text;
  src.base_name = "(default)";
  src.base_path = "(default)";
  std::ifstream in(std::string(REGSIM_SOURCE_DIR) + "/experiments/baseline.toml");
  src.base_text.assign(std::istreambuf_iterator<char>(in), {});
  return load_sweep(src);
}

TEST(SweepMemory, LargestRunTakesEachSizingFactorAtItsLargestLevel) {
  const agents::ModelParams p = *largest_run_params(sweep(R"([design]
kind = "grid"
[factors]
"world.initial_firms" = [300, 250000, 1000]
"world.cities" = [40, 20]
"market.kappa" = [0.0, 1.0]
)"));
  EXPECT_EQ(p.world.initial_firms, 250000);
  EXPECT_EQ(p.world.cities, 40);
}

TEST(SweepMemory, LargestRunTakesTheUpperEndOfARangeAndFixedValues) {
  const agents::ModelParams p = *largest_run_params(sweep(R"([design]
kind = "lhs"
samples = 10
[factors]
"world.cities" = [20, 3000]
"world.tracks" = [2, 30]
[fixed]
"world.initial_firms" = 5000
)"));
  EXPECT_EQ(p.world.cities, 3000);
  EXPECT_EQ(p.tracks.size(), 30u);
  EXPECT_EQ(p.world.initial_firms, 5000);
}

TEST(SweepMemory, ASweepWhoseLargestRunsDoNotFitIsRefusedNamingTheSweepFile) {
  const SweepSpec s = sweep(R"([design]
kind = "grid"
[factors]
"world.initial_firms" = [300, 10000000]
)");
  EXPECT_NO_THROW(check_sweep_memory(sweep("[design]\nkind = \"grid\"\n[factors]\n"
                                           "\"market.kappa\" = [0.0, 1.0]\n"),
                                     2));
  try {
    check_sweep_memory(s, 1024);  // 1,024 runs of 10^7 firms: terabytes
    ADD_FAILURE() << "no error";
  } catch (const sim::ConfigException& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("big_sweep.toml: world: a run of 100 cities, 12 tracks and 10000000 "
                        "initial firms, 1024 at once,"),
              std::string::npos)
        << what;
  }
}

}  // namespace
}  // namespace regsim::experiments
