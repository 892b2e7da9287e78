// Forward-looking exit and mothballing in a tiny world: voluntary exit of a firm that cannot
// cover its fixed cost, mothballing through a price dip, the mothballed capacity's fixed cost,
// decay and reactivation, and the legacy rule untouched.
#include "agents/forward_exit.h"

#include <gtest/gtest.h>

#include <utility>

#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "agents/soft_budget.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

/// A quarter's market outcome for firm f, set by hand: output, revenue at `price`, unit cost.
void sold(sim::World& w, std::size_t f, double output, double price, double unit_cost) {
  w.firms.output[f] = output;
  w.firms.revenue[f] = output * price;
  w.firms.unit_cost[f] = unit_cost;
}

void next_quarter(sim::World& w) {
  ++w.tick;
  begin_tick(w);
}

/// Prepares the per-firm caches the market phase would have set (no production subsidies) and
/// the local price of both cities.
void market_done(sim::World& w, double city_price) {
  w.production_subsidy_tick.assign(w.firms.size(), 0.0);
  for (std::size_t i = 0; i < w.num_cities(); ++i)
    w.city_price[w.cell(sim::CityId::at(i), sim::TrackId(0))] = city_price;
  w.tracks.price_index[0] = city_price;
}

/// Firm b of the first test below, alone: in city 1, unit cost three times the long-run price, so
/// it sells nothing this quarter and only pays its fixed cost; the market is done at that price.
std::size_t never_selling_firm(Model& m) {
  sim::World& w = m.world;
  const std::size_t b = testing::add_tiny_firm(w, 1, 10.0, 20.0, 0.0);
  const double plr = exit_inputs(w, m.params, b, false).price_lr;
  sold(w, b, 0.0, 0.0, 3.0 * plr);
  market_done(w, plr);
  return b;
}

TEST(ForwardExit, FirmThatCannotCoverItsFixedCostLeaves) {
  for (const char* rule : {"legacy", "forward_looking"}) {
    // No bailouts: the owners' decision alone (a closing firm may be rescued, test below).
    Model m = testing::tiny_model(
        {std::string("exit.rule=") + rule, "firms.exogenous_exit=0", "policy.bailouts=false"});
    sim::World& w = m.world;
    const std::size_t a = testing::add_tiny_firm(w, 0, 10.0, 20.0, 0.0);
    const std::size_t b = testing::add_tiny_firm(w, 1, 10.0, 20.0, 0.0);
    const double plr = exit_inputs(w, m.params, a, false).price_lr;
    // a sells everything at the long-run price with half its cost; b's unit cost is three times
    // the long-run price, so it never sells and only pays its fixed cost.
    sold(w, a, 10.0, plr, 0.5 * plr);
    sold(w, b, 0.0, 0.0, 3.0 * plr);
    market_done(w, plr);
    const sim::FirmId id_b = w.firms.id[b];
    if (std::string(rule) == "forward_looking") {
      EXPECT_EQ(forward_choice(w, m.params, a), policies::ExitChoice::Stay);
      EXPECT_EQ(forward_choice(w, m.params, b), policies::ExitChoice::Exit);
    }
    resolve_distress(w, m.params, m.external);
    if (std::string(rule) == "legacy") {
      EXPECT_EQ(w.firms.size(), 2u);  // neither is distressed: the legacy rule keeps both
      EXPECT_EQ(w.flows.exits_voluntary, 0);
    } else {
      ASSERT_EQ(w.firms.size(), 1u);
      EXPECT_LT(w.firms.index_of[id_b.index()], 0);
      EXPECT_EQ(w.flows.exits_voluntary, 1);
      EXPECT_EQ(w.flows.exits, 1);
      EXPECT_EQ(w.flows.exits_distress, 0);
    }
  }
}

TEST(ForwardExit, SoftBudgetKeepsAZombieTheOwnersWouldClose) {
  // The firm of the test above that never sells, with exit.soft_budgets on. With no bailouts in
  // its city (z = 0) it leaves. Bailed out recently (a zombie, z = 1 with exit.soft_budgets on)
  // its city covers its fixed cost, staying is worth as much as scrapping (nothing), and it
  // stays, as under the legacy rule.
  for (const bool zombie : {false, true}) {
    Model m = testing::tiny_model({"exit.rule=forward_looking", "firms.exogenous_exit=0",
                                   "exit.soft_budgets=true", "policy.bailouts=false"});
    sim::World& w = m.world;
    const std::size_t b = never_selling_firm(m);
    if (zombie) w.firms.zombie_until[b] = w.tick + m.params.exit.zombie_ticks;
    update_soft_budgets(w, m.params, m.external);  // as at the end of last quarter's exit phase
    EXPECT_DOUBLE_EQ(exit_inputs(w, m.params, b, false).soft_budget, zombie ? 1.0 : 0.0);
    EXPECT_EQ(forward_choice(w, m.params, b),
              zombie ? policies::ExitChoice::Stay : policies::ExitChoice::Exit);
    resolve_distress(w, m.params, m.external);
    EXPECT_EQ(w.firms.size(), zombie ? 1u : 0u) << zombie;
    EXPECT_EQ(w.flows.exits_voluntary, zombie ? 0 : 1) << zombie;
  }
}

TEST(ForwardExit, BailoutExpectationAndRescueOfAClosingFirm) {
  // Bailouts on, propensity 1: the city would rescue the firm for sure (p = 1). Its owners count
  // on the state for z = p = 1 of the fixed cost (exit.soft_budget_bailout = 1) and stay. With
  // soft budgets off they bear the fixed cost and decide to close, but the city rescues the
  // closing firm as it would a distressed one: it is bailed out (a zombie), not closed.
  for (const bool soft : {true, false}) {
    Model m = testing::tiny_model({"exit.rule=forward_looking", "firms.exogenous_exit=0",
                                   std::string("exit.soft_budgets=") + (soft ? "true" : "false"),
                                   "policy.bailouts=true", "policy.bailout_propensity=1"});
    sim::World& w = m.world;
    const std::size_t b = never_selling_firm(m);
    update_soft_budgets(w, m.params, m.external);
    ASSERT_DOUBLE_EQ(firm_bailout_probability(w, m.params, m.external, b), 1.0);
    EXPECT_DOUBLE_EQ(exit_inputs(w, m.params, b, false).soft_budget, soft ? 1.0 : 0.0);
    EXPECT_EQ(forward_choice(w, m.params, b),
              soft ? policies::ExitChoice::Stay : policies::ExitChoice::Exit);
    const sim::Tick now = w.tick;
    resolve_distress(w, m.params, m.external);
    ASSERT_EQ(w.firms.size(), 1u) << soft;
    EXPECT_EQ(w.flows.exits, 0) << soft;
    EXPECT_EQ(w.flows.bailouts_count, soft ? 0 : 1) << soft;
    EXPECT_EQ(w.firms.zombie_until[0], soft ? 0 : now + m.params.exit.zombie_ticks) << soft;
  }
}

TEST(ForwardExit, CournotLongRunPriceCoversTheUtilisationCost) {
  // Under conduct cournot (phi = 1, psi = 2) the long-run price is the frontier entrant's average
  // variable cost at normal utilisation 0.8, c_k (1 + 0.8^2 / 3), plus capital and fixed cost;
  // under competitive conduct the first term is c_k. The firm's own omega is phi c_f.
  const auto inputs = [](const char* conduct) {
    Model m =
        testing::tiny_model({"exit.rule=forward_looking", std::string("market.conduct=") + conduct,
                             "market.util_cost=1.0", "market.util_curvature=2"});
    sim::World& w = m.world;
    const std::size_t f = testing::add_tiny_firm(w, 0, 10.0, 20.0, 0.0);
    sold(w, f, 8.0, 1.0, 0.7);
    market_done(w, 1.0);
    return std::make_pair(exit_inputs(w, m.params, f, false), w.tracks.frontier_cost[0]);
  };
  const auto [cournot, ck] = inputs("cournot");
  const auto [competitive, ck2] = inputs("competitive");
  ASSERT_DOUBLE_EQ(ck, ck2);
  EXPECT_NEAR(cournot.price_lr - competitive.price_lr, ck * 0.64 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(cournot.util_cost, 0.7);
  EXPECT_DOUBLE_EQ(cournot.util_curvature, 2.0);
  EXPECT_DOUBLE_EQ(competitive.util_cost, 0.0);
  EXPECT_DOUBLE_EQ(cournot.price, 1.0);
  EXPECT_DOUBLE_EQ(cournot.cu, 0.8);
}

TEST(ForwardExit, MothballThroughADipThenReactivate) {
  // A fixed cost of 3% of capex a quarter makes idling expensive enough to mothball.
  Model m = testing::tiny_model({"exit.rule=forward_looking", "firms.exogenous_exit=0",
                                 "tracks.pv.fixed_cost=0.03", "exit.mothball_saving=0.8",
                                 "exit.mothball_decay=0.01", "exit.reactivation_cost=0.05",
                                 "exit.reactivation_lag=2"});
  sim::World& w = m.world;
  const ModelParams& p = m.params;
  const std::size_t f = testing::add_tiny_firm(w, 0, 10.0, 30.0, 0.0);
  const double plr = exit_inputs(w, p, f, false).price_lr;
  // A crash: nothing sold, local price a tenth of the long-run one, unit cost 0.6 of it (the
  // firm is profitable once prices recover). Mothballing (0.30 per unit of capacity) beats
  // running through the dip (0.25) and scrapping (0).
  sold(w, f, 0.0, 0.0, 0.6 * plr);
  market_done(w, 0.1 * plr);
  const auto v = policies::exit_values(p.exit, exit_inputs(w, p, f, false));
  ASSERT_GT(v.mothball, v.operate);
  ASSERT_GT(v.mothball, v.scrap);
  resolve_distress(w, p, m.external);
  ASSERT_EQ(w.firms.size(), 1u);
  EXPECT_EQ(w.flows.mothballs, 1);
  EXPECT_DOUBLE_EQ(w.firms.capacity[0], 0.0);
  EXPECT_DOUBLE_EQ(w.firms.mothballed[0], 10.0);
  EXPECT_GT(w.flows.jobs_lost, 0.0);

  // Next quarter: the mothballed plant pays 20% of its fixed cost and sells nothing.
  next_quarter(w);
  sold(w, 0, 0.0, 0.0, 0.6 * plr);
  market_done(w, 0.1 * plr);
  const double book0 = w.firms.book[0], debt0 = w.firms.debt[0];
  const auto& tp = p.tracks[0];
  const double capex = current_capex(w, p, sim::TrackId(0));
  settle_accounts(w, p);
  const double fixed = 0.2 * tp.fixed_cost * capex * 10.0;
  const double depreciation = tp.depreciation * book0;
  const double interest = p.firms.interest * std::max(0.0, debt0);
  EXPECT_NEAR(w.firms.profit[0], -fixed - depreciation - interest, 1e-12);
  // Prices still low: it keeps the plant mothballed, which loses d and 1% of its capacity.
  resolve_distress(w, p, m.external);
  const double kept = 10.0 * (1.0 - tp.depreciation) * 0.99;
  EXPECT_DOUBLE_EQ(w.firms.mothballed[0], kept);
  EXPECT_EQ(w.firms.reactivate_at[0], 0);

  // Prices back at the long-run level: it reactivates, paying 5% of capex per unit, booked.
  next_quarter(w);
  sold(w, 0, 0.0, 0.0, 0.6 * plr);
  market_done(w, plr);
  settle_accounts(w, p);
  const double book1 = w.firms.book[0], debt1 = w.firms.debt[0];
  resolve_distress(w, p, m.external);
  const double kept2 = kept * (1.0 - tp.depreciation) * 0.99;
  EXPECT_EQ(w.flows.reactivations, 1);
  EXPECT_EQ(w.firms.reactivate_at[0], w.tick + 2);
  EXPECT_NEAR(w.firms.book[0] - book1, 0.05 * capex * kept2, 1e-12);
  EXPECT_NEAR(w.firms.debt[0] - debt1, 0.05 * capex * kept2, 1e-12);
  // The capacity is active again at the exit phase two quarters later, after one more decay.
  next_quarter(w);
  market_done(w, plr);
  resolve_distress(w, p, m.external);
  EXPECT_DOUBLE_EQ(w.firms.capacity[0], 0.0);
  next_quarter(w);
  market_done(w, plr);
  resolve_distress(w, p, m.external);
  const double back = kept2 * ((1.0 - tp.depreciation) * 0.99) * ((1.0 - tp.depreciation) * 0.99);
  EXPECT_DOUBLE_EQ(w.firms.capacity[0], back);
  EXPECT_DOUBLE_EQ(w.firms.mothballed[0], 0.0);
  EXPECT_EQ(w.firms.reactivate_at[0], 0);
}

}  // namespace
}  // namespace regsim::agents
