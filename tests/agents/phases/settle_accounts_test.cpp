// Accounts phase on many firms: each firm's quarter is the formula of docs/model.md evaluated
// firm by firm, bit for bit, whatever the track (the per-track terms are computed once per tick).
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

std::uint64_t bits(double x) {
  return std::bit_cast<std::uint64_t>(x);
}

TEST(SettleAccounts, EachFirmsQuarterIsTheFormulaFirmByFirm) {
  testing::TinyWorld t = testing::tiny_world({{}, {}}, 3);
  ModelParams& p = t.params;
  p.market.conduct = "cournot";
  p.market.util_cost = 0.4;
  p.market.util_curvature = 1.5;  // the pow path of the utilisation cost
  p.exit.mothball_saving = 0.7;
  p.firms.interest = 0.02;
  p.firms.profit_tax = 0.25;
  sim::World& w = t.world;
  w.tracks.capex = {1.7, 2.3, 0.9};
  // 700 firms (more than one range of the parallel loop) over three tracks: some idle, some
  // mothballed, some in loss, some with net cash (negative debt).
  for (std::size_t i = 0; i < 700; ++i) {
    const double cap = i % 9 == 0 ? 0.0 : 5.0 + static_cast<double>(i % 13);
    const std::size_t f = t.add_firm(i % 2, i % 3, cap, 50.0 + static_cast<double>(i % 17),
                                     i % 10 == 0 ? -4.0 : 30.0 + static_cast<double>(i % 7));
    w.firms.output[f] = cap * (0.3 + 0.05 * static_cast<double>(i % 11));
    w.firms.revenue[f] = w.firms.output[f] * (i % 4 == 0 ? 0.6 : 1.3);
    w.firms.unit_cost[f] = 0.7 + 0.01 * static_cast<double>(i % 19);
    w.firms.mothballed[f] = i % 8 == 0 ? 3.0 : 0.0;
    w.firms.support_book[f] = 0.1 * static_cast<double>(i % 5);
    w.firms.subsidy_tick[f] = i % 6 == 0 ? 0.5 : 0.0;
    w.firms.loss_streak[f] = static_cast<int>(i % 4);
  }
  const std::size_t nf = w.firms.size();
  w.production_subsidy_tick.assign(nf, 0.0);
  for (std::size_t f = 0; f < nf; f += 3) w.production_subsidy_tick[f] = 0.05;
  const sim::Firms before = w.firms;

  settle_accounts(w, p);

  double producer = 0.0, capital = 0.0;
  for (std::size_t f = 0; f < nf; ++f) {
    // The quarter as written firm by firm (settle_accounts' formula before the per-track terms).
    const auto& tp = p.tracks[before.track[f].index()];
    const double q = before.output[f];
    const double sub = 0.05 * (f % 3 == 0 ? 1.0 : 0.0) * q;
    const double capex = w.tracks.capex[before.track[f].index()];
    const double fixed =
        tp.fixed_cost * capex *
        (before.capacity[f] + (1.0 - p.exit.mothball_saving) * before.mothballed[f]);
    const double interest = p.firms.interest * std::max(0.0, before.debt[f]);
    const double depreciation = tp.depreciation * before.book[f];
    double operating = before.revenue[f] - before.unit_cost[f] * q;
    operating -= sim::utilisation_cost(p.market.util_cost * before.unit_cost[f],
                                       p.market.util_curvature, before.capacity[f], q);
    operating -= fixed;
    const double pre_tax = operating - interest - depreciation + sub;
    const double profit = pre_tax - p.firms.profit_tax * std::max(0.0, pre_tax);
    const double support = before.support_book[f] + before.subsidy_tick[f];
    ASSERT_EQ(bits(w.firms.profit[f]), bits(profit)) << f;
    ASSERT_EQ(bits(w.firms.debt[f]), bits(before.debt[f] - (profit + depreciation))) << f;
    ASSERT_EQ(bits(w.firms.book[f]), bits(before.book[f] - depreciation)) << f;
    ASSERT_EQ(bits(w.firms.support_book[f]), bits(support - tp.depreciation * support)) << f;
    ASSERT_EQ(bits(w.firms.subsidy_tick[f]), bits(before.subsidy_tick[f] + sub)) << f;
    const int streak = before.capacity[f] > 0 ? (profit < 0 ? before.loss_streak[f] + 1 : 0)
                                              : before.loss_streak[f];
    ASSERT_EQ(w.firms.loss_streak[f], streak) << f;
    producer += operating - depreciation + sub;
    capital += (p.firms.interest + tp.depreciation) * (before.book[f] + support);
  }
  // The totals add the same values in firm order.
  EXPECT_EQ(bits(w.flows.producer_surplus), bits(producer));
  EXPECT_EQ(bits(w.flows.capital_cost), bits(capital));
}

}  // namespace
}  // namespace regsim::agents
