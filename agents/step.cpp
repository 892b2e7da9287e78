// One tick of the model as a fixed list of named phases (MODEL.md section 3).
#include <chrono>

#include <tbb/parallel_invoke.h>

#include "agents/phases/phases.h"

namespace regsim::agents {

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::BeginTick:
      return "tick start";
    case Phase::Policy:
      return "policy changes";
    case Phase::Plan:
      return "government plans";
    case Phase::Invest:
      return "investment & entry";
    case Phase::Capacity:
      return "commissioning";
    case Phase::Market:
      return "market clearing";
    case Phase::Accounts:
      return "firm accounts";
    case Phase::Exit:
      return "exit & bailouts";
    case Phase::Budgets:
      return "budgets";
    case Phase::Knowledge:
      return "knowledge";
    case Phase::Gdp:
      return "GDP";
    case Phase::Metrics:
      return "metrics";
    case Phase::Promotion:
      return "officials";
    case Phase::CityYear:
      return "city rows";
    case Phase::EndYear:
      return "year end";
  }
  return "?";
}

const char* PhaseProfile::name(std::size_t phase) {
  return phase < kPhases ? phase_name(static_cast<Phase>(phase)) : "?";
}

namespace {

/// Runs a phase, adding its wall time to the profile's slot for it when there is a profile.
class PhaseRunner {
 public:
  explicit PhaseRunner(PhaseProfile* profile) : profile_(profile) {}
  template <class F>
  void operator()(Phase phase, F&& run) {
    if (!profile_) {
      run();
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    run();
    const auto elapsed = std::chrono::steady_clock::now() - start;
    profile_->seconds[static_cast<std::size_t>(phase)] +=
        std::chrono::duration<double>(elapsed).count();
  }
  /// Runs `side` (part of phase `side_phase`) and `main` (phases timed by this runner) as two
  /// parallel tasks. The pair's wall time beyond what main's phases took counts to side_phase.
  template <class Side, class Main>
  void beside(Phase side_phase, Side&& side, Main&& main) {
    if (!profile_) {
      tbb::parallel_invoke(side, main);
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    double main_seconds = 0;
    for (double s : profile_->seconds) main_seconds -= s;
    tbb::parallel_invoke(side, main);
    for (double s : profile_->seconds) main_seconds += s;
    const auto elapsed = std::chrono::steady_clock::now() - start;
    profile_->seconds[static_cast<std::size_t>(side_phase)] +=
        std::chrono::duration<double>(elapsed).count() - main_seconds;
  }

 private:
  PhaseProfile* profile_;
};

}  // namespace

void step(Model& m, std::span<const ParamChange> commands) {
  sim::World& w = m.world;
  const ModelParams& p = m.params;  // apply_policy_changes updates it in place
  const bool first_quarter = sim::is_planning_tick(w.tick);
  const bool last_quarter = sim::is_planning_tick(w.tick + 1);
  PhaseRunner run(m.profile.get());
  run(Phase::BeginTick, [&] { begin_tick(w); });
  run(Phase::Policy, [&] { apply_policy_changes(m, commands); });
  if (first_quarter) run(Phase::Plan, [&] { plan_governments(w, p, m.external); });
  if (first_quarter) run(Phase::Invest, [&] { decide_investment(w, p); });
  run(Phase::Capacity, [&] { commission_and_depreciate(w, p); });
  run(Phase::Market, [&] { clear_markets(w, p, *m.solver); });
  // The knowledge phase's spillovers run beside the accounts, exit and budgets, its learning
  // beside GDP: neither part reads what the phases beside it write, nor writes what they read
  // (phases.h), so the state is that of the phases one after another, and the serial parts of
  // one keep the other thread busy.
  run.beside(
      Phase::Knowledge, [&] { update_spillovers(w, p); },
      [&] {
        run(Phase::Accounts, [&] { settle_accounts(w, p); });
        run(Phase::Exit, [&] { resolve_distress(w, p, m.external); });
        run(Phase::Budgets, [&] { settle_budgets(w, p); });
      });
  run.beside(
      Phase::Knowledge, [&] { update_learning(w, p); },
      [&] { run(Phase::Gdp, [&] { update_gdp(w, p); }); });
  run(Phase::Metrics, [&] { record_metrics(w, p, m.metrics); });
  if (last_quarter) run(Phase::Promotion, [&] { evaluate_officials(w, p); });
  if (last_quarter) run(Phase::CityYear, [&] { record_city_year(w, p, m.metrics); });
  if (last_quarter) run(Phase::EndYear, [&] { end_year(w); });
  ++w.tick;
}

}  // namespace regsim::agents
