// The classroom session's rules: seats, decision rounds, the teacher's levers and the pace.
#include "classroom/game.h"

#include <algorithm>
#include <cmath>

#include "experiments/version.h"
#include "sim/text.h"

namespace regsim::classroom {

agents::RunConfig load_world(const WorldSource& source) {
  return agents::load_run_config_text(source.text, source.name, source.overrides);
}

const char* stage_name(Stage s) {
  switch (s) {
    case Stage::Deciding:
      return "deciding";
    case Stage::Running:
      return "running";
    case Stage::Ended:
      return "ended";
  }
  return "?";
}

SeriesPoint series_point(const agents::Model& m) {
  const auto& n = m.metrics.national;
  SeriesPoint p;
  p.cu = n.cu;
  p.price_index = n.price_index;
  p.overcapacity = n.overhang;
  p.zombie_share = n.zombie_share;
  p.welfare = n.welfare;
  int top = 0;
  for (const int c : m.world.tracks.cities_listing) top = std::max(top, c);
  p.crowding = static_cast<double>(top) /
               static_cast<double>(std::max<std::size_t>(1, m.world.num_cities()));
  return p;
}

namespace {

Outcome refuse(Refusal r, std::string message) {
  return Outcome{r, std::move(message)};
}

std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(' ');
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(' ') - a + 1);
}

}  // namespace

Game::Game(const WorldSource& source, GameOptions options, LogWriter& log)
    : options_(options), log_(log) {
  const agents::RunConfig config = load_world(source);
  live_ = agents::make_model(config);
  shadow_ = agents::make_model(config);
  table_ = std::make_unique<agents::ParamTable>(live_.params.tracks);
  years_ = options_.years > 0 ? std::min(options_.years, live_.params.world.years)
                              : live_.params.world.years;
  const std::size_t n = live_.world.num_cities();
  seat_of_city_.assign(n, -1);
  in_force_.assign(n, std::nullopt);
  books_year_.assign(n, CityBooks{});
  books_last_.assign(n, CityBooks{});
  paused_left_ = options_.round_seconds > 0 ? options_.round_seconds : -1;
  HeaderRecord h;
  h.regsim_version = experiments::version();
  h.commit = experiments::git_commit();
  h.config_name = source.name;
  h.config_text = source.text;
  h.overrides = source.overrides;
  h.years = years_;
  log_.write(h);
  add_news("Session open: take a city and choose your priorities for year 1");
}

Outcome Game::join(const std::string& token, const std::string& raw_name, long city) {
  if (stage_ == Stage::Ended) return refuse(Refusal::Conflict, "the session has ended");
  if (token.empty() || seat(token)) return refuse(Refusal::Conflict, "this seat token is in use");
  const std::string name = trimmed(raw_name);
  if (name.empty() || name.size() > kMaxNameBytes || !sim::is_printable_text(name))
    return refuse(Refusal::BadInput,
                  "name: 1 to " + std::to_string(kMaxNameBytes) + " bytes of printable text");
  if (city < 0 || static_cast<std::size_t>(city) >= seat_of_city_.size())
    return refuse(Refusal::NotFound, "city " + std::to_string(city) + " does not exist");
  const auto c = static_cast<std::size_t>(city);
  if (seat_of_city_[c] >= 0)
    return refuse(Refusal::Conflict, city_label(c) + " is already held by " +
                                         seats_[static_cast<std::size_t>(seat_of_city_[c])].name);
  seat_of_city_[c] = static_cast<int>(seats_.size());
  seats_.push_back(Seat{token, name, static_cast<std::size_t>(c), std::nullopt, 0});
  log_.write(SeatRecord{live_.world.tick, static_cast<std::uint32_t>(c), name, true});
  add_news(name + " now governs " + live_.world.geo.names[c], static_cast<int>(c));
  changed();
  return {};
}

const Seat* Game::seat(const std::string& token) const {
  if (token.empty()) return nullptr;
  for (const auto& s : seats_)
    if (s.token == token) return &s;
  return nullptr;
}

Outcome Game::submit(const std::string& token, long city, const DecisionInput& input) {
  const Seat* held = seat(token);
  if (!held) return refuse(Refusal::Forbidden, "unknown seat token");
  if (city != static_cast<long>(held->city))
    return refuse(Refusal::Forbidden, "this seat governs city " + std::to_string(held->city) +
                                          ", not " + std::to_string(city));
  if (stage_ == Stage::Ended) return refuse(Refusal::Conflict, "the session has ended");
  if (stage_ == Stage::Running)
    return refuse(Refusal::Conflict, "the year is running; choose again in the next round");
  CheckedDecision checked = check_decision(limits(), input);
  if (!checked.choice) return refuse(Refusal::BadInput, checked.error);
  Seat& s = seats_[static_cast<std::size_t>(seat_of_city_[held->city])];
  s.submitted = std::move(checked.choice);
  ++s.submissions;
  changed();
  return {};
}

std::size_t Game::submitted_count() const {
  return static_cast<std::size_t>(std::count_if(
      seats_.begin(), seats_.end(), [](const Seat& s) { return s.submitted.has_value(); }));
}

Outcome Game::set_lever(const std::string& key, const sim::ScalarValue& value) {
  if (stage_ == Stage::Ended) return refuse(Refusal::Conflict, "the session has ended");
  const agents::ParamSpec* spec = table_->find(key);
  if (!spec) return refuse(Refusal::NotFound, "unknown parameter " + key);
  if (!spec->schedulable) return refuse(Refusal::BadInput, key + " cannot change during a run");
  sim::ScalarValue checked;
  if (const auto error = agents::ParamTable::check(*spec, value, checked))
    return refuse(Refusal::BadInput, key + ": " + *error);
  std::erase_if(pending_, [&](const agents::ParamChange& c) { return c.key == key; });
  pending_.push_back(agents::ParamChange{live_.world.tick, key, checked});
  changed();
  return {};
}

Outcome Game::announce(const std::string& track) {
  const auto& names = limits().tracks;
  if (std::find(names.begin(), names.end(), track) == names.end())
    return refuse(Refusal::NotFound, "unknown track " + track);
  return set_lever("tracks." + track + ".signal", 1.0);
}

Outcome Game::release(long city) {
  if (city < 0 || static_cast<std::size_t>(city) >= seat_of_city_.size() ||
      seat_of_city_[static_cast<std::size_t>(city)] < 0)
    return refuse(Refusal::NotFound, "no student holds city " + std::to_string(city));
  const auto c = static_cast<std::size_t>(city);
  const std::string name = seats_[static_cast<std::size_t>(seat_of_city_[c])].name;
  seats_.erase(seats_.begin() + seat_of_city_[c]);
  std::fill(seat_of_city_.begin(), seat_of_city_.end(), -1);
  for (std::size_t s = 0; s < seats_.size(); ++s)
    seat_of_city_[seats_[s].city] = static_cast<int>(s);
  in_force_[c].reset();  // the model's rules govern it from the next planning round
  log_.write(SeatRecord{live_.world.tick, static_cast<std::uint32_t>(c), name, false});
  add_news(city_label(c) + " is free again", static_cast<int>(c));
  changed();
  return {};
}

Outcome Game::set_timer(double seconds, double now) {
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 3600)
    return refuse(Refusal::BadInput, "timer: seconds in [0, 3600] (0 = no timer)");
  options_.round_seconds = seconds;
  if (stage_ == Stage::Deciding) {
    if (paused_)
      paused_left_ = seconds > 0 ? seconds : -1;
    else
      deadline_ = seconds > 0 ? now + seconds : -1;
  }
  changed();
  return {};
}

Outcome Game::set_pace(double quarter_seconds) {
  if (!std::isfinite(quarter_seconds) || quarter_seconds < 0 || quarter_seconds > 10)
    return refuse(Refusal::BadInput, "pace: seconds per quarter in [0, 10]");
  options_.quarter_seconds = quarter_seconds;
  changed();
  return {};
}

Outcome Game::set_paused(bool paused, double now) {
  if (stage_ == Stage::Ended) return refuse(Refusal::Conflict, "the session has ended");
  if (paused == paused_) return {};
  paused_ = paused;
  if (paused) {
    paused_left_ = deadline_ >= 0 ? std::max(0.0, deadline_ - now) : -1;
    deadline_ = -1;
  } else {
    if (stage_ == Stage::Deciding) deadline_ = paused_left_ >= 0 ? now + paused_left_ : -1;
    next_quarter_at_ = now;
  }
  changed();
  return {};
}

Outcome Game::advance(double now) {
  if (stage_ == Stage::Ended) return refuse(Refusal::Conflict, "the session has ended");
  if (stage_ == Stage::Running) return refuse(Refusal::Conflict, "the year is already running");
  paused_ = false;
  close_round(now);
  return {};
}

Outcome Game::end_session(double now) {
  if (stage_ == Stage::Ended) return refuse(Refusal::Conflict, "the session has ended");
  if (stage_ == Stage::Deciding) {
    (void)now;
    end_now();
  } else {
    end_requested_ = true;  // the running year completes first
    changed();
  }
  return {};
}

void Game::end_immediately() {
  if (stage_ != Stage::Ended) end_now();
}

double Game::seconds_left(double now) const {
  if (stage_ != Stage::Deciding) return -1;
  if (paused_) return paused_left_;
  return deadline_ >= 0 ? std::max(0.0, deadline_ - now) : -1;
}

bool Game::update(double now) {
  if (stage_ == Stage::Ended || paused_) return false;
  if (stage_ == Stage::Deciding) {
    const bool all = !seats_.empty() && submitted_count() == seats_.size();
    const bool due = deadline_ >= 0 && now >= deadline_;
    if (!all && !due) return false;
    close_round(now);
    return true;
  }
  if (now < next_quarter_at_) return false;
  step_quarter();
  next_quarter_at_ = now + options_.quarter_seconds;
  if (quarter_ == sim::kTicksPerYear) finish_year(now);
  return true;
}

void Game::close_round(double now) {
  YearRecord record;
  record.year = year_;
  record.tick = live_.world.tick;
  const DecisionLimits l = limits();
  for (std::size_t c = 0; c < seat_of_city_.size(); ++c) {
    if (seat_of_city_[c] < 0) continue;
    Seat& s = seats_[static_cast<std::size_t>(seat_of_city_[c])];
    const bool fresh = s.submitted.has_value();
    if (fresh) in_force_[c] = std::move(*s.submitted);
    s.submitted.reset();
    if (!in_force_[c]) continue;  // held, but never chose: the model's rules decide
    const auto& choice = *in_force_[c];
    record.choices.push_back(HeldChoice{static_cast<std::uint32_t>(c), track_names(l, choice),
                                        choice.subsidy_rate, choice.bailouts, fresh});
  }
  live_.external.city = in_force_;
  log_.write(record);
  stage_ = Stage::Running;
  quarter_ = 0;
  deadline_ = -1;
  next_quarter_at_ = now;
  changed();
}

void Game::step_quarter() {
  std::vector<agents::ParamChange> changes = std::move(pending_);
  pending_.clear();
  for (auto& c : changes) {
    c.tick = live_.world.tick;
    log_.write(ChangeRecord{c});
  }
  const bool planning = sim::is_planning_tick(live_.world.tick);
  const std::vector<int> listing_before = live_.world.tracks.cities_listing;
  const std::vector<double> price_before = live_.world.tracks.price_last_year;
  const std::size_t applied_before = live_.applied.size();
  agents::step(live_, changes);
  agents::step(shadow_, changes);
  const auto& c = live_.world.cities;
  for (std::size_t i = 0; i < books_year_.size(); ++i) {
    books_year_[i].revenue += c.revenue_tick[i];
    books_year_[i].spending += c.spending_tick[i];
    books_year_[i].subsidies += c.subsidies_tick[i];
    books_year_[i].bailouts += c.bailouts_tick[i];
  }
  live_series_.push_back(series_point(live_));
  shadow_series_.push_back(series_point(shadow_));
  applied_news(applied_before);
  if (planning) planning_news(listing_before);
  quarter_news();
  if (!live_.metrics.cities.empty()) {
    live_years_.push_back(live_.metrics.cities);
    shadow_years_.push_back(shadow_.metrics.cities);
    books_last_ = books_year_;
    std::fill(books_year_.begin(), books_year_.end(), CityBooks{});
    year_end_news(price_before);
  }
  ++quarter_;
  changed();
}

void Game::finish_year(double now) {
  ++year_;
  quarter_ = 0;
  if (end_requested_ || year_ >= years_ || live_.finished()) {
    end_now();
    return;
  }
  open_round(now);
}

void Game::open_round(double now) {
  stage_ = Stage::Deciding;
  const double t = options_.round_seconds;
  if (paused_) {
    paused_left_ = t > 0 ? t : -1;
    deadline_ = -1;
  } else {
    deadline_ = t > 0 ? now + t : -1;
  }
  changed();
}

void Game::end_now() {
  stage_ = Stage::Ended;
  log_.write(EndRecord{live_.world.tick, agents::hash_state(live_.world),
                       agents::hash_state(shadow_.world)});
  add_news("The session has ended: see the debrief");
  changed();
}

}  // namespace regsim::classroom
