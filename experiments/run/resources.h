// Predicted memory of a run, checked against the machine before any work starts.
#pragma once

#include <cstdint>
#include <string>

#include "agents/model_params.h"

namespace regsim::experiments {

/// Peak memory of one run, from its sizes. Coefficients measured with /usr/bin/time -f %M on
/// one-year runs (2026-12-03): 10 MB for the default world, about 215 bytes per initial firm
/// (200,000 firms: 52 MB), about 16 bytes per pair of cities within spillover range (2,000 cities:
/// 82 MB); rounded up, and 200 bytes per city-track cell.
double predicted_run_bytes(const agents::ModelParams& p);

/// Throws sim::ConfigException (exit code 2) naming the sizes when `runs_at_once` runs of `p`,
/// plus `kept_bytes` of results they keep (a sweep's series), would need more than the machine's
/// usable memory; `where` names the config.
void check_run_memory(const agents::ModelParams& p, int runs_at_once, const std::string& where,
                      double kept_bytes = 0);

}  // namespace regsim::experiments
