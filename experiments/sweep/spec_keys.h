// Internal to the sweep file parser: typed reading of scalar keys and the [outputs] section.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "experiments/sweep/spec.h"
#include "sim/config.h"

namespace regsim::experiments {

/// Typed reading of scalar sweep keys, recording an error for a wrong type or range.
struct KeyReader {
  sim::ConfigErrors& errors;
  bool integer(const sim::ConfigEntry& e, std::int64_t lo, std::int64_t hi, std::int64_t& out);
  bool boolean(const sim::ConfigEntry& e, bool& out);
  bool text(const sim::ConfigEntry& e, std::string& out);
};

/// The raw [outputs] and [analysis] keys of a sweep file.
struct OutputKeys {
  std::vector<sim::ConfigEntry> outputs, analysis;
  const sim::ConfigArray* series_metrics = nullptr;
  const sim::ConfigArray* track_metrics = nullptr;
};

/// Fills the kept series (national and per track) and the analysis settings of `spec`.
void read_outputs(const OutputKeys& keys, SweepSpec& spec, sim::ConfigErrors& errors);

}  // namespace regsim::experiments
