// Market conduct "cournot" wired into the market and accounts phases: hand-worked cases in a
// two-city world, the price-war signal, schedules and determinism across thread counts.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <string>
#include <vector>

#include "agents/economics.h"
#include "agents/model.h"
#include "agents/phases/phases.h"
#include "sim/market.h"
#include "support/test_world.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

using testing::add_plant;
using testing::integrated_model;

double total_demand(const sim::World& w) {
  return w.tracks.demand[0];
}

// Two identical firms, no utilisation cost, no war: Cournot-Nash in one market,
// P = c n eta / (n eta - theta) = 0.75 * 3 / (3 - 1) = 1.125 with c = 0.75 (pv's c0), eta 1.5.
TEST(MarketConduct, TwoFirmCournotThroughTheMarketPhase) {
  Model m = integrated_model(
      {"market.conduct=cournot", "market.util_cost=0", "market.war_utilisation=0"});
  sim::World& w = m.world;
  const std::size_t a = add_plant(w, 0, 1000.0, 0.0);
  const std::size_t b = add_plant(w, 1, 1000.0, 0.0);
  clear_markets(w, m.params, *m.solver);
  EXPECT_DOUBLE_EQ(w.firms.unit_cost[a], 0.75);
  EXPECT_NEAR(w.tracks.export_price[0], 1.125, 1e-12);
  EXPECT_NEAR(w.city_price[0], 1.125, 1e-12);
  EXPECT_NEAR(w.city_price[1], 1.125, 1e-12);
  // Symmetric firms split the market; demand is the life cycle's at the Cournot price.
  const double demand = life_cycle_demand(m.params.tracks[0], w.tick) * std::pow(1.125, -1.5);
  EXPECT_NEAR(total_demand(w), demand, 1e-9 * demand);
  EXPECT_NEAR(w.firms.output[a], demand / 2, 1e-9 * demand);
  EXPECT_NEAR(w.firms.output[b], demand / 2, 1e-9 * demand);
  EXPECT_EQ(w.tracks.war_intensity[0], 0.0);
  EXPECT_EQ(w.tracks.conduct[0], 1.0);
  // The smoothed utilisation starts at the first CU seen (it was -1, unknown, before).
  EXPECT_NEAR(w.tracks.war_signal[0], demand / 2000.0, 1e-12);
}

// The same market under competitive conduct: price at cost (unlimited capacity), no markup.
TEST(MarketConduct, CompetitiveConductPricesAtCost) {
  Model m = integrated_model({});
  sim::World& w = m.world;
  add_plant(w, 0, 1000.0, 0.0);
  add_plant(w, 1, 1000.0, 0.0);
  clear_markets(w, m.params, *m.solver);
  EXPECT_DOUBLE_EQ(w.tracks.export_price[0], 0.75);
  EXPECT_EQ(w.tracks.war_intensity[0], 0.0);
  EXPECT_EQ(w.tracks.conduct[0], 0.0);
}

// With a utilisation cost, each firm's first-order condition p (1 - s / eta) = c + omega u^2
// holds at the clearing (omega = util_cost * c), and its accounts charge omega K u^3 / 3.
TEST(MarketConduct, UtilisationCostInOutputsAndAccounts) {
  Model m = integrated_model(
      {"market.conduct=cournot", "market.util_cost=0.4", "market.war_utilisation=0"});
  sim::World& w = m.world;
  const std::size_t a = add_plant(w, 0, 60.0, 30.0);
  const std::size_t b = add_plant(w, 1, 90.0, 0.0);
  clear_markets(w, m.params, *m.solver);
  const double p = w.tracks.export_price[0], q = w.tracks.output[0];
  const double omega = 0.4 * 0.75;
  for (const std::size_t f : {a, b}) {
    const double u = w.firms.output[f] / w.firms.capacity[f];
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    const double s = w.firms.output[f] / q;
    EXPECT_NEAR(p * (1.0 - s / 1.5), 0.75 + omega * u * u, 1e-9) << "firm " << f;
    EXPECT_NEAR(utilisation_cost(w, m.params, f), omega * w.firms.capacity[f] * u * u * u / 3.0,
                1e-12);
  }
  // The bigger plant runs at lower utilisation but sells more.
  EXPECT_GT(w.firms.output[b], w.firms.output[a]);
  EXPECT_LT(w.firms.output[b] / 90.0, w.firms.output[a] / 60.0);

  settle_accounts(w, m.params);
  const auto& tp = m.params.tracks[0];
  const double fixed = tp.fixed_cost * w.tracks.capex[0] * 60.0;
  const double util = omega * 60.0 * std::pow(w.firms.output[a] / 60.0, 3) / 3.0;
  const double operating = w.firms.revenue[a] - 0.75 * w.firms.output[a] - util - fixed;
  const double pre_tax =
      operating - m.params.firms.interest * 30.0 - tp.depreciation * 120.0;  // book 120
  const double profit = pre_tax - m.params.firms.profit_tax * std::max(0.0, pre_tax);
  EXPECT_NEAR(w.firms.profit[a], profit, 1e-12);
}

// The war signal below war_utilisation sets the intensity w = (u_war - s) / width, conduct
// theta (1 - w), and is then smoothed with this clearing's CU.
TEST(MarketConduct, PriceWarFromTheSmoothedSignal) {
  Model m = integrated_model({"market.conduct=cournot", "market.util_cost=0.4",
                              "market.war_utilisation=0.75", "market.war_width=0.1",
                              "market.war_smoothing=0.25"});
  sim::World& w = m.world;
  add_plant(w, 0, 200.0, 0.0);
  add_plant(w, 1, 200.0, 0.0);
  w.tracks.war_signal[0] = 0.7;
  clear_markets(w, m.params, *m.solver);
  EXPECT_NEAR(w.tracks.war_intensity[0], 0.5, 1e-15);
  EXPECT_NEAR(w.tracks.conduct[0], 0.5, 1e-15);
  const double cu = w.tracks.output[0] / w.tracks.capacity[0];
  EXPECT_NEAR(w.tracks.war_signal[0], 0.75 * 0.7 + 0.25 * cu, 1e-15);

  // The war lowers the price below the one of the same market at peace.
  Model peace = integrated_model(
      {"market.conduct=cournot", "market.util_cost=0.4", "market.war_utilisation=0"});
  add_plant(peace.world, 0, 200.0, 0.0);
  add_plant(peace.world, 1, 200.0, 0.0);
  clear_markets(peace.world, peace.params, *peace.solver);
  EXPECT_LT(w.tracks.export_price[0], peace.world.tracks.export_price[0]);
  EXPECT_GT(w.tracks.output[0], peace.world.tracks.output[0]);
}

// A scheduled change of a conduct number rebuilds the solver: theta = 0 is price taking.
TEST(MarketConduct, ScheduledConductChangeRebuildsTheSolver) {
  Model m = integrated_model({"market.conduct=cournot", "market.war_utilisation=0"});
  add_plant(m.world, 0, 1000.0, 0.0);
  add_plant(m.world, 1, 1000.0, 0.0);
  step(m);
  EXPECT_EQ(m.world.tracks.conduct[0], 1.0);
  const ParamChange change{m.world.tick, "market.theta", sim::ScalarValue(0.0)};
  step(m, std::span<const ParamChange>(&change, 1));
  EXPECT_EQ(m.world.tracks.conduct[0], 0.0);
  ASSERT_EQ(m.applied.size(), 1u);
}

TEST(MarketConduct, UnknownConductIsRefused) {
  sim::MarketParams market;
  market.conduct = "bertrand";
  EXPECT_THROW(make_solver(market), std::runtime_error);
}

TEST(MarketConduct, SameStateForEveryThreadCount) {
  const auto config =
      testing::small_config({"market.conduct=cournot", "market.war_utilisation=0.85"});
  std::uint64_t first = 0;
  for (int threads : {1, 2, 3}) {
    tbb::task_arena arena(threads);
    const std::uint64_t hash = arena.execute([&] {
      Model m = make_model(config);
      while (!m.finished()) step(m);
      return hash_state(m.world);
    });
    if (threads == 1) first = hash;
    EXPECT_EQ(hash, first) << threads << " threads";
  }
}

}  // namespace
}  // namespace regsim::agents
