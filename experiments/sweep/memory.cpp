// The largest run of a sweep and the check of its memory against the machine's.
#include "experiments/sweep/memory.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>

#include "experiments/run/resources.h"
#include "experiments/sweep/plan.h"
#include "sim/types.h"

namespace regsim::experiments {

namespace {

bool sizes_a_run(const std::string& key) {
  for (const char* k :
       {"world.cities", "world.tracks", "world.initial_firms", "world.map", "world.years"})
    if (key == k) return true;
  return false;
}

/// The values a factor can take that may need the most memory: its levels, or its range's ends.
std::vector<sim::ScalarValue> candidates(const Factor& f) {
  if (!f.range) return f.levels;
  return {f.value_at(0.0), f.value_at(1.0)};
}

/// The parameters of a run, or nullopt when its config is invalid (such a run fails on its own
/// and is recorded as failed; it needs no memory).
std::optional<agents::ModelParams> params_of(const SweepSpec& spec, const RunPlan& plan) {
  try {
    return agents::load_run_config_text(spec.source.base_text, spec.source.base_path,
                                        run_overrides(spec, plan))
        .params;
  } catch (const sim::ConfigException&) {
    return std::nullopt;
  }
}

/// Results that may be held at once besides the runs' own memory (see sweep_bytes).
double results_held(int runs_at_once, int processes) {
  const double runs = std::max(1, runs_at_once);
  return runs + kResultQueuePerJob * runs + kResultQueueExtra * std::max(1, processes) +
         static_cast<double>(kResultWriteBatch);
}

}  // namespace

double kept_series_bytes(const SweepSpec& spec, const agents::ModelParams& p) {
  const double ticks = static_cast<double>(p.world.years) * sim::kTicksPerYear;
  double bytes = 0;
  if (spec.keep_series)
    bytes += std::ceil(ticks / spec.series_every) *
             (sizeof(int) + sizeof(double) * static_cast<double>(spec.series_metrics.size()));
  if (spec.keep_tracks)
    bytes += std::ceil(ticks / spec.tracks_every) *
             (sizeof(int) + sizeof(double) * static_cast<double>(p.tracks.size()) *
                                static_cast<double>(spec.track_metrics.size()));
  return 2 * bytes;
}

double sweep_bytes(const SweepSpec& spec, const agents::ModelParams& p, int runs_at_once,
                   int processes) {
  return predicted_run_bytes(p) * std::max(1, runs_at_once) +
         kept_series_bytes(spec, p) * results_held(runs_at_once, processes);
}

std::optional<agents::ModelParams> largest_run_params(const SweepSpec& spec, int runs_at_once,
                                                      int processes) {
  RunPlan plan = plan_run(spec, 0);
  std::vector<sim::ScalarValue> largest = plan.values;
  std::optional<agents::ModelParams> biggest;  // the largest valid run tried, as a fallback
  double biggest_bytes = -1;
  for (std::size_t f = 0; f < spec.factors.size(); ++f) {
    if (!sizes_a_run(spec.factors[f].key)) continue;
    double most = -1;
    RunPlan trial = plan;
    for (const sim::ScalarValue& v : candidates(spec.factors[f])) {
      trial.values[f] = v;
      const auto p = params_of(spec, trial);
      if (!p) continue;
      const double bytes = sweep_bytes(spec, *p, runs_at_once, processes);
      if (bytes > most) {
        most = bytes;
        largest[f] = v;
      }
      if (bytes > biggest_bytes) {
        biggest_bytes = bytes;
        biggest = p;
      }
    }
  }
  plan.values = largest;
  if (auto p = params_of(spec, plan)) return p;
  // The largest levels together make an invalid run (more provinces than cities, say): the
  // largest valid run seen stands for the sweep.
  return biggest;
}

void check_sweep_memory(const SweepSpec& spec, int runs_at_once, int processes) {
  if (const auto p = largest_run_params(spec, runs_at_once, processes))
    check_run_memory(*p, runs_at_once, spec.source.sweep_name,
                     kept_series_bytes(spec, *p) * results_held(runs_at_once, processes));
}

}  // namespace regsim::experiments
