// regsim run --save-state/--save-at/--from: a run saved at year 10 and continued to year 20
// writes the bytes of an uninterrupted 20-year run (every CSV, any thread counts); damaged,
// other-version and misused state files exit 2 with a clear message and leave outputs alone.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/files.h"

namespace {

namespace fs = std::filesystem;
using regsim::testing::slurp;

struct Outcome {
  int code = -1;
  std::string err;
};

class StateCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("regsim_state_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Runs `regsim run ARGS` in the test's directory.
  Outcome run(const std::string& args) const {
    const std::string cmd = "cd " + dir_.string() + " && " + REGSIM_BINARY + " run " + args +
                            " --quiet 2>" + (dir_ / "err").string();
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir_ / "err")};
  }
  /// Every CSV of `a` equals `b`'s byte for byte (and they hold the same files).
  void expect_same_csvs(const std::string& a, const std::string& b) const {
    int files = 0;
    for (const auto& e : fs::directory_iterator(dir_ / a)) {
      if (e.path().extension() != ".csv") continue;
      ++files;
      const fs::path other = dir_ / b / e.path().filename();
      ASSERT_TRUE(fs::exists(other)) << other;
      EXPECT_TRUE(slurp(e.path()) == slurp(other)) << e.path().filename() << " differs";
    }
    for (const auto& e : fs::directory_iterator(dir_ / b))
      if (e.path().extension() == ".csv") --files;
    EXPECT_EQ(files, 0) << a << " and " << b << " hold other CSV files";
  }
  std::string hash(const std::string& out) const {
    const std::string m = slurp(dir_ / out / "manifest.json");
    const auto at = m.find("\"final_state_hash\"");
    return at == std::string::npos ? "" : m.substr(at, 40);
  }
  fs::path dir_;
};

TEST_F(StateCommand, SavedAtYearTenAndContinuedEqualsAnUninterruptedRun) {
  ASSERT_EQ(run("--seed 5 --years 20 --threads 2 --out full").code, 0);
  ASSERT_EQ(run("--seed 5 --years 20 --threads 1 --save-state s10.state --save-at 10 --out a").code,
            0);
  EXPECT_TRUE(fs::exists(dir_ / "s10.state"));
  expect_same_csvs("full", "a");  // saving changes nothing in the run itself
  ASSERT_EQ(run("--from s10.state --threads 2 --out cont2").code, 0);
  ASSERT_EQ(run("--from s10.state --threads 1 --out cont1").code, 0);
  expect_same_csvs("full", "cont2");
  expect_same_csvs("full", "cont1");
  EXPECT_EQ(hash("cont2"), hash("full"));
  EXPECT_NE(hash("full"), "");
  // A state saved by a run that was itself continued, and one saved at the end then extended.
  ASSERT_EQ(run("--from s10.state --save-state s15.state --save-at 15 --out b").code, 0);
  ASSERT_EQ(run("--from s15.state --threads 2 --out cont15").code, 0);
  expect_same_csvs("full", "cont15");
  ASSERT_EQ(run("--seed 5 --years 12 --save-state end.state --out short").code, 0);
  ASSERT_EQ(run("--from end.state --years 20 --out longer").code, 0);
  expect_same_csvs("full", "longer");
}

TEST_F(StateCommand, FirmsPanelContinuesToo) {
  const std::string world =
      "--seed 2 --set world.cities=24 --set world.provinces=3 --set world.initial_firms=600 "
      "--years 6 --firms";
  ASSERT_EQ(run(world + " --out full").code, 0);
  ASSERT_EQ(run(world + " --save-state s.state --save-at 3 --out a").code, 0);
  ASSERT_EQ(run("--from s.state --out cont").code, 0);
  EXPECT_TRUE(fs::exists(dir_ / "cont" / "firms.csv"));
  expect_same_csvs("full", "cont");
}

TEST_F(StateCommand, SetOnAContinuedRunIsAChangeAtItsNextTick) {
  // Continuing from year 3 with --set equals a config that schedules the change at year 3.
  const std::string small =
      "--seed 3 --set world.cities=24 --set world.provinces=3 --set world.initial_firms=600";
  std::ofstream(dir_ / "scheduled.toml")
      << slurp(fs::path(REGSIM_SOURCE_DIR) / "experiments" / "baseline.toml")
      << "\n[[schedule]]\nyear = 3\nset = { \"market.kappa\" = 0.0 }\n";
  ASSERT_EQ(run("scheduled.toml " + small + " --years 6 --out scheduled").code, 0);
  ASSERT_EQ(run(small + " --years 6 --save-state s.state --save-at 3 --out a").code, 0);
  ASSERT_EQ(run("--from s.state --set market.kappa=0 --out branch").code, 0);
  expect_same_csvs("scheduled", "branch");
  EXPECT_EQ(hash("scheduled"), hash("branch"));
  ASSERT_EQ(run("--from s.state --set market.kappa=0.5 --out other").code, 0);
  EXPECT_NE(hash("other"), hash("branch"));
}

TEST_F(StateCommand, DamagedOrForeignStatesExitTwoAndLeaveOutputsAlone) {
  const std::string small =
      "--seed 4 --set world.cities=24 --set world.provinces=3 --set world.initial_firms=600 "
      "--years 4";
  ASSERT_EQ(run(small + " --save-state s.state --save-at 2 --out out").code, 0);
  const std::string before = slurp(dir_ / "out" / "metrics.csv");
  const std::string bytes = slurp(dir_ / "s.state");
  auto write = [&](const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
  };
  write("truncated.state", bytes.substr(0, bytes.size() / 2));
  std::string corrupted = bytes;
  corrupted[bytes.size() / 2] = static_cast<char>(corrupted[bytes.size() / 2] ^ 1);
  write("corrupted.state", corrupted);
  std::string version = bytes;
  version[8] = 2;  // the format version follows the 8-byte magic
  write("version.state", version);
  write("text.state", "year,city\n1,2\n");
  struct Case {
    std::string args, message;
  };
  const Case cases[] = {
      {"--from truncated.state", "truncated.state: is truncated ("},
      {"--from corrupted.state", "corrupted.state: is corrupted (checksum mismatch)"},
      {"--from version.state", "version.state: has state format version 2; this regsim reads 1"},
      {"--from text.state", "text.state: is not a regsim state file"},
      {"--from missing.state", "missing.state: cannot read the state file: No such file"},
      {"--from s.state --seed 9", "--set: world.seed: cannot change when continuing a state"},
      {"--from s.state --years 1", "--set: world.years: the state is at year 2"},
      {"--from s.state --set market.kapa=1", "--set: market.kapa: unknown key"},
      {"baseline.toml --from s.state", "give either CONFIG or --from FILE"},
      {small + " --save-state out/s.state", "is inside the output directory out"},
      {small + " --save-state x.state --save-at 9", "--save-at: year 9 is not in this run"},
      {small + " --save-at 2", "--save-at needs --save-state FILE"},
  };
  for (const auto& c : cases) {
    const Outcome o = run(c.args + " --out out");
    EXPECT_EQ(o.code, 2) << c.args << "\n" << o.err;
    EXPECT_NE(o.err.find(c.message), std::string::npos) << c.args << "\n" << o.err;
    EXPECT_EQ(slurp(dir_ / "out" / "metrics.csv"), before) << c.args;
  }
  EXPECT_FALSE(fs::exists(dir_ / "x.state"));
}

}  // namespace
