// Tests of the one CSV writer (RFC 4180 quoting) and of what the strict reader refuses.
#include "sim/csv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
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

TEST(CsvCell, AppendedCellsAreTheCells) {
  for (const std::string text : {"pv", "", "a,b", "say \"hi\"", "two\nlines", "cr\r", "x;y z"}) {
    std::string out = "kept,";
    append_csv_cell(out, text);
    EXPECT_EQ(out, "kept," + csv_cell(text)) << text;
  }
}

TEST(CsvCell, WhatIsWrittenReadsBackAsTheSameCells) {
  const std::vector<std::string> cells = {"plain", "a,b", "q\"uote", "\"", ",", "", "x\"\",y"};
  CsvLine line;
  for (const auto& c : cells) line << csv_cell(c);
  std::vector<std::string> back;
  ASSERT_TRUE(split_csv_line(line.str(), back)) << line.str();
  EXPECT_EQ(back, cells);
}

TEST(CsvLine, ClearStartsANewRow) {
  CsvLine line;
  line << "a"
       << "b";
  line.clear();
  EXPECT_EQ(line.str(), "");
  line << "c"
       << "d";
  EXPECT_EQ(line.str(), "c,d");  // no leading comma from the cleared row
}

/// The errors read_csv reports for a file holding `text`.
std::string read_errors(const std::string& text) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("regsim_csv_test_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(file, std::ios::binary) << text;
  ConfigErrors errors;
  read_csv(file.string(), CsvLimits{}, errors);
  std::filesystem::remove(file);
  return errors.str();
}

TEST(ReadCsv, CellsMustBePrintableTextOfBoundedLength) {
  // Names with control characters or invalid UTF-8 reached cities.csv, the view and messages.
  EXPECT_NE(read_errors("code,name\n1,a\x01"
                        "b\n")
                .find(".csv:2: column 2: \"a\\x01b\" is not "
                      "printable UTF-8 text"),
            std::string::npos);
  EXPECT_NE(read_errors("code,name\n1,\xff\xfe\n").find(".csv:2: column 2:"), std::string::npos);
  EXPECT_NE(read_errors("code,name\n1," + std::string(2000, 'n') + "\n")
                .find(".csv:2: column 2: a cell of 2000 bytes (at most 1024)"),
            std::string::npos);
  EXPECT_EQ(read_errors("code,name\n1,北京市\n"), "");
}

TEST(ReadCsv, AHeaderNamingAColumnTwiceIsAnError) {
  EXPECT_NE(read_errors("code,name,code\n1,a,2\n")
                .find(".csv:1: column \"code\" appears twice in the header"),
            std::string::npos);
}

}  // namespace
}  // namespace regsim::sim
