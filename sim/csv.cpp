// CSV cell quoting (RFC 4180) and the strict, bounded CSV reader used for map files.
#include "sim/csv.h"

#include <algorithm>
#include <set>

#include "sim/input_file.h"
#include "sim/limits.h"
#include "sim/text.h"

namespace regsim::sim {

namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

/// Takes the line of `text` at `pos` (without the newline) and moves `pos` past it; at most `max`
/// bytes are kept. Returns false at the end of the text; sets `too_long` when the line is longer.
bool bounded_getline(std::string_view text, std::size_t& pos, std::string& line, std::size_t max,
                     bool& too_long) {
  if (pos >= text.size()) return false;
  const auto end = std::min(text.find('\n', pos), text.size());
  too_long = end - pos > max;
  line.assign(text.substr(pos, too_long ? 0 : end - pos));
  pos = end + 1;
  return true;
}

/// Why a row's cells cannot be taken as text, or "": each is printable UTF-8 (no control
/// characters: names end up in CSV outputs, pages and messages) of bounded length.
std::string cell_problem(const std::vector<std::string>& cells, const CsvLimits& limits) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const std::string where = "column " + std::to_string(c + 1) + ": ";
    if (cells[c].size() > limits.max_cell_bytes)
      return where + "a cell of " + std::to_string(cells[c].size()) + " bytes (at most " +
             std::to_string(limits.max_cell_bytes) + ")";
    if (!is_printable_text(cells[c]))
      return where + "\"" + shorten_for_message(cells[c]) +
             "\" is not printable UTF-8 text (control characters or invalid bytes)";
  }
  return "";
}

/// The first name that appears twice in a header, or "".
std::string duplicate(const std::vector<std::string>& header) {
  std::set<std::string> seen;
  for (const auto& h : header)
    if (!seen.insert(h).second) return h;
  return "";
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
  std::string out;
  append_csv_cell(out, text);
  return out;
}

void append_csv_cell(std::string& out, std::string_view text) {
  // One pass over the characters (find_first_of calls memchr for each of them).
  const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
    return c == ',' || c == '"' || c == '\n' || c == '\r';
  });
  if (plain) {
    out.append(text);
  } else {
    out += csv_quoted(text);
  }
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
  std::string why;
  const auto text = read_input_file(path, limits.max_file_bytes, why);
  if (!text) {
    errors.add(Source{path, 0}, "", why);
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
  std::size_t pos = 0;
  for (int number = 1; bounded_getline(*text, pos, line, limits.max_line_bytes, too_long);
       ++number) {
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
    } else if (const std::string problem = cell_problem(cells, limits); !problem.empty()) {
      error(number, problem);
    } else if (t.header.empty()) {
      t.header = cells;
      if (const std::string dup = duplicate(cells); !dup.empty())
        error(number, "column \"" + shorten_for_message(dup) + "\" appears twice in the header");
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
