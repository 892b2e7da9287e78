// initial.start = rest_point (docs/model.md 2.7): each track starts with the smallest multiple of
// its legacy capacity at which the first investment round's expected private entry is within the
// track's first-year need; the legacy start is unchanged; the state is the same for any number
// of threads.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include "agents/economics.h"
#include "agents/model.h"
#include "agents/phases/phases.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

std::vector<double> track_capacity(const sim::World& w) {
  std::vector<double> out(w.num_tracks(), 0.0);
  for (std::size_t f = 0; f < w.firms.size(); ++f)
    out[w.firms.track[f].index()] += w.firms.capacity[f];
  return out;
}

TEST(InitialStart, FirstYearNeedIsDepreciationPlusLifeCycleGrowth) {
  // Worked by hand: A(y) = a0 + (amax - a0) / (1 + exp(-r (y - tmid))).
  sim::TrackParams t;
  t.a0 = 20;
  t.amax = 400;
  t.growth = 0.6;
  t.tmid = 16;
  t.depreciation = 0.02;
  // A(0) = 20 + 380 / (1 + e^9.6) = 20.025735, A(1) = 20 + 380 / (1 + e^9) = 20.046890:
  // 4 x 0.02 + 20.046890 / 20.025735 - 1 = 0.0810564.
  EXPECT_NEAR(first_year_need(t), 0.0810563788, 1e-9);
  t.a0 = 100;
  t.amax = 300;
  t.growth = 0.5;
  t.tmid = 2;
  t.depreciation = 0.03;
  // A(0) = 100 + 200 / (1 + e^1) = 153.7882843, A(1) = 100 + 200 / (1 + e^0.5) = 175.5081338.
  EXPECT_NEAR(first_year_need(t), 0.12 + 175.5081338 / 153.7882843 - 1.0, 1e-8);
  t.a0 = 300;
  t.amax = 100;  // a declining track: only depreciation is needed
  EXPECT_NEAR(first_year_need(t), 0.12, 1e-12);
}

TEST(InitialStart, RestPointStartsEachTrackWithinItsNeed) {
  const RunConfig legacy_config = testing::small_config({"initial.start=legacy"});
  const RunConfig rest_config = testing::small_config({"initial.start=rest_point"});
  const Model legacy = make_model(legacy_config);
  const Model rest = make_model(rest_config);
  const ModelParams& p = rest.params;
  const std::vector<double> cap0 = track_capacity(legacy.world);
  const std::vector<double> cap = track_capacity(rest.world);
  // The legacy start: capacity A_k(0) / initial.utilisation in every track with incumbents.
  for (std::size_t t = 0; t < cap0.size(); ++t) {
    if (cap0[t] <= 0) continue;
    EXPECT_NEAR(cap0[t], life_cycle_demand(p.tracks[t], 0) / p.initial.utilisation, 1e-9 * cap0[t])
        << p.tracks[t].name;
  }
  sim::World legacy_state = legacy.world;
  const std::vector<double> entry0 = expected_entry_capacity(legacy_state, legacy.params);
  sim::World rest_state = rest.world;
  const std::vector<double> entry = expected_entry_capacity(rest_state, p);
  int scaled = 0;
  for (std::size_t t = 0; t < cap.size(); ++t) {
    if (cap0[t] <= 0) continue;
    const double x = cap[t] / cap0[t];
    const double need = first_year_need(p.tracks[t]);
    EXPECT_GE(x, 1.0 - 1e-12) << p.tracks[t].name;
    EXPECT_LE(x, 16.0 + 1e-12) << p.tracks[t].name;
    // Every firm of the track is scaled by the same factor (book value and debt with it).
    for (std::size_t f = 0; f < rest.world.firms.size(); ++f) {
      if (rest.world.firms.track[f].index() != t) continue;
      EXPECT_NEAR(rest.world.firms.capacity[f], x * legacy.world.firms.capacity[f],
                  1e-9 * rest.world.firms.capacity[f]);
      EXPECT_NEAR(rest.world.firms.book[f], x * legacy.world.firms.book[f],
                  1e-9 * rest.world.firms.book[f]);
    }
    if (x > 1.0) {
      ++scaled;
      // The legacy start was not a rest point; the chosen one is.
      EXPECT_GT(entry0[t], cap0[t] * need) << p.tracks[t].name;
      EXPECT_LE(entry[t], cap[t] * need * (1 + 1e-9)) << p.tracks[t].name;
    } else {
      EXPECT_LE(entry0[t], cap0[t] * need * (1 + 1e-9)) << p.tracks[t].name;
    }
  }
  EXPECT_GT(scaled, 0) << "the small world has a track whose legacy start floods";
}

TEST(InitialStart, RestPointIsTheSameForEveryThreadCount) {
  const RunConfig config = testing::small_config({"initial.start=rest_point"});
  std::uint64_t first = 0;
  std::vector<double> first_capacity;
  for (int threads : {1, 2, 3}) {
    tbb::task_arena arena(threads);
    const auto [hash, capacity] = arena.execute([&] {
      Model m = make_model(config);
      const std::vector<double> start = track_capacity(m.world);
      while (!m.finished()) step(m);
      return std::make_pair(hash_state(m.world), start);
    });
    if (threads == 1) {
      first = hash;
      first_capacity = capacity;
      continue;
    }
    EXPECT_EQ(hash, first) << threads << " threads";
    EXPECT_EQ(capacity, first_capacity) << threads << " threads";
  }
}

}  // namespace
}  // namespace regsim::agents
