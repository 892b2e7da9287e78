// Capacity phase: ready orders start producing, the rest spend capex; capacity depreciates.
#include <algorithm>

#include <tbb/parallel_for.h>

#include "agents/phases/phases.h"

namespace regsim::agents {

using sim::TrackIndex;

void commission_and_depreciate(sim::World& w, const ModelParams& p) {
  auto& f = w.firms;
  // Firm positions of the orders, looked up in parallel (scattered loads); the orders are then
  // applied in order, so every sum is the same as in one sequential pass.
  const std::size_t orders = w.pipeline.size();
  std::vector<std::int32_t> pos(orders);
  std::vector<TrackIndex> kept_track(orders);
  tbb::parallel_for(std::size_t{0}, orders,
                    [&](std::size_t e) { pos[e] = f.index_of[w.pipeline[e].firm]; });
  std::size_t keep = 0;
  for (std::size_t e = 0; e < orders; ++e) {
    const sim::PipelineEntry entry = w.pipeline[e];
    const std::int32_t idx = pos[e];
    if (idx < 0) continue;  // the firm exited: its order is cancelled
    const auto fi = static_cast<std::size_t>(idx);
    const TrackIndex k = f.track[fi];
    if (entry.ready <= w.tick) {
      f.capacity[fi] += entry.amount;
      f.pipeline[fi] -= entry.amount;
      continue;
    }
    // Capex is spent evenly over the construction lag, and counts in local GDP as it is spent.
    const double per_tick = entry.amount * entry.unit_capex / p.tracks[k].lag;
    w.cities.capex_tick[f.city[fi]] += per_tick;
    kept_track[keep] = k;
    w.pipeline[keep++] = entry;
  }
  w.pipeline.resize(keep);
  tbb::parallel_for(std::size_t{0}, f.size(), [&](std::size_t i) {
    f.capacity[i] *= 1.0 - p.tracks[f.track[i]].depreciation;
  });
  std::fill(w.tracks.pipeline.begin(), w.tracks.pipeline.end(), 0.0);
  for (std::size_t e = 0; e < keep; ++e) w.tracks.pipeline[kept_track[e]] += w.pipeline[e].amount;
}

}  // namespace regsim::agents
