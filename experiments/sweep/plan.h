// The run planner: the factor values, seed and overrides of each run id of a sweep.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "experiments/sweep/spec.h"

namespace regsim::experiments {

/// One run of a sweep: run_id = scenario * replications + replication.
struct RunPlan {
  std::uint64_t run_id = 0, scenario = 0, seed = 0;
  int replication = 0;
  std::vector<sim::ScalarValue> values;  ///< one per factor
};

RunPlan plan_run(const SweepSpec& spec, std::uint64_t run_id);
/// Factor values of a scenario.
std::vector<sim::ScalarValue> scenario_values(const SweepSpec& spec, std::uint64_t scenario);
/// The --set style overrides that turn the base experiment into this run.
std::vector<std::string> run_overrides(const SweepSpec& spec, const RunPlan& plan);
/// One --set style override, "key=value" (strings quoted).
std::string override_entry(const std::string& key, const sim::ScalarValue& value);

}  // namespace regsim::experiments
