// A validated sweep: its base experiment, factors, design, replications and outputs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "agents/param_table.h"
#include "experiments/sweep/design.h"
#include "sim/config.h"

namespace regsim::experiments {

/// The most runs a sweep may have (the store keeps a status byte per run in memory).
constexpr std::uint64_t kMaxSweepRuns = 100'000'000;

enum class DesignKind { Grid, Lhs, Sobol, Oat };
const char* design_name(DesignKind kind);

/// The texts a sweep is built from; kept in the results store so that analyze, merge and
/// resume can rebuild the same sweep without the original files.
struct SweepSource {
  std::string sweep_name;  ///< the sweep file path as given
  std::string sweep_text;
  std::string base_name;  ///< `base` as written in the sweep file, or "(default)"
  std::string base_path;  ///< where the base was read from: absolute, so that runs, analyze and
                          ///< merge resolve its relative paths (world.map) from any directory
  std::string base_text;
  std::vector<std::string> sets;  ///< --set overrides applied to every run
  /// Digest lines of the files the runs read (map directories; sweep/inputs.h), computed by
  /// load_sweep when empty and stored with the sweep, so that analyze and merge keep the
  /// identity the sweep ran with while --resume compares it with the files as they are now.
  std::string inputs;
};

/// One varied parameter.
struct Factor {
  std::string key;
  agents::ParamType type = agents::ParamType::Real;
  std::vector<sim::ScalarValue> levels;  ///< checked levels (grid, oat) or categories (lhs, sobol)
  bool range = false;                    ///< lhs/sobol numeric factor sampled in [lo, hi]
  double lo = 0, hi = 0;
  sim::Source where;
  /// The value at unit coordinate u in [0, 1): linear in [lo, hi] for a real range, equal-width
  /// bins of the integers lo..hi for an integer range, equal-width bins of the levels otherwise.
  sim::ScalarValue value_at(double u) const;
};

struct SweepSpec {
  SweepSource source;
  std::string name;
  DesignKind kind = DesignKind::Grid;
  std::vector<Factor> factors;                ///< in file order
  std::vector<sim::ConfigEntry> fixed;        ///< [fixed] key = value, applied to every run
  std::vector<sim::ScalarValue> base_values;  ///< each factor's value in the base experiment
  int replications = 1;
  std::vector<std::uint64_t> seeds;  ///< explicit seed list (size == replications) or empty
  std::uint64_t base_seed = 0;       ///< [design] seed, else world.seed of the base experiment
  bool paired = true;                ///< replication r of every scenario uses the same seed
  std::uint64_t samples = 0;         ///< lhs: points; sobol: base samples N
  std::uint64_t skip = 1;            ///< sobol: leading points of the sequence left out
  bool keep_series = false;
  std::vector<std::string> series_metrics;  ///< national metrics kept per tick
  int series_every = 1;                     ///< keep every k-th tick
  bool keep_tracks = false;                 ///< per-track series ([outputs] tracks)
  std::vector<std::string> track_metrics;   ///< columns of tracks.csv kept per tick and track
  int tracks_every = 1;                     ///< keep every k-th tick of the track series
  int bootstrap = 1000;                     ///< analysis: bootstrap resamples for Sobol CIs
  int bins = 5;                             ///< analysis: bins per factor for lhs/sobol means

  std::vector<double> lhs_unit;                ///< lhs: samples x factors, row-major
  std::shared_ptr<const SobolSequence> sobol;  ///< sobol: 2 x factors dimensions

  /// Scenarios of the design; 0 when there would be more than kMaxSweepRuns.
  std::uint64_t scenario_count() const;
  std::uint64_t run_count() const {
    return scenario_count() * static_cast<std::uint64_t>(replications);
  }
  /// The seed of replication r of scenario s.
  std::uint64_t seed_of(std::uint64_t scenario, int replication) const;
  /// A normalised text of everything that decides the runs and their results; two sweeps with
  /// the same canonical text produce the same results (used to check --resume and merge).
  std::string canonical() const;
};

/// Shortest text that reads back to the same double ("0.1", "1e-07", "inf").
std::string format_double(double v);
/// A value as CSV cell text (strings unquoted, booleans true/false, doubles shortest).
std::string format_value(const sim::ScalarValue& v);

}  // namespace regsim::experiments
