// Sweep files: strict validation with file, line and key; run plans, seeds and designs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "agents/metrics.h"
#include "experiments/sweep/plan.h"
#include "experiments/sweep/spec.h"
#include "experiments/sweep/spec_file.h"

namespace regsim::experiments {
namespace {

namespace fs = std::filesystem;

/// A sweep from text, on the built-in baseline.
SweepSpec sweep(const std::string& text, std::vector<std::string> sets = {}) {
  SweepSource src;
  src.sweep_name = "sweep.toml";
  src.sweep_text = text;
  src.base_name = "(default)";
  src.base_path = "(default)";
  std::ifstream in(std::string(REGSIM_SOURCE_DIR) + "/experiments/baseline.toml");
  src.base_text.assign(std::istreambuf_iterator<char>(in), {});
  src.sets = std::move(sets);
  return load_sweep(src);
}

std::string errors_of(const std::string& text) {
  try {
    sweep(text);
  } catch (const sim::ConfigException& e) {
    return e.what();
  }
  return "";
}

double number(const sim::ScalarValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}

TEST(SweepSpec, MinimalFileWithARelativeBaseGivesTwoScenariosTimesTwoReplications) {
  const fs::path dir = fs::temp_directory_path() / ("regsim_spec_" + std::to_string(::getpid()));
  fs::create_directories(dir / "sweeps");
  fs::copy_file(fs::path(REGSIM_SOURCE_DIR) / "experiments/baseline.toml", dir / "baseline.toml",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "sweeps/minimal.toml") << R"(base = "../baseline.toml"
[design]
kind = "grid"
replications = 2
[factors]
"market.kappa" = [0.0, 1.0]
"world.years" = [6]
)";
  const SweepSpec s = load_sweep(read_sweep_source((dir / "sweeps/minimal.toml").string(), {}));
  EXPECT_EQ(s.scenario_count(), 2u);
  EXPECT_EQ(s.run_count(), 4u);
  ASSERT_EQ(s.factors.size(), 2u);
  EXPECT_EQ(s.factors[0].key, "market.kappa");  // file order, not key order
  EXPECT_EQ(s.factors[1].key, "world.years");
  EXPECT_EQ(s.source.base_name, "../baseline.toml");
  const RunPlan p = plan_run(s, 3);
  EXPECT_EQ(p.scenario, 1u);
  EXPECT_EQ(p.replication, 1);
  EXPECT_EQ(number(p.values[0]), 1.0);
  EXPECT_EQ(std::get<std::int64_t>(p.values[1]), 6);
  fs::remove_all(dir);
}

TEST(SweepSpec, EveryErrorNamesFileLineAndKey) {
  const std::string e = errors_of(R"([design]
kind = "grid"
replications = 0
colour = "red"
[factors]
"market.kappa" = [0.0, 1.5]
"market.kapa" = [0.0]
"world.years" = [6.5]
"policy.evaluation" = ["gdp", "votes"]
"tournament.alpha1" = 0.5
[fixed]
"market.t0" = "x"
[elsewhere]
x = 1
)");
  for (const char* expected :
       {"sweep.toml:3: design.replications: = 0 is outside [1, 1000000]",
        "sweep.toml:4: design.colour: unknown key",
        "sweep.toml:6: factors.market.kappa: value 2 = 1.5 is outside [0, 1]",
        "sweep.toml:7: factors.market.kapa: not a parameter",
        "sweep.toml:8: factors.world.years: value 1: expected an integer, got float 6.5",
        "sweep.toml:9: factors.policy.evaluation: value 2 = \"votes\" is not one of",
        "sweep.toml:10: factors.tournament.alpha1: a factor takes an array",
        "sweep.toml:12: fixed.market.t0: expected a number",
        "sweep.toml:14: elsewhere.x: unknown key"})
    EXPECT_NE(e.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n" << e;
}

TEST(SweepSpec, AnEmptyTableUnderAnOldNameIsASectionAndAnUnknownOneIsRefused) {
  // [policy] holds only old keys (ParamSpec::aliases); policy.zz and choice name nothing.
  const std::string factor = "[factors]\n\"market.kappa\" = [0.0]\n";
  EXPECT_EQ(errors_of("[fixed.policy]\n[factors.policy]\n" + factor), "");
  const std::string e = errors_of("[fixed.policy.zz]\n[fixed.choice]\n" + factor);
  EXPECT_NE(e.find("sweep.toml:1: fixed.policy.zz: unknown table"), std::string::npos) << e;
  EXPECT_NE(e.find("sweep.toml:2: fixed.choice: unknown table"), std::string::npos) << e;
}

TEST(SweepSpec, RejectsInconsistentDesigns) {
  EXPECT_NE(errors_of("[design]\nkind = \"lhs\"\n[factors]\n\"market.kappa\" = [0, 1]\n")
                .find("design.samples: an lhs or sobol design needs samples"),
            std::string::npos);
  EXPECT_NE(errors_of("[design]\nkind = \"sobol\"\nsamples = 8\n[factors]\n"
                      "\"market.kappa\" = [0, 0.5, 1]\n")
                .find("as a range [lo, hi]"),
            std::string::npos);
  EXPECT_NE(errors_of("[design]\nseeds = [1, 2]\nreplications = 3\n").find("has 2 seeds"),
            std::string::npos);
  EXPECT_NE(errors_of("[factors]\n\"world.seed\" = [1, 2]\n").find("seeds are set by [design]"),
            std::string::npos);
  EXPECT_NE(errors_of("[factors]\n\"market.kappa\" = [0, 1]\n[fixed]\n\"market.kappa\" = 0.5\n")
                .find("is also fixed"),
            std::string::npos);
  EXPECT_NE(errors_of("[design]\nkind = \"box\"\n").find("is not one of: grid, lhs, sobol, oat"),
            std::string::npos);
  EXPECT_NE(errors_of("[factors]\n\"market.kappa\" = [0.5, 0.5]\n").find("listed twice"),
            std::string::npos);
}

TEST(SweepSpec, GridVariesTheLastFactorFastestAndPairsSeedsAcrossScenarios) {
  const SweepSpec s = sweep(R"([design]
replications = 3
[factors]
"market.kappa" = [0.0, 0.5, 1.0]
"policy.evaluation" = ["gdp", "balanced"]
)");
  ASSERT_EQ(s.run_count(), 18u);
  const RunPlan p = plan_run(s, 3 * 3 + 2);  // scenario 3 = (kappa 0.5, balanced), replication 2
  EXPECT_EQ(number(p.values[0]), 0.5);
  EXPECT_EQ(std::get<std::string>(p.values[1]), "balanced");
  // Common random numbers: replication r has one seed in every scenario, base seed + r.
  for (std::uint64_t id = 0; id < s.run_count(); ++id) {
    const RunPlan q = plan_run(s, id);
    EXPECT_EQ(q.seed, 20240501u + static_cast<std::uint64_t>(q.replication));
  }
}

TEST(SweepSpec, ExplicitSeedsAndUnpairedSeeds) {
  const SweepSpec listed =
      sweep("[design]\nseeds = [7, 99]\n[factors]\n\"market.kappa\" = [0, 1]\n");
  EXPECT_EQ(listed.replications, 2);
  EXPECT_EQ(plan_run(listed, 1).seed, 99u);
  EXPECT_EQ(plan_run(listed, 3).seed, 99u);
  const SweepSpec unpaired = sweep(
      "[design]\nreplications = 2\npaired = false\nseed = 100\n[factors]\n"
      "\"market.kappa\" = [0, 1]\n");
  std::set<std::uint64_t> seeds;
  for (std::uint64_t id = 0; id < unpaired.run_count(); ++id)
    seeds.insert(plan_run(unpaired, id).seed);
  EXPECT_EQ(seeds.size(), 4u);
  EXPECT_EQ(*seeds.begin(), 100u);
}

TEST(SweepSpec, OneAtATimeVariesEachFactorAroundTheBase) {
  const SweepSpec s = sweep(R"([design]
kind = "oat"
[factors]
"market.kappa" = [0.0, 0.5, 1.0]
"tournament.alpha1" = [0.2, 0.6]
)");
  // The base (kappa 0.5, alpha1 0.6) plus kappa 0 and 1, plus alpha1 0.2.
  ASSERT_EQ(s.scenario_count(), 4u);
  EXPECT_EQ(number(scenario_values(s, 0)[0]), 0.5);
  EXPECT_EQ(number(scenario_values(s, 0)[1]), 0.6);
  EXPECT_EQ(number(scenario_values(s, 1)[0]), 0.0);
  EXPECT_EQ(number(scenario_values(s, 2)[0]), 1.0);
  EXPECT_EQ(number(scenario_values(s, 3)[0]), 0.5);
  EXPECT_EQ(number(scenario_values(s, 3)[1]), 0.2);
}

TEST(SweepSpec, LatinHypercubeMapsStrataToRangesAndCategories) {
  const SweepSpec s = sweep(R"([design]
kind = "lhs"
samples = 20
[factors]
"market.kappa" = [0.2, 0.6]
"world.graph_k" = [2, 5]
"policy.evaluation" = ["gdp", "balanced"]
)");
  ASSERT_EQ(s.scenario_count(), 20u);
  std::set<int> strata;
  std::set<std::int64_t> ks;
  std::set<std::string> evals;
  for (std::uint64_t i = 0; i < 20; ++i) {
    const auto v = scenario_values(s, i);
    const double kappa = number(v[0]);
    EXPECT_GE(kappa, 0.2);
    EXPECT_LT(kappa, 0.6);
    strata.insert(static_cast<int>(std::floor((kappa - 0.2) / 0.4 * 20)));
    ks.insert(std::get<std::int64_t>(v[1]));
    evals.insert(std::get<std::string>(v[2]));
  }
  EXPECT_EQ(strata.size(), 20u);
  EXPECT_EQ(ks, (std::set<std::int64_t>{2, 3, 4, 5}));
  EXPECT_EQ(evals.size(), 2u);
}

TEST(SweepSpec, SobolDesignHasSaltelliBlocksInsideTheRanges) {
  const SweepSpec s = sweep(R"([design]
kind = "sobol"
samples = 16
[factors]
"market.kappa" = [0, 1]
"tournament.alpha1" = [0.2, 0.8]
"world.heterogeneity" = [0, 2]
)");
  ASSERT_EQ(s.scenario_count(), 16u * 5u);
  for (std::uint64_t i = 0; i < s.scenario_count(); ++i) {
    const auto v = scenario_values(s, i);
    EXPECT_GE(number(v[1]), 0.2);
    EXPECT_LE(number(v[1]), 0.8);
  }
  // AB_2 of block 3 takes alpha1 from B and the rest from A.
  const auto a = scenario_values(s, 15), b = scenario_values(s, 16), ab = scenario_values(s, 18);
  EXPECT_EQ(ab[0], a[0]);
  EXPECT_EQ(ab[1], b[1]);
  EXPECT_EQ(ab[2], a[2]);
}

TEST(SweepSpec, CanonicalTextIgnoresLayoutButNotContent) {
  const char* a = "[factors]\n\"market.kappa\" = [0, 1]\n";
  const char* b = "# a comment\n[factors]\n\"market.kappa\" = [ 0, 1 ]   # levels\n";
  const char* c = "[factors]\n\"market.kappa\" = [0, 0.9]\n";
  EXPECT_EQ(sweep(a).canonical(), sweep(b).canonical());
  EXPECT_NE(sweep(a).canonical(), sweep(c).canonical());
  EXPECT_NE(sweep(a).canonical(), sweep(a, {"world.years=3"}).canonical());
}

TEST(SweepSpec, TrackSeriesKeepEveryColumnOfTracksCsvOrAChosenSubset) {
  const char* factors = "[factors]\n\"market.kappa\" = [0, 1]\n";
  const SweepSpec off = sweep(factors);
  EXPECT_FALSE(off.keep_tracks);
  EXPECT_TRUE(off.track_metrics.empty());
  const SweepSpec all = sweep(std::string(factors) + "[outputs]\ntracks = true\n");
  EXPECT_TRUE(all.keep_tracks);
  EXPECT_EQ(all.tracks_every, 1);
  EXPECT_EQ(all.track_metrics, agents::track_column_names());
  const SweepSpec some = sweep(std::string(factors) +
                               "[outputs]\ntracks = true\ntracks_every = 4\n"
                               "track_metrics = [\"price\", \"capacity\"]\n");
  EXPECT_EQ(some.tracks_every, 4);
  EXPECT_EQ(some.track_metrics, (std::vector<std::string>{"price", "capacity"}));
  // Without track series the identity text is the one of regsim versions before them, so their
  // stores resume and merge; with them, the choice is part of the identity.
  EXPECT_EQ(off.canonical().find("\ntracks every"), std::string::npos);
  EXPECT_NE(all.canonical().find("\ntracks every 1 metrics capacity,pipeline,"), std::string::npos);
  EXPECT_NE(all.canonical(), off.canonical());
  EXPECT_NE(all.canonical(), some.canonical());
}

TEST(SweepSpec, TrackSeriesKeysAreCheckedWithFileLineAndKey) {
  const std::string e = errors_of(R"([factors]
"market.kappa" = [0, 1]
[outputs]
tracks = "yes"
tracks_every = 0
track_metrics = ["price", "gdp", "price"]
series_metrics = ["cu", "cu"]
)");
  for (const char* expected :
       {"sweep.toml:4: outputs.tracks: expected true or false, got string \"yes\"",
        "sweep.toml:5: outputs.tracks_every: = 0 is outside [1, 1000000]",
        "sweep.toml:6: outputs.track_metrics: \"gdp\" is not a column of tracks.csv (one of: "
        "capacity, pipeline,",
        "sweep.toml:6: outputs.track_metrics: \"price\" is listed twice",
        "sweep.toml:7: outputs.series_metrics: \"cu\" is listed twice"})
    EXPECT_NE(e.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n" << e;
  // Track keys without tracks = true would keep nothing: an error, not silence.
  const std::string half = errors_of(
      "[factors]\n\"market.kappa\" = [0, 1]\n[outputs]\ntracks_every = 2\ntrack_metrics = "
      "[]\n");
  EXPECT_NE(half.find("sweep.toml:4: outputs.tracks_every: needs tracks = true"), std::string::npos)
      << half;
  EXPECT_NE(half.find("sweep.toml:5: outputs.track_metrics: needs at least one metric"),
            std::string::npos)
      << half;
}

TEST(SweepSpec, RunOverridesSetEveryFactorAndTheSeed) {
  const SweepSpec s = sweep(
      "[factors]\n\"policy.evaluation\" = [\"balanced\"]\n\"market.kappa\" = [0.1]\n"
      "[fixed]\n\"world.years\" = 3\n",
      {"world.cities=20"});
  const auto o = run_overrides(s, plan_run(s, 0));
  const std::vector<std::string> expected = {"world.cities=20", "world.years=3",
                                             "policy.evaluation=\"balanced\"", "market.kappa=0.1",
                                             "world.seed=20240501"};
  EXPECT_EQ(o, expected);
}

TEST(SweepSpec, FormatDoubleIsShortestRoundTrip) {
  EXPECT_EQ(format_double(0.1), "0.1");
  EXPECT_EQ(format_double(1.0), "1");
  EXPECT_EQ(std::stod(format_double(0.1 + 0.2)), 0.1 + 0.2);
}

TEST(SweepBounds, AnLhsDesignLargerThanTheMachineIsRefusedBeforeItIsBuilt) {
  // 10^8 samples of 36 factors would need 29 GB for the points alone (once: 6.4 GB even for
  // --dry-run with fewer factors); the error comes before any point is drawn.
  std::string text = "[design]\nkind = \"lhs\"\nsamples = 100000000\n[factors]\n";
  for (const char* track :
       {"pv", "battery", "ev", "semiconductor", "ai", "biomedicine", "low_altitude",
        "new_materials", "equipment", "textiles", "agri_food", "tourism"})
    for (const char* key : {"pref", "capex", "entry_weight"})
      text += std::string("\"tracks.") + track + "." + key + "\" = [0.5, 1.0]\n";
  const std::string err = errors_of(text);
  EXPECT_NE(err.find("design.samples: the design needs about"), std::string::npos) << err;
}

}  // namespace
}  // namespace regsim::experiments
