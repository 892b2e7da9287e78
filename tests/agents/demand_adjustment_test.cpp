// Demand with partial adjustment (market.partial_adjustment): hand-worked cases in a two-city
// integrated world.
#include <gtest/gtest.h>

#include <cmath>

#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

using testing::add_plant;
using testing::integrated_model;

constexpr double kEta = 1.5, kShort = 0.4, kCost = 0.75;  // pv: long-run eta, eta_short, c0

// Plenty of capacity at cost 0.75: the price is 0.75 every quarter. Quarter by quarter, demand
// is A (pbar / pref)^-(eta - eta_short) (0.75 / pref)^-eta_short with pbar the smoothed price.
TEST(DemandAdjustment, LevelFollowsTheSmoothedPrice) {
  Model m = integrated_model({"market.partial_adjustment=true", "market.adjustment_speed=0.1"});
  sim::World& w = m.world;
  add_plant(w, 0, 1e6, 0.0);
  const double a = life_cycle_demand(m.params.tracks[0], w.tick);
  w.tracks.price_smoothed[0] = 1.0;  // as if the past price had been the reference price
  clear_markets(w, m.params, *m.solver);
  EXPECT_DOUBLE_EQ(w.tracks.export_price[0], kCost);
  EXPECT_NEAR(w.tracks.demand[0], a * std::pow(kCost, -kShort), 1e-12 * a);
  // pbar' = 1^0.9 0.75^0.1.
  const double pbar = std::pow(kCost, 0.1);
  EXPECT_NEAR(w.tracks.price_smoothed[0], pbar, 1e-15);
  clear_markets(w, m.params, *m.solver);
  EXPECT_NEAR(w.tracks.demand[0], a * std::pow(pbar, -(kEta - kShort)) * std::pow(kCost, -kShort),
              1e-12 * a);
  // In the long run the level has adjusted: demand is on the long-run curve A 0.75^-1.5.
  for (int q = 0; q < 400; ++q) clear_markets(w, m.params, *m.solver);
  EXPECT_NEAR(w.tracks.price_smoothed[0], kCost, 1e-12);
  EXPECT_NEAR(w.tracks.demand[0], a * std::pow(kCost, -kEta), 1e-9 * a);
}

// A binding capacity: the price clears the short-run curve, p = pref (K / level A)^(-1/eta_short),
// far above where the long-run curve would put it.
TEST(DemandAdjustment, ShortRunElasticityClearsAScarcity) {
  Model m = integrated_model({"market.partial_adjustment=true"});
  sim::World& w = m.world;
  const double a = life_cycle_demand(m.params.tracks[0], w.tick);
  add_plant(w, 0, 0.5 * a, 0.0);
  w.tracks.price_smoothed[0] = 1.0;
  clear_markets(w, m.params, *m.solver);
  EXPECT_NEAR(w.tracks.export_price[0], std::pow(0.5, -1.0 / kShort), 1e-12);
  EXPECT_NEAR(w.tracks.output[0], 0.5 * a, 1e-12 * a);

  Model constant = integrated_model({});
  add_plant(constant.world, 0, 0.5 * a, 0.0);
  clear_markets(constant.world, constant.params, *constant.solver);
  EXPECT_NEAR(constant.world.tracks.export_price[0], std::pow(0.5, -1.0 / kEta), 1e-12);
}

// Before any clearing the smoothed price is unknown (-1): the level is 1 (pbar = pref), and the
// first clearing's price index starts the smoothing.
TEST(DemandAdjustment, StartsFromTheFirstPrice) {
  Model m = integrated_model({"market.partial_adjustment=true"});
  // make_model's warm start cleared a market without firms: no trade, nothing smoothed.
  EXPECT_LT(m.world.tracks.price_smoothed[0], 0.0);
  add_plant(m.world, 0, 1e6, 0.0);
  clear_markets(m.world, m.params, *m.solver);
  EXPECT_DOUBLE_EQ(m.world.tracks.price_smoothed[0], kCost);
}

// Consumer surplus on the inelastic short-run curve, against the reference price pref = 1: in
// each city the integral of D from P = 0.75 to 1, D P ((pref / P)^(1 - eta_short) - 1) /
// (1 - eta_short), finite although the integral to infinity diverges for eta_short < 1. Above
// the reference price it is a loss (negative).
TEST(DemandAdjustment, ConsumerSurplusAgainstTheReferencePrice) {
  Model m = integrated_model({"market.partial_adjustment=true"});
  sim::World& w = m.world;
  add_plant(w, 0, 1e6, 0.0);
  w.tracks.price_smoothed[0] = 1.0;
  w.flows.consumer_surplus = 0.0;
  clear_markets(w, m.params, *m.solver);
  const double d = w.tracks.demand[0];
  const double expected = d * kCost * (std::pow(1.0 / kCost, 1.0 - kShort) - 1.0) / (1.0 - kShort);
  EXPECT_NEAR(w.flows.consumer_surplus, expected, 1e-12 * expected);
  EXPECT_GT(expected, 0.0);

  // Scarcity: capacity half the demand at the reference price puts P = 0.5^(-1/0.4) = 5.66.
  Model scarce = integrated_model({"market.partial_adjustment=true"});
  const double a = life_cycle_demand(scarce.params.tracks[0], scarce.world.tick);
  add_plant(scarce.world, 0, 0.5 * a, 0.0);
  scarce.world.tracks.price_smoothed[0] = 1.0;
  scarce.world.flows.consumer_surplus = 0.0;
  clear_markets(scarce.world, scarce.params, *scarce.solver);
  const double p = std::pow(0.5, -1.0 / kShort), q = 0.5 * a;
  const double loss = q * p * (std::pow(1.0 / p, 1.0 - kShort) - 1.0) / (1.0 - kShort);
  EXPECT_LT(loss, 0.0);
  EXPECT_NEAR(scarce.world.flows.consumer_surplus, loss, 1e-9 * std::abs(loss));
}

// Switch off: the solver sees the long-run elasticity and the smoothed price is only recorded.
TEST(DemandAdjustment, OffKeepsConstantElasticity) {
  Model m = integrated_model({});
  sim::World& w = m.world;
  add_plant(w, 0, 1e6, 0.0);
  w.tracks.price_smoothed[0] = 3.0;
  clear_markets(w, m.params, *m.solver);
  const double a = life_cycle_demand(m.params.tracks[0], w.tick);
  EXPECT_NEAR(w.tracks.demand[0], a * std::pow(kCost, -kEta), 1e-12 * a);
}

}  // namespace
}  // namespace regsim::agents
