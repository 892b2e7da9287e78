// City-year phase (last quarter of a year): one row per city for cities.csv.
#include <algorithm>

#include "agents/phases/phases.h"

namespace regsim::agents {

void record_city_year(const sim::World& w, const ModelParams& p, Metrics& out) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  const auto& c = w.cities;
  out.cities.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    CityYear& r = out.cities[i];
    r.year = sim::year_of(w.tick);
    r.city = static_cast<int>(i);
    r.province = w.geo.province[i];
    r.gdp = c.gdp_year[i];
    r.gdp_growth = c.gdp_year[i] / std::max(c.gdp_last_year[i], 1e-12) - 1.0;
    r.debt = c.debt[i];
    r.subsidies = c.subsidies_year[i];
    r.protection = c.protection[i];
    r.jobs = c.jobs[i];
    r.score = c.score[i];
    r.subsidy_rate = c.subsidy_rate[i];
    double produced = 0, cap = 0;
    for (std::size_t t = 0; t < k; ++t) {
      produced += c.cell_output[i * k + t];
      cap += c.cell_capacity[i * k + t];
    }
    r.cu = cap > 0 ? produced / cap : 0.0;
    r.entries = c.entries_year[i];
    r.mobile_entries = c.mobile_entries_year[i];
    r.closed_cells = 0;
    for (std::size_t t = 0; t < k; ++t) r.closed_cells += c.closed[i * k + t];
    r.priority_tracks.clear();
    for (std::size_t t = 0; t < k; ++t) {
      if (!c.listed[i * k + t]) continue;
      if (!r.priority_tracks.empty()) r.priority_tracks += ';';
      r.priority_tracks += p.tracks[t].name;
    }
    // Tenure of the official who was in post during the year (before any turnover just now).
    r.official_tenure = c.new_official[i] ? 0 : c.official_tenure[i];
    r.promoted = c.promoted[i];
    r.zone = sim::zone_name(w.geo.zone[i]);
  }
}

}  // namespace regsim::agents
