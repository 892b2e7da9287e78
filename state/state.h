// Saved states of a model, to continue a run or branch several runs from one point: a versioned
// binary format with a header and a checksum (regsim run --save-state/--from, Python's
// Model.save/load/copy, and forks in memory for the live view).
//
// In-memory API, for branching without files:
//   std::string bytes = state::save_state(model);               // the whole state between ticks
//   agents::Model branch = state::load_state(bytes, "fork").model; // continues exactly as `model`
//   agents::Model copy = state::copy_model(model);                // the same in one call
// Each branch then takes its own parameter changes (agents::step(branch, commands)); stepping a
// loaded or copied model gives the same bytes in every output as stepping the original.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "agents/model.h"

namespace regsim::state {

/// The format version this build writes and reads; a file of another version is refused. The
/// column list is checked separately (a build with other columns refuses the file, naming them).
inline constexpr std::uint32_t kStateVersion = 1;

/// Named byte strings saved beside the model and covered by its checksum: what a driver needs to
/// continue its outputs (the tables so far, running sums). The model itself never reads them.
using Sections = std::vector<std::pair<std::string, std::string>>;

/// A loaded state: the model and the sections saved with it.
struct Saved {
  agents::Model model;
  Sections sections;
  /// The section called `name`, or nullptr.
  const std::string* section(std::string_view name) const;
};

/// The whole state of `m` between two ticks: the replicate index, the parameters in force (as
/// TOML), the pending schedule and its position, the log of applied changes, the metrics' caches
/// and every column of the world that is not a cache (sim::for_each_column over the single column
/// list, so a column added there is saved without a change here), then `sections`.
/// Layout: "REGSIMST", version (u32), column-list fingerprint (u64), payload size (u64), CRC-32
/// of the payload (u32), payload; the payload opens with the column directory (names and types).
std::string save_state(const agents::Model& m, const Sections& sections = {});

/// The model saved in `bytes`. Throws sim::ConfigException naming `name` (a file, or what the
/// caller calls the bytes) when they are not a regsim state, are truncated or corrupted (the
/// checksum), come from another format version, or hold another set of columns than this build
/// (the message names the columns added and missing).
Saved load_state(std::string_view bytes, const std::string& name);

/// A model that continues exactly as `m` would: load_state(save_state(m)).model.
agents::Model copy_model(const agents::Model& m);

/// load_state of a file; an unreadable file is a sim::ConfigException naming it. (Files are
/// written by experiments::save_state_file, atomically like every output.)
Saved load_state_file(const std::filesystem::path& path);

/// Parameter changes as bytes (the pending commands of a stepped model, kept in a section).
std::string encode_changes(const std::vector<agents::ParamChange>& changes);
std::vector<agents::ParamChange> decode_changes(std::string_view bytes, const std::string& name);

}  // namespace regsim::state
