// Request handling of the classroom server, without sockets: routes, tokens, input checks and
// rate limits in front of the Game. Thread-safe: one mutex guards the game, and the runner's
// update() takes the same lock, so requests never see a half-stepped world.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "classroom/game.h"
#include "classroom/rate_limit.h"

namespace regsim::classroom {

struct Request {
  std::string method;  ///< "GET" or "POST"
  std::string path;    ///< without the query string
  std::map<std::string, std::string> query;
  std::string body;
  std::string seat_token;     ///< the X-Seat-Token header
  std::string teacher_token;  ///< the X-Teacher-Token header
  std::string client;         ///< the remote address, for rate limits
};

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

struct ApiOptions {
  std::string join_code;             ///< students type it to join
  std::string teacher_token;         ///< the teacher's secret
  double client_rate = 100;          ///< requests per second per client address (burst: twice that)
  double seat_rate = 10;             ///< requests per second per seat token (burst: twice that)
  std::size_t max_body = 16 * 1024;  ///< bytes; larger bodies get 413
  std::function<std::string()> new_token;  ///< makes seat tokens (random in the server)
};

/// Counters of what the server refused, for the teacher and the tests.
struct ApiCounters {
  std::atomic<std::uint64_t> requests{0}, refused{0}, rate_limited{0};
};

class Api {
 public:
  Api(Game& game, ApiOptions options);
  /// Answers one request at time `now` (seconds, the same clock as update()).
  Response handle(const Request& request, double now);
  /// Advances the game (see Game::update), under the lock.
  bool update(double now);
  /// Runs `f(game)` under the lock.
  template <class F>
  auto with_game(F f) {
    std::lock_guard lock(mutex_);
    return f(static_cast<const Game&>(game_));
  }
  /// Ends the session at once (the server is shutting down), under the lock.
  void shutdown();
  const ApiCounters& counters() const { return counters_; }

 private:
  Response route(const Request& r, double now);
  Response lobby(const Request& r);
  Response join(const Request& r);
  Response state(const Request& r, double now);
  Response decision(const Request& r);
  Response projector(const Request& r, double now);
  Response teacher(const Request& r, double now);
  Response teacher_action(const Request& r, double now);
  Response debrief(const Request& r);
  bool is_teacher(const Request& r) const;

  Game& game_;
  ApiOptions options_;
  std::mutex mutex_;
  RateLimiter per_client_, per_seat_;
  ApiCounters counters_;
  std::uint64_t projector_version_ = 0;  ///< version of the cached projector body
  std::string projector_body_;
};

/// The web page's files, embedded at build time from classroom/web/.
struct WebAsset {
  const char* path;  ///< "/static/classroom.js", or a page path such as "/student"
  const char* content_type;
  const char* body;
  unsigned long size;
};
const WebAsset* find_web_asset(const std::string& path);

}  // namespace regsim::classroom
