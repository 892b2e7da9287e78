// Soft budget constraints: how strongly a firm counts on the local state to cover its losses.
#pragma once

#include <algorithm>

#include "policies/params.h"

namespace regsim::policies {

/// What decides a firm's soft budget this quarter.
struct SoftBudgetInputs {
  bool zombie = false;               ///< bailed out recently (still within exit.zombie_ticks)
  double bailout_probability = 0.0;  ///< what its city would do if it were distressed now
  double state_strength =
      0.0;  ///< z_S if a guidance fund holds equity in it (state-linked), else 0
};

/// The strength z in [0, 1] of a firm's soft budget: the share of its fixed cost and interest it
/// expects the local state to cover: the largest of the state-linked strength, the zombie strength
/// (for a zombie) and soft_budget_bailout times the bailout probability; with exit.soft_budgets off
/// only the state-linked strength (a fund-backed firm's owner is the state whatever that switch).
inline double soft_budget_strength(const ExitPolicyParams& p, const SoftBudgetInputs& in) {
  double z = std::max(0.0, in.state_strength);
  if (!p.soft_budgets) return std::min(z, 1.0);
  z = std::max(z, p.soft_budget_bailout * std::clamp(in.bailout_probability, 0.0, 1.0));
  if (in.zombie) z = std::max(z, p.soft_budget_zombie);
  return std::clamp(z, 0.0, 1.0);
}

/// Minimum utilisation a firm with strength z is mandated to run at: must_run * z, in [0, 1].
double must_run_share(const ExitPolicyParams& p, double strength);

}  // namespace regsim::policies
