// A student's choices for one planning year, checked like config values before they reach the
// model.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agents/model.h"
#include "agents/model_params.h"

namespace regsim::classroom {

/// What a city government may choose this year, from the parameters in force.
struct DecisionLimits {
  std::vector<std::string> tracks;  ///< track names, by track index
  int list_size = 4;                ///< at most this many priority tracks (government.list_size)
  double max_subsidy = 0.5;         ///< capex subsidy share cap (policy.state_aid_cap)
  bool subsidies_allowed = true;    ///< false under policy.subsidy_regime = "none"
  bool bailouts_allowed = true;     ///< false when the centre bans bailouts (policy.bailouts)
};
DecisionLimits decision_limits(const agents::ModelParams& params);

/// A year's choices as the student sent them: track names, not indices.
struct DecisionInput {
  std::vector<std::string> tracks;
  double subsidy_rate = 0;
  bool bailouts = false;
};

/// The model's form of a checked decision, or the reason it was refused.
struct CheckedDecision {
  std::optional<agents::CityChoice> choice;
  std::string error;
};

/// Checks a decision: known and distinct tracks, at most list_size of them, a finite subsidy
/// rate in [0, max_subsidy] (exactly 0 when subsidies are banned), no bailouts when banned.
CheckedDecision check_decision(const DecisionLimits& limits, const DecisionInput& input);

/// Track names of a choice, in its order (for the log and the pages).
std::vector<std::string> track_names(const DecisionLimits& limits,
                                     const agents::CityChoice& choice);

}  // namespace regsim::classroom
