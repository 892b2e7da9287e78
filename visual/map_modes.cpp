// The map's colour modes and their legends.
#include "visual/map_modes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "visual/axis.h"
#include "visual/draw.h"
#include "visual/palette.h"
#include "visual/text.h"

namespace regsim::visual {

namespace {

sf::Color rgb(unsigned v) {
  return sf::Color(static_cast<sf::Uint8>(v >> 16), static_cast<sf::Uint8>((v >> 8) & 0xFF),
                   static_cast<sf::Uint8>(v & 0xFF));
}

std::string percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * share);
  return buf;
}

/// Where a city stands on track k: it lists it (the government's priority list), builds it
/// (capacity under construction), only produces it, or has nothing to do with it.
enum class ListStatus { ListsAndBuilds, ListsOnly, BuildsUnlisted, ProducesOnly, None };

ListStatus list_status(const CitySnap& c, std::size_t k) {
  const bool listed = std::find(c.priorities.begin(), c.priorities.end(), static_cast<int>(k)) !=
                      c.priorities.end();
  const bool building = k < c.pipeline_by_track.size() && c.pipeline_by_track[k] > 0;
  const bool producing = k < c.capacity_by_track.size() && c.capacity_by_track[k] > 0;
  if (listed) return building ? ListStatus::ListsAndBuilds : ListStatus::ListsOnly;
  if (building) return ListStatus::BuildsUnlisted;
  return producing ? ListStatus::ProducesOnly : ListStatus::None;
}

// Paul Tol's high- and medium-contrast blues and yellow for the three groups that chase the
// track (none of them a track colour, so this mode is not read as "main track"); greys for the
// rest. The legend counts each group.
const sf::Color kListsAndBuilds = rgb(0x004488), kListsOnly = rgb(0x6699CC),
                kBuildsUnlisted = rgb(0xDDAA33), kProducesOnly = rgb(0xA8A8A8),
                kNone = rgb(0xE6E6E6);
/// Cities outside a continuous scale (no capacity in the track, official past the age limit).
const sf::Color kNoValue = rgb(0xD4D4D4);

MapColours lists_colours(const Snapshot& s, std::size_t k) {
  MapColours out;
  out.caption = cat("Cities and ", s.tracks[k].name);
  LegendEntry entries[] = {{kListsAndBuilds, "list it, building", 0},
                           {kListsOnly, "list it, not building", 0},
                           {kBuildsUnlisted, "building, not listed", 0},
                           {kProducesOnly, "only produce it", 0},
                           {kNone, "none", 0}};
  for (const CitySnap& c : s.cities) {
    const auto status = static_cast<std::size_t>(list_status(c, k));
    out.city.push_back(entries[status].colour);
    ++entries[status].count;
  }
  out.entries.assign(std::begin(entries), std::end(entries));
  return out;
}

MapColours cu_colours(const Snapshot& s, std::size_t k) {
  MapColours out;
  out.caption = cat("Utilisation of ", s.tracks[k].name);
  // Paul Tol's BuRd diverging scheme, white at the idle threshold: red is idle capacity.
  Gradient g;
  g.stops = {{kMapCuFloor, rgb(0xB2182B)},
             {0.55, rgb(0xF4A582)},
             {kMapIdleCu, rgb(0xF7F7F7)},
             {0.85, rgb(0x92C5DE)},
             {1.0, rgb(0x2166AC)}};
  g.ticks = {{kMapCuFloor, "\xE2\x89\xA4" + percent(kMapCuFloor)},
             {kMapIdleCu, percent(kMapIdleCu) + " idle"},
             {1.0, "100%"}};
  int none = 0;
  for (const CitySnap& c : s.cities) {
    const double cap = k < c.capacity_by_track.size() ? c.capacity_by_track[k] : 0.0;
    if (cap <= 0) {
      out.city.push_back(kNoValue);
      ++none;
      continue;
    }
    out.city.push_back(g.at(c.output_by_track[k] / cap));
  }
  out.gradient = std::move(g);
  out.entries.push_back({kNoValue, "no capacity", none});
  return out;
}

double annual_gdp(const CitySnap& c) {
  return c.gdp_last_year > 0 ? c.gdp_last_year : 4 * c.gdp_quarter;
}

MapColours debt_colours(const Snapshot& s) {
  MapColours out;
  out.caption = "Debt / annual GDP";
  // 0-100% of GDP, so the colours mean the same all run long and across restarts; extended to the
  // next half when a tenth of the cities go beyond it. Cities above the top get its colour.
  std::vector<double> ratio;
  for (const CitySnap& c : s.cities)
    if (annual_gdp(c) > 0) ratio.push_back(c.debt / annual_gdp(c));
  double top = 1.0;
  if (!ratio.empty()) {
    const auto p90 = ratio.begin() + static_cast<std::ptrdiff_t>((ratio.size() - 1) * 9 / 10);
    std::nth_element(ratio.begin(), p90, ratio.end());
    top = std::max(top, std::ceil(2 * *p90) / 2);
  }
  // ColorBrewer YlOrBr, light to dark.
  Gradient g;
  g.stops = {{0, rgb(0xFFFFD4)},
             {0.25 * top, rgb(0xFED98E)},
             {0.5 * top, rgb(0xFE9929)},
             {0.75 * top, rgb(0xD95F0E)},
             {top, rgb(0x993404)}};
  g.ticks = {{0, "0%"}, {0.5 * top, percent(0.5 * top)}, {top, "\xE2\x89\xA5" + percent(top)}};
  for (const CitySnap& c : s.cities)
    out.city.push_back(g.at(annual_gdp(c) > 0 ? c.debt / annual_gdp(c) : 0.0));
  out.gradient = std::move(g);
  return out;
}

MapColours pressure_colours(const Snapshot& s) {
  MapColours out;
  out.caption = "Promotion pressure";
  const double alpha1 = s.params.tournament.alpha1;
  const double top = alpha1 > 0 ? 1.5 * alpha1 : 1.0;  // pi = alpha1 x career concern in [0.5, 1.5]
  // ColorBrewer Purples, light to dark.
  Gradient g;
  g.stops = {{0, rgb(0xF2F0F7)},
             {0.25 * top, rgb(0xCBC9E2)},
             {0.5 * top, rgb(0x9E9AC8)},
             {0.75 * top, rgb(0x756BB1)},
             {top, rgb(0x54278F)}};
  // The ticks mark the tournament's range: top of the province (a third of the maximum) to bottom.
  char lo[16], hi[16];
  std::snprintf(lo, sizeof lo, "%.2f", top / 3);
  std::snprintf(hi, sizeof hi, "%.2f", top);
  g.ticks = {{0, "0"}, {top / 3, lo}, {top, hi}};
  g.note = "dark: last in its province";
  const int limit = s.params.tournament.promotion_age_limit;
  int past = 0;
  for (const CitySnap& c : s.cities) {
    if (c.official_age >= limit) {
      out.city.push_back(kNoValue);
      ++past;
    } else {
      out.city.push_back(g.at(c.pressure));
    }
  }
  out.gradient = std::move(g);
  out.entries.push_back({kNoValue, cat("aged ", std::to_string(limit), "+: none"), past});
  return out;
}

MapColours main_track_colours(const Snapshot& s) {
  MapColours out;
  out.caption = "Main track (colours as in Tracks)";
  out.warnings = true;
  for (const CitySnap& c : s.cities)
    out.city.push_back(c.dominant_track >= 0
                           ? track_colour(static_cast<std::size_t>(c.dominant_track))
                           : no_track_colour());
  return out;
}

/// Any City or Cell column of the state on a perceptually even scale (viridis) fitted to its
/// current values, with round ends.
MapColours column_colours(const Snapshot& s, const ColumnSnap& col, std::size_t k) {
  MapColours out;
  const bool per_cell = col.extent == sim::Extent::Cell;
  out.caption = per_cell ? cat(col.name, " of ", s.tracks[k].name) : col.name;
  const std::size_t tracks = s.tracks.size();
  std::vector<double> v(s.cities.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::size_t at = per_cell ? i * tracks + k : i;
    if (at < col.values.size()) v[i] = col.values[at];
  }
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double x : v)
    if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);
  const AxisScale axis = lo <= hi ? fit_axis(lo, hi, 1e-12, Bounds::Free, 0) : AxisScale{};
  Gradient g;
  const unsigned viridis[] = {0x440154, 0x3B528B, 0x21908C, 0x5DC863, 0xFDE725};
  for (int i = 0; i < 5; ++i)
    g.stops.emplace_back(axis.lo + (axis.hi - axis.lo) * i / 4.0, rgb(viridis[i]));
  g.ticks = {{axis.lo, short_number(axis.lo)}, {axis.hi, short_number(axis.hi)}};
  g.note = out.caption;
  int missing = 0;
  for (double x : v) {
    out.city.push_back(std::isfinite(x) ? g.at(x) : kNoValue);
    missing += std::isfinite(x) ? 0 : 1;
  }
  out.gradient = std::move(g);
  if (missing > 0) out.entries.push_back({kNoValue, "no value", missing});
  return out;
}

}  // namespace

const char* map_mode_label(MapMode m) {
  switch (m) {
    case MapMode::MainTrack:
      return "Main track";
    case MapMode::Lists:
      return "Who lists / builds";
    case MapMode::LocalCu:
      return "Utilisation of";
    case MapMode::Debt:
      return "Debt / GDP";
    case MapMode::Pressure:
      return "Promotion pressure";
    case MapMode::Column:
      return "State column";
  }
  return "?";
}

const char* map_mode_key(MapMode m) {
  switch (m) {
    case MapMode::MainTrack:
      return "track";
    case MapMode::Lists:
      return "lists";
    case MapMode::LocalCu:
      return "cu";
    case MapMode::Debt:
      return "debt";
    case MapMode::Pressure:
      return "pressure";
    case MapMode::Column:
      return "column";
  }
  return "?";
}

bool map_mode_uses_track(MapMode m) {
  return m == MapMode::Lists || m == MapMode::LocalCu;
}

bool map_needs_track(const Snapshot& s, const MapChoice& choice) {
  if (map_mode_uses_track(choice.mode)) return true;
  if (choice.mode != MapMode::Column) return false;
  const ColumnSnap* col = find_column(s, choice.column);
  return col && col->extent == sim::Extent::Cell;
}

MapMode next_map_mode(MapMode m, int step) {
  const int i = ((static_cast<int>(m) + step) % kMapModeCount + kMapModeCount) % kMapModeCount;
  return static_cast<MapMode>(i);
}

namespace {

bool parse_track(const std::string& name, const Snapshot& s, MapChoice& choice,
                 std::string& error) {
  for (std::size_t k = 0; k < s.tracks.size(); ++k)
    if (s.tracks[k].name == name) return choice.track = static_cast<int>(k), true;
  error = cat("no track '", name, "' in this world");
  if (!s.tracks.empty()) error += cat(" (e.g. ", s.tracks.front().name, ")");
  return false;
}

}  // namespace

bool parse_map_mode(const std::string& text, const Snapshot& s, MapChoice& choice,
                    std::string& error) {
  const auto colon = text.find(':');
  const std::string word = text.substr(0, colon);
  std::string rest = colon == std::string::npos ? std::string() : text.substr(colon + 1);
  std::optional<MapMode> mode;
  std::string modes;
  for (int i = 0; i < kMapModeCount; ++i) {
    const auto m = static_cast<MapMode>(i);
    if (word == map_mode_key(m)) mode = m;
    modes += cat(i ? ", " : "", map_mode_key(m));
  }
  if (!mode) {
    error = cat("unknown map mode '", word, "' (one of: ", modes, ")");
    return false;
  }
  if (*mode == MapMode::Column) {
    const auto second = rest.find(':');
    const std::string name = rest.substr(0, second);
    if (!find_column(s, name)) {
      error = cat("no column '", name, "' (per-city columns such as cities.debt, cities.jobs, ",
                  "cities.cell_capacity)");
      return false;
    }
    choice.column = name;
    rest = second == std::string::npos ? std::string() : rest.substr(second + 1);
  }
  choice.mode = *mode;
  return rest.empty() || parse_track(rest, s, choice, error);
}

sf::Color Gradient::at(double v) const {
  if (stops.empty()) return sf::Color::White;
  if (!(v > stops.front().first)) return stops.front().second;
  for (std::size_t i = 1; i < stops.size(); ++i) {
    if (v > stops[i].first) continue;
    const auto& [x0, c0] = stops[i - 1];
    const auto& [x1, c1] = stops[i];
    const double t = x1 > x0 ? (v - x0) / (x1 - x0) : 1.0;
    auto mix = [t](sf::Uint8 a, sf::Uint8 b) {
      return static_cast<sf::Uint8>(std::lround(a + t * (static_cast<double>(b) - a)));
    };
    return sf::Color(mix(c0.r, c1.r), mix(c0.g, c1.g), mix(c0.b, c1.b));
  }
  return stops.back().second;
}

namespace {

MapColours colours_for(const Snapshot& s, MapMode mode, std::size_t k, const ColumnSnap* col) {
  switch (mode) {
    case MapMode::MainTrack:
      break;
    case MapMode::Lists:
      return lists_colours(s, k);
    case MapMode::LocalCu:
      return cu_colours(s, k);
    case MapMode::Debt:
      return debt_colours(s);
    case MapMode::Pressure:
      return pressure_colours(s);
    case MapMode::Column:
      if (col) return column_colours(s, *col, k);
      break;
  }
  return main_track_colours(s);
}

}  // namespace

MapColours map_colours(const Snapshot& s, const MapChoice& choice) {
  MapMode mode = choice.mode;
  const ColumnSnap* col = mode == MapMode::Column ? find_column(s, choice.column) : nullptr;
  if ((map_needs_track(s, choice) && s.tracks.empty()) || (mode == MapMode::Column && !col))
    mode = MapMode::MainTrack;
  const auto k = static_cast<std::size_t>(
      std::clamp(choice.track, 0, std::max(0, static_cast<int>(s.tracks.size()) - 1)));
  MapColours out = colours_for(s, mode, k, col);
  out.mode = mode;
  return out;
}

}  // namespace regsim::visual
