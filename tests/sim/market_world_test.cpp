// The rest of the world in the market solvers: export demand at the gate and import supply at
// the world price, hand-worked for the competitive and the Cournot solver.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "market_books.h"
#include "sim/market.h"

namespace regsim::sim {
namespace {

using test::make_book;

MarketParams conduct(const std::string& name, double theta = 1.0) {
  MarketParams p;
  p.conduct = name;
  p.theta = theta;
  p.util_cost = 0.0;
  return p;
}

TrackClearing solve(const TrackOrderBook& book, const MarketParams& params) {
  TrackClearing c;
  make_market_solver(params)->solve(book, c);
  return c;
}

/// One city, D = 10/P (eta = 1), one firm r = 0.5 with capacity `capacity`; foreign buyers
/// X(P) = 5 (P / pref_x)^-2, imports at `import_price` (0 = none).
TrackOrderBook world_book(double capacity, double pref_x, double import_price) {
  TrackOrderBook b = make_book({10.0}, {0.0}, {{0, 0.5, capacity}});
  b.foreign_demand = 5.0;
  b.foreign_pref = pref_x;
  b.foreign_eta = 2.0;
  b.import_price = import_price;
  return b;
}

// A glut exported. Capacity 30: alone, the home market takes 20 at P = 0.5 (on the step).
// With foreign buyers X(P) = 5 (P/0.8)^-2 = 3.2 / P^2, at 0.5 demand is 20 + 12.8 > 30, so the
// firm runs flat out: 10/P + 3.2/P^2 = 30 => 30 P^2 - 10 P - 3.2 = 0 => P = (10 + 22)/60 = 8/15;
// home buys 18.75, foreign buyers 11.25. The import price 2 does not bind.
TEST(RestOfWorld, GlutIsExported) {
  for (const char* name : {"competitive", "cournot"}) {
    SCOPED_TRACE(name);
    // Cournot with theta = 0 and no utilisation cost is the merit order.
    const auto c = solve(world_book(30.0, 0.8, 2.0), conduct(name, 0.0));
    EXPECT_NEAR(c.export_price, 8.0 / 15.0, 1e-12);
    EXPECT_NEAR(c.city_demand[0], 18.75, 1e-9);
    EXPECT_NEAR(c.offer_output[0], 30.0, 1e-9);
    EXPECT_NEAR(c.net_export[0], 11.25, 1e-9);
    EXPECT_NEAR(c.foreign_exports, 11.25, 1e-9);
    EXPECT_EQ(c.foreign_imports, 0.0);
  }
  // Without the rest of the world the same book clears at the firm's step, 20 of 30 made.
  TrackOrderBook closed = world_book(30.0, 0.8, 0.0);
  closed.foreign_demand = 0.0;
  const auto c = solve(closed, conduct("competitive"));
  EXPECT_DOUBLE_EQ(c.export_price, 0.5);
  EXPECT_NEAR(c.offer_output[0], 20.0, 1e-9);
  EXPECT_EQ(c.foreign_exports, 0.0);
}

// A foreign tariff of 25% lowers export parity from 0.8 to 0.8/1.25 = 0.64: X(P) = 2.048/P^2.
// At P = 0.5 demand is 20 + 8.192 = 28.192 < 30, so the price falls to the firm's step 0.5 and
// it makes 28.192: exports fall from 11.25 to 8.192, and the firm idles 1.808.
TEST(RestOfWorld, ForeignTariffCutsExports) {
  for (const char* name : {"competitive", "cournot"}) {
    SCOPED_TRACE(name);
    const auto c = solve(world_book(30.0, 0.64, 2.0), conduct(name, 0.0));
    EXPECT_DOUBLE_EQ(c.export_price, 0.5);
    EXPECT_NEAR(c.foreign_exports, 8.192, 1e-9);
    EXPECT_NEAR(c.offer_output[0], 28.192, 1e-9);
    EXPECT_NEAR(c.city_demand[0], 20.0, 1e-9);
  }
}

// Scarcity capped by imports. Capacity 5: without imports the price would solve
// 10/P + 3.2/P^2 = 5, P = 2.28. Import supply at 1.25 caps it: P* = 1.25, home buys 8, the firm
// makes 5 and the rest of the world supplies the shortage 3 (no exports at the same time).
TEST(RestOfWorld, ImportsCapThePrice) {
  for (const char* name : {"competitive", "cournot"}) {
    SCOPED_TRACE(name);
    const auto c = solve(world_book(5.0, 0.8, 1.25), conduct(name, 0.0));
    EXPECT_DOUBLE_EQ(c.export_price, 1.25);
    EXPECT_DOUBLE_EQ(c.city_price[0], 1.25);
    EXPECT_NEAR(c.city_demand[0], 8.0, 1e-12);
    EXPECT_NEAR(c.offer_output[0], 5.0, 1e-12);
    EXPECT_NEAR(c.net_export[0], -3.0, 1e-12);
    EXPECT_NEAR(c.foreign_imports, 3.0, 1e-12);
    EXPECT_EQ(c.foreign_exports, 0.0);
  }
}

// No domestic capacity at all: imports serve the whole market at the import price. Two cities
// with D = 10/P and 6/P, city 1 behind a wedge of 0.5: prices 2 and 3, imports 5 + 2 = 7.
TEST(RestOfWorld, ImportsServeATrackWithoutProducers) {
  for (const char* name : {"competitive", "cournot"}) {
    SCOPED_TRACE(name);
    TrackOrderBook b = make_book({10.0, 6.0}, {0.0, 0.5}, {});
    b.import_price = 2.0;
    const auto c = solve(b, conduct(name));
    EXPECT_DOUBLE_EQ(c.export_price, 2.0);
    EXPECT_DOUBLE_EQ(c.city_price[1], 3.0);
    EXPECT_NEAR(c.city_demand[0] + c.city_demand[1], 7.0, 1e-12);
    EXPECT_NEAR(c.foreign_imports, 7.0, 1e-12);
  }
}

// Cournot with foreign buyers of the domestic elasticity at the reference price: the market is
// home + foreign = 20 P^-2 and every firm counts both (mu = 20). Two firms c = 0.6 with ample
// capacity, eta = 2, theta = 1: P = c n eta / (n eta - 1) = 0.6 * 4/3 = 0.8; the market buys
// 20 / 0.64 = 31.25, half abroad (15.625), each firm makes 15.625.
TEST(RestOfWorld, CournotFirmsCountForeignBuyersInTheirMarket) {
  TrackOrderBook b = make_book({10.0}, {0.0}, {{0, 0.6, 100.0}, {0, 0.6, 100.0}}, 2.0);
  b.foreign_demand = 10.0;
  b.foreign_pref = 1.0;
  b.foreign_eta = 2.0;
  const auto c = solve(b, conduct("cournot", 1.0));
  EXPECT_NEAR(c.export_price, 0.8, 1e-12);
  EXPECT_NEAR(c.foreign_exports, 15.625, 1e-9);
  EXPECT_NEAR(c.offer_output[0], 15.625, 1e-9);
  EXPECT_NEAR(c.offer_output[1], 15.625, 1e-9);
  EXPECT_NEAR(c.city_demand[0], 15.625, 1e-9);
}

TEST(RestOfWorld, MalformedForeignTermsAreRefused) {
  TrackOrderBook b = world_book(30.0, 0.8, 2.0);
  b.foreign_eta = 0.0;
  TrackClearing c;
  EXPECT_THROW(make_market_solver("bisection")->solve(b, c), std::invalid_argument);
  b = world_book(30.0, 0.8, -1.0);
  EXPECT_THROW(make_market_solver("bisection")->solve(b, c), std::invalid_argument);
}

}  // namespace
}  // namespace regsim::sim
