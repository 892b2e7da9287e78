// Routes of the classroom server: pages, the student API under /api/, the teacher's controls.
#include "classroom/api.h"

#include <cmath>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "classroom/views.h"

namespace regsim::classroom {

using nlohmann::json;

namespace {

Response error(int status, const std::string& message) {
  return Response{status, json{{"error", message}}.dump(), "application/json"};
}
Response ok(std::string body = "{\"ok\":true}") {
  return Response{200, std::move(body), "application/json"};
}

int status_of(Refusal r) {
  switch (r) {
    case Refusal::None:
      return 200;
    case Refusal::BadInput:
      return 400;
    case Refusal::Forbidden:
      return 403;
    case Refusal::NotFound:
      return 404;
    case Refusal::Conflict:
      return 409;
  }
  return 500;
}
Response answer(const Outcome& o) {
  return o ? ok() : error(status_of(o.refusal), o.message);
}

/// Equal strings, compared in time independent of where they differ.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

/// A request body read strictly: a JSON object with exactly the allowed keys, each typed.
class Body {
 public:
  Body(const std::string& text, std::initializer_list<const char*> allowed) {
    j_ = json::parse(text, nullptr, false);
    if (j_.is_discarded() || !j_.is_object()) {
      error_ = "the body must be a JSON object";
      return;
    }
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      bool known = false;
      for (const char* a : allowed) known = known || it.key() == a;
      if (!known) {
        error_ = "unknown key \"" + it.key().substr(0, 40) + "\"";
        return;
      }
    }
  }
  bool good() const { return error_.empty(); }
  const std::string& problem() const { return error_; }

  std::string text(const char* key) {
    const json* v = get(key);
    if (v && !v->is_string()) fail(key, "a string");
    return v && v->is_string() ? v->get<std::string>() : "";
  }
  long integer(const char* key) {
    const json* v = get(key);
    if (v && !v->is_number_integer()) fail(key, "an integer");
    return v && v->is_number_integer() ? static_cast<long>(v->get<std::int64_t>()) : 0;
  }
  double number(const char* key) {
    const json* v = get(key);
    if (v && !v->is_number()) fail(key, "a number");
    return v && v->is_number() ? v->get<double>() : 0.0;
  }
  bool flag(const char* key) {
    const json* v = get(key);
    if (v && !v->is_boolean()) fail(key, "true or false");
    return v && v->is_boolean() && v->get<bool>();
  }
  std::vector<std::string> texts(const char* key, std::size_t max) {
    const json* v = get(key);
    std::vector<std::string> out;
    if (!v) return out;
    if (!v->is_array() || v->size() > max) {
      fail(key, "a list of at most " + std::to_string(max) + " strings");
      return out;
    }
    for (const auto& x : *v) {
      if (!x.is_string()) {
        fail(key, "a list of strings");
        return {};
      }
      out.push_back(x.get<std::string>());
    }
    return out;
  }
  const json* raw(const char* key) { return get(key); }

 private:
  const json* get(const char* key) {
    if (!good()) return nullptr;
    const auto it = j_.find(key);
    if (it == j_.end()) {
      error_ = std::string("missing key \"") + key + "\"";
      return nullptr;
    }
    return &*it;
  }
  void fail(const char* key, const std::string& what) {
    if (good()) error_ = std::string("\"") + key + "\" must be " + what;
  }
  json j_;
  std::string error_;
};

std::uint64_t since(const Request& r) {
  const auto it = r.query.find("since");
  if (it == r.query.end() || it->second.empty() || it->second.size() > 19) return 0;
  std::uint64_t v = 0;
  for (const char c : it->second) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

std::string polled(const std::string& status, const std::string* data) {
  return "{\"status\":" + status + ",\"data\":" + (data ? *data : std::string("null")) + "}";
}

}  // namespace

Api::Api(Game& game, ApiOptions options)
    : game_(game),
      options_(std::move(options)),
      per_client_(options_.client_rate, 2 * options_.client_rate),
      per_seat_(options_.seat_rate, 2 * options_.seat_rate) {}

bool Api::update(double now) {
  std::lock_guard lock(mutex_);
  return game_.update(now);
}

void Api::shutdown() {
  std::lock_guard lock(mutex_);
  game_.end_immediately();
}

Response Api::handle(const Request& r, double now) {
  ++counters_.requests;
  std::lock_guard lock(mutex_);
  Response out;
  if (!per_client_.allow(r.client, now)) {
    ++counters_.rate_limited;
    out = error(429, "too many requests from this address: at most " +
                         std::to_string(static_cast<int>(options_.client_rate)) + " a second");
  } else if (!r.seat_token.empty() && !per_seat_.allow(r.seat_token, now)) {
    ++counters_.rate_limited;
    out = error(429, "too many requests for this seat: at most " +
                         std::to_string(static_cast<int>(options_.seat_rate)) + " a second");
  } else if (r.body.size() > options_.max_body) {
    out = error(413, "the body is larger than " + std::to_string(options_.max_body) + " bytes");
  } else {
    out = route(r, now);
  }
  if (out.status >= 400) ++counters_.refused;
  return out;
}

Response Api::route(const Request& r, double now) {
  const bool get = r.method == "GET", post = r.method == "POST";
  if (r.path.rfind("/api/", 0) != 0) {
    const WebAsset* asset = get ? find_web_asset(r.path) : nullptr;
    if (!asset) return error(404, "no page " + r.path.substr(0, 80));
    return Response{200, std::string(asset->body, asset->size), asset->content_type};
  }
  if (get && r.path == "/api/lobby") return lobby(r);
  if (post && r.path == "/api/join") return join(r);
  if (get && r.path == "/api/state") return state(r, now);
  if (post && r.path == "/api/decision") return decision(r);
  if (get && r.path == "/api/projector") return projector(r, now);
  if (get && r.path == "/api/teacher") return teacher(r, now);
  if (post && r.path == "/api/teacher") return teacher_action(r, now);
  if (get && r.path == "/api/debrief") return debrief(r);
  return error(404, "no API route " + r.method.substr(0, 8) + " " + r.path.substr(0, 80));
}

Response Api::lobby(const Request& r) {
  const auto code = r.query.find("code");
  if (code == r.query.end() || !same_secret(code->second, options_.join_code))
    return error(403, "wrong join code");
  return ok(lobby_json(game_));
}

Response Api::join(const Request& r) {
  Body b(r.body, {"code", "name", "city"});
  const std::string code = b.text("code"), name = b.text("name");
  const long city = b.integer("city");
  if (!b.good()) return error(400, b.problem());
  if (!same_secret(code, options_.join_code)) return error(403, "wrong join code");
  const std::string token = options_.new_token();
  const Outcome o = game_.join(token, name, city);
  if (!o) return answer(o);
  return ok(json{{"seat", token}, {"city", city}, {"name", game_.seat(token)->name}}.dump());
}

Response Api::state(const Request& r, double now) {
  const Seat* seat = game_.seat(r.seat_token);
  if (!seat) return error(403, "unknown seat token (X-Seat-Token)");
  const std::string status = status_json(game_, now);
  if (since(r) == game_.version()) return ok(polled(status, nullptr));
  const std::string data = student_json(game_, *seat);
  return ok(polled(status, &data));
}

Response Api::decision(const Request& r) {
  Body b(r.body, {"seat", "city", "tracks", "subsidy_rate", "bailouts"});
  const std::string token = b.text("seat");
  const long city = b.integer("city");
  DecisionInput input;
  input.tracks = b.texts("tracks", 64);
  input.subsidy_rate = b.number("subsidy_rate");
  input.bailouts = b.flag("bailouts");
  if (!b.good()) return error(400, b.problem());
  return answer(game_.submit(token, city, input));
}

Response Api::projector(const Request& r, double now) {
  const std::string status = status_json(game_, now);
  if (since(r) == game_.version()) return ok(polled(status, nullptr));
  if (projector_version_ != game_.version()) {
    projector_body_ = projector_json(game_);
    projector_version_ = game_.version();
  }
  return ok(polled(status, &projector_body_));
}

bool Api::is_teacher(const Request& r) const {
  return same_secret(r.teacher_token, options_.teacher_token);
}

Response Api::teacher(const Request& r, double now) {
  if (!is_teacher(r)) return error(403, "unknown teacher token (X-Teacher-Token)");
  const std::string data = teacher_json(game_, options_.join_code);
  return ok(polled(status_json(game_, now), &data));
}

Response Api::teacher_action(const Request& r, double now) {
  if (!is_teacher(r)) return error(403, "unknown teacher token (X-Teacher-Token)");
  Body peek(r.body, {"action", "seconds", "key", "value", "track", "city"});
  const std::string action = peek.text("action");
  if (!peek.good()) return error(400, peek.problem());
  if (action == "start" || action == "resume") return answer(game_.set_paused(false, now));
  if (action == "pause") return answer(game_.set_paused(true, now));
  if (action == "advance") return answer(game_.advance(now));
  if (action == "end") return answer(game_.end_session(now));
  if (action == "timer" || action == "pace") {
    Body b(r.body, {"action", "seconds"});
    const double s = b.number("seconds");
    if (!b.good()) return error(400, b.problem());
    return answer(action == "timer" ? game_.set_timer(s, now) : game_.set_pace(s));
  }
  if (action == "announce") {
    Body b(r.body, {"action", "track"});
    const std::string track = b.text("track");
    if (!b.good()) return error(400, b.problem());
    return answer(game_.announce(track));
  }
  if (action == "release") {
    Body b(r.body, {"action", "city"});
    const long city = b.integer("city");
    if (!b.good()) return error(400, b.problem());
    return answer(game_.release(city));
  }
  if (action == "lever") {
    Body b(r.body, {"action", "key", "value"});
    const std::string key = b.text("key");
    const json* v = b.raw("value");
    if (!b.good()) return error(400, b.problem());
    sim::ScalarValue value;
    if (v->is_boolean())
      value = v->get<bool>();
    else if (v->is_number_integer())
      value = v->get<std::int64_t>();
    else if (v->is_number())
      value = v->get<double>();
    else if (v->is_string())
      value = v->get<std::string>();
    else
      return error(400, "\"value\" must be a boolean, number or string");
    return answer(game_.set_lever(key, value));
  }
  return error(400, "unknown action \"" + action.substr(0, 40) +
                        "\" (start, pause, advance, end, timer, pace, lever, announce, release)");
}

Response Api::debrief(const Request& r) {
  if (game_.stage() != Stage::Ended && !is_teacher(r))
    return error(409, "the debrief opens when the teacher ends the session");
  return ok(debrief_json(game_));
}

}  // namespace regsim::classroom
