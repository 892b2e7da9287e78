// Saving a run's state part-way and continuing it: the sections a run keeps beside the model
// (its tables so far, the running sums of its summary) and --set on a continued run.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "experiments/run/recorder.h"
#include "state/state.h"

namespace regsim::experiments {

/// Section names of a run's state file.
inline constexpr const char* kTablesSection = "tables";
inline constexpr const char* kSumsSection = "summary";

/// The running sums behind a RunSummary (so a continued run prints what an uninterrupted one
/// would).
struct SummarySums {
  double total_welfare = 0, min_cu = 1;
  std::vector<double> price_sum, cu_sum;                     ///< per track, this year so far
  std::vector<std::vector<double>> yearly_price, yearly_cu;  ///< per track, per year ended
};

std::string encode_tables(const MemorySink& tables);
/// Sends every saved line to `sink`, table by table; `name` names the state in errors.
void replay_tables(const std::string& bytes, TableSink& sink, const std::string& name);
std::string encode_sums(const SummarySums& sums);
SummarySums decode_sums(const std::string& bytes, const std::string& name);

/// Writes state::save_state(m, sections) to `path` atomically, as every output is written (an
/// exclusive temporary beside it, fsync, rename): an older file stays whole until replaced.
void save_state_file(const agents::Model& m, const std::filesystem::path& path,
                     const state::Sections& sections = {});
/// Bytes of state::save_state written to `path` the same way.
void write_state_bytes(const std::filesystem::path& path, const std::string& bytes);

/// What `--set key=value` means for a continued run: world.years makes the run longer or
/// shorter (not before the saved tick); any key that may change during a run becomes a command
/// at the next tick (exactly as the live view's levers). Throws sim::ConfigException naming
/// "--set" and the key for an unknown key, a bad value or a key fixed when the world was built.
struct Continuation {
  int years = 0;  ///< world.years from now on
  std::vector<agents::ParamChange> commands;
};
Continuation parse_continuation(const agents::Model& m, const std::vector<std::string>& sets);

}  // namespace regsim::experiments
