// GDP phase: city GDP (base economy, value added, capex spent), jobs, pollution, GDP shares.
#include <tbb/parallel_invoke.h>

#include "agents/phases/phases.h"

namespace regsim::agents {

void update_gdp(sim::World& w, const ModelParams& p) {
  auto& c = w.cities;
  const std::size_t n = w.num_cities();
  std::vector<double> value_added(n, 0.0), jobs(n, 0.0), pollution(n, 0.0);
  // Three independent sums over firms in firm order, run as parallel tasks (same bits).
  const auto& fm = w.firms;
  auto sum_by_city = [&](std::vector<double>& out, double sim::TrackParams::*coef,
                         const std::vector<double>& x) {
    for (std::size_t f = 0; f < fm.size(); ++f)
      out[fm.city[f].index()] += p.tracks[fm.track[f].index()].*coef * x[f];
  };
  tbb::parallel_invoke(
      [&] { sum_by_city(value_added, &sim::TrackParams::value_added, fm.revenue); },
      [&] { sum_by_city(jobs, &sim::TrackParams::jobs, fm.capacity); },
      [&] { sum_by_city(pollution, &sim::TrackParams::pollution, fm.output); });
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    c.base_gdp[i] *= 1.0 + p.world.base_growth;
    c.gdp[i] = c.base_gdp[i] + value_added[i] + c.capex_tick[i];
    c.gdp_year[i] += c.gdp[i];
    c.jobs[i] = jobs[i];
    c.pollution_tick[i] = pollution[i];
    c.pollution_year[i] += pollution[i];
    total += c.gdp[i];
  }
  for (std::size_t i = 0; i < n; ++i) c.gdp_share[i] = total > 0 ? c.gdp[i] / total : 0.0;
}

}  // namespace regsim::agents
