// End-to-end tests of what regsim run guarantees about its outputs under failure: usage errors
// exit 2 before any work, one run at a time per directory, Ctrl-C and kills leave the old results
// whole and no temporary files, and CSV text cells are quoted per RFC 4180.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "sim/csv.h"
#include "support/files.h"

namespace {

namespace fs = std::filesystem;
using regsim::testing::lines;
using regsim::testing::slurp;

class RunOutputs : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::temp_directory_path() /
            ("regsim_outputs_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  /// Runs regsim with `args`; returns the exit code and keeps stderr in err_.
  int regsim(const std::string& args) {
    const std::string cmd =
        std::string(REGSIM_BINARY) + " " + args + " >/dev/null 2>" + (root_ / "stderr").string();
    const int status = std::system(cmd.c_str());
    err_ = slurp(root_ / "stderr");
    fs::remove(root_ / "stderr");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  /// Starts a long run of regsim into `out` as a child process (default signal dispositions).
  pid_t start_long_run(const fs::path& out) const {
    const pid_t pid = ::fork();
    if (pid == 0) {
      std::signal(SIGINT, SIG_DFL);
      const std::string o = out.string();
      ::execl(REGSIM_BINARY, REGSIM_BINARY, "run", "--quiet", "--out", o.c_str(), "--set",
              "world.years=200", "--set", "world.cities=300", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    return pid;
  }
  /// Waits until a staging directory of `name` exists (the run has started writing).
  bool wait_for_staging(const std::string& name) const {
    for (int i = 0; i < 600; ++i) {
      for (const auto& e : fs::directory_iterator(root_))
        if (e.path().filename().string().rfind("." + name + ".staging-", 0) == 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(root_)) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string quick(const fs::path& out) const {
    return "run --quiet --set world.years=1 --set world.cities=12 --set world.provinces=2 --out " +
           out.string();
  }

  fs::path root_;
  std::string err_;
};

TEST_F(RunOutputs, UnusableOutputPlacesAreUsageErrorsWithAReason) {
  std::ofstream(root_ / "file") << "x";
  EXPECT_EQ(regsim("run --quiet --out ''"), 2);  // once exit 0 and "outputs in /"
  EXPECT_NE(err_.find("--out is empty"), std::string::npos) << err_;
  EXPECT_EQ(regsim(quick(root_ / "file")), 2);
  EXPECT_NE(err_.find("is not a directory"), std::string::npos) << err_;
  EXPECT_EQ(regsim(quick(root_ / "file" / "sub")), 2);
  EXPECT_NE(err_.find("is not a directory"), std::string::npos) << err_;
  fs::create_directories(root_ / "papers");
  std::ofstream(root_ / "papers" / "draft.tex") << "x";
  EXPECT_EQ(regsim(quick(root_ / "papers")), 2);
  EXPECT_NE(err_.find("holds files regsim did not write"), std::string::npos) << err_;
  EXPECT_TRUE(fs::exists(root_ / "papers" / "draft.tex"));
  EXPECT_EQ(regsim("run --quiet --threads 1000000000 --out " + (root_ / "o").string()), 2);
  EXPECT_FALSE(fs::exists(root_ / "o"));
}

TEST_F(RunOutputs, ASecondRunIntoTheSameDirectoryIsRefusedAndCtrlCLeavesTheOldResults) {
  const fs::path out = root_ / "out";
  ASSERT_EQ(regsim(quick(out)), 0);
  const std::string before = slurp(out / "metrics.csv");
  const pid_t first = start_long_run(out);
  ASSERT_TRUE(wait_for_staging("out"));
  EXPECT_EQ(regsim(quick(out)), 2);  // runs lock their directory like sweeps do
  EXPECT_NE(err_.find("another regsim run is writing to"), std::string::npos) << err_;
  ::kill(first, SIGINT);
  int status = 0;
  ::waitpid(first, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << status;
  EXPECT_EQ(slurp(out / "metrics.csv"), before);
  EXPECT_EQ(entries(), (std::vector<std::string>{".out.lock", "out"}));
}

TEST_F(RunOutputs, AKilledRunLeavesTheOldResultsAndTheNextRunClearsItsStaging) {
  const fs::path out = root_ / "out";
  ASSERT_EQ(regsim(quick(out)), 0);
  const std::string before = slurp(out / "manifest.json");
  const pid_t first = start_long_run(out);
  ASSERT_TRUE(wait_for_staging("out"));
  ::kill(first, SIGKILL);
  ::waitpid(first, nullptr, 0);
  EXPECT_EQ(slurp(out / "manifest.json"), before);
  EXPECT_EQ(regsim(quick(out)), 0);
  EXPECT_EQ(entries(), (std::vector<std::string>{".out.lock", "out"}));
}

TEST_F(RunOutputs, CityNamesWithQuotesAndCommasKeepEveryRowsColumnCount) {
  const fs::path map = root_ / "map";
  fs::create_directories(map);
  std::ofstream(map / "nodes.csv") << "code,name,province,lon,lat\n"
                                      "1,\"The \"\"Old\"\" Town, north\",P,100,30\n"
                                      "2,Plain,P,101,30\n3,\"Comma, City\",Q,101,31\n";
  std::ofstream(map / "edges.csv") << "code_a,code_b\n1,2\n2,3\n";
  std::ofstream(root_ / "c.toml") << "[world]\nseed = 1\nyears = 1\nmap = \"map\"\n";
  const fs::path out = root_ / "out";
  ASSERT_EQ(regsim("run --quiet --out " + out.string() + " " + (root_ / "c.toml").string()), 0)
      << err_;
  const auto rows = lines(out / "cities.csv");
  ASSERT_GT(rows.size(), 3u);
  std::vector<std::string> header, cells;
  ASSERT_TRUE(regsim::sim::split_csv_line(rows[0], header));
  bool seen = false;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    ASSERT_TRUE(regsim::sim::split_csv_line(rows[r], cells)) << rows[r];
    ASSERT_EQ(cells.size(), header.size()) << rows[r];
    seen = seen || cells[2] == "The \"Old\" Town, north";
  }
  EXPECT_TRUE(seen);
}

TEST_F(RunOutputs, SweepsAndAnalysesLeaveNoTemporariesAndRefuseUnusableDirectories) {
  std::ofstream(root_ / "sweep.toml") << "[factors]\n\"market.kappa\" = [0.0, 1.0]\n"
                                         "[fixed]\n\"world.years\" = 1\n"
                                         "\"world.cities\" = 12\n\"world.provinces\" = 2\n";
  const std::string sweep = (root_ / "sweep.toml").string(), dir = (root_ / "s").string();
  std::ofstream(root_ / "file") << "x";
  EXPECT_EQ(regsim("sweep --quiet " + sweep + " --out " + (root_ / "file").string()), 2);
  EXPECT_NE(err_.find("is not a directory"), std::string::npos) << err_;
  ASSERT_EQ(regsim("sweep --quiet " + sweep + " --out " + dir), 0) << err_;
  // A temporary of a killed session is removed by the next one (under the sweep's lock).
  std::ofstream(root_ / "s" / ".summary.csv.tmp-0123456789abcdef") << "partial";
  ASSERT_EQ(regsim("sweep --quiet " + sweep + " --out " + dir + " --resume"), 0) << err_;
  EXPECT_FALSE(fs::exists(root_ / "s" / ".summary.csv.tmp-0123456789abcdef"));
  ASSERT_EQ(regsim("analyze --quiet --no-plots " + dir), 0) << err_;
  ASSERT_EQ(regsim("analyze --quiet --no-plots " + dir), 0) << err_;  // replaced whole
  EXPECT_TRUE(fs::exists(root_ / "s" / "analysis" / "scenario_means.csv"));
  for (const auto& e : fs::directory_iterator(root_ / "s")) {
    const std::string name = e.path().filename().string();
    EXPECT_TRUE(name.find(".staging-") == std::string::npos &&
                name.find(".tmp-") == std::string::npos)
        << "leftover " << name;
  }
  EXPECT_EQ(regsim("merge --quiet " + dir + " --out " + (root_ / "file").string()), 2);
}

}  // namespace
