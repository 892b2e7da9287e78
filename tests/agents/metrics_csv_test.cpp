// The CSV rows of the national, track and city metrics: the appending writers give the same
// text as the row functions, and every row has the header's columns.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <string>

#include "agents/metrics.h"
#include "sim/csv.h"

namespace regsim::agents {
namespace {

long commas(const std::string& s) {
  return std::count(s.begin(), s.end(), ',');
}

TEST(MetricsCsv, AppendedRowsEqualTheRowFunctions) {
  NationalMetrics n;
  n.tick = 37;
  n.year = 9;
  n.gdp = 1234.5678901234;
  n.firms = 10394;
  n.welfare = -0.000123456789;
  n.cu_p90_p10 = std::numeric_limits<double>::infinity();
  n.reactivations = -3;
  const std::string national = national_csv_row(n);
  EXPECT_EQ(national.rfind("37,9,1234.56789,", 0), 0u) << national;
  EXPECT_EQ(commas(national), commas(national_csv_header()));
  std::string out = "kept";
  append_national_csv_row(out, n);
  EXPECT_EQ(out.substr(0, 4), "kept");
  EXPECT_EQ(out.substr(4), national);

  TrackMetrics t;
  t.capacity = 208.1859878;
  t.firms = 307;
  t.hhi = 0.005080630765;
  t.mothballed = 1e-7;
  const std::string track = track_csv_row(12, "pv, \"thin\"", t);
  EXPECT_EQ(track.rfind("12,\"pv, \"\"thin\"\"\",208.1859878,", 0), 0u) << track;
  EXPECT_EQ(track.substr(track.size() - 6), ",1e-07");
  EXPECT_EQ(commas(track) - 1, commas(track_csv_header()));  // one comma inside the name
  std::string out2(1, 'x');
  append_track_csv_row(out2, 12, sim::csv_cell("pv, \"thin\""), t);
  EXPECT_EQ(out2.substr(0, 1), "x");
  EXPECT_EQ(out2.substr(1), track);
}

TEST(MetricsCsv, CityRowsHoldTheNameAfterTheIndex) {
  CityYear c;
  c.year = 3;
  c.city = 41;
  c.province = 7;
  c.gdp = 2.5;
  c.priority_tracks = "pv;battery";
  c.zone = "east, coast";
  c.closed_cells = 2;
  const std::string row = city_csv_row(c, "Xi'an");
  EXPECT_EQ(row.rfind("3,41,\"Xi'an\",7,2.5,0,0,0,pv;battery,0,0,\"east, coast\",", 0), 0u) << row;
  EXPECT_EQ(row.substr(row.size() - 2), ",2");
  EXPECT_EQ(commas(row) - 1, commas(city_csv_header()));  // one comma inside the zone
  std::string appended = "kept\n";
  append_city_csv_row(appended, c, "\"Xi'an\"");
  EXPECT_EQ(appended, "kept\n" + row);
}

}  // namespace
}  // namespace regsim::agents
