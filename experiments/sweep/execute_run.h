// One run of a sweep: builds its config from the plan, steps the model, keeps what the sweep asks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "experiments/sweep/plan.h"

namespace regsim::experiments {

/// The outcome of one run, as written to the store. A failed run has an error and no metrics.
struct RunResult {
  std::uint64_t run_id = 0;
  bool ok = false;
  std::string error;
  double wall_seconds = 0;  ///< recorded in the store, never in summary.csv
  std::uint64_t state_hash = 0;
  std::vector<double> metrics;  ///< summary_metric_names() order
  std::vector<int> series_ticks;
  std::vector<double> series;  ///< series_ticks.size() x spec.series_metrics.size(), row-major
  std::vector<std::string> track_names;  ///< the run's tracks, in tracks.csv order
  std::vector<int> track_ticks;          ///< ticks kept of the per-track series
  /// track_ticks.size() x track_names.size() x spec.track_metrics.size(), row-major
  std::vector<double> track_series;
};

/// Runs plan.run_id on the calling thread. Never throws: errors become a failed result.
/// Call it inside a one-thread tbb::task_arena to keep the run single-threaded.
RunResult execute_run(const SweepSpec& spec, const RunPlan& plan);

/// Byte encoding of a result for MPI messages (ranks share one architecture).
std::string encode_result(const RunResult& r);
RunResult decode_result(const std::string& bytes);

}  // namespace regsim::experiments
