// The map panel: cities at their positions, coloured by main track, sized by GDP, with rings for
// idle capacity, a glow for zombie firms and edges shaded by spillover weight. On a real map with
// outlines, each city's polygons are filled with a light shade of its main track under the nodes.
#pragma once

#include <SFML/Graphics/Transform.hpp>
#include <SFML/System/Vector2.hpp>
#include <memory>
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
  Rect plot;                                    ///< the area the cities are scaled into
  std::vector<sf::Vector2f> pos;                ///< screen position per city
  std::vector<float> radius;                    ///< node radius per city
  sf::Transform km_to_screen;                   ///< map km (x east, y north) to screen pixels
  std::shared_ptr<const MapOutlines> outlines;  ///< the snapshot's, when they fit its cities
};

MapGeometry map_geometry(const Snapshot& s, const Rect& panel, const Layout& layout);
/// The city under the point: the nearest node within its radius plus a margin, else (on a map
/// with outlines) the city whose outline contains the point, or -1.
int city_at(const MapGeometry& g, sf::Vector2f point, float margin);

void draw_map(const Canvas& cv, const Rect& panel, const Snapshot& s, const MapGeometry& g,
              int hovered, int pinned);

}  // namespace regsim::visual
