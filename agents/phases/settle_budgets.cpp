// Budgets phase: city revenue, spending and debt; subsidies paid this tick and this year.
#include <algorithm>

#include "agents/phases/phases.h"

namespace regsim::agents {

void settle_budgets(sim::World& w, const ModelParams& p) {
  auto& c = w.cities;
  for (std::size_t i = 0; i < w.num_cities(); ++i) {
    c.revenue_tick[i] = p.budget.tax_rate * c.gdp[i];
    c.spending_tick[i] = p.budget.baseline_spending * c.gdp[i] + c.subsidies_tick[i] +
                         c.bailouts_tick[i] + c.retraining_tick[i] + c.fund_tick[i];
    c.debt[i] +=
        c.spending_tick[i] - c.revenue_tick[i] + p.budget.interest * std::max(0.0, c.debt[i]);
    c.subsidies_year[i] += c.subsidies_tick[i];
    w.flows.subsidies_paid += c.subsidies_tick[i];
  }
}

}  // namespace regsim::agents
