// Checks of the shipped China map (data/china-prefectures): counts per province against the
// official division list, a connected graph, coordinates, areas, symmetric edges, outlines.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <map>
#include <queue>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sim/geography.h"
#include "sim/map_loader.h"

namespace regsim::sim {
namespace {

/// The nodes.csv columns the loader does not keep (level, province_code), read directly; the
/// file has no quoted cells.
struct Row {
  std::map<std::string, std::string> cell;
  const std::string& operator[](const std::string& k) const { return cell.at(k); }
};

std::vector<Row> read_rows(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> header;
  std::vector<Row> rows;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
    if (header.empty()) {
      header = cells;
      continue;
    }
    Row r;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i)
      r.cell[header[i]] = cells[i];
    rows.push_back(r);
  }
  return rows;
}

class ChinaMap : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(resolve_map_dir(kChinaPrefectures, ""));
    map_ = new MapData(load_map(*dir_));
  }
  static void TearDownTestSuite() {
    delete map_;
    delete dir_;
  }
  static const MapData& map() { return *map_; }
  static std::vector<Row> nodes() { return read_rows(*dir_ + "/nodes.csv"); }
  static std::vector<Row> edges() { return read_rows(*dir_ + "/edges.csv"); }
  static std::size_t index_of(const std::string& code) {
    const auto it = std::find(map_->code.begin(), map_->code.end(), code);
    return static_cast<std::size_t>(it - map_->code.begin());
  }
  static bool linked(const std::string& a, const std::string& b) {
    const std::size_t i = index_of(a), j = index_of(b);
    for (std::size_t e = 0; e < map_->edge_a.size(); ++e)
      if (std::minmax(map_->edge_a[e], map_->edge_b[e]) ==
          std::minmax(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)))
        return true;
    return false;
  }

  static std::string* dir_;
  static MapData* map_;
};
std::string* ChinaMap::dir_ = nullptr;
MapData* ChinaMap::map_ = nullptr;

// Prefecture-level divisions per province in the 2023 list (NBS statistical division codes,
// which match public counts: 293 prefecture-level cities, 7 prefectures, 30 autonomous
// prefectures and 3 leagues = 333). Municipalities are one node each and not counted here.
const std::map<int, int> kPrefectureLevel = {
    {13, 11}, {14, 11}, {15, 12}, {21, 14}, {22, 9},  {23, 13}, {32, 13}, {33, 11}, {34, 16},
    {35, 9},  {36, 11}, {37, 16}, {41, 17}, {42, 13}, {43, 14}, {44, 21}, {45, 14}, {46, 4},
    {51, 21}, {52, 9},  {53, 16}, {54, 7},  {61, 10}, {62, 14}, {63, 8},  {64, 5},  {65, 14}};
// County-level units administered directly by their province, kept as nodes of their own:
// Henan's Jiyuan, Hubei's Xiantao, Qianjiang, Tianmen and Shennongjia, Hainan's 15 cities and
// counties, and 9 of Xinjiang's 12 Corps cities (Huyanghe, Xinxing and Baiyang are newer than
// the source shapes and lie inside other nodes).
const std::map<int, int> kCountyLevel = {{41, 1}, {42, 4}, {46, 15}, {65, 9}};

TEST_F(ChinaMap, CountsPerProvinceMatchTheOfficialList) {
  std::map<int, int> prefecture, county, municipality;
  std::map<std::string, int> levels;
  for (const auto& r : nodes()) {
    const int prov = std::stoi(r["province_code"]);
    ++levels[r["level"]];
    auto& count = r["level"] == "county-level"   ? county
                  : r["level"] == "municipality" ? municipality
                                                 : prefecture;
    ++count[prov];
  }
  EXPECT_EQ(prefecture, kPrefectureLevel);
  EXPECT_EQ(county, kCountyLevel);
  EXPECT_EQ(municipality, (std::map<int, int>{{11, 1}, {12, 1}, {31, 1}, {50, 1}}));
  EXPECT_EQ(levels, (std::map<std::string, int>{{"prefecture-city", 293},
                                                {"prefecture", 7},
                                                {"autonomous-prefecture", 30},
                                                {"league", 3},
                                                {"municipality", 4},
                                                {"county-level", 29}}));
  EXPECT_EQ(map().size(), 366u);
  EXPECT_EQ(map().num_provinces(), 31);  // 22 provinces, 5 regions, 4 municipalities
}

TEST_F(ChinaMap, EveryCityIsReachable) {
  WorldParams w;
  const Geography g = map_geography(map(), w, 600.0);
  std::vector<char> seen(g.size(), 0);
  std::queue<std::uint32_t> todo;
  todo.push(0);
  seen[0] = 1;
  while (!todo.empty()) {
    const auto v = todo.front();
    todo.pop();
    for (auto e = g.adj_start[v]; e < g.adj_start[v + 1]; ++e)
      if (!seen[g.adj[e]]) seen[g.adj[e]] = 1, todo.push(g.adj[e]);
  }
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), static_cast<long>(g.size()));
}

TEST_F(ChinaMap, CoordinatesAreInsideChina) {
  for (std::size_t i = 0; i < map().size(); ++i) {
    EXPECT_GE(map().lon[i], 73.0) << map().code[i];
    EXPECT_LE(map().lon[i], 136.0) << map().code[i];
    EXPECT_GE(map().lat[i], 3.0) << map().code[i];
    EXPECT_LE(map().lat[i], 54.0) << map().code[i];
  }
}

TEST_F(ChinaMap, AreasArePositiveAndAddUpToTheMainland) {
  double total = 0.0;
  for (std::size_t i = 0; i < map().size(); ++i) {
    EXPECT_GT(map().area_km2[i], 0.0) << map().code[i];
    total += map().area_km2[i];
  }
  // Mainland China is about 9.6 million km2; the source's coarse coastline gives a bit less.
  EXPECT_GT(total, 9.3e6);
  EXPECT_LT(total, 9.7e6);
  // Published areas: Beijing 16,410 km2, Chongqing 82,400, Bayingolin 471,480, Kaifeng 6,266.
  EXPECT_NEAR(map().area_km2[index_of("110000")], 16410.0, 0.03 * 16410.0);
  EXPECT_NEAR(map().area_km2[index_of("500000")], 82400.0, 0.03 * 82400.0);
  EXPECT_NEAR(map().area_km2[index_of("652800")], 471480.0, 0.03 * 471480.0);
  EXPECT_NEAR(map().area_km2[index_of("410200")], 6266.0, 0.03 * 6266.0);
}

TEST_F(ChinaMap, EdgesAreSymmetricWithCentroidDistances) {
  WorldParams w;
  const Geography g = map_geography(map(), w, 600.0);
  for (std::size_t i = 0; i < g.size(); ++i)
    for (auto e = g.adj_start[i]; e < g.adj_start[i + 1]; ++e) {
      const std::uint32_t j = g.adj[e];
      const auto begin = g.adj.begin() + g.adj_start[j], end = g.adj.begin() + g.adj_start[j + 1];
      const auto back = std::find(begin, end, static_cast<std::uint32_t>(i));
      ASSERT_NE(back, end) << g.names[i] << " - " << g.names[j];
      EXPECT_EQ(g.adj_km[static_cast<std::size_t>(back - g.adj.begin())], g.adj_km[e]);
    }
  for (std::size_t e = 0; e < map().edge_a.size(); ++e) {
    const auto a = map().edge_a[e], b = map().edge_b[e];
    EXPECT_NEAR(map().edge_km[e],
                great_circle_km(map().lon[a], map().lat[a], map().lon[b], map().lat[b]), 0.1);
  }
  const auto rows = edges();
  EXPECT_EQ(rows.size(), map().edge_a.size());
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& r : rows) {
    EXPECT_LT(std::stoi(r["code_a"]), std::stoi(r["code_b"]));
    EXPECT_TRUE(pairs.insert({r["code_a"], r["code_b"]}).second);
    if (r["kind"] == "land") {
      EXPECT_GT(std::stod(r["border_km"]), 0.0) << r["code_a"];
    }
  }
}

TEST_F(ChinaMap, NeighboursAreRealNeighbours) {
  EXPECT_TRUE(linked("110000", "120000"));  // Beijing - Tianjin
  EXPECT_TRUE(linked("110000", "131000"));  // Beijing - Langfang
  EXPECT_TRUE(linked("310000", "320500"));  // Shanghai - Suzhou
  EXPECT_TRUE(linked("440100", "440600"));  // Guangzhou - Foshan
  EXPECT_TRUE(linked("510100", "510600"));  // Chengdu - Deyang
  EXPECT_TRUE(linked("370100", "370900"));  // Jinan (with Laiwu) - Tai'an
  EXPECT_FALSE(linked("110000", "310000"));
  // Islands hang on by sea edges only: Hainan to Zhanjiang, Sansha to Wanning.
  std::set<std::pair<std::string, std::string>> sea;
  for (const auto& r : edges())
    if (r["kind"] == "sea") sea.insert({r["code_a"], r["code_b"]});
  EXPECT_EQ(sea, (std::set<std::pair<std::string, std::string>>{{"440800", "460100"},
                                                                {"460300", "469006"}}));
}

TEST_F(ChinaMap, OutlinesCoverEveryCityWithAFewHundredPoints) {
  const auto rings = load_map_outlines(map());
  std::vector<std::size_t> points(map().size(), 0), outer(map().size(), 0);
  for (const auto& r : rings) {
    points[r.city] += r.lon.size();
    outer[r.city] += r.hole ? 0 : 1;
    for (std::size_t k = 0; k < r.lon.size(); ++k) {
      EXPECT_TRUE(r.lon[k] >= 73.0 && r.lon[k] <= 136.0 && r.lat[k] >= 3.0 && r.lat[k] <= 54.0);
      EXPECT_TRUE(std::isfinite(r.x_km[k]) && std::isfinite(r.y_km[k]));
    }
  }
  for (std::size_t i = 0; i < map().size(); ++i) {
    EXPECT_GE(outer[i], 1u) << map().code[i];
    EXPECT_LE(points[i], 600u) << map().code[i];
  }
}

}  // namespace
}  // namespace regsim::sim
