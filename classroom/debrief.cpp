// Comparing the class's world with the model's own governments over the same session.
#include "classroom/debrief.h"

#include <algorithm>

#include "classroom/city_report.h"

namespace regsim::classroom {

namespace {

std::vector<std::string> listed_names(const agents::Model& m, std::size_t city) {
  std::vector<std::string> out;
  const std::size_t k = m.world.num_tracks();
  for (std::size_t t = 0; t < k; ++t)
    if (m.world.cities.listed[city * k + t]) out.push_back(m.params.tracks[t].name);
  return out;
}

CityOutcome city_outcome(const agents::Model& m,
                         const std::vector<std::vector<agents::CityYear>>& years,
                         std::size_t city) {
  CityOutcome o;
  const CityReport r = city_report(m, city);
  double growth = 0;
  for (const auto& year : years) {
    growth += year[city].gdp_growth;
    o.subsidies += year[city].subsidies;
  }
  o.mean_growth = years.empty() ? 0.0 : growth / static_cast<double>(years.size());
  o.gdp_last_year = r.gdp_last_year;
  o.debt_to_gdp = r.debt_to_gdp;
  o.idle_value = r.idle_value;
  o.idle_share = r.capacity_value > 0 ? r.idle_value / r.capacity_value : 0.0;
  o.rank = r.rank.rank;
  o.peers = r.rank.peers;
  o.promotions = r.promotions;
  o.zombies = r.zombies;
  o.firms = r.firms;
  o.tracks = listed_names(m, city);
  return o;
}

WorldOutcome world_outcome(const agents::Model& m, const std::vector<SeriesPoint>& series) {
  WorldOutcome o;
  if (!series.empty()) {
    o.final_cu = series.back().cu;
    o.final_price_index = series.back().price_index;
    o.final_zombie_share = series.back().zombie_share;
    o.final_overcapacity = series.back().overcapacity;
  }
  for (const auto& p : series) {
    o.min_cu = std::min(o.min_cu, p.cu);
    o.peak_crowding = std::max(o.peak_crowding, p.crowding);
    o.welfare += p.welfare;
  }
  for (const int n : m.world.cities.promotions_total) o.promoted += n;
  return o;
}

}  // namespace

Debrief make_debrief(const Game& game) {
  Debrief d;
  d.final = game.stage() == Stage::Ended;
  d.years = static_cast<int>(game.live_years().size());
  for (const auto& seat : game.seats()) {
    StudentOutcome s;
    s.student = seat.name;
    s.city = seat.city;
    s.city_name = game.live().world.geo.names[seat.city];
    s.province = game.live().world.geo.province[seat.city];
    s.submissions = seat.submissions;
    s.with_student = city_outcome(game.live(), game.live_years(), seat.city);
    s.with_model = city_outcome(game.shadow(), game.shadow_years(), seat.city);
    d.class_idle_value += s.with_student.idle_value;
    d.model_idle_value += s.with_model.idle_value;
    d.class_promotions += s.with_student.promotions;
    d.model_promotions += s.with_model.promotions;
    d.students.push_back(std::move(s));
  }
  std::stable_sort(d.students.begin(), d.students.end(), [](const auto& a, const auto& b) {
    return a.with_student.mean_growth > b.with_student.mean_growth;
  });
  d.with_class = world_outcome(game.live(), game.live_series());
  d.with_model = world_outcome(game.shadow(), game.shadow_series());
  return d;
}

}  // namespace regsim::classroom
