// Plots of an analysed sweep, drawn by scripts/plot_sweep.py (python3 + matplotlib).
#pragma once

#include <filesystem>

namespace regsim::experiments {

/// Runs the plot script on the tables in `analysis_dir` (writing analysis_dir/plots/*.png);
/// says on stderr why plots were skipped when Python, matplotlib or the script is missing.
/// `shown_dir` is the directory named in messages (the analysis directory once swapped in).
void make_plots(const std::filesystem::path& analysis_dir, const std::filesystem::path& shown_dir,
                bool quiet);

}  // namespace regsim::experiments
