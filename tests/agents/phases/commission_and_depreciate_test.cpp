// Capacity phase on a tiny world: ready orders become capacity, others spend capex, capacity
// depreciates, orders of exited firms are cancelled.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include "agents/phases/phases.h"
#include "sim/random.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

TEST(CommissionAndDepreciate, ReadyOrdersProduceOthersSpendCapex) {
  testing::TinyWorld t = testing::tiny_world({{}, {}});
  sim::World& w = t.world;
  ModelParams& p = t.params;
  p.tracks[0].depreciation = 0.02;
  p.tracks[0].lag = 4;
  w.tick = 5;
  const std::size_t f = t.add_firm(1, 0, 100.0, 300.0, 0.0);
  w.firms.pipeline[f] = 30.0;
  sim::add_order(w.orders, w.firms.id[f], 5, 10.0, 3.0);  // ready now
  sim::add_order(w.orders, w.firms.id[f], 7, 20.0, 2.5);  // ready in two quarters
  commission_and_depreciate(w, p);
  // (100 + 10) * (1 - 0.02) = 107.8; 20 still on order.
  EXPECT_DOUBLE_EQ(w.firms.capacity[f], 107.8);
  EXPECT_DOUBLE_EQ(w.firms.pipeline[f], 20.0);
  ASSERT_EQ(w.orders.size(), 1u);
  EXPECT_EQ(w.orders.amount[0], 20.0);
  EXPECT_DOUBLE_EQ(w.tracks.pipeline[0], 20.0);
  // Capex spent evenly over the lag, in the firm's city: 20 * 2.5 / 4 = 12.5.
  EXPECT_DOUBLE_EQ(w.cities.capex_tick[1], 12.5);
  EXPECT_EQ(w.cities.capex_tick[0], 0.0);
}

TEST(CommissionAndDepreciate, OrdersOfExitedFirmsAreCancelled) {
  testing::TinyWorld t = testing::tiny_world({{}});
  sim::World& w = t.world;
  w.tick = 1;
  const std::size_t gone = t.add_firm(0, 0, 50.0, 150.0, 0.0);
  const std::size_t kept = t.add_firm(0, 0, 50.0, 150.0, 0.0);
  const sim::FirmId gone_id = w.firms.id[gone], kept_id = w.firms.id[kept];
  sim::add_order(w.orders, gone_id, 3, 10.0, 3.0);
  sim::add_order(w.orders, kept_id, 3, 8.0, 3.0);
  std::vector<std::uint8_t> dead = {1, 0};
  sim::compact_firms(w, dead);
  commission_and_depreciate(w, t.params);
  ASSERT_EQ(w.orders.size(), 1u);
  EXPECT_EQ(w.orders.firm[0], kept_id);
  EXPECT_DOUBLE_EQ(w.tracks.pipeline[0], 8.0);
}

// Many orders of many firms in several cities and tracks, some ready, some of exited firms: the
// capacity, the pipelines and the capex of each city are the sums of one pass over the orders in
// their order, bit for bit, on one thread and on two.
TEST(CommissionAndDepreciate, SumsFollowTheOrdersBitForBit) {
  for (const int threads : {1, 2}) {
    testing::TinyWorld t = testing::tiny_world({{}, {}, {}, {}, {}}, 3);
    sim::World& w = t.world;
    ModelParams& p = t.params;
    for (std::size_t k = 0; k < 3; ++k) {
      p.tracks[k].depreciation = 0.01 * static_cast<double>(k + 1);
      p.tracks[k].lag = 3 + static_cast<int>(k);
    }
    w.tick = 10;
    sim::Stream s(sim::StreamKey{5, 0, 0, 0, sim::Purpose::Test});
    std::vector<std::uint8_t> dead;
    for (int i = 0; i < 3000; ++i) {
      const std::size_t f =
          t.add_firm(static_cast<std::size_t>(i % 5), static_cast<std::size_t>(i / 7 % 3),
                     1.0 + sim::uniform01(s), 3.0, 0.0);
      w.firms.pipeline[f] = 10.0 * sim::uniform01(s);
      dead.push_back(i % 11 == 0 ? 1 : 0);
    }
    for (int e = 0; e < 20000; ++e) {
      const auto f = static_cast<std::size_t>(sim::uniform01(s) * 3000.0);
      sim::add_order(w.orders, w.firms.id[f], 10 + static_cast<sim::Tick>(sim::uniform01(s) * 3),
                     sim::uniform01(s), 1.0 + sim::uniform01(s));
    }
    sim::compact_firms(w, dead);
    // The expected values: the phase as one sequential pass.
    sim::World x = w;
    std::vector<double> pipeline(3, 0.0);
    std::vector<double> capex(5, 0.0);
    for (std::size_t e = 0; e < x.orders.size(); ++e) {
      const std::int32_t idx = x.firms.index_of[x.orders.firm[e].index()];
      if (idx < 0) continue;
      const auto fi = static_cast<std::size_t>(idx);
      const std::size_t k = x.firms.track[fi].index();
      if (x.orders.ready[e] <= x.tick) {
        x.firms.capacity[fi] += x.orders.amount[e];
        x.firms.pipeline[fi] -= x.orders.amount[e];
        continue;
      }
      capex[x.firms.city[fi].index()] +=
          x.orders.amount[e] * x.orders.unit_capex[e] / p.tracks[k].lag;
      pipeline[k] += x.orders.amount[e];
    }
    for (std::size_t i = 0; i < x.firms.size(); ++i)
      x.firms.capacity[i] *= 1.0 - p.tracks[x.firms.track[i].index()].depreciation;
    tbb::task_arena(threads).execute([&] { commission_and_depreciate(w, p); });
    ASSERT_EQ(w.firms.size(), x.firms.size());
    for (std::size_t i = 0; i < w.firms.size(); ++i) {
      ASSERT_EQ(w.firms.capacity[i], x.firms.capacity[i]) << "firm " << i;
      ASSERT_EQ(w.firms.pipeline[i], x.firms.pipeline[i]) << "firm " << i;
    }
    for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(w.tracks.pipeline[k], pipeline[k]) << k;
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(w.cities.capex_tick[i], capex[i]) << i;
    for (std::size_t e = 0; e < w.orders.size(); ++e) EXPECT_GT(w.orders.ready[e], w.tick);
  }
}

}  // namespace
}  // namespace regsim::agents
