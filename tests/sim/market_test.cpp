// Hand-worked equilibria and invariants on random books for the bisection market solver.
#include "sim/market.h"

#include "market_books.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

namespace regsim::sim {
namespace {

using test::demand_at;
using test::expect_spatial_balance;
using test::make_book;
using test::Offer;
using test::random_book;
using test::u01;

TrackClearing solve(const TrackOrderBook& book) {
  const auto solver = make_market_solver("bisection");
  TrackClearing c;
  solver->solve(book, c);
  return c;
}

/// Equilibrium conditions every clearing must satisfy: the spatial balance of any conduct,
/// plus the competitive rules: nothing dearer than its city's price runs, and (without a floor)
/// everything clearly cheaper runs flat out.
void expect_equilibrium(const TrackOrderBook& b, const TrackClearing& c) {
  expect_spatial_balance(b, c);
  if (testing::Test::HasFatalFailure()) return;
  const double tol =
      1e-9 * (1.0 + std::accumulate(c.city_demand.begin(), c.city_demand.end(), 0.0));
  for (std::size_t m = 0; m < static_cast<std::size_t>(b.num_cities); ++m) {
    const double p = c.city_price[m];
    for (std::uint32_t i = b.city_start[m]; i < b.city_start[m + 1]; ++i) {
      SCOPED_TRACE(testing::Message() << "city " << m << " offer " << i);
      const double r = b.offer_reservation[i];
      if (r > p * (1.0 + 1e-12)) {
        EXPECT_EQ(c.offer_output[i], 0.0);
      }
      if (b.price_floor == 0.0 && r < p - 1e-9 * std::abs(p)) {
        EXPECT_NEAR(c.offer_output[i], b.offer_capacity[i], tol);
      }
    }
  }
}

// A exports, B imports (eta = 1, pref = 1, so D = s / P).
//   A: s = 10, wedge 0.25, one firm r = 0.5, capacity 20.
//   B: s = 10, wedge 0.25, one firm r = 5, capacity 100.
// Guess A's firm runs flat out (P* > 0.5) and B's firm idles (1.25 P* < 5):
//   exports 20 - 10/P* = imports 10 / (1.25 P*) = 8/P*  =>  20 P* = 18  =>  P* = 0.9.
// Check: 0.9 > 0.5 and 1.125 < 5. A consumes 10/0.9 = 100/9 and exports 80/9;
// B pays 1.125 and imports 10/1.125 = 80/9.
TEST(BisectionSolver, TwoCitiesOneFirmEachMatchesHandWorkedAnswer) {
  const auto book = make_book({10.0, 10.0}, {0.25, 0.25}, {{0, 0.5, 20.0}, {1, 5.0, 100.0}});
  const auto c = solve(book);
  EXPECT_NEAR(c.export_price, 0.9, 1e-12);
  EXPECT_NEAR(c.city_price[0], 0.9, 1e-12);
  EXPECT_NEAR(c.city_price[1], 1.125, 1e-12);
  EXPECT_NEAR(c.city_demand[0], 100.0 / 9.0, 1e-9);
  EXPECT_NEAR(c.city_demand[1], 80.0 / 9.0, 1e-9);
  EXPECT_NEAR(c.city_supply[0], 20.0, 1e-9);
  EXPECT_NEAR(c.city_supply[1], 0.0, 1e-9);
  EXPECT_NEAR(c.offer_output[0], 20.0, 1e-9);
  EXPECT_EQ(c.offer_output[1], 0.0);
  EXPECT_NEAR(c.net_export[0], 80.0 / 9.0, 1e-9);
  EXPECT_NEAR(c.net_export[1], -80.0 / 9.0, 1e-9);
  EXPECT_NEAR(c.exports, 80.0 / 9.0, 1e-9);
  EXPECT_NEAR(c.imports, 80.0 / 9.0, 1e-9);
  expect_equilibrium(book, c);
}

// Same as above but A's firm has r = 1. Below P = 1 A produces nothing and imports too, so
// E < 0; just above, A exports 20 - 10/P ~ 10 > B's imports 8/P ~ 8, so E > 0. Hence P* = 1
// exactly, on A's step: A consumes 10, B imports 10 / 1.25 = 8, A's firm produces 18 of 20.
TEST(BisectionSolver, ExporterOnItsReservationStepProducesOnlyTheGap) {
  const auto book = make_book({10.0, 10.0}, {0.25, 0.25}, {{0, 1.0, 20.0}, {1, 5.0, 100.0}});
  const auto c = solve(book);
  EXPECT_DOUBLE_EQ(c.export_price, 1.0);
  EXPECT_NEAR(c.offer_output[0], 18.0, 1e-9);
  EXPECT_EQ(c.offer_output[1], 0.0);
  EXPECT_NEAR(c.city_demand[0], 10.0, 1e-9);
  EXPECT_NEAR(c.city_demand[1], 8.0, 1e-9);
  EXPECT_NEAR(c.exports, 8.0, 1e-9);
  EXPECT_NEAR(c.imports, 8.0, 1e-9);
  expect_equilibrium(book, c);
}

// All capacity in city 0 (s = 2, wedge 0, firm r = 1, capacity 3). City 1 (s = 1, wedge 1) has
// only a zero-capacity offer, city 2 (s = 1, wedge 3) has none. eta = 1.
// If the firm ran flat out: 3 - 2/P = 1/(2P) + 1/(4P) => P = 2.75/3 < 1, contradiction; so
// P* = 1 on the firm's step. Prices 1, 2, 4; demands 2, 0.5, 0.25; the firm makes 2.75.
TEST(BisectionSolver, AllOffersInOneCityServeEveryCityAtItsDeliveredPrice) {
  const auto book = make_book({2.0, 1.0, 1.0}, {0.0, 1.0, 3.0}, {{0, 1.0, 3.0}, {1, 0.1, 0.0}});
  const auto c = solve(book);
  EXPECT_DOUBLE_EQ(c.export_price, 1.0);
  EXPECT_NEAR(c.city_price[1], 2.0, 1e-12);
  EXPECT_NEAR(c.city_price[2], 4.0, 1e-12);
  EXPECT_NEAR(c.city_demand[0], 2.0, 1e-9);
  EXPECT_NEAR(c.city_demand[1], 0.5, 1e-9);
  EXPECT_NEAR(c.city_demand[2], 0.25, 1e-9);
  EXPECT_NEAR(c.offer_output[0], 2.75, 1e-9);
  EXPECT_EQ(c.offer_output[1], 0.0);
  EXPECT_NEAR(c.exports, 0.75, 1e-9);
  EXPECT_NEAR(c.imports, 0.75, 1e-9);
  expect_equilibrium(book, c);
}

// Capacity 3 in total (r = 1, 2 in city 0; r = 0.5 in city 1), demand 60/P + 40/P, wedge 0.
// No reservation can ration demand down to 3, so every firm runs flat out and
// 100 / P = 3 => P* = 100/3 in both cities; city 0 consumes 1.8 of its 2, city 1 imports 0.2.
TEST(BisectionSolver, ScarcityRunsEveryFirmFlatOutAndPricesDemandDownToCapacity) {
  const auto book =
      make_book({60.0, 40.0}, {0.0, 0.0}, {{0, 1.0, 1.0}, {0, 2.0, 1.0}, {1, 0.5, 1.0}});
  const auto c = solve(book);
  EXPECT_NEAR(c.export_price, 100.0 / 3.0, 1e-12 * 100.0 / 3.0);
  EXPECT_NEAR(c.city_price[0], 100.0 / 3.0, 1e-12 * 100.0 / 3.0);
  EXPECT_NEAR(c.city_price[1], 100.0 / 3.0, 1e-12 * 100.0 / 3.0);
  for (double out : c.offer_output) EXPECT_NEAR(out, 1.0, 1e-9);
  EXPECT_NEAR(c.city_demand[0] + c.city_demand[1], 3.0, 1e-9);
  EXPECT_NEAR(c.net_export[0], 0.2, 1e-9);
  EXPECT_NEAR(c.net_export[1], -0.2, 1e-9);
  expect_equilibrium(book, c);
}

// Tiny demand (s = 1, eta = 1) against 300 units of capacity; wedges 0.1.
//   A: firms r = 2 and r = 3 (capacity 100 each).  B: firm r = 2.5 (capacity 100).
// Below P = 2 nobody produces, so P* = 2 on A's cheapest step. B's delivered price 2.2 < 2.5,
// so B imports 1/2.2; A consumes 1/2 and its r = 2 firm makes 0.5 + 1/2.2; the rest idle.
TEST(BisectionSolver, GlutSetsPriceAtLowestReservationWithOnlyTheMarginalFirmRunning) {
  const auto book =
      make_book({1.0, 1.0}, {0.1, 0.1}, {{0, 2.0, 100.0}, {0, 3.0, 100.0}, {1, 2.5, 100.0}});
  const auto c = solve(book);
  EXPECT_DOUBLE_EQ(c.export_price, 2.0);
  EXPECT_NEAR(c.city_price[1], 2.2, 1e-12);
  EXPECT_NEAR(c.offer_output[0], 0.5 + 1.0 / 2.2, 1e-9);
  EXPECT_EQ(c.offer_output[1], 0.0);
  EXPECT_EQ(c.offer_output[2], 0.0);
  const double demand = c.city_demand[0] + c.city_demand[1];
  EXPECT_NEAR(demand, 0.5 + 1.0 / 2.2, 1e-9);
  EXPECT_NEAR(c.offer_output[0], demand, 1e-9);
  expect_equilibrium(book, c);
}

// With no friction the cities are one market: the same price everywhere, equal to the price
// of a single city holding all the demand and every offer.
TEST(BisectionSolver, ZeroWedgeEverywhereIsOneIntegratedMarket) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    auto book = random_book(seed);
    std::fill(book.wedge.begin(), book.wedge.end(), 0.0);
    // Pool: one city, summed demand, merged merit order.
    std::vector<Offer> pooled;
    for (std::size_t i = 0; i < book.offer_capacity.size(); ++i) {
      pooled.push_back({0, book.offer_reservation[i], book.offer_capacity[i]});
    }
    std::stable_sort(pooled.begin(), pooled.end(),
                     [](const Offer& a, const Offer& b) { return a.reservation < b.reservation; });
    const double total_scale =
        std::accumulate(book.demand_scale.begin(), book.demand_scale.end(), 0.0);
    const auto one = make_book({total_scale}, {0.0}, pooled, book.eta, book.pref);
    const auto c = solve(book);
    const auto c1 = solve(one);
    if (c1.export_price == 0.0) continue;  // degenerate draw (no capacity or no demand)
    expect_equilibrium(book, c);
    EXPECT_NEAR(c.export_price, c1.export_price, 1e-12 * c1.export_price);
    for (double p : c.city_price) EXPECT_NEAR(p, c.export_price, 1e-12 * c.export_price);
    const double supply = std::accumulate(c.city_supply.begin(), c.city_supply.end(), 0.0);
    EXPECT_NEAR(supply, c1.city_supply[0], 1e-9 * (1.0 + supply));
  }
}

// With a prohibitive wedge nothing trades: each city's price and quantities equal those of the
// city solved on its own.
TEST(BisectionSolver, HugeWedgeMakesEveryCityAutarkic) {
  std::mt19937 g(7);
  std::vector<double> scale;
  std::vector<Offer> offers;
  const int cities = 12;
  for (int m = 0; m < cities; ++m) {
    scale.push_back(0.5 + 5.0 * u01(g));
    std::vector<double> res;
    for (int i = 0; i < 1 + m % 5; ++i) res.push_back(-0.2 + 3.0 * u01(g));
    std::sort(res.begin(), res.end());
    for (double r : res) offers.push_back({m, r, 0.2 + 2.0 * u01(g)});
  }
  const auto book = make_book(scale, std::vector<double>(cities, 1e9), offers, 1.3, 1.1);
  const auto c = solve(book);
  expect_equilibrium(book, c);
  EXPECT_NEAR(c.exports, 0.0, 1e-9);
  for (std::size_t m = 0; m < static_cast<std::size_t>(cities); ++m) {
    SCOPED_TRACE(testing::Message() << "city " << m);
    std::vector<Offer> own;
    for (std::uint32_t i = book.city_start[m]; i < book.city_start[m + 1]; ++i) {
      own.push_back({0, book.offer_reservation[i], book.offer_capacity[i]});
    }
    const auto alone = solve(make_book({scale[m]}, {0.0}, own, 1.3, 1.1));
    EXPECT_NEAR(c.city_price[m], alone.city_price[0], 1e-9 * alone.city_price[0]);
    EXPECT_NEAR(c.city_supply[m], alone.city_supply[0], 1e-9);
    EXPECT_NEAR(c.city_demand[m], alone.city_demand[0], 1e-9);
    EXPECT_NEAR(c.net_export[m], 0.0, 1e-9);
  }
}

TEST(BisectionSolver, RandomBooksSatisfyEquilibriumInvariants) {
  int solved = 0;
  for (std::uint32_t seed = 100; seed < 400; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    const auto book = random_book(seed);
    const auto c = solve(book);
    if (c.export_price == 0.0) {
      // Only a book with no usable capacity or no demand may clear to zeros.
      const bool any_cap = std::any_of(book.offer_capacity.begin(), book.offer_capacity.end(),
                                       [](double k) { return k > 0.0; });
      const bool any_demand = std::any_of(book.demand_scale.begin(), book.demand_scale.end(),
                                          [](double s) { return s > 0.0; });
      EXPECT_FALSE(any_cap && any_demand);
      continue;
    }
    ++solved;
    expect_equilibrium(book, c);
  }
  EXPECT_GT(solved, 250);
}

TEST(BisectionSolver, AddingCapacityNeverRaisesTheExportPrice) {
  for (std::uint32_t seed = 500; seed < 600; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    auto book = random_book(seed);
    if (book.offer_capacity.empty()) continue;
    const auto before = solve(book);
    std::mt19937 g(seed);
    for (int k = 0; k < 3; ++k) {
      book.offer_capacity[g() % book.offer_capacity.size()] += 0.5 + 5.0 * u01(g);
    }
    const auto after = solve(book);
    if (before.export_price == 0.0) continue;
    EXPECT_LE(after.export_price, before.export_price * (1.0 + 1e-12));
    expect_equilibrium(book, after);
  }
}

TEST(BisectionSolver, SolvingTwiceGivesBitIdenticalResults) {
  const auto book = random_book(4242, 60, 40);
  const auto a = solve(book);
  const auto b = solve(book);
  EXPECT_EQ(a.export_price, b.export_price);
  EXPECT_EQ(a.city_price, b.city_price);
  EXPECT_EQ(a.city_demand, b.city_demand);
  EXPECT_EQ(a.city_supply, b.city_supply);
  EXPECT_EQ(a.offer_output, b.offer_output);
  EXPECT_EQ(a.exports, b.exports);
}

TEST(BisectionSolver, PriceHintNeverChangesTheAnswer) {
  // The hint only moves where the bracket search starts: near, far, above, below, absurd.
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    auto book = random_book(seed, 40, 20);
    const auto plain = solve(book);
    for (double hint : {plain.export_price, plain.export_price * (1 + 1e-12),
                        plain.export_price * 0.97, plain.export_price * 1.5, 1e-9, 1e9}) {
      book.price_hint = hint;
      const auto h = solve(book);
      ASSERT_EQ(plain.export_price, h.export_price) << "seed " << seed << " hint " << hint;
      ASSERT_EQ(plain.city_price, h.city_price) << "seed " << seed;
      ASSERT_EQ(plain.offer_output, h.offer_output) << "seed " << seed;
      ASSERT_EQ(plain.net_export, h.net_export) << "seed " << seed;
    }
    book.price_hint = 0.0;
  }
}

// One city, D = 1/P, firms r = 1 and r = 2 with capacity 10 each. Unfloored P* = 1 (the first
// firm makes 1). With a floor of 4: price 4, demand 1/4, made by the cheapest firm alone; the
// r = 2 firm is below the price but idles (cheapest-first rationing).
TEST(BisectionSolver, BindingPriceFloorIdlesCapacityCheapestFirst) {
  const std::vector<Offer> offers{{0, 1.0, 10.0}, {0, 2.0, 10.0}};
  const auto free = solve(make_book({1.0}, {0.0}, offers));
  EXPECT_DOUBLE_EQ(free.export_price, 1.0);
  EXPECT_NEAR(free.offer_output[0], 1.0, 1e-12);

  const auto book = make_book({1.0}, {0.0}, offers, 1.0, 1.0, 4.0);
  const auto c = solve(book);
  EXPECT_EQ(c.export_price, 4.0);
  EXPECT_EQ(c.city_price[0], 4.0);
  EXPECT_NEAR(c.city_demand[0], 0.25, 1e-12);
  EXPECT_NEAR(c.offer_output[0], 0.25, 1e-12);
  EXPECT_EQ(c.offer_output[1], 0.0);
  EXPECT_NEAR(c.city_supply[0], 0.25, 1e-12);
  expect_equilibrium(book, c);
}

// Floor 2, eta = 1, wedge 0.5. A (s = 1, firm r = 1, cap 10) and C (s = 1, firm r = 0.5,
// cap 10) could each export 10 - 1/2 = 9.5 at P = 2; B (s = 1, no offers) pays 3 and imports
// only 1/3. Exporters' surplus is scaled pro rata (equal shares here): each exports 1/6, so
// each firm makes 1/2 + 1/6 = 2/3 and exports = imports = 1/3.
TEST(BisectionSolver, BindingPriceFloorRationsExportersSoExportsEqualImports) {
  const auto book =
      make_book({1.0, 1.0, 1.0}, {0.5, 0.5, 0.5}, {{0, 1.0, 10.0}, {2, 0.5, 10.0}}, 1.0, 1.0, 2.0);
  const auto c = solve(book);
  EXPECT_EQ(c.export_price, 2.0);
  EXPECT_NEAR(c.city_price[1], 3.0, 1e-12);
  EXPECT_NEAR(c.offer_output[0], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(c.offer_output[1], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(c.exports, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(c.imports, 1.0 / 3.0, 1e-12);
  expect_equilibrium(book, c);
}

TEST(BisectionSolver, NonBindingPriceFloorChangesNothing) {
  const std::vector<Offer> offers{{0, 0.5, 20.0}, {1, 5.0, 100.0}};
  const auto free = solve(make_book({10.0, 10.0}, {0.25, 0.25}, offers));
  const auto floored = solve(make_book({10.0, 10.0}, {0.25, 0.25}, offers, 1.0, 1.0, 0.6));
  EXPECT_NEAR(free.export_price, 0.9, 1e-12);
  EXPECT_DOUBLE_EQ(floored.export_price, free.export_price);
  for (std::size_t i = 0; i < offers.size(); ++i) {
    EXPECT_NEAR(floored.offer_output[i], free.offer_output[i], 1e-12);
  }
}

// Documented rule: no offers at all means nothing trades and every field is zero.
TEST(BisectionSolver, EmptyBookClearsToZeros) {
  const auto book = make_book({1.0, 2.0, 0.0}, {0.1, 0.0, 0.3}, {}, 1.5, 1.0, 0.5);
  TrackClearing c;
  c.export_price = 7.0;  // stale values from a previous tick must be overwritten
  c.city_price.assign(5, 7.0);
  c.exports = c.imports = 7.0;
  make_market_solver("bisection")->solve(book, c);
  EXPECT_EQ(c.export_price, 0.0);
  EXPECT_EQ(c.exports, 0.0);
  EXPECT_EQ(c.imports, 0.0);
  EXPECT_EQ(c.city_price, std::vector<double>(3, 0.0));
  EXPECT_EQ(c.city_demand, std::vector<double>(3, 0.0));
  EXPECT_EQ(c.city_supply, std::vector<double>(3, 0.0));
  EXPECT_EQ(c.net_export, std::vector<double>(3, 0.0));
  EXPECT_TRUE(c.offer_output.empty());
}

TEST(BisectionSolver, CityWithoutDemandConsumesNothingAndExportsItsCapacity) {
  // City 0 has no demand; its firm (r = 0.1, cap 1) serves city 1 (s = 4, eta = 1, wedge 1,
  // no offers): imports 4 / (2P) = 1 => P* = 2 > 0.1, so the firm runs flat out.
  const auto book = make_book({0.0, 4.0}, {0.0, 1.0}, {{0, 0.1, 1.0}});
  const auto c = solve(book);
  EXPECT_NEAR(c.export_price, 2.0, 1e-12);
  EXPECT_EQ(c.city_demand[0], 0.0);
  EXPECT_NEAR(c.offer_output[0], 1.0, 1e-12);
  EXPECT_NEAR(c.city_price[1], 4.0, 1e-12);
  expect_equilibrium(book, c);
}

TEST(BisectionSolver, MalformedBookThrows) {
  auto unsorted = make_book({1.0}, {0.0}, {{0, 2.0, 1.0}, {0, 1.0, 1.0}});
  EXPECT_THROW(solve(unsorted), std::invalid_argument);
  auto short_wedge = make_book({1.0, 1.0}, {0.0, 0.0}, {{0, 1.0, 1.0}});
  short_wedge.wedge.pop_back();
  EXPECT_THROW(solve(short_wedge), std::invalid_argument);
  auto bad_eta = make_book({1.0}, {0.0}, {{0, 1.0, 1.0}}, 0.0);
  EXPECT_THROW(solve(bad_eta), std::invalid_argument);
}

// The size the simulator runs at: 400 cities, ~7000 offers. Checks the invariants; the timing
// is printed, not asserted (machines differ).
TEST(BisectionSolver, FullSizeBookClearsConsistently) {
  std::mt19937 g(99);
  std::vector<double> scale;
  std::vector<double> wedge;
  std::vector<Offer> offers;
  for (int m = 0; m < 400; ++m) {
    scale.push_back(u01(g) < 0.05 ? 0.0 : 10.0 * u01(g));
    wedge.push_back(0.05 + 0.5 * u01(g));
    std::vector<double> res;
    const int n = static_cast<int>(g() % 36);
    for (int i = 0; i < n; ++i) res.push_back(-0.3 + 2.0 * u01(g));
    std::sort(res.begin(), res.end());
    for (double r : res) offers.push_back({m, r, 3.0 * u01(g)});
  }
  const auto book = make_book(scale, wedge, offers, 1.5, 1.0);
  const auto solver = make_market_solver("bisection");
  TrackClearing c;
  const auto t0 = std::chrono::steady_clock::now();
  for (int rep = 0; rep < 20; ++rep) solver->solve(book, c);
  const auto t1 = std::chrono::steady_clock::now();
  std::printf("%zu offers, 400 cities: %.3f ms per solve\n", offers.size(),
              std::chrono::duration<double, std::milli>(t1 - t0).count() / 20.0);
  expect_equilibrium(book, c);
}

TEST(MarketSolverFactory, UnknownNameReturnsNullptr) {
  EXPECT_EQ(make_market_solver("simplex"), nullptr);
  EXPECT_EQ(make_market_solver(""), nullptr);
  EXPECT_NE(make_market_solver("bisection"), nullptr);
}

}  // namespace
}  // namespace regsim::sim
