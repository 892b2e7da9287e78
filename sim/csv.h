// CSV for regsim: the one writer of cells (RFC 4180 quoting) and a bounded, strict reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config.h"

namespace regsim::sim {

/// A cell as RFC 4180 wants it: quoted when it holds a comma, a quote, CR or LF (quotes doubled).
std::string csv_cell(std::string_view text);
/// csv_cell(text) appended to `out`.
void append_csv_cell(std::string& out, std::string_view text);
/// A cell always quoted, quotes doubled (for columns that are quoted in every row).
std::string csv_quoted(std::string_view text);

/// Builds one CSV line cell by cell; text cells go through csv_cell first.
class CsvLine {
 public:
  CsvLine& operator<<(std::string_view cell) {
    if (started_) text_ += ',';
    started_ = true;
    text_.append(cell);
    return *this;
  }
  const std::string& str() const { return text_; }
  /// Empties the line for the next row, keeping its buffer (no allocation per row).
  void clear() {
    text_.clear();
    started_ = false;
  }

 private:
  std::string text_;
  bool started_ = false;
};

struct CsvRow {
  int line = 0;
  std::vector<std::string> cells;
};

struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
};

/// Bounds of what read_csv accepts, so that a hostile file cannot exhaust memory or time.
struct CsvLimits {
  std::size_t max_rows = 1'000'000;            ///< data rows (after the header)
  std::uintmax_t max_file_bytes = 256u << 20;  ///< the whole file (China's outlines: 1.3 MB)
  std::size_t max_line_bytes = 64 * 1024;      ///< one line
  std::size_t max_cell_bytes = 1024;           ///< one cell (a city name, a code)
  std::size_t max_errors = 50;                 ///< reading stops after this many bad rows
  std::string rows_hint = "rows";              ///< what a row is, for the too-many-rows message
};

/// Splits one line into cells: comma separated, a cell may be "quoted" with "" for a quote.
/// Returns false on an unterminated quote or text after a closing quote.
bool split_csv_line(std::string_view line, std::vector<std::string>& cells);

/// Reads a CSV file: the first non-empty line is the header; blank lines are skipped; a UTF-8
/// byte order mark and CR line ends are accepted. Rows with the wrong cell count, cells that are
/// not printable UTF-8 or longer than the limit, a header naming a column twice, lines longer
/// than the limit and rows past the limit are errors naming the file and line (the OS reason when
/// it cannot be read). Returns nullopt when the file cannot be read: missing, not a regular file
/// (a directory, FIFO or device), or larger than the limit.
std::optional<CsvTable> read_csv(const std::string& path, const CsvLimits& limits,
                                 ConfigErrors& errors);

}  // namespace regsim::sim
