// One tick of the model as a fixed list of named phases (MODEL.md section 3).
#include <algorithm>
#include <chrono>

#include "agents/phases.h"

namespace regsim::agents {

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::Policy:
      return "policy";
    case Phase::Plan:
      return "plan";
    case Phase::Invest:
      return "invest";
    case Phase::Capacity:
      return "capacity";
    case Phase::Market:
      return "market";
    case Phase::Accounts:
      return "accounts";
    case Phase::Exit:
      return "exit";
    case Phase::Knowledge:
      return "knowledge";
    case Phase::Metrics:
      return "metrics";
    case Phase::Promotion:
      return "promotion";
  }
  return "?";
}

void apply_policy_changes(Model& m, std::span<const ParamChange> commands) {
  auto apply = [&m](const ParamChange& c) {
    if (!apply_change(m.params, c.key, c.value)) {
      m.applied.push_back(ParamChange{m.world.tick, c.key, c.value});
    }
  };
  while (m.next_change < m.schedule.size() && m.schedule[m.next_change].tick <= m.world.tick) {
    apply(m.schedule[m.next_change++]);
  }
  for (const auto& c : commands) apply(c);
  refresh_spillover_weights(m.world, m.params);
}

const char* PhaseProfile::name(std::size_t phase) {
  static const char* const names[kPhases] = {
      "policy changes",  "government plans", "investment & entry",  "commissioning",
      "market clearing", "firm accounts",    "exit & bailouts",     "budgets",
      "knowledge",       "GDP & metrics",    "officials & year end"};
  return phase < kPhases ? names[phase] : "?";
}

namespace {

/// Times the phases of one tick into a PhaseProfile, or does nothing when there is none.
class PhaseTimer {
 public:
  explicit PhaseTimer(PhaseProfile* profile) : profile_(profile) {
    if (profile_) last_ = std::chrono::steady_clock::now();
  }
  void lap(std::size_t phase) {
    if (!profile_) return;
    const auto now = std::chrono::steady_clock::now();
    profile_->seconds[phase] += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }

 private:
  PhaseProfile* profile_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace

void step(Model& m, std::span<const ParamChange> commands) {
  sim::World& w = m.world;
  const ModelParams& p = m.params;
  PhaseTimer timer(m.profile.get());
  w.flows = sim::TickFlows{};
  w.flows.entries_by_track.assign(w.num_tracks(), 0);
  w.flows.exits_by_track.assign(w.num_tracks(), 0);
  w.flows.subsidies_by_track.assign(w.num_tracks(), 0.0);
  for (auto* v : {&w.cities.subsidies_tick, &w.cities.bailouts_tick, &w.cities.retraining_tick})
    std::fill(v->begin(), v->end(), 0.0);
  std::fill(w.firms.subsidy_tick.begin(), w.firms.subsidy_tick.end(), 0.0);
  apply_policy_changes(m, commands);
  timer.lap(0);
  const bool first_quarter = sim::is_planning_tick(w.tick);
  const bool last_quarter = sim::is_planning_tick(w.tick + 1);
  if (first_quarter) plan_governments(w, p);
  timer.lap(1);
  if (first_quarter) decide_investment(w, p);
  timer.lap(2);
  commission_and_depreciate(w, p);
  timer.lap(3);
  clear_markets(w, p, *m.solver);
  timer.lap(4);
  settle_accounts(w, p);
  timer.lap(5);
  resolve_distress(w, p);
  timer.lap(6);
  settle_budgets(w, p);
  timer.lap(7);
  update_knowledge(w, p);
  timer.lap(8);
  update_gdp(w, p);
  record_metrics(w, p, m.metrics);
  m.metrics.cities.clear();
  timer.lap(9);
  if (last_quarter) {
    evaluate_officials(w, p);
    fill_city_rows(w, p, m.metrics);
    close_year(w);
  }
  ++w.tick;
  timer.lap(10);
}

}  // namespace regsim::agents
