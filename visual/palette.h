// Colours of the live view: a colour-blind-safe track palette and the theme of the panels.
#pragma once

#include <SFML/Graphics/Color.hpp>
#include <cstddef>

namespace regsim::visual {

/// Colour of track k: Okabe-Ito and Paul Tol colours, 12 in all, checked for colour-blind
/// viewers; beyond 12 the list repeats a shade lighter so derived tracks stay close to their
/// parent.
sf::Color track_colour(std::size_t k);
/// Colour of a city that produces nothing yet.
sf::Color no_track_colour();
/// The fill of a city's outline on a real map: `c` mixed 60% towards white, so that borders,
/// links and the nodes (drawn in `c` itself) stay readable on top.
sf::Color outline_fill(sf::Color c);

/// The light theme: projectors wash out dark backgrounds, and dark text on light stays legible.
struct Theme {
  sf::Color background{238, 238, 233};
  sf::Color panel{255, 255, 255};
  sf::Color panel_border{200, 200, 196};
  sf::Color text{20, 20, 20};
  sf::Color muted_text{90, 90, 90};
  sf::Color grid{225, 225, 220};
  sf::Color edge{60, 60, 70};
  sf::Color warning{213, 94, 0};     ///< Okabe-Ito vermillion: overshoot, idle capacity, zombies
  sf::Color good{0, 114, 178};       ///< Okabe-Ito blue: demand, healthy values
  sf::Color ghost{170, 170, 170};    ///< the previous run in the time series
  sf::Color branch{170, 51, 119};    ///< the other branch of a fork (Paul Tol's purple), dashed
  sf::Color cash_cost{140, 81, 10};  ///< the average plant's cash cost in the sparklines, dotted
  sf::Color marker{40, 40, 40};      ///< policy-change lines
  sf::Color highlight{0, 0, 0};      ///< hovered / pinned city outline
  sf::Color bar_background{232, 232, 228};
};

/// Packs a colour for Dear ImGui (IM_COL32 layout: R in the low byte).
unsigned int to_imgui(sf::Color c);
/// The same colour with another alpha.
sf::Color with_alpha(sf::Color c, int alpha);

}  // namespace regsim::visual
