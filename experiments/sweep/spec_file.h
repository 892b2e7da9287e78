// The sweep file parser: a sweep file and its base experiment in, a validated SweepSpec out.
#pragma once

#include <string>
#include <vector>

#include "experiments/sweep/spec.h"

namespace regsim::experiments {

/// Reads the sweep file and the base experiment it names (relative to the sweep file, or
/// absolute; the embedded default when `base` is absent). Throws sim::ConfigException.
SweepSource read_sweep_source(const std::string& path, const std::vector<std::string>& sets);
/// Parses and validates a sweep. Throws sim::ConfigException listing every error with file,
/// line and key: unknown keys, factors that are not parameters, wrong types, out-of-range values.
SweepSpec load_sweep(const SweepSource& source);

}  // namespace regsim::experiments
