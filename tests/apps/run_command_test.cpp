// End-to-end tests of the regsim binary: outputs, exit codes, atomic files, thread independence.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/files.h"

namespace {

namespace fs = std::filesystem;
using regsim::testing::lines;
using regsim::testing::slurp;

int run(const std::string& args) {
  const std::string cmd = std::string(REGSIM_BINARY) + " " + args + " >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string cell; std::getline(ss, cell, ',');) out.push_back(cell);
  return out;
}

fs::path temp_dir(const std::string& name) {
  const fs::path d =
      fs::temp_directory_path() / ("regsim_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

int column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  ADD_FAILURE() << "missing column " << name;
  return 0;
}

TEST(Cli, DefaultRunWritesFourSaneOutputs) {
  const fs::path out = temp_dir("default");
  ASSERT_EQ(run("run --quiet --out " + out.string()), 0);
  const auto metrics = lines(out / "metrics.csv");
  ASSERT_EQ(metrics.size(), 121u);  // header + 30 years x 4 quarters
  const auto header = split(metrics[0]);
  for (const char* c : {"tick", "year", "gdp", "cu", "price_index", "similarity", "krugman",
                        "jaccard", "zombie_share", "firms", "entries", "exits", "subsidies",
                        "bailouts", "debt", "welfare", "tfp", "theil"})
    column(header, c);
  for (std::size_t r = 1; r < metrics.size(); ++r) {
    const auto row = split(metrics[r]);
    ASSERT_EQ(row.size(), header.size()) << "row " << r;
    const double cu = std::stod(row[static_cast<std::size_t>(column(header, "cu"))]);
    EXPECT_GE(cu, 0.0);
    EXPECT_LE(cu, 1.0);
    EXPECT_GT(std::stod(row[static_cast<std::size_t>(column(header, "gdp"))]), 0.0);
    EXPECT_GT(std::stoi(row[static_cast<std::size_t>(column(header, "firms"))]), 0);
    const double sim = std::stod(row[static_cast<std::size_t>(column(header, "similarity"))]);
    EXPECT_GE(sim, 0.0);
    EXPECT_LE(sim, 1.0 + 1e-9);
  }
  const auto tracks = lines(out / "tracks.csv");
  EXPECT_EQ(tracks.size(), 1u + 120u * 12u);
  const auto th = split(tracks[0]);
  for (const char* c : {"tick", "track", "capacity", "pipeline", "demand", "output", "cu", "price",
                        "firms", "cities_listing", "zombie_share"})
    column(th, c);
  const auto cities = lines(out / "cities.csv");
  EXPECT_EQ(cities.size(), 1u + 30u * 100u);
  const auto ch = split(cities[0]);
  for (const char* c : {"year", "city", "province", "gdp", "gdp_growth", "debt", "subsidies",
                        "priority_tracks", "official_tenure", "promoted"})
    column(ch, c);
  const std::string manifest = slurp(out / "manifest.json");
  for (const char* key : {"\"seed\"", "\"version\"", "\"git_commit\"", "\"wall_seconds\"",
                          "\"market.kappa\"", "\"tracks.pv.signal\""})
    EXPECT_NE(manifest.find(key), std::string::npos) << key;
  for (const auto& e : fs::directory_iterator(out))
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << "leftover " << e.path();
  fs::remove_all(out);
}

TEST(Cli, OutputsAreByteIdenticalForOneAndTwoThreads) {
  const std::string sets = " --quiet --set world.cities=40 --set world.initial_firms=1500 ";
  const fs::path a = temp_dir("t1"), b = temp_dir("t2");
  ASSERT_EQ(run("run" + sets + "--threads 1 --out " + a.string()), 0);
  ASSERT_EQ(run("run" + sets + "--threads 2 --out " + b.string()), 0);
  for (const char* f : {"metrics.csv", "tracks.csv", "cities.csv"}) {
    const std::string x = slurp(a / f), y = slurp(b / f);
    EXPECT_FALSE(x.empty()) << f;
    EXPECT_TRUE(x == y) << f << " differs between 1 and 2 threads";
  }
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(Cli, ProfilePrintsEveryPhaseAndLeavesOutputsUnchanged) {
  const std::string sets =
      " --quiet --set world.cities=20 --set world.initial_firms=400 "
      "--set world.years=3 --threads 1 ";
  const fs::path a = temp_dir("p0"), b = temp_dir("p1");
  ASSERT_EQ(run("run" + sets + "--out " + a.string()), 0);
  const fs::path table = b.string() + ".txt";
  const std::string cmd = std::string(REGSIM_BINARY) + " run" + sets + "--profile --out " +
                          b.string() + " >" + table.string() + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string text = slurp(table);
  for (const char* phase : {"world construction", "market clearing", "knowledge", "exit & bailouts",
                            "investment & entry", "total (wall)"})
    EXPECT_NE(text.find(phase), std::string::npos) << phase << " missing from\n" << text;
  EXPECT_TRUE(slurp(a / "metrics.csv") == slurp(b / "metrics.csv")) << "profiling changed results";
  fs::remove_all(a);
  fs::remove_all(b);
  fs::remove(table);
}

TEST(Cli, BadConfigExitsWithCodeTwoAndLeavesOldOutputsAlone) {
  const fs::path out = temp_dir("bad");
  fs::create_directories(out);
  { std::ofstream(out / "metrics.csv") << "old results\n"; }
  const fs::path bad = out / "bad.toml";
  { std::ofstream(bad) << "[world]\nseed = 1\n[market]\nkappa = 7\n"; }
  EXPECT_EQ(run("run " + bad.string() + " --out " + out.string()), 2);
  EXPECT_EQ(run("validate " + bad.string()), 2);
  EXPECT_EQ(slurp(out / "metrics.csv"), "old results\n");
  EXPECT_EQ(run("run --set market.kappa=nope --out " + out.string()), 2);
  EXPECT_EQ(run("run " + (out / "missing.toml").string()), 2);
  fs::remove_all(out);
}

TEST(Cli, HelpVersionValidateAndUsageErrors) {
  EXPECT_EQ(run("--help"), 0);
  EXPECT_EQ(run("--version"), 0);
  EXPECT_EQ(run("params"), 0);
  EXPECT_EQ(run(std::string("validate ") + REGSIM_SOURCE_DIR + "/experiments/baseline.toml"), 0);
  EXPECT_EQ(run("run --frobnicate"), 2);
  EXPECT_EQ(run("explode"), 2);
  EXPECT_EQ(run("run --threads -3"), 2);
  EXPECT_EQ(run(""), 2);
}

TEST(Cli, ParamsShowsTheSeedAsRequiredAndARunWithoutOneIsRefused) {
  const fs::path listing = temp_dir("params");
  ASSERT_EQ(std::system((std::string(REGSIM_BINARY) + " params >" + listing.string()).c_str()), 0);
  std::string seed_line;
  for (const auto& line : lines(listing))
    if (line.rfind("world.seed ", 0) == 0) seed_line = line;
  fs::remove(listing);
  ASSERT_FALSE(seed_line.empty());
  EXPECT_NE(seed_line.find(" required "), std::string::npos) << seed_line;
  EXPECT_EQ(seed_line.find(" 42 "), std::string::npos) << seed_line;
  const fs::path dir = temp_dir("noseed");
  fs::create_directories(dir);
  { std::ofstream(dir / "noseed.toml") << "[world]\ncities = 20\n"; }
  EXPECT_EQ(run("validate " + (dir / "noseed.toml").string()), 2);
  EXPECT_EQ(run("validate " + (dir / "noseed.toml").string() + " --seed 3"), 0);
  fs::remove_all(dir);
}

TEST(Cli, ParamsListsTheNewKeysWithTheirOldKeys) {
  const fs::path listing = temp_dir("params_aliases");
  ASSERT_EQ(std::system((std::string(REGSIM_BINARY) + " params >" + listing.string()).c_str()), 0);
  std::string regime, funds;
  bool old_key_first = false;
  for (const auto& line : lines(listing)) {
    if (line.rfind("subsidy.regime ", 0) == 0) regime = line;
    if (line.rfind("funds.enabled ", 0) == 0) funds = line;
    if (line.rfind("policy.", 0) == 0 || line.rfind("government.guidance_funds", 0) == 0)
      old_key_first = true;
  }
  fs::remove(listing);
  EXPECT_NE(regime.find("(old key: policy.subsidy_regime)"), std::string::npos) << regime;
  EXPECT_NE(funds.find("(old key: government.guidance_funds)"), std::string::npos) << funds;
  EXPECT_FALSE(old_key_first) << "an old key is listed as a parameter of its own";
}

}  // namespace
