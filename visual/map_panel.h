// The map panel: cities at their positions, coloured by the chosen map mode (main track, who lists
// a track, a track's local utilisation, debt, promotion pressure) with a legend for each, sized by
// GDP; in main-track mode rings for idle capacity and a glow for zombie firms; edges shaded by
// spillover weight. On a real map the cities' outlines are filled with a light shade of their
// colour under the nodes, and small far-off cities (Sansha's islands) sit in an inset box.
#pragma once

#include <SFML/Graphics/Transform.hpp>
#include <SFML/System/Vector2.hpp>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "visual/draw.h"
#include "visual/layout.h"
#include "visual/map_modes.h"
#include "visual/snapshot.h"

namespace regsim::visual {

/// Idle capacity: a city running below this utilisation gets a warning ring.
inline constexpr double kIdleCu = 0.7;
/// Zombie firms: a city where at least this share of firms are zombies gets a warning glow.
inline constexpr double kZombieGlowShare = 0.2;

/// The inset box of far-off cities: where it is on screen and how km map into it.
struct MapInset {
  Rect frame;
  sf::Transform km_to_screen;
};

/// Where each city is drawn inside a panel (also used for hover hit tests).
struct MapGeometry {
  Rect plot;                                    ///< the area the cities are scaled into
  std::vector<sf::Vector2f> pos;                ///< screen position per city
  std::vector<float> radius;                    ///< node radius per city
  sf::Transform km_to_screen;                   ///< map km (x east, y north) to screen pixels
  std::shared_ptr<const MapOutlines> outlines;  ///< the snapshot's, when they fit its cities
  std::optional<MapInset> inset;                ///< when the outlines have inset cities
  bool in_inset(std::size_t city) const {
    return inset && outlines && city < outlines->in_inset.size() && outlines->in_inset[city];
  }
};

inline float map_header_height(const Layout& l) {
  return std::round(l.title_px * 1.6f);
}
/// One row of legend in main-track mode; two in the others (gradient and its values, or the
/// groups of "who lists").
inline float map_legend_height(const Layout& l, MapMode mode) {
  return std::round(l.small_px * (mode == MapMode::MainTrack ? 1.7f : 3.2f));
}

/// The part of the map panel the map is scaled into (below the header, above the legend).
Rect map_plot_rect(const Rect& panel, const Layout& layout, bool real_map, MapMode mode);
MapGeometry map_geometry(const Snapshot& s, const Rect& panel, const Layout& layout, MapMode mode);
/// The city under the point: the nearest node within its radius plus a margin, else (on a map
/// with outlines) the city whose outline contains the point, or -1.
int city_at(const MapGeometry& g, sf::Vector2f point, float margin);

/// The note beside the map's title ("size = GDP", or after a fork which branch it shows).
struct MapNote {
  std::string text = "size = GDP";
  sf::Color colour = Theme{}.muted_text;
};

/// `controls_w` is the width of the map's menus in the header (ImGui, drawn after the panels);
/// the header's note is shortened or left out when it would run under them.
void draw_map(const Canvas& cv, const Rect& panel, const Snapshot& s, const MapGeometry& g,
              const MapColours& colours, const MapNote& note, float controls_w, int hovered,
              int pinned);

}  // namespace regsim::visual
