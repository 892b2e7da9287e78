// The tracks panel.
#include "visual/tracks_panel.h"

#include <algorithm>
#include <cmath>

#include <SFML/Graphics/VertexArray.hpp>

#include "visual/text.h"
#include "visual/track_signals.h"

namespace regsim::visual {

namespace {

/// Capacity (track colour up to the demand for its plants, paler for the normal slack up to
/// kOvershootFlag times it, striped warning colour beyond), pipeline (outlined), home demand (a
/// black tick) and, with trade, home demand plus net exports (a blue tick).
void draw_bar(const Canvas& cv, const Rect& r, const TrackSnap& t, std::size_t k) {
  const Theme& th = cv.theme;
  const float s = cv.layout.scale;
  fill_rect(cv.target, r, th.bar_background);
  const double sales = sales_demand(t);
  const double full = std::max({t.capacity + t.pipeline, t.demand, sales, 1e-9}) * 1.08;
  auto x_of = [&](double v) {
    return r.x + r.w * static_cast<float>(std::clamp(v / full, 0.0, 1.0));
  };
  const float x_dem = x_of(t.demand), x_sales = x_of(sales), x_cap = x_of(t.capacity),
              x_pipe = x_of(t.capacity + t.pipeline);
  const Rect used{r.x, r.y, std::min(x_cap, x_sales) - r.x, r.h};
  fill_rect(cv.target, used, track_colour(k));
  const float x_flag = std::min(x_cap, x_of(sales * kOvershootFlag));
  if (x_flag > x_sales)
    fill_rect(cv.target, Rect{x_sales, r.y, x_flag - x_sales, r.h},
              with_alpha(track_colour(k), 110));
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
  if (std::fabs(x_sales - x_dem) >= 1.0f) {
    const float y_mid = r.y + r.h / 2;
    thick_line(cv.target, {x_dem, y_mid}, {x_sales, y_mid}, th.good, std::max(2.0f, 2.0f * s));
    fill_rect(cv.target, Rect{x_sales - tick_w / 2, r.y - 3 * s, tick_w, r.h + 6 * s}, th.good);
  }
  fill_rect(cv.target, Rect{x_dem - tick_w / 2, r.y - 3 * s, tick_w, r.h + 6 * s}, th.text);
}

/// Price (solid) and frontier cost (dashed grey) relative to the average plant's cash cost, which
/// is the flat dotted brown line at 1 (left out where it is unknown, without capacity), over the
/// run so far. The background turns the warning colour in proportion to the price-war intensity,
/// and the gap is filled where the price is below the cash cost.
void draw_sparkline(const Canvas& cv, const Rect& r, const History& h, std::size_t k) {
  const Theme& th = cv.theme;
  fill_rect(cv.target, r, th.bar_background);
  if (k >= h.track_price.size() || h.track_price[k].empty()) return;
  const auto& cash = h.track_cash_cost[k];
  const std::vector<double> price = relative_to(h.track_price[k], cash);
  const std::vector<double> cost = relative_to(h.track_cost[k], cash);
  const SparkRange range = spark_range(price, cost);
  const float ticks = static_cast<float>(std::max(h.total_ticks, 1));
  auto x_at = [&](std::size_t t) { return r.x + r.w * static_cast<float>(t) / ticks; };
  auto y_of = [&](double v) {
    const double f = std::clamp((v - range.lo) / (range.hi - range.lo), 0.0, 1.0);
    return r.bottom() - r.h * static_cast<float>(f);
  };
  auto point = [&](std::size_t t, double v) { return sf::Vector2f(x_at(t + 1), y_of(v)); };
  if (k < h.track_war.size()) {  // one band per run of ticks with the same shade
    const auto& war = h.track_war[k];
    auto shade = [&](std::size_t t) {
      return static_cast<int>(std::lround(90 * std::clamp(war[t], 0.0, 1.0)));
    };
    std::size_t from = 0;
    for (std::size_t t = 1; t <= war.size(); ++t) {
      if (t < war.size() && shade(t) == shade(from)) continue;
      if (shade(from) > 0)
        fill_rect(cv.target, Rect{x_at(from), r.y, x_at(t) - x_at(from), r.h},
                  with_alpha(th.warning, shade(from)));
      from = t;
    }
  }
  const float y_one = y_of(1.0);
  for (const auto& [first, last] : below_cost_spans(h.track_price[k], cash)) {
    sf::VertexArray strip(sf::TriangleStrip);
    const sf::Color fill = with_alpha(th.warning, 190);
    for (std::size_t t = first; t < last; ++t) {
      strip.append(sf::Vertex(sf::Vector2f(x_at(t + 1), y_one), fill));
      strip.append(sf::Vertex(point(t, price[t]), fill));
    }
    if (last - first == 1) {  // one quarter: a sliver a pixel wide
      strip.append(sf::Vertex(sf::Vector2f(x_at(first + 1) + 1, y_one), fill));
      strip.append(sf::Vertex(point(first, price[first]) + sf::Vector2f(1, 0), fill));
    }
    cv.target.draw(strip);
  }
  // One piece per run of known values: the cash cost (dotted, at 1), best cost (dashed), price.
  auto pieces = [&](const std::vector<double>& v, auto&& draw) {
    std::vector<sf::Vector2f> pts;
    for (std::size_t t = 0; t <= v.size(); ++t) {
      if (t < v.size() && std::isfinite(v[t])) {
        pts.push_back(point(t, v[t]));
        continue;
      }
      if (pts.size() > 1) draw(pts);
      pts.clear();
    }
  };
  pieces(relative_to(cash, cash), [&](const std::vector<sf::Vector2f>& pts) {
    dashed_polyline(cv.target, pts, th.cash_cost, cv.layout.stroke * 1.4f, 2.0f * cv.layout.scale);
  });
  pieces(cost, [&](const std::vector<sf::Vector2f>& pts) {
    dashed_polyline(cv.target, pts, th.muted_text, cv.layout.stroke, 3.0f * cv.layout.scale);
  });
  const bool below = std::isfinite(price.back()) && price.back() < 1.0;
  pieces(price, [&](const std::vector<sf::Vector2f>& pts) {
    polyline(cv.target, pts, below ? th.warning : sf::Color(30, 30, 30), cv.layout.stroke * 1.4f);
  });
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
  const float room = row.x + left_w - listing_w - l.pad - x;
  for (const std::string& badge : badge_candidates(t)) {
    if (text_width(cv.bold, badge, l.small_px) > room) continue;
    draw_text(cv.target, cv.bold, badge, l.small_px, {x, row.y + 0.12f * l.font_px}, th.warning);
    break;
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
  const Rect spark = track_sparkline(l, row);
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

/// The bar legend (below the title, with the trade tick when the rest of the world is on), the
/// sparkline's shading (second line) and the sparkline's lines (right of the title).
void draw_key(const Canvas& cv, const Rect& area, float title_y, bool trade) {
  const Layout& l = cv.layout;
  const Theme& th = cv.theme;
  const float sw = l.small_px * 0.9f, h = l.small_px * 0.7f, dy = 0.2f * l.small_px;
  const float tick_w = std::max(2.0f, 3 * l.scale);
  float x = area.x, y = area.y;
  // One swatch and its label; left out when it would not fit on the line.
  auto item = [&](const std::string& label, float swatch_w, auto&& swatch) {
    if (x + swatch_w + l.pad / 2 + text_width(cv.font, label, l.small_px) > area.right()) return;
    swatch(x);
    x += swatch_w + l.pad / 2;
    x += draw_text(cv.target, cv.font, label, l.small_px, {x, y}, th.muted_text) + l.pad * 1.5f;
  };
  item("capacity > 115% of demand", sw, [&](float at) {
    const Rect over{at, y + dy, sw, h};
    fill_rect(cv.target, over, th.warning);
    stripes(cv.target, over, with_alpha(sf::Color::White, 120), 5.0f * l.scale, 1.5f * l.scale);
  });
  item("pipeline", sw, [&](float at) {
    outline_rect(cv.target, Rect{at, y + dy, sw, h}, th.muted_text, 1.0f);
  });
  item("demand", tick_w, [&](float at) {
    fill_rect(cv.target, Rect{at, y, tick_w, l.small_px}, th.text);
  });
  x = area.x, y = area.y + l.small_px * 1.25f;
  if (trade)
    item("net of trade", tick_w, [&](float at) {
      fill_rect(cv.target, Rect{at, y, tick_w, l.small_px}, th.good);
    });
  item("price war", sw, [&](float at) {
    fill_rect(cv.target, Rect{at, y + dy, sw, h}, th.bar_background);
    fill_rect(cv.target, Rect{at, y + dy, sw, h}, with_alpha(th.warning, 90));
  });
  item("below cash cost", sw, [&](float at) {
    fill_rect(cv.target, Rect{at, y + dy, sw, h}, with_alpha(th.warning, 170));
  });
  item("\xE2\x98\x85 hot", 0.0f, [](float) {});

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

Rect track_row(const Layout& l, const Rect& panel, std::size_t tracks, std::size_t k) {
  const float x = panel.x + l.pad * 1.5f, w = panel.w - l.pad * 3;
  const float key_y = panel.y + l.pad + l.title_px * 1.45f;
  const float top = key_y + l.small_px * 3.05f;
  const float row_h =
      std::min((panel.bottom() - l.pad - top) / static_cast<float>(tracks), l.font_px * 3.6f);
  return Rect{x, top + row_h * static_cast<float>(k), w, row_h};
}

bool compact_rows(const Layout& l, const Rect& row) {
  return row.h < l.font_px * 2.5f;
}

Rect track_sparkline(const Layout& l, const Rect& row) {
  const float spark_w = spark_width(row);
  const float y2 = row.y + l.font_px * 1.35f;
  const float bar_h = std::max(6.0f, l.font_px * 0.8f);
  return Rect{row.right() - spark_w, row.y + 0.1f * l.font_px, spark_w,
              y2 + bar_h - row.y - 0.1f * l.font_px};
}

void draw_tracks(const Canvas& cv, const Rect& panel, const Snapshot& s, const History& h) {
  const Layout& l = cv.layout;
  panel_box(cv, panel);
  const float x = panel.x + l.pad * 1.5f, w = panel.w - l.pad * 3;
  draw_text(cv.target, cv.bold, "Tracks", l.title_px, {x, panel.y + l.pad}, cv.theme.text);
  const float key_y = panel.y + l.pad + l.title_px * 1.45f;
  draw_key(cv, Rect{x, key_y, w, l.small_px}, panel.y + l.pad + 0.2f * l.title_px,
           s.params.market.rest_of_world);
  const std::size_t n = s.tracks.size();
  for (std::size_t k = 0; k < n; ++k) {
    const Rect row = track_row(l, panel, n, k);
    const bool compact = compact_rows(l, row);
    const float shade_dy = compact ? 0.0f : 0.25f * l.font_px;
    if (k % 2 == 1)
      fill_rect(cv.target, Rect{panel.x + 1, row.y - shade_dy, panel.w - 2, row.h},
                sf::Color(247, 247, 244));
    if (compact)
      draw_compact_row(cv, row, s.tracks[k], k, h);
    else
      draw_row(cv, row, s.tracks[k], k, h);
  }
}

}  // namespace regsim::visual
