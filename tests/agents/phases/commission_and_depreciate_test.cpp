// Capacity phase on a tiny world: ready orders become capacity, others spend capex, capacity
// depreciates, orders of exited firms are cancelled.
#include <gtest/gtest.h>

#include "agents/phases/phases.h"
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

}  // namespace
}  // namespace regsim::agents
