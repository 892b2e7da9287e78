// Memory a sweep needs at once: its largest run (every factor that sizes a run at its largest
// level) times the runs in flight on one machine, plus the series the results held there keep,
// checked before the store is touched.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "agents/model_params.h"
#include "experiments/sweep/spec.h"

namespace regsim::experiments {

/// A driver's queue of finished results holds at most result_queue_capacity(jobs) for `jobs` run
/// threads; rank 0 of an MPI sweep writes what it collects in batches of kResultWriteBatch.
inline constexpr int kResultQueuePerJob = 4, kResultQueueExtra = 16;
inline constexpr std::size_t kResultWriteBatch = 64;
constexpr std::size_t result_queue_capacity(int jobs) {
  return static_cast<std::size_t>(kResultQueuePerJob * jobs + kResultQueueExtra);
}

/// Bytes of the series one run of `p` keeps for the store ([outputs] series and tracks = true):
/// each kept tick with its national metrics and, per track, its track metrics; doubled, since a
/// growing vector may hold twice what it has kept.
double kept_series_bytes(const SweepSpec& spec, const agents::ModelParams& p);

/// Memory a sweep needs at once on one machine: `runs_at_once` runs of `p`, and the kept series
/// of every result held there: one per run in flight, up to result_queue_capacity(jobs) in each
/// of the `processes`' result queues, and up to kResultWriteBatch in rank 0's write batch.
double sweep_bytes(const SweepSpec& spec, const agents::ModelParams& p, int runs_at_once,
                   int processes = 1);

/// The parameters of the sweep's largest run as far as memory goes: run 0, with each factor that
/// sizes a run (world.cities, world.tracks, world.initial_firms, world.map, and world.years for
/// the kept series) at the level, or end of its range, whose sweep_bytes are largest (they grow
/// with each of them). Levels whose runs are invalid are skipped (those runs fail on their own);
/// nullopt when no run tried is valid.
std::optional<agents::ModelParams> largest_run_params(const SweepSpec& spec, int runs_at_once = 1,
                                                      int processes = 1);

/// Throws sim::ConfigException (exit code 2) naming the sweep file when `runs_at_once` copies of
/// its largest run, with the series they keep, would need more than this machine's memory.
/// `processes`: the regsim processes sharing the machine (MPI ranks on the node).
void check_sweep_memory(const SweepSpec& spec, int runs_at_once, int processes = 1);

}  // namespace regsim::experiments
