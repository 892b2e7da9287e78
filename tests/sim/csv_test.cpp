// Tests of the one CSV writer (RFC 4180 quoting).
#include "sim/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace regsim::sim {
namespace {

TEST(CsvCell, PlainTextIsLeftAlone) {
  EXPECT_EQ(csv_cell("pv"), "pv");
  EXPECT_EQ(csv_cell(""), "");
  EXPECT_EQ(csv_cell("深圳"), "深圳");
}

TEST(CsvCell, CommasQuotesAndLineBreaksAreQuotedWithQuotesDoubled) {
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_cell("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_quoted("x"), "\"x\"");
  EXPECT_EQ(csv_quoted("a\"b"), "\"a\"\"b\"");
}

TEST(CsvCell, WhatIsWrittenReadsBackAsTheSameCells) {
  const std::vector<std::string> cells = {"plain", "a,b", "q\"uote", "\"", ",", "", "x\"\",y"};
  CsvLine line;
  for (const auto& c : cells) line << csv_cell(c);
  std::vector<std::string> back;
  ASSERT_TRUE(split_csv_line(line.str(), back)) << line.str();
  EXPECT_EQ(back, cells);
}

}  // namespace
}  // namespace regsim::sim
