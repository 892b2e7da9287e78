// CSV cell quoting (RFC 4180) and the strict, bounded CSV reader used for map files.
#include "sim/csv.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace regsim::sim {

namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

/// Reads one line of at most `max` bytes (without the newline). Returns false at the end of the
/// input; sets `too_long` (and skips the rest of the line) when the line is longer.
bool bounded_getline(std::istream& in, std::string& line, std::size_t max, bool& too_long) {
  line.clear();
  too_long = false;
  std::streambuf* buf = in.rdbuf();
  bool any = false;
  for (int c = buf->sbumpc(); c != std::char_traits<char>::eof(); c = buf->sbumpc()) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < max) {
      line.push_back(static_cast<char>(c));
    } else {
      too_long = true;
    }
  }
  return any;
}

}  // namespace

std::string csv_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_cell(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  return csv_quoted(text);
}

bool split_csv_line(std::string_view line, std::vector<std::string>& cells) {
  cells.clear();
  std::size_t i = 0;
  while (true) {
    const auto start = line.find_first_not_of(" \t", i);
    if (start != std::string_view::npos && line[start] == '"') {
      std::string cell;
      std::size_t j = start + 1;
      for (;; ++j) {
        if (j >= line.size()) return false;
        if (line[j] != '"') {
          cell += line[j];
        } else if (j + 1 < line.size() && line[j + 1] == '"') {
          cell += '"', ++j;
        } else {
          break;
        }
      }
      const auto next = line.find(',', j + 1);
      if (!trim(line.substr(j + 1, next == std::string_view::npos ? next : next - j - 1)).empty())
        return false;
      cells.push_back(std::move(cell));
      if (next == std::string_view::npos) return true;
      i = next + 1;
    } else {
      const auto next = line.find(',', i);
      cells.push_back(trim(line.substr(i, next == std::string_view::npos ? next : next - i)));
      if (next == std::string_view::npos) return true;
      i = next + 1;
    }
  }
}

std::optional<CsvTable> read_csv(const std::string& path, const CsvLimits& limits,
                                 ConfigErrors& errors) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    errors.add(Source{path, 0}, "", "not a regular file");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.add(Source{path, 0}, "", std::string("cannot open the file: ") + std::strerror(errno));
    return std::nullopt;
  }
  CsvTable t;
  t.file = path;
  std::string line;
  std::vector<std::string> cells;
  std::size_t bad = 0;  // errors found in this file
  const auto error = [&](int number, std::string message) {
    errors.add(Source{path, number}, "", std::move(message));
    ++bad;
  };
  bool too_long = false;
  for (int number = 1; bounded_getline(in, line, limits.max_line_bytes, too_long); ++number) {
    if (bad >= limits.max_errors) {
      errors.add(Source{path, number}, "", "too many errors; stopped reading the file here");
      break;
    }
    if (too_long) {
      error(number, "line longer than " + std::to_string(limits.max_line_bytes) + " bytes");
      continue;
    }
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    if (!split_csv_line(line, cells)) {
      error(number, "malformed quoted cell");
    } else if (t.header.empty()) {
      t.header = cells;
    } else if (cells.size() != t.header.size()) {
      error(number, "expected " + std::to_string(t.header.size()) + " columns, got " +
                        std::to_string(cells.size()));
    } else if (t.rows.size() >= limits.max_rows) {
      error(number, "more than " + std::to_string(limits.max_rows) + " " + limits.rows_hint);
      break;
    } else {
      t.rows.push_back({number, cells});
    }
  }
  if (t.header.empty() && bad == 0)
    errors.add(Source{path, 0}, "", "empty file (expected a header line)");
  return t;
}

}  // namespace regsim::sim
