// Welfare accounting on hand-worked cases: spells, job losses, unspent capex, and the identity
// that every yuan of subsidy, bailout, interest, tax and write-off is someone's payment.
#include "agents/welfare.h"

#include <gtest/gtest.h>

#include <cmath>

#include "agents/phases/phases.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

TEST(Welfare, RetrainingShortensTheSpell) {
  WelfareParams w;
  w.unemployment_spell = 4.0;
  w.retraining_half = 5.0;
  EXPECT_DOUBLE_EQ(unemployment_spell(w, 0.0), 4.0);
  EXPECT_DOUBLE_EQ(unemployment_spell(w, 5.0), 2.0);   // spending H halves the spell
  EXPECT_DOUBLE_EQ(unemployment_spell(w, 15.0), 1.0);  // 4 * 5 / 20
  w.retraining_half = 0.0;                             // retraining buys nothing
  EXPECT_DOUBLE_EQ(unemployment_spell(w, 15.0), 4.0);
}

TEST(Welfare, JobLossHandWorked) {
  ModelParams p;
  p.tracks.resize(1);
  p.tracks[0].jobs = 0.04;  // thousand jobs per unit of capacity
  p.tracks[0].value_added = 0.25;
  p.tracks[0].pref = 1.0;
  p.welfare.labour_share = 0.5;
  p.welfare.unemployment_spell = 4.0;
  p.welfare.retraining_half = 5.0;
  p.exit.retraining_cost = 5.0;  // halves the spell to 2 quarters
  // Jobs on capacity (h = 1): 10 units employ 0.4 thousand; their wage bill is
  // 0.5 * 0.25 * 1 * 10 = 1.25 a quarter, for 2 quarters.
  p.welfare.labour_hoarding = 1.0;
  JobLoss l = job_loss(p, sim::TrackId(0), 10.0, 4.0, 5.0);
  EXPECT_DOUBLE_EQ(l.jobs, 0.4);
  EXPECT_DOUBLE_EQ(l.cost, 2.5);
  // Jobs on output (h = 0): 4 units, 0.16 thousand jobs, cost 0.5 * 0.25 * 4 * 2 = 1.
  p.welfare.labour_hoarding = 0.0;
  l = job_loss(p, sim::TrackId(0), 10.0, 4.0, 5.0);
  EXPECT_DOUBLE_EQ(l.jobs, 0.16);
  EXPECT_DOUBLE_EQ(l.cost, 1.0);
}

TEST(Welfare, UnspentCapexOfOrdersHandWorked) {
  Model m = testing::tiny_model();
  sim::World& w = m.world;
  const int lag = m.params.tracks[0].lag;  // pv: 4 quarters
  ASSERT_EQ(lag, 4);
  const std::size_t a = testing::add_tiny_firm(w, 0, 1.0, 1.0, 0.0);
  const std::size_t b = testing::add_tiny_firm(w, 1, 1.0, 1.0, 0.0);
  // Ordered this tick (ready in 4): one quarter spent, 3 of 4 to come: 2 * 2.5 * 3/4.
  sim::add_order(w.orders, w.firms.id[a], w.tick + 4, 2.0, 2.5);
  // Ready next tick: every quarter spent.
  sim::add_order(w.orders, w.firms.id[a], w.tick + 1, 5.0, 2.5);
  // Ready in 2: 1 of 4 to come: 4 * 3 * 1/4.
  sim::add_order(w.orders, w.firms.id[b], w.tick + 2, 4.0, 3.0);
  const auto unspent = unspent_order_capex(w, m.params);
  EXPECT_DOUBLE_EQ(unspent[a], 3.75);
  EXPECT_DOUBLE_EQ(unspent[b], 3.0);
  // Only firm b flagged (as the exit phase asks for the firms that leave): a gets 0.
  std::vector<std::uint8_t> only(w.firms.size(), 0);
  only[b] = 1;
  const auto flagged = unspent_order_capex(w, m.params, only);
  EXPECT_EQ(flagged[a], 0.0);
  EXPECT_EQ(flagged[b], unspent[b]);
}

/// One firm's balance sheet at a moment.
struct Sheet {
  double book, debt, support;
};
Sheet sheet(const sim::World& w, std::size_t f) {
  return {w.firms.book[f], w.firms.debt[f], w.firms.support_book[f]};
}

// Three firms in two cities go through one quarter's market, accounts, exit and budgets:
// A is healthy and subsidised, B is insolvent and bailed out, C is insolvent in a city at its
// debt cap and exits with an order under construction. The money each sector gains (owners,
// creditors, cities, the centre) is computed from the balance sheets; transfers must cancel,
// leaving the real flows, and the full welfare measure must equal that sum less the costs it
// imputes.
TEST(Welfare, EveryYuanIsSomeonesPayment) {
  Model m = testing::tiny_model({"exit.bailout_propensity=1", "firms.exogenous_exit=0",
                                 "exit.scrap_share=0.3", "exit.retraining_cost=2",
                                 "welfare.accounting=full"});
  sim::World& w = m.world;
  const ModelParams& p = m.params;
  const auto& tp = p.tracks[0];
  const std::size_t a = testing::add_tiny_firm(w, 1, 10.0, 25.0, 5.0);
  const std::size_t b = testing::add_tiny_firm(w, 1, 4.0, 10.0, 40.0);  // deep in debt
  const std::size_t c = testing::add_tiny_firm(w, 0, 6.0, 15.0, 60.0);
  w.firms.support_book[a] = 2.0;
  w.firms.support_book[c] = 1.0;
  sim::add_order(w.orders, w.firms.id[c], w.tick + 2, 2.0, 2.5);  // 1.25 still to spend
  w.cities.listed[w.cell(sim::CityId(1), sim::TrackId(0))] =
      1;  // city 1 subsidises production on its listed track
  w.cities.subsidy_rate[1] = 0.2;
  w.cities.debt[1] = 0.0;
  w.cities.debt[0] = 100.0 * w.cities.gdp[0];  // at the cap: no room for a bailout
  const std::vector<double> city_debt0 = w.cities.debt;
  const std::vector<double> gdp = w.cities.gdp;

  begin_tick(w);
  clear_markets(w, p, *m.solver);
  const Sheet before[3] = {sheet(w, a), sheet(w, b), sheet(w, c)};
  // Real flows and transfers of the quarter, firm by firm, from the rules of docs/model.md 5.6.
  const double capex = w.tracks.capex[0];
  double operating = 0, depreciation = 0, interest = 0, tax = 0, production_subsidy = 0;
  double capital_cost = 0, gross_book = 0, support_depreciation = 0;
  for (std::size_t f : {a, b, c}) {
    const double q = w.firms.output[f];
    const double op =
        w.firms.revenue[f] - w.firms.unit_cost[f] * q - tp.fixed_cost * capex * w.firms.capacity[f];
    const double sub = w.production_subsidy_tick[f] * q;
    const double r = p.firms.interest * std::max(0.0, w.firms.debt[f]);
    const double dep = tp.depreciation * w.firms.book[f];
    const double pre_tax = op - r - dep + sub;
    operating += op;
    depreciation += dep;
    interest += r;
    production_subsidy += sub;
    tax += p.firms.profit_tax * std::max(0.0, pre_tax);
    gross_book += w.firms.book[f] + w.firms.support_book[f];
    capital_cost +=
        (p.firms.interest + tp.depreciation) * (w.firms.book[f] + w.firms.support_book[f]);
    support_depreciation += tp.depreciation * w.firms.support_book[f];
  }
  EXPECT_GT(production_subsidy, 0.0);
  settle_accounts(w, p);
  const Sheet settled_c = sheet(w, c);
  const sim::FirmId id_c = w.firms.id[c];
  resolve_distress(w, p, m.external);
  settle_budgets(w, p);
  ASSERT_EQ(w.firms.size(), 2u);  // C left; A and B stay
  ASSERT_LT(w.firms.index_of[id_c.index()], 0);
  ASSERT_EQ(w.flows.bailouts_count, 1);
  ASSERT_EQ(w.flows.exits_distress, 1);

  // Owners: equity of the survivors moves by profit (after interest and tax) plus the bailout;
  // C's owners lose their equity and get what the scrap fetches above the debt.
  double owners = 0;
  for (std::size_t j : {0, 1}) {
    owners += (w.firms.book[j] - w.firms.debt[j]) - (before[j].book - before[j].debt);
  }
  const double scrap = 0.3 * capex * 6.0;
  owners -= before[2].book - before[2].debt;
  owners += std::max(0.0, scrap - settled_c.debt);
  // Creditors: interest, less what they write off (C's debt above the scrap proceeds).
  const double written_off = std::max(0.0, settled_c.debt - scrap);
  EXPECT_DOUBLE_EQ(w.flows.written_off, written_off);
  EXPECT_DOUBLE_EQ(w.flows.scrap_value, scrap);
  const double creditors = interest - written_off;
  // Cities: what their firm-related spending adds to their debt (subsidies, bailouts,
  // retraining), i.e. the change in debt net of taxes, baseline spending and interest.
  double cities = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    const double other = p.budget.baseline_spending * gdp[i] - p.budget.tax_rate * gdp[i] +
                         p.budget.interest * std::max(0.0, city_debt0[i]);
    cities -= (w.cities.debt[i] - city_debt0[i]) - other;
  }
  const double retraining = 2.0 * tp.jobs * 6.0;
  EXPECT_DOUBLE_EQ(w.flows.retraining, retraining);
  EXPECT_NEAR(-cities, production_subsidy + w.flows.bailouts + retraining, 1e-9);
  const double centre = tax;

  // Transfers (subsidies, bailouts, interest, tax, write-offs, scrap proceeds) cancel: what is
  // left is the operating surplus less depreciation of the (net) book, the net book scrapped
  // less what it fetched, and retraining bought from outside the model.
  const double real = operating - depreciation - (settled_c.book - scrap) - retraining;
  EXPECT_NEAR(owners + creditors + cities + centre, real, 1e-9);

  // The full welfare measure is that sum plus consumers' surplus, less what it imputes on top:
  // interest on all capital, depreciation and scrapping of its subsidy-financed part, capex of
  // the cancelled order never spent (booked, but no resources used), the excess burden of
  // public money and the unemployment of C's workers.
  Metrics out;
  record_metrics(w, p, out);
  const auto& n = out.national;
  EXPECT_NEAR(n.operating_surplus, operating, 1e-9);
  EXPECT_NEAR(n.capital_cost, capital_cost, 1e-9);
  const double unspent = 2.0 * 2.5 * 1.0 / 4.0;
  EXPECT_NEAR(n.exit_loss, settled_c.book + settled_c.support - unspent - scrap, 1e-9);
  const double excess = p.welfare.mcpf * (production_subsidy + w.flows.bailouts + retraining);
  // Jobs on capacity (welfare.labour_hoarding = 1): C's 6 units.
  EXPECT_NEAR(n.job_loss_cost, job_loss(p, sim::TrackId(0), 6.0, 0.0, 2.0).cost, 1e-9);
  EXPECT_GT(n.job_loss_cost, 0.0);
  const double imputed = p.firms.interest * gross_book + support_depreciation + settled_c.support -
                         unspent + excess + n.job_loss_cost;
  EXPECT_NEAR(n.welfare_full, n.consumer_surplus_ref + real - imputed, 1e-9);
  EXPECT_DOUBLE_EQ(n.welfare, n.welfare_full);
  EXPECT_DOUBLE_EQ(n.welfare_gdp, n.welfare / n.gdp);
  // The legacy measure is still reported, with its own components.
  EXPECT_DOUBLE_EQ(n.welfare_legacy, n.consumer_surplus + n.producer_surplus -
                                         n.public_funds_legacy - n.idle_capital_cost);
}

}  // namespace
}  // namespace regsim::agents
