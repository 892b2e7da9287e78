// Capacity phase: ready orders start producing, the rest spend capex; capacity depreciates.
#include <algorithm>
#include <memory>

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include "agents/phases/phases.h"

namespace regsim::agents {

namespace {

/// What happens to an order this tick.
enum class Fate : std::uint8_t { Cancelled, Ready, Building };

}  // namespace

void commission_and_depreciate(sim::World& w, const ModelParams& p) {
  auto& f = w.firms;
  auto& o = w.orders;
  // Each order's firm, fate and capex spent this tick, in parallel (scattered loads); the sums
  // over orders then run in order of the orders, each on its own, so every sum is the same as
  // in one sequential pass.
  const std::size_t orders = o.size();
  // Written before read (fate for every order, the rest where fate says), so not zeroed.
  const auto pos = std::make_unique_for_overwrite<std::int32_t[]>(orders);
  const auto fate = std::make_unique_for_overwrite<Fate[]>(orders);
  const auto spend = std::make_unique_for_overwrite<double[]>(orders);  // capex spent this tick
  const auto city = std::make_unique_for_overwrite<std::uint32_t[]>(orders);
  const auto track = std::make_unique_for_overwrite<std::uint32_t[]>(orders);
  tbb::parallel_for(std::size_t{0}, orders, [&](std::size_t e) {
    const std::int32_t idx = f.index_of[o.firm[e].index()];
    pos[e] = idx;
    if (idx < 0) {  // the firm exited: its order is cancelled
      fate[e] = Fate::Cancelled;
      return;
    }
    const auto fi = static_cast<std::size_t>(idx);
    const std::size_t k = f.track[fi].index();
    if (o.ready[e] <= w.tick) {
      fate[e] = Fate::Ready;
      return;
    }
    fate[e] = Fate::Building;
    // Capex is spent evenly over the construction lag, and counts in local GDP as it is spent.
    spend[e] = o.amount[e] * o.unit_capex[e] / p.tracks[k].lag;
    city[e] = static_cast<std::uint32_t>(f.city[fi].index());
    track[e] = static_cast<std::uint32_t>(k);
  });
  std::vector<std::uint32_t> kept;  // orders still under construction
  kept.reserve(orders);
  for (std::size_t e = 0; e < orders; ++e) {
    if (fate[e] == Fate::Building) {
      kept.push_back(static_cast<std::uint32_t>(e));
    } else if (fate[e] == Fate::Ready) {
      const auto fi = static_cast<std::size_t>(pos[e]);
      f.capacity[fi] += o.amount[e];
      f.pipeline[fi] -= o.amount[e];
    }
  }
  tbb::parallel_invoke(
      [&] {
        for (const std::uint32_t e : kept) w.cities.capex_tick[city[e]] += spend[e];
      },
      [&] {
        std::fill(w.tracks.pipeline.begin(), w.tracks.pipeline.end(), 0.0);
        for (const std::uint32_t e : kept) w.tracks.pipeline[track[e]] += o.amount[e];
      },
      [&] {
        tbb::parallel_for(std::size_t{0}, f.size(), [&](std::size_t i) {
          f.capacity[i] *= 1.0 - p.tracks[f.track[i].index()].depreciation;
        });
      });
  sim::keep_rows(o, sim::Extent::Order, kept);
}

}  // namespace regsim::agents
