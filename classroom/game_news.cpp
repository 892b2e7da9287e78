// The news feed of a classroom session: lever changes, listings, bankruptcies, prices and
// promotions, derived from the class's world after each quarter.
#include <cmath>

#include "agents/metrics.h"
#include "classroom/game.h"
#include "classroom/levers.h"

namespace regsim::classroom {

namespace {

std::string percent(double x) {
  return std::to_string(static_cast<int>(std::lround(100 * x))) + "%";
}

}  // namespace

std::string Game::city_label(std::size_t city) const {
  const std::string& name = live_.world.geo.names[city];
  const int s = seat_of_city_[city];
  return s < 0 ? name : name + " (" + seats_[static_cast<std::size_t>(s)].name + ")";
}

void Game::add_news(std::string text, int city, int track) {
  news_.push_front(NewsItem{live_.world.tick, std::move(text), city, track});
  while (news_.size() > kMaxNews) news_.pop_back();
}

void Game::applied_news(std::size_t applied_before) {
  for (std::size_t a = applied_before; a < live_.applied.size(); ++a)
    add_news(change_text(live_.applied[a]));
}

void Game::planning_news(const std::vector<int>& listing_before) {
  const auto& t = live_.world.tracks;
  const std::size_t k = t.size(), n = live_.world.num_cities();
  for (std::size_t j = 0; j < k; ++j) {
    const int now = t.cities_listing[j], before = listing_before[j];
    if (std::abs(now - before) < 5) continue;
    int students = 0;
    for (const auto& s : seats_) students += live_.world.cities.listed[s.city * k + j];
    std::string line = std::to_string(now) + " of " + std::to_string(n) + " cities list " +
                       live_.params.tracks[j].name + " (" + (now > before ? "+" : "") +
                       std::to_string(now - before) + ")";
    if (students > 0) line += ", " + std::to_string(students) + " of them governed by students";
    add_news(std::move(line), -1, static_cast<int>(j));
  }
}

void Game::quarter_news() {
  const auto& f = live_.world.flows;
  if (f.exits_distress == 0 && f.bailouts_count == 0) return;
  std::string line = std::to_string(f.exits_distress) + " firms went bankrupt, " +
                     std::to_string(f.bailouts_count) + " were bailed out";
  int by_students = 0;
  for (const auto& s : seats_) by_students += live_.world.cities.bailouts_tick[s.city] > 0 ? 1 : 0;
  if (by_students > 0)
    line += " (" + std::to_string(by_students) + " student cities paid for bailouts)";
  add_news(std::move(line));
}

void Game::year_end_news(const std::vector<double>& price_before) {
  const auto& t = live_.world.tracks;
  for (std::size_t j = 0; j < t.size(); ++j) {
    if (price_before[j] <= 0) continue;
    const double change = t.price_last_year[j] / price_before[j] - 1.0;
    if (std::fabs(change) < 0.15) continue;
    add_news(live_.params.tracks[j].name + " price " + (change < 0 ? "down " : "up ") +
                 percent(std::fabs(change)) + " on the year",
             -1, static_cast<int>(j));
  }
  const auto& c = live_.world.cities;
  int others = 0;
  std::string students;
  for (std::size_t i = 0; i < c.promoted.size(); ++i) {
    if (!c.promoted[i]) continue;
    if (seat_of_city_[i] < 0)
      ++others;
    else
      students += (students.empty() ? "" : ", ") + city_label(i);
  }
  if (!students.empty())
    add_news("Promoted: the officials of " + students +
             "; new officials arrive and the students keep governing");
  if (others > 0) add_news(std::to_string(others) + " officials of other cities were promoted");
}

}  // namespace regsim::classroom
