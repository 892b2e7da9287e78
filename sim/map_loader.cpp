// Real maps: strict CSV reading of nodes/edges/outlines, projection, and the Geography built
// from them (graph from the edges, synthetic sizes and zones drawn from the seed).
#include "sim/map_loader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <numbers>
#include <optional>
#include <queue>
#include <string_view>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "sim/config.h"
#include "sim/csv.h"
#include "sim/limits.h"

#ifndef REGSIM_DATA_DIR
#define REGSIM_DATA_DIR ""
#endif

namespace regsim::sim {
namespace {

namespace fs = std::filesystem;

constexpr double kEarthMeanKm = 6371.0088;  // IUGG mean radius, as in the derivation script
constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kInf = std::numeric_limits<double>::infinity();
// Bounds of a city's area and an edge's length: the Earth's surface, and a quarter of the way
// round it twice over (a road or sea route longer than that is an error in the file).
constexpr double kMaxAreaKm2 = 5.1e8;
constexpr double kMaxEdgeKm = 1e5;

// ---------------------------------------------------------------------------------------------
// CSV

/// Rows a map file may have: the city limit of world.cities, an average degree far above any
/// real map's (China's prefectures: 2.6 edges per city), and outline points of detailed borders.
CsvLimits node_limits() {
  CsvLimits l;
  l.max_rows = kMaxMapCities;
  l.rows_hint = "cities (the largest world.cities)";
  return l;
}
CsvLimits edge_limits(std::size_t cities) {
  CsvLimits l;
  l.max_rows = kMaxMapEdgesPerCity * std::max<std::size_t>(cities, 1);
  l.rows_hint = "edges (at most " + std::to_string(kMaxMapEdgesPerCity) + " per city)";
  return l;
}
CsvLimits outline_limits() {
  CsvLimits l;
  l.max_rows = kMaxMapOutlinePoints;
  l.rows_hint = "outline points";
  return l;
}

/// Index of a column by name, or -1; a missing required column is an error naming the header.
int column(const CsvTable& t, const std::string& name, bool required, ConfigErrors& errors) {
  const auto it = std::find(t.header.begin(), t.header.end(), name);
  if (it != t.header.end()) return static_cast<int>(it - t.header.begin());
  if (required && !t.header.empty()) {
    std::string have;
    for (const auto& h : t.header) have += (have.empty() ? "" : ", ") + h;
    errors.add(
        Source{t.file, 1}, "",
        "missing column \"" + name + "\" (header has: " + shorten_for_message(have, 200) + ")");
  }
  return -1;
}

/// "column 4 (lon)": where in a row a bad value is.
std::string where_col(const CsvTable& t, int col) {
  return "column " + std::to_string(col + 1) + " (" + t.header[static_cast<std::size_t>(col)] + ")";
}

std::optional<double> parse_number(const std::string& text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

/// The number in a cell, checked against [lo, hi]; errors name file, line and column.
std::optional<double> number_cell(const CsvTable& t, const CsvRow& r, int col, double lo, double hi,
                                  ConfigErrors& errors) {
  const std::string& text = r.cells[static_cast<std::size_t>(col)];
  const auto value = parse_number(text);
  if (!value) {
    errors.add(Source{t.file, r.line}, where_col(t, col),
               "expected a number, got \"" + shorten_for_message(text) + "\"");
  } else if (*value < lo || *value > hi) {
    errors.add(Source{t.file, r.line}, where_col(t, col),
               hi == kInf
                   ? fmt::format("{} is below {}", shorten_for_message(text), lo)
                   : fmt::format("{} is outside [{}, {}]", shorten_for_message(text), lo, hi));
    return std::nullopt;
  }
  return value;
}

std::string path_in(const std::string& dir, const char* file) {
  return (fs::path(dir) / file).string();
}

// ---------------------------------------------------------------------------------------------
// Nodes and edges

struct NodeColumns {
  int code, name, label, province, lon, lat, area;
};

void read_node_row(const CsvTable& t, const CsvRow& r, const NodeColumns& c,
                   std::map<std::string, int>& seen, std::map<std::string, int>& provinces,
                   MapData& m, ConfigErrors& errors) {
  const Source where{t.file, r.line};
  const auto cell = [&](int col) -> const std::string& {
    return r.cells[static_cast<std::size_t>(col)];
  };
  const auto lon = number_cell(t, r, c.lon, -180.0, 180.0, errors);
  const auto lat = number_cell(t, r, c.lat, -90.0, 90.0, errors);
  std::optional<double> area = 0.0;
  if (c.area >= 0 && !cell(c.area).empty())
    area = number_cell(t, r, c.area, 0.0, kMaxAreaKm2, errors);
  bool ok = lon && lat && area;
  if (cell(c.code).empty()) errors.add(where, where_col(t, c.code), "empty city code"), ok = false;
  if (cell(c.name).empty()) errors.add(where, where_col(t, c.name), "empty city name"), ok = false;
  if (cell(c.province).empty())
    errors.add(where, where_col(t, c.province), "empty province"), ok = false;
  const auto [first, inserted] = seen.emplace(cell(c.code), r.line);
  if (!cell(c.code).empty() && !inserted) {
    errors.add(where, where_col(t, c.code),
               "duplicate city code \"" + shorten_for_message(cell(c.code)) + "\" (first on line " +
                   std::to_string(first->second) + ")");
    ok = false;
  }
  if (!ok) return;
  const auto [prov, added] =
      provinces.emplace(cell(c.province), static_cast<int>(m.province_names.size()));
  if (added) m.province_names.push_back(cell(c.province));
  m.code.push_back(cell(c.code));
  m.name.push_back(cell(c.name));
  const bool has_label = c.label >= 0 && !cell(c.label).empty();
  m.label.push_back(has_label ? cell(c.label) : cell(c.name));
  m.province.push_back(prov->second);
  m.lon.push_back(*lon);
  m.lat.push_back(*lat);
  m.area_km2.push_back(*area);
}

void read_nodes(const std::string& dir, MapData& m, ConfigErrors& errors) {
  const auto t = read_csv(path_in(dir, "nodes.csv"), node_limits(), errors);
  if (!t || t->header.empty()) return;
  const NodeColumns c{
      column(*t, "code", true, errors),         column(*t, "name", true, errors),
      column(*t, "name_pinyin", false, errors), column(*t, "province", true, errors),
      column(*t, "lon", true, errors),          column(*t, "lat", true, errors),
      column(*t, "area_km2", false, errors)};
  if (c.code < 0 || c.name < 0 || c.province < 0 || c.lon < 0 || c.lat < 0) return;
  std::map<std::string, int> seen, provinces;
  for (const auto& r : t->rows) read_node_row(*t, r, c, seen, provinces, m, errors);
  if (m.size() < 2 && errors.empty())
    errors.add(Source{t->file, 0}, "", "a map needs at least 2 cities");
}

struct EdgeColumns {
  int a, b, km, kind;
};

/// City index of the code in a cell, or nullopt (an error) when the code is unknown.
std::optional<std::uint32_t> city_cell(const CsvTable& t, const CsvRow& r, int col,
                                       const std::map<std::string, std::uint32_t>& index,
                                       ConfigErrors& errors) {
  const std::string& code = r.cells[static_cast<std::size_t>(col)];
  const auto it = index.find(code);
  if (it != index.end()) return it->second;
  errors.add(Source{t.file, r.line}, where_col(t, col),
             "unknown city code \"" + shorten_for_message(code) + "\"");
  return std::nullopt;
}

void read_edge_row(const CsvTable& t, const CsvRow& r, const EdgeColumns& c,
                   const std::map<std::string, std::uint32_t>& index,
                   std::map<std::pair<std::uint32_t, std::uint32_t>, int>& seen, MapData& m,
                   ConfigErrors& errors) {
  const Source where{t.file, r.line};
  const auto a = city_cell(t, r, c.a, index, errors);
  const auto b = city_cell(t, r, c.b, index, errors);
  std::optional<double> km;
  if (c.km >= 0 && !r.cells[static_cast<std::size_t>(c.km)].empty()) {
    km = number_cell(t, r, c.km, 0.0, kMaxEdgeKm, errors);
    if (km && *km <= 0.0) errors.add(where, where_col(t, c.km), "must be positive"), km.reset();
    if (!km) return;
  }
  const std::string kind = c.kind >= 0 ? r.cells[static_cast<std::size_t>(c.kind)] : "";
  if (!kind.empty() && kind != "land" && kind != "sea") {
    errors.add(where, where_col(t, c.kind),
               "expected land or sea, got \"" + shorten_for_message(kind) + "\"");
    return;
  }
  if (!a || !b) return;
  if (*a == *b) {
    errors.add(where, "",
               "self loop: city \"" + shorten_for_message(m.code[*a]) + "\" is linked to itself");
    return;
  }
  const auto key = std::minmax(*a, *b);
  const auto [first, inserted] = seen.emplace(key, r.line);
  if (!inserted) {
    errors.add(where, "",
               "duplicate edge " + shorten_for_message(m.code[*a]) + " - " +
                   shorten_for_message(m.code[*b]) + " (first on line " +
                   std::to_string(first->second) + ")");
    return;
  }
  m.edge_a.push_back(key.first);
  m.edge_b.push_back(key.second);
  m.edge_km.push_back(km ? *km : great_circle_km(m.lon[*a], m.lat[*a], m.lon[*b], m.lat[*b]));
  m.edge_sea.push_back(kind == "sea" ? 1 : 0);
}

/// Cities not reachable from city 0 over the edges.
std::vector<std::uint32_t> unreachable(const MapData& m) {
  std::vector<std::vector<std::uint32_t>> nbr(m.size());
  for (std::size_t e = 0; e < m.edge_a.size(); ++e) {
    nbr[m.edge_a[e]].push_back(m.edge_b[e]);
    nbr[m.edge_b[e]].push_back(m.edge_a[e]);
  }
  std::vector<char> seen(m.size(), 0);
  std::queue<std::uint32_t> todo;
  todo.push(0);
  seen[0] = 1;
  while (!todo.empty()) {
    const std::uint32_t v = todo.front();
    todo.pop();
    for (const std::uint32_t u : nbr[v])
      if (!seen[u]) seen[u] = 1, todo.push(u);
  }
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < m.size(); ++i)
    if (!seen[i]) out.push_back(i);
  return out;
}

void check_connected(const std::string& file, const MapData& m, ConfigErrors& errors) {
  const auto lost = unreachable(m);
  if (lost.empty()) return;
  std::string some;
  for (std::size_t k = 0; k < std::min<std::size_t>(lost.size(), 5); ++k)
    some += (k ? ", \"" : "\"") + shorten_for_message(m.code[lost[k]]) + "\"";
  errors.add(Source{file, 0}, "",
             "the graph is not connected: " + std::to_string(lost.size()) +
                 " cities cannot be reached from \"" + shorten_for_message(m.code[0]) + "\" (" +
                 some + (lost.size() > 5 ? ", ..." : "") +
                 "); link each island with an edge of kind sea");
}

void read_edges(const std::string& dir, MapData& m, ConfigErrors& errors) {
  const auto t = read_csv(path_in(dir, "edges.csv"), edge_limits(m.size()), errors);
  if (!t || t->header.empty()) return;
  const EdgeColumns c{column(*t, "code_a", true, errors), column(*t, "code_b", true, errors),
                      column(*t, "distance_km", false, errors), column(*t, "kind", false, errors)};
  if (c.a < 0 || c.b < 0) return;
  std::map<std::string, std::uint32_t> index;
  for (std::uint32_t i = 0; i < m.size(); ++i) index.emplace(m.code[i], i);
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> seen;
  for (const auto& r : t->rows) read_edge_row(*t, r, c, index, seen, m, errors);
  if (errors.empty() && m.size() >= 2) check_connected(t->file, m, errors);
}

// ---------------------------------------------------------------------------------------------
// Synthetic attributes (the same streams and rules as make_geography)

/// Which draw of a city a WorldCities stream is for, in the top byte of the entity; the values
/// are those of geography.cpp, so city i of a map gets the draws of city i of a synthetic world.
// ---------------------------------------------------------------------------------------------
// Graph and bounded distances

void store_adjacency(const MapData& m, Geography& g) {
  std::vector<std::vector<std::pair<std::uint32_t, double>>> rows(m.size());
  for (std::size_t e = 0; e < m.edge_a.size(); ++e) {
    rows[m.edge_a[e]].emplace_back(m.edge_b[e], m.edge_km[e]);
    rows[m.edge_b[e]].emplace_back(m.edge_a[e], m.edge_km[e]);
  }
  g.adj_start.assign(1, 0);
  for (auto& row : rows) {
    std::sort(row.begin(), row.end());
    for (const auto& [j, km] : row) g.adj.push_back(j), g.adj_km.push_back(km);
    g.adj_start.push_back(static_cast<std::uint32_t>(g.adj.size()));
  }
}

// ---------------------------------------------------------------------------------------------
// Finding the map

std::string executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::vector<fs::path> map_candidates(const std::string& map, const std::string& config_path) {
  const fs::path p(map);
  if (p.is_absolute()) return {p};
  std::vector<fs::path> out;
  // Only a real file has a directory: built-in configs are named like "(default: ...)".
  std::error_code ec;
  const fs::path config_dir = fs::path(config_path).parent_path();
  if (!config_dir.empty() && fs::is_regular_file(config_path, ec)) out.push_back(config_dir / p);
  out.push_back(p);
  if (std::string(REGSIM_DATA_DIR).size() > 0) out.push_back(fs::path(REGSIM_DATA_DIR) / p);
  const std::string exe = executable_dir();
  if (!exe.empty()) out.push_back(fs::path(exe) / ".." / "share" / "regsim" / "data" / p);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Outlines

struct OutlineColumns {
  int code, ring, hole, lon, lat;
};

void read_outline_row(const CsvTable& t, const CsvRow& r, const OutlineColumns& c,
                      const std::map<std::string, std::uint32_t>& index, const MapProjection& proj,
                      std::vector<MapRing>& rings, std::pair<std::string, std::string>& current,
                      ConfigErrors& errors) {
  const auto city = city_cell(t, r, c.code, index, errors);
  const auto lon = number_cell(t, r, c.lon, -180.0, 180.0, errors);
  const auto lat = number_cell(t, r, c.lat, -90.0, 90.0, errors);
  const std::string& ring = r.cells[static_cast<std::size_t>(c.ring)];
  const std::string hole = c.hole >= 0 ? r.cells[static_cast<std::size_t>(c.hole)] : "0";
  if (hole != "0" && hole != "1")
    errors.add(Source{t.file, r.line}, where_col(t, c.hole),
               "expected 0 or 1, got \"" + shorten_for_message(hole) + "\"");
  if (!city || !lon || !lat) return;
  const std::pair<std::string, std::string> key{r.cells[static_cast<std::size_t>(c.code)], ring};
  if (rings.empty() || key != current) {
    rings.push_back(MapRing{*city, hole == "1", {}, {}, {}, {}});
    current = key;
  }
  MapRing& out = rings.back();
  double x = 0.0, y = 0.0;
  proj.to_km(*lon, *lat, x, y);
  out.lon.push_back(*lon), out.lat.push_back(*lat), out.x_km.push_back(x), out.y_km.push_back(y);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Projection

MapProjection MapProjection::fit(const std::vector<double>& lon_deg,
                                 const std::vector<double>& lat_deg) {
  MapProjection p;
  if (lon_deg.empty()) return p;
  const auto [lon_lo, lon_hi] = std::minmax_element(lon_deg.begin(), lon_deg.end());
  const auto [lat_lo, lat_hi] = std::minmax_element(lat_deg.begin(), lat_deg.end());
  const double span = *lat_hi - *lat_lo;
  const double phi1 = (*lat_lo + span / 6.0) * kDeg, phi2 = (*lat_hi - span / 6.0) * kDeg;
  const double phi0 = 0.5 * (*lat_lo + *lat_hi) * kDeg;
  p.lon0_ = 0.5 * (*lon_lo + *lon_hi) * kDeg;
  p.n_ = 0.5 * (std::sin(phi1) + std::sin(phi2));
  p.c_ = std::cos(phi1) * std::cos(phi1) + 2.0 * p.n_ * std::sin(phi1);
  if (std::abs(p.n_) > 1e-9)
    p.rho0_ = kEarthMeanKm * std::sqrt(p.c_ - 2 * p.n_ * std::sin(phi0)) / p.n_;
  double x_min = kInf, y_min = kInf;
  for (std::size_t i = 0; i < lon_deg.size(); ++i) {
    double x = 0.0, y = 0.0;
    p.raw(lon_deg[i], lat_deg[i], x, y);
    x_min = std::min(x_min, x), y_min = std::min(y_min, y);
  }
  p.x_shift_ = x_min, p.y_shift_ = y_min;
  return p;
}

void MapProjection::raw(double lon_deg, double lat_deg, double& x, double& y) const {
  const double lambda = lon_deg * kDeg - lon0_, phi = lat_deg * kDeg;
  if (std::abs(n_) <= 1e-9) {  // parallels symmetric about the equator: cylindrical equal-area
    x = kEarthMeanKm * lambda;
    y = kEarthMeanKm * std::sin(phi);
    return;
  }
  const double rho = kEarthMeanKm * std::sqrt(std::max(0.0, c_ - 2 * n_ * std::sin(phi))) / n_;
  const double theta = n_ * lambda;
  x = rho * std::sin(theta);
  y = rho0_ - rho * std::cos(theta);
}

void MapProjection::to_km(double lon_deg, double lat_deg, double& x_km, double& y_km) const {
  raw(lon_deg, lat_deg, x_km, y_km);
  x_km -= x_shift_;
  y_km -= y_shift_;
}

double great_circle_km(double lon1_deg, double lat1_deg, double lon2_deg, double lat2_deg) {
  const double dlat = (lat2_deg - lat1_deg) * kDeg, dlon = (lon2_deg - lon1_deg) * kDeg;
  const double h = std::pow(std::sin(dlat / 2), 2) + std::cos(lat1_deg * kDeg) *
                                                         std::cos(lat2_deg * kDeg) *
                                                         std::pow(std::sin(dlon / 2), 2);
  return 2.0 * kEarthMeanKm * std::asin(std::min(1.0, std::sqrt(h)));
}

// ---------------------------------------------------------------------------------------------
// Public entry points

std::string resolve_map_dir(const std::string& map, const std::string& config_path) {
  std::string tried;
  for (const auto& dir : map_candidates(map, config_path)) {
    std::error_code ec;
    // Any nodes.csv marks the map (a FIFO or a directory there is then an error naming it).
    if (fs::exists(fs::symlink_status(dir / "nodes.csv", ec)))
      return dir.lexically_normal().string();
    tried += (tried.empty() ? "" : ", ") + dir.lexically_normal().string();
  }
  ConfigErrors errors;
  errors.add(Source{config_path, 0}, "world.map",
             "no nodes.csv for map \"" + shorten_for_message(map) +
                 "\" in: " + shorten_for_message(tried, 2000));
  throw ConfigException(errors);
}

MapData load_map(const std::string& dir) {
  MapData m;
  m.dir = dir;
  ConfigErrors errors;
  read_nodes(dir, m, errors);
  if (errors.empty()) read_edges(dir, m, errors);
  if (!errors.empty()) throw ConfigException(errors);
  return m;
}

Geography map_geography(const MapData& map, const WorldParams& world, double spill_max_km) {
  Geography g;
  g.names = map.label;
  g.province = map.province;
  g.num_provinces = map.num_provinces();
  const MapProjection proj = MapProjection::fit(map.lon, map.lat);
  g.x_km.resize(map.size());
  g.y_km.resize(map.size());
  for (std::size_t i = 0; i < map.size(); ++i)
    proj.to_km(map.lon[i], map.lat[i], g.x_km[i], g.y_km[i]);
  draw_city_sizes(world, g);
  draw_city_zones(world, g);
  store_adjacency(map, g);
  build_near_distances(g, spill_max_km);
  return g;
}

Geography load_map_geography(const WorldParams& world, double spill_max_km,
                             const std::string& config_path) {
  return map_geography(load_map(resolve_map_dir(world.map, config_path)), world, spill_max_km);
}

std::vector<MapRing> load_map_outlines(const MapData& map) {
  std::vector<MapRing> rings;
  const std::string path = path_in(map.dir, "outlines.csv");
  std::error_code ec;
  if (!fs::exists(fs::status(path, ec))) return rings;  // optional; a FIFO or device is an error
  ConfigErrors errors;
  const auto t = read_csv(path, outline_limits(), errors);
  if (t && !t->header.empty()) {
    const OutlineColumns c{column(*t, "code", true, errors), column(*t, "ring", true, errors),
                           column(*t, "hole", false, errors), column(*t, "lon", true, errors),
                           column(*t, "lat", true, errors)};
    if (c.code >= 0 && c.ring >= 0 && c.lon >= 0 && c.lat >= 0) {
      std::map<std::string, std::uint32_t> index;
      for (std::uint32_t i = 0; i < map.size(); ++i) index.emplace(map.code[i], i);
      const MapProjection proj = MapProjection::fit(map.lon, map.lat);
      std::pair<std::string, std::string> current;
      for (const auto& r : t->rows) read_outline_row(*t, r, c, index, proj, rings, current, errors);
    }
  }
  for (const auto& ring : rings)
    if (ring.lon.size() < 3)
      errors.add(Source{path, 0}, "",
                 "a ring of city \"" + shorten_for_message(map.code[ring.city]) +
                     "\" has fewer than 3 points");
  if (!errors.empty()) throw ConfigException(errors);
  return rings;
}

}  // namespace regsim::sim
