// The classroom session: students hold cities and choose each planning year; the teacher moves
// the central levers and sets the pace; the class's world and the same world governed by the
// model's own rules (the shadow) step together. No threads, clocks or HTTP here: callers pass
// the time in, so every rule is testable and the run depends only on the decision log.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agents/model.h"
#include "agents/param_table.h"
#include "classroom/decision.h"
#include "classroom/session_log.h"

namespace regsim::classroom {

struct GameOptions {
  int years = 15;                ///< years the session lasts (at most the config's world.years)
  double round_seconds = 0;      ///< decision timer; 0 = until all submit or the teacher advances
  double quarter_seconds = 0.5;  ///< wall time per simulated quarter while a year runs
};

/// Where the world comes from; recorded in the log so that a replay rebuilds the same world.
struct WorldSource {
  std::string name;  ///< the config path (maps are resolved against it), or a label
  std::string text;  ///< the config's TOML text
  std::vector<std::string> overrides;
};
/// Loads the run config of a source; throws sim::ConfigException listing every error.
agents::RunConfig load_world(const WorldSource& source);

enum class Stage { Deciding, Running, Ended };
const char* stage_name(Stage s);

/// Why a request was refused; the API maps these to HTTP statuses.
enum class Refusal { None, BadInput, Forbidden, NotFound, Conflict };
struct Outcome {
  Refusal refusal = Refusal::None;
  std::string message;
  explicit operator bool() const { return refusal == Refusal::None; }
};

struct Seat {
  std::string token;                            ///< the per-seat secret (made by the caller)
  std::string name;                             ///< as the student typed it, checked
  std::size_t city = 0;                         ///< position of the held city
  std::optional<agents::CityChoice> submitted;  ///< sent in the open round
  int submissions = 0;                          ///< over the session
};

/// What the charts plot, for one world after one tick.
struct SeriesPoint {
  double cu = 0, price_index = 0, crowding = 0, overcapacity = 0, zombie_share = 0;
  double welfare = 0;  ///< not charted; summed in the debrief
};
SeriesPoint series_point(const agents::Model& m);

/// A line of the news feed.
struct NewsItem {
  sim::Tick tick = 0;  ///< ticks completed when it happened
  std::string text;
  int city = -1, track = -1;
};

/// A city's budget over a year (sums of the quarterly flows).
struct CityBooks {
  double revenue = 0, spending = 0, subsidies = 0, bailouts = 0;
};

class Game {
 public:
  static constexpr std::size_t kMaxNews = 200;
  static constexpr std::size_t kMaxNameBytes = 32;

  /// Builds both worlds and writes the log header; throws sim::ConfigException on a bad config.
  Game(const WorldSource& source, GameOptions options, LogWriter& log);

  // Students.
  Outcome join(const std::string& token, const std::string& name, long city);
  Outcome submit(const std::string& token, long city, const DecisionInput& input);
  const Seat* seat(const std::string& token) const;

  // The teacher.
  Outcome set_lever(const std::string& key, const sim::ScalarValue& value);
  Outcome announce(const std::string& track);
  Outcome release(long city);
  Outcome set_timer(double seconds, double now);
  Outcome set_pace(double quarter_seconds);
  Outcome set_paused(bool paused, double now);
  Outcome advance(double now);  ///< closes the open round now (and resumes)
  Outcome end_session(double now);
  /// Ends at once, even in the middle of a year (the server shutting down); the log's end
  /// record then names the tick reached, so a replay still checks the state.
  void end_immediately();

  /// Advances the session to time `now` (seconds, any monotonic clock): closes a round that is
  /// due, steps at most one quarter. Returns true when anything changed.
  bool update(double now);

  // Reading.
  std::uint64_t version() const { return version_; }
  Stage stage() const { return stage_; }
  bool paused() const { return paused_; }
  int year() const { return year_; }  ///< the year being decided or run
  int years() const { return years_; }
  int quarter() const { return quarter_; }  ///< quarters of the running year done
  /// Seconds left in the round (-1 without a timer).
  double seconds_left(double now) const;
  const GameOptions& options() const { return options_; }
  const agents::Model& live() const { return live_; }
  const agents::Model& shadow() const { return shadow_; }
  const agents::ParamTable& table() const { return *table_; }
  DecisionLimits limits() const { return decision_limits(live_.params); }
  const std::vector<Seat>& seats() const { return seats_; }
  int seat_of_city(std::size_t city) const { return seat_of_city_[city]; }
  std::size_t submitted_count() const;
  /// The choice governing a held city this year, if any.
  const std::optional<agents::CityChoice>& in_force(std::size_t city) const {
    return in_force_[city];
  }
  const std::vector<agents::ParamChange>& pending() const { return pending_; }
  const std::vector<SeriesPoint>& live_series() const { return live_series_; }
  const std::vector<SeriesPoint>& shadow_series() const { return shadow_series_; }
  /// CityYear rows of every completed year, [year][city], for both worlds.
  const std::vector<std::vector<agents::CityYear>>& live_years() const { return live_years_; }
  const std::vector<std::vector<agents::CityYear>>& shadow_years() const { return shadow_years_; }
  const std::vector<CityBooks>& books_last_year() const { return books_last_; }
  const std::deque<NewsItem>& news() const { return news_; }  ///< newest first
  const LogWriter& log() const { return log_; }

 private:
  void close_round(double now);
  void step_quarter();
  void finish_year(double now);
  void open_round(double now);
  void end_now();
  void add_news(std::string text, int city = -1, int track = -1);
  void applied_news(std::size_t applied_before);
  void planning_news(const std::vector<int>& listing_before);
  void quarter_news();
  void year_end_news(const std::vector<double>& price_before);

 public:
  /// "City 12 (Ana)" for a held city, "City 12" otherwise.
  std::string city_label(std::size_t city) const;

 private:
  void changed() { ++version_; }

  GameOptions options_;
  LogWriter& log_;
  agents::Model live_, shadow_;
  std::unique_ptr<agents::ParamTable> table_;
  int years_ = 0;
  Stage stage_ = Stage::Deciding;
  bool paused_ = true;  ///< the lobby: nothing advances until the teacher starts
  bool end_requested_ = false;
  int year_ = 0, quarter_ = 0;
  double deadline_ = -1;        ///< round timer's end (absolute), -1 without one
  double paused_left_ = -1;     ///< seconds left on the timer when paused
  double next_quarter_at_ = 0;  ///< when the running year may step again
  std::uint64_t version_ = 1;
  std::vector<Seat> seats_;
  std::vector<int> seat_of_city_;  ///< index into seats_, -1 when free
  std::vector<std::optional<agents::CityChoice>> in_force_;
  std::vector<agents::ParamChange> pending_;  ///< the teacher's changes for the next quarter
  std::vector<SeriesPoint> live_series_, shadow_series_;
  std::vector<std::vector<agents::CityYear>> live_years_, shadow_years_;
  std::vector<CityBooks> books_year_, books_last_;
  std::deque<NewsItem> news_;
};

}  // namespace regsim::classroom
