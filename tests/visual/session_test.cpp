// The view's session steps the model exactly like a headless run, and its snapshots, history and
// ticker describe that run.
#include <gtest/gtest.h>

#include <algorithm>

#include "agents/model.h"
#include "experiments/default_config.h"
#include "support/test_world.h"
#include "visual/commands.h"
#include "visual/session.h"
#include "visual/text.h"

namespace regsim::visual {
namespace {

ConfigSource small_source(std::vector<std::string> extra = {}) {
  ConfigSource s;
  s.text = experiments::default_config_text();
  s.name = "baseline";
  s.overrides = {"world.cities=24", "world.provinces=3", "world.initial_firms=600",
                 "world.years=6"};
  s.overrides.insert(s.overrides.end(), extra.begin(), extra.end());
  return s;
}

TEST(Session, StepsExactlyLikeAHeadlessRun) {
  Session session(small_source());
  agents::Model headless = agents::make_model(testing::small_config());
  for (int t = 0; t < 10; ++t) {
    session.step();
    agents::step(headless);
  }
  EXPECT_EQ(agents::hash_state(session.model().world), agents::hash_state(headless.world));
  EXPECT_EQ(session.snapshot().tick, 10);
  EXPECT_EQ(session.history().national.size(), 10u);
}

TEST(Session, CommandsApplyAtTheNextTickAndAreLogged) {
  Session session(small_source());
  for (int t = 0; t < 3; ++t) session.step();
  const auto command = command_for_slider(session.table(), "market.kappa", 0.1, 0);
  ASSERT_TRUE(command);
  session.send(*command.change);
  EXPECT_EQ(session.pending().size(), 1u);
  EXPECT_EQ(session.pending()[0].tick, 3);  // stamped with the tick it will apply at
  session.send(*command_for_slider(session.table(), "market.kappa", 0.2, 0).change);
  session.send(*command.change);  // a slider moved twice before the tick: the last value wins
  EXPECT_EQ(session.pending().size(), 1u);
  EXPECT_DOUBLE_EQ(session.snapshot().params.market.kappa, 0.5);
  session.step();
  EXPECT_TRUE(session.pending().empty());
  EXPECT_DOUBLE_EQ(session.snapshot().params.market.kappa, 0.1);
  ASSERT_EQ(session.command_log().size(), 1u);
  ASSERT_EQ(session.history().marks.size(), 1u);
  EXPECT_EQ(session.history().marks[0].tick, 3);

  agents::Model headless = agents::make_model(testing::small_config());
  for (int t = 0; t < 4; ++t) {
    std::vector<agents::ParamChange> now;
    if (t == 3) now.push_back(session.command_log()[0]);
    agents::step(headless, now);
  }
  EXPECT_EQ(agents::hash_state(session.model().world), agents::hash_state(headless.world));
}

TEST(Session, RestartUsesNewSeedRestartValuesAndKeepsThePreviousRun) {
  Session session(small_source());
  for (int t = 0; t < 4; ++t) session.step();
  const std::uint64_t first_seed = session.seed();
  session.set_restart_value("world.heterogeneity", 0.0);
  session.restart(first_seed + 1);
  EXPECT_EQ(session.seed(), first_seed + 1);
  EXPECT_DOUBLE_EQ(session.model().params.world.heterogeneity, 0.0);
  EXPECT_EQ(session.snapshot().tick, 0);
  EXPECT_TRUE(session.history().empty());
  EXPECT_EQ(session.previous().national.size(), 4u);
  EXPECT_TRUE(session.events().empty());

  // The same seed and values rebuild the same world.
  agents::Model headless = agents::make_model(testing::small_config(
      {"world.heterogeneity=0", cat("world.seed=", std::to_string(first_seed + 1))}));
  EXPECT_EQ(agents::hash_state(session.model().world), agents::hash_state(headless.world));
}

TEST(Session, TracksCarryTheAveragePlantsCashCostForTheSparklines) {
  Session session(small_source({"market.conduct=cournot", "market.util_cost=0.6"}));
  for (int t = 0; t < 6; ++t) session.step();
  const auto& tracks = session.snapshot().tracks;
  ASSERT_EQ(tracks.size(), session.model().metrics.tracks.size());
  int with_capacity = 0;
  for (std::size_t k = 0; k < tracks.size(); ++k) {
    EXPECT_EQ(tracks[k].cash_cost, session.model().metrics.tracks[k].cash_cost);
    with_capacity += tracks[k].cash_cost > 0 ? 1 : 0;
    ASSERT_EQ(session.history().track_cash_cost[k].size(), 6u);
    EXPECT_EQ(session.history().track_cash_cost[k].back(), tracks[k].cash_cost);
  }
  EXPECT_GT(with_capacity, 0);
}

TEST(Session, TracksCarryThePriceWarLossesAndTradeOfTheMetrics) {
  Session session(small_source({"market.conduct=cournot", "market.util_cost=1.0",
                                "market.rest_of_world=true", "market.war_utilisation=0.95"}));
  for (int t = 0; t < 8; ++t) session.step();
  const auto& tracks = session.snapshot().tracks;
  const auto& metrics = session.model().metrics.tracks;
  ASSERT_EQ(tracks.size(), metrics.size());
  double war = 0, trade = 0;
  for (std::size_t k = 0; k < tracks.size(); ++k) {
    EXPECT_EQ(tracks[k].war_intensity, metrics[k].war_intensity);
    EXPECT_EQ(tracks[k].loss_share, metrics[k].loss_share_active);
    EXPECT_EQ(tracks[k].exports, metrics[k].exports);
    EXPECT_EQ(tracks[k].imports, metrics[k].imports);
    ASSERT_EQ(session.history().track_war[k].size(), 8u);
    EXPECT_EQ(session.history().track_war[k].back(), tracks[k].war_intensity);
    war += tracks[k].war_intensity;
    trade += tracks[k].exports + tracks[k].imports;
  }
  EXPECT_GT(war, 0) << "a war threshold of 95% CU starts a price war somewhere";
  EXPECT_GT(trade, 0) << "the rest of the world buys or sells";
}

TEST(Session, BadRestartValueLeavesTheRunAlone) {
  Session session(small_source());
  session.step();
  session.set_restart_value("world.heterogeneity", 99.0);
  EXPECT_THROW(session.restart(5), sim::ConfigException);
  EXPECT_EQ(session.snapshot().tick, 1);
}

TEST(Snapshot, DescribesCitiesTracksAndEdges) {
  Session session(small_source());
  for (int t = 0; t < 8; ++t) session.step();
  const Snapshot& s = session.snapshot();
  ASSERT_EQ(s.cities.size(), 24u);
  ASSERT_EQ(s.tracks.size(), session.model().world.num_tracks());
  EXPECT_FALSE(s.edges.empty());
  EXPECT_GT(s.max_edge_weight, 0.0);
  int firms = 0, zombies = 0;
  for (const CitySnap& c : s.cities) {
    firms += c.firms;
    zombies += c.zombies;
    EXPECT_GE(c.dominant_track, -1);
    EXPECT_LT(c.dominant_track, static_cast<int>(s.tracks.size()));
    if (c.dominant_track >= 0) {
      EXPECT_EQ(*std::max_element(c.output_by_track.begin(), c.output_by_track.end()),
                c.output_by_track[static_cast<std::size_t>(c.dominant_track)]);
    }
    EXPECT_LE(static_cast<int>(c.priorities.size()), s.params.government.list_size);
  }
  EXPECT_EQ(firms, s.national.firms);
  EXPECT_NEAR(firms > 0 ? static_cast<double>(zombies) / firms : 0.0, s.national.zombie_share,
              1e-12);
  for (const EdgeSnap& e : s.edges) {
    EXPECT_LT(e.a, e.b);
    EXPECT_LT(e.b, s.cities.size());
  }
}

TEST(Events, HotTrackAnnouncementAndListingsReachTheTicker) {
  Session session(small_source());
  for (int t = 0; t < 3; ++t) session.step();
  session.send(*command_for_hot_track(session.table(), "low_altitude", 0).change);
  for (int t = 0; t < 6; ++t) session.step();
  bool announced = false, listed = false;
  for (const TickerEvent& e : session.events()) {
    announced |= e.kind == EventKind::Policy && e.text.find("low_altitude") != std::string::npos;
    listed |= e.kind == EventKind::Listing;
  }
  EXPECT_TRUE(announced);
  EXPECT_TRUE(listed);
  for (std::size_t i = 1; i < session.events().size(); ++i)
    EXPECT_GE(session.events()[i - 1].tick, session.events()[i].tick) << "newest first";
}

TEST(Events, OnlyConsecutiveSnapshotsOfOneWorldAreCompared) {
  Session session(small_source());
  session.step();
  const Snapshot first = session.snapshot();
  session.step();
  session.step();
  EXPECT_TRUE(diff_snapshots(first, session.snapshot()).empty());
  EXPECT_EQ(tick_label(0), "Y0 Q1");
  EXPECT_EQ(tick_label(37), "Y9 Q2");
}

TEST(CityIds, ShownAsTheCityAndProvinceColumnsOfCitiesCsv) {
  Session session(small_source());
  for (int t = 0; t < 4; ++t) session.step();  // the last quarter of year 0 writes city rows
  const auto& rows = session.model().metrics.cities;
  ASSERT_EQ(rows.size(), session.snapshot().cities.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    EXPECT_EQ(city_ids_text(session.snapshot(), i),
              cat("index ", std::to_string(row.city), " \xC2\xB7 province ",
                  std::to_string(row.province)));
    // The csv line of that row starts with year, city, name, province as the view shows them.
    const std::string csv = agents::city_csv_row(row, session.snapshot().cities[i].name);
    EXPECT_NE(csv.find(cat(",", std::to_string(i), ",\"", session.snapshot().cities[i].name, "\",",
                           std::to_string(session.snapshot().cities[i].province), ",")),
              std::string::npos)
        << csv;
  }
}

TEST(CityIds, PinFindsACityByIndexOrName) {
  Session session(small_source());
  const Snapshot& s = session.snapshot();
  std::string error;
  EXPECT_EQ(find_city(s, "5", error), 5);
  EXPECT_EQ(s.cities[5].name, "City 6");  // synthetic names count from 1, indices from 0
  EXPECT_EQ(find_city(s, "City 6", error), 5);
  EXPECT_EQ(find_city(s, "city 6", error), 5);
  EXPECT_EQ(find_city(s, "0", error), 0);
  EXPECT_TRUE(error.empty()) << error;
  EXPECT_EQ(find_city(s, "24", error), -1);  // 24 cities: indices 0 to 23
  EXPECT_NE(error.find("from 0 to 23"), std::string::npos) << error;
  error.clear();
  EXPECT_EQ(find_city(s, "Atlantis", error), -1);
  EXPECT_NE(error.find("cities.csv"), std::string::npos) << error;
  EXPECT_EQ(find_city(s, "-1", error), -1);
  EXPECT_EQ(find_city(s, "99999999999999999999", error), -1);
}

}  // namespace
}  // namespace regsim::visual
