// The sweep store: its tables with and without track series; under bad files, a constructor that
// throws releases the SQLite handle and the lock (it once leaked both), and an empty, truncated or
// corrupt store is an error naming it.
#include "experiments/sweep/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "experiments/sweep/spec_file.h"
#include "experiments/sweep/sqlite_statement.h"
#include "support/files.h"

namespace regsim::experiments {
namespace {

namespace fs = std::filesystem;

std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

class BadStore : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("regsim_store_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "sweep.toml") << "[factors]\n\"market.kappa\" = [0.0, 1.0]\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  void store_bytes(const std::string& bytes) const {
    std::ofstream(dir_ / SweepStore::kFileName, std::ios::binary) << bytes;
  }
  fs::path dir_;
};

/// name: CREATE statement of every table of the store in `dir`.
std::map<std::string, std::string> tables_of(const fs::path& dir) {
  std::map<std::string, std::string> out;
  const auto store = SweepStore::open_existing(dir);
  sqlite::Stmt q(store->db(), "SELECT name, sql FROM sqlite_master WHERE type = 'table'");
  while (q.step()) out[q.text(0)] = q.text(1);
  return out;
}

class StoreTables : public BadStore {};

TEST_F(StoreTables, WithoutTrackSeriesTheStoreHasTheTablesItHadBeforeThem) {
  std::ofstream(dir_ / "sweep.toml")
      << "[factors]\n\"market.kappa\" = [0.0, 1.0]\n[outputs]\nseries = true\n"
         "series_metrics = [\"cu\"]\n";
  const SweepSpec spec = load_sweep(read_sweep_source((dir_ / "sweep.toml").string(), {}));
  SweepStore::create(dir_ / "off", spec, Shard{});
  const auto off = tables_of(dir_ / "off");
  ASSERT_EQ(off.size(), 4u);
  EXPECT_EQ(off.count("meta") + off.count("runs") + off.count("summary"), 3u);
  EXPECT_EQ(off.at("series"),
            "CREATE TABLE series(run_id INTEGER NOT NULL REFERENCES runs, tick INTEGER, \"cu\" "
            "REAL, PRIMARY KEY(run_id, tick)) WITHOUT ROWID");

  std::ofstream(dir_ / "sweep.toml", std::ios::app)
      << "tracks = true\ntrack_metrics = [\"price\", \"firms\"]\n";
  const SweepSpec on = load_sweep(read_sweep_source((dir_ / "sweep.toml").string(), {}));
  SweepStore::create(dir_ / "on", on, Shard{});
  auto with = tables_of(dir_ / "on");
  EXPECT_EQ(with.at("track_series"),
            "CREATE TABLE track_series(run_id INTEGER NOT NULL REFERENCES runs, tick INTEGER NOT "
            "NULL, track_index INTEGER NOT NULL, track TEXT NOT NULL, \"price\" REAL, \"firms\" "
            "REAL, PRIMARY KEY(run_id, tick, track_index)) WITHOUT ROWID");
  with.erase("track_series");
  EXPECT_EQ(with, off);  // the other tables do not change
}

TEST_F(BadStore, AThrowingConstructorReleasesTheHandleAndTheLock) {
  store_bytes(std::string(4096, 'x'));  // not a database
  const SweepSpec spec = load_sweep(read_sweep_source((dir_ / "sweep.toml").string(), {}));
  const std::size_t before = open_descriptors();
  for (int i = 0; i < 3; ++i) {
    try {
      SweepStore::resume(dir_, spec, Shard{});
      ADD_FAILURE() << "a corrupt store was resumed";
    } catch (const std::runtime_error& e) {  // a StoreConflict (exit 2) naming the file
      EXPECT_EQ(std::string(e.what()).find("another sweep"), std::string::npos)
          << "the lock of the failed attempt was kept: " << e.what();
      EXPECT_NE(std::string(e.what()).find((dir_ / SweepStore::kFileName).string()),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(open_descriptors(), before);
}

TEST_F(BadStore, EmptyTruncatedOrCorruptStoresAreUsageErrorsNamingTheFile) {
  const std::string file = (dir_ / SweepStore::kFileName).string();
  for (const std::string& bytes :
       {std::string(), std::string("SQLite format 3\0\x10", 18), std::string(100, '\xff')}) {
    store_bytes(bytes);
    const std::string cmd = std::string(REGSIM_BINARY) + " analyze --no-plots --quiet " +
                            dir_.string() + " >/dev/null 2>" + (dir_ / "err").string();
    const int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2);
    const std::string err = regsim::testing::slurp(dir_ / "err");
    EXPECT_NE(err.find(file + " is not a readable regsim sweep store"), std::string::npos) << err;
    fs::remove(dir_ / (std::string(SweepStore::kFileName) + "-wal"));
    fs::remove(dir_ / (std::string(SweepStore::kFileName) + "-shm"));
  }
}

}  // namespace
}  // namespace regsim::experiments
