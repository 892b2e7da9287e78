// Sweeps on a map named relative to their base experiment: runs, analyze and merge resolve it
// against the base file from any working directory, and the map's bytes are part of the sweep's
// identity (resume and merge refuse a sweep whose map changed); a sweep too big for the machine
// is refused before its store is created, locally and under MPI.
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

class SweepInputs : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("regsim_inputs_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "exp" / "map");
    fs::create_directories(dir_ / "elsewhere");
    write_nodes("101");
    std::ofstream(dir_ / "exp" / "map" / "edges.csv") << "code_a,code_b\n1,2\n2,3\n";
    std::ofstream(dir_ / "exp" / "base.toml")
        << "[world]\nseed = 5\nyears = 1\ninitial_firms = 60\nmap = \"map\"\n";
    std::ofstream(dir_ / "exp" / "sweep.toml")
        << "base = \"base.toml\"\n[factors]\n\"market.kappa\" = [0.0, 1.0]\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_nodes(const std::string& lon) const {
    std::ofstream(dir_ / "exp" / "map" / "nodes.csv")
        << "code,name,province,lon,lat\n1,a,P,100,30\n2,b,P," << lon << ",30\n3,c,Q,101,31\n";
  }
  /// Runs regsim from an unrelated working directory (after `prefix`, e.g. mpiexec); returns the
  /// exit code, keeps stderr.
  int regsim(const std::string& args, const std::string& prefix = "") {
    const std::string cmd = "cd " + (dir_ / "elsewhere").string() + " && " + prefix + " " +
                            REGSIM_BINARY + " " + args + " >/dev/null 2>" + (dir_ / "err").string();
    const int status = std::system(cmd.c_str());
    err_ = regsim::testing::slurp(dir_ / "err");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string sweep() const { return (dir_ / "exp" / "sweep.toml").string(); }
  std::string out(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
  std::string err_;
};

TEST_F(SweepInputs, RunsAnalyzeAndMergeFindTheMapBesideTheBaseFromAnyDirectory) {
  // The runs once looked the map up from the working directory and failed.
  ASSERT_EQ(regsim("sweep --quiet " + sweep() + " --out " + out("s")), 0) << err_;
  EXPECT_EQ(regsim("analyze --quiet --no-plots " + out("s")), 0) << err_;
  ASSERT_EQ(regsim("sweep --quiet --shard 0/2 " + sweep() + " --out " + out("a")), 0) << err_;
  ASSERT_EQ(regsim("sweep --quiet --shard 1/2 " + sweep() + " --out " + out("b")), 0) << err_;
  EXPECT_EQ(regsim("merge --quiet " + out("a") + " " + out("b") + " --out " + out("m")), 0) << err_;
  EXPECT_EQ(regsim::testing::slurp(dir_ / "m" / "summary.csv"),
            regsim::testing::slurp(dir_ / "s" / "summary.csv"));
}

TEST_F(SweepInputs, AnEditedMapIsAnotherSweepForResumeAndMerge) {
  ASSERT_EQ(regsim("sweep --quiet --shard 0/2 " + sweep() + " --out " + out("a")), 0) << err_;
  write_nodes("101.5");  // the map changes between two shards, or two sessions
  ASSERT_EQ(regsim("sweep --quiet --shard 1/2 " + sweep() + " --out " + out("b")), 0) << err_;
  EXPECT_EQ(regsim("merge --quiet " + out("a") + " " + out("b") + " --out " + out("m")), 2);
  EXPECT_NE(err_.find("holds a different sweep"), std::string::npos) << err_;
  EXPECT_EQ(regsim("sweep --quiet --shard 0/2 " + sweep() + " --out " + out("a") + " --resume"), 2);
  EXPECT_NE(err_.find("refusing to resume"), std::string::npos) << err_;
  EXPECT_NE(err_.find("map/nodes.csv"), std::string::npos) << err_;
}

TEST_F(SweepInputs, ASweepWhoseLargestRunsExceedTheMachineIsRefusedBeforeTheStore) {
  // The factor sizes the runs: 1,024 runs of 10^7 firms at once need terabytes. Under MPI each
  // machine checks its own ranks' runs (the check was missing there).
  std::ofstream(dir_ / "exp" / "big.toml")
      << "base = \"base.toml\"\n[factors]\n\"world.initial_firms\" = [60, 10000000]\n";
  const std::string big = (dir_ / "exp" / "big.toml").string();
  EXPECT_EQ(regsim("sweep --quiet " + big + " --jobs 1024 --out " + out("s")), 2);
  EXPECT_NE(err_.find("big.toml: world: a run of 3 cities, 12 tracks and 10000000 initial firms, "
                      "1024 at once, needs about"),
            std::string::npos)
      << err_;
  EXPECT_FALSE(fs::exists(dir_ / "s" / "results.sqlite"));
#ifdef REGSIM_MPIEXEC
  EXPECT_EQ(regsim("sweep --mpi --quiet " + big + " --jobs 1024 --out " + out("m"), REGSIM_MPIEXEC),
            2);
  EXPECT_NE(err_.find("initial firms, 2048 at once, needs about"), std::string::npos) << err_;
  EXPECT_FALSE(fs::exists(dir_ / "m" / "results.sqlite"));
#endif
}

}  // namespace
