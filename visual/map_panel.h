// The map panel: cities at their positions, coloured by main track, sized by GDP, with rings for
// idle capacity, a glow for zombie firms and edges shaded by spillover weight.
#pragma once

#include <SFML/System/Vector2.hpp>
#include <vector>

#include "visual/draw.h"
#include "visual/layout.h"
#include "visual/snapshot.h"

namespace regsim::visual {

/// Idle capacity: a city running below this utilisation gets a warning ring.
inline constexpr double kIdleCu = 0.7;
/// Zombie firms: a city where at least this share of firms are zombies gets a warning glow.
inline constexpr double kZombieGlowShare = 0.2;

/// Where each city is drawn inside a panel (also used for hover hit tests).
struct MapGeometry {
  Rect plot;                      ///< the area the cities are scaled into
  std::vector<sf::Vector2f> pos;  ///< screen position per city
  std::vector<float> radius;      ///< node radius per city
};

MapGeometry map_geometry(const Snapshot& s, const Rect& panel, const Layout& layout);
/// The city under the point (nearest node within its radius plus a margin), or -1.
int city_at(const MapGeometry& g, sf::Vector2f point, float margin);

void draw_map(const Canvas& cv, const Rect& panel, const Snapshot& s, const MapGeometry& g,
              int hovered, int pinned);

}  // namespace regsim::visual
