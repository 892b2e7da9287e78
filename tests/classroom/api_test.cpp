// The HTTP-facing rules without sockets: pages, tokens, strict bodies, sizes and rate limits.
// Every refused request leaves the session exactly as it was.
#include "classroom/api.h"

#include <gtest/gtest.h>

#include <regex>

#include "classroom/rate_limit.h"
#include "classroom/views.h"
#include "classroom_support.h"

namespace regsim::classroom {
namespace {

struct Fixture {
  LogWriter log;
  Game game{testing::small_world(), testing::fast_options(), log};
  int tokens = 0;
  Api api{game, ApiOptions{"JOIN42", "teacher-secret", 100, 10, 16 * 1024,
                           [this] { return "seat-" + std::to_string(++tokens); }}};

  Response call(const std::string& method, const std::string& path, const std::string& body = "",
                const std::string& seat = "", const std::string& teacher = "", double now = 0,
                const std::string& client = "10.0.0.1") {
    Request r;
    r.method = method;
    const auto q = path.find('?');
    r.path = path.substr(0, q);
    if (q != std::string::npos) {
      const std::string query = path.substr(q + 1);
      const auto eq = query.find('=');
      r.query[query.substr(0, eq)] = query.substr(eq + 1);
    }
    r.body = body;
    r.seat_token = seat;
    r.teacher_token = teacher;
    r.client = client;
    return api.handle(r, now);
  }
  std::string join(const std::string& name, int city) {
    const auto res =
        call("POST", "/api/join",
             R"({"code":"JOIN42","name":")" + name + R"(","city":)" + std::to_string(city) + "}");
    EXPECT_EQ(res.status, 200) << res.body;
    return "seat-" + std::to_string(tokens);
  }
};

TEST(Api, ServesThePagesFromTheBinary) {
  Fixture f;
  for (const char* page : {"/", "/student", "/projector", "/teacher", "/debrief"}) {
    const auto r = f.call("GET", page);
    EXPECT_EQ(r.status, 200) << page;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8") << page;
    EXPECT_NE(r.body.find("<!doctype html>"), std::string::npos) << page;
    EXPECT_EQ(r.body.find("http"), std::string::npos) << page << " refers to another site";
  }
  for (const char* page : {"/", "/student", "/projector", "/teacher", "/debrief"}) {
    const auto body = f.call("GET", page).body;  // the shared pieces are expanded at build time
    EXPECT_NE(body.find("<title>regsim classroom: "), std::string::npos) << page;
    EXPECT_NE(body.find("/static/classroom.css"), std::string::npos) << page;
    EXPECT_EQ(body.find("#include"), std::string::npos) << page;
    EXPECT_EQ(body.find("@ARG@"), std::string::npos) << page;
  }
  EXPECT_NE(f.call("GET", "/projector").body.find("id=\"chart-zombie\""), std::string::npos);
  EXPECT_NE(f.call("GET", "/debrief").body.find("id=\"chart-zombie\""), std::string::npos);
  EXPECT_EQ(f.call("GET", "/_head").status, 404) << "a shared piece is not a page";
  EXPECT_EQ(f.call("GET", "/static/common.js").content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(f.call("GET", "/static/../../etc/passwd").status, 404);
  EXPECT_EQ(f.call("POST", "/").status, 404);
  EXPECT_EQ(f.call("GET", "/api/nothing").status, 404);
}

TEST(Api, JoiningNeedsTheCodeAndAWellFormedBody) {
  Fixture f;
  EXPECT_EQ(f.call("GET", "/api/lobby?code=WRONG").status, 403);
  EXPECT_EQ(f.call("GET", "/api/lobby?code=JOIN42").status, 200);
  EXPECT_EQ(f.call("POST", "/api/join", R"({"code":"WRONG","name":"A","city":1})").status, 403);
  EXPECT_EQ(f.call("POST", "/api/join", "{junk").status, 400);
  EXPECT_EQ(f.call("POST", "/api/join", R"({"code":"JOIN42","name":"A","city":1,"x":1})").status,
            400);
  EXPECT_EQ(f.call("POST", "/api/join", R"({"code":"JOIN42","name":"A","city":"1"})").status, 400);
  EXPECT_EQ(f.call("POST", "/api/join", R"({"code":"JOIN42","name":"A"})").status, 400);
  EXPECT_EQ(f.call("POST", "/api/join", R"({"code":"JOIN42","name":"A","city":1e3})").status, 400);
  EXPECT_TRUE(f.game.seats().empty());
  f.join("Ana", 1);
  EXPECT_EQ(f.call("POST", "/api/join", R"({"code":"JOIN42","name":"Bo","city":1})").status, 409);
}

TEST(Api, BadDecisionsAreRejectedWithoutEffect) {
  Fixture f;
  const std::string ana = f.join("Ana", 1), bo = f.join("Bo", 2);
  const auto version = f.game.version();
  const auto logged = f.log.lines().size();
  const std::string good = R"("tracks":["pv"],"subsidy_rate":0.2,"bailouts":true)";
  const std::vector<std::pair<std::string, int>> bad = {
      {R"({"seat":"nobody","city":1,)" + good + "}", 403},          // wrong token
      {R"({"seat":")" + ana + R"(","city":2,)" + good + "}", 403},  // another city's id
      {"{\"seat\":", 400},                                          // junk JSON
      {"[1,2,3]", 400},
      {R"({"seat":")" + ana + R"(","city":1,"tracks":"pv","subsidy_rate":0.2,"bailouts":true})",
       400},
      {R"({"seat":")" + ana + R"(","city":1,"tracks":["pv"],"subsidy_rate":"0.2","bailouts":true})",
       400},
      {R"({"seat":")" + ana + R"(","city":1,)" + good + R"(,"extra":1})", 400},
      {R"({"seat":")" + ana + R"(","city":1,"tracks":["pv"],"subsidy_rate":7,"bailouts":true})",
       400},
      {R"({"seat":")" + ana + R"(","city":1,"tracks":["mars"],"subsidy_rate":0.1,"bailouts":true})",
       400},
      {R"({"seat":")" + ana + R"(","city":1,"tracks":[)" + std::string(200, '1') + "]}", 400},
      {std::string(20000, ' '), 413},  // huge body
  };
  for (const auto& [body, status] : bad) {
    const auto r = f.call("POST", "/api/decision", body);
    EXPECT_EQ(r.status, status) << body.substr(0, 120) << " -> " << r.body;
    EXPECT_NE(r.body.find("\"error\""), std::string::npos);
  }
  EXPECT_EQ(f.game.version(), version);
  EXPECT_EQ(f.log.lines().size(), logged);
  EXPECT_EQ(f.game.submitted_count(), 0u);
  EXPECT_EQ(
      f.call("POST", "/api/decision", R"({"seat":")" + bo + R"(","city":2,)" + good + "}").status,
      200);
  EXPECT_EQ(f.game.submitted_count(), 1u);
}

TEST(Api, StatePollsAnswerOnlyWhatChanged) {
  Fixture f;
  const std::string ana = f.join("Ana", 1);
  EXPECT_EQ(f.call("GET", "/api/state").status, 403);
  EXPECT_EQ(f.call("GET", "/api/state", "", "forged").status, 403);
  const auto full = f.call("GET", "/api/state", "", ana);
  ASSERT_EQ(full.status, 200);
  EXPECT_NE(full.body.find("\"province\""), std::string::npos);
  const std::string since = "/api/state?since=" + std::to_string(f.game.version());
  EXPECT_NE(f.call("GET", since, "", ana).body.find("\"data\":null"), std::string::npos);
  EXPECT_NE(f.call("GET", "/api/projector?since=0").body.find("\"cities\""), std::string::npos);
}

TEST(Api, TheProjectorsTracksCarryThePriceWarAndTheCashCost) {
  LogWriter log;
  Game game(testing::small_world({"market.conduct=cournot", "market.war_utilisation=0.95"}),
            testing::fast_options(), log);
  ASSERT_TRUE(game.advance(1.0));  // the teacher closes the first round: nobody has joined
  testing::run_until_round(game, 1.0);
  ASSERT_EQ(game.year(), 1);
  const std::string body = projector_json(game);
  const auto& metrics = game.live().metrics.tracks;
  for (const char* key : {"war_intensity", "cash_cost"}) {
    const std::regex field(std::string("\"") + key + "\":([-0-9.e+]+)");
    std::size_t k = 0;
    double sum = 0;
    for (auto it = std::sregex_iterator(body.begin(), body.end(), field);
         it != std::sregex_iterator(); ++it, ++k) {
      ASSERT_LT(k, metrics.size()) << key;
      const double want = key[0] == 'w' ? metrics[k].war_intensity : metrics[k].cash_cost;
      EXPECT_NEAR(std::stod((*it)[1].str()), want, 1e-5 * (1 + want)) << key << " of track " << k;
      sum += want;
    }
    EXPECT_EQ(k, metrics.size()) << key;
    EXPECT_GT(sum, 0) << key << ": a war threshold of 95% CU starts a war somewhere";
  }
}

TEST(Api, FloodsAreCutOffPerAddressAndPerSeat) {
  Fixture f;
  const std::string ana = f.join("Ana", 1);
  int refused = 0;
  for (int i = 0; i < 500; ++i)
    refused += f.call("GET", "/api/projector", "", "", "", 1.0, "10.9.9.9").status == 429;
  EXPECT_GE(refused, 500 - 200 - 1);  // a burst of 2 x 100, then nothing in the same instant
  EXPECT_EQ(f.call("GET", "/api/projector", "", "", "", 1.0, "10.0.0.2").status, 200)
      << "other addresses are served";
  EXPECT_EQ(f.call("GET", "/api/projector", "", "", "", 3.5, "10.9.9.9").status, 200)
      << "the bucket refills";
  int seat_refused = 0;
  for (int i = 0; i < 40; ++i)
    seat_refused +=
        f.call("GET", "/api/state", "", ana, "", 5.0, "10.0.0." + std::to_string(i)).status == 429;
  EXPECT_EQ(seat_refused, 20);  // burst of 2 x 10 per seat
  EXPECT_GT(f.api.counters().rate_limited.load(), 0u);
}

TEST(Api, TheTeacherNeedsTheTokenAndDrivesTheSession) {
  Fixture f;
  EXPECT_EQ(f.call("GET", "/api/teacher").status, 403);
  EXPECT_EQ(f.call("POST", "/api/teacher", R"({"action":"start"})", "", "guess").status, 403);
  EXPECT_EQ(f.call("GET", "/api/debrief").status, 409);
  const std::string t = "teacher-secret";
  EXPECT_EQ(f.call("GET", "/api/debrief", "", "", t).status, 200);
  EXPECT_NE(f.call("GET", "/api/teacher", "", "", t).body.find("JOIN42"), std::string::npos);
  EXPECT_EQ(f.call("POST", "/api/teacher", R"({"action":"dance"})", "", t).status, 400);
  EXPECT_EQ(
      f.call("POST", "/api/teacher", R"({"action":"lever","key":"market.kappa","value":2})", "", t)
          .status,
      400);
  EXPECT_EQ(
      f.call("POST", "/api/teacher", R"({"action":"lever","key":"market.kappa","value":0})", "", t)
          .status,
      200);
  EXPECT_EQ(f.call("POST", "/api/teacher", R"({"action":"timer","seconds":-4})", "", t).status,
            400);
  EXPECT_EQ(f.call("POST", "/api/teacher", R"({"action":"advance"})", "", t).status, 200);
  EXPECT_EQ(f.game.stage(), Stage::Running);
  EXPECT_EQ(f.call("POST", "/api/teacher", R"({"action":"end"})", "", t).status, 200);
  while (f.game.stage() != Stage::Ended) f.api.update(1.0);
  EXPECT_EQ(f.call("GET", "/api/debrief").status, 200);
  EXPECT_EQ(f.game.live().params.market.kappa, 0.0);
}

TEST(RateLimiter, KeepsMemoryBounded) {
  RateLimiter r(1, 1, 8);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(r.allow("client-" + std::to_string(i), 0.0));
  EXPECT_FALSE(r.allow("client-999", 0.0));
}

}  // namespace
}  // namespace regsim::classroom
