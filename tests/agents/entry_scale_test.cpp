// firms.entry_scale (docs/model.md 5.12): under "market" every entry rate of a track carries
// m_k = (D^e_k / K0_k) / n_ref, the entrant plants its expected demand holds over a reference
// number; "city" is the rule of before; n_ref keeps the default world's first-round entry; the
// outputs are the same for any number of threads.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

#include "agents/economics.h"
#include "agents/model.h"
#include "agents/phases/phases.h"
#include "support/baseline.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

/// The state the first investment round (tick 0) sees: the model after its warm start, with the
/// tick's first phases (tick start, policy, government plans) run as step() runs them.
sim::World first_round_state(Model& m) {
  begin_tick(m.world);
  apply_policy_changes(m, {});
  plan_governments(m.world, m.params, m.external);
  return m.world;
}

ExpectedEntry first_round(const RunConfig& config) {
  Model m = make_model(config);
  sim::World w = first_round_state(m);
  return expected_entry(w, m.params);
}

double sum(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

/// The default world (experiments/baseline.toml) with `seed` and extra --set style keys.
RunConfig default_world(int seed, std::vector<std::string> sets = {}) {
  sets.insert(sets.begin(), "world.seed=" + std::to_string(seed));
  return load_run_config_text(testing::baseline_text(), "baseline", sets);
}

std::size_t track_index(const ModelParams& p, const std::string& name) {
  for (std::size_t t = 0; t < p.tracks.size(); ++t)
    if (p.tracks[t].name == name) return t;
  ADD_FAILURE() << "no track " << name;
  return 0;
}

TEST(EntryScale, CityIsTheDefaultAndTheRuleOfBefore) {
  const RunConfig plain = testing::small_config();
  EXPECT_EQ(plain.params.firms.entry_scale, EntryScale::City);
  // Naming the default changes nothing; the market rule changes the run.
  std::uint64_t hash[3];
  const char* sets[3] = {nullptr, "firms.entry_scale=city", "firms.entry_scale=market"};
  for (int c = 0; c < 3; ++c) {
    Model m = make_model(sets[c] ? testing::small_config({sets[c]}) : plain);
    while (!m.finished()) step(m);
    hash[c] = hash_state(m.world);
  }
  EXPECT_EQ(hash[0], hash[1]);
  EXPECT_NE(hash[0], hash[2]);
}

TEST(EntryScale, MarketPlantsAreExpectedDemandOverTheEntrantPlant) {
  // K0_k = entrant_size x the mean incumbent plant x sqrt(A_k(t) / A_k(0)) (docs/model.md 2.6;
  // A_k(t) carries tick 0's demand shock), and D^e_k / K0_k is the national outlook's demand
  // over it.
  Model m = make_model(testing::small_config({"firms.entrant_size=1"}));
  sim::World w = first_round_state(m);
  const ExpectedEntry e = expected_entry(w, m.params);
  for (std::size_t t = 0; t < w.num_tracks(); ++t) {
    const double plant = w.tracks.entrant_capacity[t] *
                         std::sqrt(w.tracks.demand_scale[t] / w.tracks.initial_demand[t]);
    ASSERT_GT(plant, 0) << m.params.tracks[t].name;
    EXPECT_DOUBLE_EQ(e.plant[t], plant) << m.params.tracks[t].name;
    const double demand = track_outlook(w, m.params, sim::TrackId::at(t)).demand;
    EXPECT_DOUBLE_EQ(e.market_plants[t], demand / plant) << m.params.tracks[t].name;
  }
}

TEST(EntryScale, ASmallMarketGetsProportionallyFewerEntrantsAtEqualNpv) {
  // Same state, same NPV/I in every cell: the market rule multiplies each track's city-rule
  // Poisson means (local and mobile) by m_k = (D^e_k / K0_k) / n_ref, nothing else.
  const double n_ref = 50;
  const std::string ref = "firms.entry_reference_plants=" + std::to_string(n_ref);
  const ExpectedEntry city = first_round(testing::small_config({"firms.entry_scale=city", ref}));
  const ExpectedEntry market =
      first_round(testing::small_config({"firms.entry_scale=market", ref}));
  const RunConfig config = testing::small_config();
  const std::size_t small = track_index(config.params, "low_altitude");
  const std::size_t big = track_index(config.params, "pv");
  ASSERT_GT(city.entrants[small], 0);
  ASSERT_GT(city.entrants[big], 0);
  for (std::size_t t = 0; t < city.entrants.size(); ++t) {
    EXPECT_DOUBLE_EQ(market.market_plants[t], city.market_plants[t]);
    EXPECT_NEAR(market.entrants[t], city.entrants[t] * city.market_plants[t] / n_ref,
                1e-12 * (1 + city.entrants[t]))
        << config.params.tracks[t].name;
  }
  // The infant track's market holds far fewer entrant plants than PV's, so per unit of the city
  // rule's entry it gets proportionally fewer entrants.
  EXPECT_LT(city.market_plants[small], 0.1 * city.market_plants[big]);
  const double small_ratio = market.entrants[small] / city.entrants[small];
  const double big_ratio = market.entrants[big] / city.entrants[big];
  EXPECT_NEAR(small_ratio / big_ratio, city.market_plants[small] / city.market_plants[big], 1e-9);
  // Capacity ordered per unit of expected demand no longer depends on the plant: m_k K0_k / D^e_k
  // = 1 / n_ref for every track.
  for (std::size_t t = 0; t < city.entrants.size(); ++t) {
    if (city.entrants[t] <= 0) continue;
    const double demand = city.market_plants[t] * city.plant[t];
    EXPECT_NEAR(market.entrants[t] * market.plant[t] / demand, city.entrants[t] / n_ref,
                1e-9 * (1 + city.entrants[t]));
  }
}

/// n_ref that gives the market rule the city rule's total expected first-round entry:
/// sum_k (D^e_k / K0_k) E_k / sum_k E_k over the seeds, E_k the city rule's expected entrants.
double solved_reference(int seeds, int first_seed = 1) {
  double weighted = 0, total = 0;
  for (int s = first_seed; s < first_seed + seeds; ++s) {
    const ExpectedEntry e = first_round(default_world(s, {"firms.entry_scale=city"}));
    for (std::size_t t = 0; t < e.entrants.size(); ++t) {
      weighted += e.market_plants[t] * e.entrants[t];
      total += e.entrants[t];
    }
  }
  return weighted / total;
}

TEST(EntryScale, ReferencePlantsKeepTheFirstRoundsTotalEntry) {
  // The stated world: experiments/baseline.toml, seed 7 (not one of the seeds n_ref was solved
  // on is needed: any seed's own solution gives its total exactly).
  const int seed = 7;
  const double own = solved_reference(1, seed);
  const ExpectedEntry city = first_round(default_world(seed, {"firms.entry_scale=city"}));
  const ExpectedEntry exact = first_round(default_world(
      seed, {"firms.entry_scale=market", "firms.entry_reference_plants=" + std::to_string(own)}));
  // std::to_string keeps 6 decimals: the totals agree to that precision.
  EXPECT_NEAR(sum(exact.entrants), sum(city.entrants), 1e-6 * sum(city.entrants));
  // The shipped n_ref (solved over seeds 1-20) keeps this seed's total within a few percent.
  const ExpectedEntry shipped = first_round(default_world(seed, {"firms.entry_scale=market"}));
  EXPECT_NEAR(sum(shipped.entrants), sum(city.entrants), 0.05 * sum(city.entrants));
  // and moves entry from the infant track to the mature ones.
  const std::size_t low = track_index(default_world(seed).params, "low_altitude");
  EXPECT_LT(shipped.entrants[low], 0.2 * city.entrants[low]);
}

// How firms.entry_reference_plants was solved (docs/model.md 5.12): run
//   build/ci/tests/regsim_agents_tests --gtest_also_run_disabled_tests
//     --gtest_filter=EntryScale.DISABLED_SolveReferencePlants
TEST(EntryScale, DISABLED_SolveReferencePlants) {
  for (int s = 1; s <= 20; ++s) {
    const ExpectedEntry e = first_round(default_world(s, {"firms.entry_scale=city"}));
    std::printf("seed %2d: first-round entrants %.3f, n_ref %.3f\n", s, sum(e.entrants),
                solved_reference(1, s));
  }
  std::printf("n_ref over seeds 1-20: %.4f\n", solved_reference(20));
}

TEST(EntryScale, MarketRuleIsTheSameForEveryThreadCount) {
  const RunConfig config = testing::small_config({"firms.entry_scale=market"});
  std::uint64_t first = 0;
  for (int threads : {1, 2}) {
    tbb::task_arena arena(threads);
    const std::uint64_t hash = arena.execute([&] {
      Model m = make_model(config);
      while (!m.finished()) step(m);
      return hash_state(m.world);
    });
    if (threads == 1)
      first = hash;
    else
      EXPECT_EQ(hash, first) << threads << " threads";
  }
}

}  // namespace
}  // namespace regsim::agents
