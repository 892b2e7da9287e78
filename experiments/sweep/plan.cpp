// The run planner: which factor values and seed each run id of a sweep gets.
#include "experiments/sweep/plan.h"

namespace regsim::experiments {

using sim::ScalarValue;

std::string override_entry(const std::string& key, const ScalarValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return key + "=\"" + *s + "\"";
  return key + "=" + format_value(v);
}

std::vector<ScalarValue> scenario_values(const SweepSpec& spec, std::uint64_t scenario) {
  const std::size_t d = spec.factors.size();
  std::vector<ScalarValue> out(d);
  switch (spec.kind) {
    case DesignKind::Grid: {
      std::uint64_t rest = scenario;  // mixed radix, the last factor varies fastest
      for (std::size_t i = d; i-- > 0;) {
        const auto n = spec.factors[i].levels.size();
        out[i] = spec.factors[i].levels[rest % n];
        rest /= n;
      }
      break;
    }
    case DesignKind::Oat: {
      out = spec.base_values;
      std::uint64_t k = scenario;  // 0 is the base; then each factor's other levels in turn
      for (std::size_t i = 0; i < d && k > 0; ++i)
        for (const auto& v : spec.factors[i].levels) {
          if (v == spec.base_values[i]) continue;
          if (--k == 0) {
            out[i] = v;
            break;
          }
        }
      break;
    }
    case DesignKind::Lhs:
      for (std::size_t i = 0; i < d; ++i)
        out[i] = spec.factors[i].value_at(spec.lhs_unit[scenario * d + i]);
      break;
    case DesignKind::Sobol: {
      const std::vector<double> u = SaltelliLayout{d}.point(*spec.sobol, scenario, spec.skip);
      for (std::size_t i = 0; i < d; ++i) out[i] = spec.factors[i].value_at(u[i]);
      break;
    }
  }
  return out;
}

RunPlan plan_run(const SweepSpec& spec, std::uint64_t run_id) {
  RunPlan p;
  const auto reps = static_cast<std::uint64_t>(spec.replications);
  p.run_id = run_id;
  p.scenario = run_id / reps;
  p.replication = static_cast<int>(run_id % reps);
  p.seed = spec.seed_of(p.scenario, p.replication);
  p.values = scenario_values(spec, p.scenario);
  return p;
}

std::vector<std::string> run_overrides(const SweepSpec& spec, const RunPlan& plan) {
  std::vector<std::string> out = spec.source.sets;
  for (const auto& e : spec.fixed) out.push_back(override_entry(e.key, e.value));
  for (std::size_t i = 0; i < spec.factors.size(); ++i)
    out.push_back(override_entry(spec.factors[i].key, plan.values[i]));
  out.push_back("world.seed=" + std::to_string(plan.seed));
  return out;
}

}  // namespace regsim::experiments
