// The model's hook for cities governed from outside (agents::ExternalDecisions): held cities
// list, subsidise and bail out as chosen; with no city held, nothing changes.
#include <gtest/gtest.h>

#include "agents/model.h"
#include "classroom_support.h"

namespace regsim::classroom {
namespace {

agents::Model small_model() {
  return agents::make_model(load_world(testing::small_world()));
}

TEST(ExternalDecisions, AnEmptyHookChangesNothing) {
  agents::Model a = small_model(), b = small_model();
  b.external.city.assign(b.world.num_cities(), std::nullopt);  // sized, but nobody held
  for (int t = 0; t < 12; ++t) {
    agents::step(a);
    agents::step(b);
  }
  EXPECT_EQ(agents::hash_state(a.world), agents::hash_state(b.world));
}

TEST(ExternalDecisions, HeldCitiesListAndSubsidiseAsChosen) {
  agents::Model m = small_model();
  const std::size_t n = m.world.num_cities(), k = m.world.num_tracks();
  m.external.city.resize(n);
  agents::CityChoice c;
  c.priorities = {sim::TrackId(5), sim::TrackId(2), sim::TrackId(9), sim::TrackId(7),
                  sim::TrackId(1)};  // one more than list_size (4): the last is dropped
  c.subsidy_rate = 0.9;              // above the state-aid cap (0.5): clipped
  m.external.city[2] = c;
  agents::step(m);
  for (std::size_t t = 0; t < k; ++t)
    EXPECT_EQ(m.world.cities.listed[2 * k + t] != 0, t == 5 || t == 2 || t == 9 || t == 7) << t;
  EXPECT_DOUBLE_EQ(m.world.cities.subsidy_rate[2], m.params.subsidy.state_aid_cap);
}

TEST(ExternalDecisions, CitiesThatRefuseBailoutsPayNone) {
  agents::Model held = small_model(), free = small_model();
  held.external.city.assign(held.world.num_cities(),
                            agents::CityChoice{{sim::TrackId(0), sim::TrackId(1)}, 0.3, false});
  free.external.city.assign(free.world.num_cities(),
                            agents::CityChoice{{sim::TrackId(0), sim::TrackId(1)}, 0.3, true});
  int held_bailouts = 0, free_bailouts = 0;
  for (int t = 0; t < 24; ++t) {
    agents::step(held);
    agents::step(free);
    held_bailouts += held.world.flows.bailouts_count;
    free_bailouts += free.world.flows.bailouts_count;
  }
  EXPECT_EQ(held_bailouts, 0);
  EXPECT_GT(free_bailouts, 0) << "the same world with bailouts allowed has some to compare";
}

}  // namespace
}  // namespace regsim::classroom
