// The track colours stay apart for normal vision and under simulated colour blindness, and keep
// clear of the warning colour and of the grey of "no track".
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <string>

#include "visual/palette.h"

namespace regsim::visual {
namespace {

using Vec3 = std::array<double, 3>;
using Mat3 = std::array<Vec3, 3>;

double to_linear(double c) {
  c /= 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double to_srgb(double c) {
  c = std::clamp(c, 0.0, 1.0);
  return 255.0 * (c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055);
}
Vec3 times(const Mat3& m, const Vec3& v) {
  Vec3 out{};
  for (int r = 0; r < 3; ++r) out[r] = m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2];
  return out;
}

/// Machado, Oliveira and Fernandes (2009), severity 1, on linear RGB.
const Mat3 kNormal = {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}};
const Mat3 kProtan = {Vec3{0.152286, 1.052583, -0.204868}, Vec3{0.114503, 0.786281, 0.099216},
                      Vec3{-0.003882, -0.048116, 1.051998}};
const Mat3 kDeutan = {Vec3{0.367322, 0.860646, -0.227968}, Vec3{0.280085, 0.672501, 0.047413},
                      Vec3{-0.011820, 0.042940, 0.968881}};

/// CIELAB (D65) of a colour as seen through `vision`.
Vec3 lab(sf::Color c, const Mat3& vision) {
  Vec3 lin = times(vision, {to_linear(c.r), to_linear(c.g), to_linear(c.b)});
  for (double& v : lin) v = to_linear(to_srgb(v));  // back through 8-bit sRGB, as displayed
  const Mat3 to_xyz = {Vec3{0.4124, 0.3576, 0.1805}, Vec3{0.2126, 0.7152, 0.0722},
                       Vec3{0.0193, 0.1192, 0.9505}};
  const Vec3 xyz = times(to_xyz, lin), white = {0.95047, 1.0, 1.08883};
  Vec3 f{};
  for (int i = 0; i < 3; ++i) {
    const double t = xyz[i] / white[i];
    f[i] = t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0;
  }
  return {116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])};
}

/// CIE76 colour difference.
double delta_e(sf::Color a, sf::Color b, const Mat3& vision) {
  const Vec3 x = lab(a, vision), y = lab(b, vision);
  return std::hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

struct Vision {
  const char* name;
  const Mat3* matrix;
  double min_pair;  ///< smallest difference allowed between two track colours
};
const Vision kVisions[] = {
    {"normal", &kNormal, 25}, {"protanopia", &kProtan, 14}, {"deuteranopia", &kDeutan, 14}};

TEST(Palette, TrackColoursStayApartForEveryViewer) {
  for (const Vision& v : kVisions)
    for (std::size_t a = 0; a < 12; ++a)
      for (std::size_t b = a + 1; b < 12; ++b)
        EXPECT_GE(delta_e(track_colour(a), track_colour(b), *v.matrix), v.min_pair)
            << "tracks " << a << " and " << b << " under " << v.name;
}

TEST(Palette, BatteryAndTourismAreNoLongerBothLightBlue) {
  // Tracks 1 and 11 of the default table; they differed by 14 units before.
  EXPECT_GE(delta_e(track_colour(1), track_colour(11), kNormal), 40);
}

TEST(Palette, TrackColoursKeepClearOfWarningAndNoTrack) {
  // The warning colour is always drawn as a ring, a glow or stripes, never as a plain fill, so
  // its shape tells it apart where colour blindness brings it near olive or orange.
  const Theme theme;
  for (const Vision& v : kVisions)
    for (std::size_t k = 0; k < 12; ++k) {
      const double warning_gap = v.matrix == &kNormal ? 30 : 12;
      EXPECT_GE(delta_e(track_colour(k), theme.warning, *v.matrix), warning_gap)
          << k << " " << v.name;
      EXPECT_GE(delta_e(track_colour(k), no_track_colour(), *v.matrix), 12) << k << " " << v.name;
    }
}

TEST(Palette, DerivedTracksAreLighterShadesOfTheirParent) {
  const sf::Color parent = track_colour(3), derived = track_colour(15);
  EXPECT_GT(derived.r + derived.g + derived.b, parent.r + parent.g + parent.b);
  EXPECT_LT(delta_e(parent, derived, kNormal), 40);
}

}  // namespace
}  // namespace regsim::visual
