// End-to-end sweeps with the regsim binary: identical results (per-track series too) for any jobs,
// ranks or shards, resume after SIGKILL, failed runs, strict validation, analysis outputs.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "agents/metrics.h"
#include "experiments/sweep/store.h"
#include "support/files.h"

extern char** environ;

namespace regsim::experiments {
namespace {

namespace fs = std::filesystem;
using regsim::testing::lines;
using regsim::testing::slurp;

int run(const std::string& args, const std::string& prefix = REGSIM_BINARY) {
  const std::string cmd = prefix +
                          (prefix == REGSIM_BINARY ? " " : std::string(" ") + REGSIM_BINARY + " ") +
                          args + " >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Runs the binary and returns its stderr.
std::string run_stderr(const std::string& args) {
  const std::string cmd = std::string(REGSIM_BINARY) + " " + args + " 2>&1 >/dev/null";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    ::pclose(p);
  }
  return out;
}

fs::path temp_dir(const std::string& name) {
  const fs::path d =
      fs::temp_directory_path() / ("regsim_sweep_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

const char* kSmallWorld =
    "\"world.cities\" = 20\n\"world.initial_firms\" = 300\n\"world.years\" = 3\n";

/// A grid on the shipped baseline with a small world.
fs::path write_sweep(const fs::path& dir, const std::string& factors, const std::string& extra = "",
                     int replications = 2, const std::string& world = kSmallWorld) {
  const fs::path file = dir / "sweep.toml";
  std::ofstream(file) << "base = \"" << REGSIM_SOURCE_DIR << "/experiments/baseline.toml\"\n"
                      << "[design]\nkind = \"grid\"\nreplications = " << replications << "\n"
                      << "[factors]\n"
                      << factors << "[fixed]\n"
                      << world << extra;
  return file;
}

const char* kGrid = "\"market.kappa\" = [0.0, 0.5, 1.0]\n\"world.heterogeneity\" = [0.0, 1.0]\n";
const char* kSeries =
    "[outputs]\nseries = true\nseries_metrics = [\"cu\", \"price_index\"]\n"
    "tracks = true\ntrack_metrics = [\"capacity\", \"price\", \"firms\", \"zombie_share\"]\n"
    "tracks_every = 2\n";

/// The exports are the store's tables in full (runs and summary; series; track series) sorted by
/// run id: equal files mean stores with the same results.
void expect_same_outputs(const fs::path& a, const fs::path& b) {
  for (const char* f : {"summary.csv", "series.csv", "track_series.csv"}) {
    const std::string x = slurp(a / f), y = slurp(b / f);
    EXPECT_FALSE(x.empty()) << a / f;
    EXPECT_TRUE(x == y) << f << " differs between " << a << " and " << b;
  }
}

TEST(SweepCli, SummaryIsByteIdenticalForJobsRanksAndMergedShards) {
  const fs::path dir = temp_dir("same");
  const std::string sweep = write_sweep(dir, kGrid, kSeries).string();
  ASSERT_EQ(run("sweep " + sweep + " --quiet --jobs 1 --out " + (dir / "j1").string()), 0);
  ASSERT_EQ(run("sweep " + sweep + " --quiet --jobs 2 --out " + (dir / "j2").string()), 0);
  ASSERT_EQ(run("sweep " + sweep + " --quiet --shard 0/2 --out " + (dir / "s0").string()), 0);
  ASSERT_EQ(run("sweep " + sweep + " --quiet --shard 1/2 --jobs 1 --out " + (dir / "s1").string()),
            0);
  ASSERT_EQ(run("merge " + (dir / "s0").string() + " " + (dir / "s1").string() + " --quiet --out " +
                (dir / "merged").string()),
            0);
  expect_same_outputs(dir / "j1", dir / "j2");
  expect_same_outputs(dir / "j1", dir / "merged");
#ifdef REGSIM_MPIEXEC
  ASSERT_EQ(
      run("sweep " + sweep + " --mpi --quiet --out " + (dir / "mpi").string(), REGSIM_MPIEXEC), 0);
  expect_same_outputs(dir / "j1", dir / "mpi");
#else
  EXPECT_EQ(run("sweep " + sweep + " --mpi --out " + (dir / "mpi").string()), 2);
#endif
  // One row per run in run id order, with factors, seed and the summary metrics.
  const auto rows = lines(dir / "j1/summary.csv");
  ASSERT_EQ(rows.size(), 13u);
  EXPECT_EQ(rows[0].rfind("run_id,scenario,replication,seed,market.kappa,world.heterogeneity,"
                          "status,state_hash,final_cu,mean_cu,min_cu,",
                          0),
            0u)
      << rows[0];
  for (std::size_t r = 1; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r].rfind(std::to_string(r - 1) + ",", 0), 0u) << rows[r];
    EXPECT_NE(rows[r].find(",ok,"), std::string::npos) << rows[r];
  }
  EXPECT_EQ(lines(dir / "j1/series.csv").size(), 1u + 12u * 12u);  // 12 runs x 12 ticks
  // 12 runs x 6 kept ticks (0, 2, ..., 10) x 12 tracks
  const auto tracks = lines(dir / "j1/track_series.csv");
  ASSERT_EQ(tracks.size(), 1u + 12u * 6u * 12u);
  EXPECT_EQ(tracks[0], "run_id,tick,track,capacity,price,firms,zombie_share");
  EXPECT_EQ(tracks[1].rfind("0,0,pv,", 0), 0u) << tracks[1];
  EXPECT_EQ(tracks[13].rfind("0,2,pv,", 0), 0u) << tracks[13];
  EXPECT_EQ(tracks.back().rfind("11,10,", 0), 0u) << tracks.back();
  fs::remove_all(dir);
}

/// Starts the binary without waiting for it.
pid_t spawn(const std::vector<std::string>& args) {
  std::vector<std::string> all = {REGSIM_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, REGSIM_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

std::uint64_t stored_runs(const fs::path& dir, std::uint64_t total) {
  try {
    const auto store = SweepStore::open_existing(dir);
    std::uint64_t n = 0;
    for (auto s : store->statuses(total)) n += s != 0 ? 1 : 0;
    return n;
  } catch (const std::exception&) {
    return 0;  // not created yet
  }
}

TEST(SweepCli, SweepKilledMidwayResumesToTheSameResults) {
  const fs::path dir = temp_dir("kill");
  // Slow enough (about 2 s on one core) to be killed midway.
  const std::string sweep =
      write_sweep(dir,
                  "\"market.kappa\" = [0.0, 0.25, 0.5, 0.75, 1.0]\n"
                  "\"world.heterogeneity\" = [0.0, 1.0]\n",
                  "[outputs]\ntracks = true\n", 6,
                  "\"world.cities\" = 30\n\"world.initial_firms\" = 800\n\"world.years\" = 5\n")
          .string();
  const std::uint64_t total = 60;
  const fs::path killed = dir / "killed";
  const pid_t pid = spawn({"sweep", sweep, "--jobs", "1", "--out", killed.string()});
  ASSERT_GT(pid, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (stored_runs(killed, total) < 5 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the sweep ended before it could be killed";
  const std::uint64_t before = stored_runs(killed, total);
  EXPECT_GE(before, 5u);
  EXPECT_LT(before, total);
  EXPECT_FALSE(fs::exists(killed / "summary.csv"));

  ASSERT_EQ(run("sweep " + sweep + " --quiet --out " + killed.string()), 2)
      << "an existing store needs --resume";
  ASSERT_EQ(run("sweep " + sweep + " --quiet --resume --jobs 2 --out " + killed.string()), 0);
  ASSERT_EQ(run("sweep " + sweep + " --quiet --jobs 2 --out " + (dir / "whole").string()), 0);
  EXPECT_EQ(stored_runs(killed, total), total);
  EXPECT_TRUE(slurp(killed / "summary.csv") == slurp(dir / "whole/summary.csv"));
  const std::string tracks = slurp(dir / "whole/track_series.csv");
  EXPECT_EQ(lines(dir / "whole/track_series.csv").size(), 1u + 60u * 20u * 12u);
  EXPECT_TRUE(slurp(killed / "track_series.csv") == tracks);
  fs::remove_all(dir);
}

/// The cells of a CSV line (no quoting in the files compared here).
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) out.push_back(cell);
  return out;
}

TEST(SweepCli, TrackSeriesHoldTheTracksCsvOfTheSameRunUnrounded) {
  const fs::path dir = temp_dir("tracks");
  const std::string sweep =
      write_sweep(dir, "\"market.kappa\" = [0.25]\n", "[outputs]\ntracks = true\n", 1).string();
  ASSERT_EQ(run("sweep " + sweep + " --quiet --out " + (dir / "sweep").string()), 0);
  const std::string seed = cells(lines(dir / "sweep/summary.csv").at(1)).at(3);
  ASSERT_EQ(run("run " + std::string(REGSIM_SOURCE_DIR) +
                "/experiments/baseline.toml --quiet --set world.cities=20 --set "
                "world.initial_firms=300 --set world.years=3 --set market.kappa=0.25 --set "
                "world.seed=" +
                seed + " --out " + (dir / "run").string()),
            0);
  const auto kept = lines(dir / "sweep/track_series.csv");
  const auto csv = lines(dir / "run/tracks.csv");
  ASSERT_EQ(kept.size(), csv.size());
  EXPECT_EQ(kept[0].rfind("run_id,", 0), 0u);
  EXPECT_EQ(kept[0].substr(7), csv[0]);  // the same columns, in the same order
  for (std::size_t i = 1; i < kept.size(); ++i) {
    // tracks.csv rounds to 10 significant digits; the store keeps every bit, which rounds to it.
    std::vector<std::string> row = cells(kept[i]);
    ASSERT_EQ(row.size(), cells(csv[i]).size() + 1) << kept[i];
    EXPECT_EQ(row[0], "0");
    std::string rounded = row[1];
    for (std::size_t c = 2; c < row.size(); ++c) {
      rounded += ',';
      rounded += c == 2 ? row[c] : agents::format_number(std::stod(row[c]));
    }
    ASSERT_EQ(rounded, csv[i]) << "line " << i + 1;
  }
  fs::remove_all(dir);
}

TEST(SweepCli, FailingRunIsRecordedWithItsErrorAndTheSweepFinishes) {
  const fs::path dir = temp_dir("fail");
  // 4 cities cannot hold the baseline's 8 provinces: that run fails when its config is built.
  const fs::path file = dir / "fail.toml";
  std::ofstream(file) << "base = \"" << REGSIM_SOURCE_DIR << "/experiments/baseline.toml\"\n"
                      << "[factors]\n\"world.cities\" = [20, 4, 21]\n"
                      << "[fixed]\n\"world.initial_firms\" = 300\n\"world.years\" = 2\n";
  EXPECT_EQ(run("sweep " + file.string() + " --quiet --out " + (dir / "out").string()), 3);
  const auto rows = lines(dir / "out/summary.csv");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_NE(rows[1].find(",ok,"), std::string::npos);
  EXPECT_NE(rows[2].find(",failed,"), std::string::npos);
  EXPECT_NE(rows[2].find("more provinces than cities"), std::string::npos) << rows[2];
  EXPECT_NE(rows[3].find(",ok,"), std::string::npos);
  // A resume leaves failed runs alone unless asked to retry them.
  EXPECT_EQ(run("sweep " + file.string() + " --quiet --resume --out " + (dir / "out").string()), 3);
  EXPECT_EQ(run("sweep " + file.string() + " --quiet --resume --retry-failed --out " +
                (dir / "out").string()),
            3);
  EXPECT_EQ(lines(dir / "out/summary.csv").size(), 4u);
  fs::remove_all(dir);
}

TEST(SweepCli, BadSweepFileExitsWithTwoNamingFileLineAndKey) {
  const fs::path dir = temp_dir("bad");
  const fs::path file = dir / "bad.toml";
  std::ofstream(file) << "[design]\nkind = \"grid\"\n[factors]\n\"market.kappa\" = [0.0, 2.0]\n"
                      << "\"market.kapa\" = [0.1]\n";
  EXPECT_EQ(run("sweep " + file.string() + " --out " + (dir / "out").string()), 2);
  const std::string err = run_stderr("sweep " + file.string() + " --out " + (dir / "out").string());
  EXPECT_NE(err.find(file.string() + ":4: factors.market.kappa: value 2 = 2 is outside [0, 1]"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find(file.string() + ":5: factors.market.kapa: not a parameter"), std::string::npos)
      << err;
  EXPECT_FALSE(fs::exists(dir / "out/results.sqlite"));
  EXPECT_EQ(run("sweep " + file.string() + " --jobs x --out " + (dir / "out").string()), 2);
  fs::remove_all(dir);
}

TEST(SweepCli, ResumeRefusesADifferentSweepInTheSameDirectory) {
  const fs::path dir = temp_dir("other");
  const std::string a = write_sweep(dir, "\"market.kappa\" = [0.0, 1.0]\n", "", 1).string();
  ASSERT_EQ(run("sweep " + a + " --quiet --out " + (dir / "out").string()), 0);
  const std::string before = slurp(dir / "out/summary.csv");
  const fs::path b = dir / "b";
  fs::create_directories(b);
  write_sweep(b, "\"market.kappa\" = [0.0, 0.9]\n", "", 1);
  const std::string err = run_stderr("sweep " + (b / "sweep.toml").string() + " --resume --out " +
                                     (dir / "out").string());
  EXPECT_NE(err.find("holds a different sweep"), std::string::npos) << err;
  EXPECT_EQ(
      run("sweep " + (b / "sweep.toml").string() + " --resume --out " + (dir / "out").string()), 2);
  EXPECT_EQ(run("sweep " + a + " --resume --shard 1/2 --out " + (dir / "out").string()), 2);
  EXPECT_TRUE(slurp(dir / "out/summary.csv") == before);
  fs::remove_all(dir);
}

TEST(SweepCli, AnalyzeWritesMeansPairedDifferencesAndSobolTables) {
  const fs::path dir = temp_dir("analyze");
  const std::string grid = write_sweep(dir, kGrid).string();
  ASSERT_EQ(run("sweep " + grid + " --quiet --out " + (dir / "grid").string()), 0);
  ASSERT_EQ(run("analyze " + (dir / "grid").string() + " --quiet"), 0);
  const auto means = lines(dir / "grid/analysis/factor_means.csv");
  EXPECT_EQ(means[0], "factor,level,metric,scenarios,replications,mean,ci_lo,ci_hi");
  EXPECT_GT(means.size(), 5u * 30u);  // 5 levels x every metric
  const auto paired = lines(dir / "grid/analysis/paired_differences.csv");
  ASSERT_GT(paired.size(), 1u);
  EXPECT_EQ(paired[1].rfind("market.kappa,0.5,0,final_cu,2,2,", 0), 0u) << paired[1];
  if (::access("/usr/bin/python3", X_OK) == 0 &&
      std::system("/usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1") == 0) {
    EXPECT_TRUE(fs::exists(dir / "grid/analysis/plots/factor_market.kappa.png"));
  }

  const fs::path sobol = dir / "sobol.toml";
  std::ofstream(sobol) << "base = \"" << REGSIM_SOURCE_DIR << "/experiments/baseline.toml\"\n"
                       << "[design]\nkind = \"sobol\"\nsamples = 6\n"
                       << "[factors]\n\"market.kappa\" = [0, 1]\n\"tournament.alpha1\" = [0, 1]\n"
                       << "[fixed]\n\"world.cities\" = 20\n\"world.initial_firms\" = 300\n"
                       << "\"world.years\" = 2\n[analysis]\nbootstrap = 50\n";
  ASSERT_EQ(run("sweep " + sobol.string() + " --quiet --out " + (dir / "sobol").string()), 0);
  ASSERT_EQ(run("analyze " + (dir / "sobol").string() + " --quiet --no-plots"), 0);
  const auto idx = lines(dir / "sobol/analysis/sobol_indices.csv");
  EXPECT_EQ(idx[0], "metric,factor,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi,base_samples");
  EXPECT_EQ(idx[1].rfind("final_cu,market.kappa,", 0), 0u) << idx[1];
  EXPECT_EQ(run("analyze " + (dir / "nothing").string()), 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace regsim::experiments
