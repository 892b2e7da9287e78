// The time-series panel.
#include "visual/series_panel.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "sim/types.h"
#include "visual/axis.h"
#include "visual/events.h"
#include "visual/map_panel.h"
#include "visual/text.h"

namespace regsim::visual {

namespace {

/// Subsidies are paid mostly in the planning quarter, so that series shows a trailing
/// four-quarter mean; the others are plotted as they are.
double plotted_value(const History& h, Series s, std::size_t t) {
  if (s != Series::SubsidyGdp) return series_value(h.national[t], s);
  const std::size_t from = t + 1 >= sim::kTicksPerYear ? t + 1 - sim::kTicksPerYear : 0;
  double sum = 0;
  for (std::size_t i = from; i <= t; ++i) sum += series_value(h.national[i], s);
  return sum / static_cast<double>(t + 1 - from);
}

/// How each series' axis is fitted: its bounds and the smallest span it shows, so that noise in
/// a flat series is not blown up to fill the chart.
AxisScale axis_for(Series s, const History& now, const History& before, const History* branch) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const History* h : {&now, &before, branch})
    for (std::size_t t = 0; h && t < h->national.size(); ++t) {
      const double v = plotted_value(*h, s, t);
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v), hi = std::max(hi, v);
    }
  if (!(lo <= hi)) return fit_axis(0, 1, 1, Bounds::Share);
  switch (s) {
    case Series::Cu:
    case Series::Similarity:
      return fit_axis(lo, hi, 0.1, Bounds::Share);
    case Series::ZombieShare:
      return fit_axis(lo, hi, 0.05, Bounds::Share);
    case Series::SubsidyGdp:
      return fit_axis(lo, hi, 0.005, Bounds::NonNegative);
    case Series::PriceIndex:
      return fit_axis(lo, hi, 0.2, Bounds::NonNegative);
    case Series::Welfare:
      return fit_axis(lo, hi, 0.1 * std::max(std::fabs(lo), std::fabs(hi)), Bounds::Free);
  }
  return fit_axis(lo, hi, 0, Bounds::Free);
}

std::string value_text(Series s, double v) {
  char buf[32];
  switch (s) {
    case Series::Cu:
    case Series::ZombieShare:
      std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * v);
      break;
    case Series::SubsidyGdp:
      std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * v);
      break;
    case Series::Welfare:
      return short_number(v);
    default:
      std::snprintf(buf, sizeof buf, "%.2f", v);
  }
  return buf;
}

/// Tick label: like value_text, with only the decimals the step needs.
std::string tick_text(Series s, double v, double step) {
  char buf[32];
  const bool percent = s == Series::Cu || s == Series::ZombieShare || s == Series::SubsidyGdp;
  const double shown = percent ? 100.0 * v : v, shown_step = percent ? 100.0 * step : step;
  if (s == Series::Welfare) return std::fabs(v) < 1e-9 ? std::string("0") : short_number(v);
  const int decimals = shown_step >= 1 - 1e-9 ? 0 : shown_step >= 0.1 - 1e-9 ? 1 : 2;
  std::snprintf(buf, sizeof buf, percent ? "%.*f%%" : "%.*f", decimals, shown);
  return buf;
}

/// The line of `h` from its point at tick `from` (after `from` ticks) on.
std::vector<sf::Vector2f> line_points(const History& h, Series s, const Rect& area,
                                      const AxisScale& a, int total, std::size_t from = 0) {
  std::vector<sf::Vector2f> pts;
  for (std::size_t t = from > 0 ? from - 1 : 0; t < h.national.size(); ++t) {
    const double v = plotted_value(h, s, t);
    if (!std::isfinite(v)) continue;
    pts.emplace_back(area.x + area.w * static_cast<float>(t + 1) / static_cast<float>(total),
                     area.bottom() - area.h * static_cast<float>(a.fraction(v)));
  }
  return pts;
}

/// Label rows of the policy marks: each label on the first row where it does not overlap the
/// one before (at most kMarkRows rows; further labels are dropped).
constexpr int kMarkRows = 2;
std::vector<int> mark_rows(const Canvas& cv, const Rect& plot, const History& h, int total,
                           float size) {
  std::vector<int> rows;
  std::array<float, kMarkRows> row_end;
  row_end.fill(-1e9f);
  for (const PolicyMark& m : h.marks) {
    const float x = plot.x + plot.w * static_cast<float>(m.tick) / static_cast<float>(total);
    const float w = text_width(cv.font, m.label, size) + 6 * cv.layout.scale;
    int row = -1;
    for (int r = 0; r < kMarkRows && row < 0; ++r)
      if (x > row_end[static_cast<std::size_t>(r)]) row = r;
    if (row >= 0) row_end[static_cast<std::size_t>(row)] = x + std::min(w, plot.right() - x);
    rows.push_back(row);
  }
  return rows;
}

/// Dashed lines at policy changes over the whole plot; labels (top row of charts only) sit in
/// the lane above the data, so they never cover a line.
void draw_marks(const Canvas& cv, const Rect& plot, const History& h, int total,
                const std::vector<int>& rows, float size) {
  const Layout& l = cv.layout;
  for (std::size_t i = 0; i < h.marks.size(); ++i) {
    const PolicyMark& m = h.marks[i];
    const float x = plot.x + plot.w * static_cast<float>(m.tick) / static_cast<float>(total);
    dashed_line(cv.target, {x, plot.y}, {x, plot.bottom()}, cv.theme.marker, l.stroke, 3 * l.scale);
    if (i >= rows.size() || rows[i] < 0) continue;
    const std::string text = fit_text(cv.font, m.label, size, plot.right() - x - 4 * l.scale);
    if (text.empty()) continue;
    const float y = plot.y + 1 * l.scale + static_cast<float>(rows[i]) * size * 1.15f;
    fill_rect(cv.target,
              Rect{x + 2 * l.scale, y, text_width(cv.font, text, size) + 2 * l.scale, size * 1.1f},
              cv.theme.panel);
    draw_text(cv.target, cv.font, text, size, {x + 3 * l.scale, y}, cv.theme.marker);
  }
}

/// Round values on the left of the plot, with light grid lines across it.
void draw_value_axis(const Canvas& cv, const Rect& area, Series s, const AxisScale& a,
                     float label_size, float gutter_right) {
  const std::vector<double> ticks = a.ticks();
  const float gap = ticks.size() > 1 ? area.h / static_cast<float>(ticks.size() - 1) : area.h;
  const std::size_t every = gap >= 1.3f * label_size ? 1 : 2;  // thin out crowded labels
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const float y = area.bottom() - area.h * static_cast<float>(a.fraction(ticks[i]));
    if (i > 0 && i + 1 < ticks.size())
      fill_rect(cv.target, Rect{area.x, y, area.w, 1}, cv.theme.grid);
    if (i % every != 0 && i + 1 != ticks.size()) continue;
    draw_text(cv.target, cv.font, tick_text(s, ticks[i], a.step), label_size,
              {gutter_right, y - 0.55f * label_size}, cv.theme.muted_text, Align::Right);
  }
}

/// Year numbers under the plot every 5 or 10 years, with the word "year" under the value labels.
void draw_year_axis(const Canvas& cv, const Rect& plot, int total, float size) {
  const Layout& l = cv.layout;
  const float y = plot.bottom() + 2 * l.scale;
  const int years = total / sim::kTicksPerYear;
  const float per_year = plot.w / static_cast<float>(std::max(years, 1));
  const int every = per_year * 5 >= 2.5f * text_width(cv.font, "00", size) ? 5 : 10;
  for (int year = every; year < years; year += every)
    draw_text(cv.target, cv.font, std::to_string(year), size,
              {plot.x + per_year * static_cast<float>(year), y}, cv.theme.muted_text,
              Align::Centre);
  draw_text(cv.target, cv.font, "year", size, {plot.x - 2 * l.scale, y}, cv.theme.muted_text,
            Align::Right);
}

void draw_chart(const Canvas& cv, const Rect& cell, Series s, const History& now,
                const History& before, const BranchLines& branch, bool top_row, bool x_labels) {
  const Layout& l = cv.layout;
  const Theme& th = cv.theme;
  const int total = std::max({now.total_ticks, before.total_ticks, 1});
  const AxisScale axis = axis_for(s, now, before, branch.history);
  float value_w = 0;
  if (!now.national.empty())
    value_w =
        draw_text(cv.target, cv.bold, value_text(s, plotted_value(now, s, now.national.size() - 1)),
                  l.small_px, {cell.right(), cell.y}, th.good, Align::Right);
  draw_text(cv.target, cv.font,
            fit_text(cv.font, series_title(s), l.small_px, cell.w - value_w - l.pad), l.small_px,
            {cell.x, cell.y}, th.text);
  const float label_size = std::max(11.0f, std::round(l.small_px * 0.9f));
  float gutter = 0;
  for (double v : axis.ticks())
    gutter = std::max(gutter, text_width(cv.font, tick_text(s, v, axis.step), label_size));
  gutter += 3 * l.scale;
  const float axis_h = x_labels ? label_size * 1.25f : 0.0f;
  const float top = cell.y + l.small_px * 1.35f;
  const Rect plot{cell.x + gutter, top, cell.w - gutter,
                  cell.bottom() - axis_h - 2 * l.scale - top};
  if (plot.h < 8 || plot.w < 8) return;
  fill_rect(cv.target, plot, sf::Color(248, 248, 245));
  const float mark_size = std::max(10.0f, std::round(l.small_px * 0.85f));
  const std::vector<int> rows =
      top_row ? mark_rows(cv, plot, now, total, mark_size) : std::vector<int>{};
  const int lane_rows = rows.empty() ? 0 : 1 + *std::max_element(rows.begin(), rows.end());
  const float lane = static_cast<float>(std::max(lane_rows, 0)) * mark_size * 1.15f;
  // The data area: below the labels' lane, with a little air above and below the line.
  const float air = 3 * l.scale;
  const Rect data{plot.x, plot.y + lane + air, plot.w, plot.h - lane - 2 * air};
  if (data.h < 6) return;
  for (int year = 5; year * sim::kTicksPerYear < total; year += 5) {
    const float x =
        plot.x + plot.w * static_cast<float>(year * sim::kTicksPerYear) / static_cast<float>(total);
    fill_rect(cv.target, Rect{x, plot.y, 1, plot.h}, th.grid);
  }
  draw_value_axis(cv, data, s, axis, label_size, plot.x - 2 * l.scale);
  if (x_labels) draw_year_axis(cv, plot, total, label_size);
  if (s == Series::Cu && axis.lo < kIdleCu && axis.hi > kIdleCu) {  // idle-capacity threshold
    const float y = data.bottom() - data.h * static_cast<float>(axis.fraction(kIdleCu));
    dashed_line(cv.target, {plot.x, y}, {plot.right(), y}, with_alpha(th.warning, 160), l.stroke,
                4 * l.scale);
  }
  if (axis.lo < 0 && axis.hi > 0) {
    const float y = data.bottom() - data.h * static_cast<float>(axis.fraction(0));
    fill_rect(cv.target, Rect{plot.x, y, plot.w, 1}, th.muted_text);
  }
  polyline(cv.target, line_points(before, s, data, axis, total), th.ghost, l.stroke * 1.4f);
  if (branch.history)  // under this run's line, so that where they agree both show
    dashed_polyline(cv.target,
                    line_points(*branch.history, s, data, axis, total,
                                static_cast<std::size_t>(std::max(branch.at, 0))),
                    th.branch, l.stroke * 2.2f, 5 * l.scale);
  polyline(cv.target, line_points(now, s, data, axis, total), th.good, l.stroke * 1.8f);
  draw_marks(cv, plot, now, total, rows, mark_size);
}

}  // namespace

namespace {

/// One key of the legend: a short line in the line's style and its words.
struct LegendKey {
  std::string text;
  sf::Color colour;
  float width;
  bool dashed;
};

/// The keys from the right edge leftwards, down to `left`: a key that does not fit is shortened,
/// and the keys after the first one that cannot be shown at all are left out.
void draw_legend(const Canvas& cv, const Rect& panel, float left,
                 const std::vector<LegendKey>& keys) {
  const Layout& l = cv.layout;
  const float y_text = panel.y + l.pad + 0.2f * l.title_px;
  const float y_line = panel.y + l.pad + 0.75f * l.title_px;
  const float swatch = 1.5f * l.small_px;
  float kx = panel.right() - l.pad * 1.5f;
  for (const LegendKey& k : keys) {
    const float room = kx - left - swatch - 2 * l.pad;
    const std::string text = fit_text(cv.font, k.text, l.small_px, room);
    if (text.empty() || text_width(cv.font, text, l.small_px) > room) return;
    kx -= draw_text(cv.target, cv.font, text, l.small_px, {kx, y_text}, cv.theme.muted_text,
                    Align::Right);
    const sf::Vector2f a{kx - l.pad - swatch, y_line}, b{kx - l.pad, y_line};
    if (k.dashed)
      dashed_line(cv.target, a, b, k.colour, k.width, 0.3f * swatch);
    else
      thick_line(cv.target, a, b, k.colour, k.width);
    kx -= swatch + 2.5f * l.pad;
  }
}

}  // namespace

void draw_series(const Canvas& cv, const Rect& panel, const History& now, const History& before,
                 const BranchLines& branch) {
  const Layout& l = cv.layout;
  panel_box(cv, panel);
  const float x = panel.x + l.pad * 1.5f;
  const float title_w =
      draw_text(cv.target, cv.bold,
                branch.history ? cat("Fork at ", tick_label(branch.at)) : "National indicators",
                l.title_px, {x, panel.y + l.pad}, cv.theme.text);
  // From the right, in order of importance (the last ones are left out when there is no room).
  std::vector<LegendKey> keys;
  if (branch.history) {
    keys.push_back({branch.other_label, cv.theme.branch, l.stroke * 2.2f, true});
    keys.push_back({branch.this_label, cv.theme.good, l.stroke * 1.8f, false});
    if (!before.empty()) keys.push_back({"previous run", cv.theme.ghost, l.stroke * 1.6f, false});
  } else {
    keys.push_back({"previous run", cv.theme.ghost, l.stroke * 1.6f, false});
    keys.push_back({"this run", cv.theme.good, l.stroke * 1.8f, false});
  }
  draw_legend(cv, panel, x + title_w + l.pad, keys);

  const float top = panel.y + l.pad + l.title_px * 1.5f;
  const int cols = 3, rows = 2;
  const float gap = l.pad * 2.0f;
  const float cw = (panel.w - 3 * l.pad - gap * (cols - 1)) / cols;
  const float ch = (panel.bottom() - l.pad - top - gap * 0.7f * (rows - 1)) / rows;
  for (int i = 0; i < kSeriesCount; ++i) {
    const int c = i % cols, r = i / cols;
    const Rect cell{x + static_cast<float>(c) * (cw + gap),
                    top + static_cast<float>(r) * (ch + gap * 0.7f), cw, ch};
    draw_chart(cv, cell, static_cast<Series>(i), now, before, branch, r == 0, r == rows - 1);
  }
}

}  // namespace regsim::visual
