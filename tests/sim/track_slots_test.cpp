// TrackSlots: items grouped by track in item order, against grouping by hand.
#include "sim/track_slots.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <vector>

namespace regsim::sim {
namespace {

TEST(TrackSlots, GroupsKeptItemsByTrackInItemOrder) {
  // Items 0..7 on tracks 2 0 2 1 2 0 3 0 (4 tracks; track 3 keeps nothing); odd items dropped.
  const std::vector<TrackId> track = {TrackId(2), TrackId(0), TrackId(2), TrackId(1),
                                      TrackId(2), TrackId(0), TrackId(3), TrackId(0)};
  const auto keep = [](std::size_t i) { return i % 2 == 0; };
  TrackSlots slots(track, 4, keep);
  EXPECT_EQ(slots.size(), 4u);
  EXPECT_EQ(slots.count(0), 0u);
  EXPECT_EQ(slots.count(1), 0u);
  EXPECT_EQ(slots.count(2), 3u);
  EXPECT_EQ(slots.count(3), 1u);
  EXPECT_EQ(slots.begin(2), 0u);
  EXPECT_EQ(slots.begin(3), 3u);
  std::vector<int> placed(slots.size(), -1);
  for (std::size_t i = 0; i < track.size(); ++i)
    if (keep(i)) placed[slots.take(track[i])] = static_cast<int>(i);
  EXPECT_EQ(placed, (std::vector<int>{0, 2, 4, 6}));
}

TEST(TrackSlots, MatchesPerTrackListsOnRandomItems) {
  std::mt19937 gen(7);
  for (int round = 0; round < 200; ++round) {
    const std::size_t k = 1 + gen() % 9, n = gen() % 300;
    std::vector<TrackId> track(n);
    std::vector<bool> kept(n);
    for (std::size_t i = 0; i < n; ++i) {
      track[i] = TrackId::at(gen() % k);
      kept[i] = gen() % 4 != 0;
    }
    TrackSlots slots(track, k, [&](std::size_t i) { return kept[i]; });
    std::vector<std::size_t> placed(slots.size(), n);
    for (std::size_t i = 0; i < n; ++i)
      if (kept[i]) placed[slots.take(track[i])] = i;
    std::size_t next_begin = 0;
    for (std::size_t t = 0; t < k; ++t) {
      std::vector<std::size_t> expected;
      for (std::size_t i = 0; i < n; ++i)
        if (kept[i] && track[i].index() == t) expected.push_back(i);
      ASSERT_EQ(slots.begin(t), next_begin);
      ASSERT_EQ(slots.count(t), expected.size());
      std::vector<std::size_t> got;
      for (std::size_t s = 0; s < slots.count(t); ++s) got.push_back(placed[slots.begin(t) + s]);
      ASSERT_EQ(got, expected) << "round " << round << " track " << t;
      next_begin += slots.count(t);
    }
    EXPECT_EQ(next_begin, slots.size());
  }
}

}  // namespace
}  // namespace regsim::sim
