// The commands of the regsim program, as functions of their parsed arguments (parsing:
// regsim_main).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiments/sweep/store.h"

namespace regsim::apps {

/// A command line that parses but makes no sense (exit code 2).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Arguments of `regsim run` and `regsim validate`.
struct RunArgs {
  std::string config;  ///< empty: the embedded default (run only)
  std::string out = "out";
  std::vector<std::string> sets;  ///< --set key=value and --seed N (world.seed=N), in order
  int threads = 0;                ///< 0 = all cores
  bool quiet = false, profile = false;
  std::vector<std::string> argv;  ///< the whole command line, for the manifest
  std::string save_state;         ///< --save-state FILE
  std::optional<int> save_at;     ///< --save-at YEAR (default: the end of the run)
  std::string from;               ///< --from FILE: continue a saved state
};

int run_command(const RunArgs& a);
int validate_command(const RunArgs& a);
int params_command();

/// Arguments of `regsim sweep`, `regsim analyze` and `regsim merge`.
struct SweepArgs {
  std::vector<std::string> positional;  ///< sweep: the sweep file; analyze: DIR; merge: DIRs
  std::vector<std::string> sets;
  std::string out;
  int jobs = 0;
  bool resume = false, retry_failed = false, quiet = false, mpi = false, dry_run = false;
  bool no_plots = false;
  experiments::Shard shard;
};

int sweep_command(const SweepArgs& a);
int analyze_command(const SweepArgs& a);
int merge_command(const SweepArgs& a);

/// Reads "i/N" (0 <= i < N <= 1,000,000) into `shard`; returns an error message or nullopt.
std::optional<std::string> parse_shard(const std::string& text, experiments::Shard& shard);

/// `regsim view ...`: replaces this process with regsim-view beside it; returns only on failure.
int view_command(int argc, char** argv);
/// `regsim classroom ...`: replaces this process with regsim-classroom beside it (the browser
/// role-play, which links cpp-httplib); returns only on failure.
int classroom_command(int argc, char** argv);

/// Runs a command, turning exceptions into messages and exit codes: 2 for bad input (usage, config,
/// a sweep directory that does not fit), 1 for runtime errors. `help` names the command's help.
int guarded(const std::string& help, const std::function<int()>& command);

}  // namespace regsim::apps
