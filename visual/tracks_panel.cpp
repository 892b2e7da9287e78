// The tracks panel.
#include "visual/tracks_panel.h"

#include <algorithm>
#include <cmath>

#include "visual/text.h"

namespace regsim::visual {

namespace {

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

/// Capacity (track colour up to demand, paler for the normal slack up to kOvershootFlag times
/// demand, striped warning colour beyond), pipeline (outlined), demand (a black tick).
void draw_bar(const Canvas& cv, const Rect& r, const TrackSnap& t, std::size_t k) {
  const Theme& th = cv.theme;
  const float s = cv.layout.scale;
  fill_rect(cv.target, r, th.bar_background);
  const double full = std::max({t.capacity + t.pipeline, t.demand, 1e-9}) * 1.08;
  auto x_of = [&](double v) {
    return r.x + r.w * static_cast<float>(std::clamp(v / full, 0.0, 1.0));
  };
  const float x_dem = x_of(t.demand), x_cap = x_of(t.capacity),
              x_pipe = x_of(t.capacity + t.pipeline);
  const Rect used{r.x, r.y, std::min(x_cap, x_dem) - r.x, r.h};
  fill_rect(cv.target, used, track_colour(k));
  const float x_flag = std::min(x_cap, x_of(t.demand * kOvershootFlag));
  if (x_flag > x_dem)
    fill_rect(cv.target, Rect{x_dem, r.y, x_flag - x_dem, r.h}, with_alpha(track_colour(k), 110));
  if (x_cap > x_flag) {
    const Rect over{x_flag, r.y, x_cap - x_flag, r.h};
    fill_rect(cv.target, over, th.warning);
    stripes(cv.target, over, with_alpha(sf::Color::White, 120), 6.0f * s, 2.0f * s);
  }
  if (x_pipe > x_cap + 0.5f) {
    const Rect pipe{x_cap, r.y + r.h * 0.2f, x_pipe - x_cap, r.h * 0.6f};
    fill_rect(cv.target, pipe, with_alpha(track_colour(k), 70));
    outline_rect(cv.target, pipe, with_alpha(th.text, 150), std::max(1.0f, s));
  }
  const float tick_w = std::max(2.0f, 3.0f * s);
  fill_rect(cv.target, Rect{x_dem - tick_w / 2, r.y - 3 * s, tick_w, r.h + 6 * s}, th.text);
}

/// Price (solid) against frontier cost (dashed grey) and the average plant's cash cost (dotted
/// brown; left out where it is 0, without capacity) over the run so far.
void draw_sparkline(const Canvas& cv, const Rect& r, const History& h, std::size_t k) {
  const Theme& th = cv.theme;
  fill_rect(cv.target, r, th.bar_background);
  if (k >= h.track_price.size() || h.track_price[k].empty()) return;
  const auto& price = h.track_price[k];
  const auto& cost = h.track_cost[k];
  const auto& cash = h.track_cash_cost[k];
  double top = 1e-9;
  for (std::size_t t = 0; t < price.size(); ++t) top = std::max({top, price[t], cost[t], cash[t]});
  top *= 1.1;
  const float ticks = static_cast<float>(std::max(h.total_ticks, 1));
  auto point = [&](std::size_t t, double v) {
    return sf::Vector2f(r.x + r.w * static_cast<float>(t + 1) / ticks,
                        r.bottom() - r.h * static_cast<float>(v / top));
  };
  std::vector<sf::Vector2f> pts;
  for (std::size_t t = 0; t < cost.size(); t += 2) pts.push_back(point(t, cost[t]));
  for (std::size_t i = 1; i < pts.size(); i += 2)
    thick_line(cv.target, pts[i - 1], pts[i], th.muted_text, cv.layout.stroke);
  pts.clear();
  for (std::size_t t = 0; t <= cash.size(); ++t) {  // one dotted piece per run of known values
    if (t < cash.size() && cash[t] > 0) {
      pts.push_back(point(t, cash[t]));
      continue;
    }
    dashed_polyline(cv.target, pts, th.cash_cost, cv.layout.stroke * 1.2f, 1.5f * cv.layout.scale);
    pts.clear();
  }
  for (std::size_t t = 0; t < price.size(); ++t) pts.push_back(point(t, price[t]));
  const bool below = price.back() < cost.back();
  polyline(cv.target, pts, below ? th.warning : sf::Color(30, 30, 30), cv.layout.stroke * 1.4f);
}

/// Width of the price sparkline column on the right of each row.
float spark_width(const Rect& row) {
  return std::round(row.w * 0.25f);
}

void draw_row(const Canvas& cv, const Rect& row, const TrackSnap& t, std::size_t k,
              const History& h) {
  const Layout& l = cv.layout;
  const Theme& th = cv.theme;
  const float spark_w = spark_width(row);
  const float left_w = row.w - spark_w - 1.5f * l.pad;
  const float sw = 0.8f * l.font_px;
  fill_rect(cv.target, Rect{row.x, row.y + 0.15f * l.font_px, sw, sw}, track_colour(k));
  outline_rect(cv.target, Rect{row.x, row.y + 0.15f * l.font_px, sw, sw}, sf::Color(40, 40, 40),
               1.0f);
  float x = row.x + sw + l.pad;
  std::string name = t.name;
  if (t.signal >= 0.95) name += " \xE2\x98\x85";  // endorsed as a hot track
  x += draw_text(cv.target, cv.bold, name, l.font_px, {x, row.y}, th.text) + l.pad;

  // First line, right: crowding; between: the overshoot warning in words.
  const std::string listing =
      t.cities_listing == 1 ? "1 city" : cat(std::to_string(t.cities_listing), " cities");
  const float listing_w = draw_text(cv.target, cv.font, listing, l.font_px, {row.x + left_w, row.y},
                                    t.cities_listing > 0 ? th.text : th.muted_text, Align::Right);
  const double ratio = t.demand > 0 ? t.capacity / t.demand : 0.0;
  if (ratio > kOvershootFlag) {
    const float room = row.x + left_w - listing_w - l.pad - x;
    std::string over = cat(fixed(ratio, 1), "\xC3\x97 demand");
    if (text_width(cv.bold, over, l.small_px) > room) over = cat(fixed(ratio, 1), "\xC3\x97");
    if (text_width(cv.bold, over, l.small_px) <= room)
      draw_text(cv.target, cv.bold, over, l.small_px, {x, row.y + 0.12f * l.font_px}, th.warning);
  }

  // Second line: the capacity bar and CU; right column: the price sparkline.
  const float y2 = row.y + l.font_px * 1.35f;
  const float bar_h = std::max(6.0f, l.font_px * 0.8f);
  const float cu_w = text_width(cv.font, "CU 100%", l.small_px) + l.pad;
  const Rect bar{row.x, y2, left_w - cu_w, bar_h};
  draw_bar(cv, bar, t, k);
  const std::string cu = cat("CU ", std::to_string(std::lround(t.cu * 100)), "%");
  draw_text(cv.target, cv.font, cu, l.small_px, {row.x + left_w, y2 - 0.05f * l.font_px},
            t.cu < 0.7 ? th.warning : th.text, Align::Right);
  const Rect spark{row.right() - spark_w, row.y + 0.1f * l.font_px, spark_w,
                   y2 + bar_h - row.y - 0.1f * l.font_px};
  draw_sparkline(cv, spark, h, k);
}

/// One line per track when two do not fit (worlds with many tracks): name, bar, crowding,
/// sparkline, in a font sized to the row.
void draw_compact_row(const Canvas& cv, const Rect& row, const TrackSnap& t, std::size_t k,
                      const History& h) {
  const Layout& l = cv.layout;
  const Theme& th = cv.theme;
  const float size = std::max(9.0f, std::min(l.small_px, row.h * 0.78f));
  const float sw = 0.7f * size;
  fill_rect(cv.target, Rect{row.x, row.y + 0.2f * size, sw, sw}, track_colour(k));
  const float name_w = row.w * 0.32f, count_w = text_width(cv.font, "000", size) + l.pad;
  const float spark_w = spark_width(row) * 0.8f;
  draw_text(cv.target, cv.bold, fit_text(cv.bold, t.name, size, name_w - sw - l.pad), size,
            {row.x + sw + l.pad / 2, row.y}, th.text);
  const float bar_x = row.x + name_w;
  const float bar_w = row.w - name_w - count_w - spark_w - 2 * l.pad;
  draw_bar(cv, Rect{bar_x, row.y + 0.15f * size, bar_w, 0.75f * size}, t, k);
  draw_text(cv.target, cv.font, std::to_string(t.cities_listing), size,
            {bar_x + bar_w + l.pad + count_w - l.pad / 2, row.y},
            t.cities_listing > 0 ? th.text : th.muted_text, Align::Right);
  draw_sparkline(cv, Rect{row.right() - spark_w, row.y + 0.05f * size, spark_w, 0.9f * size}, h, k);
}

/// The bar legend (below the title) and the sparkline legend (right of the title).
void draw_key(const Canvas& cv, const Rect& area, float title_y) {
  const Layout& l = cv.layout;
  const Theme& th = cv.theme;
  float x = area.x;
  const float y = area.y;
  const float sw = l.small_px * 0.9f, h = l.small_px * 0.7f, dy = 0.2f * l.small_px;
  const Rect over{x, y + dy, sw, h};
  fill_rect(cv.target, over, th.warning);
  stripes(cv.target, over, with_alpha(sf::Color::White, 120), 5.0f * l.scale, 1.5f * l.scale);
  x += sw + l.pad / 2;
  x += draw_text(cv.target, cv.font, "capacity > 115% of demand", l.small_px, {x, y},
                 th.muted_text) +
       l.pad * 1.5f;
  outline_rect(cv.target, Rect{x, y + dy, sw, h}, th.muted_text, 1.0f);
  x += sw + l.pad / 2;
  x += draw_text(cv.target, cv.font, "pipeline", l.small_px, {x, y}, th.muted_text) + l.pad * 1.5f;
  fill_rect(cv.target, Rect{x, y, std::max(2.0f, 3 * l.scale), l.small_px}, th.text);
  x += 3 * l.scale + l.pad / 2;
  x += draw_text(cv.target, cv.font, "demand", l.small_px, {x, y}, th.muted_text) + l.pad * 1.5f;
  if (x + text_width(cv.font, "\xE2\x98\x85 hot", l.small_px) < area.right())
    draw_text(cv.target, cv.font, "\xE2\x98\x85 hot", l.small_px, {x, y}, th.muted_text);

  // Right of the title: price (solid), best-practice cost (dashed) and the average plant's cash
  // cost (dotted) in the sparklines.
  float sx = area.right();
  const float mid = title_y + 0.6f * l.small_px;
  sx -= draw_text(cv.target, cv.font, "cash cost", l.small_px, {sx, title_y}, th.muted_text,
                  Align::Right) +
        l.pad / 2 + sw;
  dashed_line(cv.target, {sx, mid}, {sx + sw, mid}, th.cash_cost, l.stroke * 1.2f, 1.5f * l.scale);
  sx -= l.pad * 1.5f;
  sx -= draw_text(cv.target, cv.font, "best cost", l.small_px, {sx, title_y}, th.muted_text,
                  Align::Right) +
        l.pad / 2 + sw;
  dashed_line(cv.target, {sx, mid}, {sx + sw, mid}, th.muted_text, l.stroke, 3 * l.scale);
  sx -= l.pad * 1.5f;
  sx -= draw_text(cv.target, cv.font, "price", l.small_px, {sx, title_y}, th.muted_text,
                  Align::Right) +
        l.pad / 2 + sw;
  thick_line(cv.target, {sx, mid}, {sx + sw, mid}, sf::Color(30, 30, 30), l.stroke * 1.4f);
}

}  // namespace

void draw_tracks(const Canvas& cv, const Rect& panel, const Snapshot& s, const History& h) {
  const Layout& l = cv.layout;
  panel_box(cv, panel);
  const float x = panel.x + l.pad * 1.5f, w = panel.w - l.pad * 3;
  draw_text(cv.target, cv.bold, "Tracks", l.title_px, {x, panel.y + l.pad}, cv.theme.text);
  const float key_y = panel.y + l.pad + l.title_px * 1.45f;
  draw_key(cv, Rect{x, key_y, w, l.small_px}, panel.y + l.pad + 0.2f * l.title_px);
  const float top = key_y + l.small_px * 1.8f;
  const std::size_t n = s.tracks.size();
  if (n == 0) return;
  const float row_h =
      std::min((panel.bottom() - l.pad - top) / static_cast<float>(n), l.font_px * 3.6f);
  const bool compact = row_h < l.font_px * 2.5f;
  for (std::size_t k = 0; k < n; ++k) {
    const Rect row{x, top + row_h * static_cast<float>(k), w, row_h};
    const float shade_dy = compact ? 0.0f : 0.25f * l.font_px;
    if (k % 2 == 1)
      fill_rect(cv.target, Rect{panel.x + 1, row.y - shade_dy, panel.w - 2, row_h},
                sf::Color(247, 247, 244));
    if (compact)
      draw_compact_row(cv, row, s.tracks[k], k, h);
    else
      draw_row(cv, row, s.tracks[k], k, h);
  }
}

}  // namespace regsim::visual
