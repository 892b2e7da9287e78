// Tests of the strict config loader: malformed files, overrides, schedules, round trips.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "agents/param_table.h"
#include "support/baseline.h"

namespace regsim::agents {
namespace {

std::string first_line(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(ConfigLoader, EveryMalformedFileReportsFileLineAndKey) {
  const std::filesystem::path dir = std::filesystem::path(REGSIM_SOURCE_DIR) / "tests/configs/bad";
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string header = first_line(entry.path());
    ASSERT_EQ(header.rfind("# expect: ", 0), 0u) << entry.path();
    const std::string expect = header.substr(10);
    try {
      load_run_config(entry.path().string(), {});
      ADD_FAILURE() << entry.path() << " loaded without error";
    } catch (const sim::ConfigException& e) {
      EXPECT_NE(std::string(e.what()).find(expect), std::string::npos)
          << "file " << entry.path().filename() << "\nexpected: " << expect
          << "\ngot: " << e.what();
    }
    ++checked;
  }
  EXPECT_GE(checked, 12);
}

TEST(ConfigLoader, AllErrorsAreReportedTogether) {
  const std::string text = "[world]\nseed = 1\ncities = -3\n[market]\nkappa = 2\nfoo = 1\n";
  try {
    load_run_config_text(text, "multi.toml", {});
    FAIL() << "no error";
  } catch (const sim::ConfigException& e) {
    EXPECT_EQ(e.errors().all().size(), 3u) << e.what();
  }
}

TEST(ConfigLoader, SetOverridesAcceptTheDocumentedKeys) {
  const std::vector<std::string> sets = {"market.kappa=0",
                                         "world.heterogeneity=1.2",
                                         "world.cities=40",
                                         "world.years=7",
                                         "world.seed=99",
                                         "tournament.alpha1=0",
                                         "tournament.evaluation=differentiated",
                                         "tournament.fault_tolerance=0.5",
                                         "subsidy.regime=precise",
                                         "exit.bailouts=false",
                                         "government.coordination_platform=true"};
  const auto c = load_run_config_text(testing::baseline_text(), "baseline", sets);
  const auto& p = c.params;
  EXPECT_EQ(p.market.kappa, 0.0);
  EXPECT_EQ(p.world.heterogeneity, 1.2);
  EXPECT_EQ(p.world.cities, 40);
  EXPECT_EQ(p.world.years, 7);
  EXPECT_EQ(p.world.seed, 99u);
  EXPECT_EQ(p.tournament.alpha1, 0.0);
  EXPECT_EQ(p.tournament.evaluation, policies::Evaluation::Differentiated);
  EXPECT_EQ(p.tournament.fault_tolerance, 0.5);
  EXPECT_EQ(p.subsidy.regime, policies::SubsidyRegime::Precise);
  EXPECT_FALSE(p.exit.bailouts);
  EXPECT_TRUE(p.government.coordination_platform);
}

TEST(ConfigLoader, BadSetOverrideNamesTheFlag) {
  try {
    load_run_config_text(testing::baseline_text(), "baseline", {"market.kappa=abc"});
    FAIL() << "no error";
  } catch (const sim::ConfigException& e) {
    EXPECT_NE(std::string(e.what()).find("--set: market.kappa: expected a number"),
              std::string::npos)
        << e.what();
  }
}

TEST(ConfigLoader, ParamsRoundTripThroughToml) {
  auto c = load_run_config_text(testing::baseline_text(), "baseline",
                                {"market.kappa=0.25", "world.tracks=15"});
  const std::string dumped = params_to_toml(c.params);
  const auto again = load_run_config_text(dumped, "dumped", {});
  EXPECT_EQ(params_to_toml(again.params), dumped);
  EXPECT_EQ(again.params.tracks.size(), 15u);
  EXPECT_EQ(again.params.tracks[12].name, "pv_2");
}

TEST(ConfigLoader, ApplyChangeRejectsFixedAndUnknownKeys) {
  ModelParams p;
  EXPECT_FALSE(apply_change(p, "market.kappa", sim::ScalarValue(0.1)).has_value());
  EXPECT_EQ(p.market.kappa, 0.1);
  EXPECT_TRUE(apply_change(p, "world.cities", sim::ScalarValue(std::int64_t{3})).has_value());
  EXPECT_TRUE(apply_change(p, "market.nope", sim::ScalarValue(1.0)).has_value());
  EXPECT_TRUE(apply_change(p, "market.kappa", sim::ScalarValue(3.0)).has_value());
  EXPECT_EQ(p.market.kappa, 0.1);
}

}  // namespace
}  // namespace regsim::agents
