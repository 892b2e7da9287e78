// The map's colour modes describe the model's state (who lists and builds a track, a track's local
// utilisation, debt, promotion pressure, any per-city column of the state), the choice survives
// restarts, and the China map fills its panel with Sansha's far-off islands in an inset.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "experiments/default_config.h"
#include "support/legacy_switches.h"
#include "visual/controls.h"
#include "visual/map_modes.h"
#include "visual/map_panel.h"
#include "visual/session.h"

namespace regsim::visual {
namespace {

ConfigSource small_source() {
  ConfigSource s;
  s.text = experiments::default_config_text();
  s.name = "baseline";
  s.overrides = {"world.cities=40", "world.provinces=4", "world.initial_firms=1200",
                 "world.years=12"};
  // The legacy model (support/legacy_switches.h): its plants follow the year-8 announcement into
  // the pipeline at tick 40, which the lists-mode test below counts; under the flipped defaults
  // the year-9 orders are already on stream by then.
  const auto legacy = testing::legacy_switches();
  s.overrides.insert(s.overrides.end(), legacy.begin(), legacy.end());
  return s;
}

/// A session stepped past the year-8 announcement of low_altitude, so that many cities list it.
Session& stepped_session() {
  static Session session = [] {
    Session s(small_source());
    for (int t = 0; t < 40; ++t) s.step();
    return s;
  }();
  return session;
}

int track_index(const Snapshot& s, const std::string& name) {
  for (std::size_t k = 0; k < s.tracks.size(); ++k)
    if (s.tracks[k].name == name) return static_cast<int>(k);
  return -1;
}

double luminance(sf::Color c) {
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

TEST(MapModes, MainTrackColoursEachCityByItsLargestTrack) {
  const Snapshot& s = stepped_session().snapshot();
  const MapColours m = map_colours(s, MapChoice{MapMode::MainTrack, 0, {}});
  ASSERT_EQ(m.city.size(), s.cities.size());
  EXPECT_TRUE(m.warnings);
  for (std::size_t i = 0; i < s.cities.size(); ++i)
    if (s.cities[i].dominant_track >= 0) {
      EXPECT_EQ(m.city[i], track_colour(static_cast<std::size_t>(s.cities[i].dominant_track)));
    }
}

TEST(MapModes, ListsModeTellsListingFromBuildingCities) {
  const Snapshot& s = stepped_session().snapshot();
  const int k = track_index(s, "low_altitude");
  ASSERT_GE(k, 0);
  const MapColours m = map_colours(s, MapChoice{MapMode::Lists, k, {}});
  ASSERT_EQ(m.entries.size(), 5u);
  int total = 0;
  for (const LegendEntry& e : m.entries) total += e.count;
  EXPECT_EQ(total, static_cast<int>(s.cities.size()));
  // Listing = the two "list it" groups, the same count as the tracks panel shows.
  EXPECT_EQ(m.entries[0].count + m.entries[1].count,
            s.tracks[static_cast<std::size_t>(k)].cities_listing);
  EXPECT_GT(m.entries[0].count, 0) << "after the announcement some listing cities build";
  std::set<unsigned> distinct;
  for (const LegendEntry& e : m.entries) distinct.insert(e.colour.toInteger());
  EXPECT_EQ(distinct.size(), m.entries.size()) << "every group has its own colour";
  for (std::size_t i = 0; i < s.cities.size(); ++i) {
    const CitySnap& c = s.cities[i];
    const auto kk = static_cast<std::size_t>(k);
    const bool listed = std::count(c.priorities.begin(), c.priorities.end(), k) > 0;
    const bool building = c.pipeline_by_track[kk] > 0;
    const sf::Color want = listed     ? (building ? m.entries[0].colour : m.entries[1].colour)
                           : building ? m.entries[2].colour
                           : c.capacity_by_track[kk] > 0 ? m.entries[3].colour
                                                         : m.entries[4].colour;
    EXPECT_EQ(m.city[i], want) << c.name;
  }
}

TEST(MapModes, LocalUtilisationIsRedWhenIdleBlueWhenFullGreyWithoutCapacity) {
  const Snapshot& s = stepped_session().snapshot();
  const int k = track_index(s, "pv");
  const MapColours m = map_colours(s, MapChoice{MapMode::LocalCu, k, {}});
  ASSERT_TRUE(m.gradient);
  const Gradient& g = *m.gradient;
  EXPECT_GT(g.at(0.3).r, g.at(0.3).b);      // idle: red
  EXPECT_GT(g.at(1.0).b, g.at(1.0).r);      // full: blue
  EXPECT_EQ(g.at(0.1), g.at(kMapCuFloor));  // clamped below the floor
  int without = 0;
  for (std::size_t i = 0; i < s.cities.size(); ++i) {
    const CitySnap& c = s.cities[i];
    const auto kk = static_cast<std::size_t>(k);
    if (c.capacity_by_track[kk] <= 0) {
      ++without;
      EXPECT_EQ(m.city[i], m.entries.at(0).colour);
    } else {
      EXPECT_EQ(m.city[i], g.at(c.output_by_track[kk] / c.capacity_by_track[kk]));
    }
  }
  EXPECT_EQ(m.entries.at(0).count, without);
}

TEST(MapModes, MoreDebtIsDarker) {
  const Snapshot& s = stepped_session().snapshot();
  const MapColours m = map_colours(s, MapChoice{MapMode::Debt, 0, {}});
  ASSERT_TRUE(m.gradient);
  EXPECT_GE(m.gradient->hi(), 1.0);  // at least 0-100% of GDP
  EXPECT_EQ(m.gradient->at(5.0), m.gradient->at(m.gradient->hi())) << "beyond the top: darkest";
  std::vector<std::pair<double, double>> ratio_lum;
  for (std::size_t i = 0; i < s.cities.size(); ++i) {
    const CitySnap& c = s.cities[i];
    const double gdp = c.gdp_last_year > 0 ? c.gdp_last_year : 4 * c.gdp_quarter;
    ratio_lum.emplace_back(c.debt / gdp, luminance(m.city[i]));
  }
  std::sort(ratio_lum.begin(), ratio_lum.end());
  for (std::size_t i = 1; i < ratio_lum.size(); ++i)
    EXPECT_LE(ratio_lum[i].second, ratio_lum[i - 1].second + 1.0);
}

TEST(MapModes, PressureScaleFollowsTheTournamentAndGreysOfficialsPastTheAgeLimit) {
  const Snapshot& s = stepped_session().snapshot();
  const MapColours m = map_colours(s, MapChoice{MapMode::Pressure, 0, {}});
  ASSERT_TRUE(m.gradient);
  EXPECT_DOUBLE_EQ(m.gradient->hi(), 1.5 * s.params.tournament.alpha1);
  int past = 0;
  for (std::size_t i = 0; i < s.cities.size(); ++i) {
    if (s.cities[i].official_age >= s.params.tournament.promotion_age_limit) {
      ++past;
      EXPECT_EQ(m.city[i], m.entries.at(0).colour);
    } else {
      EXPECT_EQ(m.city[i], m.gradient->at(s.cities[i].pressure));
    }
  }
  EXPECT_EQ(m.entries.at(0).count, past);
}

TEST(MapModes, ParsesTheCommandLineForm) {
  const Snapshot& s = stepped_session().snapshot();
  std::string error;
  MapChoice m;
  ASSERT_TRUE(parse_map_mode("lists:low_altitude", s, m, error)) << error;
  EXPECT_EQ(m.mode, MapMode::Lists);
  EXPECT_EQ(m.track, track_index(s, "low_altitude"));
  ASSERT_TRUE(parse_map_mode("debt", s, m, error)) << error;
  EXPECT_EQ(m.mode, MapMode::Debt);
  EXPECT_EQ(m.track, track_index(s, "low_altitude")) << "a mode without a track keeps the track";
  ASSERT_TRUE(parse_map_mode("column:cities.cell_capacity:pv", s, m, error)) << error;
  EXPECT_EQ(m.mode, MapMode::Column);
  EXPECT_EQ(m.column, "cities.cell_capacity");
  EXPECT_EQ(m.track, track_index(s, "pv"));
  const MapChoice before = m;
  EXPECT_FALSE(parse_map_mode("zombies", s, m, error));
  EXPECT_NE(error.find("track, lists, cu, debt, pressure, column"), std::string::npos) << error;
  EXPECT_FALSE(parse_map_mode("cu:steel", s, m, error));
  EXPECT_NE(error.find("no track 'steel'"), std::string::npos) << error;
  EXPECT_FALSE(parse_map_mode("column:cities.nothing", s, m, error));
  EXPECT_NE(error.find("no column 'cities.nothing'"), std::string::npos) << error;
  EXPECT_EQ(m.column, before.column) << "a refused value leaves the column as it was";
}

TEST(MapModes, ColumnModeShowsAnyPerCityColumnOfTheState) {
  const Snapshot& s = stepped_session().snapshot();
  // Every City and Cell column that is not a cache, from the world's own column list.
  const ColumnSnap* debt = find_column(s, "cities.debt");
  ASSERT_NE(debt, nullptr);
  ASSERT_EQ(debt->values.size(), s.cities.size());
  for (std::size_t i = 0; i < s.cities.size(); ++i) EXPECT_EQ(debt->values[i], s.cities[i].debt);
  for (const ColumnSnap& c : s.columns) {
    EXPECT_NE(c.lifetime, sim::Lifetime::Cache) << c.name;
    EXPECT_TRUE(c.extent == sim::Extent::City || c.extent == sim::Extent::Cell) << c.name;
    EXPECT_EQ(c.values.size(),
              c.extent == sim::Extent::City ? s.cities.size() : s.cities.size() * s.tracks.size())
        << c.name;
  }
  const MapColours m = map_colours(s, MapChoice{MapMode::Column, 0, "cities.debt"});
  EXPECT_EQ(m.mode, MapMode::Column);
  ASSERT_TRUE(m.gradient);
  EXPECT_LE(m.gradient->lo(), *std::min_element(debt->values.begin(), debt->values.end()));
  EXPECT_GE(m.gradient->hi(), *std::max_element(debt->values.begin(), debt->values.end()));
  for (std::size_t i = 0; i < s.cities.size(); ++i)
    EXPECT_EQ(m.city[i], m.gradient->at(debt->values[i])) << s.cities[i].name;
  // A per-cell column shows the chosen track's cells; an unknown column falls back.
  const int pv = track_index(s, "pv");
  const ColumnSnap* cap = find_column(s, "cities.cell_capacity");
  ASSERT_NE(cap, nullptr);
  const MapColours c = map_colours(s, MapChoice{MapMode::Column, pv, "cities.cell_capacity"});
  ASSERT_TRUE(c.gradient);
  for (std::size_t i = 0; i < s.cities.size(); ++i)
    EXPECT_EQ(c.city[i],
              c.gradient->at(cap->values[i * s.tracks.size() + static_cast<std::size_t>(pv)]));
  EXPECT_TRUE(map_needs_track(s, MapChoice{MapMode::Column, 0, "cities.cell_capacity"}));
  EXPECT_FALSE(map_needs_track(s, MapChoice{MapMode::Column, 0, "cities.debt"}));
  EXPECT_EQ(map_colours(s, MapChoice{MapMode::Column, 0, "no.such"}).mode, MapMode::MainTrack);
}

TEST(MapModes, KeysCycleModesAndTracksAndTheChoiceSurvivesARestart) {
  Session session(small_source());
  ViewState view;
  EXPECT_EQ(action_for_key(sf::Keyboard::M, false, false), Action::NextMapMode);
  EXPECT_EQ(action_for_key(sf::Keyboard::M, true, false), Action::PreviousMapMode);
  EXPECT_EQ(action_for_key(sf::Keyboard::Period, false, false), Action::NextMapTrack);
  EXPECT_EQ(action_for_key(sf::Keyboard::Comma, false, false), Action::PreviousMapTrack);
  for (int i = 0; i < kMapModeCount; ++i) perform(Action::NextMapMode, session, view);
  EXPECT_EQ(view.map.mode, MapMode::MainTrack) << "M cycles through every mode";
  perform(Action::PreviousMapMode, session, view);
  EXPECT_EQ(view.map.mode, MapMode::Column);
  perform(Action::PreviousMapMode, session, view);
  EXPECT_EQ(view.map.mode, MapMode::Pressure);
  perform(Action::NextMapTrack, session, view);  // a track key switches to a mode with a track
  EXPECT_EQ(view.map.mode, MapMode::Lists);
  EXPECT_EQ(view.map.track, 1);
  perform(Action::PreviousMapTrack, session, view);
  perform(Action::PreviousMapTrack, session, view);
  EXPECT_EQ(view.map.track, static_cast<int>(session.snapshot().tracks.size()) - 1);
  for (int t = 0; t < 3; ++t) session.step();
  perform(Action::RestartNewSeed, session, view);
  apply_requests(session, view, {});
  EXPECT_EQ(session.snapshot().tick, 0) << view.status;
  EXPECT_EQ(view.map.mode, MapMode::Lists);
  EXPECT_EQ(view.map.track, static_cast<int>(session.snapshot().tracks.size()) - 1);
}

TEST(MapModes, ChinaMapPutsSanshaInAnInsetAndFillsThePanel) {
  ConfigSource source;
  source.path = std::string(REGSIM_SOURCE_DIR) + "/experiments/china.toml";
  source.name = "china.toml";
  source.overrides = {"world.initial_firms=2000", "world.years=2"};
  Session session(source);
  const auto& o = *session.outlines();
  ASSERT_EQ(o.inset_cities.size(), 1u);
  EXPECT_EQ(session.snapshot().cities[o.inset_cities[0]].name, "Sansha");
  EXPECT_LT(o.iy1, o.y0 + 0.3 * (o.y1 - o.y0)) << "the inset's islands lie south of the rest";
  for (const Layout& layout : {compute_layout(1280, 720), compute_layout(1920, 1080)}) {
    const MapGeometry g = map_geometry(session.snapshot(), layout.map, layout, MapMode::Debt);
    ASSERT_TRUE(g.inset);
    const sf::Vector2f a =
        g.km_to_screen.transformPoint(static_cast<float>(o.x0), static_cast<float>(o.y1));
    const sf::Vector2f b =
        g.km_to_screen.transformPoint(static_cast<float>(o.x1), static_cast<float>(o.y0));
    const float fill_w = (b.x - a.x) / g.plot.w, fill_h = (b.y - a.y) / g.plot.h;
    EXPECT_GT(std::max(fill_w, fill_h), 0.99f) << "the map reaches two sides of its plot";
    EXPECT_GT(g.plot.w * g.plot.h, 0.75f * layout.map.w * layout.map.h)
        << "the plot is most of the panel";
    // The inset sits inside the plot, and its city is drawn and found there.
    const Rect& f = g.inset->frame;
    EXPECT_GE(f.x, g.plot.x - 0.5f);
    EXPECT_LE(f.right(), g.plot.right() + 0.5f);
    EXPECT_LE(f.bottom(), g.plot.bottom() + 0.5f);
    const sf::Vector2f p = g.pos[o.inset_cities[0]];
    EXPECT_TRUE(f.contains(p.x, p.y));
    EXPECT_EQ(city_at(g, p, 1), static_cast<int>(o.inset_cities[0]));
  }
}

TEST(MapModes, SyntheticWorldsHaveNoInset) {
  const MapGeometry g = map_geometry(stepped_session().snapshot(), compute_layout(1280, 720).map,
                                     compute_layout(1280, 720), MapMode::MainTrack);
  EXPECT_FALSE(g.inset);
  EXPECT_FALSE(g.outlines);
}

}  // namespace
}  // namespace regsim::visual
