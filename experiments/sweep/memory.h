// Memory a sweep needs at once: its largest run (every factor that sizes a run at its largest
// level) times the runs in flight on one machine, checked before the store is touched.
#pragma once

#include <optional>
#include <string>

#include "agents/model_params.h"
#include "experiments/sweep/spec.h"

namespace regsim::experiments {

/// The parameters of the sweep's largest run as far as memory goes: run 0, with each factor that
/// sizes a run (world.cities, world.tracks, world.initial_firms, world.map) at the level, or end
/// of its range, whose run needs the most memory (predicted_run_bytes grows with each of them).
/// Levels whose runs are invalid are skipped (those runs fail on their own); nullopt when no run
/// tried is valid.
std::optional<agents::ModelParams> largest_run_params(const SweepSpec& spec);

/// Throws sim::ConfigException (exit code 2) naming the sweep file when `runs_at_once` copies of
/// its largest run would need more than this machine's memory.
void check_sweep_memory(const SweepSpec& spec, int runs_at_once);

}  // namespace regsim::experiments
