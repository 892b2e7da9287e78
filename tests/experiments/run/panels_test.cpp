// cells.csv rows: one per city and track, cells in header order, numbers as format_number.
#include "experiments/run/panels.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace regsim::experiments {
namespace {

TEST(Panels, CellRowsHoldEveryCellInHeaderOrder) {
  CellRows c;
  c.year = 12;
  c.cities = 2;
  c.tracks = {"pv", "\"odd, name\""};  // already CSV cells
  c.listed = {1, 0, 0, 1};
  c.capacity = {3.747580134, 0, 2, 1e20};
  c.pipeline = {0.9559573377, 0, 0, 0};
  c.output = {2.599960144, 0, 1, 5e19};
  c.price = {1.028253796, 0, -0.5, 123456789012.0};
  c.subsidies = {0.7922588303, 0, 0, 0};
  c.log_endowment = {0.3086920175, -0.1397617803, 0, 0};
  c.log_knowledge = {0.004609333562, 1e-300, 0, 0};
  c.firms = {5, 0, 1, 2147483647};
  c.entries = {1, 0, 0, 0};
  c.exits = {0, 0, 0, 0};
  c.zombies = {0, 0, 0, -2147483647 - 1};
  std::string text = "kept\n";  // the rows are appended
  append_cells_csv_rows(text, c);
  std::string first = "12,0,pv,1,3.747580134,0.9559573377,2.599960144,";
  first.append(agents::format_number(2.599960144 / 3.747580134));
  first.append(",1.028253796,5,1,0,0,0.7922588303,0.3086920175,0.004609333562");
  const std::string expected =
      "kept\n" + first +
      "\n12,0,\"odd, name\",0,0,0,0,0,0,0,0,0,0,0,-0.1397617803,1e-300\n"
      "12,1,pv,0,2,0,1,0.5,-0.5,1,0,0,0,0,0,0\n"
      "12,1,\"odd, name\",1,1e+20,0,5e+19,0.5,1.23456789e+11,2147483647,0,0,-2147483648,0,0,0\n";
  EXPECT_EQ(text, expected);
  EXPECT_EQ(cells_csv_header().find("year,city,track,listed,capacity,pipeline,output,cu,price,"
                                    "firms,entries,exits,zombies,subsidies,log_endowment,"
                                    "log_knowledge"),
            0u);
}

}  // namespace
}  // namespace regsim::experiments
