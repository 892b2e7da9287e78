// Where each panel goes for a given window size; recomputed whenever the window is resized.
#pragma once

namespace regsim::visual {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
  Rect inset(float d) const { return Rect{x + d, y + d, w - 2 * d, h - 2 * d}; }
};

struct Layout {
  unsigned width = 0, height = 0;
  float scale = 1;  ///< 1 at 1280 x 720; text and strokes grow with it
  float font_px = 18, small_px = 15, title_px = 21;
  float pad = 8;  ///< gap between panels
  float stroke = 1.5f;
  Rect top_bar;  ///< play/pause, speed, restart, scenario, clock
  Rect levers;   ///< the policy levers (left column, top)
  Rect ticker;   ///< the event ticker (left column, bottom)
  Rect map;      ///< the city map (centre, top)
  Rect series;   ///< the national time series (centre, bottom)
  Rect tracks;   ///< the tracks panel (right column)
};

/// Text sizes follow the window so that a projector at 1280 x 720 and a 4K screen both read well.
Layout compute_layout(unsigned width, unsigned height);

}  // namespace regsim::visual
