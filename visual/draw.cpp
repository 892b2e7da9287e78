// Small SFML drawing helpers shared by the panels.
#include "visual/draw.h"

#include <SFML/Graphics/CircleShape.hpp>
#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <algorithm>
#include <cmath>

#include "visual/text.h"

namespace regsim::visual {

namespace {

std::size_t circle_points(float radius) {
  return static_cast<std::size_t>(std::clamp(radius * 1.5f, 16.0f, 96.0f));
}

void append_quad(sf::VertexArray& va, sf::Vector2f a, sf::Vector2f b, sf::Color c, float width) {
  const sf::Vector2f d = b - a;
  const float len = std::sqrt(d.x * d.x + d.y * d.y);
  if (len <= 0.0f) return;
  const sf::Vector2f n(-d.y / len * width * 0.5f, d.x / len * width * 0.5f);
  va.append(sf::Vertex(a + n, c));
  va.append(sf::Vertex(b + n, c));
  va.append(sf::Vertex(b - n, c));
  va.append(sf::Vertex(a + n, c));
  va.append(sf::Vertex(b - n, c));
  va.append(sf::Vertex(a - n, c));
}

}  // namespace

void fill_rect(sf::RenderTarget& t, const Rect& r, sf::Color c) {
  if (r.w <= 0 || r.h <= 0) return;
  sf::RectangleShape shape(sf::Vector2f(r.w, r.h));
  shape.setPosition(r.x, r.y);
  shape.setFillColor(c);
  t.draw(shape);
}

void outline_rect(sf::RenderTarget& t, const Rect& r, sf::Color c, float thickness) {
  sf::RectangleShape shape(
      sf::Vector2f(std::max(0.0f, r.w - 2 * thickness), std::max(0.0f, r.h - 2 * thickness)));
  shape.setPosition(r.x + thickness, r.y + thickness);
  shape.setFillColor(sf::Color::Transparent);
  shape.setOutlineColor(c);
  shape.setOutlineThickness(thickness);
  t.draw(shape);
}

void panel_box(const Canvas& cv, const Rect& r) {
  fill_rect(cv.target, r, cv.theme.panel);
  outline_rect(cv.target, r, cv.theme.panel_border, 1.0f);
}

void thick_line(sf::RenderTarget& t, sf::Vector2f a, sf::Vector2f b, sf::Color c, float width) {
  sf::VertexArray va(sf::Triangles);
  append_quad(va, a, b, c, width);
  t.draw(va);
}

void polyline(sf::RenderTarget& t, const std::vector<sf::Vector2f>& points, sf::Color c,
              float width) {
  sf::VertexArray va(sf::Triangles);
  std::size_t last = 0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const sf::Vector2f d = points[i] - points[last];
    if (d.x * d.x + d.y * d.y < 1.0f && i + 1 < points.size()) continue;
    append_quad(va, points[last], points[i], c, width);
    last = i;
  }
  t.draw(va);
}

void dashed_line(sf::RenderTarget& t, sf::Vector2f a, sf::Vector2f b, sf::Color c, float width,
                 float dash) {
  const sf::Vector2f d = b - a;
  const float len = std::sqrt(d.x * d.x + d.y * d.y);
  if (len <= 0 || dash <= 0) return;
  sf::VertexArray va(sf::Triangles);
  const sf::Vector2f u = d / len;
  for (float s = 0; s < len; s += 2 * dash)
    append_quad(va, a + u * s, a + u * std::min(len, s + dash), c, width);
  t.draw(va);
}

void dashed_polyline(sf::RenderTarget& t, const std::vector<sf::Vector2f>& points, sf::Color c,
                     float width, float dash) {
  if (points.size() < 2 || dash <= 0) return;
  sf::VertexArray va(sf::Triangles);
  float phase = 0;  // distance into the current dash-and-gap period
  for (std::size_t i = 1; i < points.size(); ++i) {
    const sf::Vector2f a = points[i - 1], d = points[i] - a;
    const float len = std::sqrt(d.x * d.x + d.y * d.y);
    if (len <= 0) continue;
    const sf::Vector2f u = d / len;
    for (float s = 0; s < len;) {
      const float in_period = std::fmod(phase + s, 2 * dash);
      const float step = std::min(len - s, (in_period < dash ? dash : 2 * dash) - in_period);
      if (in_period < dash) append_quad(va, a + u * s, a + u * (s + step), c, width);
      s += std::max(step, 0.01f);  // never stalls on rounding
    }
    phase = std::fmod(phase + len, 2 * dash);
  }
  t.draw(va);
}

void disc(sf::RenderTarget& t, sf::Vector2f centre, float radius, sf::Color fill) {
  sf::CircleShape shape(radius, circle_points(radius));
  shape.setOrigin(radius, radius);
  shape.setPosition(centre);
  shape.setFillColor(fill);
  t.draw(shape);
}

void ring(sf::RenderTarget& t, sf::Vector2f centre, float radius, float thickness, sf::Color c) {
  sf::CircleShape shape(radius, circle_points(radius));
  shape.setOrigin(radius, radius);
  shape.setPosition(centre);
  shape.setFillColor(sf::Color::Transparent);
  shape.setOutlineColor(c);
  shape.setOutlineThickness(thickness);
  t.draw(shape);
}

void stripes(sf::RenderTarget& t, const Rect& r, sf::Color c, float spacing, float width) {
  if (r.w <= 0 || r.h <= 0 || spacing <= 0) return;
  sf::VertexArray va(sf::Triangles);
  // Lines x - y = k through the rectangle, clipped to it (slope 1 in screen space).
  for (float k = r.x - r.bottom(); k < r.right() - r.y; k += spacing) {
    const float x0 = std::max(r.x, k + r.y), x1 = std::min(r.right(), k + r.bottom());
    if (x1 <= x0) continue;
    append_quad(va, sf::Vector2f(x0, x0 - k), sf::Vector2f(x1, x1 - k), c, width);
  }
  t.draw(va);
}

float draw_text(sf::RenderTarget& t, const sf::Font& font, const std::string& utf8, float size_px,
                sf::Vector2f pos, sf::Color c, Align align) {
  sf::Text text(sf::String::fromUtf8(utf8.begin(), utf8.end()), font,
                static_cast<unsigned>(std::lround(size_px)));
  text.setFillColor(c);
  const sf::FloatRect bounds = text.getLocalBounds();
  const float width = bounds.left + bounds.width;
  float x = pos.x;
  if (align == Align::Centre) x -= width / 2;
  if (align == Align::Right) x -= width;
  text.setPosition(std::round(x), std::round(pos.y - 0.18f * size_px));
  t.draw(text);
  return width;
}

float text_width(const sf::Font& font, const std::string& utf8, float size_px) {
  sf::Text text(sf::String::fromUtf8(utf8.begin(), utf8.end()), font,
                static_cast<unsigned>(std::lround(size_px)));
  const sf::FloatRect bounds = text.getLocalBounds();
  return bounds.left + bounds.width;
}

std::string fit_text(const sf::Font& font, const std::string& utf8, float size_px,
                     float max_width) {
  return fit_utf8(utf8, max_width,
                  [&](const std::string& text) { return text_width(font, text, size_px); });
}

std::string short_number(double v) {
  char buf[32];
  const double a = std::fabs(v);
  if (a >= 1e9)
    std::snprintf(buf, sizeof buf, "%.1fG", v / 1e9);
  else if (a >= 1e6)
    std::snprintf(buf, sizeof buf, "%.1fM", v / 1e6);
  else if (a >= 1e4)
    std::snprintf(buf, sizeof buf, "%.0fk", v / 1e3);
  else if (a >= 1e3)
    std::snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
  else if (a >= 100)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (a >= 10)
    std::snprintf(buf, sizeof buf, "%.1f", v);
  else
    std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace regsim::visual
