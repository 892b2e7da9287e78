// Runs one experiment end to end (or continues a saved one) and writes its outputs.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "agents/model.h"
#include "experiments/run/recorder.h"
#include "state/state.h"

namespace regsim::experiments {

struct RunOptions {
  std::filesystem::path out_dir;  ///< empty = do not write files
  int threads = 0;                ///< 0 = all cores
  std::uint32_t run = 0;          ///< replicate index
  std::vector<std::string> argv;  ///< the command line, recorded in the manifest
  bool profile = false;           ///< time each phase (RunSummary::profile)
  TableSink* sink = nullptr;      ///< also receives every table line (the Python module)
  /// Write the whole state here (state/state.h, with the tables so far) once save_at years have
  /// run (0: before the first tick; -1: at the end); empty: no state is saved.
  std::filesystem::path save_state;
  int save_at = -1;
};

/// What a run ends with: the figures of the human summary.
struct RunSummary {
  int years = 0, ticks = 0;
  double final_cu = 0, final_similarity = 0, final_zombie_share = 0, final_price_index = 0;
  double mean_welfare = 0, total_welfare = 0, final_gdp = 0, min_cu = 1, final_jaccard = 0;
  int final_firms = 0;
  std::string hottest_track;           ///< the track listed by most cities at the end
  std::vector<double> hottest_prices;  ///< its yearly mean price
  std::vector<double> hottest_cu;      ///< its yearly mean CU
  double wall_seconds = 0;
  std::uint64_t state_hash = 0;
  int threads = 0;  ///< threads the run could use (the --threads limit, capped by the cores)
  std::optional<agents::PhaseProfile> profile;  ///< set when RunOptions::profile
  std::string manifest;                         ///< the text of manifest.json
};

using ProgressFn = std::function<void(int tick, int total)>;

/// Builds the model, runs it to the end and writes outputs to options.out_dir (if set).
RunSummary run_experiment(const agents::RunConfig& config, const RunOptions& options,
                          const ProgressFn& progress = {});

/// Continues a saved run (state::load_state_file) to the end with `sets` applied
/// (parse_continuation): its outputs hold the saved tables and the rows from then on, the bytes
/// an uninterrupted run would have written. `source` names the state in the manifest.
RunSummary continue_experiment(state::Saved saved, const std::vector<std::string>& sets,
                               const std::string& source, const RunOptions& options,
                               const ProgressFn& progress = {});

}  // namespace regsim::experiments
