// Panel tables below the aggregates (see panels.h).
#include "experiments/run/panels.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "sim/csv.h"

namespace regsim::experiments {

namespace {

std::string num(double v) {
  return agents::format_number(v);
}

std::string name_cell(const std::string& s) {
  return sim::csv_cell(s);
}

/// The tick whose values the tables show: the one step() just ran.
sim::Tick last_tick(const agents::Model& m) {
  return m.world.tick - 1;
}

bool zombie_at(const sim::World& w, std::size_t f, sim::Tick t) {
  return t < w.firms.zombie_until[f];
}

}  // namespace

std::string cells_csv_header() {
  return "year,city,track,listed,capacity,pipeline,output,cu,price,firms,entries,exits,zombies,"
         "subsidies,log_endowment,log_knowledge";
}

CellRows cell_rows(const agents::Model& m) {
  const sim::World& w = m.world;
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  const sim::Tick t = last_tick(m);
  CellRows c;
  c.year = sim::year_of(t);
  c.cities = n;
  c.firms.assign(n * k, 0);
  c.zombies.assign(n * k, 0);
  c.pipeline.assign(n * k, 0.0);
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    const std::size_t cell = w.cell(w.firms.city[f], w.firms.track[f]);
    ++c.firms[cell];
    c.zombies[cell] += zombie_at(w, f, t) ? 1 : 0;
    c.pipeline[cell] += w.firms.pipeline[f];
  }
  c.tracks.reserve(k);
  for (std::size_t j = 0; j < k; ++j) c.tracks.push_back(name_cell(m.params.tracks[j].name));
  const auto& cs = w.cities;
  c.listed = cs.listed;
  c.capacity = cs.cell_capacity;
  c.output = cs.cell_output;
  c.price = w.city_price;
  c.entries = cs.cell_entries_year;
  c.exits = cs.cell_exits_year;
  c.subsidies = cs.cell_subsidies_year;
  c.log_endowment = cs.log_endowment;
  c.log_knowledge = cs.log_knowledge;
  return c;
}

void append_cells_csv_rows(std::string& text, const CellRows& c) {
  const std::size_t n = c.cities, k = c.tracks.size();
  std::size_t longest = 0;
  for (const auto& t : c.tracks) longest = std::max(longest, t.size());
  // Each row is written into `buf` (room for every cell at its longest), then appended.
  std::vector<char> buf(longest + 16 * agents::kNumberChars);
  const auto integer = [](char* o, long long v) { return std::to_chars(o, o + 24, v).ptr; };
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      const std::size_t e = i * k + j;
      const double cap = c.capacity[e], out = c.output[e];
      char* o = buf.data();
      o = integer(o, c.year);
      *o++ = ',';
      o = integer(o, static_cast<long long>(i));
      *o++ = ',';
      o = std::copy(c.tracks[j].begin(), c.tracks[j].end(), o);
      *o++ = ',';
      o = integer(o, int{c.listed[e]});
      for (const double v : {cap, c.pipeline[e], out, cap > 0 ? out / cap : 0.0, c.price[e]}) {
        *o++ = ',';
        o = agents::format_number_to(v, o);
      }
      for (const int v : {c.firms[e], c.entries[e], c.exits[e], c.zombies[e]}) {
        *o++ = ',';
        o = integer(o, v);
      }
      for (const double v : {c.subsidies[e], c.log_endowment[e], c.log_knowledge[e]}) {
        *o++ = ',';
        o = agents::format_number_to(v, o);
      }
      *o++ = '\n';
      text.append(buf.data(), static_cast<std::size_t>(o - buf.data()));
    }
  }
}

std::string firms_csv_header() {
  return "tick,firm,city,track,born,capacity,pipeline,output,unit_cost,efficiency,book,debt,"
         "profit,subsidy,loss_streak,zombie,mobile";
}

void firms_csv_rows(const agents::Model& m, const LineFn& line) {
  const sim::World& w = m.world;
  const auto& fm = w.firms;
  const sim::Tick t = last_tick(m);
  const std::string tick = std::to_string(t);
  sim::CsvLine row;  // one buffer for every row
  for (std::size_t f = 0; f < fm.size(); ++f) {
    row.clear();
    row << tick << std::to_string(fm.id[f].value) << std::to_string(fm.city[f].value)
        << name_cell(m.params.tracks[fm.track[f].index()].name) << std::to_string(fm.born[f])
        << num(fm.capacity[f]) << num(fm.pipeline[f]) << num(fm.output[f]) << num(fm.unit_cost[f])
        << num(std::exp(fm.log_eff[f])) << num(fm.book[f]) << num(fm.debt[f]) << num(fm.profit[f])
        << num(fm.subsidy_tick[f]) << std::to_string(fm.loss_streak[f])
        << std::to_string(zombie_at(w, f, t) ? 1 : 0) << std::to_string(int{fm.mobile[f]});
    line(row.str());
  }
}

std::string nodes_csv_header() {
  return "city,name,province,zone,x_km,y_km,population,base_gdp";
}

void nodes_csv_rows(const agents::Model& m, const LineFn& line) {
  const sim::Geography& g = m.world.geo;
  for (std::size_t i = 0; i < g.size(); ++i) {
    sim::CsvLine row;
    row << std::to_string(i) << sim::csv_cell(g.names[i]) << std::to_string(g.province[i])
        << sim::csv_cell(sim::zone_name(g.zone[i])) << num(g.x_km[i]) << num(g.y_km[i])
        << num(g.population[i]) << num(g.base_gdp[i]);
    line(row.str());
  }
}

std::string graph_csv_header() {
  return "from,to,edge_km,distance_km,weight";
}

void graph_csv_rows(const agents::Model& m, const LineFn& line) {
  const sim::Geography& g = m.world.geo;
  using Spill = std::remove_cvref_t<decltype(m.world.spill)>;
  const Spill& spill = m.world.spill;
  struct Pair {
    double edge_km = -1, distance_km = -1, weight = 0;
  };
  for (std::size_t i = 0; i < g.size(); ++i) {
    std::map<std::uint32_t, Pair> pairs;  // by neighbour index, so rows come sorted
    for (std::uint32_t e = g.adj_start[i]; e < g.adj_start[i + 1]; ++e)
      pairs[g.adj[e]].edge_km = g.adj_km[e];
    for (std::uint32_t e = g.near_start[i]; e < g.near_start[i + 1]; ++e)
      pairs[g.near[e]].distance_km = g.near_km[e];
    if (static_cast<std::size_t>(spill.rows()) == g.size())
      for (Spill::InnerIterator it(spill, static_cast<Eigen::Index>(i)); it; ++it)
        pairs[static_cast<std::uint32_t>(it.col())].weight = it.value();
    for (const auto& [j, p] : pairs) {
      sim::CsvLine row;
      row << std::to_string(i) << std::to_string(j) << (p.edge_km >= 0 ? num(p.edge_km) : "")
          << (p.distance_km >= 0 ? num(p.distance_km) : "") << num(p.weight);
      line(row.str());
    }
  }
}

}  // namespace regsim::experiments
