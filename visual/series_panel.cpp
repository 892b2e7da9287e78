// The time-series panel.
#include "visual/series_panel.h"

#include <algorithm>
#include <cmath>

#include "sim/types.h"
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

struct Range {
  double lo = 0, hi = 1;
};

/// Shares live in [0, 1]; other series scale to what both runs reached, from zero.
Range range_for(Series s, const History& now, const History& before) {
  Range r;
  const bool share = s == Series::Cu || s == Series::Similarity;
  double lo = 0, hi = share ? 1.0 : 1e-9;
  for (const History* h : {&now, &before})
    for (std::size_t t = 0; t < h->national.size(); ++t) {
      const double v = plotted_value(*h, s, t);
      if (!std::isfinite(v)) continue;
      hi = std::max(hi, v);
      lo = std::min(lo, v);
    }
  r.lo = lo;
  r.hi = share ? std::max(1.0, hi) : hi * 1.1;
  if (s == Series::PriceIndex) r.hi = std::max(r.hi, 1.2);
  return r;
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

std::vector<sf::Vector2f> line_points(const History& h, Series s, const Rect& plot, Range r,
                                      int total) {
  std::vector<sf::Vector2f> pts;
  const double span = std::max(r.hi - r.lo, 1e-12);
  for (std::size_t t = 0; t < h.national.size(); ++t) {
    const double v = plotted_value(h, s, t);
    if (!std::isfinite(v)) continue;
    pts.emplace_back(plot.x + plot.w * static_cast<float>(t + 1) / static_cast<float>(total),
                     plot.bottom() - plot.h * static_cast<float>((v - r.lo) / span));
  }
  return pts;
}

/// Dashed lines at policy changes; labels (top row only) start below the axis label when they
/// would cross it (`axis_label_end`), and stack when they would overlap each other.
void draw_marks(const Canvas& cv, const Rect& plot, const History& h, int total, bool labels,
                float axis_label_end) {
  const Layout& l = cv.layout;
  float last_label_end = -1e9f;
  int row = 0;
  for (const PolicyMark& m : h.marks) {
    const float x = plot.x + plot.w * static_cast<float>(m.tick) / static_cast<float>(total);
    dashed_line(cv.target, {x, plot.y}, {x, plot.bottom()}, cv.theme.marker, l.stroke, 3 * l.scale);
    if (!labels) continue;
    row = x > last_label_end ? (x < axis_label_end ? 1 : 0) : row + 1;
    const float size = l.small_px * 0.9f;
    const std::string text = fit_text(cv.font, m.label, size, plot.right() - x - 4 * l.scale);
    const float y = plot.y + 2 * l.scale + static_cast<float>(row) * size * 1.1f;
    const float w = text_width(cv.font, text, size);
    fill_rect(cv.target, Rect{x + 2 * l.scale, y, w + 2 * l.scale, size * 1.05f},
              with_alpha(cv.theme.panel, 210));
    draw_text(cv.target, cv.font, text, size, {x + 3 * l.scale, y}, cv.theme.marker);
    last_label_end = std::max(last_label_end, x + w + 6 * l.scale);
  }
}

void draw_chart(const Canvas& cv, const Rect& cell, Series s, const History& now,
                const History& before, bool top_row, bool x_labels) {
  const Layout& l = cv.layout;
  const Theme& th = cv.theme;
  const int total = std::max({now.total_ticks, before.total_ticks, 1});
  const Range r = range_for(s, now, before);
  float value_w = 0;
  if (!now.national.empty())
    value_w =
        draw_text(cv.target, cv.bold, value_text(s, plotted_value(now, s, now.national.size() - 1)),
                  l.small_px, {cell.right(), cell.y}, th.good, Align::Right);
  draw_text(cv.target, cv.font,
            fit_text(cv.font, series_title(s), l.small_px, cell.w - value_w - l.pad), l.small_px,
            {cell.x, cell.y}, th.text);
  const float axis_h = x_labels ? l.small_px * 1.2f : 0.0f;
  const Rect plot{cell.x, cell.y + l.small_px * 1.35f, cell.w,
                  cell.h - l.small_px * 1.35f - axis_h - 2 * l.scale};
  if (plot.h < 8) return;
  fill_rect(cv.target, plot, sf::Color(248, 248, 245));
  const int label_every = plot.w < 10 * l.font_px ? 10 : 5;  // years between x labels
  for (int year = 5; year * sim::kTicksPerYear < total; year += 5) {
    const float x =
        plot.x + plot.w * static_cast<float>(year * sim::kTicksPerYear) / static_cast<float>(total);
    fill_rect(cv.target, Rect{x, plot.y, 1, plot.h}, th.grid);
    if (x_labels && year % label_every == 0)
      draw_text(cv.target, cv.font, cat("year ", std::to_string(year)), l.small_px * 0.85f,
                {x, plot.bottom() + 2 * l.scale}, th.muted_text, Align::Centre);
  }
  if (s == Series::Cu) {  // the idle-capacity threshold
    const float y = plot.bottom() - plot.h * static_cast<float>((0.7 - r.lo) / (r.hi - r.lo));
    dashed_line(cv.target, {plot.x, y}, {plot.right(), y}, with_alpha(th.warning, 160), l.stroke,
                4 * l.scale);
  }
  if (r.lo < 0) {
    const float y = plot.bottom() - plot.h * static_cast<float>(-r.lo / (r.hi - r.lo));
    fill_rect(cv.target, Rect{plot.x, y, plot.w, 1}, th.muted_text);
  }
  const float max_w = draw_text(cv.target, cv.font, value_text(s, r.hi), l.small_px * 0.8f,
                                {plot.x + 2 * l.scale, plot.y + 1}, th.muted_text);
  polyline(cv.target, line_points(before, s, plot, r, total), th.ghost, l.stroke * 1.4f);
  polyline(cv.target, line_points(now, s, plot, r, total), th.good, l.stroke * 1.8f);
  draw_marks(cv, plot, now, total, top_row, plot.x + max_w + 4 * l.scale);
}

}  // namespace

void draw_series(const Canvas& cv, const Rect& panel, const History& now, const History& before) {
  const Layout& l = cv.layout;
  panel_box(cv, panel);
  const float x = panel.x + l.pad * 1.5f;
  draw_text(cv.target, cv.bold, "National indicators", l.title_px, {x, panel.y + l.pad},
            cv.theme.text);
  float kx = panel.right() - l.pad * 1.5f;
  kx -= draw_text(cv.target, cv.font, "previous run", l.small_px,
                  {kx, panel.y + l.pad + 0.2f * l.title_px}, cv.theme.muted_text, Align::Right);
  thick_line(cv.target, {kx - l.pad - 1.5f * l.small_px, panel.y + l.pad + 0.75f * l.title_px},
             {kx - l.pad, panel.y + l.pad + 0.75f * l.title_px}, cv.theme.ghost, l.stroke * 1.6f);
  kx -= 1.5f * l.small_px + 2.5f * l.pad;
  kx -= draw_text(cv.target, cv.font, "this run", l.small_px,
                  {kx, panel.y + l.pad + 0.2f * l.title_px}, cv.theme.muted_text, Align::Right);
  thick_line(cv.target, {kx - l.pad - 1.5f * l.small_px, panel.y + l.pad + 0.75f * l.title_px},
             {kx - l.pad, panel.y + l.pad + 0.75f * l.title_px}, cv.theme.good, l.stroke * 1.8f);

  const float top = panel.y + l.pad + l.title_px * 1.5f;
  const int cols = 3, rows = 2;
  const float gap = l.pad * 2.0f;
  const float cw = (panel.w - 3 * l.pad - gap * (cols - 1)) / cols;
  const float ch = (panel.bottom() - l.pad - top - gap * 0.4f * (rows - 1)) / rows;
  for (int i = 0; i < kSeriesCount; ++i) {
    const int c = i % cols, r = i / cols;
    const Rect cell{x + static_cast<float>(c) * (cw + gap),
                    top + static_cast<float>(r) * (ch + gap * 0.4f), cw, ch};
    draw_chart(cv, cell, static_cast<Series>(i), now, before, r == 0, r == rows - 1);
  }
}

}  // namespace regsim::visual
