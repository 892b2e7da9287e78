// JSON views of a classroom session for the pages.
#include "classroom/views.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "classroom/city_report.h"
#include "classroom/debrief.h"
#include "classroom/levers.h"

namespace regsim::classroom {

using nlohmann::json;

namespace {

/// Numbers rounded to 6 significant digits: the pages need no more, and bodies stay small.
double r6(double x) {
  if (!std::isfinite(x) || x == 0) return 0;
  const double scale = std::pow(10.0, 5 - static_cast<int>(std::floor(std::log10(std::fabs(x)))));
  return std::round(x * scale) / scale;
}

json choice_json(const DecisionLimits& limits, const agents::CityChoice& c) {
  return {{"tracks", track_names(limits, c)},
          {"subsidy_rate", c.subsidy_rate},
          {"bailouts", c.bailouts}};
}

json limits_json(const DecisionLimits& l) {
  return {{"tracks", l.tracks},
          {"list_size", l.list_size},
          {"max_subsidy", l.max_subsidy},
          {"subsidies_allowed", l.subsidies_allowed},
          {"bailouts_allowed", l.bailouts_allowed}};
}

json tracks_json(const agents::Model& m) {
  const auto& t = m.world.tracks;
  json out = json::array();
  for (std::size_t k = 0; k < t.size(); ++k) {
    const auto& tm = m.metrics.tracks.size() > k ? m.metrics.tracks[k] : agents::TrackMetrics{};
    out.push_back({{"name", m.params.tracks[k].name},
                   {"capacity", r6(t.capacity[k])},
                   {"pipeline", r6(t.pipeline[k])},
                   {"demand", r6(t.demand[k])},
                   {"cu", r6(tm.cu)},
                   {"price", r6(t.price_index[k])},
                   {"price_last_year", r6(t.price_last_year[k])},
                   {"cost", r6(tm.frontier_cost)},
                   {"cash_cost", r6(tm.cash_cost)},
                   {"war_intensity", r6(tm.war_intensity)},
                   {"zombie_share", r6(tm.zombie_share)},
                   {"cities_listing", t.cities_listing[k]},
                   {"firms", tm.firms},
                   {"signal", r6(m.params.tracks[k].signal)}});
  }
  return out;
}

json news_json(const Game& game, std::size_t count) {
  json out = json::array();
  for (const auto& n : game.news()) {
    if (out.size() >= count) break;
    out.push_back({{"tick", n.tick}, {"text", n.text}, {"city", n.city}, {"track", n.track}});
  }
  return out;
}

json series_json(const std::vector<SeriesPoint>& s) {
  json cu = json::array(), price = json::array(), crowd = json::array(), over = json::array(),
       zombie = json::array();
  for (const auto& p : s) {
    cu.push_back(r6(p.cu));
    price.push_back(r6(p.price_index));
    crowd.push_back(r6(p.crowding));
    over.push_back(r6(p.overcapacity));
    zombie.push_back(r6(p.zombie_share));
  }
  return {{"cu", cu},
          {"price_index", price},
          {"crowding", crowd},
          {"overcapacity", over},
          {"zombie_share", zombie}};
}

json holder(const Game& game, std::size_t city) {
  const int s = game.seat_of_city(city);
  return s < 0 ? json(nullptr) : json(game.seats()[static_cast<std::size_t>(s)].name);
}

json cities_json(const Game& game) {
  const sim::World& w = game.live().world;
  const std::size_t k = w.num_tracks();
  json out = json::array();
  for (std::size_t i = 0; i < w.num_cities(); ++i) {
    json listed = json::array();
    for (std::size_t t = 0; t < k; ++t)
      if (w.cities.listed[i * k + t]) listed.push_back(t);
    double cap = 0, out_q = 0;
    for (std::size_t t = 0; t < k; ++t) {
      cap += w.cities.cell_capacity[i * k + t];
      out_q += w.cities.cell_output[i * k + t];
    }
    out.push_back({{"id", i},
                   {"name", w.geo.names[i]},
                   {"province", w.geo.province[i]},
                   {"x", r6(w.geo.x_km[i])},
                   {"y", r6(w.geo.y_km[i])},
                   {"gdp", r6(w.cities.gdp[i])},
                   {"track", dominant_track(w, i)},
                   {"cu", cap > 0 ? r6(out_q / cap) : -1.0},
                   {"listed", listed},
                   {"student", holder(game, i)}});
  }
  return out;
}

json report_json(const CityReport& r, const agents::Model& m) {
  json cells = json::array();
  for (const auto& c : r.cells)
    cells.push_back({{"track", m.params.tracks[static_cast<std::size_t>(c.track)].name},
                     {"capacity", r6(c.capacity)},
                     {"output", r6(c.output)},
                     {"cu", r6(c.cu)},
                     {"firms", c.firms},
                     {"zombies", c.zombies},
                     {"losing", c.losing},
                     {"listed", c.listed}});
  return {{"id", r.city},
          {"name", r.name},
          {"zone", r.zone},
          {"province", r.province},
          {"gdp_quarter", r6(r.gdp_quarter)},
          {"gdp_last_year", r6(r.gdp_last_year)},
          {"gdp_growth", r6(r.gdp_growth)},
          {"debt", r6(r.debt)},
          {"debt_to_gdp", r6(r.debt_to_gdp)},
          {"debt_room", r6(r.debt_room)},
          {"subsidy_rate", r6(r.subsidy_rate)},
          {"pressure", r6(r.pressure)},
          {"score", r6(r.score)},
          {"rank", r.rank.rank},
          {"peers", r.rank.peers},
          {"official_age", r6(r.official_age)},
          {"official_tenure", r.official_tenure},
          {"promotions", r.promotions},
          {"promoted_last", r.promoted_last},
          {"firms", r.firms},
          {"zombies", r.zombies},
          {"idle_value", r6(r.idle_value)},
          {"capacity_value", r6(r.capacity_value)},
          {"cells", cells}};
}

/// The province's tournament table, best score first.
json province_json(const Game& game, std::size_t city) {
  const sim::World& w = game.live().world;
  json out = json::array();
  for (std::size_t j = 0; j < w.num_cities(); ++j) {
    if (w.geo.province[j] != w.geo.province[city]) continue;
    const double growth =
        w.cities.gdp_last_year[j] / std::max(w.cities.gdp_prev_year[j], 1e-12) - 1.0;
    out.push_back({{"id", j},
                   {"name", w.geo.names[j]},
                   {"student", holder(game, j)},
                   {"rank", province_rank(w, j).rank},
                   {"score", r6(w.cities.score[j])},
                   {"gdp_growth", r6(growth)},
                   {"promotions", w.cities.promotions_total[j]}});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const json& a, const json& b) { return a["rank"] < b["rank"]; });
  return out;
}

json history_json(const Game& game, std::size_t city) {
  json out = json::array();
  for (const auto& year : game.live_years()) {
    const auto& r = year[city];
    out.push_back({{"year", r.year},
                   {"gdp", r6(r.gdp)},
                   {"growth", r6(r.gdp_growth)},
                   {"debt", r6(r.debt)},
                   {"subsidies", r6(r.subsidies)},
                   {"promoted", r.promoted}});
  }
  return out;
}

json status(const Game& game, double now) {
  return {{"v", game.version()},
          {"stage", stage_name(game.stage())},
          {"paused", game.paused()},
          {"year", game.year()},
          {"years", game.years()},
          {"quarter", game.quarter()},
          {"tick", game.live().world.tick},
          {"seconds_left", r6(game.seconds_left(now))},
          {"submitted", game.submitted_count()},
          {"seats", game.seats().size()},
          {"cities", game.live().world.num_cities()}};
}

}  // namespace

std::string status_json(const Game& game, double now) {
  return status(game, now).dump();
}

std::string lobby_json(const Game& game) {
  const sim::World& w = game.live().world;
  json cities = json::array();
  for (std::size_t i = 0; i < w.num_cities(); ++i)
    cities.push_back({{"id", i},
                      {"name", w.geo.names[i]},
                      {"province", w.geo.province[i]},
                      {"zone", sim::zone_name(w.geo.zone[i])},
                      {"x", r6(w.geo.x_km[i])},
                      {"y", r6(w.geo.y_km[i])},
                      {"gdp", r6(w.cities.gdp[i])},
                      {"student", holder(game, i)}});
  return json{{"cities", cities}, {"stage", stage_name(game.stage())}}.dump();
}

std::string student_json(const Game& game, const Seat& seat) {
  const DecisionLimits limits = game.limits();
  json j;
  j["seat"] = {{"name", seat.name}, {"city", seat.city}};
  j["submission"] = seat.submitted ? choice_json(limits, *seat.submitted) : json(nullptr);
  const auto& in_force = game.in_force(seat.city);
  j["in_force"] = in_force ? choice_json(limits, *in_force) : json(nullptr);
  j["limits"] = limits_json(limits);
  j["city"] = report_json(city_report(game.live(), seat.city), game.live());
  const CityBooks& b = game.books_last_year()[seat.city];
  j["budget"] = {{"revenue", r6(b.revenue)},
                 {"spending", r6(b.spending)},
                 {"subsidies", r6(b.subsidies)},
                 {"bailouts", r6(b.bailouts)}};
  j["history"] = history_json(game, seat.city);
  j["province"] = province_json(game, seat.city);
  j["tracks"] = tracks_json(game.live());
  j["news"] = news_json(game, 12);
  return j.dump();
}

std::string projector_json(const Game& game) {
  json j;
  j["series"] = series_json(game.live_series());
  j["tracks"] = tracks_json(game.live());
  j["cities"] = cities_json(game);
  j["news"] = news_json(game, 14);
  j["total_ticks"] = game.years() * sim::kTicksPerYear;
  return j.dump();
}

std::string teacher_json(const Game& game, const std::string& join_code) {
  json j;
  j["join_code"] = join_code;
  j["timer"] = game.options().round_seconds;
  j["pace"] = game.options().quarter_seconds;
  json seats = json::array();
  for (const auto& s : game.seats())
    seats.push_back({{"name", s.name},
                     {"city", s.city},
                     {"city_name", game.live().world.geo.names[s.city]},
                     {"submitted", s.submitted.has_value()},
                     {"submissions", s.submissions}});
  j["students"] = seats;
  json levers = json::array();
  const auto& params = game.live().params;
  for (const auto& l : teacher_levers()) {
    const agents::ParamSpec* spec = game.table().find(l.key);
    if (!spec) continue;
    const sim::ScalarValue v = spec->get(params);
    json lever = {{"key", l.key}, {"label", l.label}, {"help", l.help}};
    std::visit([&](const auto& x) { lever["value"] = x; }, v);
    lever["type"] = spec->type == agents::ParamType::Boolean  ? "boolean"
                    : spec->type == agents::ParamType::Choice ? "choice"
                                                              : "number";
    lever["min"] = spec->min;
    lever["max"] = spec->max;
    lever["choices"] = spec->choices;
    for (const auto& p : game.pending())
      if (p.key == l.key) std::visit([&](const auto& x) { lever["pending"] = x; }, p.value);
    levers.push_back(lever);
  }
  j["levers"] = levers;
  j["tracks"] = game.limits().tracks;
  return j.dump();
}

std::string debrief_json(const Game& game) {
  const Debrief d = make_debrief(game);
  auto city = [](const CityOutcome& o) {
    return json{{"mean_growth", r6(o.mean_growth)},
                {"gdp_last_year", r6(o.gdp_last_year)},
                {"debt_to_gdp", r6(o.debt_to_gdp)},
                {"subsidies", r6(o.subsidies)},
                {"idle_value", r6(o.idle_value)},
                {"idle_share", r6(o.idle_share)},
                {"rank", o.rank},
                {"peers", o.peers},
                {"promotions", o.promotions},
                {"zombies", o.zombies},
                {"firms", o.firms},
                {"tracks", o.tracks}};
  };
  auto world = [](const WorldOutcome& o) {
    return json{{"final_cu", r6(o.final_cu)},
                {"min_cu", r6(o.min_cu)},
                {"final_price_index", r6(o.final_price_index)},
                {"final_zombie_share", r6(o.final_zombie_share)},
                {"final_overcapacity", r6(o.final_overcapacity)},
                {"peak_crowding", r6(o.peak_crowding)},
                {"welfare", r6(o.welfare)},
                {"promoted", o.promoted}};
  };
  json students = json::array();
  for (const auto& s : d.students)
    students.push_back({{"student", s.student},
                        {"city", s.city},
                        {"city_name", s.city_name},
                        {"province", s.province},
                        {"submissions", s.submissions},
                        {"with_student", city(s.with_student)},
                        {"with_model", city(s.with_model)}});
  return json{{"final", d.final},
              {"years", d.years},
              {"students", students},
              {"class_idle_value", r6(d.class_idle_value)},
              {"model_idle_value", r6(d.model_idle_value)},
              {"class_promotions", d.class_promotions},
              {"model_promotions", d.model_promotions},
              {"with_class", world(d.with_class)},
              {"with_model", world(d.with_model)},
              {"series_class", series_json(game.live_series())},
              {"series_model", series_json(game.shadow_series())},
              {"tracks", game.limits().tracks}}
      .dump();
}

}  // namespace regsim::classroom
