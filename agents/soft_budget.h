// Soft budgets of firms (docs/model.md, "Soft budgets"): who counts on the local state, and how the
// market phase turns that into a lower reservation price and a must-run quantity.
#pragma once

#include <algorithm>
#include <cstddef>

#include "agents/economics.h"
#include "agents/model.h"
#include "agents/model_params.h"
#include "sim/world.h"

namespace regsim::agents {

/// Probability that firm f's city bails it out if it is distressed now (docs/model.md 5.7):
/// the city's pressure, the firm's share of the city's track jobs and the city's debt room; a
/// city held from outside (classroom) bails out as far as its debt room allows, or not at all.
double firm_bailout_probability(const sim::World& w, const ModelParams& p,
                                const ExternalDecisions& external, std::size_t f);

/// Sets Firms::soft_budget of every firm from its zombie status, its city's bailout probability
/// and its state link (policies::soft_budget_strength); all zero when exit.soft_budgets and
/// government.guidance_funds are both off. Run at
/// the end of the exit phase: the values are those the next quarter's market reads.
void update_soft_budgets(sim::World& w, const ModelParams& p,
                         const ExternalDecisions& external = {});

/// Per unit of capacity, how far below c_f - sq_f firm f is willing to sell:
/// z_f (F_f + r max(0, D_f)) / K_f, the fixed cost and interest it expects the state to cover
/// (0 without active capacity or soft budget). The market phase subtracts it from the offer's
/// reservation price.
/// Inline: the market phase calls it once per firm per tick.
inline double soft_budget_reservation_cut(const sim::World& w, const ModelParams& p,
                                          std::size_t f) {
  const auto& fm = w.firms;
  const double z = fm.soft_budget[f], k = fm.capacity[f];
  if (!(z > 0.0) || !(k > 0.0)) return 0.0;
  const auto t = fm.track[f];
  const double fixed = p.tracks[t.index()].fixed_cost * current_capex(w, p, t) * k;
  const double interest = p.firms.interest * std::max(0.0, fm.debt[f]);
  return z * (fixed + interest) / k;
}

/// Output firm f is mandated to produce at any price: exit.must_run * z_f * K_f.
double soft_budget_must_run(const sim::World& w, const ModelParams& p, std::size_t f);

}  // namespace regsim::agents
