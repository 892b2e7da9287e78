// Small SFML drawing helpers shared by the panels: thick lines, circles, text, stripes.
#pragma once

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/System/Vector2.hpp>
#include <string>
#include <vector>

#include "visual/layout.h"
#include "visual/palette.h"

namespace regsim::visual {

/// What every panel draws with.
struct Canvas {
  sf::RenderTarget& target;
  const sf::Font& font;
  const sf::Font& bold;
  const Theme& theme;
  const Layout& layout;
};

enum class Align { Left, Centre, Right };

void fill_rect(sf::RenderTarget& t, const Rect& r, sf::Color c);
void outline_rect(sf::RenderTarget& t, const Rect& r, sf::Color c, float thickness);
/// A panel: white box with a thin border.
void panel_box(const Canvas& cv, const Rect& r);
/// A straight line `width` pixels wide (a quad).
void thick_line(sf::RenderTarget& t, sf::Vector2f a, sf::Vector2f b, sf::Color c, float width);
/// A polyline of quads; points closer than a pixel are merged.
void polyline(sf::RenderTarget& t, const std::vector<sf::Vector2f>& points, sf::Color c,
              float width);
/// Short dashes along a line.
void dashed_line(sf::RenderTarget& t, sf::Vector2f a, sf::Vector2f b, sf::Color c, float width,
                 float dash);
/// A polyline drawn as dashes `dash` pixels long with gaps as long, continuing across vertices.
void dashed_polyline(sf::RenderTarget& t, const std::vector<sf::Vector2f>& points, sf::Color c,
                     float width, float dash);
void disc(sf::RenderTarget& t, sf::Vector2f centre, float radius, sf::Color fill);
void ring(sf::RenderTarget& t, sf::Vector2f centre, float radius, float thickness, sf::Color c);
/// Diagonal stripes inside a rectangle (the "warning" texture of an overshoot).
void stripes(sf::RenderTarget& t, const Rect& r, sf::Color c, float spacing, float width);

/// Draws UTF-8 text with its top at `pos.y`; returns its width in pixels.
float draw_text(sf::RenderTarget& t, const sf::Font& font, const std::string& utf8, float size_px,
                sf::Vector2f pos, sf::Color c, Align align = Align::Left);
float text_width(const sf::Font& font, const std::string& utf8, float size_px);
/// Shortens text to whole UTF-8 code points and an ellipsis until it fits in `max_width`
/// (fit_utf8 with this font's widths).
std::string fit_text(const sf::Font& font, const std::string& utf8, float size_px, float max_width);

/// Compact number: 1234 -> "1.2k", 0.4567 -> "0.46".
std::string short_number(double v);

}  // namespace regsim::visual
