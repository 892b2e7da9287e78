// Market-access expectations (docs/model.md 5.9): hand-worked access sums and city outlooks.
#include <gtest/gtest.h>

#include <cmath>

#include "agents/market_access.h"
#include "agents/model.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

/// The outlook of city i on track 0.
const TrackOutlook& pv(const Outlooks& o, std::size_t i) {
  return o.at(sim::CityId::at(i), sim::TrackId(0));
}
/// The cell of city i on track 0.
std::size_t pv_cell(const sim::World& w, std::size_t i) {
  return w.cell(sim::CityId::at(i), sim::TrackId(0));
}

TEST(MarketAccess, SumsByHand) {
  // Three markets of size 1, 2, 1 with access factors 0.8, 0.8, 0.5.
  const MarketAccess a{{1, 2, 1}, {0.8, 0.8, 0.5}, {}};
  // sum_m a_m D_m = 0.8 + 1.6 + 0.5 = 2.9; a local seller adds (1 - a_i) D_i.
  const auto reach = a.accessible_demand();
  EXPECT_DOUBLE_EQ(reach[0], 3.1);
  EXPECT_DOUBLE_EQ(reach[1], 3.3);
  EXPECT_DOUBLE_EQ(reach[2], 3.4);
  // Only city 0 has supply, 3.1 = its accessible demand: r = (1, 0, 0), R = 1, so it puts
  // C = (1, 1.6, 0.5) into the three markets (all of its 3.1); sum_m a_m C_m = 2.33.
  const std::vector<double> supply = {3.1, 0, 0};
  const auto rivals = a.competing_supply(supply, reach);
  EXPECT_NEAR(rivals[0], 2.33 + 0.2 * 1.0, 1e-12);
  EXPECT_NEAR(rivals[1], 2.33 + 0.2 * 1.6, 1e-12);
  EXPECT_NEAR(rivals[2], 2.33 + 0.5 * 0.5, 1e-12);
}

TEST(MarketAccess, UnifiedAndAutarkicLimits) {
  const std::vector<double> size = {3, 1, 2}, supply = {1, 5, 0};
  const MarketAccess open{size, {1, 1, 1}, {}};
  const auto reach = open.accessible_demand();
  const auto rivals = open.competing_supply(supply, reach);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(reach[i], 6.0, 1e-12) << "unified: every city reaches national demand";
    EXPECT_NEAR(rivals[i], 6.0, 1e-12) << "unified: every city faces national supply";
  }
  const MarketAccess closed{size, {0, 0, 0}, {}};
  const auto own = closed.accessible_demand();
  const auto local = closed.competing_supply(supply, own);
  for (int i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(own[i], size[i]) << "autarky: only the own market";
    EXPECT_NEAR(local[i], supply[i], 1e-12) << "autarky: only local supply";
  }
}

/// A three-city world whose state on track 0 (pv) the tests set by hand: market sizes 20, 10, 10
/// (GDP shares 0.5, 0.25, 0.25 of national demand 40, no growth), capacities 10, 40, 10, no
/// orders, mill prices 1.3, 1.0, 1.0 last year, city 0 protected with h = h0.
Model three_cities(double kappa, double h0, const char* expectations) {
  Model m = make_model(testing::small_config({"world.cities=3", "world.provinces=1",
                                              "world.initial_firms=60", "world.heterogeneity=0",
                                              std::string("firms.expectations=") + expectations}));
  m.params.market.kappa = kappa;
  auto& w = m.world;
  w.cities.gdp_share = {0.5, 0.25, 0.25};
  w.cities.protection = {h0, 0, 0};
  const double capacity[] = {10, 40, 10}, mill[] = {1.3, 1.0, 1.0};
  for (std::size_t i = 0; i < 3; ++i) {
    w.cities.cell_capacity[pv_cell(w, i)] = capacity[i];
    w.cities.mill_price_last_year[pv_cell(w, i)] = mill[i];
  }
  std::fill(w.firms.pipeline.begin(), w.firms.pipeline.end(), 0.0);
  w.tracks.capacity[0] = 60;
  w.tracks.pipeline[0] = 0;
  w.tracks.demand_last_year[0] = w.tracks.demand_prev_year[0] = 40;
  w.tracks.price_last_year[0] = 1.1;
  return m;
}

TEST(MarketAccess, NationalExpectationsIgnoreGeography) {
  for (double kappa : {0.0, 1.0}) {
    const Model m = three_cities(kappa, 1.0, "national");
    const Outlooks o(m.world, m.params);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_DOUBLE_EQ(pv(o, i).price, 1.1 * 1.2) << "national price index times optimism";
      EXPECT_DOUBLE_EQ(pv(o, i).cu, 40.0 / 60.0);
    }
  }
}

TEST(MarketAccess, OwnMillPriceAndAccessibleMarket) {
  // kappa = 1, h0 = 1: wedges t = (0.05 + 0.2 + 0.3, 0.25, 0.25), eta = 1.5, so
  // a = (1.55^-1.5, 1.25^-1.5, 1.25^-1.5) = (0.518206, 0.715542, 0.715542).
  const Model m = three_cities(1.0, 1.0, "market_access");
  const Outlooks o(m.world, m.params);
  EXPECT_DOUBLE_EQ(pv(o, 0).price, 1.3 * 1.2) << "own mill price times optimism";
  EXPECT_DOUBLE_EQ(pv(o, 1).price, 1.0 * 1.2);
  // D^e_0 = 20 + 0.715542 * 20 = 34.310835; D^e_1 = 0.518206 * 20 + 10 + 0.715542 * 10.
  EXPECT_NEAR(pv(o, 0).demand, 34.310835056, 1e-8);
  EXPECT_NEAR(pv(o, 1).demand, 27.519537901, 1e-8);
  // Rivals' capacity access-weighted (worked in a spreadsheet): 49.947114, 43.533789, 42.651690.
  EXPECT_NEAR(pv(o, 0).cu, 34.310835056 / 49.947114464, 1e-8);
  EXPECT_NEAR(pv(o, 1).cu, 27.519537901 / 43.533789010, 1e-8);
  EXPECT_NEAR(pv(o, 2).cu, 27.519537901 / 42.651690321, 1e-8);
  // The protected city's own investors expect the fullest plants; the capacity-heavy city 1
  // the emptiest.
  EXPECT_GT(pv(o, 0).cu, pv(o, 2).cu);
  EXPECT_GT(pv(o, 2).cu, pv(o, 1).cu);
  EXPECT_NEAR(pv(o, 0).overhang, 49.947114464 / 34.310835056 - 1.0, 1e-8);
}

TEST(MarketAccess, ProtectionShieldsOnlyWhileKappaIsPositive) {
  auto outlook = [](double kappa, double h0) {
    const Model m = three_cities(kappa, h0, "market_access");
    return Outlooks(m.world, m.params);
  };
  const Outlooks fragmented = outlook(1.0, 0.0), shielded = outlook(1.0, 1.0);
  // Protecting city 0 shrinks what city 1's investors can reach and keeps rivals out of city 0.
  EXPECT_LT(pv(shielded, 1).demand, pv(fragmented, 1).demand);
  EXPECT_DOUBLE_EQ(pv(shielded, 0).demand, pv(fragmented, 0).demand);
  EXPECT_GT(pv(shielded, 0).cu, pv(fragmented, 0).cu);
  const Outlooks unified = outlook(0.0, 0.0), unified_h = outlook(0.0, 1.0);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(pv(unified_h, i).demand, pv(unified, i).demand) << "kappa 0: no shield";
    EXPECT_DOUBLE_EQ(pv(unified_h, i).cu, pv(unified, i).cu);
  }
}

TEST(MarketAccess, LoweringKappaChangesWhoExpectsFullPlants) {
  // Fragmented: the cities with little capacity for their market expect fuller plants, so they
  // attract the investment. Unified: every city sees the national market (CU near 40/60).
  const Model frag = three_cities(1.0, 0.0, "market_access");
  const Model unif = three_cities(0.0, 0.0, "market_access");
  const Outlooks f(frag.world, frag.params), u(unif.world, unif.params);
  EXPECT_GT(pv(f, 2).cu - pv(f, 1).cu, 0.01);
  EXPECT_LT(std::abs(pv(u, 2).cu - pv(u, 1).cu), 0.001);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_GT(pv(u, i).demand, pv(f, i).demand) << "a unified market reaches further";
    EXPECT_NEAR(pv(u, i).cu, 40.0 / 60.0, 0.002);
  }
}

TEST(MarketAccess, ExpectedPriceChangesWithKappa) {
  // Mill prices last year 1.3 (city 0, protected, h0 = 1), 1.0, 1.0: the pool price P* = 1.0.
  // City 0's producers expect min(1.3, (1 + t_0) P*) with t_0 = 0.05 + kappa (0.2 + 0.3 h0),
  // times (1 + optimism) = 1.2 (no growth); cities 1 and 2 (exporters) keep 1.0 x 1.2.
  auto price = [](double kappa, double h0, std::size_t i) {
    const Model m = three_cities(kappa, h0, "market_access");
    return pv(Outlooks(m.world, m.params), i).price;
  };
  EXPECT_DOUBLE_EQ(price(1.0, 1.0, 0), 1.3 * 1.2);     // t_0 = 0.55: cap 1.55 does not bind
  EXPECT_DOUBLE_EQ(price(0.5, 1.0, 0), 1.3 * 1.2);     // t_0 = 0.30: cap 1.30, equal
  EXPECT_NEAR(price(0.2, 1.0, 0), 1.15 * 1.2, 1e-12);  // t_0 = 0.15
  EXPECT_NEAR(price(0.0, 1.0, 0), 1.05 * 1.2, 1e-12);  // t_0 = t0 = 0.05
  EXPECT_NEAR(price(1.0, 0.0, 0), 1.25 * 1.2, 1e-12);  // unprotected at kappa 1: t_0 = 0.25
  // Protection raises the price only while kappa > 0.
  EXPECT_GT(price(1.0, 1.0, 0), price(1.0, 0.0, 0));
  EXPECT_DOUBLE_EQ(price(0.0, 1.0, 0), price(0.0, 0.0, 0));
  for (const double kappa : {0.0, 0.2, 1.0}) EXPECT_DOUBLE_EQ(price(kappa, 1.0, 1), 1.2);
  // Under national expectations nobody's price moves with kappa (the national index, 1.1).
  for (const double kappa : {0.0, 1.0}) {
    const Model m = three_cities(kappa, 1.0, "national");
    EXPECT_DOUBLE_EQ(pv(Outlooks(m.world, m.params), 0).price, 1.1 * 1.2);
  }
  // By hand with the free function: P* = 2 (the zero price is no pool price).
  const std::vector<double> mill = {3.0, 2.0, 0.0, 2.5}, wedge = {0.2, 0.0, 0.5, 0.1};
  const auto e = expected_mill_prices(mill, wedge);
  EXPECT_DOUBLE_EQ(e[0], 2.4);
  EXPECT_DOUBLE_EQ(e[1], 2.0);
  EXPECT_DOUBLE_EQ(e[2], 0.0);
  EXPECT_DOUBLE_EQ(e[3], 2.2);
}

TEST(MarketAccess, PipelinesCountWithAwareness) {
  Model m = three_cities(1.0, 0.0, "market_access");
  m.world.firms.pipeline[0] = 30;  // an order of firm 0 (firms start in track order: pv first)
  ASSERT_EQ(m.world.firms.track[0], sim::TrackId(0));
  const std::size_t city = m.world.firms.city[0].index();
  const auto pipe = cell_pipeline(m.world);
  EXPECT_DOUBLE_EQ(pipe[pv_cell(m.world, city)], 30.0);
  const Outlooks blind = [&] {
    m.params.firms.iota = 0;
    return Outlooks(m.world, m.params);
  }();
  const Outlooks aware = [&] {
    m.params.firms.iota = 1;
    return Outlooks(m.world, m.params);
  }();
  EXPECT_LT(pv(aware, city).cu, pv(blind, city).cu);
  EXPECT_DOUBLE_EQ(pv(aware, city).overhang, pv(blind, city).overhang) << "full pipeline";
}

TEST(MarketAccess, MillPricesSpreadOnlyUnderFragmentation) {
  // Each city's expected price is its own mill price of last year: under fragmentation and
  // protection, importers' producers receive up to P*(1 + t_m); in a unified market every city
  // price lies in [P*, P*(1 + t0)], so last year's means differ by at most the factor 1 + t0.
  auto spread = [](double kappa) {
    Model m = make_model(testing::small_config({"world.years=2", "firms.expectations=market_access",
                                                "market.kappa=" + std::to_string(kappa)}));
    for (int q = 0; q < 4; ++q) step(m);
    const auto& w = m.world;
    const Outlooks o(w, m.params);
    double top = 0, bottom = 1e300;
    for (std::size_t i = 0; i < w.num_cities(); ++i) {
      const double mill = w.cities.mill_price_last_year[pv_cell(w, i)];
      const auto& n = o.national(sim::TrackId(0));
      // In equilibrium no city's price exceeds the pool price plus its wedge: the cap of 5.9
      // binds only where year means drift past it, so the expectation is within it.
      EXPECT_LE(pv(o, i).price, mill * (1.0 + n.growth) * (1.0 + m.params.firms.optimism));
      top = std::max(top, mill);
      bottom = std::min(bottom, mill);
    }
    return top / bottom;
  };
  EXPECT_LE(spread(0.0), 1.05 + 1e-12);
  EXPECT_GT(spread(1.0), 1.05);
}

}  // namespace
}  // namespace regsim::agents
