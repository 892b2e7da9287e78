// The session's rules: seats, rounds, the pace, the teacher's levers, and students' choices
// reaching the model only for the cities they hold.
#include "classroom/game.h"

#include <gtest/gtest.h>

#include "classroom_support.h"

namespace regsim::classroom {
namespace {

using testing::choice;
using testing::fast_options;
using testing::run_until_round;
using testing::small_world;

TEST(Game, JoinChecksNamesCitiesAndTokens) {
  LogWriter log;
  Game g(small_world(), fast_options(), log);
  EXPECT_EQ(g.join("t1", "", 1).refusal, Refusal::BadInput);
  EXPECT_EQ(g.join("t1", std::string(33, 'a'), 1).refusal, Refusal::BadInput);
  EXPECT_EQ(g.join("t1", "tab\there", 1).refusal, Refusal::BadInput);
  EXPECT_EQ(g.join("t1", "bad \xc3\x28 utf8", 1).refusal, Refusal::BadInput);
  // One check for all user text (sim::is_printable_text): C1 controls such as U+0085 too.
  EXPECT_EQ(g.join("t1", "next\xc2\x85line", 1).refusal, Refusal::BadInput);
  EXPECT_EQ(g.join("t1", "Ana", 24).refusal, Refusal::NotFound);
  EXPECT_EQ(g.join("t1", "Ana", -1).refusal, Refusal::NotFound);
  EXPECT_TRUE(g.join("t1", "  李雷  ", 1));
  EXPECT_EQ(g.seat("t1")->name, "李雷");
  EXPECT_EQ(g.join("t2", "Bo", 1).refusal, Refusal::Conflict);  // taken
  EXPECT_EQ(g.join("t1", "Bo", 2).refusal, Refusal::Conflict);  // token in use
  EXPECT_EQ(g.seats().size(), 1u);
}

TEST(Game, RefusedSubmissionsChangeNothing) {
  LogWriter log;
  Game g(small_world(), fast_options(), log);
  ASSERT_TRUE(g.join("t1", "Ana", 3));
  ASSERT_TRUE(g.join("t2", "Bo", 4));
  const auto version = g.version();
  const auto logged = log.lines().size();
  EXPECT_EQ(g.submit("nope", 3, choice({"pv"}, 0.1, true)).refusal, Refusal::Forbidden);
  EXPECT_EQ(g.submit("t1", 4, choice({"pv"}, 0.1, true)).refusal, Refusal::Forbidden);
  EXPECT_EQ(g.submit("t1", 3, choice({"nope"}, 0.1, true)).refusal, Refusal::BadInput);
  EXPECT_EQ(g.submit("t1", 3, choice({"pv"}, 0.9, true)).refusal, Refusal::BadInput);
  EXPECT_EQ(g.version(), version);
  EXPECT_EQ(log.lines().size(), logged);
  EXPECT_EQ(g.submitted_count(), 0u);
}

TEST(Game, TheLobbyWaitsForTheTeacherThenAllSubmissionsCloseTheRound) {
  LogWriter log;
  Game g(small_world(), fast_options(), log);
  ASSERT_TRUE(g.join("t1", "Ana", 3));
  ASSERT_TRUE(g.join("t2", "Bo", 4));
  ASSERT_TRUE(g.submit("t1", 3, choice({"pv", "ai"}, 0.3, false)));
  ASSERT_TRUE(g.submit("t2", 4, choice({}, 0.0, true)));
  EXPECT_FALSE(g.update(1.0)) << "paused in the lobby";
  EXPECT_EQ(g.stage(), Stage::Deciding);
  ASSERT_TRUE(g.set_paused(false, 1.0));
  EXPECT_TRUE(g.update(1.0));
  EXPECT_EQ(g.stage(), Stage::Running);
  EXPECT_EQ(g.submit("t1", 3, choice({"pv"}, 0.3, false)).refusal, Refusal::Conflict);
  run_until_round(g, 1.0);
  EXPECT_EQ(g.stage(), Stage::Deciding);
  EXPECT_EQ(g.year(), 1);
  EXPECT_EQ(g.live().world.tick, 4);
  // The choices governed the held cities in the class's world.
  const auto& c = g.live().world.cities;
  const std::size_t k = g.live().world.num_tracks();
  const auto names = g.limits().tracks;
  for (std::size_t t = 0; t < k; ++t) {
    const bool want = names[t] == "pv" || names[t] == "ai";
    EXPECT_EQ(c.listed[3 * k + t] != 0, want) << names[t];
    EXPECT_EQ(c.listed[4 * k + t], 0) << names[t];
  }
  EXPECT_DOUBLE_EQ(c.subsidy_rate[3], 0.3);
  EXPECT_DOUBLE_EQ(c.subsidy_rate[4], 0.0);
  EXPECT_DOUBLE_EQ(g.books_last_year()[3].bailouts, 0.0);
}

TEST(Game, TheTimerClosesARoundAndUnsubmittedSeatsKeepLastYearsChoice) {
  LogWriter log;
  GameOptions o = fast_options();
  o.round_seconds = 30;
  Game g(small_world(), o, log);
  ASSERT_TRUE(g.join("t1", "Ana", 3));
  ASSERT_TRUE(g.join("t2", "Bo", 4));
  ASSERT_TRUE(g.submit("t1", 3, choice({"ev"}, 0.2, true)));
  ASSERT_TRUE(g.set_paused(false, 0.0));
  EXPECT_DOUBLE_EQ(g.seconds_left(10.0), 20.0);
  EXPECT_FALSE(g.update(29.0));
  EXPECT_TRUE(g.update(30.0));
  double now = run_until_round(g, 30.0);
  ASSERT_EQ(g.year(), 1);
  EXPECT_NEAR(g.seconds_left(now), 30.0, 0.01);
  EXPECT_TRUE(g.update(now + 30.0));  // nobody submitted: the timer runs the year
  ASSERT_TRUE(g.in_force(3));
  EXPECT_FALSE(g.in_force(4)) << "Bo never chose: the model's rules govern city 4";
  // The year records say who chose and who kept last year's choice.
  std::vector<std::string> years;
  for (const auto& line : log.lines())
    if (line.find("\"type\":\"year\"") != std::string::npos) years.push_back(line);
  ASSERT_EQ(years.size(), 2u);
  EXPECT_NE(years[0].find("\"submitted\":true"), std::string::npos);
  EXPECT_NE(years[1].find("\"submitted\":false"), std::string::npos);
}

TEST(Game, PausingStopsTheClockAndKeepsTheTimeLeft) {
  LogWriter log;
  GameOptions o = fast_options();
  o.round_seconds = 60;
  Game g(small_world(), o, log);
  ASSERT_TRUE(g.set_paused(false, 0.0));
  ASSERT_TRUE(g.set_paused(true, 15.0));
  EXPECT_FALSE(g.update(100.0));
  EXPECT_DOUBLE_EQ(g.seconds_left(100.0), 45.0);
  ASSERT_TRUE(g.set_paused(false, 100.0));
  EXPECT_FALSE(g.update(144.0));
  EXPECT_TRUE(g.update(145.0));
}

TEST(Game, ThePaceSpacesTheQuarters) {
  LogWriter log;
  GameOptions o = fast_options();
  o.quarter_seconds = 0.5;
  Game g(small_world(), o, log);
  ASSERT_TRUE(g.advance(0.0));
  EXPECT_TRUE(g.update(0.0));  // first quarter at once
  EXPECT_FALSE(g.update(0.4));
  EXPECT_TRUE(g.update(0.5));
  EXPECT_EQ(g.quarter(), 2);
}

TEST(Game, LeversAreCheckedAndApplyAtTheNextQuarter) {
  LogWriter log;
  Game g(small_world(), fast_options(), log);
  EXPECT_EQ(g.set_lever("market.nope", 0.2).refusal, Refusal::NotFound);
  EXPECT_EQ(g.set_lever("world.cities", std::int64_t{5}).refusal, Refusal::BadInput);
  EXPECT_EQ(g.set_lever("market.kappa", 1.5).refusal, Refusal::BadInput);
  EXPECT_EQ(g.set_lever("policy.evaluation", std::string("nope")).refusal, Refusal::BadInput);
  EXPECT_EQ(g.announce("nope").refusal, Refusal::NotFound);
  ASSERT_TRUE(g.set_lever("market.kappa", 0.1));
  ASSERT_TRUE(g.set_lever("market.kappa", 0.2));  // the latest value wins
  ASSERT_TRUE(g.announce("ai"));
  EXPECT_EQ(g.pending().size(), 2u);
  ASSERT_TRUE(g.advance(0.0));
  g.update(0.0);
  EXPECT_DOUBLE_EQ(g.live().params.market.kappa, 0.2);
  EXPECT_DOUBLE_EQ(g.shadow().params.market.kappa, 0.2) << "the model's world gets the same levers";
  bool announced = false;
  for (const auto& n : g.news())
    announced = announced || n.text.find("ai as a hot track") != std::string::npos;
  EXPECT_TRUE(announced);
}

TEST(Game, WithNoCityHeldBothWorldsAreTheModelsOwnRun) {
  LogWriter log;
  Game g(small_world(), fast_options(2), log);
  ASSERT_TRUE(g.advance(0.0));
  double now = run_until_round(g, 0.0);
  ASSERT_TRUE(g.advance(now));
  run_until_round(g, now);
  ASSERT_EQ(g.stage(), Stage::Ended);
  agents::Model plain = agents::make_model(load_world(small_world()));
  for (int t = 0; t < 8; ++t) agents::step(plain);
  EXPECT_EQ(agents::hash_state(g.live().world), agents::hash_state(plain.world));
  EXPECT_EQ(agents::hash_state(g.shadow().world), agents::hash_state(plain.world));
}

TEST(Game, TheYearsBudgetSumsTheQuartersTheModelBooked) {
  LogWriter log;
  Game g(small_world(), fast_options(), log);
  ASSERT_TRUE(g.join("t1", "Ana", 3));
  ASSERT_TRUE(g.submit("t1", 3, choice({"pv", "battery", "ev"}, 0.5, true)));
  ASSERT_TRUE(g.advance(0.0));
  run_until_round(g, 0.0);
  ASSERT_EQ(g.live_years().size(), 1u);
  double paid = 0;
  for (std::size_t i = 0; i < g.books_last_year().size(); ++i) {
    EXPECT_NEAR(g.books_last_year()[i].subsidies, g.live_years()[0][i].subsidies, 1e-9) << i;
    paid += g.books_last_year()[i].subsidies;
  }
  EXPECT_GT(paid, 0.0);
  EXPECT_GT(g.books_last_year()[3].revenue, 0.0);
  EXPECT_GT(g.books_last_year()[3].spending, 0.0);
}

TEST(Game, EndingWaitsForTheRunningYearAndReleaseFreesTheSeat) {
  LogWriter log;
  Game g(small_world(), fast_options(5), log);
  ASSERT_TRUE(g.join("t1", "Ana", 3));
  ASSERT_TRUE(g.submit("t1", 3, choice({"pv"}, 0.1, true)));
  ASSERT_TRUE(g.advance(0.0));
  g.update(0.0);
  ASSERT_TRUE(g.release(3));
  EXPECT_EQ(g.seat("t1"), nullptr);
  EXPECT_EQ(g.release(3).refusal, Refusal::NotFound);
  ASSERT_TRUE(g.end_session(0.0));
  EXPECT_EQ(g.stage(), Stage::Running);
  run_until_round(g, 0.0);
  EXPECT_EQ(g.stage(), Stage::Ended);
  EXPECT_EQ(g.live().world.tick, 4);
  EXPECT_NE(log.lines().back().find("\"type\":\"end\""), std::string::npos);
  EXPECT_EQ(g.join("t2", "Bo", 5).refusal, Refusal::Conflict);
}

}  // namespace
}  // namespace regsim::classroom
