// Properties of the Cournot market solver on random books: first-order conditions, balance,
// limits (competitive, integrated, autarkic), determinism, floors and malformed input.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include "market_books.h"
#include "sim/market.h"
#include "sim/market_cournot.h"
#include "sim/market_cournot_kernel.h"

namespace regsim::sim {
namespace {

using test::expect_spatial_balance;
using test::make_book;
using test::Offer;
using test::random_book;
using test::u01;

TrackClearing solve(const TrackOrderBook& book, const MarketParams& params) {
  TrackClearing c;
  make_market_solver(params)->solve(book, c);
  return c;
}

/// random_book plus utilisation costs (most offers), must-run quantities (some) and a
/// utilisation signal; `params` gets a random conduct, Lerner cap and curvature.
TrackOrderBook random_cournot_book(std::uint32_t seed, MarketParams& params, bool all_util) {
  TrackOrderBook b = random_book(seed, 30, 12);
  std::mt19937 g(seed * 7919u + 1u);
  const std::size_t n = b.offer_capacity.size();
  b.offer_util_cost.resize(n);
  b.offer_must_run.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    b.offer_util_cost[i] = all_util || u01(g) < 0.8 ? 0.05 + 2.0 * u01(g) : 0.0;
    b.offer_must_run[i] = u01(g) < 0.1 ? b.offer_capacity[i] * u01(g) : 0.0;
  }
  b.utilisation_signal = u01(g) < 0.3 ? -1.0 : u01(g);
  params.conduct = "cournot";
  params.theta = 2.0 * u01(g);
  params.max_lerner = 0.05 + 0.85 * u01(g);
  const double psis[] = {1.0, 2.0, 2.5, 4.0};
  params.util_curvature = psis[g() % 4];
  return b;
}

/// Every offer satisfies its first-order condition at its city's price:
///   phi = p (1 - min(theta_e s / eta, L)) - (r + lambda omega u^psi),  s = q / (mu p^-eta),
/// phi = 0 inside (must-run, capacity), phi >= 0 at capacity, phi <= 0 at must-run or zero.
void expect_first_order_conditions(const TrackOrderBook& b, const MarketParams& prm,
                                   const TrackClearing& c) {
  const auto cities = static_cast<std::size_t>(b.num_cities);
  std::vector<double> a(cities), coef(cities);
  double reach = 0.0;
  for (std::size_t m = 0; m < cities; ++m) {
    coef[m] = b.demand_scale[m] * std::pow(b.pref, b.eta);
    a[m] = std::pow(1.0 + b.wedge[m], -b.eta);
    reach += a[m] * coef[m];
  }
  const double lambda = 1.0 - c.war_intensity * prm.util_curvature / (prm.util_curvature + 1.0);
  for (std::size_t m = 0; m < cities; ++m) {
    const double p = c.city_price[m];
    const double market = (reach + (1.0 - a[m]) * coef[m]) * std::pow(p, -b.eta);
    for (std::uint32_t i = b.city_start[m]; i < b.city_start[m + 1]; ++i) {
      const double k = b.offer_capacity[i], q = c.offer_output[i], r = b.offer_reservation[i];
      const double must = b.offer_must_run.empty() ? 0.0 : b.offer_must_run[i];
      const double omega = b.offer_util_cost.empty() ? 0.0 : b.offer_util_cost[i];
      if (!(k > 0.0)) continue;
      const double u = q / k;
      const double lerner = std::min(c.conduct * (q / market) / b.eta, prm.max_lerner);
      const double phi =
          p * (1.0 - lerner) - (r + lambda * omega * std::pow(u, prm.util_curvature));
      const double tol = 1e-8 * (1.0 + p + std::abs(r) + omega);
      SCOPED_TRACE(testing::Message() << "city " << m << " offer " << i << " u " << u);
      if (q >= k * (1.0 - 1e-12)) {
        EXPECT_GE(phi, -tol);
      } else if (q <= must + 1e-12 * k) {
        EXPECT_LE(phi, tol);
      } else {
        EXPECT_NEAR(phi, 0.0, tol);
      }
      EXPECT_GE(q, must * (1.0 - 1e-12));
    }
  }
}

TEST(CournotSolverProperties, RandomBooksBalanceAndMeetFirstOrderConditions) {
  int solved = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    MarketParams prm;
    const auto book = random_cournot_book(seed, prm, seed % 2 == 0);
    const auto c = solve(book, prm);
    if (c.export_price == 0.0) continue;  // no usable capacity or no demand
    ++solved;
    expect_spatial_balance(book, c);
    if (HasFatalFailure()) return;
    expect_first_order_conditions(book, prm, c);
  }
  EXPECT_GT(solved, 250);
}

// theta = 0 (or a Lerner cap of 0) with flat costs and no must-run: the merit order of the
// competitive solver, to rounding.
TEST(CournotSolverProperties, PriceTakingWithFlatCostIsTheCompetitiveMeritOrder) {
  const auto competitive = make_market_solver("bisection");
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    const auto book = random_book(seed, 30, 12);
    TrackClearing ref;
    competitive->solve(book, ref);
    MarketParams zero_theta, zero_cap;
    zero_theta.conduct = zero_cap.conduct = "cournot";
    zero_theta.theta = 0.0;
    zero_cap.max_lerner = 0.0;
    for (const MarketParams& prm : {zero_theta, zero_cap}) {
      const auto c = solve(book, prm);
      EXPECT_NEAR(c.export_price, ref.export_price, 1e-12 * ref.export_price);
      for (std::size_t m = 0; m < ref.city_price.size(); ++m) {
        EXPECT_NEAR(c.city_price[m], ref.city_price[m], 1e-12 * ref.city_price[m]);
        EXPECT_NEAR(c.net_export[m], ref.net_export[m], 1e-9);
      }
      for (std::size_t i = 0; i < ref.offer_output.size(); ++i)
        EXPECT_NEAR(c.offer_output[i], ref.offer_output[i], 1e-9) << "offer " << i;
    }
  }
}

// No wedges: the cities are one Cournot market, equal to one city holding every offer and the
// summed demand.
TEST(CournotSolverProperties, ZeroWedgesEqualOnePooledMarket) {
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    MarketParams prm;
    auto book = random_cournot_book(seed, prm, true);
    std::fill(book.wedge.begin(), book.wedge.end(), 0.0);
    std::vector<std::size_t> order(book.offer_capacity.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return book.offer_reservation[x] < book.offer_reservation[y];
    });
    std::vector<Offer> pooled;
    for (std::size_t i : order)
      pooled.push_back({0, book.offer_reservation[i], book.offer_capacity[i],
                        book.offer_util_cost[i], book.offer_must_run[i]});
    const double total = std::accumulate(book.demand_scale.begin(), book.demand_scale.end(), 0.0);
    auto one = make_book({total}, {0.0}, pooled, book.eta, book.pref);
    one.utilisation_signal = book.utilisation_signal;
    const auto c = solve(book, prm);
    const auto c1 = solve(one, prm);
    if (c1.export_price == 0.0) continue;
    EXPECT_NEAR(c.export_price, c1.export_price, 1e-12 * c1.export_price);
    for (std::size_t j = 0; j < order.size(); ++j)
      EXPECT_NEAR(c.offer_output[order[j]], c1.offer_output[j], 1e-9) << "offer " << order[j];
  }
}

// Prohibitive wedges (t = 1e12: access a = (1 + t)^-eta <= 1e-6 at eta >= 0.5): a city that
// does not trade is its own Cournot market, as if solved alone, to about a (the others' demand
// still counts a little in its firms' accessible market; measured gaps are ~5e-8). (Cities can
// still trade: firms in cities without demand export with negative reservations or must-run
// output.)
TEST(CournotSolverProperties, HugeWedgesMakeEveryCityItsOwnMarket) {
  int compared = 0;
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    MarketParams prm;
    auto book = random_cournot_book(seed, prm, true);
    std::fill(book.wedge.begin(), book.wedge.end(), 1e12);
    const auto c = solve(book, prm);
    if (c.export_price == 0.0) continue;
    for (std::size_t m = 0; m < static_cast<std::size_t>(book.num_cities); ++m) {
      const std::uint32_t b = book.city_start[m], e = book.city_start[m + 1];
      if (book.demand_scale[m] == 0.0 || b == e || c.net_export[m] != 0.0) continue;
      std::vector<Offer> own;
      for (std::uint32_t i = b; i < e; ++i)
        own.push_back({0, book.offer_reservation[i], book.offer_capacity[i],
                       book.offer_util_cost[i], book.offer_must_run[i]});
      auto alone = make_book({book.demand_scale[m]}, {0.0}, own, book.eta, book.pref);
      alone.utilisation_signal = book.utilisation_signal;
      const auto a = solve(alone, prm);
      if (a.export_price == 0.0) continue;
      ++compared;
      EXPECT_NEAR(c.city_price[m], a.city_price[0], 1e-6 * a.city_price[0]) << "city " << m;
      for (std::uint32_t i = b; i < e; ++i)
        EXPECT_NEAR(c.offer_output[i], a.offer_output[i - b], 1e-6 * (1.0 + a.offer_output[i - b]))
            << "offer " << i;
    }
  }
  EXPECT_GT(compared, 200);
}

TEST(CournotSolverProperties, AddingCapacityNeverRaisesTheExportPrice) {
  for (std::uint32_t seed = 500; seed < 600; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    MarketParams prm;
    auto book = random_cournot_book(seed, prm, false);
    if (book.offer_capacity.empty()) continue;
    const auto before = solve(book, prm);
    std::mt19937 g(seed);
    for (int k = 0; k < 3; ++k) book.offer_capacity[g() % book.offer_capacity.size()] += 2.0;
    const auto after = solve(book, prm);
    if (before.export_price == 0.0) continue;
    EXPECT_LE(after.export_price, before.export_price * (1.0 + 1e-12));
  }
}

TEST(CournotSolverProperties, DeterministicForAnyThreadCountAndHint) {
  std::vector<TrackOrderBook> books;
  std::vector<MarketParams> params;
  for (std::uint32_t seed = 1; seed <= 48; ++seed) {
    MarketParams prm;
    books.push_back(random_cournot_book(seed, prm, seed % 3 != 0));
    params.push_back(prm);
  }
  auto solve_all = [&](std::size_t threads) {
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    std::vector<TrackClearing> out(books.size());
    tbb::parallel_for(std::size_t{0}, books.size(),
                      [&](std::size_t j) { out[j] = solve(books[j], params[j]); });
    return out;
  };
  const auto one = solve_all(1), many = solve_all(4);
  for (std::size_t j = 0; j < books.size(); ++j) {
    SCOPED_TRACE(testing::Message() << "book " << j);
    EXPECT_EQ(one[j].export_price, many[j].export_price);
    EXPECT_EQ(one[j].city_price, many[j].city_price);
    EXPECT_EQ(one[j].offer_output, many[j].offer_output);
    EXPECT_EQ(one[j].net_export, many[j].net_export);
    // Hints only move where the searches start: the answer moves by rounding at most. City
    // hints: last answer's city prices, some moved, some outside [P*, Q_m], some absent.
    if (one[j].export_price == 0.0) continue;
    std::vector<double> city_hint = one[j].city_price;
    for (std::size_t m = 0; m < city_hint.size(); ++m)
      city_hint[m] *= m % 4 == 0 ? 1.0 : (m % 4 == 1 ? 0.995 : (m % 4 == 2 ? 3.0 : 0.0));
    for (double hint : {one[j].export_price * 0.97, one[j].export_price * 1.5, 1e-6, 1e6}) {
      auto hinted = books[j];
      hinted.price_hint = hint;
      if (hint > 1.0) hinted.city_price_hint = city_hint;
      const auto h = solve(hinted, params[j]);
      EXPECT_NEAR(h.export_price, one[j].export_price, 1e-12 * one[j].export_price);
      for (std::size_t i = 0; i < h.offer_output.size(); ++i)
        EXPECT_NEAR(h.offer_output[i], one[j].offer_output[i], 1e-9);
    }
  }
}

// Binding floor 4 on D = 1/P with two price takers (r = 1 and 2, K = 10, flat): both want
// their capacity at 4, demand is 1/4; output is cut pro rata (a quota): 1/8 each.
TEST(CournotSolverProperties, BindingFloorCutsOutputProRata) {
  MarketParams prm;
  prm.conduct = "cournot";
  prm.theta = 0.0;
  const auto book = make_book({1.0}, {0.0}, {{0, 1.0, 10.0}, {0, 2.0, 10.0}}, 1.0, 1.0, 4.0);
  const auto c = solve(book, prm);
  EXPECT_EQ(c.export_price, 4.0);
  EXPECT_NEAR(c.offer_output[0], 0.125, 1e-12);
  EXPECT_NEAR(c.offer_output[1], 0.125, 1e-12);
  expect_spatial_balance(book, c);
}

// Binding floor 4 with an importing city: city 0 (D = 1/P) has the only firm (r = 1, K = 10),
// city 1 (D = 1/P, wedge 0.5) imports at 6. Demand 1/4 + 1/6 = 5/12 is all the firm makes;
// city 1's regime at the floor is found, not assumed (each city was once taken as an exporter).
TEST(CournotSolverProperties, BindingFloorWithAnImporter) {
  MarketParams prm;
  prm.conduct = "cournot";
  prm.theta = 0.0;
  const auto book = make_book({1.0, 1.0}, {0.0, 0.5}, {{0, 1.0, 10.0}}, 1.0, 1.0, 4.0);
  const auto c = solve(book, prm);
  EXPECT_EQ(c.export_price, 4.0);
  EXPECT_DOUBLE_EQ(c.city_price[1], 6.0);
  EXPECT_NEAR(c.net_export[1], -1.0 / 6.0, 1e-12);
  EXPECT_NEAR(c.offer_output[0], 5.0 / 12.0, 1e-12);
  expect_spatial_balance(book, c);
}

TEST(CournotSolverProperties, EmptyBookClearsToZeros) {
  MarketParams prm;
  prm.conduct = "cournot";
  const auto c = solve(make_book({1.0, 2.0}, {0.1, 0.0}, {}), prm);
  EXPECT_EQ(c.export_price, 0.0);
  EXPECT_EQ(c.city_price, std::vector<double>(2, 0.0));
  EXPECT_EQ(c.exports, 0.0);
}

// The vectorised firm loops (an AVX2 clone where the CPU has it) give the same doubles as the
// scalar formula, offer by offer, in every branch: steps, capped, uncapped, must-run.
TEST(CournotSolverProperties, VectorisedKernelEqualsScalarFormula) {
  std::mt19937 g(5);
  for (const auto kind : {detail::CurveKind::Linear, detail::CurveKind::Quadratic}) {
    for (int rep = 0; rep < 200; ++rep) {
      const std::size_t n = 1 + g() % 23;
      std::vector<double> res(n), cap(n), util(n), must(n), out(n);
      for (std::size_t i = 0; i < n; ++i) {
        res[i] = u01(g) < 0.1 ? 1.0 : 2.0 * u01(g) - 0.3;  // some exactly at the price
        cap[i] = u01(g) < 0.05 ? 0.0 : 5.0 * u01(g);
        util[i] = u01(g) < 0.3 ? 0.0 : 2.0 * u01(g);
        must[i] = u01(g) < 0.2 ? cap[i] * u01(g) : 0.0;
      }
      detail::FirmTerms t;
      t.kind = kind;
      t.lerner = u01(g);
      t.theta = 1.0;
      const double p = 1.0, k = u01(g) < 0.2 ? 0.0 : 3.0 * u01(g);
      const double max_cap = *std::max_element(cap.begin(), cap.end());
      detail::offers_output(t, p, k, max_cap, res.data(), cap.data(), util.data(), must.data(), n,
                            out.data());
      for (std::size_t i = 0; i < n; ++i) {
        const double u =
            detail::best_utilisation(kind, p - res[i], k * cap[i], p * t.lerner, util[i], t.psi);
        // Uncapped loops leave out a branch that cannot bind (it can only add rounding).
        if (!(k * max_cap < p * t.lerner)) {
          EXPECT_EQ(out[i], std::max(u * cap[i], must[i])) << "offer " << i;
        } else {
          EXPECT_NEAR(out[i], std::max(u * cap[i], must[i]), 1e-15 * (1.0 + cap[i]));
        }
      }
    }
  }
}

// The hand-written AVX2 loop (quadratic cost, Lerner cap not binding) gives the portable loop's
// doubles, offer by offer, and the same sum, for every count of offers (full and masked steps).
TEST(CournotSolverProperties, Avx2QuadraticLoopEqualsPortableLoop) {
  if (!detail::quadratic_free_simd_available()) GTEST_SKIP() << "no AVX2 on this CPU";
  std::mt19937 g(11);
  detail::FirmTerms t;
  t.kind = detail::CurveKind::Quadratic;
  for (int rep = 0; rep < 400; ++rep) {
    const std::size_t n = static_cast<std::size_t>(rep % 14);
    std::vector<double> res(n), cap(n), util(n), must(n), out(n + 1, -7.0), ref(n + 1, -7.0);
    for (std::size_t i = 0; i < n; ++i) {
      res[i] = u01(g) < 0.1 ? 1.0 : 2.0 * u01(g) - 0.3;  // some exactly at the price
      cap[i] = u01(g) < 0.05 ? 0.0 : 5.0 * u01(g);
      util[i] = u01(g) < 0.3 ? 0.0 : 2.0 * u01(g);
      must[i] = u01(g) < 0.2 ? cap[i] * u01(g) : 0.0;
    }
    const double p = 0.5 + u01(g), k = u01(g) < 0.2 ? 0.0 : 0.05 * u01(g);
    t.lerner = 0.5;
    const double max_cap = n == 0 ? 0.0 : *std::max_element(cap.begin(), cap.end());
    ASSERT_LT(k * max_cap, p * t.lerner);  // the loop's domain: the cap cannot bind
    const double sum = detail::quadratic_free_avx2(p, k, res.data(), cap.data(), util.data(),
                                                   must.data(), n, out.data());
    const double ref_sum =
        detail::offers_output_portable(t, p, k, p * t.lerner, false, res.data(), cap.data(),
                                       util.data(), must.data(), n, ref.data());
    EXPECT_EQ(std::memcmp(&sum, &ref_sum, sizeof sum), 0) << "n " << n;
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_EQ(std::memcmp(&out[i], &ref[i], sizeof(double)), 0) << "n " << n << " offer " << i;
    EXPECT_EQ(out[n], -7.0) << "wrote past the last offer";
  }
}

// A city's net exports with the supplies of a recorded evaluation at the same price (the final
// pass reuses the search's last evaluations at lo and hi) equal those computed afresh: the
// same value, side, supply and offers' outputs, whatever the regime bounds.
TEST(CournotSolverProperties, RecordedSuppliesEqualFreshOnes) {
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    MarketParams prm;
    const TrackOrderBook book = random_cournot_book(seed, prm, seed % 2 == 0);
    const detail::CournotMarket mk(book, prm);
    const std::size_t n = mk.num_cities(), offers = mk.num_offers();
    const std::vector<detail::Regime> any_lo(n, detail::kImporter), any_hi(n, detail::kExporter);
    std::vector<detail::Regime> at;
    detail::SupplyRecord rec;
    rec.size_for(n, offers);
    std::mt19937 g(seed);
    const double p = book.pref * (0.5 + u01(g));
    mk.scaled_excess(p, any_lo, any_hi, at, &rec);
    ASSERT_TRUE(rec.valid);
    const double x_p = mk.neg_pow(p), x = mk.neg_pow(1.01 * p);  // demand read elsewhere
    for (std::size_t m = 0; m < n; ++m) {
      for (const auto lo : {detail::kImporter, detail::kAutarkic, detail::kExporter}) {
        for (const auto hi : {detail::kImporter, detail::kAutarkic, detail::kExporter}) {
          if (hi < lo) continue;
          std::vector<double> fresh(offers, -1.0), reused(offers, -1.0);
          detail::Regime r1 = detail::kAutarkic, r2 = detail::kAutarkic;
          detail::Side s1 = detail::Side::kNone, s2 = detail::Side::kNone;
          double q1 = -1.0, q2 = -1.0;
          const double v1 = mk.net_export(m, p, x_p, x, lo, hi, r1, fresh.data(), s1, q1, nullptr);
          const double v2 = mk.net_export(m, p, x_p, x, lo, hi, r2, reused.data(), s2, q2, &rec);
          EXPECT_EQ(std::memcmp(&v1, &v2, sizeof v1), 0) << "seed " << seed << " city " << m;
          EXPECT_EQ(r1, r2);
          EXPECT_EQ(s1, s2);
          EXPECT_EQ(std::memcmp(&q1, &q2, sizeof q1), 0);
          EXPECT_EQ(std::memcmp(fresh.data(), reused.data(), offers * sizeof(double)), 0);
        }
      }
    }
  }
}

// A CournotMarket on arrays another (larger or smaller) book used before gives the same
// supplies and excess as one on its own fresh arrays.
TEST(CournotSolverProperties, ReusedArraysGiveFreshResults) {
  detail::CournotArrays arrays;
  for (std::uint32_t seed = 1; seed <= 30; ++seed) {
    MarketParams prm;
    const TrackOrderBook book = random_cournot_book(seed, prm, seed % 3 == 0);
    const detail::CournotMarket fresh(book, prm);
    const detail::CournotMarket reused(book, prm, &arrays);
    const std::size_t n = fresh.num_cities();
    const std::vector<detail::Regime> any_lo(n, detail::kImporter), any_hi(n, detail::kExporter);
    std::vector<detail::Regime> at1, at2;
    std::mt19937 g(seed);
    for (int k = 0; k < 5; ++k) {
      const double p = book.pref * (0.3 + 1.5 * u01(g));
      const double e1 = fresh.scaled_excess(p, any_lo, any_hi, at1);
      const double e2 = reused.scaled_excess(p, any_lo, any_hi, at2);
      EXPECT_EQ(std::memcmp(&e1, &e2, sizeof e1), 0) << "seed " << seed;
      EXPECT_EQ(at1, at2);
      for (std::size_t m = 0; m < n; ++m) {
        const double s1 = fresh.supply(m, p, fresh.neg_pow(p));
        const double s2 = reused.supply(m, p, reused.neg_pow(p));
        EXPECT_EQ(std::memcmp(&s1, &s2, sizeof s1), 0) << "seed " << seed << " city " << m;
        const double a1 = fresh.access(m), a2 = reused.access(m);
        EXPECT_EQ(std::memcmp(&a1, &a2, sizeof a1), 0);
      }
    }
  }
}

TEST(CournotSolverProperties, MalformedBooksAndParametersThrow) {
  MarketParams prm;
  prm.conduct = "cournot";
  const auto good = make_book({1.0}, {0.0}, {{0, 1.0, 1.0, 0.5, 0.2}});
  EXPECT_NO_THROW(solve(good, prm));
  auto bad = good;
  bad.offer_util_cost.push_back(1.0);
  EXPECT_THROW(solve(bad, prm), std::invalid_argument);
  bad = good;
  bad.offer_util_cost[0] = -1.0;
  EXPECT_THROW(solve(bad, prm), std::invalid_argument);
  bad = good;
  bad.offer_must_run[0] = 2.0;  // above capacity 1
  EXPECT_THROW(solve(bad, prm), std::invalid_argument);
  bad = good;
  bad.utilisation_signal = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(solve(bad, prm), std::invalid_argument);
  bad = good;
  bad.offer_reservation[0] = -std::numeric_limits<double>::infinity();
  EXPECT_THROW(solve(bad, prm), std::invalid_argument);
  bad = good;
  bad.wedge[0] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(solve(bad, prm), std::invalid_argument);
  bad = good;
  bad.city_price_hint = {1.0, 1.0};
  EXPECT_THROW(solve(bad, prm), std::invalid_argument);
  bad = good;
  bad.eta = 0.0;
  EXPECT_THROW(solve(bad, prm), std::invalid_argument);

  MarketParams p = prm;
  p.conduct = "bertrand";
  EXPECT_THROW(make_market_solver(p), std::invalid_argument);
  p = prm;
  p.max_lerner = 1.0;
  EXPECT_THROW(make_market_solver(p), std::invalid_argument);
  p = prm;
  p.util_curvature = 0.5;
  EXPECT_THROW(make_market_solver(p), std::invalid_argument);
  p = MarketParams{};
  p.conduct = "competitive";  // the solver key names the competitive solver
  p.solver = "simplex";
  EXPECT_THROW(make_market_solver(p), std::invalid_argument);
  p.conduct = "cournot";  // ... and is checked under cournot too, where it is not used
  EXPECT_THROW(make_market_solver(p), std::invalid_argument);
  p.solver = "bisection";
  EXPECT_NE(make_market_solver(p), nullptr);  // cournot
  p.conduct = "competitive";
  EXPECT_NE(make_market_solver(p), nullptr);               // competitive bisection
  EXPECT_NE(make_market_solver(MarketParams{}), nullptr);  // cournot, the default
}

}  // namespace
}  // namespace regsim::sim
