// Order-book builders and equilibrium checks shared by the market solver tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "sim/market.h"

namespace regsim::sim::test {

struct Offer {
  int city;
  double reservation;
  double capacity;
  double util_cost = 0.0;  ///< omega (cournot only)
  double must_run = 0.0;   ///< minimum output (cournot only)
};

/// Builds a book from offers listed city by city, each city's offers in merit order. The
/// cournot-only vectors stay empty unless some offer sets them.
inline TrackOrderBook make_book(std::vector<double> scale, std::vector<double> wedge,
                                const std::vector<Offer>& offers, double eta = 1.0,
                                double pref = 1.0, double floor = 0.0) {
  TrackOrderBook b;
  b.num_cities = static_cast<int>(scale.size());
  b.eta = eta;
  b.pref = pref;
  b.price_floor = floor;
  b.demand_scale = std::move(scale);
  b.wedge = std::move(wedge);
  b.city_start.assign(static_cast<std::size_t>(b.num_cities) + 1, 0);
  const bool util =
      std::any_of(offers.begin(), offers.end(), [](const Offer& o) { return o.util_cost != 0.0; });
  const bool must =
      std::any_of(offers.begin(), offers.end(), [](const Offer& o) { return o.must_run != 0.0; });
  for (const Offer& o : offers) {
    b.offer_reservation.push_back(o.reservation);
    b.offer_capacity.push_back(o.capacity);
    if (util) b.offer_util_cost.push_back(o.util_cost);
    if (must) b.offer_must_run.push_back(o.must_run);
    ++b.city_start[static_cast<std::size_t>(o.city) + 1];
  }
  for (std::size_t m = 0; m < static_cast<std::size_t>(b.num_cities); ++m) {
    b.city_start[m + 1] += b.city_start[m];
  }
  return b;
}

inline double demand_at(const TrackOrderBook& b, std::size_t m, double p) {
  return b.demand_scale[m] == 0.0 ? 0.0 : b.demand_scale[m] * std::pow(p / b.pref, -b.eta);
}

/// Uniform in [0, 1) from the raw 32-bit output (std:: distributions differ across libraries).
inline double u01(std::mt19937& g) {
  return static_cast<double>(g()) / 4294967296.0;
}

/// A random but valid book: some cities without demand, without offers, with zero-capacity
/// offers or with negative reservations (subsidy above cost).
inline TrackOrderBook random_book(std::uint32_t seed, int max_cities = 30, int max_offers = 12) {
  std::mt19937 g(seed);
  const int cities = 1 + static_cast<int>(g() % static_cast<std::uint32_t>(max_cities));
  std::vector<double> scale;
  std::vector<double> wedge;
  std::vector<Offer> offers;
  for (int m = 0; m < cities; ++m) {
    scale.push_back(u01(g) < 0.1 ? 0.0 : 0.1 + 10.0 * u01(g));
    const double w = u01(g);
    wedge.push_back(w < 0.15 ? 0.0 : (w > 0.95 ? 50.0 : u01(g)));
    const int n = static_cast<int>(g() % static_cast<std::uint32_t>(max_offers));
    std::vector<double> res;
    for (int i = 0; i < n; ++i) res.push_back(-0.5 + 3.0 * u01(g));
    if (n > 2 && u01(g) < 0.3) res[1] = res[0];  // a tie in the merit order
    std::sort(res.begin(), res.end());
    for (double r : res) offers.push_back({m, r, u01(g) < 0.1 ? 0.0 : 5.0 * u01(g)});
  }
  const double eta = 0.5 + 2.5 * u01(g);
  const double pref = 0.5 + 1.5 * u01(g);
  return make_book(scale, wedge, offers, eta, pref);
}

/// Spatial balance every clearing must satisfy, whatever the conduct: result sizes, exporters
/// at P*, importers at P*(1 + t), autarkic cities in between, demand on the demand curve,
/// exports = imports, supply = demand, 0 <= output <= capacity (fatal failures for results
/// of the wrong shape: check HasFatalFailure() after it).
inline void expect_spatial_balance(const TrackOrderBook& b, const TrackClearing& c) {
  const auto cities = static_cast<std::size_t>(b.num_cities);
  ASSERT_EQ(c.city_price.size(), cities);
  ASSERT_EQ(c.city_demand.size(), cities);
  ASSERT_EQ(c.city_supply.size(), cities);
  ASSERT_EQ(c.net_export.size(), cities);
  ASSERT_EQ(c.offer_output.size(), b.offer_capacity.size());
  const double p_star = c.export_price;
  ASSERT_TRUE(std::isfinite(p_star));
  ASSERT_GT(p_star, 0.0);
  EXPECT_GE(p_star, b.price_floor);
  double total_demand = 0.0;
  double total_supply = 0.0;
  for (std::size_t m = 0; m < cities; ++m) {
    total_demand += c.city_demand[m];
    total_supply += c.city_supply[m];
  }
  const double tol = 1e-9 * (1.0 + total_demand);
  EXPECT_NEAR(c.exports, c.imports, tol);
  EXPECT_NEAR(total_supply, total_demand, tol);
  double exports = 0.0;
  double imports = 0.0;
  for (std::size_t m = 0; m < cities; ++m) {
    SCOPED_TRACE(testing::Message() << "city " << m);
    const double p = c.city_price[m];
    const double q = p_star * (1.0 + b.wedge[m]);
    ASSERT_TRUE(std::isfinite(p));
    EXPECT_GT(p, 0.0);
    EXPECT_GE(p, p_star * (1.0 - 1e-12));
    EXPECT_LE(p, q * (1.0 + 1e-12));
    EXPECT_NEAR(c.city_demand[m], demand_at(b, m, p), 1e-12 * (1.0 + c.city_demand[m]));
    EXPECT_NEAR(c.net_export[m], c.city_supply[m] - c.city_demand[m], tol);
    if (c.net_export[m] > tol) {
      EXPECT_NEAR(p, p_star, 1e-12 * p_star);
    }
    if (c.net_export[m] < -tol) {
      EXPECT_NEAR(p, q, 1e-12 * q);
    }
    exports += std::max(c.net_export[m], 0.0);
    imports += std::max(-c.net_export[m], 0.0);
    double produced = 0.0;
    for (std::uint32_t i = b.city_start[m]; i < b.city_start[m + 1]; ++i) {
      EXPECT_GE(c.offer_output[i], 0.0) << "offer " << i;
      EXPECT_LE(c.offer_output[i], std::max(b.offer_capacity[i], 0.0)) << "offer " << i;
      produced += c.offer_output[i];
    }
    EXPECT_NEAR(c.city_supply[m], produced, tol);
  }
  EXPECT_NEAR(c.exports, exports, tol);
  EXPECT_NEAR(c.imports, imports, tol);
}

}  // namespace regsim::sim::test
