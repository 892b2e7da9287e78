// Trade with the rest of the world (market.rest_of_world): hand-worked exports of a glut in a
// two-city integrated world, and a foreign tariff scheduled mid-run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "support/test_world.h"
#include "support/tiny_world.h"

namespace regsim::agents {
namespace {

using testing::add_plant;
using testing::integrated_model;

// pv: c0 = 0.75 (the plants' unit cost), eta = 1.5, pref = 1. World price 1.2 c0 = 0.9, trade
// cost 0.1: export parity 0.9 / 1.1, import parity 0.99; export demand 0.5 A at parity with
// elasticity 3.
constexpr double kCost = 0.75, kWorld = 0.9, kTrade = 0.1;
const std::vector<std::string> kWorldKeys = {
    "market.rest_of_world=true", "tracks.pv.world_price=1.2",
    "tracks.pv.trade_cost=0.1",  "tracks.pv.export_demand=0.5",
    "tracks.pv.export_eta=3",    "tracks.pv.world_pricing=foreign_cost"};

double exports_at(double a, double price, double tariff) {
  const double parity = kWorld / ((1.0 + kTrade) * (1.0 + tariff));
  return 0.5 * a * std::pow(price / parity, -3.0);
}

/// A two-city integrated world with one pv plant of `demands` times pv's demand scale A (at cost
/// kCost), its markets cleared once.
struct OnePlant {
  Model m;
  double a;  ///< A
};

OnePlant one_plant(double demands, const std::vector<std::string>& keys) {
  OnePlant o{integrated_model(keys), 0.0};
  o.a = life_cycle_demand(o.m.params.tracks[0], o.m.world.tick);
  add_plant(o.m.world, 0, demands * o.a, 0.0);
  clear_markets(o.m.world, o.m.params, *o.m.solver);
  return o;
}

// Capacity 3 A at cost 0.75: at home 1.54 A is bought at 0.75 (A 0.75^-1.5), abroad
// 0.5 A (0.75 / 0.818)^-3 = 0.65 A; the price stays on the plants' step 0.75, the glut is
// partly exported and the rest idles. Closed, the same plants make only the home demand.
TEST(RestOfWorld, GlutIsPartlyExported) {
  auto [m, a] = one_plant(3.0, kWorldKeys);
  sim::World& w = m.world;
  const double home = a * std::pow(kCost, -1.5), abroad = exports_at(a, kCost, 0.0);
  EXPECT_DOUBLE_EQ(w.tracks.export_price[0], kCost);
  EXPECT_NEAR(w.tracks.demand[0], home, 1e-12 * a);
  EXPECT_NEAR(w.tracks.world_exports[0], abroad, 1e-12 * a);
  EXPECT_NEAR(w.tracks.output[0], home + abroad, 1e-12 * a);
  EXPECT_EQ(w.tracks.world_imports[0], 0.0);

  // A 50% foreign tariff lowers export parity by 1.5: exports fall by 1.5^3.
  m.params.tracks[0].foreign_tariff = 0.5;
  clear_markets(w, m.params, *m.solver);
  EXPECT_NEAR(w.tracks.world_exports[0], abroad / 3.375, 1e-12 * a);
  EXPECT_NEAR(w.tracks.output[0], home + abroad / 3.375, 1e-12 * a);

  const OnePlant closed = one_plant(3.0, {});
  EXPECT_NEAR(closed.m.world.tracks.output[0], home, 1e-12 * a);
  EXPECT_EQ(closed.m.world.tracks.world_exports[0], 0.0);
}

// Scarcity: capacity A / 2. Closed, the price would be 2^(1/1.5) = 1.59; imports at the import
// parity 0.99 cap it, home buys A 0.99^-1.5 and imports what the plants cannot make.
TEST(RestOfWorld, ImportsCapAScarcity) {
  const auto [m, a] = one_plant(0.5, kWorldKeys);
  const sim::World& w = m.world;
  const double cap = kWorld * (1.0 + kTrade);
  EXPECT_DOUBLE_EQ(w.tracks.export_price[0], cap);
  EXPECT_NEAR(w.tracks.output[0], 0.5 * a, 1e-12 * a);
  EXPECT_NEAR(w.tracks.world_imports[0], a * std::pow(cap, -1.5) - 0.5 * a, 1e-12 * a);
  EXPECT_EQ(w.tracks.world_exports[0], 0.0);
}

/// pv's index in a model's track table.
std::size_t pv(const Model& m) {
  for (std::size_t k = 0; k < m.params.tracks.size(); ++k)
    if (m.params.tracks[k].name == "pv") return k;
  ADD_FAILURE() << "no pv track";
  return 0;
}

// A foreign tariff on pv scheduled for year 3: the run is the same as without it until then;
// from the tick it applies, pv's exports fall (and other tracks' do not move that tick).
TEST(RestOfWorld, ScheduledTariffCutsExports) {
  // pv under foreign makers' price at world price 1.3, trade cost 0.1, export demand 0.25 and
  // elasticity 3 (pv's default is China's price, where a tariff cuts exports only by
  // (1 + f)^-eta_short).
  const auto config =
      testing::small_config({"market.rest_of_world=true", "tracks.pv.world_pricing=foreign_cost",
                             "tracks.pv.world_price=1.3", "tracks.pv.trade_cost=0.1",
                             "tracks.pv.export_demand=0.25", "tracks.pv.export_eta=3"});
  Model free = make_model(config), taxed = make_model(config);
  const sim::Tick at = 3 * sim::kTicksPerYear;
  // The schedule is sorted by tick (the config's own endorsement comes later).
  const auto pos = std::find_if(taxed.schedule.begin(), taxed.schedule.end(),
                                [&](const ParamChange& c) { return c.tick > at; });
  taxed.schedule.insert(pos, {at, "tracks.pv.foreign_tariff", sim::ScalarValue(0.5)});
  const std::size_t k = pv(free);
  bool traded = false;
  while (free.world.tick < at) {
    step(free);
    step(taxed);
    EXPECT_EQ(hash_state(free.world), hash_state(taxed.world)) << free.world.tick;
    traded = traded || free.metrics.tracks[k].exports > 0.0;
  }
  EXPECT_TRUE(traded);
  step(free);
  step(taxed);
  ASSERT_EQ(taxed.applied.size(), 1u);
  EXPECT_GT(free.metrics.tracks[k].exports, 0.0);
  EXPECT_LT(taxed.metrics.tracks[k].exports, 0.5 * free.metrics.tracks[k].exports);
}

}  // namespace
}  // namespace regsim::agents
