// Tests of the map loader on small maps written to a temp dir: good maps, every kind of bad row,
// the map search path, outlines, and exit code 2 from the CLI.
#include "sim/map_loader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/config.h"
#include "sim/geography.h"

namespace regsim::sim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNodes =
    "code,name,name_pinyin,province,lon,lat,area_km2\n"
    "1,甲,Jia,P1,100.0,30.0,10\n"
    "2,乙,Yi,P1,101.0,30.0,20\n"
    "3,丙,,P2,101.0,31.0,30\n";
constexpr const char* kEdges =
    "code_a,code_b,distance_km,kind\n"
    "1,2,100,land\n"
    "2,3,,sea\n";

/// A fresh directory per test, removed at the end.
class MapDir : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("regsim_map_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file, std::ios::binary) << text;
  }
  void write_map(const std::string& nodes, const std::string& edges) const {
    write("nodes.csv", nodes);
    write("edges.csv", edges);
  }
  /// The errors load_map reports, one per line (empty when it loads).
  std::string errors_of() const {
    try {
      load_map(dir_.string());
    } catch (const ConfigException& e) {
      return e.what();
    }
    return "";
  }
  std::string path(const std::string& file) const { return (dir_ / file).string(); }

  fs::path dir_;
};

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST_F(MapDir, LoadsNodesProvincesAndEdges) {
  write_map(kNodes, kEdges);
  const MapData m = load_map(dir_.string());
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m.code, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(m.label, (std::vector<std::string>{"Jia", "Yi", "丙"}));  // pinyin, else the name
  EXPECT_EQ(m.province, (std::vector<int>{0, 0, 1}));
  EXPECT_EQ(m.num_provinces(), 2);
  ASSERT_EQ(m.edge_a.size(), 2u);
  EXPECT_DOUBLE_EQ(m.edge_km[0], 100.0);
  // An empty distance is the great circle: 1 degree of latitude is about 111.2 km.
  EXPECT_NEAR(m.edge_km[1], 111.195, 0.01);
  EXPECT_EQ(m.edge_sea, (std::vector<std::uint8_t>{0, 1}));
}

TEST_F(MapDir, GeographyHasTheGraphDistancesAndSyntheticSizes) {
  write_map(kNodes, kEdges);
  WorldParams w;
  w.seed = 7;
  w.cities = 3;
  const Geography g = map_geography(load_map(dir_.string()), w, 1000.0);
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g.num_provinces, 2);
  EXPECT_EQ(g.names[0], "Jia");
  // Projection: east has a larger x, north a larger y; 1 degree of longitude at 30N ~ 96 km.
  EXPECT_GT(g.x_km[1], g.x_km[0]);
  EXPECT_GT(g.y_km[2], g.y_km[1]);
  EXPECT_NEAR(g.x_km[1] - g.x_km[0], 96.3, 2.0);
  EXPECT_GE(std::min({g.x_km[0], g.x_km[1], g.x_km[2]}), 0.0);
  // Graph: 0-1 and 1-2; 0 reaches 2 over 1 at 100 + 111.2 km.
  EXPECT_EQ(g.adj_start, (std::vector<std::uint32_t>{0, 1, 3, 4}));
  EXPECT_EQ(g.adj, (std::vector<std::uint32_t>{1, 0, 2, 1}));
  ASSERT_EQ(g.near_start[1] - g.near_start[0], 2u);
  EXPECT_NEAR(g.near_km[g.near_start[0] + 1], 211.195, 0.01);
  // Sizes and zones are drawn like a synthetic world of the same size and seed, not data.
  const Geography synthetic = make_geography(w, 1000.0);
  EXPECT_EQ(g.base_gdp, synthetic.base_gdp);
  EXPECT_EQ(g.population, synthetic.population);
}

TEST_F(MapDir, BoundedDistancesStopAtTheLimit) {
  write_map(kNodes, kEdges);
  WorldParams w;
  const Geography g = map_geography(load_map(dir_.string()), w, 150.0);
  EXPECT_EQ(g.near_start[1] - g.near_start[0], 1u);  // city 2 is 211 km away: beyond 150
  for (std::size_t i = 0; i < g.size(); ++i)
    for (auto e = g.near_start[i]; e < g.near_start[i + 1]; ++e) EXPECT_LE(g.near_km[e], 150.0);
}

TEST_F(MapDir, MissingColumnNamesFileAndHeader) {
  write_map("code,name,province,lon\n1,a,P,100\n2,b,P,101\n", kEdges);
  const std::string err = errors_of();
  EXPECT_NE(err.find(path("nodes.csv") + ":1: missing column \"lat\""), std::string::npos) << err;
}

TEST_F(MapDir, NonNumericValueNamesLineAndColumn) {
  write_map("code,name,province,lon,lat\n1,a,P,100,30\n2,b,P,east,30\n3,c,P,100,95\n4,d,P,101,31\n",
            "code_a,code_b\n1,4\n");
  const std::string err = errors_of();
  EXPECT_NE(err.find(path("nodes.csv") + ":3: column 4 (lon): expected a number, got \"east\""),
            std::string::npos)
      << err;
  EXPECT_NE(err.find(path("nodes.csv") + ":4: column 5 (lat): 95 is outside [-90, 90]"),
            std::string::npos)
      << err;
  EXPECT_EQ(count_lines(err), 2) << "every bad row is reported, edges only once nodes are good";
}

TEST_F(MapDir, WrongColumnCountAndDuplicateCode) {
  write_map("code,name,province,lon,lat\n1,a,P,100,30\n2,b,P,101\n1,c,P,102,30\n", kEdges);
  const std::string err = errors_of();
  EXPECT_NE(err.find(":3: expected 5 columns, got 4"), std::string::npos) << err;
  EXPECT_NE(err.find(":4: column 1 (code): duplicate city code \"1\" (first on line 2)"),
            std::string::npos)
      << err;
}

TEST_F(MapDir, UnknownCodesSelfLoopsAndDuplicateEdges) {
  write_map(kNodes,
            "code_a,code_b,distance_km,kind\n"
            "1,2,,\n"
            "1,9,,\n"
            "3,3,,\n"
            "2,1,,\n"
            "2,3,-4,\n"
            "2,3,,ferry\n"
            "2,3,,\n");
  const std::string err = errors_of();
  const std::string e = path("edges.csv");
  EXPECT_NE(err.find(e + ":3: column 2 (code_b): unknown city code \"9\""), std::string::npos);
  EXPECT_NE(err.find(e + ":4: self loop: city \"3\" is linked to itself"), std::string::npos);
  EXPECT_NE(err.find(e + ":5: duplicate edge 2 - 1 (first on line 2)"), std::string::npos);
  EXPECT_NE(err.find(e + ":6: column 3 (distance_km): -4 is outside [0, 100000]"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find(e + ":7: column 4 (kind): expected land or sea, got \"ferry\""),
            std::string::npos);
  EXPECT_EQ(count_lines(err), 5) << err;
}

TEST_F(MapDir, DisconnectedGraphIsAnError) {
  write_map(kNodes, "code_a,code_b\n1,2\n");
  const std::string err = errors_of();
  EXPECT_NE(err.find("not connected: 1 cities cannot be reached from \"1\" (\"3\")"),
            std::string::npos)
      << err;
}

TEST_F(MapDir, QuotedCellsBomAndCrlfAreAccepted) {
  write_map(
      "\xEF\xBB\xBF"
      "code,name,province,lon,lat\r\n"
      "1,\"Kaifeng, \"\"old\"\"\",P,100,30\r\n"
      "\r\n"
      "2,b,P,101,30\r\n",
      "code_a,code_b\r\n1,2\r\n");
  const MapData m = load_map(dir_.string());
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m.name[0], "Kaifeng, \"old\"");
  write("nodes.csv", "code,name,province,lon,lat\n1,\"open,P,100,30\n2,b,P,101,30\n");
  EXPECT_NE(errors_of().find(":2: malformed quoted cell"), std::string::npos);
}

TEST_F(MapDir, MissingFilesAreErrors) {
  write("nodes.csv", kNodes);
  EXPECT_NE(errors_of().find(path("edges.csv") + ": cannot open the file"), std::string::npos);
  EXPECT_THROW(resolve_map_dir((dir_ / "nowhere").string(), ""), ConfigException);
  write("config.toml", "");
  try {
    resolve_map_dir("no-such-map", path("config.toml"));
    ADD_FAILURE() << "a missing map was found";
  } catch (const ConfigException& e) {
    const std::string err = e.what();
    EXPECT_NE(err.find(path("config.toml") + ": world.map: no nodes.csv for map \"no-such-map\""),
              std::string::npos)
        << err;
    EXPECT_NE(err.find(path("no-such-map")), std::string::npos) << "beside the config: " << err;
  }
  // A built-in config's name is not a directory.
  try {
    resolve_map_dir("no-such-map", "(default: experiments/baseline.toml)");
  } catch (const ConfigException& e) {
    EXPECT_EQ(std::string(e.what()).find("(default: experiments/no-such-map"), std::string::npos);
  }
}

TEST_F(MapDir, MapIsFoundBesideTheConfigAndInTheDataDir) {
  write_map(kNodes, kEdges);
  fs::create_directories(dir_ / "maps" / "tiny");
  fs::copy(dir_ / "nodes.csv", dir_ / "maps" / "tiny" / "nodes.csv");
  write("config.toml", "");
  const std::string config = path("config.toml");
  EXPECT_EQ(resolve_map_dir("maps/tiny", config), (dir_ / "maps" / "tiny").string());
  EXPECT_EQ(resolve_map_dir(dir_.string(), ""), dir_.string());
  const std::string builtin = resolve_map_dir(kChinaPrefectures, config);
  EXPECT_TRUE(fs::exists(fs::path(builtin) / "edges.csv")) << builtin;
}

TEST_F(MapDir, OutlinesAreGroupedIntoProjectedRings) {
  write_map(kNodes, kEdges);
  write("outlines.csv",
        "code,ring,hole,lon,lat\n"
        "1,0,0,99.5,29.5\n1,0,0,100.5,29.5\n1,0,0,100,30.5\n"
        "1,1,1,99.9,29.9\n1,1,1,100.1,29.9\n1,1,1,100,30.1\n"
        "3,0,0,100.5,30.5\n3,0,0,101.5,30.5\n3,0,0,101,31.5\n");
  const MapData m = load_map(dir_.string());
  const auto rings = load_map_outlines(m);
  ASSERT_EQ(rings.size(), 3u);
  EXPECT_EQ(rings[0].city, 0u);
  EXPECT_FALSE(rings[0].hole);
  EXPECT_TRUE(rings[1].hole);
  EXPECT_EQ(rings[2].city, 2u);
  EXPECT_EQ(rings[2].lon.size(), 3u);
  // The same projection as the Geography: the centroid of city 0 projects where g.x_km says.
  WorldParams w;
  const Geography g = map_geography(m, w, 100.0);
  const double mid_x = (rings[0].x_km[0] + rings[0].x_km[1]) / 2;
  EXPECT_NEAR(mid_x, g.x_km[0], 1.0);

  write("outlines.csv", "code,ring,hole,lon,lat\n1,0,2,99.5,29.5\n7,0,0,1,1\n");
  try {
    load_map_outlines(m);
    ADD_FAILURE() << "bad outlines accepted";
  } catch (const ConfigException& e) {
    const std::string err = e.what();
    EXPECT_NE(err.find(":2: column 3 (hole): expected 0 or 1"), std::string::npos) << err;
    EXPECT_NE(err.find(":3: column 1 (code): unknown city code \"7\""), std::string::npos) << err;
  }
  fs::remove(dir_ / "outlines.csv");
  EXPECT_TRUE(load_map_outlines(m).empty());
}

int run_cli(const std::string& args) {
  const std::string cmd = std::string(REGSIM_BINARY) + " " + args + " >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(MapDir, BadMapMakesTheCliExitWithCode2) {
  write_map(kNodes, "code_a,code_b\n1,2\n2,3\n3,3\n");
  write("config.toml", "[world]\nseed = 1\nyears = 1\nmap = \".\"\n");
  EXPECT_EQ(run_cli("validate " + path("config.toml")), 2);
  EXPECT_EQ(run_cli("run --quiet --out " + path("out") + " " + path("config.toml")), 2);
  write("edges.csv", kEdges);
  EXPECT_EQ(run_cli("validate " + path("config.toml")), 0);
}

/// A nodes.csv of `n` cities on a line, and edges.csv linking each to the next.
void write_chain(const fs::path& dir, std::size_t n) {
  std::string nodes = "code,name,province,lon,lat\n", edges = "code_a,code_b\n";
  for (std::size_t i = 0; i < n; ++i) {
    nodes += std::to_string(i) + ",c" + std::to_string(i) + ",P," +
             std::to_string(70.0 + 60.0 * static_cast<double>(i) / static_cast<double>(n)) +
             ",30\n";
    if (i > 0) edges += std::to_string(i - 1) + "," + std::to_string(i) + "\n";
  }
  std::ofstream(dir / "nodes.csv", std::ios::binary) << nodes;
  std::ofstream(dir / "edges.csv", std::ios::binary) << edges;
}

TEST_F(MapDir, MoreCitiesThanWorldCitiesAllowsIsAnErrorAtTheLimitRow) {
  // A 6,000-node map once bypassed the 5,000-city limit, and a 99,856-node one validated and then
  // exhausted memory: the reader stops at the first row past the limit.
  write_chain(dir_, kMaxMapCities + 1000);
  const std::string err = errors_of();
  EXPECT_NE(err.find(path("nodes.csv") + ":" + std::to_string(kMaxMapCities + 2) +
                     ": more than 5000 cities"),
            std::string::npos)
      << err.substr(0, 500);
  EXPECT_EQ(count_lines(err), 1) << err.substr(0, 500);
  write_chain(dir_, kMaxMapCities);
  EXPECT_EQ(load_map(dir_.string()).size(), kMaxMapCities);
}

TEST_F(MapDir, TheCityLimitIsTheRangeOfWorldCities) {
  const std::string cmd = std::string(REGSIM_BINARY) + " params";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t got; (got = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, got);
  ::pclose(pipe);
  const auto line = out.find("world.cities ");
  ASSERT_NE(line, std::string::npos) << out;
  const std::string row = out.substr(line, out.find('\n', line) - line);
  EXPECT_NE(row.find(", " + std::to_string(kMaxMapCities) + "]"), std::string::npos) << row;
}

TEST_F(MapDir, EdgesPastTheLimitPerCityStopTheReader) {
  write("nodes.csv", kNodes);
  std::string edges = "code_a,code_b\n";
  for (int i = 0; i < 400; ++i) edges += "1,2\n";
  write("edges.csv", edges);
  const std::string err = errors_of();
  EXPECT_NE(err.find(":152: more than 150 edges (at most 50 per city)"), std::string::npos) << err;
}

TEST_F(MapDir, LongLinesHugeValuesAndManyBadRowsGiveShortMessages) {
  // A 60 kB cell is refused by its size, a 1 kB value is quoted in 80 bytes; a longer line is
  // refused; reading stops after 50 errors.
  write_map(std::string("code,name,province,lon,lat\n1,a,P,") + std::string(60'000, '9') +
                ",30\n2,b,P," + std::string(100'000, '1') + ",30\n3,c,P," +
                std::string(1'000, '8') + ",30\n",
            kEdges);
  std::string err = errors_of();
  EXPECT_NE(err.find(":2: column 4: a cell of 60000 bytes (at most 1024)"), std::string::npos)
      << err.substr(0, 300);
  EXPECT_NE(err.find(":4: column 4 (lon): expected a number, got \"8888"), std::string::npos)
      << err.substr(0, 300);
  EXPECT_NE(err.find("... (1000 bytes)\""), std::string::npos) << err.substr(0, 300);
  EXPECT_NE(err.find(":3: line longer than 65536 bytes"), std::string::npos) << err.substr(0, 300);
  EXPECT_LT(err.size(), 1000u);
  std::string bad = "code,name,province,lon,lat\n";
  for (int i = 0; i < 100'000; ++i) bad += "x,y,P,not-a-number,30\n";
  write("nodes.csv", bad);
  err = errors_of();
  EXPECT_LE(count_lines(err), 101) << err.substr(0, 300);
  EXPECT_NE(err.find("more errors not shown"), std::string::npos) << err.substr(0, 300);
  // Rows the reader itself refuses (here: a wrong column count) stop it after 50.
  bad = "code,name,province,lon,lat\n";
  for (int i = 0; i < 100'000; ++i) bad += "x,y\n";
  write("nodes.csv", bad);
  err = errors_of();
  EXPECT_NE(err.find(":52: too many errors; stopped reading the file here"), std::string::npos)
      << err.substr(0, 300);
}

TEST_F(MapDir, ADirectoryOrDeviceInPlaceOfAFileIsAnError) {
  fs::create_directories(dir_ / "nodes.csv");
  EXPECT_NE(errors_of().find(path("nodes.csv") + ": is a directory"), std::string::npos);
  fs::remove(dir_ / "nodes.csv");
  fs::create_symlink("/dev/zero", dir_ / "nodes.csv");  // would never end
  EXPECT_NE(errors_of().find(path("nodes.csv") + ": is not a regular file (a device)"),
            std::string::npos);
  fs::remove(dir_ / "nodes.csv");
  ASSERT_EQ(::mkfifo((dir_ / "nodes.csv").c_str(), 0600), 0);  // opening it would wait forever
  EXPECT_NE(errors_of().find(path("nodes.csv") + ": is not a regular file (a FIFO)"),
            std::string::npos);
}

TEST_F(MapDir, TooLargeMapMakesTheCliExitWithCode2) {
  write_chain(dir_, kMaxMapCities + 1);
  write("config.toml", "[world]\nseed = 1\nyears = 1\nmap = \".\"\n");
  EXPECT_EQ(run_cli("validate " + path("config.toml")), 2);
}

}  // namespace
}  // namespace regsim::sim
