// Running a sweep: local TBB workers or MPI ranks, streaming results to the store as they finish.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "experiments/sweep/spec.h"
#include "experiments/sweep/store.h"

namespace regsim::experiments {

/// Exit code of a sweep that finished but recorded failed runs.
constexpr int kExitRunsFailed = 3;

struct SweepOptions {
  std::filesystem::path out_dir;
  int jobs = 0;  ///< runs at once in this process; 0 = all cores
  bool resume = false;
  bool retry_failed = false;  ///< with resume: run failed runs again
  bool quiet = false;
  Shard shard;
};

/// Runs the runs of `options.shard` that the store does not hold yet, `jobs` at a time, each
/// single-threaded; writes every result as it finishes; exports summary.csv at the end.
/// Returns 0, or kExitRunsFailed when some runs failed. Throws StoreConflict for a bad DIR.
int run_sweep(const SweepSpec& spec, const SweepOptions& options);

/// The same under MPI: rank 0 hands out run ids and is the only writer; every rank (rank 0
/// too) runs `jobs` runs at once (default 1). Call from main() of every rank.
int run_sweep_mpi(const std::string& sweep_path, const std::vector<std::string>& sets,
                  const SweepOptions& options);
/// Whether this build has MPI support (CMake option REGSIM_WITH_MPI).
bool mpi_supported();

/// Merges the stores of shards (or partial sweeps) of one sweep into `out_dir`.
/// Returns 0, or kExitRunsFailed when runs failed or are missing.
int merge_sweeps(const std::vector<std::filesystem::path>& inputs,
                 const std::filesystem::path& out_dir, bool quiet);

}  // namespace regsim::experiments
