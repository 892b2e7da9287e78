// The map panel: outlines, links, city nodes and the legend of the chosen map mode.
#include "visual/map_panel.h"

#include <SFML/Graphics/RenderStates.hpp>

#include <algorithm>
#include <cmath>

#include "visual/text.h"

namespace regsim::visual {

namespace {

/// The fill of a city's outline: its colour lightened (more in main-track mode, where the
/// nodes carry the colour; less in the other modes, where the fills are the message).
sf::Color fill_of(sf::Color c, bool main_mode) {
  if (main_mode) return outline_fill(c);
  auto mix = [](sf::Uint8 v) {
    return static_cast<sf::Uint8>(std::lround(255.0 - 0.8 * (255.0 - static_cast<double>(v))));
  };
  return sf::Color(mix(c.r), mix(c.g), mix(c.b));
}

/// The outlines under everything else: fills recoloured from this snapshot, then thin borders;
/// the inset cities through the inset's transform, inside a framed box.
void draw_outlines(const Canvas& cv, const Snapshot& s, const MapGeometry& g,
                   const MapColours& colours) {
  MapOutlines& o = *s.outlines;
  std::vector<sf::Color> fill(s.cities.size());
  for (std::size_t i = 0; i < s.cities.size() && i < colours.city.size(); ++i)
    fill[i] = fill_of(colours.city[i], colours.warnings);
  o.recolour(fill, cv.theme.panel);
  const sf::Color border(90, 90, 90, 150);
  if (!o.borders.empty() && o.borders.front().color != border)
    for (sf::Vertex& v : o.borders) v.color = border;
  sf::RenderStates states;
  states.transform = g.km_to_screen;
  const std::size_t fill_end = g.inset ? o.inset_fill : o.fill.size();
  const std::size_t border_end = g.inset ? o.inset_borders : o.borders.size();
  cv.target.draw(o.fill.data(), fill_end, sf::Triangles, states);
  cv.target.draw(o.borders.data(), border_end, sf::Lines, states);
  if (!g.inset) return;
  fill_rect(cv.target, g.inset->frame, cv.theme.panel);
  outline_rect(cv.target, g.inset->frame, cv.theme.panel_border, std::max(1.0f, cv.layout.scale));
  states.transform = g.inset->km_to_screen;
  cv.target.draw(o.fill.data() + fill_end, o.fill.size() - fill_end, sf::Triangles, states);
  cv.target.draw(o.borders.data() + border_end, o.borders.size() - border_end, sf::Lines, states);
}

void draw_edges(const Canvas& cv, const Snapshot& s, const MapGeometry& g) {
  const float width = cv.layout.stroke * 1.3f;
  for (const EdgeSnap& e : s.edges) {
    if (g.in_inset(e.a) || g.in_inset(e.b)) continue;  // would cross the map to the inset box
    const double share = s.max_edge_weight > 0 ? e.weight / s.max_edge_weight : 0.0;
    // Weak links fade out: with high friction, cross-province links carry almost no knowledge.
    const int alpha = static_cast<int>(12 + 170 * std::pow(std::clamp(share, 0.0, 1.0), 0.7));
    thick_line(cv.target, g.pos[e.a], g.pos[e.b], with_alpha(cv.theme.edge, alpha), width);
  }
}

void draw_city(const Canvas& cv, const CitySnap& c, sf::Vector2f p, float r, sf::Color colour,
               bool warnings, bool emphasised) {
  const Theme& th = cv.theme;
  const float s = cv.layout.scale;
  const double zombie_share = c.firms > 0 ? static_cast<double>(c.zombies) / c.firms : 0.0;
  if (warnings && zombie_share >= kZombieGlowShare) {  // soft glow, wider with more zombies
    const float grow = static_cast<float>(std::min(1.0, zombie_share / 0.5));
    const float glow = r + (5.0f + 9.0f * grow) * s;
    disc(cv.target, p, glow, with_alpha(th.warning, 70));
    disc(cv.target, p, (glow + r) / 2, with_alpha(th.warning, 90));
  }
  disc(cv.target, p, r, colour);
  ring(cv.target, p, r, std::max(1.0f, 0.8f * s), sf::Color(40, 40, 40));
  if (warnings && c.cu >= 0 && c.cu < kIdleCu)  // idle capacity: a thick ring outside the node
    ring(cv.target, p, r + 2.0f * s, 2.6f * s, th.warning);
  if (emphasised) ring(cv.target, p, r + 5.5f * s, 2.0f * s, th.highlight);
}

/// A swatch and its label at (x, y); returns the width used.
float legend_swatch(const Canvas& cv, float x, float y, sf::Color c, const std::string& label) {
  const Layout& l = cv.layout;
  const float sw = 0.85f * l.small_px;
  const Rect box{x, y + 0.2f * l.small_px, sw, sw};
  fill_rect(cv.target, box, c);
  outline_rect(cv.target, box, sf::Color(60, 60, 60), 1.0f);
  return sw + 0.3f * l.small_px +
         draw_text(cv.target, cv.font, label, l.small_px, {x + sw + 0.3f * l.small_px, y},
                   cv.theme.text);
}

float entry_width(const Canvas& cv, const LegendEntry& e, std::string& label) {
  label = e.count >= 0 ? cat(std::to_string(e.count), " ", e.label) : e.label;
  return 0.85f * cv.layout.small_px + 0.3f * cv.layout.small_px +
         text_width(cv.font, label, cv.layout.small_px) + 2 * cv.layout.pad;
}

/// Categories flowing over the legend's rows from `x`, wrapping at the panel's edge.
void draw_entries(const Canvas& cv, const Rect& area, float x, float y,
                  const std::vector<LegendEntry>& entries) {
  const float row_h = 1.5f * cv.layout.small_px;
  for (const LegendEntry& e : entries) {
    std::string label;
    const float w = entry_width(cv, e, label);
    if (x + w > area.right() + 2 * cv.layout.pad && x > area.x) x = area.x, y += row_h;
    if (y + row_h > area.bottom() + 0.5f * row_h) return;
    legend_swatch(cv, x, y, e.colour, label);
    x += w;
  }
}

/// The gradient bar on the first row, its values under it on the second, and the categories
/// (no capacity, past the age limit) to its right.
void draw_gradient(const Canvas& cv, const Rect& area, const Gradient& g,
                   const std::vector<LegendEntry>& entries) {
  const Layout& l = cv.layout;
  float entries_w = 0;
  for (const LegendEntry& e : entries) {
    std::string label;
    entries_w += entry_width(cv, e, label);
  }
  const float label_w = text_width(cv.font, "100% idle", l.small_px) / 2;
  const Rect bar{area.x + label_w, area.y + 0.15f * l.small_px,
                 std::min(area.w - entries_w - 2 * label_w, 22 * l.small_px), 0.9f * l.small_px};
  const int steps = std::max(8, static_cast<int>(bar.w / 3));
  for (int i = 0; i < steps; ++i) {
    const double v = g.lo() + (g.hi() - g.lo()) * (i + 0.5) / steps;
    const float x0 = bar.x + bar.w * static_cast<float>(i) / static_cast<float>(steps);
    fill_rect(cv.target,
              Rect{std::floor(x0), bar.y, std::ceil(bar.w / static_cast<float>(steps)) + 1, bar.h},
              g.at(v));
  }
  outline_rect(cv.target, bar, sf::Color(60, 60, 60), 1.0f);
  for (const auto& [v, text] : g.ticks) {
    const float x =
        bar.x + bar.w * static_cast<float>((v - g.lo()) / std::max(g.hi() - g.lo(), 1e-12));
    fill_rect(cv.target, Rect{x - 0.5f * l.stroke, bar.bottom(), l.stroke, 0.25f * l.small_px},
              cv.theme.text);
    // The end labels stay within the bar's ends, so nothing runs into what follows it.
    const float w = text_width(cv.font, text, l.small_px);
    const float left = std::clamp(x - w / 2, bar.x - 0.3f * w, bar.right() - w);
    draw_text(cv.target, cv.font, text, l.small_px, {left, bar.bottom() + 0.2f * l.small_px},
              cv.theme.text);
  }
  draw_entries(cv, area, bar.right() + 2 * l.pad, area.y, entries);
  const float note_x = bar.right() + 2 * l.pad;
  const std::string note = fit_text(cv.font, g.note, l.small_px, area.right() - note_x);
  if (!note.empty())
    draw_text(cv.target, cv.font, note, l.small_px, {note_x, bar.bottom() + 0.2f * l.small_px},
              cv.theme.muted_text);
}

/// Main-track mode: what the ring, the glow and the links mean.
void draw_warning_legend(const Canvas& cv, const Rect& area) {
  const Layout& l = cv.layout;
  const Theme& th = cv.theme;
  const float y = area.y + 0.25f * l.small_px;
  const float r = 0.38f * l.small_px;
  float x = area.x;
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

void draw_legend(const Canvas& cv, const Rect& panel, const MapColours& colours, MapMode mode) {
  const Layout& l = cv.layout;
  const float h = map_legend_height(l, mode);
  const Rect area{panel.x + l.pad * 1.5f, panel.bottom() - h, panel.w - l.pad * 3,
                  h - 0.2f * l.small_px};
  if (colours.warnings)
    draw_warning_legend(cv, area);
  else if (colours.gradient)
    draw_gradient(cv, area, *colours.gradient, colours.entries);
  else
    draw_entries(cv, area, area.x, area.y, colours.entries);
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

void draw_map(const Canvas& cv, const Rect& panel, const Snapshot& s, const MapGeometry& g,
              const MapColours& colours, const MapNote& note, float controls_w, int hovered,
              int pinned) {
  const Layout& l = cv.layout;
  panel_box(cv, panel);
  const float title_w = draw_text(cv.target, cv.bold, "Cities", l.title_px,
                                  {panel.x + l.pad * 1.5f, panel.y + l.pad}, cv.theme.text);
  const float hint_x = panel.x + l.pad * 2.5f + title_w;
  const std::string hint =
      fit_text(cv.font, note.text, l.small_px, panel.right() - controls_w - l.pad - hint_x);
  if (!hint.empty())
    draw_text(cv.target, cv.font, hint, l.small_px, {hint_x, panel.y + l.pad + 0.2f * l.title_px},
              note.colour);
  if (g.outlines) draw_outlines(cv, s, g, colours);
  draw_edges(cv, s, g);
  for (std::size_t i = 0; i < s.cities.size(); ++i)
    draw_city(cv, s.cities[i], g.pos[i], g.radius[i],
              i < colours.city.size() ? colours.city[i] : no_track_colour(), colours.warnings,
              static_cast<int>(i) == hovered || static_cast<int>(i) == pinned);
  for (int i : {pinned, hovered})
    if (i >= 0 && static_cast<std::size_t>(i) < s.cities.size())
      draw_label(cv, s.cities[static_cast<std::size_t>(i)], g.pos[static_cast<std::size_t>(i)],
                 g.radius[static_cast<std::size_t>(i)], panel.y + map_header_height(l));
  draw_legend(cv, panel, colours, colours.mode);
}

}  // namespace regsim::visual
