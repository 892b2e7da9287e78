// Analysis of a finished (or partial) sweep: means with confidence intervals, paired
// differences under common random numbers, Sobol indices with bootstrap intervals, plots.
#pragma once

#include <filesystem>

#include "experiments/sweep/statistics.h"

namespace regsim::experiments {

struct AnalyzeOptions {
  bool plots = true;
  bool quiet = false;
};

/// Reads DIR/results.sqlite and writes DIR/analysis/*.csv and, when Python with matplotlib is
/// available, DIR/analysis/plots/*.png. Returns the exit code.
int analyze_sweep(const std::filesystem::path& dir, const AnalyzeOptions& options);

}  // namespace regsim::experiments
