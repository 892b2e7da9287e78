// Checking a student's decision against the limits in force.
#include "classroom/decision.h"

#include <algorithm>
#include <cmath>

#include "agents/metrics.h"

namespace regsim::classroom {

DecisionLimits decision_limits(const agents::ModelParams& params) {
  DecisionLimits l;
  for (const auto& t : params.tracks) l.tracks.push_back(t.name);
  l.list_size = params.government.list_size;
  l.max_subsidy = params.subsidy.state_aid_cap;
  l.subsidies_allowed = params.subsidy.regime != policies::SubsidyRegime::None;
  l.bailouts_allowed = params.exit.bailouts;
  return l;
}

namespace {

std::optional<sim::TrackId> track_index(const DecisionLimits& limits, const std::string& name) {
  const auto it = std::find(limits.tracks.begin(), limits.tracks.end(), name);
  if (it == limits.tracks.end()) return std::nullopt;
  return sim::TrackId::at(static_cast<std::size_t>(it - limits.tracks.begin()));
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s.substr(0, 40)) out += (c >= 32 && c < 127) ? c : '?';
  return out + (s.size() > 40 ? "...\"" : "\"");
}

}  // namespace

CheckedDecision check_decision(const DecisionLimits& limits, const DecisionInput& input) {
  CheckedDecision out;
  if (input.tracks.size() > static_cast<std::size_t>(limits.list_size)) {
    out.error = "tracks: at most " + std::to_string(limits.list_size) + " priority tracks, got " +
                std::to_string(input.tracks.size());
    return out;
  }
  agents::CityChoice choice;
  for (const auto& name : input.tracks) {
    const auto k = track_index(limits, name);
    if (!k) {
      out.error = "tracks: unknown track " + quoted(name);
      return out;
    }
    if (std::find(choice.priorities.begin(), choice.priorities.end(), *k) !=
        choice.priorities.end()) {
      out.error = "tracks: " + quoted(name) + " is listed twice";
      return out;
    }
    choice.priorities.push_back(*k);
  }
  const double cap = limits.subsidies_allowed ? limits.max_subsidy : 0.0;
  if (!std::isfinite(input.subsidy_rate) || input.subsidy_rate < 0 || input.subsidy_rate > cap) {
    out.error = limits.subsidies_allowed
                    ? "subsidy_rate = " + agents::format_number(input.subsidy_rate) +
                          " is outside [0, " + agents::format_number(cap) + "]"
                    : "subsidy_rate must be 0: the centre has banned subsidies";
    return out;
  }
  if (input.bailouts && !limits.bailouts_allowed) {
    out.error = "bailouts must be false: the centre has banned bailouts";
    return out;
  }
  choice.subsidy_rate = input.subsidy_rate;
  choice.bailouts = input.bailouts;
  out.choice = std::move(choice);
  return out;
}

std::vector<std::string> track_names(const DecisionLimits& limits,
                                     const agents::CityChoice& choice) {
  std::vector<std::string> names;
  for (const auto k : choice.priorities)
    names.push_back(k.index() < limits.tracks.size() ? limits.tracks[k.index()] : "?");
  return names;
}

}  // namespace regsim::classroom
