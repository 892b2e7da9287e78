// Soft budget constraints: strength from zombie status and the city's bailout propensity.
#include "policies/soft_budget.h"

#include <algorithm>

namespace regsim::policies {

double must_run_share(const ExitPolicyParams& p, double strength) {
  return std::clamp(p.must_run * strength, 0.0, 1.0);
}

}  // namespace regsim::policies
