// Invariants of MODEL.md section 11 and accounting identities, checked every tick of small runs.
#include <gtest/gtest.h>

#include <cmath>

#include "agents/model.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

void expect_invariants(const Model& m) {
  const auto& w = m.world;
  const auto& f = w.firms;
  for (std::size_t i = 0; i < f.size(); ++i) {
    ASSERT_GE(f.output[i], 0.0);
    ASSERT_LE(f.output[i], f.capacity[i] * (1 + 1e-9) + 1e-12) << "firm " << f.id[i];
    ASSERT_TRUE(std::isfinite(f.debt[i]) && std::isfinite(f.book[i]));
    ASSERT_EQ(f.index_of[f.id[i].index()], static_cast<std::int32_t>(i)) << "index map broken";
  }
  std::size_t alive = 0;
  for (auto idx : f.index_of) alive += idx >= 0 ? 1 : 0;
  ASSERT_EQ(alive, f.size()) << "a firm is both exited and active";
  for (const auto& t : m.metrics.tracks) {
    ASSERT_GE(t.cu, 0.0);
    ASSERT_LE(t.cu, 1.0 + 1e-12);
    ASSERT_TRUE(std::isfinite(t.price));
    ASSERT_GT(t.price, 0.0);
  }
  for (double p : w.city_price) ASSERT_TRUE(std::isfinite(p) && p > 0);
  const double trade = std::max(1.0, w.flows.exports);
  ASSERT_NEAR(w.flows.exports, w.flows.imports, 1e-9 * trade);
  const double sub = std::max(1.0, w.flows.subsidies_paid);
  ASSERT_NEAR(w.flows.subsidies_paid, w.flows.subsidies_received, 1e-9 * sub);
  // Per track, net exports over cities sum to zero.
  const std::size_t k = w.num_tracks();
  for (std::size_t t = 0; t < k; ++t) {
    double net = 0, gross = 0;
    for (std::size_t i = 0; i < w.num_cities(); ++i) {
      net += w.net_export[i * k + t];
      gross += std::abs(w.net_export[i * k + t]);
    }
    ASSERT_NEAR(net, 0.0, 1e-9 * std::max(1.0, gross));
  }
  for (double x : {m.metrics.national.welfare, m.metrics.national.consumer_surplus,
                   m.metrics.national.gdp, m.metrics.national.price_index})
    ASSERT_TRUE(std::isfinite(x)) << "a national metric is not finite";
  ASSERT_GE(m.metrics.national.cu, 0.0);
  ASSERT_LE(m.metrics.national.cu, 1.0 + 1e-12);
}

class Invariants : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(Invariants, HoldEveryTick) {
  Model m = make_model(testing::small_config(GetParam()));
  while (!m.finished()) {
    step(m);
    expect_invariants(m);
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_GT(m.metrics.national.firms, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, Invariants,
    ::testing::Values(std::vector<std::string>{},
                      // So few firms that some tracks start with none: nothing to consume there.
                      std::vector<std::string>{"world.initial_firms=150"},
                      std::vector<std::string>{"market.kappa=0", "world.heterogeneity=0"},
                      std::vector<std::string>{"market.kappa=1", "subsidy.regime=precise"},
                      std::vector<std::string>{"subsidy.regime=vc", "exit.bailouts=false",
                                               "market.price_floor=1.0"},
                      std::vector<std::string>{"rules.capacity_controls=true",
                                               "government.smart_specialisation=true",
                                               "government.coordination_platform=true",
                                               "tournament.evaluation=differentiated",
                                               "spillover.colocation_relatedness=true"},
                      std::vector<std::string>{
                          "firms.expectations=market_access", "funds.enabled=true",
                          "government.coordination_platform=true", "platform.screening=true",
                          "platform.disclosure=true", "market.kappa=1"}));

TEST(Model, NoZombiesWithoutBailouts) {
  Model m = make_model(testing::small_config({"exit.bailouts=false"}));
  while (!m.finished()) {
    step(m);
    ASSERT_EQ(m.metrics.national.zombie_share, 0.0);
    ASSERT_EQ(m.metrics.national.bailouts, 0.0);
  }
}

TEST(Model, NoSubsidiesUnderTheNoneRegime) {
  Model m = make_model(testing::small_config({"subsidy.regime=none"}));
  while (!m.finished()) {
    step(m);
    ASSERT_EQ(m.metrics.national.subsidies, 0.0);
  }
}

TEST(Model, ClosedClustersAdmitNoEntrants) {
  // Every city closes every cell that has a firm: entrants may only open new cells.
  Model m = make_model(
      testing::small_config({"rules.closed_cluster_share=1", "rules.closed_cluster_min_firms=1"}));
  int entrants = 0, closed_seen = 0;
  while (!m.finished()) {
    const auto before = m.world.next_firm_id;
    step(m);
    const auto& w = m.world;
    closed_seen = std::max(closed_seen, m.metrics.national.closed_cells);
    for (std::size_t f = 0; f < w.firms.size(); ++f) {
      if (w.firms.id[f] < before) continue;  // ids grow: anything at or above is new
      ++entrants;
      ASSERT_FALSE(w.cities.closed[w.cell(w.firms.city[f], w.firms.track[f])])
          << "an entrant got into a closed cell at tick " << w.tick;
    }
  }
  EXPECT_GT(closed_seen, 0);
  EXPECT_GT(entrants, 0) << "empty cells stay open";
}

TEST(Model, NoClusterClosesByDefault) {
  Model m = make_model(testing::small_config());
  while (!m.finished()) {
    step(m);
    ASSERT_EQ(m.metrics.national.closed_cells, 0);
  }
}

TEST(Model, ScheduledChangeAppliesAtItsTick) {
  auto config = testing::small_config();
  config.schedule.insert(config.schedule.begin(), {5, "market.kappa", sim::ScalarValue(0.0)});
  Model m = make_model(config);
  while (m.world.tick < 5) step(m);
  EXPECT_EQ(m.params.market.kappa, 0.5);
  step(m);
  EXPECT_EQ(m.params.market.kappa, 0.0);
  ASSERT_FALSE(m.applied.empty());
  EXPECT_EQ(m.applied.back().tick, 5);
}

TEST(Model, IdenticalCitiesStayIdenticalInExpectation) {
  // All policies off, identical endowments and sizes: every city's mean GDP share over many
  // replicates must be close to 1/N (no city is favoured by construction).
  const std::vector<std::string> sets = {"world.heterogeneity=0",
                                         "world.base_gdp_sd=0",
                                         "tournament.alpha1=0",
                                         "subsidy.regime=none",
                                         "exit.bailouts=false",
                                         "world.cities=12",
                                         "world.provinces=1",
                                         "world.initial_firms=300",
                                         "world.years=5",
                                         "market.kappa=0",
                                         "spillover.strength=0",
                                         "world.zone_development=0",
                                         "world.zone_agricultural=0",
                                         "world.zone_ecological=0"};
  const auto config = agents::load_run_config_text(testing::baseline_text(), "t", sets);
  const int replicates = 16;
  std::vector<double> share(12, 0.0);
  for (int r = 0; r < replicates; ++r) {
    Model m = make_model(config, static_cast<std::uint32_t>(r));
    while (!m.finished()) step(m);
    for (std::size_t i = 0; i < 12; ++i) share[i] += m.world.cities.gdp_share[i] / replicates;
  }
  for (std::size_t i = 0; i < 12; ++i) EXPECT_NEAR(share[i], 1.0 / 12, 0.2 / 12) << "city " << i;
}

}  // namespace
}  // namespace regsim::agents
