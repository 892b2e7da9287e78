// CSV columns of the metrics of MODEL.md section 10 (one place for each list) and number format.
#include "agents/metrics.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "sim/csv.h"

namespace regsim::agents {

// ---- CSV columns -------------------------------------------------------------------------

namespace {

/// 10^0 .. 10^16, each exact in a double.
constexpr double kPow10[] = {1e0, 1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7, 1e8,
                             1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16};

/// 10^-5 .. 10^15 (the negative ones rounded): kDecade[k + 5] = 10^k.
constexpr double kDecade[] = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0,  1e1,  1e2,  1e3,  1e4, 1e5,
                              1e6,  1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/// "00" "01" .. "99": two digits at a time.
constexpr auto kDigitPairs = [] {
  std::array<char, 200> d{};
  for (int i = 0; i < 100; ++i) {
    d[2 * i] = static_cast<char>('0' + i / 10);
    d[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return d;
}();

/// The five decimal digits of v < 100000, leading zeros included.
void five_digits(std::uint32_t v, char* out) {
  out[0] = static_cast<char>('0' + v / 10000);
  v %= 10000;
  std::memcpy(out + 1, kDigitPairs.data() + 2 * (v / 100), 2);
  std::memcpy(out + 3, kDigitPairs.data() + 2 * (v % 100), 2);
}

/// printf's "%.10g" of v for 1e-5 <= |v| < 1e15, written to `out` (24 chars suffice); the length,
/// or 0 when v is outside that range or its tenth digit is too near a tie to decide this way.
/// m = |v| 10^s (s chosen so that m rounds to ten digits, [1e9, 1e10)) is one correctly rounded
/// product or quotient of exact doubles, so it is within 1.2e-6 of the exact value; unless its
/// fraction lies within 1e-4 of one half, rounding m to an integer gives the digits the exact
/// value rounds to, which is what printf prints.
std::size_t ten_digits_g(double v, char* out) {
  const double a = std::fabs(v);
  if (!(a >= 1e-5 && a < 1e15)) return 0;
  // floor(log2 a) from the exponent bits (a is normal), times log10(2): the decimal exponent or
  // one less, in [-6, 14]; one comparison with the next power of ten settles most cases. The
  // loop below still finds the same exponent from any start at or below it (this one is: when
  // a >= 10^(x+1), the product for exponent x is >= 1e10 - 1e-5, so the loop would step up).
  const int e = static_cast<int>((std::bit_cast<std::uint64_t>(a) >> 52) & 0x7ff) - 1023;
  int x = (e * 1233) >> 12;
  if (a >= kDecade[x + 6]) ++x;
  double m = 0, whole = 0;
  for (int tries = 0;; ++tries) {
    const int s = 9 - x;
    if (tries > 3 || s < -16 || s > 16) return 0;
    m = s >= 0 ? a * kPow10[s] : a / kPow10[-s];
    // floor(m): m is positive and below 1e12, so truncating through an integer is exact.
    whole = static_cast<double>(static_cast<std::int64_t>(m));
    // Near a tie the exact value decides, also whether m reaches 9999999999.5 (the next decade).
    if (std::fabs(m - whole - 0.5) < 1e-4) return 0;
    if (m < 999999999.5)
      --x;
    else if (m >= 9999999999.5)
      ++x;
    else
      break;
  }
  const auto r = static_cast<std::uint64_t>(whole) + (m - whole > 0.5 ? 1 : 0);  // [1e9, 1e10)
  char d[20] = {};  // the ten digits, then room for the fixed-size copies below
  five_digits(static_cast<std::uint32_t>(r / 100000), d);
  five_digits(static_cast<std::uint32_t>(r % 100000), d + 5);
  int nd = 10;
  while (nd > 1 && d[nd - 1] == '0') --nd;  // %g drops trailing zeros
  char* o = out;
  if (v < 0) *o++ = '-';
  if (x < -4 || x >= 10) {  // %e style: d.ddde+XX
    *o++ = d[0];
    if (nd > 1) {
      *o++ = '.';
      for (int i = 1; i < nd; ++i) *o++ = d[i];
    }
    *o++ = 'e';
    *o++ = x < 0 ? '-' : '+';
    const int ax = x < 0 ? -x : x;
    *o++ = static_cast<char>('0' + ax / 10);
    *o++ = static_cast<char>('0' + ax % 10);
  } else if (x >= 0) {  // %f style, x + 1 digits before the point (trailing ones are '0' in d)
    // Fixed-size copies (the characters past the end are scratch): at most 22 written.
    std::memcpy(o, d, 10);
    if (nd > x + 1) {
      o[x + 1] = '.';
      std::memcpy(o + x + 2, d + x + 1, 10);
      o += nd + 1;
    } else {
      o += x + 1;
    }
  } else {  // %f style below 1: 0.000ddd (at most 17 written)
    std::memcpy(o, "0.0000", 6);
    o += 1 - x;
    std::memcpy(o, d, 10);
    o += nd;
  }
  return static_cast<std::size_t>(o - out);
}

}  // namespace

char* format_number_to(double v, char* out) {
  if (v == 0.0) {
    *out = '0';
    return out + 1;
  }
  if (!std::isfinite(v)) {
    const std::string_view s = std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    return std::copy(s.begin(), s.end(), out);
  }
  // Most model values: ten digits from one scaled product (about half the time of to_chars).
  if (const std::size_t n = ten_digits_g(v, out)) return out + n;
  // std::to_chars with the general format and a precision gives exactly printf's "%.10g"
  // (the standard defines it so), several times faster than printf.
  return std::to_chars(out, out + kNumberChars, v, std::chars_format::general, 10).ptr;
}

std::string format_number(double v) {
  char buf[kNumberChars];
  return std::string(buf, static_cast<std::size_t>(format_number_to(v, buf) - buf));
}

namespace {

/// A column's cell: a number (format_number), an integer, or text (already a CSV cell).
enum class Kind { Number, Integer, Text };

template <class T>
struct Column {
  const char* name;
  Kind kind;
  double (*value)(const T&) = nullptr;             ///< the number behind the cell (none for text)
  void (*text)(std::string&, const T&) = nullptr;  ///< appends a text column's cell
};

#define NUM(field)                                                                   \
  {                                                                                  \
#field, Kind::Number, [](const auto& m) { return static_cast<double>(m.field); } \
  }
#define INT(field)                                                                    \
  {                                                                                   \
#field, Kind::Integer, [](const auto& m) { return static_cast<double>(m.field); } \
  }

const std::vector<Column<NationalMetrics>>& national_columns() {
  static const std::vector<Column<NationalMetrics>> cols = {INT(tick),
                                                            INT(year),
                                                            NUM(gdp),
                                                            NUM(cu),
                                                            NUM(price_index),
                                                            NUM(similarity),
                                                            NUM(krugman),
                                                            NUM(jaccard),
                                                            NUM(zombie_share),
                                                            INT(firms),
                                                            INT(entries),
                                                            INT(exits),
                                                            NUM(subsidies),
                                                            NUM(bailouts),
                                                            NUM(debt),
                                                            NUM(welfare),
                                                            NUM(tfp),
                                                            NUM(theil),
                                                            NUM(gini),
                                                            NUM(entropy),
                                                            NUM(hhi),
                                                            NUM(moran),
                                                            NUM(crowding),
                                                            NUM(overhang),
                                                            NUM(loss_share),
                                                            NUM(zombie_capacity_share),
                                                            NUM(subsidy_gdp),
                                                            NUM(debt_gdp),
                                                            NUM(cu_p90_p10),
                                                            NUM(interprovincial_trade),
                                                            NUM(employment),
                                                            NUM(consumer_surplus),
                                                            NUM(producer_surplus),
                                                            NUM(capacity),
                                                            NUM(output),
                                                            NUM(demand),
                                                            NUM(retraining),
                                                            NUM(written_off),
                                                            INT(mobile_entries),
                                                            INT(bailouts_count),
                                                            INT(promoted),
                                                            NUM(knowledge),
                                                            NUM(mean_tenure),
                                                            INT(closed_cells),
                                                            NUM(welfare_gdp),
                                                            NUM(welfare_legacy),
                                                            NUM(public_funds_legacy),
                                                            NUM(idle_capital_cost),
                                                            NUM(welfare_full),
                                                            NUM(consumer_surplus_ref),
                                                            NUM(operating_surplus),
                                                            NUM(capital_cost),
                                                            NUM(exit_loss),
                                                            NUM(public_funds_full),
                                                            NUM(job_loss_cost),
                                                            NUM(jobs_lost),
                                                            NUM(scrap_value),
                                                            NUM(jobs_output),
                                                            INT(exits_distress),
                                                            INT(exits_exogenous),
                                                            NUM(soft_budget_share),
                                                            NUM(soft_budget_capacity_share),
                                                            NUM(mothballed_capacity),
                                                            INT(exits_voluntary),
                                                            INT(mothballs),
                                                            INT(reactivations)};
  return cols;
}

const std::vector<Column<TrackMetrics>>& track_columns() {
  static const std::vector<Column<TrackMetrics>> cols = {NUM(capacity),
                                                         NUM(pipeline),
                                                         NUM(demand),
                                                         NUM(output),
                                                         NUM(cu),
                                                         NUM(price),
                                                         INT(firms),
                                                         INT(cities_listing),
                                                         NUM(zombie_share),
                                                         NUM(export_price),
                                                         NUM(frontier_cost),
                                                         NUM(loss_share),
                                                         NUM(overhang),
                                                         NUM(hhi),
                                                         NUM(price_dispersion),
                                                         NUM(subsidies),
                                                         INT(entries),
                                                         INT(exits),
                                                         NUM(zombie_capacity_share),
                                                         NUM(war_intensity),
                                                         NUM(conduct),
                                                         NUM(avc),
                                                         NUM(cash_cost),
                                                         NUM(cash_cost_marginal),
                                                         NUM(loss_share_active),
                                                         NUM(exports),
                                                         NUM(imports),
                                                         NUM(mothballed)};
  return cols;
}

const std::vector<Column<CityYear>>& city_columns() {
  static const std::vector<Column<CityYear>> cols = {
      INT(year),
      INT(city),
      INT(province),
      NUM(gdp),
      NUM(gdp_growth),
      NUM(debt),
      NUM(subsidies),
      {"priority_tracks", Kind::Text, nullptr,
       [](std::string& out, const CityYear& c) { sim::append_csv_cell(out, c.priority_tracks); }},
      INT(official_tenure),
      INT(promoted),
      {"zone", Kind::Text, nullptr,
       [](std::string& out, const CityYear& c) { sim::append_csv_cell(out, c.zone); }},
      NUM(protection),
      NUM(jobs),
      NUM(score),
      NUM(subsidy_rate),
      INT(entries),
      INT(mobile_entries),
      NUM(cu),
      INT(closed_cells)};
  return cols;
}

#undef NUM
#undef INT

template <class T>
std::string header(const std::vector<Column<T>>& cols) {
  std::string out;
  for (const auto& c : cols) {
    if (!out.empty()) out += ',';
    out += c.name;
  }
  return out;
}

/// Columns [first, last) of `cols` for `v`, appended to `out`, each after a comma except the
/// first one when `lead` is false (it starts the line).
template <class T>
void append_cells(std::string& out, const std::vector<Column<T>>& cols, std::size_t first,
                  std::size_t last, const T& v, bool lead) {
  char buf[kNumberChars + 1];
  for (std::size_t i = first; i < last; ++i) {
    const Column<T>& c = cols[i];
    char* o = buf;
    if (lead || i > first) *o++ = ',';
    switch (c.kind) {
      case Kind::Number:
        o = format_number_to(c.value(v), o);
        break;
      case Kind::Integer:  // the int fields, widened exactly
        o = std::to_chars(o, buf + sizeof buf, static_cast<long long>(c.value(v))).ptr;
        break;
      case Kind::Text:
        out.append(buf, static_cast<std::size_t>(o - buf));
        c.text(out, v);
        continue;
    }
    out.append(buf, static_cast<std::size_t>(o - buf));
  }
}

}  // namespace

std::string national_csv_header() {
  return header(national_columns());
}
std::string national_csv_row(const NationalMetrics& m) {
  std::string out;
  append_national_csv_row(out, m);
  return out;
}
void append_national_csv_row(std::string& out, const NationalMetrics& m) {
  const auto& cols = national_columns();
  append_cells(out, cols, 0, cols.size(), m, false);
}
std::string track_csv_header() {
  return "tick,track," + header(track_columns());
}
std::string track_csv_row(int tick, const std::string& track, const TrackMetrics& m) {
  std::string out;
  append_track_csv_row(out, tick, sim::csv_cell(track), m);
  return out;
}
void append_track_csv_row(std::string& out, int tick, std::string_view track_cell,
                          const TrackMetrics& m) {
  char buf[16];
  out.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, tick).ptr - buf));
  out += ',';
  out.append(track_cell);
  const auto& cols = track_columns();
  append_cells(out, cols, 0, cols.size(), m, true);
}
const std::vector<std::string>& track_column_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& c : track_columns()) out.emplace_back(c.name);
    return out;
  }();
  return names;
}
double track_column_value(const TrackMetrics& m, std::size_t column) {
  return track_columns()[column].value(m);
}
std::string city_csv_header() {
  // "city" is the index; the name follows it so that files join on either.
  std::string h = header(city_columns());
  return h.replace(h.find("city,"), 5, "city,name,");
}
std::string city_csv_row(const CityYear& c, const std::string& name) {
  std::string out;
  append_city_csv_row(out, c, sim::csv_quoted(name));
  return out;
}
void append_city_csv_row(std::string& out, const CityYear& c, std::string_view name_cell) {
  // The name after the second column (year, city).
  const auto& cols = city_columns();
  append_cells(out, cols, 0, 2, c, false);
  out += ',';
  out.append(name_cell);
  append_cells(out, cols, 2, cols.size(), c, true);
}

}  // namespace regsim::agents
