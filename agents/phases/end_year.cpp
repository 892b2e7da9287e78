// End-of-year phase: the year's sums become last year's values, then every year accumulator
// (Lifetime::Year) starts again from zero.
#include "agents/phases/phases.h"

namespace regsim::agents {

void end_year(sim::World& w) {
  auto& t = w.tracks;
  for (std::size_t k = 0; k < w.num_tracks(); ++k) {
    t.price_last_year[k] = t.price_year_sum[k] / sim::kTicksPerYear;
    t.demand_prev_year[k] = t.demand_last_year[k];
    t.demand_last_year[k] = t.demand_year_sum[k] / sim::kTicksPerYear;
  }
  auto& c = w.cities;
  for (std::size_t j = 0; j < c.mill_price_year_sum.size(); ++j)
    c.mill_price_last_year[j] = c.mill_price_year_sum[j] / sim::kTicksPerYear;
  for (std::size_t i = 0; i < w.num_cities(); ++i) {
    c.gdp_prev_year[i] = c.gdp_last_year[i];
    c.gdp_last_year[i] = c.gdp_year[i];
  }
  c.log_knowledge_year_start = c.log_knowledge;
  sim::zero_columns(w, sim::Lifetime::Year);
}

}  // namespace regsim::agents
