// The teacher's levers and how their changes read in the news.
#include "classroom/levers.h"

#include "agents/metrics.h"

namespace regsim::classroom {

const std::vector<TeacherLever>& teacher_levers() {
  static const std::vector<TeacherLever> levers = {
      {"market.kappa", "Market friction κ",
       "0 = one unified national market, 1 = fragmented local markets"},
      {"policy.evaluation", "Evaluation of officials",
       "gdp: growth only; balanced: growth, debt, jobs, innovation, ecology; differentiated: "
       "by zone"},
      {"tournament.alpha1", "Tournament strength α₁",
       "How strongly promotion depends on the ranking (0 = not at all)"},
      {"policy.bailouts", "Bailouts allowed", "Off: no city may rescue a failing firm"},
      {"policy.subsidy_regime", "Subsidy regime",
       "none bans subsidies; precise supports only efficient firms; vc only young firms"},
      {"policy.state_aid_cap", "State-aid cap", "Highest capex subsidy share a city may offer"},
      {"policy.coordination_platform", "Coordination platform",
       "Governments see the national pipeline of capacity before choosing"},
      {"policy.smart_specialisation", "Smart specialisation",
       "Cities may list only tracks related to what they already do"},
      {"policy.capacity_controls", "Capacity controls",
       "Ban new capacity on tracks running below the utilisation threshold"},
  };
  return levers;
}

namespace {

std::string value_text(const sim::ScalarValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return agents::format_number(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "on" : "off";
  return sim::to_string(v);
}

}  // namespace

std::string change_text(const agents::ParamChange& change) {
  const std::string& key = change.key;
  const std::string signal = ".signal";
  if (key.rfind("tracks.", 0) == 0 && key.size() > signal.size() &&
      key.compare(key.size() - signal.size(), signal.size(), signal) == 0) {
    const std::string track = key.substr(7, key.size() - 7 - signal.size());
    const auto* d = std::get_if<double>(&change.value);
    if (d && *d > 0) return "The centre announces " + track + " as a hot track";
    return "The centre withdraws its endorsement of " + track;
  }
  if (key == "policy.bailouts")
    return std::get_if<bool>(&change.value) && std::get<bool>(change.value)
               ? "The centre allows bailouts again"
               : "The centre bans bailouts of failing firms";
  for (const auto& l : teacher_levers())
    if (l.key == key) return l.label + " set to " + value_text(change.value);
  return "The centre sets " + key + " = " + value_text(change.value);
}

}  // namespace regsim::classroom
