// CSV text of an output table split into typed columns (see columns.h).
#include "python/columns.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <stdexcept>

namespace regsim::python {

namespace {

/// The cell texts pandas.read_csv reads as missing by default.
bool is_na(std::string_view s) {
  static constexpr std::array<std::string_view, 18> kNa = {
      "",        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
      "1.#QNAN", "<NA>", "N/A",      "NA",  "NULL",    "NaN",      "n/a",  "nan",  "null"};
  return std::find(kNa.begin(), kNa.end(), s) != kNa.end();
}

bool parse_bool(std::string_view s, bool& out) {
  if (s == "true" || s == "True" || s == "TRUE") return out = true, true;
  if (s == "false" || s == "False" || s == "FALSE") return out = false, true;
  return false;
}

bool parse_int(std::string_view s, std::int64_t& out) {
  const char* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end;
}

bool parse_real(std::string_view s, double& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const char* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end;
}

/// Appends the cells of one line; returns false on an unterminated quote.
bool split_line(std::string_view line, std::vector<std::string>& cells) {
  cells.clear();
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        cell += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.push_back(std::move(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(std::move(cell));
  return !quoted;
}

Column::Kind infer(const std::vector<std::string>& cells) {
  const bool any = !cells.empty();  // pandas reads a table without rows as text
  bool all_bool = any, all_int = any, all_real = any;
  for (const auto& s : cells) {
    bool b = false;
    std::int64_t i = 0;
    double d = 0;
    all_bool = all_bool && parse_bool(s, b);
    all_int = all_int && parse_int(s, i);
    all_real = all_real && (is_na(s) || parse_real(s, d));
    if (!all_bool && !all_int && !all_real) break;
  }
  if (all_bool) return Column::Kind::Boolean;
  if (all_int) return Column::Kind::Integer;
  if (all_real) return Column::Kind::Real;
  return Column::Kind::Text;
}

Column make_column(std::string name, std::vector<std::string>& cells) {
  Column c;
  c.name = std::move(name);
  c.kind = infer(cells);
  switch (c.kind) {
    case Column::Kind::Boolean:
      for (const auto& s : cells) c.booleans.push_back(s[0] == 't' || s[0] == 'T');
      break;
    case Column::Kind::Integer:
      c.integers.resize(cells.size());
      for (std::size_t r = 0; r < cells.size(); ++r) parse_int(cells[r], c.integers[r]);
      break;
    case Column::Kind::Real:
      c.reals.resize(cells.size());
      for (std::size_t r = 0; r < cells.size(); ++r)
        if (is_na(cells[r]) || !parse_real(cells[r], c.reals[r]))
          c.reals[r] = std::numeric_limits<double>::quiet_NaN();
      break;
    case Column::Kind::Text:
      for (auto& s : cells) c.missing.push_back(is_na(s));
      c.texts = std::move(cells);
      break;
  }
  return c;
}

}  // namespace

std::size_t Column::size() const {
  switch (kind) {
    case Kind::Boolean:
      return booleans.size();
    case Kind::Integer:
      return integers.size();
    case Kind::Real:
      return reals.size();
    case Kind::Text:
      return texts.size();
  }
  return 0;
}

std::vector<Column> parse_columns(std::string_view csv, const std::string& table) {
  std::vector<std::string> header, cells;
  std::vector<std::vector<std::string>> columns;
  std::size_t pos = 0;
  int line_no = 0;
  while (pos < csv.size()) {
    std::size_t end = csv.find('\n', pos);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view line = csv.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (header.empty()) {
      if (!split_line(line, header))
        throw std::runtime_error(table + ".csv:" + std::to_string(line_no) + ": bad header");
      columns.resize(header.size());
      continue;
    }
    if (!split_line(line, cells) || cells.size() != header.size())
      throw std::runtime_error(table + ".csv:" + std::to_string(line_no) + ": expected " +
                               std::to_string(header.size()) + " cells, got " +
                               std::to_string(cells.size()));
    for (std::size_t c = 0; c < cells.size(); ++c) columns[c].push_back(std::move(cells[c]));
  }
  std::vector<Column> out;
  out.reserve(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) out.push_back(make_column(header[c], columns[c]));
  return out;
}

}  // namespace regsim::python
