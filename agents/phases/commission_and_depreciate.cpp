// Capacity phase: ready orders start producing, the rest spend capex; capacity depreciates.
#include <algorithm>

#include <tbb/parallel_for.h>

#include "agents/phases/phases.h"

namespace regsim::agents {

void commission_and_depreciate(sim::World& w, const ModelParams& p) {
  auto& f = w.firms;
  auto& o = w.orders;
  // Firm positions of the orders, looked up in parallel (scattered loads); the orders are then
  // applied in order, so every sum is the same as in one sequential pass.
  const std::size_t orders = o.size();
  std::vector<std::int32_t> pos(orders);
  tbb::parallel_for(std::size_t{0}, orders,
                    [&](std::size_t e) { pos[e] = f.index_of[o.firm[e].index()]; });
  std::vector<std::uint32_t> kept;  // orders still under construction
  std::vector<std::size_t> kept_track;
  for (std::size_t e = 0; e < orders; ++e) {
    const std::int32_t idx = pos[e];
    if (idx < 0) continue;  // the firm exited: its order is cancelled
    const auto fi = static_cast<std::size_t>(idx);
    const std::size_t k = f.track[fi].index();
    if (o.ready[e] <= w.tick) {
      f.capacity[fi] += o.amount[e];
      f.pipeline[fi] -= o.amount[e];
      continue;
    }
    // Capex is spent evenly over the construction lag, and counts in local GDP as it is spent.
    const double per_tick = o.amount[e] * o.unit_capex[e] / p.tracks[k].lag;
    w.cities.capex_tick[f.city[fi].index()] += per_tick;
    kept.push_back(static_cast<std::uint32_t>(e));
    kept_track.push_back(k);
  }
  sim::keep_rows(o, sim::Extent::Order, kept);
  tbb::parallel_for(std::size_t{0}, f.size(), [&](std::size_t i) {
    f.capacity[i] *= 1.0 - p.tracks[f.track[i].index()].depreciation;
  });
  std::fill(w.tracks.pipeline.begin(), w.tracks.pipeline.end(), 0.0);
  for (std::size_t e = 0; e < kept.size(); ++e) w.tracks.pipeline[kept_track[e]] += o.amount[e];
}

}  // namespace regsim::agents
