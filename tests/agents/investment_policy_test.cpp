// Guidance funds and the platform's credit screening (docs/model.md 6.9, 6.10), worked by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "agents/soft_budget.h"
#include "support/legacy_switches.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

/// Six identical cities (no endowment differences, no subsidies) that all list pv (track 0) with
/// signal 1 under full promotion pressure; pv's outlook is set so that a median entrant's
/// NPV/I equals `npv` exactly: demand 100 without growth, capacity 100 and `pipe` x 100 on
/// order. Only entry decides (no expansions, no mobile capital).
struct EntryWorld {
  Model m;
  std::size_t first_new = 0;
};

EntryWorld entry_world(double npv, double pipe, std::vector<std::string> extra = {}) {
  std::vector<std::string> sets = {"world.cities=6",          "world.provinces=1",
                                   "world.initial_firms=120", "world.heterogeneity=0",
                                   "subsidy.regime=none",     "firms.expand_rate=0",
                                   "firms.mobile_rate=0",     "firms.entry_rate=20",
                                   "funds.rate=20",           "funds.budget=0.2"};
  sets.insert(sets.end(), extra.begin(), extra.end());
  EntryWorld e{make_model(testing::small_config(testing::with_legacy(sets)))};
  auto& w = e.m.world;
  auto& p = e.m.params;
  p.tracks[0].signal = 1.0;
  for (std::size_t i = 0; i < w.num_cities(); ++i) {
    for (std::size_t k = 0; k < w.num_tracks(); ++k)
      w.cities.listed[w.cell(sim::CityId::at(i), sim::TrackId::at(k))] = k == 0;
    w.cities.pressure[i] = 1.0;
  }
  auto& t = w.tracks;
  t.demand_last_year[0] = t.demand_prev_year[0] = 100;
  t.capacity[0] = 100;
  t.pipeline[0] = pipe * 100;
  const TrackOutlook o = track_outlook(w, p, sim::TrackId(0));
  const double c = cell_unit_cost(w, p, sim::CityId(0), sim::TrackId(0)),
               capex = current_capex(w, p, sim::TrackId(0));
  // NPV/I = (AF (CU (P^e - c) - f I) - I) / I, solved for P^e; P^e = 1.2 x last year's price.
  const double expected =
      c + (p.tracks[0].fixed_cost * capex + capex * (1.0 + npv) / o.annuity) / o.cu;
  t.price_last_year[0] = expected / (1.0 + p.firms.optimism);
  begin_tick(w);
  e.first_new = w.firms.size();
  return e;
}

/// The pv entrants created by this round of investment.
std::vector<std::size_t> pv_entrants(const EntryWorld& e) {
  std::vector<std::size_t> out;
  for (std::size_t f = e.first_new; f < e.m.world.firms.size(); ++f)
    if (e.m.world.firms.track[f] == sim::TrackId(0)) out.push_back(f);
  return out;
}

TEST(GuidanceFunds, CoInvestWherePrivateNpvIsSlightlyNegative) {
  // NPV/I = -0.05: no private entrant. The fund's concession g = tau e min(1, pi sig) =
  // 1 x 0.3 x 1 = 0.3 (the state-aid cap 0.5 leaves room), so backed projects arrive at
  // lambda_F (NPV/I + g) = 20 x 0.25 = 5 per city of average size.
  EntryWorld off = entry_world(-0.05, 0.0);
  decide_investment(off.m.world, off.m.params);
  EXPECT_TRUE(pv_entrants(off).empty()) << "private NPV is negative";

  EntryWorld on = entry_world(-0.05, 0.0, {"funds.enabled=true"});
  auto& w = on.m.world;
  const auto& p = on.m.params;
  // An entrant's plant: K0 x sqrt(demand growth since tick 0) (section 2.6).
  const double plant = w.tracks.entrant_capacity[0] *
                       std::sqrt(w.tracks.demand_scale[0] / w.tracks.initial_demand[0]);
  const double stake_planned = 0.3 * plant * current_capex(w, p, sim::TrackId(0));
  decide_investment(w, p);
  const auto entrants = pv_entrants(on);
  ASSERT_FALSE(entrants.empty());
  std::vector<double> paid(w.num_cities(), 0.0);
  for (std::size_t f : entrants) {
    EXPECT_EQ(w.firms.state_linked[f], 1);
    // The fund pays 30% of the gross capex (no subsidies here: gross = net = book), the owners
    // 40% of the rest, the bank the remainder.
    const double net = w.firms.book[f];
    EXPECT_NEAR(w.firms.fund_stake[f], stake_planned, 1e-9 * stake_planned);
    EXPECT_NEAR(w.firms.debt[f], (net - stake_planned) * 0.6, 1e-9 * net);
    paid[w.firms.city[f].index()] += w.firms.fund_stake[f];
  }
  EXPECT_EQ(w.flows.fund_entries, static_cast<int>(entrants.size()));
  for (std::size_t i = 0; i < w.num_cities(); ++i) {
    EXPECT_NEAR(w.cities.fund_tick[i], paid[i], 1e-9);
    // Budget: 0.2 x min(1, pi) x annual GDP x debt room; the city never commits more.
    EXPECT_LE(paid[i], 0.2 * w.cities.gdp_last_year[i] + 1e-9);
  }
  // The stake is charged to the city budget: spending includes it.
  const double before = w.cities.debt[0];
  settle_budgets(w, p);
  EXPECT_NEAR(w.cities.spending_tick[0],
              p.budget.baseline_spending * w.cities.gdp[0] + w.cities.fund_tick[0], 1e-9);
  EXPECT_GT(w.cities.debt[0] - before, w.cities.fund_tick[0] - p.budget.tax_rate * w.cities.gdp[0]);
}

TEST(GuidanceFunds, BackedFirmsHaveASoftBudget) {
  // With exit.soft_budgets off, only fund-backed firms get one: z_S = fund_soft_budget = 0.7.
  EntryWorld e = entry_world(-0.05, 0.0, {"funds.enabled=true", "funds.soft_budget=0.7"});
  auto& w = e.m.world;
  const auto& p = e.m.params;
  decide_investment(w, p);
  const auto entrants = pv_entrants(e);
  ASSERT_FALSE(entrants.empty());
  update_soft_budgets(w, p);
  for (std::size_t f = 0; f < w.firms.size(); ++f)
    EXPECT_DOUBLE_EQ(w.firms.soft_budget[f], w.firms.state_linked[f] ? 0.7 : 0.0) << f;
  // Once its plant runs, it sells down to c - 0.7 (fixed cost + interest) per unit: by hand.
  const std::size_t f = entrants.front();
  w.firms.capacity[f] = 2.0;
  const double fixed = p.tracks[0].fixed_cost * current_capex(w, p, sim::TrackId(0)) * 2.0;
  const double interest = p.firms.interest * std::max(0.0, w.firms.debt[f]);
  EXPECT_NEAR(soft_budget_reservation_cut(w, p, f), 0.7 * (fixed + interest) / 2.0, 1e-12);
  // Funds off: nobody (the state links stay, the strength does not apply).
  e.m.params.funds.enabled = false;
  update_soft_budgets(w, e.m.params);
  for (std::size_t g = 0; g < w.firms.size(); ++g) EXPECT_EQ(w.firms.soft_budget[g], 0.0);
}

// A fund-backed plant in the market (competitive merit order, capacity far above demand, one
// track with c = 0.75, no wedges, no subsidies): with guidance funds on and exit.soft_budgets off,
// the state-linked firm (z_S = 1, no debt) cuts its reservation by the fixed cost 0.01 I per unit,
// takes the market at 0.75 - 0.01 I (below its cash cost) and the private rival idles.
TEST(GuidanceFunds, BackedPlantSellsBelowCashCost) {
  auto clear = [](bool funds) {
    const std::string text =
        "[world]\nseed = 7\ncities = 2\nprovinces = 1\ntracks = 1\nyears = 2\n"
        "initial_firms = 0\nheterogeneity = 0\n[government]\nlist_size = 1\n";
    Model m = make_model(load_run_config_text(
        text, "funds",
        testing::with_legacy({"market.kappa=0", "market.t0=0", "subsidy.regime=none",
                              "tracks.pv.shock_sd=0",
                              std::string("funds.enabled=") + (funds ? "true" : "false")})));
    auto& w = m.world;
    for (std::size_t i = 0; i < 2; ++i) {
      const std::size_t f = sim::add_firm(w, sim::CityId::at(i), sim::TrackId(0));
      w.firms.capacity[f] = 1000.0;
      w.firms.book[f] = 2000.0;
      w.firms.state_linked[f] = i == 0;
    }
    update_soft_budgets(w, m.params);
    clear_markets(w, m.params, *m.solver);
    return m;
  };
  const Model on = clear(true), off = clear(false);
  const double cut = 0.01 * current_capex(on.world, on.params, sim::TrackId(0));
  EXPECT_DOUBLE_EQ(on.world.firms.soft_budget[0], 1.0);
  EXPECT_DOUBLE_EQ(on.world.tracks.export_price[0], 0.75 - cut);
  EXPECT_GT(on.world.firms.output[0], 0.0);
  EXPECT_EQ(on.world.firms.output[1], 0.0);
  EXPECT_DOUBLE_EQ(off.world.tracks.export_price[0], 0.75) << "funds off: priced at cost";
}

TEST(GuidanceFunds, BudgetLimitsProjects) {
  // A budget of 1.5 stakes in the smallest city (at pi = 1, debt room 1), more in larger ones.
  EntryWorld e = entry_world(-0.05, 0.0, {"funds.enabled=true"});
  auto& w = e.m.world;
  auto& p = e.m.params;
  const double stake = 0.3 * w.tracks.entrant_capacity[0] *
                       std::sqrt(w.tracks.demand_scale[0] / w.tracks.initial_demand[0]) *
                       current_capex(w, p, sim::TrackId(0));
  double smallest = 1e300;
  for (std::size_t i = 0; i < w.num_cities(); ++i)
    smallest = std::min(smallest, w.cities.gdp_last_year[i]);
  p.funds.budget = 1.5 * stake / smallest;
  decide_investment(w, p);
  std::vector<int> per_city(w.num_cities(), 0);
  for (std::size_t f : pv_entrants(e)) ++per_city[w.firms.city[f].index()];
  for (std::size_t i = 0; i < w.num_cities(); ++i) {
    const double budget = p.funds.budget * w.cities.gdp_last_year[i];
    EXPECT_LE(per_city[i] * stake, budget + 1e-9) << "city " << i;
  }
  int total = 0;
  for (std::size_t i = 0; i < w.num_cities(); ++i) {
    total += per_city[i];
    if (w.cities.gdp_last_year[i] == smallest) {
      EXPECT_LE(per_city[i], 1) << "the smallest city's budget covers one stake, not two";
    }
  }
  EXPECT_GT(total, 0);
}

TEST(GuidanceFunds, NoProjectBeyondTheConcession) {
  // NPV/I = -0.35 is below -g = -0.3: even the fund does not build.
  EntryWorld e = entry_world(-0.35, 0.0, {"funds.enabled=true"});
  decide_investment(e.m.world, e.m.params);
  EXPECT_TRUE(pv_entrants(e).empty());
}

TEST(GuidanceFunds, StateAidCapAndVcRegimeLimitTheConcession) {
  // A state-aid cap of 0.04 leaves g = 0.04 < 0.05: nothing is built.
  EntryWorld capped = entry_world(-0.05, 0.0, {"funds.enabled=true", "subsidy.state_aid_cap=0.04"});
  decide_investment(capped.m.world, capped.m.params);
  EXPECT_TRUE(pv_entrants(capped).empty());
  // Under vc the fund invests on market terms beside private venture capital (g = 0).
  EntryWorld vc = entry_world(-0.05, 0.0, {"funds.enabled=true", "subsidy.regime=vc"});
  decide_investment(vc.m.world, vc.m.params);
  EXPECT_TRUE(pv_entrants(vc).empty());
}

TEST(PlatformCredit, RefusesProjectsOnOvershootingTracks) {
  // NPV/I = +0.5 with a pipeline of half the demand: overhang (100 + 50) / 100 - 1 = 0.5.
  const std::vector<std::string> platform = {"government.coordination_platform=true",
                                             "platform.screening=true", "platform.credit=refuse"};
  EntryWorld open = entry_world(0.5, 0.5);
  decide_investment(open.m.world, open.m.params);
  const std::size_t ordinary = pv_entrants(open).size();
  ASSERT_GT(ordinary, 0u);

  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.end(), platform.begin(), platform.end());
    EntryWorld e = entry_world(0.5, 0.5, extra);
    decide_investment(e.m.world, e.m.params);
    return pv_entrants(e).size();
  };
  EXPECT_EQ(with({"platform.overhang=0.4"}), 0u) << "0.5 > 0.4: refused";
  EXPECT_EQ(with({"platform.overhang=0.6"}), ordinary) << "0.5 < 0.6: ordinary terms";
  // Screening needs the platform.
  EntryWorld no_platform = entry_world(
      0.5, 0.5, {"platform.screening=true", "platform.credit=refuse", "platform.overhang=0"});
  decide_investment(no_platform.m.world, no_platform.m.params);
  EXPECT_EQ(pv_entrants(no_platform).size(), ordinary);
}

TEST(PlatformCredit, PricesAndCutsCredit) {
  const std::vector<std::string> screen = {"government.coordination_platform=true",
                                           "platform.screening=true", "platform.overhang=0.2"};
  auto run = [&](std::vector<std::string> extra) {
    extra.insert(extra.end(), screen.begin(), screen.end());
    EntryWorld e = entry_world(0.5, 0.5, extra);
    decide_investment(e.m.world, e.m.params);
    return e;
  };
  // Premium 0.01 per quarter on the bank debt (60% of net capex), paid up front as its present
  // value over the 20-quarter horizon: sum_{q=1..20} 0.97^q = 0.97 (1 - 0.97^20) / 0.03.
  const double annuity = 0.97 * (1.0 - std::pow(0.97, 20)) / 0.03;
  EXPECT_NEAR(annuity, 14.7507, 1e-4);
  EntryWorld premium = run({"platform.credit=premium", "platform.premium=0.01"});
  const auto priced = pv_entrants(premium);
  ASSERT_FALSE(priced.empty());
  for (std::size_t f : priced) {
    const double net = premium.m.world.firms.book[f];
    EXPECT_NEAR(premium.m.world.firms.debt[f], 0.6 * net * (1.0 + 0.01 * annuity), 1e-9 * net);
  }
  // The fee lowers NPV/I by 0.01 x 14.75 x 0.6 = 0.089: fewer entrants (same draws).
  EntryWorld plain = entry_world(0.5, 0.5);
  decide_investment(plain.m.world, plain.m.params);
  EXPECT_LT(priced.size(), pv_entrants(plain).size());

  // Leverage cut 0.5: banks lend half of the usual 60%, owners pay the rest.
  EntryWorld cut = run({"platform.credit=leverage", "platform.leverage_cut=0.5"});
  const auto lent = pv_entrants(cut);
  ASSERT_FALSE(lent.empty());
  for (std::size_t f : lent) {
    const double net = cut.m.world.firms.book[f];
    EXPECT_NEAR(cut.m.world.firms.debt[f], 0.3 * net, 1e-9 * net);
  }
}

TEST(PlatformDisclosure, RaisesPipelineAwareness) {
  // CU^e = 100 / (100 + iota x 50): iota 0.3 for firms, 0.9 when the platform publishes.
  EntryWorld hidden = entry_world(0.0, 0.5, {"government.coordination_platform=true"});
  EXPECT_DOUBLE_EQ(track_outlook(hidden.m.world, hidden.m.params, sim::TrackId(0)).cu,
                   100.0 / 115.0);
  EntryWorld published =
      entry_world(0.0, 0.5, {"government.coordination_platform=true", "platform.disclosure=true"});
  EXPECT_DOUBLE_EQ(track_outlook(published.m.world, published.m.params, sim::TrackId(0)).cu,
                   100.0 / 145.0);
}

}  // namespace
}  // namespace regsim::agents
