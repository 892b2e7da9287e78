// A logged session replays headless to the same state hashes; the log is what decides.
#include "classroom/replay.h"

#include <gtest/gtest.h>

#include <memory>

#include "classroom_support.h"
#include "sim/config.h"

namespace regsim::classroom {
namespace {

using testing::choice;

/// A finished session: its log and its game.
struct Session {
  LogWriter log;
  std::unique_ptr<Game> game;
  std::string text() const {
    std::string out;
    for (const auto& line : log.lines()) out += line + "\n";
    return out;
  }
};

/// Three students over three years, with lever changes in the lobby and mid-year, a student
/// who stops submitting and a seat released mid-session.
std::unique_ptr<Session> scripted_session() {
  auto s = std::make_unique<Session>();
  s->game = std::make_unique<Game>(testing::small_world(), testing::fast_options(3), s->log);
  Game& g = *s->game;
  EXPECT_TRUE(g.join("a", "Ana", 1));
  EXPECT_TRUE(g.join("b", "Bo", 7));
  EXPECT_TRUE(g.join("c", "Cy", 12));
  EXPECT_TRUE(g.set_lever("market.kappa", 0.1));
  EXPECT_TRUE(g.submit("a", 1, choice({"low_altitude", "ai"}, 0.45, true)));
  EXPECT_TRUE(g.submit("b", 7, choice({"pv"}, 0.0, false)));
  EXPECT_TRUE(g.submit("c", 12, choice({"battery", "ev", "pv"}, 0.2, true)));
  EXPECT_TRUE(g.set_paused(false, 0));
  double now = 0;
  for (int step = 0; step < 2; ++step) EXPECT_TRUE(g.update(now += 0.01));
  EXPECT_TRUE(g.set_lever("policy.bailouts", false));  // mid-year
  now = testing::run_until_round(g, now);
  EXPECT_TRUE(g.submit("a", 1, choice({"ai"}, 0.1, false)));
  EXPECT_TRUE(g.release(12));
  EXPECT_TRUE(g.advance(now));  // Bo keeps last year's choice
  now = testing::run_until_round(g, now);
  EXPECT_TRUE(g.announce("biomedicine"));
  EXPECT_TRUE(g.advance(now));
  testing::run_until_round(g, now);
  EXPECT_EQ(g.stage(), Stage::Ended);
  return s;
}

TEST(Replay, TheLogReproducesBothWorldsBitForBit) {
  const auto session = scripted_session();
  const Game* game = session->game.get();
  const std::string text = session->text();
  const ReplayResult r = replay(parse_log(text, "session.jsonl"), "session.jsonl");
  EXPECT_TRUE(r.matches()) << format_replay(r, "session.jsonl");
  EXPECT_EQ(r.ticks, 12);
  EXPECT_EQ(r.years, 3);
  EXPECT_EQ(r.held_cities, 3);
  EXPECT_EQ(r.changes, 3u);
  EXPECT_EQ(r.hash, agents::hash_state(game->live().world));
  EXPECT_EQ(r.shadow_hash, agents::hash_state(game->shadow().world));
  EXPECT_NE(r.hash, r.shadow_hash) << "the students' choices changed their world";
  EXPECT_NE(format_replay(r, "s").find("identical"), std::string::npos);
}

TEST(Replay, AChangedDecisionGivesADifferentWorld) {
  std::string text = scripted_session()->text();
  const auto at = text.find("\"subsidy_rate\":0.45");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 19, "\"subsidy_rate\":0.05");
  const ReplayResult r = replay(parse_log(text, "s"), "s");
  EXPECT_FALSE(r.matches());
  EXPECT_NE(format_replay(r, "s").find("DIFFERENT"), std::string::npos);
}

TEST(Replay, ASessionCutOffReplaysToTheEndOfItsLastYear) {
  const std::string text = scripted_session()->text();
  const std::string cut = text.substr(0, text.find("{\"type\":\"end\""));
  const ReplayResult r = replay(parse_log(cut, "s"), "s");
  EXPECT_FALSE(r.logged);
  EXPECT_EQ(r.ticks, 12);
}

void expect_bad(std::string text, const std::string& from, const std::string& to,
                const std::string& message) {
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  try {
    replay(parse_log(text, "s.jsonl"), "s.jsonl");
    ADD_FAILURE() << "replayed a bad log: " << message;
  } catch (const sim::ConfigException& e) {
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
  }
}

TEST(Replay, InconsistentLogsAreRefused) {
  const std::string text = scripted_session()->text();
  expect_bad(text, "\"type\":\"year\",\"year\":1,\"tick\":4",
             "\"type\":\"year\",\"year\":1,\"tick\":5", "not at a new planning tick");
  expect_bad(text, "\"low_altitude\"", "\"moon_base\"", "unknown track moon_base");
  expect_bad(text, "\"city\":12,\"tracks\"", "\"city\":99,\"tracks\"", "no city 99");
  expect_bad(text, "\"type\":\"end\",\"tick\":12", "\"type\":\"end\",\"tick\":6",
             "at or after the end tick");
  expect_bad(text, "world.cities=24", "world.cities=1", "world.cities");
}

}  // namespace
}  // namespace regsim::classroom
