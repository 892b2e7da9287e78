// Hand-worked equilibria of the Cournot market solver: markups, capacities, utilisation cost,
// soft budgets, price wars and market integration, with the arithmetic in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "market_books.h"
#include "sim/market.h"

namespace regsim::sim {
namespace {

using test::expect_spatial_balance;
using test::make_book;
using test::Offer;

MarketParams cournot(double theta = 1.0, double max_lerner = 0.9, double psi = 2.0) {
  MarketParams p;
  p.conduct = "cournot";
  p.theta = theta;
  p.max_lerner = max_lerner;
  p.util_curvature = psi;
  return p;
}

TrackClearing solve(const TrackOrderBook& book, const MarketParams& params) {
  TrackClearing c;
  make_market_solver(params)->solve(book, c);
  return c;
}

// One market, D = 10/P (eta = 1), Cournot (theta = 1), flat costs.
//   firm 1: c = 0.5, K = 2;  firm 2: c = 1, K = 100.
// Unconstrained duopoly: s_f = 1 - c_f/P, sum = 1 => 2 - 1.5/P = 1 => P = 1.5, Q = 20/3,
// s_1 = 2/3 => q_1 = 40/9 > K_1 = 2: firm 1's capacity binds.
// So q_1 = 2 and firm 2 best-responds: P (1 - q_2/Q) = 1 with Q = 2 + q_2, P = 10/Q
//   => 10 (Q - q_2) / Q^2 = 1 => 10 * 2 = Q^2 => Q = sqrt(20), P = sqrt(5) = 2.2360680,
//   q_2 = sqrt(20) - 2 = 2.4721360.
// Firm 1 would like more: P (1 - 2/Q) = 2.236 * 0.553 = 1.236 > 0.5. Lerner indices 0.447 and
// 0.553 stay below the cap 0.9.
TEST(CournotSolver, TwoFirmsOneCapacityBindingOneNot) {
  const auto book = make_book({10.0}, {0.0}, {{0, 0.5, 2.0}, {0, 1.0, 100.0}});
  const auto c = solve(book, cournot());
  EXPECT_NEAR(c.export_price, std::sqrt(5.0), 1e-12);
  EXPECT_NEAR(c.city_price[0], std::sqrt(5.0), 1e-12);
  EXPECT_NEAR(c.offer_output[0], 2.0, 1e-12);
  EXPECT_NEAR(c.offer_output[1], std::sqrt(20.0) - 2.0, 1e-10);
  EXPECT_NEAR(c.city_demand[0], std::sqrt(20.0), 1e-10);
  // Firm 2's first-order condition holds: P (1 - s_2 / eta) = c_2.
  EXPECT_NEAR(c.city_price[0] * (1.0 - c.offer_output[1] / c.city_demand[0]), 1.0, 1e-10);
  expect_spatial_balance(book, c);
}

// n identical firms (c = 1, ample capacity), eta = 1.5, D = 100 P^-1.5, conduct theta:
// s = 1/n, so P (1 - theta / (n eta)) = 1 => P = n eta / (n eta - theta); the markup
// P/c - 1 = theta / (n eta - theta) falls as the track crowds. theta = 1: n = 2 -> 3/2,
// n = 3 -> 9/7, n = 5 -> 15/13, n = 10 -> 15/14; each firm makes D(P)/n.
TEST(CournotSolver, SymmetricFirmsPriceAtTheCournotMarkup) {
  for (const double theta : {1.0, 0.5}) {
    double last = 1e9;
    for (const int n : {2, 3, 5, 10, 40}) {
      SCOPED_TRACE(testing::Message() << "theta " << theta << " n " << n);
      std::vector<Offer> offers(static_cast<std::size_t>(n), Offer{0, 1.0, 1e6});
      const auto book = make_book({100.0}, {0.0}, offers, 1.5);
      const auto c = solve(book, cournot(theta));
      const double ne = n * 1.5;
      const double p = ne / (ne - theta);
      EXPECT_NEAR(c.export_price, p, 1e-12 * p);
      for (double q : c.offer_output) EXPECT_NEAR(q, 100.0 * std::pow(p, -1.5) / n, 1e-10);
      EXPECT_LT(c.export_price, last);  // markups fall as the track crowds
      last = c.export_price;
      expect_spatial_balance(book, c);
    }
  }
}

// The same 4 firms spread over 3 cities with no wedges are one market: P = 6/5 (n eta = 6)
// everywhere, whichever city holds the firms and the demand (60 + 30 + 10 = 100).
TEST(CournotSolver, NoWedgesIsOneCournotMarket) {
  const auto book = make_book({60.0, 30.0, 10.0}, {0.0, 0.0, 0.0},
                              {{0, 1.0, 1e6}, {2, 1.0, 1e6}, {2, 1.0, 1e6}, {2, 1.0, 1e6}}, 1.5);
  const auto c = solve(book, cournot());
  for (double p : c.city_price) EXPECT_NEAR(p, 1.2, 1e-12);
  for (double q : c.offer_output) EXPECT_NEAR(q, 25.0 * std::pow(1.2, -1.5), 1e-10);
  expect_spatial_balance(book, c);
}

// Two identical cities (A = 1 each, eta = 1.5), each with 2 firms (c = 1, ample capacity),
// wedge t in both: by symmetry nothing trades. A firm's accessible market is
// M = mu p^-eta with mu = A (1 + a), a = (1 + t)^-eta, and it supplies half its city:
// s = 1 / (2 (1 + a)), so p = 1 / (1 - s / eta).
//   t huge: a = 0, s = 1/2, p = 1.5 (local duopoly);  t = 0: a = 1, s = 1/4, p = 1.2
//   (the 4-firm integrated market); in between the price falls as t falls (unification).
TEST(CournotSolver, UnificationLowersMarkups) {
  double last = 1e9;
  for (const double t : {1e9, 2.0, 1.0, 0.5, 0.2, 0.05, 0.0}) {
    SCOPED_TRACE(testing::Message() << "wedge " << t);
    const auto book = make_book({1.0, 1.0}, {t, t},
                                {{0, 1.0, 1e6}, {0, 1.0, 1e6}, {1, 1.0, 1e6}, {1, 1.0, 1e6}}, 1.5);
    const auto c = solve(book, cournot(1.0, 0.5));
    const double a = std::pow(1.0 + t, -1.5);
    const double p = 1.0 / (1.0 - 1.0 / (2.0 * 1.5 * (1.0 + a)));
    EXPECT_NEAR(c.city_price[0], p, 1e-12 * p);
    EXPECT_NEAR(c.city_price[1], p, 1e-12 * p);
    EXPECT_NEAR(c.exports, 0.0, 1e-9);
    EXPECT_LT(c.city_price[0], last);
    last = c.city_price[0];
    expect_spatial_balance(book, c);
  }
  EXPECT_NEAR(last, 1.2, 1e-12);
}

// Utilisation cost, price taking (theta = 0), psi = 2: mc = r + omega u^2, so u = sqrt((p-r)/w).
// omega = 1, K = 10: firm 1 r = 1.01, firm 2 r = 1.1. At p = 1.26: u_1 = 0.5, u_2 = 0.4,
// Q = 9; demand A/p = 9 gives A = 11.34. Both plants run part-loaded (CU = 0.45).
// psi = 1 (u = (p - r)/omega): u = 0.25 and 0.16 at p = 1.26, Q = 4.1, A = 5.166.
// psi = 3: r = 1.26 - 0.125 and 1.26 - 0.064 give u = 0.5 and 0.4 again, A = 11.34.
TEST(CournotSolver, UtilisationCostGivesPartialLoad) {
  struct Case {
    double psi, r1, r2, a, u1, u2;
  };
  for (const Case& k :
       {Case{2.0, 1.01, 1.1, 11.34, 0.5, 0.4}, Case{1.0, 1.01, 1.1, 5.166, 0.25, 0.16},
        Case{3.0, 1.26 - 0.125, 1.26 - 0.064, 11.34, 0.5, 0.4}}) {
    SCOPED_TRACE(testing::Message() << "psi " << k.psi);
    const auto book = make_book({k.a}, {0.0}, {{0, k.r1, 10.0, 1.0}, {0, k.r2, 10.0, 1.0}});
    const auto c = solve(book, cournot(0.0, 0.9, k.psi));
    EXPECT_NEAR(c.export_price, 1.26, 1e-12);
    EXPECT_NEAR(c.offer_output[0], 10.0 * k.u1, 1e-10);
    EXPECT_NEAR(c.offer_output[1], 10.0 * k.u2, 1e-10);
    expect_spatial_balance(book, c);
  }
}

// Cournot with a linear utilisation cost (psi = 1): two identical firms r = 1, omega = 1,
// K = 10, eta = 2, theta = 1. Symmetric s = 1/2: p (1 - 1/4) = 1 + u. With u = 1/2: p = 2,
// Q = 20 u = 10 = A / p^2 => A = 40. Lerner 1/4 (below the default cap 0.5).
TEST(CournotSolver, CournotWithUtilisationCost) {
  const auto book = make_book({40.0}, {0.0}, {{0, 1.0, 10.0, 1.0}, {0, 1.0, 10.0, 1.0}}, 2.0);
  const auto c = solve(book, cournot(1.0, 0.5, 1.0));
  EXPECT_NEAR(c.export_price, 2.0, 1e-12);
  EXPECT_NEAR(c.offer_output[0], 5.0, 1e-10);
  EXPECT_NEAR(c.offer_output[1], 5.0, 1e-10);
}

// Soft budget, price taking with flat costs: D = 4/P; firm 1 c = 1, K = 10; firm 2 c = 1,
// K = 5. Without a soft budget P = 1 on the common step (4 units, pro rata 8/3 and 4/3).
// Firm 2 soft-budget (reservation 0.6 = c - z (F + i) per unit): it makes K = 5 at any
// P >= 0.6, and 4/P = 5 => P = 0.8 < 1 = its cost: it sells at a loss, firm 1 idles, and the
// price falls from 1 to 0.8 for everyone.
TEST(CournotSolver, SoftBudgetOfferProducesAtALossAndLowersThePrice) {
  const auto params = cournot(0.0);
  const auto hard = solve(make_book({4.0}, {0.0}, {{0, 1.0, 10.0}, {0, 1.0, 5.0}}), params);
  EXPECT_DOUBLE_EQ(hard.export_price, 1.0);
  EXPECT_NEAR(hard.offer_output[0], 8.0 / 3.0, 1e-10);
  EXPECT_NEAR(hard.offer_output[1], 4.0 / 3.0, 1e-10);
  const auto book = make_book({4.0}, {0.0}, {{0, 0.6, 5.0}, {0, 1.0, 10.0}});
  const auto soft = solve(book, params);
  EXPECT_NEAR(soft.export_price, 0.8, 1e-12);
  EXPECT_NEAR(soft.offer_output[0], 5.0, 1e-10);  // the soft-budget firm, price 0.8 < cost 1
  EXPECT_EQ(soft.offer_output[1], 0.0);
  expect_spatial_balance(book, soft);
}

// Soft budget under Cournot: 3 firms c = 1, eta = 1, D = 10/P: P = 3/(3 - 1) = 1.5.
// A state-backed firm among them with reservation -0.5 (its soft budget exceeds its cost) and
// K = 12 runs flat out at any price (even at the Lerner cap, P (1 - 0.9) > -0.5):
// Q >= 12 => P = 10/12 < 1; the two others stop (P < c). The same happens when it must run
// 12 units by mandate (reservation 1, must-run 12).
TEST(CournotSolver, SoftBudgetAndMustRunDepressTheCournotPrice) {
  const auto base = solve(
      make_book({10.0}, {0.0}, {{0, 1.0, 100.0}, {0, 1.0, 100.0}, {0, 1.0, 100.0}}), cournot());
  EXPECT_NEAR(base.export_price, 1.5, 1e-12);
  const auto soft_book =
      make_book({10.0}, {0.0}, {{0, -0.5, 12.0}, {0, 1.0, 100.0}, {0, 1.0, 100.0}});
  const auto mandate_book =
      make_book({10.0}, {0.0}, {{0, 1.0, 100.0}, {0, 1.0, 100.0}, {0, 1.0, 12.0, 0.0, 12.0}});
  const auto soft = solve(soft_book, cournot());
  const auto mandate = solve(mandate_book, cournot());
  EXPECT_NEAR(soft.export_price, 10.0 / 12.0, 1e-12);
  EXPECT_NEAR(soft.offer_output[0], 12.0, 1e-10);
  EXPECT_EQ(soft.offer_output[1], 0.0);
  EXPECT_NEAR(mandate.export_price, 10.0 / 12.0, 1e-12);
  EXPECT_NEAR(mandate.offer_output[2], 12.0, 1e-10);
  EXPECT_EQ(mandate.offer_output[0], 0.0);
  expect_spatial_balance(soft_book, soft);
  expect_spatial_balance(mandate_book, mandate);
}

// Price war: the firms of UtilisationCostGivesPartialLoad with omega = 3 and Cournot conduct.
// Last quarter's CU 0.5 is below u_war - width = 0.65, so w = 1: theta_e = 0 and firms price
// at average variable cost r + omega u^2 / 3 = r + u^2. At p = 1.26, u = 0.5 and 0.4 again
// (A = 11.34), and p equals both firms' AVC (zero variable profit): the marginal firm (r = 1.1)
// sells at exactly its AVC 1.1 + 3 * 0.16 / 3 = 1.26. Without the war (CU 0.9) the same book
// prices higher and runs lower; at CU 0.7 (w = 0.5) it lies in between.
TEST(CournotSolver, PriceWarPricesAtAverageVariableCost) {
  auto book = make_book({11.34}, {0.0}, {{0, 1.01, 10.0, 3.0}, {0, 1.1, 10.0, 3.0}});
  const auto params = cournot(1.0, 0.5);
  book.utilisation_signal = 0.5;
  const auto war = solve(book, params);
  EXPECT_EQ(war.war_intensity, 1.0);
  EXPECT_EQ(war.conduct, 0.0);
  EXPECT_NEAR(war.export_price, 1.26, 1e-12);
  EXPECT_NEAR(war.offer_output[0], 5.0, 1e-10);
  EXPECT_NEAR(war.offer_output[1], 4.0, 1e-10);
  const double avc_marginal = 1.1 + 3.0 * std::pow(war.offer_output[1] / 10.0, 2.0) / 3.0;
  EXPECT_LE(war.export_price, avc_marginal * (1.0 + 1e-12));
  book.utilisation_signal = 0.9;
  const auto peace = solve(book, params);
  EXPECT_EQ(peace.war_intensity, 0.0);
  book.utilisation_signal = 0.7;
  const auto half = solve(book, params);
  EXPECT_DOUBLE_EQ(half.war_intensity, 0.5);
  EXPECT_GT(peace.export_price, half.export_price);
  EXPECT_GT(half.export_price, war.export_price);
  EXPECT_LT(peace.offer_output[0] + peace.offer_output[1], 9.0);
  // A soft-budget firm in the war (reservation 0.5, K = 12, flat cost) runs flat out: at
  // p = 1.01 it alone offers 12 > 11.34 / 1.01, so the price falls to 11.34 / 12 = 0.945,
  // below every ordinary firm's cash cost (AVC >= r >= 1.01): they stop, it sells at a loss.
  auto soft =
      make_book({11.34}, {0.0}, {{0, 0.5, 12.0}, {0, 1.01, 10.0, 3.0}, {0, 1.1, 10.0, 3.0}});
  soft.utilisation_signal = 0.5;
  const auto c = solve(soft, params);
  EXPECT_NEAR(c.export_price, 0.945, 1e-12);
  EXPECT_NEAR(c.offer_output[0], 12.0, 1e-10);
  EXPECT_EQ(c.offer_output[1], 0.0);
  EXPECT_EQ(c.offer_output[2], 0.0);
  expect_spatial_balance(soft, c);
}

// The rule w = clamp((u_war - CU) / width, 0, 1) and the utilisation cost integral.
TEST(CournotSolver, WarIntensityAndUtilisationCostHelpers) {
  MarketParams p;  // u_war 0.75, width 0.1
  EXPECT_EQ(war_intensity(p, -1.0), 0.0);
  EXPECT_EQ(war_intensity(p, 0.9), 0.0);
  EXPECT_EQ(war_intensity(p, 0.75), 0.0);
  EXPECT_NEAR(war_intensity(p, 0.7), 0.5, 1e-12);
  EXPECT_EQ(war_intensity(p, 0.6), 1.0);
  // omega = 3, psi = 2, K = 10, q = 4: 3 * 10 * 0.4^3 / 3 = 0.64 (AVC adds 0.16 = 3 * 0.16 / 3).
  EXPECT_NEAR(utilisation_cost(3.0, 2.0, 10.0, 4.0), 0.64, 1e-12);
  // psi = 1: 2 * 10 * 0.5^2 / 2 = 2.5; psi = 3: 4 * 10 * 0.5^4 / 4 = 0.625.
  EXPECT_NEAR(utilisation_cost(2.0, 1.0, 10.0, 5.0), 2.5, 1e-12);
  EXPECT_NEAR(utilisation_cost(4.0, 3.0, 10.0, 5.0), 0.625, 1e-12);
  EXPECT_EQ(utilisation_cost(3.0, 2.0, 0.0, 4.0), 0.0);
  EXPECT_EQ(utilisation_cost(0.0, 2.0, 10.0, 4.0), 0.0);
}

}  // namespace
}  // namespace regsim::sim
