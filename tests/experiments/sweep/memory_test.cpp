// The memory check of a sweep sizes its largest run: every factor that sizes a run (cities,
// tracks, initial firms, the map, years for kept series) at its largest level or range end,
// [fixed] values included, and counts the series its held results keep ([outputs]).
#include "experiments/sweep/memory.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "experiments/run/resources.h"
#include "experiments/sweep/spec_file.h"
#include "sim/limits.h"

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

TEST(SweepMemory, KeptSeriesGrowWithTicksTracksAndMetricsAndTakeTheLongestRun) {
  const std::string design = "[design]\nkind = \"grid\"\n[factors]\n\"world.years\" = [10, 40]\n";
  const SweepSpec none = sweep(design);
  const agents::ModelParams p = *largest_run_params(none);
  EXPECT_EQ(kept_series_bytes(none, p), 0.0);
  const SweepSpec tracks = sweep(design + "[outputs]\ntracks = true\n");
  const agents::ModelParams longest = *largest_run_params(tracks);
  EXPECT_EQ(longest.world.years, 40);
  // 160 ticks, each its tick (4 bytes) and 8 bytes per track and metric; doubled for growth.
  const double per_tick =
      4.0 + 8.0 * static_cast<double>(longest.tracks.size() * tracks.track_metrics.size());
  EXPECT_EQ(kept_series_bytes(tracks, longest), 2 * 160 * per_tick);
  const SweepSpec every4 =
      sweep(design + "[outputs]\ntracks = true\ntracks_every = 4\nseries = true\n");
  const double national = 4.0 + 8.0 * static_cast<double>(every4.series_metrics.size());
  EXPECT_EQ(kept_series_bytes(every4, longest), 2 * (40 * per_tick + 160 * national));
  // Held results: 1 in flight, 4 x 1 + 16 queued, 64 in a write batch.
  EXPECT_EQ(sweep_bytes(tracks, longest, 1),
            predicted_run_bytes(longest) + 85 * kept_series_bytes(tracks, longest));
}

TEST(SweepMemory, ASweepWhoseKeptTrackSeriesDoNotFitIsRefusedThoughItsRunsWould) {
  const std::string design =
      "[design]\nkind = \"grid\"\n[factors]\n\"market.kappa\" = [0.0, 1.0]\n"
      "[fixed]\n\"world.years\" = 200\n\"world.tracks\" = 120\n";
  const SweepSpec plain = sweep(design);
  const SweepSpec tracks = sweep(design + "[outputs]\ntracks = true\n");
  const agents::ModelParams p = *largest_run_params(tracks);
  ASSERT_EQ(p.tracks.size(), 120u);
  const double run = predicted_run_bytes(p), kept = kept_series_bytes(tracks, p);
  ASSERT_GT(kept, run);  // 800 ticks x 120 tracks x every column
  // As many runs at once as fill a third of the machine: they fit, their kept series do not.
  const auto memory = static_cast<double>(sim::usable_memory_bytes());
  const int jobs = static_cast<int>(memory / 3 / run);
  ASSERT_GT(5 * jobs * kept, memory);
  EXPECT_NO_THROW(check_sweep_memory(plain, jobs));
  try {
    check_sweep_memory(tracks, jobs);
    ADD_FAILURE() << "no error";
  } catch (const sim::ConfigException& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("big_sweep.toml: world: a run of 100 cities, 120 tracks"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("of it kept series), more than this machine's"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace regsim::experiments
