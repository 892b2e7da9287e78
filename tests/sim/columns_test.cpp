// Column lists of the world's structs: complete, unique, and what sizing, resets and rows do.
#include "sim/columns.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "sim/world.h"

namespace regsim::sim {
namespace {

// A struct with a member its list forgets: the completeness check must say so (world.h turns
// the same check into a build error for the real structs).
struct TwoColumns {
  std::vector<double> a;
  std::vector<int> b;
};
struct Forgotten {
  std::vector<double> a;
  std::vector<int> b;
};
}  // namespace

template <>
struct Columns<TwoColumns> {
  using Self = TwoColumns;
  static constexpr std::string_view group = "two";
  static constexpr auto list =
      std::tuple{REGSIM_COLUMN(a, Persistent, City), REGSIM_COLUMN(b, Flow, City)};
};
template <>
struct Columns<Forgotten> {
  using Self = Forgotten;
  static constexpr std::string_view group = "forgotten";
  static constexpr auto list = std::tuple{REGSIM_COLUMN(a, Persistent, City)};
};

namespace {

static_assert(member_count<TwoColumns>() == 2);
static_assert(lists_every_member<TwoColumns>);
static_assert(!lists_every_member<Forgotten>, "a forgotten member must be detected");
static_assert(member_count<World>() == std::tuple_size_v<decltype(Columns<World>::list)>);

TEST(Columns, NamesAreUniqueWithinEachGroup) {
  World w;
  std::set<std::string> seen;
  int visited = 0;
  for_each_column(w, [&](const ColumnInfo& c, const auto&) {
    ++visited;
    const std::string full = std::string(c.group) + "." + std::string(c.name);
    EXPECT_TRUE(seen.insert(full).second) << full << " listed twice";
  });
  // Every member of every struct, less the three World members that are not flat columns (the
  // geography, the spillover matrix and the merit orders).
  const std::size_t members = member_count<Tracks>() + member_count<Cities>() +
                              member_count<Firms>() + member_count<Orders>() +
                              member_count<TickFlows>() + member_count<World>() - 5 - 3;
  EXPECT_EQ(static_cast<std::size_t>(visited), members);
  EXPECT_TRUE(seen.count("tracks.capex") && seen.count("cities.base_gdp") &&
              seen.count("cities.official_id") && seen.count("orders.unit_capex"));
}

TEST(Columns, ElementTypesFollowTheMembers) {
  const std::map<std::string, ElementType> expected = {{"cities.official_id", ElementType::U32},
                                                       {"cities.listed", ElementType::U8},
                                                       {"firms.born", ElementType::I32},
                                                       {"world.seed", ElementType::U64},
                                                       {"tracks.capex", ElementType::F64}};
  World w;
  std::size_t checked = 0;
  for_each_column(w, [&](const ColumnInfo& c, const auto&) {
    const auto it = expected.find(std::string(c.group) + "." + std::string(c.name));
    if (it == expected.end()) return;
    EXPECT_EQ(c.type, it->second) << it->first;
    ++checked;
  });
  EXPECT_EQ(checked, expected.size());
  EXPECT_STREQ(lifetime_name(Lifetime::Year), "year");
  EXPECT_STREQ(extent_name(Extent::Cell), "cell");
  EXPECT_STREQ(element_type_name(ElementType::U32), "u32");
}

TEST(Columns, SizeColumnsGivesEachExtentItsLength) {
  World w;
  size_columns(w, 3, 2);
  for_each_column(w, [&](const ColumnInfo& c, const auto& x) {
    if constexpr (is_column_vector<decltype(x)>) {
      std::size_t want = 0;
      if (c.extent == Extent::Track) want = 2;
      if (c.extent == Extent::City) want = 3;
      if (c.extent == Extent::Cell) want = 6;
      if (c.extent == Extent::TrackPair) want = 4;
      EXPECT_EQ(x.size(), want) << c.group << "." << c.name;
    }
  });
}

TEST(Columns, ZeroColumnsTouchesOnlyTheLifetimeAsked) {
  World w;
  size_columns(w, 2, 2);
  w.cities.gdp_year = {5, 6};        // year
  w.cities.subsidies_tick = {1, 2};  // flow
  w.cities.debt = {7, 8};            // persistent
  w.flows.bailouts = 3;              // flow (scalar)
  w.flows.exits_by_track = {1, 1};   // flow (vector)
  zero_columns(w, Lifetime::Flow);
  EXPECT_EQ(w.cities.subsidies_tick, (std::vector<double>{0, 0}));
  EXPECT_EQ(w.flows.bailouts, 0.0);
  EXPECT_EQ(w.flows.exits_by_track, (std::vector<int>{0, 0}));
  EXPECT_EQ(w.cities.gdp_year, (std::vector<double>{5, 6}));
  EXPECT_EQ(w.cities.debt, (std::vector<double>{7, 8}));
  zero_columns(w, Lifetime::Year);
  EXPECT_EQ(w.cities.gdp_year, (std::vector<double>{0, 0}));
  EXPECT_EQ(w.cities.debt, (std::vector<double>{7, 8}));
}

TEST(Columns, AddAndCompactFirmsMoveEveryFirmColumn) {
  World w;
  size_columns(w, 2, 2);
  w.tick = 9;
  for (std::size_t f = 0; f < 4; ++f) add_firm(w, CityId::at(f % 2), TrackId(1));
  for_each_column(w.firms, [&](const ColumnInfo& c, const auto& x) {
    EXPECT_EQ(x.size(), 4u) << c.name;  // index_of too: one per id issued
  });
  EXPECT_EQ(w.firms.born, (std::vector<Tick>{9, 9, 9, 9}));
  w.firms.capacity = {10, 11, 12, 13};
  w.firms.debt = {20, 21, 22, 23};
  const std::vector<std::uint8_t> dead = {0, 1, 0, 1};
  compact_firms(w, dead);
  for_each_column(w.firms, [&](const ColumnInfo& c, const auto& x) {
    EXPECT_EQ(x.size(), c.extent == Extent::IssuedId ? 4u : 2u) << c.name;
  });
  EXPECT_EQ(w.firms.id, (std::vector<FirmId>{FirmId(0), FirmId(2)}));
  EXPECT_EQ(w.firms.capacity, (std::vector<double>{10, 12}));
  EXPECT_EQ(w.firms.debt, (std::vector<double>{20, 22}));
  EXPECT_EQ(w.firms.index_of, (std::vector<std::int32_t>{0, -1, 1, -1}));
}

TEST(Columns, NextMarkedVisitsEveryMarkInTurn) {
  for (std::size_t n = 0; n < 40; ++n)
    for (std::size_t seed = 0; seed < 20; ++seed) {
      std::vector<std::uint8_t> marks(n, 0);
      std::vector<std::size_t> expected;
      for (std::size_t i = 0; i < n; ++i)
        if ((i * 31 + seed * 17) % (seed % 7 + 2) == 0) {
          marks[i] = static_cast<std::uint8_t>(1 + i % 200);
          expected.push_back(i);
        }
      std::vector<std::size_t> seen;
      for (std::size_t i = next_marked(marks, 0); i < n; i = next_marked(marks, i + 1))
        seen.push_back(i);
      EXPECT_EQ(seen, expected) << n << " " << seed;
      EXPECT_EQ(next_marked(marks, n), n);
    }
}

TEST(Columns, CompactFirmsKeepsTheUnmarkedFirmsInOrderForManyPatterns) {
  // Marked rows alone and in runs, at the start, across and at 8-row boundaries, at the end,
  // none and all; marks other than 1 count too.
  constexpr std::size_t n = 70;
  std::vector<std::vector<std::uint8_t>> patterns;
  patterns.emplace_back(n, 0);
  patterns.emplace_back(n, 1);
  for (const std::vector<std::size_t>& at :
       std::vector<std::vector<std::size_t>>{{0},
                                             {n - 1},
                                             {7, 8},
                                             {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 30},
                                             {15, 16, 17, 23, 24, 40, 63, 64, 65, 69},
                                             {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}}) {
    std::vector<std::uint8_t> dead(n, 0);
    for (const std::size_t i : at) dead[i] = i % 3 == 0 ? 2 : 1;
    patterns.push_back(dead);
  }
  for (std::size_t seed = 1; seed < 40; ++seed) {
    std::vector<std::uint8_t> dead(n, 0);
    for (std::size_t i = 0; i < n; ++i) dead[i] = (i * 7919 + seed * 104729) % (seed % 5 + 2) == 0;
    patterns.push_back(dead);
  }
  for (const auto& dead : patterns) {
    World w;
    size_columns(w, 2, 2);
    for (std::size_t f = 0; f < n; ++f) {
      add_firm(w, CityId::at(f % 2), TrackId::at(f % 2));
      w.firms.capacity[f] = static_cast<double>(f) + 0.5;
      w.firms.loss_streak[f] = static_cast<int>(f);
      w.firms.mobile[f] = static_cast<std::uint8_t>(f);
    }
    compact_firms(w, dead);
    std::size_t j = 0;
    for (std::size_t f = 0; f < n; ++f) {
      if (dead[f]) {
        EXPECT_EQ(w.firms.index_of[f], -1) << f;
        continue;
      }
      ASSERT_LT(j, w.firms.size());
      EXPECT_EQ(w.firms.id[j], FirmId(static_cast<std::uint32_t>(f))) << f;
      EXPECT_EQ(w.firms.capacity[j], static_cast<double>(f) + 0.5) << f;
      EXPECT_EQ(w.firms.loss_streak[j], static_cast<int>(f)) << f;
      EXPECT_EQ(w.firms.mobile[j], static_cast<std::uint8_t>(f)) << f;
      EXPECT_EQ(w.firms.index_of[f], static_cast<std::int32_t>(j)) << f;
      ++j;
    }
    for_each_column(w.firms, [&](const ColumnInfo& c, const auto& x) {
      EXPECT_EQ(x.size(), c.extent == Extent::IssuedId ? n : j) << c.name;
    });
  }
}

TEST(Columns, KeepRowsKeepsEveryOrderColumnInStep) {
  Orders o;
  for (std::uint32_t e = 0; e < 5; ++e)
    add_order(o, FirmId(e), static_cast<Tick>(e), e * 1.0, e * 2.0);
  const std::vector<std::uint32_t> keep = {1, 4};
  keep_rows(o, Extent::Order, keep);
  EXPECT_EQ(o.firm, (std::vector<FirmId>{FirmId(1), FirmId(4)}));
  EXPECT_EQ(o.ready, (std::vector<Tick>{1, 4}));
  EXPECT_EQ(o.amount, (std::vector<double>{1, 4}));
  EXPECT_EQ(o.unit_capex, (std::vector<double>{2, 8}));
}

TEST(Columns, KeepRowsMovesRunsLikeAGather) {
  // Kept rows in runs of several lengths, a kept prefix that stays in place, a dropped tail.
  const std::vector<std::uint32_t> keep = {0, 1, 2, 4, 5, 6, 9, 11, 12, 15, 16, 17, 18};
  Orders o;
  for (std::uint32_t e = 0; e < 20; ++e)
    add_order(o, FirmId(e), static_cast<Tick>(100 + e), e * 1.5, e * 0.25);
  keep_rows(o, Extent::Order, keep);
  ASSERT_EQ(o.size(), keep.size());
  for (std::size_t j = 0; j < keep.size(); ++j) {
    EXPECT_EQ(o.firm[j], FirmId(keep[j])) << j;
    EXPECT_EQ(o.ready[j], static_cast<Tick>(100 + keep[j])) << j;
    EXPECT_EQ(o.amount[j], keep[j] * 1.5) << j;
    EXPECT_EQ(o.unit_capex[j], keep[j] * 0.25) << j;
  }
  // Nothing kept, and everything kept.
  keep_rows(o, Extent::Order, std::span<const std::uint32_t>{});
  EXPECT_EQ(o.size(), 0u);
  add_order(o, FirmId(1), 1, 2.0, 3.0);
  const std::vector<std::uint32_t> all = {0};
  keep_rows(o, Extent::Order, all);
  EXPECT_EQ(o.amount, (std::vector<double>{2.0}));
}

}  // namespace
}  // namespace regsim::sim
