// The map panel.
#include "visual/map_panel.h"

#include <SFML/Graphics/RenderStates.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace regsim::visual {

namespace {

float header_height(const Layout& l) {
  return std::round(l.title_px * 1.6f);
}
float legend_height(const Layout& l) {
  return std::round(l.small_px * 1.7f);
}

double gdp_of(const CitySnap& c) {
  return c.gdp_quarter > 0 ? c.gdp_quarter : c.gdp_last_year / 4.0;
}

sf::Color city_colour(const CitySnap& c) {
  return c.dominant_track >= 0 ? track_colour(static_cast<std::size_t>(c.dominant_track))
                               : no_track_colour();
}

/// The outlines under everything else: fills recoloured from this snapshot, then thin borders.
void draw_outlines(const Canvas& cv, const Snapshot& s, const MapGeometry& g) {
  MapOutlines& o = *s.outlines;
  std::vector<sf::Color> colour(s.cities.size());
  for (std::size_t i = 0; i < s.cities.size(); ++i)
    colour[i] = outline_fill(city_colour(s.cities[i]));
  o.recolour(colour, cv.theme.panel);
  sf::RenderStates states;
  states.transform = g.km_to_screen;
  cv.target.draw(o.fill.data(), o.fill.size(), sf::Triangles, states);
  const sf::Color border(90, 90, 90, 150);
  if (!o.borders.empty() && o.borders.front().color != border)
    for (sf::Vertex& v : o.borders) v.color = border;
  cv.target.draw(o.borders.data(), o.borders.size(), sf::Lines, states);
}

void draw_edges(const Canvas& cv, const Snapshot& s, const MapGeometry& g) {
  const float width = cv.layout.stroke * 1.3f;
  for (const EdgeSnap& e : s.edges) {
    const double share = s.max_edge_weight > 0 ? e.weight / s.max_edge_weight : 0.0;
    // Weak links fade out: with high friction, cross-province links carry almost no knowledge.
    const int alpha = static_cast<int>(12 + 170 * std::pow(std::clamp(share, 0.0, 1.0), 0.7));
    thick_line(cv.target, g.pos[e.a], g.pos[e.b], with_alpha(cv.theme.edge, alpha), width);
  }
}

void draw_city(const Canvas& cv, const CitySnap& c, sf::Vector2f p, float r, bool emphasised) {
  const Theme& th = cv.theme;
  const float s = cv.layout.scale;
  const double zombie_share = c.firms > 0 ? static_cast<double>(c.zombies) / c.firms : 0.0;
  if (zombie_share >= kZombieGlowShare) {  // soft glow, wider with a larger zombie share
    const float grow = static_cast<float>(std::min(1.0, zombie_share / 0.5));
    const float glow = r + (5.0f + 9.0f * grow) * s;
    disc(cv.target, p, glow, with_alpha(th.warning, 70));
    disc(cv.target, p, (glow + r) / 2, with_alpha(th.warning, 90));
  }
  disc(cv.target, p, r, city_colour(c));
  ring(cv.target, p, r, std::max(1.0f, 0.8f * s), sf::Color(40, 40, 40));
  if (c.cu >= 0 && c.cu < kIdleCu)  // idle capacity: a thick warning ring outside the node
    ring(cv.target, p, r + 2.0f * s, 2.6f * s, th.warning);
  if (emphasised) ring(cv.target, p, r + 5.5f * s, 2.0f * s, th.highlight);
}

void draw_legend(const Canvas& cv, const Rect& panel) {
  const Layout& l = cv.layout;
  const Theme& th = cv.theme;
  const float y = panel.bottom() - legend_height(l) + 0.25f * l.small_px;
  const float r = 0.38f * l.small_px;
  float x = panel.x + l.pad * 1.5f;
  const sf::Vector2f mid(0, 0.55f * l.small_px);
  disc(cv.target, sf::Vector2f(x + r, y) + mid, r, no_track_colour());
  ring(cv.target, sf::Vector2f(x + r, y) + mid, r + 1.5f * l.scale, 2.2f * l.scale, th.warning);
  x += 2 * r + l.pad;
  x += draw_text(cv.target, cv.font, "idle (CU < 70%)", l.small_px, {x, y}, th.text) + 2 * l.pad;
  disc(cv.target, sf::Vector2f(x + r, y) + mid, r * 1.8f, with_alpha(th.warning, 90));
  disc(cv.target, sf::Vector2f(x + r, y) + mid, r, no_track_colour());
  x += 2 * r + l.pad;
  x += draw_text(cv.target, cv.font, "\xE2\x89\xA5 20% zombie firms", l.small_px, {x, y}, th.text) +
       2 * l.pad;
  thick_line(cv.target, sf::Vector2f(x, y) + mid, sf::Vector2f(x + 2.2f * l.small_px, y) + mid,
             with_alpha(th.edge, 170), l.stroke * 1.3f);
  x += 2.2f * l.small_px + l.pad;
  draw_text(cv.target, cv.font, "spillover", l.small_px, {x, y}, th.text);
}

/// The city's name above its node, or below it when it would cover the panel's header.
void draw_label(const Canvas& cv, const CitySnap& c, sf::Vector2f p, float r, float top) {
  const Layout& l = cv.layout;
  const float w = text_width(cv.bold, c.name, l.font_px);
  const float gap = r + 6 * l.scale;
  float y = p.y - gap - l.font_px * 1.3f;
  if (y < top) y = p.y + gap + 0.05f * l.font_px;
  const Rect box{p.x - w / 2 - l.pad / 2, y, w + l.pad, l.font_px * 1.25f};
  fill_rect(cv.target, box, with_alpha(cv.theme.panel, 225));
  draw_text(cv.target, cv.bold, c.name, l.font_px, {p.x, box.y + 0.1f * l.font_px}, cv.theme.text,
            Align::Centre);
}

}  // namespace

MapGeometry map_geometry(const Snapshot& s, const Rect& panel, const Layout& layout) {
  MapGeometry g;
  const float margin = 18.0f * layout.scale;
  g.plot =
      Rect{panel.x + margin, panel.y + header_height(layout) + margin * 0.5f, panel.w - 2 * margin,
           panel.h - header_height(layout) - legend_height(layout) - margin};
  double x0 = std::numeric_limits<double>::max(), x1 = -x0, y0 = x0, y1 = -x0, gdp_max = 0;
  for (const CitySnap& c : s.cities) {
    x0 = std::min(x0, c.x_km), x1 = std::max(x1, c.x_km);
    y0 = std::min(y0, c.y_km), y1 = std::max(y1, c.y_km);
    gdp_max = std::max(gdp_max, gdp_of(c));
  }
  if (s.outlines && !s.outlines->empty() && s.outlines->cities == s.cities.size()) {
    g.outlines = s.outlines;  // the whole outline fits the panel, not just the nodes
    x0 = std::min(x0, s.outlines->x0), x1 = std::max(x1, s.outlines->x1);
    y0 = std::min(y0, s.outlines->y0), y1 = std::max(y1, s.outlines->y1);
  }
  const double span = std::max({x1 - x0, y1 - y0, 1e-9});
  float unit = std::min(g.plot.w, g.plot.h) / static_cast<float>(span);  // px per km
  if (g.outlines)  // a real map fills the panel along its limiting side
    unit = std::min(g.plot.w / static_cast<float>(std::max(x1 - x0, 1e-9)),
                    g.plot.h / static_cast<float>(std::max(y1 - y0, 1e-9)));
  const float ox = g.plot.x + (g.plot.w - unit * static_cast<float>(x1 - x0)) / 2;
  const float oy = g.plot.y + (g.plot.h - unit * static_cast<float>(y1 - y0)) / 2;
  g.km_to_screen = sf::Transform(unit, 0, ox - unit * static_cast<float>(x0),   //
                                 0, -unit, oy + unit * static_cast<float>(y1),  //
                                 0, 0, 1);
  // Largest node: about 4% of the map side for 100 cities, smaller as the map gets crowded.
  const float crowd =
      std::sqrt(100.0f / static_cast<float>(std::max<std::size_t>(s.cities.size(), 1)));
  float r_max = std::clamp(std::min(g.plot.w, g.plot.h) * 0.042f * std::min(1.5f, crowd),
                           4.0f * layout.scale, 22.0f * layout.scale);
  float r_min = std::max(2.5f, 0.28f * r_max);
  if (g.outlines) {  // the fills already show the track: smaller nodes leave room to see them
    r_max *= 0.55f;
    r_min = std::max(1.5f, 0.22f * r_max);
  }
  for (const CitySnap& c : s.cities) {
    // North up: y grows upwards on the map, downwards on screen.
    g.pos.emplace_back(ox + unit * static_cast<float>(c.x_km - x0),
                       oy + unit * static_cast<float>(y1 - c.y_km));
    const double share = gdp_max > 0 ? std::sqrt(std::max(0.0, gdp_of(c)) / gdp_max) : 0.0;
    g.radius.push_back(r_min + (r_max - r_min) * static_cast<float>(share));
  }
  return g;
}

int city_at(const MapGeometry& g, sf::Vector2f point, float margin) {
  int best = -1;
  float best_d2 = std::numeric_limits<float>::max();
  for (std::size_t i = 0; i < g.pos.size(); ++i) {
    const sf::Vector2f d = g.pos[i] - point;
    const float d2 = d.x * d.x + d.y * d.y;
    const float reach = g.radius[i] + margin;
    if (d2 <= reach * reach && d2 < best_d2) best = static_cast<int>(i), best_d2 = d2;
  }
  if (best < 0 && g.outlines) {
    const sf::Vector2f km = g.km_to_screen.getInverse().transformPoint(point);
    best = g.outlines->city_at(km.x, km.y);
  }
  return best;
}

void draw_map(const Canvas& cv, const Rect& panel, const Snapshot& s, const MapGeometry& g,
              int hovered, int pinned) {
  const Layout& l = cv.layout;
  panel_box(cv, panel);
  const float title_w = draw_text(cv.target, cv.bold, "Cities", l.title_px,
                                  {panel.x + l.pad * 1.5f, panel.y + l.pad}, cv.theme.text);
  const std::string hint = fit_text(cv.font, "colour = main track \xC2\xB7 size = GDP", l.small_px,
                                    panel.w - title_w - l.pad * 6);
  draw_text(cv.target, cv.font, hint, l.small_px,
            {panel.right() - l.pad * 1.5f, panel.y + l.pad + 0.2f * l.title_px},
            cv.theme.muted_text, Align::Right);
  if (g.outlines) draw_outlines(cv, s, g);
  draw_edges(cv, s, g);
  for (std::size_t i = 0; i < s.cities.size(); ++i)
    draw_city(cv, s.cities[i], g.pos[i], g.radius[i],
              static_cast<int>(i) == hovered || static_cast<int>(i) == pinned);
  for (int i : {pinned, hovered})
    if (i >= 0 && static_cast<std::size_t>(i) < s.cities.size())
      draw_label(cv, s.cities[static_cast<std::size_t>(i)], g.pos[static_cast<std::size_t>(i)],
                 g.radius[static_cast<std::size_t>(i)], panel.y + header_height(l));
  draw_legend(cv, panel);
}

}  // namespace regsim::visual
