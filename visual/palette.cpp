// Colours of the live view.
#include "visual/palette.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace regsim::visual {

namespace {

/// Chosen so that every pair differs by at least 25 CIELAB units for normal vision and 14 under
/// simulated protanopia and deuteranopia (tests/visual/palette_test.cpp), and keeps clear of the
/// warning vermillion and of the grey of "no track". Twelve categories cannot all stay apart
/// for every viewer; the tracks panel names each colour.
constexpr std::array<sf::Uint32, 12> kTrackRgb = {
    0xE69F00,  // pv: orange (Okabe-Ito)
    0x56B4E9,  // battery: sky blue (Okabe-Ito)
    0x009E73,  // ev: bluish green (Okabe-Ito)
    0x0072B2,  // semiconductor: blue (Okabe-Ito)
    0xCC79A7,  // ai: reddish purple (Okabe-Ito)
    0xF0E442,  // biomedicine: yellow (Okabe-Ito)
    0x332288,  // low_altitude: indigo (Tol muted)
    0x999933,  // new_materials: olive (Tol muted)
    0x882255,  // equipment: wine (Tol muted)
    0x666633,  // textiles: dark olive (Tol dark)
    0xEE6677,  // agri_food: rose (Tol bright)
    0x663333,  // tourism: dark brown (Tol dark)
};

sf::Uint8 lighten(sf::Uint32 channel, std::size_t generation) {
  const double keep = 1.0 / (1.0 + 0.35 * static_cast<double>(generation));
  return static_cast<sf::Uint8>(255.0 - (255.0 - static_cast<double>(channel)) * keep);
}

}  // namespace

sf::Color track_colour(std::size_t k) {
  const sf::Uint32 rgb = kTrackRgb[k % kTrackRgb.size()];
  const std::size_t generation = k / kTrackRgb.size();
  return sf::Color(lighten((rgb >> 16) & 0xFF, generation), lighten((rgb >> 8) & 0xFF, generation),
                   lighten(rgb & 0xFF, generation));
}

sf::Color no_track_colour() {
  return sf::Color(190, 190, 190);
}

sf::Color outline_fill(sf::Color c) {
  auto mix = [](sf::Uint8 v) {
    return static_cast<sf::Uint8>(std::lround(255.0 - 0.4 * (255.0 - static_cast<double>(v))));
  };
  return sf::Color(mix(c.r), mix(c.g), mix(c.b));
}

unsigned int to_imgui(sf::Color c) {
  return static_cast<unsigned int>(c.r) | (static_cast<unsigned int>(c.g) << 8) |
         (static_cast<unsigned int>(c.b) << 16) | (static_cast<unsigned int>(c.a) << 24);
}

sf::Color with_alpha(sf::Color c, int alpha) {
  c.a = static_cast<sf::Uint8>(std::clamp(alpha, 0, 255));
  return c;
}

}  // namespace regsim::visual
