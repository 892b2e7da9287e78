// Real maps: reads a nodes/edges world (nodes.csv, edges.csv, optional outlines.csv; format in
// data/README.md) into a Geography, and its outlines for drawing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/geography.h"
#include "sim/params.h"

namespace regsim::sim {

/// The map shipped in data/: China's prefecture-level divisions (data/china-prefectures).
inline constexpr const char* kChinaPrefectures = "china-prefectures";

/// Bounds of a map, checked while its files are read (a bad file fails fast, with a message
/// naming file and line, instead of exhausting memory later). kMaxMapCities is the upper end of
/// world.cities' range (a test checks that they agree).
inline constexpr std::size_t kMaxMapCities = 5000;
inline constexpr std::size_t kMaxMapEdgesPerCity = 50;
inline constexpr std::size_t kMaxMapOutlinePoints = 5'000'000;

/// A map as read from its files. Cities keep their file order, which is their city index.
struct MapData {
  std::string dir;                            ///< directory the files were read from
  std::vector<std::string> code;              ///< unique key of each city; edges refer to it
  std::vector<std::string> name;              ///< the name column (Chinese for the built-in map)
  std::vector<std::string> label;             ///< name_pinyin when present and non-empty, else name
  std::vector<int> province;                  ///< index into province_names
  std::vector<std::string> province_names;    ///< distinct province values, by first appearance
  std::vector<double> lon, lat;               ///< degrees (representative point, e.g. centroid)
  std::vector<double> area_km2;               ///< 0 where the file has no area
  std::vector<std::uint32_t> edge_a, edge_b;  ///< city indices, a < b, each pair once
  std::vector<double> edge_km;                ///< edge length (given, or centroid great circle)
  std::vector<std::uint8_t> edge_sea;         ///< 1 for kind = sea (a link over water)

  std::size_t size() const { return code.size(); }
  int num_provinces() const { return static_cast<int>(province_names.size()); }
};

/// Albers equal-area conic projection on a sphere, fitted to a map: central meridian at the
/// middle of the cities' longitudes, standard parallels at 1/6 and 5/6 of their latitude range,
/// then shifted so that the westernmost and southernmost cities sit at x = 0 and y = 0.
/// Maps that cross the antimeridian are not supported.
class MapProjection {
 public:
  MapProjection() = default;
  static MapProjection fit(const std::vector<double>& lon_deg, const std::vector<double>& lat_deg);
  /// Position in km; x grows eastwards, y northwards.
  void to_km(double lon_deg, double lat_deg, double& x_km, double& y_km) const;

 private:
  void raw(double lon_deg, double lat_deg, double& x, double& y) const;
  double lon0_ = 0.0;  ///< central meridian, radians
  double n_ = 0.0, c_ = 0.0, rho0_ = 0.0;
  double x_shift_ = 0.0, y_shift_ = 0.0;  ///< km
};

/// Great-circle distance (haversine on a sphere of the mean Earth radius, 6371.0088 km).
double great_circle_km(double lon1_deg, double lat1_deg, double lon2_deg, double lat2_deg);

/// Directory holding `map`'s nodes.csv. An absolute path is used as it is. Otherwise the first
/// directory with a nodes.csv among: the directory of `config_path` + map, the working
/// directory + map, REGSIM_DATA_DIR (the source tree's data/, compiled in) + map, and
/// <executable dir>/../share/regsim/data + map. Throws ConfigException listing what was tried.
std::string resolve_map_dir(const std::string& map, const std::string& config_path);

/// Reads nodes.csv and edges.csv of `dir`. Every bad row is reported (file, line, column): missing
/// columns, wrong column counts, non-numeric or out-of-range values, empty or duplicate codes,
/// unknown codes in edges, self loops, duplicate edges, a disconnected graph. Throws
/// ConfigException listing them all.
MapData load_map(const std::string& dir);

/// The Geography of a map: positions projected with MapProjection::fit, provinces from the
/// province column, the graph from the edges, bounded shortest-path distances up to
/// spill_max_km. Population, base GDP and zones are NOT data: they are drawn from the seed
/// exactly as make_geography draws them for a synthetic world of the same size.
Geography map_geography(const MapData& map, const WorldParams& world, double spill_max_km);

/// resolve_map_dir + load_map + map_geography for world.map.
Geography load_map_geography(const WorldParams& world, double spill_max_km,
                             const std::string& config_path);

/// One closed ring of a city's outline (the last point joins the first).
struct MapRing {
  std::uint32_t city = 0;          ///< city index in MapData / Geography
  bool hole = false;               ///< a hole in the outer ring before it (same city)
  std::vector<double> lon, lat;    ///< degrees
  std::vector<double> x_km, y_km;  ///< projected like Geography::x_km / y_km
};

/// The rings of outlines.csv in `map.dir` (columns code, ring, hole, lon, lat), in file order;
/// empty when the map has no outlines.csv. Throws ConfigException on bad rows.
std::vector<MapRing> load_map_outlines(const MapData& map);

}  // namespace regsim::sim
