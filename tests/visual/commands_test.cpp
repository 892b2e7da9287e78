// Commands built by the view's controls change the model exactly as the matching --set or
// [[schedule]] entry would.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "agents/model.h"
#include "experiments/default_config.h"
#include "small_source.h"
#include "support/test_world.h"
#include "visual/commands.h"
#include "visual/session.h"

namespace regsim::visual {
namespace {

constexpr int kTicks = 12;

std::uint64_t run_with(agents::RunConfig config, const std::vector<agents::ParamChange>& commands) {
  agents::Model m = agents::make_model(config);
  for (int t = 0; t < kTicks; ++t) {
    std::vector<agents::ParamChange> now;
    for (const auto& c : commands)
      if (c.tick == t) now.push_back(c);
    agents::step(m, now);
  }
  return agents::hash_state(m.world);
}

agents::ParamTable table_for(const agents::RunConfig& config) {
  return agents::ParamTable(config.params.tracks);
}

// A lever read only once the run is going (not by the warm start that make_model runs) gives
// the same world whether it is set with --set or sent as a command at tick 0.
TEST(Commands, SwitchCommandAtTickZeroEqualsSetOverride) {
  const auto base = testing::small_config();
  const auto table = table_for(base);
  const auto command = command_for_switch(table, "policy.bailouts", false, 0);
  ASSERT_TRUE(command) << command.error;
  const auto with_set = testing::small_config({"policy.bailouts=false"});
  EXPECT_EQ(run_with(base, {*command.change}), run_with(with_set, {}));
  EXPECT_NE(run_with(base, {}), run_with(with_set, {}));  // the lever does matter
}

// The view's session sends a tick-0 command before anything has run, so it must give exactly the
// world of `--set`, even for levers the warm start inside make_model reads (kappa, FT).
TEST(Commands, SliderCommandSentAtTickZeroEqualsSetOverride) {
  struct Case {
    std::string key;
    double slider;  ///< as a float slider hands it over
    std::string set;
  };
  for (const Case& c : {Case{"market.kappa", 0.0, "market.kappa=0"},
                        Case{"policy.fault_tolerance", 0.6f, "policy.fault_tolerance=0.6"},
                        Case{"tournament.alpha1", 1.2f, "tournament.alpha1=1.2"}}) {
    Session session(small_source());
    const auto command = command_for_slider(session.table(), c.key, c.slider, 0);
    ASSERT_TRUE(command) << command.error;
    session.send(*command.change);
    for (int t = 0; t < kTicks; ++t) session.step();
    EXPECT_EQ(agents::hash_state(session.model().world),
              run_with(testing::small_config({c.set}), {}))
        << c.key;
    EXPECT_NE(agents::hash_state(session.model().world), run_with(testing::small_config(), {}))
        << c.key << " made no difference";
  }
}

// market.kappa is also used by the warm-start clearing inside make_model, before tick 0, so a
// command equals --set only from the first tick; it always equals the same [[schedule]] entry.
TEST(Commands, FrictionCommandEqualsScheduleEntryAtTheSameTick) {
  const auto base = testing::small_config();
  const auto table = table_for(base);
  for (int tick : {0, 5}) {
    const auto command = command_for_slider(table, "market.kappa", 0.0, tick);
    ASSERT_TRUE(command) << command.error;
    auto scheduled = base;
    scheduled.schedule.push_back(*command.change);
    std::stable_sort(scheduled.schedule.begin(), scheduled.schedule.end(),
                     [](const auto& a, const auto& b) { return a.tick < b.tick; });
    EXPECT_EQ(run_with(base, {*command.change}), run_with(scheduled, {})) << "tick " << tick;
    EXPECT_NE(run_with(base, {*command.change}), run_with(base, {})) << "tick " << tick;
  }
}

TEST(Commands, FrictionCommandValueEqualsSetText) {
  const auto base = testing::small_config();
  const auto table = table_for(base);
  const auto command = command_for_slider(table, "market.kappa", 0.30000001192092896, 0);
  ASSERT_TRUE(command) << command.error;
  const auto with_set = testing::small_config({"market.kappa=0.3"});
  EXPECT_EQ(std::get<double>(command.change->value), with_set.params.market.kappa);
  EXPECT_EQ(override_text("market.kappa", command.change->value), "market.kappa=0.3");
  const agents::ParamChange six{5, "market.kappa", 0.5 + 0.1};
  EXPECT_NE(commands_as_schedule({six}).find("\"market.kappa\" = 0.6 }"), std::string::npos)
      << commands_as_schedule({six});
  const agents::ParamChange one{5, "market.kappa", 1.0};
  EXPECT_NE(commands_as_schedule({one}).find("= 1.0 }"), std::string::npos);
}

TEST(Commands, ScheduleTextReplaysCommandsHeadless) {
  const auto base = testing::small_config();
  const auto table = table_for(base);
  std::vector<agents::ParamChange> commands = {
      *command_for_slider(table, "market.kappa", 0.9, 2).change,
      *command_for_hot_track(table, "low_altitude", 4).change,
      *command_for_choice(table, "policy.subsidy_regime", "precise", 6).change,
  };
  const std::string text =
      std::string(experiments::default_config_text()) + "\n" + commands_as_schedule(commands);
  const auto replay = agents::load_run_config_text(
      text, "replay",
      {"world.cities=24", "world.provinces=3", "world.initial_firms=600", "world.years=6"});
  EXPECT_EQ(run_with(base, commands), run_with(replay, {}));
}

TEST(Commands, HotTrackSetsTheSignalToOne) {
  const auto table = table_for(testing::small_config());
  const auto command = command_for_hot_track(table, "ai", 7);
  ASSERT_TRUE(command) << command.error;
  EXPECT_EQ(command.change->key, "tracks.ai.signal");
  EXPECT_EQ(command.change->tick, 7);
  EXPECT_EQ(std::get<double>(command.change->value), 1.0);
  EXPECT_EQ(change_label(*command.change), "\xE2\x98\x85 ai");
  EXPECT_FALSE(command_for_hot_track(table, "no_such_track", 0));
}

TEST(Commands, BadValuesAndRestartOnlyKeysAreRefusedWithAReason) {
  const auto table = table_for(testing::small_config());
  const auto out_of_range = command_for_slider(table, "market.kappa", 1.5, 0);
  EXPECT_FALSE(out_of_range);
  EXPECT_NE(out_of_range.error.find("market.kappa"), std::string::npos);
  const auto restart_only = command_for_slider(table, "world.heterogeneity", 0.2, 0);
  EXPECT_FALSE(restart_only);
  EXPECT_NE(restart_only.error.find("restart"), std::string::npos);
  EXPECT_FALSE(command_for_choice(table, "policy.evaluation", "astrology", 0));
  EXPECT_FALSE(command_for_switch(table, "market.kappa", true, 0));
  EXPECT_FALSE(command_for_slider(table, "no.such.key", 1, 0));
  EXPECT_FALSE(command_for_slider(table, "market.kappa", std::nan(""), 0));
}

TEST(Commands, ClassroomLeversAllExistWithTheirKinds) {
  const auto table = table_for(testing::small_config());
  const auto levers = classroom_levers(table);
  ASSERT_EQ(levers.size(), 9u);
  for (const Lever& l : levers) {
    ASSERT_NE(table.find(l.key), nullptr) << l.key;
    EXPECT_EQ(l.at_restart, l.key == "world.heterogeneity") << l.key;
    if (l.kind == LeverKind::Choice) {
      EXPECT_FALSE(l.choices.empty()) << l.key;
    }
    if (l.kind == LeverKind::Slider) {
      EXPECT_LT(l.min, l.max) << l.key;
    }
  }
}

TEST(Commands, NumericAndChoiceValuesReadTheParams) {
  const auto config = testing::small_config({"market.kappa=0.25", "policy.evaluation=balanced"});
  const auto table = table_for(config);
  EXPECT_DOUBLE_EQ(numeric_value(table, config.params, "market.kappa"), 0.25);
  EXPECT_EQ(choice_value(table, config.params, "policy.evaluation"), "balanced");
  EXPECT_DOUBLE_EQ(numeric_value(table, config.params, "policy.evaluation"), 2.0);
  EXPECT_DOUBLE_EQ(numeric_value(table, config.params, "policy.bailouts"), 1.0);
}

}  // namespace
}  // namespace regsim::visual
