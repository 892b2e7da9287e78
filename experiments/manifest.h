// The manifest.json of a run and of a sweep: what produced the outputs beside it, as typed JSON.
#pragma once

#include <cstdint>
#include <string>

#include "experiments/run/driver.h"

namespace regsim::experiments {

/// The manifest of one run: program, version, commit, command line, seed, run index, the thread
/// count the run could use, wall time, final state hash, the schedule and every parameter, each
/// value typed (numbers as the shortest text that reads back to the same double).
std::string run_manifest(const agents::RunConfig& config, const RunOptions& options,
                         const RunSummary& summary);

/// What a sweep's manifest records about its last session.
struct SweepManifest {
  std::string sweep, design, shard;
  std::uint64_t runs = 0, finished = 0, failed = 0;
  int jobs = 0;  ///< runs at once in this process
  double wall_seconds = 0;
};
std::string sweep_manifest(const SweepManifest& m);

}  // namespace regsim::experiments
