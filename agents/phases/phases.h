// The phase functions of one tick (MODEL.md section 3), one file each in agents/phases/.
#pragma once

#include <span>
#include <vector>

#include "agents/model.h"
#include "agents/phases/phase.h"

namespace regsim::agents {

void begin_tick(sim::World& w);                                              // BeginTick
void apply_policy_changes(Model& m, std::span<const ParamChange> commands);  // Policy
void plan_governments(sim::World& w, const ModelParams& p,
                      const ExternalDecisions& external);             // Plan
void decide_investment(sim::World& w, const ModelParams& p);          // Invest
void commission_and_depreciate(sim::World& w, const ModelParams& p);  // Capacity
void clear_markets(sim::World& w, const ModelParams& p, const sim::MarketSolver& solver);  // Market
void settle_accounts(sim::World& w, const ModelParams& p);  // Accounts
void resolve_distress(sim::World& w, const ModelParams& p,
                      const ExternalDecisions& external);    // Exit
void settle_budgets(sim::World& w, const ModelParams& p);    // Budgets
void update_knowledge(sim::World& w, const ModelParams& p);  // Knowledge
/// The knowledge phase in two parts (update_knowledge runs both). The spillovers read the
/// market's outputs, the cells' last entry and ln A_ik, and write only ln A_ik; the learning (the
/// learning curves and the firms' efficiency draws) reads the tracks' output and the firms'
/// efficiency and writes the tracks' cost curves and the firms' efficiency. step() runs the
/// spillovers beside the accounts, exit and budgets, and the learning beside GDP: neither reads
/// what the phases beside it write, nor writes what they read.
void update_spillovers(sim::World& w, const ModelParams& p);
void update_learning(sim::World& w, const ModelParams& p);
void update_gdp(sim::World& w, const ModelParams& p);                            // Gdp
void record_metrics(const sim::World& w, const ModelParams& p, Metrics& out);    // Metrics
void evaluate_officials(sim::World& w, const ModelParams& p);                    // Promotion
void record_city_year(const sim::World& w, const ModelParams& p, Metrics& out);  // CityYear
void end_year(sim::World& w);                                                    // EndYear

/// An investment round's expected private entry at this state, per track: the Poisson means of
/// local and mobile entry as decide_investment draws them (entry_scale included), the entrant
/// plant K0_k, and the entrant plants D^e_k / K0_k the track's expected national demand holds
/// (what entry_scale = market divides by firms.entry_reference_plants). Guidance-fund entry
/// (budget-capped) is not counted. Marks closed clusters in `w` as the round would.
struct ExpectedEntry {
  std::vector<double> entrants;       ///< expected local + mobile entrants
  std::vector<double> plant;          ///< K0_k(t)
  std::vector<double> market_plants;  ///< D^e_k / K0_k(t)
};
ExpectedEntry expected_entry(sim::World& w, const ModelParams& p);

/// Capacity per track that the private entrants of an investment round at this state would order
/// in expectation: the Poisson means of local and mobile entry (as decide_investment draws them)
/// times the entrant plant. Guidance-fund entry (budget-capped) is not counted. Marks closed
/// clusters in `w` as the round would.
std::vector<double> expected_entry_capacity(sim::World& w, const ModelParams& p);

/// Recomputes the spillover weights W if kappa_K changed (after policy changes; at world build).
void refresh_spillover_weights(sim::World& w, const ModelParams& p);

}  // namespace regsim::agents
