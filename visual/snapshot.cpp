// Copies the model state the live view draws into a plain Snapshot.
#include "visual/snapshot.h"

#include <algorithm>
#include <cctype>
#include <type_traits>

#include "sim/geography.h"
#include "visual/text.h"

namespace regsim::visual {

namespace {

std::vector<TrackSnap> snap_tracks(const agents::Model& m) {
  const sim::World& w = m.world;
  std::vector<TrackSnap> out(w.num_tracks());
  for (std::size_t k = 0; k < out.size(); ++k) {
    TrackSnap& t = out[k];
    t.name = m.params.tracks[k].name;
    t.signal = m.params.tracks[k].signal;
    t.capacity = w.tracks.capacity[k];
    t.pipeline = w.tracks.pipeline[k];
    t.demand = w.tracks.demand[k];
    t.output = w.tracks.output[k];
    t.price = w.tracks.price_index[k];
    t.frontier_cost = w.tracks.frontier_cost[k];
    t.price_last_year = w.tracks.price_last_year[k];
    t.cities_listing = w.tracks.cities_listing[k];
    if (k < m.metrics.tracks.size()) {
      const agents::TrackMetrics& tm = m.metrics.tracks[k];
      t.cu = tm.cu;
      t.zombie_share = tm.zombie_share;
      t.firms = tm.firms;
      t.entries = tm.entries;
      t.exits = tm.exits;
      t.cash_cost = tm.cash_cost;
      t.war_intensity = tm.war_intensity;
      t.loss_share = tm.loss_share_active;
      t.exports = tm.exports;
      t.imports = tm.imports;
    } else {
      t.cu = t.capacity > 0 ? t.output / t.capacity : 0.0;
    }
  }
  return out;
}

void snap_city_cells(const sim::World& w, std::size_t i, CitySnap& c) {
  const std::size_t k = w.num_tracks();
  double output = 0, capacity = 0, best = 0;
  c.output_by_track.assign(k, 0.0);
  c.capacity_by_track.assign(k, 0.0);
  c.pipeline_by_track.assign(k, 0.0);
  for (std::size_t j = 0; j < k; ++j) {
    const std::size_t cell = w.cell(sim::CityId::at(i), sim::TrackId::at(j));
    const double q = w.cities.cell_output[cell];
    c.output_by_track[j] = q;
    output += q;
    c.capacity_by_track[j] = w.cities.cell_capacity[cell];
    capacity += w.cities.cell_capacity[cell];
    if (q > best) best = q, c.dominant_track = static_cast<int>(j);
    if (w.cities.listed[cell]) c.priorities.push_back(static_cast<int>(j));
  }
  c.capacity = capacity;
  c.cu = capacity > 0 ? output / capacity : -1.0;
}

std::vector<CitySnap> snap_cities(const sim::World& w) {
  const auto& g = w.geo;
  const auto& ci = w.cities;
  std::vector<CitySnap> out(w.num_cities());
  for (std::size_t i = 0; i < out.size(); ++i) {
    CitySnap& c = out[i];
    c.name = g.names[i];
    c.zone = sim::zone_name(g.zone[i]);
    c.province = g.province[i];
    c.x_km = g.x_km[i];
    c.y_km = g.y_km[i];
    c.gdp_quarter = ci.gdp[i];
    c.gdp_last_year = ci.gdp_last_year[i];
    c.gdp_prev_year = ci.gdp_prev_year[i];
    c.debt = ci.debt[i];
    c.subsidy_rate = ci.subsidy_rate[i];
    c.protection = ci.protection[i];
    c.pressure = ci.pressure[i];
    c.official_id = ci.official_id[i];
    c.official_tenure = ci.official_tenure[i];
    c.official_age = ci.official_age[i];
    c.promoted = ci.promoted[i] != 0;
    c.promotions_total = ci.promotions_total[i];
    snap_city_cells(w, i, c);
  }
  return out;
}

FirmsSnap snap_firms(const sim::World& w, sim::Tick seen_at, std::vector<CitySnap>& cities) {
  const auto& f = w.firms;
  FirmsSnap out;
  out.id = f.id;
  out.city = f.city;
  out.zombie.resize(f.size());
  out.distressed.resize(f.size());
  for (std::size_t i = 0; i < f.size(); ++i) {
    out.zombie[i] = seen_at < f.zombie_until[i] ? 1 : 0;
    out.distressed[i] = (f.loss_streak[i] > 0 || f.book[i] - f.debt[i] < 0) ? 1 : 0;
    CitySnap& c = cities[f.city[i].index()];
    const std::size_t k = f.track[i].index();
    if (k < c.pipeline_by_track.size()) c.pipeline_by_track[k] += f.pipeline[i];
    ++c.firms;
    c.zombies += out.zombie[i];
  }
  return out;
}

std::vector<EdgeSnap> snap_edges(const sim::World& w, double& max_weight) {
  const auto& g = w.geo;
  std::vector<EdgeSnap> out;
  max_weight = 0;
  for (std::uint32_t i = 0; i + 1 < g.adj_start.size(); ++i) {
    for (std::uint32_t e = g.adj_start[i]; e < g.adj_start[i + 1]; ++e) {
      const std::uint32_t j = g.adj[e];
      if (j <= i) continue;  // undirected: keep each edge once
      double weight = 0;
      if (w.spill.rows() > static_cast<Eigen::Index>(std::max(i, j)))
        weight = 0.5 * (w.spill.coeff(i, j) + w.spill.coeff(j, i));
      out.push_back(EdgeSnap{i, j, weight});
      max_weight = std::max(max_weight, weight);
    }
  }
  return out;
}

/// Every City and Cell column of the world (state, year sums and flows; not caches), as doubles.
std::vector<ColumnSnap> snap_columns(const sim::World& w) {
  std::vector<ColumnSnap> out;
  sim::for_each_column(w, [&](const sim::ColumnInfo& info, const auto& member) {
    using M = std::remove_cvref_t<decltype(member)>;
    if constexpr (sim::is_column_vector<M>) {
      if constexpr (std::is_arithmetic_v<typename M::value_type>) {
        const bool per_city = info.extent == sim::Extent::City || info.extent == sim::Extent::Cell;
        if (!per_city || info.lifetime == sim::Lifetime::Cache) return;
        ColumnSnap c;
        c.name = cat(info.group, ".", info.name);
        c.extent = info.extent;
        c.lifetime = info.lifetime;
        c.values.reserve(member.size());
        for (const auto& v : member) c.values.push_back(static_cast<double>(v));
        out.push_back(std::move(c));
      }
    }
  });
  return out;
}

bool same_ignoring_case(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

const ColumnSnap* find_column(const Snapshot& s, std::string_view name) {
  for (const ColumnSnap& c : s.columns)
    if (c.name == name) return &c;
  return nullptr;
}

std::string city_ids_text(const Snapshot& s, std::size_t city) {
  if (city >= s.cities.size()) return {};
  return cat("index ", std::to_string(city), " \xC2\xB7 province ",
             std::to_string(s.cities[city].province));
}

int find_city(const Snapshot& s, const std::string& text, std::string& error) {
  const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
  if (digits && text.size() < 9) {
    const auto index = std::stoul(text);
    if (index < s.cities.size()) return static_cast<int>(index);
  } else {
    for (std::size_t i = 0; i < s.cities.size(); ++i)
      if (same_ignoring_case(s.cities[i].name, text)) return static_cast<int>(i);
  }
  error = cat("no city '", text, "': give an index from 0 to ", std::to_string(s.cities.size() - 1),
              " (the city column of cities.csv) or a name such as '",
              s.cities.empty() ? std::string() : s.cities.front().name, "'");
  return -1;
}

Snapshot take_snapshot(const agents::Model& model, std::size_t applied_before, bool after_step) {
  Snapshot s;
  s.stepped = after_step;
  s.tick = model.world.tick;
  s.total_ticks = model.total_ticks();
  s.seed = model.world.seed;
  s.national = model.metrics.national;
  s.params = model.params;
  s.tracks = snap_tracks(model);
  s.cities = snap_cities(model.world);
  s.edges = snap_edges(model.world, s.max_edge_weight);
  // Zombie status as the metrics of the step just taken saw it: they ran before ++tick.
  const sim::Tick seen_at = after_step ? model.world.tick - 1 : model.world.tick;
  s.firms = snap_firms(model.world, seen_at, s.cities);
  s.columns = snap_columns(model.world);
  const auto& applied = model.applied;
  for (std::size_t i = std::min(applied_before, applied.size()); i < applied.size(); ++i)
    s.changes.push_back(applied[i]);
  return s;
}

}  // namespace regsim::visual
