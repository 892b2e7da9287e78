// Per-track calibration columns on a tiny world: cash cost of producing firms (mean and
// marginal) and the loss-making shares.
#include <gtest/gtest.h>

#include "agents/phases/phases.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

TEST(TrackMetrics, CashCostsAndLossSharesHandWorked) {
  Model m = testing::tiny_model();
  sim::World& w = m.world;
  // Three producing firms (costs 0.6, 0.7, 0.9 with outputs 10, 5, 5), one idle plant with the
  // highest cost, and one firm still building (no capacity).
  const double cost[] = {0.6, 0.7, 0.9, 1.2, 0.5};
  const double output[] = {10.0, 5.0, 5.0, 0.0, 0.0};
  const double capacity[] = {10.0, 8.0, 5.0, 6.0, 0.0};
  const double profit[] = {1.0, -0.5, -0.2, -0.3, -0.1};
  for (int j = 0; j < 5; ++j) {
    const std::size_t f = testing::add_tiny_firm(w, j % 2, capacity[j], 1.0, 0.0);
    w.firms.unit_cost[f] = cost[j];
    w.firms.output[f] = output[j];
    w.firms.profit[f] = profit[j];
  }
  Metrics out;
  record_metrics(w, m.params, out);
  const TrackMetrics& t = out.tracks[0];
  // avc (market wiring): output-weighted mean over producers: (10 * 0.6 + 5 * 0.7 + 5 * 0.9) / 20 =
  // 0.7.
  EXPECT_DOUBLE_EQ(t.avc, 0.7);
  // The dearest firm that produces (the idle one does not count).
  EXPECT_DOUBLE_EQ(t.cash_cost_marginal, 0.9);
  // loss_share counts every firm, the builder included: 4 of 5; loss_share_active only firms
  // with active capacity: 3 of 4.
  EXPECT_DOUBLE_EQ(t.loss_share, 0.8);
  EXPECT_DOUBLE_EQ(t.loss_share_active, 0.75);
}

}  // namespace
}  // namespace regsim::agents
