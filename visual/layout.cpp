// Where each panel goes for a given window size.
#include "visual/layout.h"

#include <algorithm>
#include <cmath>

namespace regsim::visual {

namespace {

constexpr float kRefWidth = 1280, kRefHeight = 720;
constexpr float kRefFont = 18;  ///< body text at the reference size, in pixels
constexpr int kLeverRows = 12;  ///< levers panel: title, 9 levers, hot track, a status line

}  // namespace

Layout compute_layout(unsigned width, unsigned height) {
  Layout l;
  l.width = width;
  l.height = height;
  const float w = static_cast<float>(width), h = static_cast<float>(height);
  l.scale = std::clamp(std::min(w / kRefWidth, h / kRefHeight), 0.7f, 3.0f);
  l.font_px = std::max(13.0f, std::round(kRefFont * l.scale));
  l.small_px = std::max(11.0f, std::round(l.font_px * 0.84f));
  l.title_px = std::round(l.font_px * 1.17f);
  l.pad = std::round(6 * l.scale);
  l.stroke = std::max(1.0f, 1.5f * l.scale);

  const float bar_h = std::round(l.font_px * 2.3f);
  l.top_bar = Rect{0, 0, w, bar_h};
  const float top = bar_h + l.pad, body_h = std::max(10.0f, h - top - l.pad);

  const float side_w = std::round(std::min(std::max(0.22f * w, 17.0f * l.font_px), 0.34f * w));
  const float tracks_w = std::round(0.34f * w);
  const float centre_x = side_w + 2 * l.pad;
  const float centre_w = std::max(10.0f, w - centre_x - tracks_w - 2 * l.pad);

  const float levers_h = std::min(body_h * 0.62f, kLeverRows * l.font_px * 1.85f);
  l.levers = Rect{l.pad, top, side_w, levers_h};
  l.ticker =
      Rect{l.pad, top + levers_h + l.pad, side_w, std::max(10.0f, body_h - levers_h - l.pad)};

  const float map_h = std::round(body_h * 0.58f);
  l.map = Rect{centre_x, top, centre_w, map_h};
  l.series = Rect{centre_x, top + map_h + l.pad, centre_w, std::max(10.0f, body_h - map_h - l.pad)};
  l.tracks = Rect{centre_x + centre_w + l.pad, top, w - (centre_x + centre_w + 2 * l.pad), body_h};
  return l;
}

}  // namespace regsim::visual
