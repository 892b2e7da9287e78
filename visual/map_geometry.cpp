// Where the map panel draws each city: the plot area, the km-to-screen transform fitted to the
// map, the inset box of far-off cities, node sizes, and hit tests.
#include <algorithm>
#include <cmath>
#include <limits>

#include "visual/map_panel.h"

namespace regsim::visual {

namespace {

double gdp_of(const CitySnap& c) {
  return c.gdp_quarter > 0 ? c.gdp_quarter : c.gdp_last_year / 4.0;
}

/// Maps the box [x0, x1] x [y0, y1] (km, y north) centred into `r` at `unit` px per km.
sf::Transform fit_transform(const Rect& r, double x0, double y0, double x1, double y1, float unit) {
  const float ox = r.x + (r.w - unit * static_cast<float>(x1 - x0)) / 2;
  const float oy = r.y + (r.h - unit * static_cast<float>(y1 - y0)) / 2;
  return sf::Transform(unit, 0, ox - unit * static_cast<float>(x0),   //
                       0, -unit, oy + unit * static_cast<float>(y1),  //
                       0, 0, 1);
}

/// The inset's box in the corner of the plot that covers the fewest of the other cities, at most
/// a fifth of the plot wide and a third high, never drawn larger than the main map's scale.
MapInset place_inset(const MapOutlines& o, const Rect& plot, float main_unit,
                     const std::vector<sf::Vector2f>& main_pos, float pad) {
  const double w_km = std::max(o.ix1 - o.ix0, 1e-9), h_km = std::max(o.iy1 - o.iy0, 1e-9);
  const float unit = std::min({main_unit, (0.2f * plot.w - 2 * pad) / static_cast<float>(w_km),
                               (0.34f * plot.h - 2 * pad) / static_cast<float>(h_km)});
  const float fw = unit * static_cast<float>(w_km) + 2 * pad,
              fh = unit * static_cast<float>(h_km) + 2 * pad;
  const Rect corners[] = {{plot.right() - fw, plot.bottom() - fh, fw, fh},
                          {plot.x, plot.bottom() - fh, fw, fh},
                          {plot.right() - fw, plot.y, fw, fh},
                          {plot.x, plot.y, fw, fh}};
  std::size_t best = 0, best_count = std::numeric_limits<std::size_t>::max();
  for (std::size_t i = 0; i < std::size(corners); ++i) {
    std::size_t count = 0;
    for (const sf::Vector2f& p : main_pos) count += corners[i].contains(p.x, p.y) ? 1 : 0;
    if (count < best_count) best = i, best_count = count;
  }
  MapInset inset;
  inset.frame = corners[best];
  inset.km_to_screen = fit_transform(inset.frame.inset(pad), o.ix0, o.iy0, o.ix1, o.iy1, unit);
  return inset;
}

}  // namespace

Rect map_plot_rect(const Rect& panel, const Layout& layout, bool real_map, MapMode mode) {
  // A real map's outlines fill the panel up to a thin margin; synthetic nodes need room for
  // their radius and labels.
  const float margin = (real_map ? 6.0f : 18.0f) * layout.scale;
  const float header = map_header_height(layout), legend = map_legend_height(layout, mode);
  return Rect{panel.x + margin, panel.y + header + margin * 0.5f, panel.w - 2 * margin,
              panel.h - header - legend - margin};
}

MapGeometry map_geometry(const Snapshot& s, const Rect& panel, const Layout& layout, MapMode mode) {
  MapGeometry g;
  if (s.outlines && !s.outlines->empty() && s.outlines->cities == s.cities.size())
    g.outlines = s.outlines;
  g.plot = map_plot_rect(panel, layout, g.outlines != nullptr, mode);
  const bool with_inset = g.outlines && !g.outlines->inset_cities.empty();
  double x0 = std::numeric_limits<double>::max(), x1 = -x0, y0 = x0, y1 = -x0, gdp_max = 0;
  for (std::size_t i = 0; i < s.cities.size(); ++i) {
    const CitySnap& c = s.cities[i];
    gdp_max = std::max(gdp_max, gdp_of(c));
    if (with_inset && g.outlines->in_inset[i]) continue;
    x0 = std::min(x0, c.x_km), x1 = std::max(x1, c.x_km);
    y0 = std::min(y0, c.y_km), y1 = std::max(y1, c.y_km);
  }
  if (g.outlines) {  // the whole outline fits the panel, not just the nodes
    x0 = std::min(x0, g.outlines->x0), x1 = std::max(x1, g.outlines->x1);
    y0 = std::min(y0, g.outlines->y0), y1 = std::max(y1, g.outlines->y1);
  }
  if (!(x0 <= x1)) x0 = x1 = y0 = y1 = 0;
  const double span = std::max({x1 - x0, y1 - y0, 1e-9});
  float unit = std::min(g.plot.w, g.plot.h) / static_cast<float>(span);  // px per km
  if (g.outlines)  // a real map fills the panel along its limiting side
    unit = std::min(g.plot.w / static_cast<float>(std::max(x1 - x0, 1e-9)),
                    g.plot.h / static_cast<float>(std::max(y1 - y0, 1e-9)));
  g.km_to_screen = fit_transform(g.plot, x0, y0, x1, y1, unit);
  for (const CitySnap& c : s.cities)
    g.pos.push_back(
        g.km_to_screen.transformPoint(static_cast<float>(c.x_km), static_cast<float>(c.y_km)));
  if (with_inset) {
    std::vector<sf::Vector2f> main_pos;
    for (std::size_t i = 0; i < s.cities.size(); ++i)
      if (!g.outlines->in_inset[i]) main_pos.push_back(g.pos[i]);
    g.inset = place_inset(*g.outlines, g.plot, unit, main_pos, 4 * layout.scale);
    for (std::uint32_t i : g.outlines->inset_cities)
      if (i < s.cities.size())
        g.pos[i] = g.inset->km_to_screen.transformPoint(static_cast<float>(s.cities[i].x_km),
                                                        static_cast<float>(s.cities[i].y_km));
  }
  // Largest node: about 4% of the map side for 100 cities, smaller as the map gets crowded.
  const float crowd =
      std::sqrt(100.0f / static_cast<float>(std::max<std::size_t>(s.cities.size(), 1)));
  float r_max = std::clamp(std::min(g.plot.w, g.plot.h) * 0.042f * std::min(1.5f, crowd),
                           4.0f * layout.scale, 22.0f * layout.scale);
  float r_min = std::max(2.5f, 0.28f * r_max);
  if (g.outlines) {  // the fills already show the colour: smaller nodes leave room to see them
    r_max *= 0.55f;
    r_min = std::max(1.5f, 0.22f * r_max);
  }
  for (const CitySnap& c : s.cities) {
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
  if (best >= 0 || !g.outlines) return best;
  const bool in_box = g.inset && g.inset->frame.contains(point.x, point.y);
  const sf::Transform& t = in_box ? g.inset->km_to_screen : g.km_to_screen;
  const sf::Vector2f km = t.getInverse().transformPoint(point);
  best = g.outlines->city_at(km.x, km.y);
  // Inside the box only its cities count; outside it, only the others.
  if (best >= 0 && g.in_inset(static_cast<std::size_t>(best)) != in_box) best = -1;
  return best;
}

}  // namespace regsim::visual
