// Who sets the world price (tracks.<name>.world_pricing, docs/model.md 4.4): the rest of the
// world's terms in the order book under "foreign_cost" and "china_price", and books in the
// "china_price" mode cleared by the competitive and the Cournot solver, against closed forms.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "sim/market.h"
#include "sim/market_books.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

/// Foreign terms: world price 1.3 c, trade cost 0.25, foreign demand x = 0.5 of A.
sim::TrackParams world_track(const std::string& pricing) {
  sim::TrackParams t;
  t.world_price = 1.3;
  t.trade_cost = 0.25;
  t.export_demand = 0.5;
  t.export_eta = 3.0;
  t.foreign_tariff = 0.0;
  t.world_pricing = pricing;
  return t;
}

// c = 2, A = 10, L = 0.8, pref 1, home elasticity 2, a tariff of 0.2 (wedge 1.25 x 1.2 = 1.5).
// foreign_cost: parity 2.6 / 1.5, X = 5 (P / parity)^-3 (the level L is not read).
// china_price: X = 0.5 x 10 x 0.8 (1.5 P)^-2, i.e. foreign_demand 4 at foreign_pref 1 / 1.5 with
// the book's elasticity 2. Imports: at parity 2.6 x 1.25 = 3.25 under foreign_cost, none under
// china_price (the rest of the world cannot serve China's market).
TEST(WorldPricing, OrderBookTermsOfEitherPriceSetter) {
  for (const std::string mode : {"foreign_cost", "china_price"}) {
    SCOPED_TRACE(mode);
    sim::TrackParams t = world_track(mode);
    t.foreign_tariff = 0.2;
    sim::TrackOrderBook b;
    b.pref = 1.0;
    b.eta = 2.0;
    set_world_terms(b, t, 2.0, 10.0, 0.8);
    if (mode == "foreign_cost") {
      EXPECT_DOUBLE_EQ(b.import_price, 3.25);
      EXPECT_DOUBLE_EQ(b.foreign_pref, 2.6 / 1.5);
      EXPECT_DOUBLE_EQ(b.foreign_demand, 5.0);
      EXPECT_DOUBLE_EQ(b.foreign_eta, 3.0);
    } else {
      EXPECT_DOUBLE_EQ(b.foreign_pref, 1.0 / 1.5);
      EXPECT_DOUBLE_EQ(b.foreign_demand, 4.0);
      EXPECT_DOUBLE_EQ(b.foreign_eta, 2.0);
      EXPECT_EQ(b.import_price, 0.0);
      // X(P) at P = 0.5: 4 (0.5 x 1.5)^-2 = 4 / 0.5625.
      const double x = b.foreign_demand * std::pow(0.5 / b.foreign_pref, -b.foreign_eta);
      EXPECT_NEAR(x, 4.0 / 0.5625, 1e-12);
    }
  }
}

sim::MarketParams conduct(const std::string& name, double theta) {
  sim::MarketParams p;
  p.conduct = name;
  p.theta = theta;
  p.util_cost = 0.0;
  return p;
}

sim::TrackClearing solve(const sim::TrackOrderBook& book, const sim::MarketParams& params) {
  sim::TrackClearing c;
  sim::make_market_solver(params)->solve(book, c);
  return c;
}

/// One city, home D = 10 P^-2 (pref 1, eta 2), the offers given, foreign buyers of
/// world_track("china_price") with c = 1 and A = 10: X = 5 (1.25 P)^-2 = 3.2 / P^2, so the
/// market is 13.2 / P^2 (no import supply).
sim::TrackOrderBook china_book(const std::vector<sim::test::Offer>& offers) {
  sim::TrackOrderBook b = sim::test::make_book({10.0}, {0.0}, offers, 2.0);
  set_world_terms(b, world_track("china_price"), 1.0, 10.0, 1.0);
  return b;
}

// Capacity 52.8 at cost 0.3 runs flat out: 13.2 / P^2 = 52.8 gives P = 0.5; home buys 40, the
// world 12.8, a share 3.2 / 13.2 of output. A glut (capacity doubled) lowers the price by
// sqrt(2) and doubles exports: the share stays 3.2 / 13.2 = x (1 + tau)^-eta / (1 + x (1 +
// tau)^-eta) whatever the glut, because the world pays China's price. Under foreign_cost the
// same glut would raise the export share (the world price does not move).
TEST(WorldPricing, ChinaPriceClearsAtTheClosedFormInBothSolvers) {
  for (const char* name : {"competitive", "cournot"}) {
    SCOPED_TRACE(name);
    // Cournot with theta = 0 and no utilisation cost is the merit order.
    const auto params = conduct(name, 0.0);
    const auto c = solve(china_book({{0, 0.3, 52.8}}), params);
    EXPECT_NEAR(c.export_price, 0.5, 1e-12);
    EXPECT_NEAR(c.city_demand[0], 40.0, 1e-9);
    EXPECT_NEAR(c.foreign_exports, 12.8, 1e-9);
    EXPECT_NEAR(c.offer_output[0], 52.8, 1e-9);
    EXPECT_EQ(c.foreign_imports, 0.0);

    const auto glut = solve(china_book({{0, 0.3, 105.6}}), params);
    EXPECT_NEAR(glut.export_price, 0.5 / std::sqrt(2.0), 1e-12);
    EXPECT_NEAR(glut.foreign_exports, 25.6, 1e-9);
    EXPECT_NEAR(glut.foreign_exports / glut.offer_output[0], 3.2 / 13.2, 1e-12);
  }
  // The same glut under foreign_cost (parity 1.3 / 1.25 = 1.04, X = 5 (P / 1.04)^-3): the
  // world takes 48.2% of output at capacity 52.8 (P = 0.605) and 55.1% at 105.6 (P = 0.459).
  sim::TrackOrderBook small = sim::test::make_book({10.0}, {0.0}, {{0, 0.3, 52.8}}, 2.0);
  sim::TrackOrderBook big = sim::test::make_book({10.0}, {0.0}, {{0, 0.3, 105.6}}, 2.0);
  set_world_terms(small, world_track("foreign_cost"), 1.0, 10.0, 1.0);
  set_world_terms(big, world_track("foreign_cost"), 1.0, 10.0, 1.0);
  const auto a = solve(small, conduct("competitive", 0.0));
  const auto g = solve(big, conduct("competitive", 0.0));
  EXPECT_NEAR(a.foreign_exports / a.offer_output[0], 0.4819, 1e-4);
  EXPECT_NEAR(g.foreign_exports / g.offer_output[0], 0.5506, 1e-4);
}

// Cournot (theta 1) with two firms at c = 0.6 and ample capacity: the foreign buyers have the
// home elasticity, so every firm's accessible market counts them exactly (mu = 13.2) and
// P = c n eta / (n eta - 1) = 0.6 x 4 / 3 = 0.8; the market buys 13.2 / 0.64 = 20.625, of it
// 3.2 / 0.64 = 5 abroad, each firm 10.3125.
TEST(WorldPricing, ChinaPriceCournotMarkupCountsForeignBuyers) {
  const auto c = solve(china_book({{0, 0.6, 100.0}, {0, 0.6, 100.0}}), conduct("cournot", 1.0));
  EXPECT_NEAR(c.export_price, 0.8, 1e-12);
  EXPECT_NEAR(c.foreign_exports, 5.0, 1e-9);
  EXPECT_NEAR(c.city_demand[0], 15.625, 1e-9);
  EXPECT_NEAR(c.offer_output[0], 10.3125, 1e-9);
  EXPECT_NEAR(c.offer_output[1], 10.3125, 1e-9);
}

// Scarcity: capacity 2 at cost 0.3. No import supply caps the price: 13.2 / P^2 = 2 gives
// P = sqrt(6.6), home buys 10 / 6.6 and the world 3.2 / 6.6, the same share of output as in a
// glut (a shortage at home is the world's shortage).
TEST(WorldPricing, ChinaPriceShortageRaisesTheWorldPrice) {
  for (const char* name : {"competitive", "cournot"}) {
    SCOPED_TRACE(name);
    const auto c = solve(china_book({{0, 0.3, 2.0}}), conduct(name, 0.0));
    EXPECT_NEAR(c.export_price, std::sqrt(6.6), 1e-12);
    EXPECT_NEAR(c.city_demand[0], 10.0 / 6.6, 1e-9);
    EXPECT_NEAR(c.foreign_exports, 3.2 / 6.6, 1e-9);
    EXPECT_EQ(c.foreign_imports, 0.0);
  }
}

// In a model: the two-city integrated world of rest_of_world_test (pv: eta 1.5, pref 1, one
// plant of capacity 3 A at cost 0.75, trade cost 0.1, x = 0.5). China sets the price: the glut
// clears on the plant's step 0.75, home buys A 0.75^-1.5, the world 0.5 A (1.1 x 0.75)^-1.5
// (export_eta 3 is not read); a 50% foreign tariff cuts exports by 1.5^-1.5.
TEST(WorldPricing, ChinaPriceInTheMarketPhase) {
  agents::Model m =
      testing::integrated_model({"market.rest_of_world=true", "tracks.pv.world_price=1.2",
                                 "tracks.pv.trade_cost=0.1", "tracks.pv.export_demand=0.5",
                                 "tracks.pv.export_eta=3", "tracks.pv.world_pricing=china_price"});
  const double a = life_cycle_demand(m.params.tracks[0], m.world.tick);
  testing::add_plant(m.world, 0, 3.0 * a, 0.0);
  clear_markets(m.world, m.params, *m.solver);
  const sim::World& w = m.world;
  const double home = a * std::pow(0.75, -1.5), abroad = 0.5 * a * std::pow(1.1 * 0.75, -1.5);
  EXPECT_DOUBLE_EQ(w.tracks.export_price[0], 0.75);
  EXPECT_NEAR(w.tracks.demand[0], home, 1e-12 * a);
  EXPECT_NEAR(w.tracks.world_exports[0], abroad, 1e-12 * a);
  EXPECT_NEAR(w.tracks.output[0], home + abroad, 1e-12 * a);

  m.params.tracks[0].foreign_tariff = 0.5;
  clear_markets(m.world, m.params, *m.solver);
  EXPECT_NEAR(w.tracks.world_exports[0], abroad * std::pow(1.5, -1.5), 1e-12 * a);
}

}  // namespace
}  // namespace regsim::agents
