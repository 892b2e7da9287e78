// CSV text of an output table split into typed columns, read as pandas.read_csv reads the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace regsim::python {

/// One column of a table. Types follow pandas.read_csv: booleans when every cell is
/// true/false, integers when every cell is one, reals when every cell is a number or missing
/// (missing = NaN), text otherwise (missing cells flagged in `missing`).
struct Column {
  enum class Kind { Boolean, Integer, Real, Text };
  std::string name;
  Kind kind = Kind::Text;
  std::vector<std::uint8_t> booleans;
  std::vector<std::int64_t> integers;
  std::vector<double> reals;  ///< correctly rounded from the cell text, as the file reads back
  std::vector<std::string> texts;
  std::vector<std::uint8_t> missing;  ///< Text only: the cell is empty or a pandas NA marker
  std::size_t size() const;
};

/// Splits CSV text (header line, then rows; RFC 4180 quoting) into columns. Throws
/// std::runtime_error naming the table and line when a row has the wrong number of cells.
std::vector<Column> parse_columns(std::string_view csv, const std::string& table);

}  // namespace regsim::python
