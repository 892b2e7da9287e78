// A city's report: budget, tournament rank, official and firms by track.
#include "classroom/city_report.h"

#include <algorithm>

#include "policies/rules.h"

namespace regsim::classroom {

ProvinceRank province_rank(const sim::World& w, std::size_t city) {
  ProvinceRank r{1, 0};
  const auto& score = w.cities.score;
  for (std::size_t j = 0; j < w.num_cities(); ++j) {
    if (w.geo.province[j] != w.geo.province[city]) continue;
    ++r.peers;
    if (score[j] > score[city]) ++r.rank;
  }
  return r;
}

int dominant_track(const sim::World& w, std::size_t city) {
  const std::size_t k = w.num_tracks();
  int best = -1;
  double top = 0;
  for (std::size_t t = 0; t < k; ++t)
    if (w.cities.cell_output[city * k + t] > top) {
      top = w.cities.cell_output[city * k + t];
      best = static_cast<int>(t);
    }
  return best;
}

CityReport city_report(const agents::Model& m, std::size_t i) {
  const sim::World& w = m.world;
  const auto& c = w.cities;
  const std::size_t k = w.num_tracks();
  CityReport r;
  r.city = i;
  r.name = w.geo.names[i];
  r.zone = sim::zone_name(w.geo.zone[i]);
  r.province = w.geo.province[i];
  r.gdp_quarter = c.gdp[i];
  r.gdp_last_year = c.gdp_last_year[i];
  r.gdp_growth = c.gdp_last_year[i] / std::max(c.gdp_prev_year[i], 1e-12) - 1.0;
  r.debt = c.debt[i];
  r.debt_to_gdp = c.debt[i] / std::max(4.0 * c.gdp[i], 1e-12);
  r.debt_room = policies::debt_room(m.params.budget, r.debt_to_gdp);  // as the model reads it
  r.subsidy_rate = c.subsidy_rate[i];
  r.protection = c.protection[i];
  r.pressure = c.pressure[i];
  r.score = c.score[i];
  r.rank = province_rank(w, i);
  r.official_age = c.official_age[i];
  r.official_tenure = c.official_tenure[i];
  r.promotions = c.promotions_total[i];
  r.promoted_last = c.promoted[i] != 0;
  std::vector<TrackCell> cells(k);
  for (std::size_t t = 0; t < k; ++t) {
    cells[t].track = static_cast<int>(t);
    cells[t].listed = c.listed[i * k + t] != 0;
  }
  const auto& f = w.firms;
  for (std::size_t n = 0; n < f.size(); ++n) {
    if (f.city[n].index() != i) continue;
    TrackCell& cell = cells[f.track[n].index()];
    cell.capacity += f.capacity[n];
    cell.output += f.output[n];
    ++cell.firms;
    if (w.tick < f.zombie_until[n]) ++cell.zombies;  // bailed out, still kept alive
    if (f.profit[n] < 0) ++cell.losing;
  }
  for (auto& cell : cells) {
    cell.cu = cell.capacity > 0 ? cell.output / cell.capacity : 0.0;
    const double capex = w.tracks.capex[static_cast<std::size_t>(cell.track)];
    r.idle_value += std::max(0.0, cell.capacity - cell.output) * capex;
    r.capacity_value += cell.capacity * capex;
    r.firms += cell.firms;
    r.zombies += cell.zombies;
    if (cell.firms > 0 || cell.listed) r.cells.push_back(cell);
  }
  return r;
}

}  // namespace regsim::classroom
