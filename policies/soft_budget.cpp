// Soft budget constraints: strength from zombie status and the city's bailout propensity.
#include "policies/soft_budget.h"

#include <algorithm>

namespace regsim::policies {

double soft_budget_strength(const ExitPolicyParams& p, const SoftBudgetInputs& in) {
  double z = std::max(0.0, in.state_strength);
  if (!p.soft_budgets) return std::min(z, 1.0);
  z = std::max(z, p.soft_budget_bailout * std::clamp(in.bailout_probability, 0.0, 1.0));
  if (in.zombie) z = std::max(z, p.soft_budget_zombie);
  return std::clamp(z, 0.0, 1.0);
}

double must_run_share(const ExitPolicyParams& p, double strength) {
  return std::clamp(p.must_run * strength, 0.0, 1.0);
}

}  // namespace regsim::policies
