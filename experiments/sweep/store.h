// The results store of a sweep: DIR/results.sqlite (WAL, one writer) and its CSV exports.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "experiments/sweep/execute_run.h"
#include "experiments/sweep/spec.h"
#include "sim/csv.h"

struct sqlite3;

namespace regsim::experiments {

/// A store that does not fit the request: another sweep in DIR, a missing store, a store locked
/// by a running sweep. The CLI reports it with exit code 2.
class StoreConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Which runs of a sweep a process owns: ids with id % count == index.
struct Shard {
  std::uint64_t index = 0, count = 1;
  bool owns(std::uint64_t run_id) const { return run_id % count == index; }
  std::string str() const { return std::to_string(index) + "/" + std::to_string(count); }
};

/// Tables: meta(key, value), runs(run_id, scenario, replication, seed, one column per factor,
/// status, wall_seconds, error, state_hash, finished_at), summary(run_id, one column per summary
/// metric) and, when kept, series(run_id, tick, one column per series metric) and
/// track_series(run_id, tick, track_index, track, one column per kept column of tracks.csv).
class SweepStore {
 public:
  static constexpr const char* kFileName = "results.sqlite";

  /// Creates a new store in `dir`; refuses when one exists there (use resume).
  static std::unique_ptr<SweepStore> create(const std::filesystem::path& dir, const SweepSpec& spec,
                                            const Shard& shard);
  /// Opens the store for --resume; refuses when it holds a different sweep or shard.
  static std::unique_ptr<SweepStore> resume(const std::filesystem::path& dir, const SweepSpec& spec,
                                            const Shard& shard);
  /// Opens an existing store to read it (analyze, merge).
  static std::unique_ptr<SweepStore> open_existing(const std::filesystem::path& dir);
  ~SweepStore();
  SweepStore(const SweepStore&) = delete;
  SweepStore& operator=(const SweepStore&) = delete;

  /// The texts the stored sweep was built from (to rebuild its SweepSpec).
  SweepSource source() const;
  std::string meta(const std::string& key) const;
  /// Per run id: 0 not stored, 1 ok, 2 failed.
  std::vector<std::uint8_t> statuses(std::uint64_t run_count) const;
  void delete_failed();
  /// Writes finished runs in one transaction.
  void write(const SweepSpec& spec, const std::vector<RunResult>& results);
  /// Copies the runs of another store of the same sweep; returns how many were new.
  std::uint64_t absorb(const std::filesystem::path& other_dir);
  /// Calls fn(run_id, metrics) for every successful run in run id order (NULL as NaN).
  void for_each_ok_run(
      const std::function<void(std::uint64_t, const std::vector<double>&)>& fn) const;
  /// Folds the write-ahead log into the database file.
  void checkpoint();

  /// summary.csv: one row per stored run, sorted by run id. Written atomically.
  void export_summary(const SweepSpec& spec, const std::filesystem::path& path) const;
  /// series.csv: run_id, tick and the kept metrics, sorted by run id and tick.
  void export_series(const SweepSpec& spec, const std::filesystem::path& path) const;
  /// track_series.csv: run_id, tick, track and the kept columns of tracks.csv, sorted by run
  /// id, tick and the track's place in tracks.csv.
  void export_track_series(const SweepSpec& spec, const std::filesystem::path& path) const;

  sqlite3* db() const { return db_; }

 private:
  SweepStore(const std::filesystem::path& dir, bool lock);
  /// An existing store, checked to be a readable regsim store of this format; an empty,
  /// truncated, corrupt or foreign file (or a FIFO, a device, a link) is a StoreConflict.
  static std::unique_ptr<SweepStore> open_readable(const std::filesystem::path& dir, bool lock);
  void open(bool lock);  ///< takes the lock, opens the database (the constructor's body)
  void close();
  void create_schema(const SweepSpec& spec, const Shard& shard);
  void check_same_sweep(const SweepSpec& spec, const Shard& shard) const;

  std::filesystem::path dir_;
  sqlite3* db_ = nullptr;
  int lock_fd_ = -1;
};

/// CSV cells and lines come from the one writer in sim/csv.h (RFC 4180).
using sim::csv_cell;
using sim::CsvLine;

/// Quotes a name for SQL ("market.kappa" -> "\"market.kappa\"").
std::string sql_name(const std::string& name);

}  // namespace regsim::experiments
