// Panel layout for several window sizes, keyboard shortcuts and the actions they trigger.
#include <gtest/gtest.h>

#include <filesystem>

#include "small_source.h"
#include "support/test_world.h"
#include "visual/controls.h"
#include "visual/layout.h"
#include "visual/scenarios.h"

namespace regsim::visual {
namespace {

bool overlap(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

TEST(Layout, PanelsFitTheWindowWithoutOverlapping) {
  for (const auto& [w, h] :
       {std::pair{1280u, 720u}, {1920u, 1080u}, {1024u, 768u}, {3840u, 2160u}, {800u, 600u}}) {
    const Layout l = compute_layout(w, h);
    const Rect panels[] = {l.top_bar, l.levers, l.ticker, l.map, l.series, l.tracks};
    for (std::size_t i = 0; i < std::size(panels); ++i) {
      const Rect& p = panels[i];
      EXPECT_GT(p.w, 0) << w << "x" << h << " panel " << i;
      EXPECT_GT(p.h, 0) << w << "x" << h << " panel " << i;
      EXPECT_GE(p.x, 0);
      EXPECT_GE(p.y, 0);
      EXPECT_LE(p.right(), static_cast<float>(w) + 0.5f) << w << "x" << h << " panel " << i;
      EXPECT_LE(p.bottom(), static_cast<float>(h) + 0.5f) << w << "x" << h << " panel " << i;
      for (std::size_t j = i + 1; j < std::size(panels); ++j)
        EXPECT_FALSE(overlap(p, panels[j])) << w << "x" << h << " panels " << i << ", " << j;
    }
  }
}

TEST(Layout, TextGrowsWithTheWindowAndStaysReadable) {
  const Layout small = compute_layout(1280, 720), large = compute_layout(1920, 1080);
  EXPECT_GE(small.font_px, 18);
  EXPECT_GE(large.font_px, 26);
  EXPECT_GT(large.title_px, large.font_px);
  EXPECT_GE(compute_layout(640, 480).font_px, 13);
}

TEST(Shortcuts, EveryListedKeyTriggersItsAction) {
  using K = sf::Keyboard;
  EXPECT_EQ(action_for_key(K::Space, false, false), Action::TogglePause);
  EXPECT_EQ(action_for_key(K::S, false, false), Action::Step);
  EXPECT_EQ(action_for_key(K::R, false, false), Action::RestartNewSeed);
  EXPECT_EQ(action_for_key(K::T, false, false), Action::RestartSameSeed);
  EXPECT_EQ(action_for_key(K::H, false, false), Action::ToggleHelp);
  EXPECT_EQ(action_for_key(K::Equal, true, false), Action::Faster);
  EXPECT_EQ(action_for_key(K::Add, false, false), Action::Faster);
  EXPECT_EQ(action_for_key(K::Hyphen, false, false), Action::Slower);
  EXPECT_EQ(action_for_key(K::LBracket, false, false), Action::FrictionDown);
  EXPECT_EQ(action_for_key(K::RBracket, false, false), Action::FrictionUp);
  EXPECT_EQ(action_for_key(K::A, false, false), Action::AnnounceHotTrack);
  EXPECT_EQ(action_for_key(K::Escape, false, false), Action::Unpin);
  EXPECT_EQ(action_for_key(K::F12, false, false), Action::SaveScreenshot);
  EXPECT_EQ(action_for_key(K::Q, false, true), Action::Quit);
  EXPECT_EQ(action_for_key(K::M, false, false), Action::NextMapMode);
  EXPECT_EQ(action_for_key(K::Period, false, false), Action::NextMapTrack);
  EXPECT_FALSE(action_for_key(K::Q, false, false));
  EXPECT_EQ(action_for_key(K::F, false, false), Action::Fork);
  EXPECT_EQ(shortcut_list().size(), 15u);
}

TEST(Actions, FrictionKeyBeforeTheFirstTickSetsTheWorld) {
  Session session(small_source());
  ViewState view;
  perform(Action::FrictionDown, session, view);
  EXPECT_TRUE(session.pending().empty());
  EXPECT_DOUBLE_EQ(session.snapshot().params.market.kappa, 0.4);
  EXPECT_DOUBLE_EQ(session.model().params.market.kappa, 0.4);
  ASSERT_EQ(session.build_overrides().size(), 1u);
  EXPECT_EQ(session.build_overrides()[0], "market.kappa=0.4");
  EXPECT_EQ(session.restart_values().count("market.kappa"), 1u);
}

TEST(Actions, FrictionKeysSendCommandsWithinRange) {
  Session session(small_source());
  ViewState view;
  session.step();
  perform(Action::FrictionUp, session, view);
  ASSERT_EQ(session.pending().size(), 1u);
  EXPECT_DOUBLE_EQ(std::get<double>(session.pending()[0].value), 0.6);
  EXPECT_DOUBLE_EQ(effective_value(session, view, "market.kappa"), 0.6);
  for (int i = 0; i < 8; ++i) perform(Action::FrictionUp, session, view);
  EXPECT_DOUBLE_EQ(effective_value(session, view, "market.kappa"), 1.0);
  session.step();
  EXPECT_DOUBLE_EQ(session.snapshot().params.market.kappa, 1.0);
  EXPECT_EQ(session.restart_values().count("market.kappa"), 1u);
}

TEST(Actions, ViewActionsChangeOnlyTheView) {
  Session session(small_source());
  ViewState view;
  const double speed = view.ticks_per_second;
  perform(Action::Faster, session, view);
  EXPECT_GT(view.ticks_per_second, speed);
  for (int i = 0; i < 30; ++i) perform(Action::Slower, session, view);
  EXPECT_DOUBLE_EQ(view.ticks_per_second, kMinSpeed);
  perform(Action::TogglePause, session, view);
  EXPECT_TRUE(view.paused);
  perform(Action::Step, session, view);
  EXPECT_EQ(view.steps_requested, 1);
  perform(Action::RestartNewSeed, session, view);
  ASSERT_TRUE(view.restart_seed);
  EXPECT_EQ(*view.restart_seed, session.seed() + 1);
  perform(Action::ToggleHelp, session, view);
  EXPECT_TRUE(view.show_help);
  perform(Action::Unpin, session, view);
  EXPECT_FALSE(view.show_help);
  EXPECT_TRUE(session.pending().empty());
  EXPECT_EQ(session.snapshot().tick, 0);
}

TEST(Actions, AnnounceSendsTheChosenTrack) {
  Session session(small_source());
  ViewState view;
  view.hot_track = 4;
  session.step();
  perform(Action::AnnounceHotTrack, session, view);
  ASSERT_EQ(session.pending().size(), 1u);
  EXPECT_EQ(session.pending()[0].key, "tracks." + session.snapshot().tracks[4].name + ".signal");
  EXPECT_TRUE(session.restart_values().empty()) << "announcements are events, not lever settings";
}

TEST(Scenarios, FindsEveryTomlUnderExperiments) {
  const auto found = find_scenarios(std::filesystem::path(REGSIM_SOURCE_DIR) / "experiments");
  ASSERT_FALSE(found.empty());
  EXPECT_TRUE(std::any_of(found.begin(), found.end(),
                          [](const Scenario& s) { return s.label == "baseline.toml"; }));
  for (const Scenario& s : found) EXPECT_EQ(s.path.extension(), ".toml");
  auto checked = found;
  check_scenarios(checked, {});
  for (const Scenario& s : checked) {
    if (s.label == "baseline.toml") {
      EXPECT_EQ(s.problem, "");
    }
    if (s.label.rfind("sweeps/", 0) == 0) {
      EXPECT_NE(s.problem, "") << s.label << " is a sweep spec, not a run config";
    }
  }
  EXPECT_TRUE(find_scenarios("/no/such/dir").empty());
}

}  // namespace
}  // namespace regsim::visual
