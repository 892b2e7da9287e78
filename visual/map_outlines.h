// City outlines of a real map, prepared once for drawing: every ring triangulated (ear clipping)
// into one triangle list in km, the borders as line segments, and the rings for hit tests.
#pragma once

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Vertex.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/map_loader.h"

namespace regsim::visual {

/// Twice the signed area of a closed polygon (positive when counter-clockwise, y up).
double signed_area2(const std::vector<double>& x, const std::vector<double>& y);

/// Ear clipping of one simple polygon (closed; the last point is not repeated; either winding).
/// Returns vertex indices, three per triangle, each triangle wound like the polygon; at most
/// n - 2 triangles for n distinct points (a corner that becomes collinear is dropped without
/// one). Repeated consecutive points are skipped. When no ear is left
/// (self-touching or numerically degenerate rings), it cuts the best remaining corner anyway, so
/// it always terminates and covers the ring. O(n^2) typical; rings here have at most 600 points.
std::vector<std::uint32_t> triangulate(const std::vector<double>& x, const std::vector<double>& y);

/// Even-odd test of a point against one closed ring.
bool inside_ring(const float* x, const float* y, std::size_t n, float px, float py);

/// Everything the map panel needs to draw outlines; positions in km (x east, y north).
struct MapOutlines {
  struct Ring {
    std::uint32_t city = 0;
    bool hole = false;
    std::uint32_t begin = 0, end = 0;      ///< range in px / py
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  ///< bounding box, km
  };
  std::string dir;  ///< the map directory the outlines came from
  std::size_t cities = 0;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  ///< bounding box of every ring outside the inset, km
  /// Small far-off cities drawn in an inset box, so that they do not shrink the rest of the map
  /// (China's Sansha: islands reaching 14 degrees south of Hainan). Found by find_inset_cities.
  std::vector<std::uint32_t> inset_cities;
  std::vector<std::uint8_t> in_inset;         ///< per city
  double ix0 = 0, iy0 = 0, ix1 = 0, iy1 = 0;  ///< bounding box of the inset cities' rings, km
  std::vector<Ring> rings;                    ///< file order
  std::vector<double> area_km2;               ///< per city: outer rings minus holes
  std::vector<float> px, py;                  ///< ring points, km
  /// sf::Triangles in km. Cities come largest first, each city's outer rings followed by its
  /// holes, so an enclave (drawn later, being smaller) covers the hole of the city around it and
  /// a lake stays the colour of the holes; the inset cities come last, from `inset_fill`. Only
  /// the colours change from frame to frame.
  std::vector<sf::Vertex> fill;
  std::vector<std::uint32_t> fill_city;  ///< per fill vertex: its city, or kHole
  std::vector<sf::Vertex> borders;       ///< sf::Lines in km, every ring's edges; inset's last
  std::size_t inset_fill = 0;            ///< first fill vertex of the inset cities
  std::size_t inset_borders = 0;         ///< first border vertex of the inset cities
  static constexpr std::uint32_t kHole = 0xFFFFFFFFu;

  bool empty() const { return fill.empty(); }
  /// The city whose outline contains the point (km), or -1. Holes are respected (even-odd over
  /// the city's rings); an enclave wins over the city around it.
  int city_at(double x_km, double y_km) const;
  /// Sets the colour of every fill vertex: `colour[city]` for cities, `hole` for holes.
  void recolour(const std::vector<sf::Color>& colour, sf::Color hole);
};

/// Cities to draw in an inset: one at a time, a city with under 2% of the land whose removal
/// shrinks the bounding box of the others' rings by more than a fifth (at most three).
std::vector<std::uint32_t> find_inset_cities(const std::vector<sim::MapRing>& rings,
                                             std::size_t cities);

/// Builds the drawable outlines of `rings` for a map of `cities` cities.
std::shared_ptr<MapOutlines> build_map_outlines(const std::vector<sim::MapRing>& rings,
                                                std::size_t cities);

/// The outlines of the map in `dir` (a directory from sim::resolve_map_dir), or nullptr when it
/// has no outlines.csv. Throws sim::ConfigException on bad files.
std::shared_ptr<MapOutlines> load_map_outlines_from(const std::string& dir);

}  // namespace regsim::visual
