// Soft budget constraints: how strongly a firm counts on the local state to cover its losses.
#pragma once

#include "policies/params.h"

namespace regsim::policies {

/// What decides a firm's soft budget this quarter.
struct SoftBudgetInputs {
  bool zombie = false;               ///< bailed out recently (still within exit.zombie_ticks)
  double bailout_probability = 0.0;  ///< what its city would do if it were distressed now
};

/// The strength z in [0, 1] of a firm's soft budget: the share of its fixed cost and interest it
/// expects the local state to cover. 0 when exit.soft_budgets is off; otherwise the largest of
/// the zombie strength (for a zombie) and soft_budget_bailout times the bailout probability.
double soft_budget_strength(const ExitPolicyParams& p, const SoftBudgetInputs& in);

/// Minimum utilisation a firm with strength z is mandated to run at: must_run * z, in [0, 1].
double must_run_share(const ExitPolicyParams& p, double strength);

}  // namespace regsim::policies
