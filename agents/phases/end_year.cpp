// End-of-year phase: annual accumulators roll over into last year's values and start again.
#include "agents/phases/phases.h"

namespace regsim::agents {

void end_year(sim::World& w) {
  auto& t = w.tracks;
  for (std::size_t k = 0; k < w.num_tracks(); ++k) {
    t.price_last_year[k] = t.price_year_sum[k] / sim::kTicksPerYear;
    t.demand_prev_year[k] = t.demand_last_year[k];
    t.demand_last_year[k] = t.demand_year_sum[k] / sim::kTicksPerYear;
    t.price_year_sum[k] = t.demand_year_sum[k] = 0.0;
  }
  auto& c = w.cities;
  for (std::size_t i = 0; i < w.num_cities(); ++i) {
    c.gdp_prev_year[i] = c.gdp_last_year[i];
    c.gdp_last_year[i] = c.gdp_year[i];
    c.gdp_year[i] = 0.0;
    c.subsidies_year[i] = 0.0;
    c.entries_year[i] = 0;
    c.mobile_entries_year[i] = 0;
    c.pollution_year[i] = 0.0;
  }
  c.log_knowledge_year_start = c.log_knowledge;
}

}  // namespace regsim::agents
