// The names of the phases of one tick, in the order step() runs them; also the profile index.
#pragma once

#include <cstddef>
#include <cstdint>

namespace regsim::agents {

/// One value per phase function called by step() (agents/step.cpp), in call order. The value is
/// the index of the phase's timer in PhaseProfile, so logs, timings and code use one list.
enum class Phase : std::uint8_t {
  BeginTick,  ///< begin_tick: tick flows reset
  Policy,     ///< apply_policy_changes: schedule and live commands
  Plan,       ///< plan_governments (first quarter of a year)
  Invest,     ///< decide_investment (first quarter of a year)
  Capacity,   ///< commission_and_depreciate
  Market,     ///< clear_markets
  Accounts,   ///< settle_accounts
  Exit,       ///< resolve_distress
  Budgets,    ///< settle_budgets
  Knowledge,  ///< update_knowledge
  Gdp,        ///< update_gdp
  Metrics,    ///< record_metrics
  Promotion,  ///< evaluate_officials (last quarter of a year)
  CityYear,   ///< record_city_year (last quarter of a year)
  EndYear,    ///< end_year (last quarter of a year)
};
inline constexpr std::size_t kPhaseCount = static_cast<std::size_t>(Phase::EndYear) + 1;

/// The phase as a profile label ("market clearing"); "?" for a value outside the enum.
const char* phase_name(Phase p);

}  // namespace regsim::agents
