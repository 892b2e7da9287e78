// Ear clipping of the map outlines, the outlines' hit test, and the session loading them once.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "visual/layout.h"
#include "visual/map_outlines.h"
#include "visual/map_panel.h"
#include "visual/session.h"

namespace regsim::visual {
namespace {

struct Polygon {
  std::vector<double> x, y;
};

double triangle_area(const Polygon& p, std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  return 0.5 * ((p.x[b] - p.x[a]) * (p.y[c] - p.y[a]) - (p.y[b] - p.y[a]) * (p.x[c] - p.x[a]));
}

bool inside(const Polygon& p, double px, double py) {
  std::vector<float> x(p.x.begin(), p.x.end()), y(p.y.begin(), p.y.end());
  return inside_ring(x.data(), y.data(), x.size(), static_cast<float>(px), static_cast<float>(py));
}

/// Triangles cover the polygon exactly: at most n - 2 of them (collinear corners need none),
/// wound like it, their areas summing to its
/// area, and every one inside it (its centroid and points just inside each corner).
void expect_exact_cover(const Polygon& p) {
  const std::vector<std::uint32_t> tri = triangulate(p.x, p.y);
  ASSERT_EQ(tri.size() % 3, 0u);
  EXPECT_LE(tri.size() / 3, p.x.size() - 2);
  EXPECT_GE(tri.size() / 3, 1u);
  const double area = 0.5 * signed_area2(p.x, p.y);
  double sum = 0;
  for (std::size_t t = 0; t < tri.size(); t += 3) {
    const double a = triangle_area(p, tri[t], tri[t + 1], tri[t + 2]);
    EXPECT_GT(a * area, 0) << "triangle " << t / 3 << " is degenerate or wound backwards";
    sum += a;
    const double cx = (p.x[tri[t]] + p.x[tri[t + 1]] + p.x[tri[t + 2]]) / 3;
    const double cy = (p.y[tri[t]] + p.y[tri[t + 1]] + p.y[tri[t + 2]]) / 3;
    EXPECT_TRUE(inside(p, cx, cy)) << "triangle " << t / 3 << " lies outside the polygon";
    for (int k = 0; k < 3; ++k) {  // 1% of the way from each corner towards the centroid
      const std::uint32_t v = tri[t + static_cast<std::size_t>(k)];
      EXPECT_TRUE(inside(p, p.x[v] + 0.01 * (cx - p.x[v]), p.y[v] + 0.01 * (cy - p.y[v])))
          << "triangle " << t / 3 << " pokes out of the polygon at corner " << k;
    }
  }
  EXPECT_NEAR(sum, area, 1e-9 * std::fabs(area));
}

Polygon reversed(Polygon p) {
  std::reverse(p.x.begin(), p.x.end());
  std::reverse(p.y.begin(), p.y.end());
  return p;
}

TEST(Triangulate, Square) {
  const Polygon square{{0, 1, 1, 0}, {0, 0, 1, 1}};
  expect_exact_cover(square);
  expect_exact_cover(reversed(square));
  EXPECT_DOUBLE_EQ(0.5 * signed_area2(square.x, square.y), 1.0);
}

TEST(Triangulate, LShape) {
  const Polygon l{{0, 2, 2, 1, 1, 0}, {0, 0, 1, 1, 3, 3}};
  expect_exact_cover(l);
  expect_exact_cover(reversed(l));
  EXPECT_DOUBLE_EQ(0.5 * signed_area2(l.x, l.y), 4.0);
}

TEST(Triangulate, ConcaveComb) {
  // A comb with three teeth: several reflex corners and ears that are not convex-hull corners.
  const Polygon comb{{0, 7, 7, 6, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0},
                     {0, 0, 5, 5, 1, 1, 5, 5, 1, 1, 5, 5, 1, 1, 5, 5}};
  expect_exact_cover(comb);
  expect_exact_cover(reversed(comb));
}

TEST(Triangulate, StarAndSpiral) {
  Polygon star;  // 12-pointed star: every other corner reflex
  for (int i = 0; i < 24; ++i) {
    const double a = 2 * M_PI * i / 24, r = i % 2 == 0 ? 10.0 : 3.0;
    star.x.push_back(r * std::cos(a));
    star.y.push_back(r * std::sin(a));
  }
  expect_exact_cover(star);
  // A 5 km square cut by a spiral slit: a corridor one unit wide winding inwards.
  const Polygon spiral{{0, 5, 5, 0, 0, 3, 3, 1, 1, 4, 4, 0}, {0, 0, 5, 5, 2, 2, 3, 3, 4, 4, 1, 1}};
  expect_exact_cover(spiral);
}

TEST(Triangulate, SkipsRepeatedAndCollinearPoints) {
  const Polygon p{{0, 1, 1, 2, 2, 2, 0}, {0, 0, 0, 0, 1, 2, 2}};  // a repeat, two collinear points
  const std::vector<std::uint32_t> tri = triangulate(p.x, p.y);
  double sum = 0;
  for (std::size_t t = 0; t < tri.size(); t += 3)
    sum += triangle_area(p, tri[t], tri[t + 1], tri[t + 2]);
  EXPECT_NEAR(sum, 4.0, 1e-12);
  EXPECT_TRUE(triangulate({0, 1}, {0, 1}).empty());
}

sim::MapRing ring(std::uint32_t city, bool hole, std::vector<double> x, std::vector<double> y) {
  sim::MapRing r;
  r.city = city;
  r.hole = hole;
  r.x_km = std::move(x);
  r.y_km = std::move(y);
  return r;
}

TEST(MapOutlines, EnclaveIsDrawnAfterTheHoleAndWinsTheHitTest) {
  // City 0: a 10 km square with a hole; city 1 fills the hole; city 2 is a square beside it.
  const std::vector<sim::MapRing> rings = {
      ring(1, false, {4, 6, 6, 4}, {4, 4, 6, 6}),
      ring(0, false, {0, 10, 10, 0}, {0, 0, 10, 10}),
      ring(0, true, {4, 4, 6, 6}, {4, 6, 6, 4}),
      ring(2, false, {10, 13, 13, 10}, {0, 0, 3, 3}),
  };
  const auto o = build_map_outlines(rings, 3);
  ASSERT_TRUE(o && !o->empty());
  EXPECT_DOUBLE_EQ(o->area_km2[0], 96.0);
  EXPECT_DOUBLE_EQ(o->x1, 13.0);
  EXPECT_EQ(o->city_at(1, 1), 0);
  EXPECT_EQ(o->city_at(5, 5), 1);
  EXPECT_EQ(o->city_at(12, 1), 2);
  EXPECT_EQ(o->city_at(12, 8), -1);
  // Draw order: city 0's fill, its hole, then city 1 on top.
  std::size_t last_hole = 0, first_enclave = o->fill.size();
  for (std::size_t v = 0; v < o->fill.size(); ++v) {
    if (o->fill_city[v] == MapOutlines::kHole) last_hole = v;
    if (o->fill_city[v] == 1) first_enclave = std::min(first_enclave, v);
  }
  EXPECT_LT(last_hole, first_enclave);
  EXPECT_EQ(o->borders.size(), 2u * 16u);
  o->recolour({sf::Color::Red, sf::Color::Green, sf::Color::Blue}, sf::Color::White);
  for (std::size_t v = 0; v < o->fill.size(); ++v) {
    if (o->fill_city[v] == 1) {
      EXPECT_EQ(o->fill[v].color, sf::Color::Green);
    }
  }
}

TEST(MapOutlines, ChinaSessionLoadsOutlinesOnceAndKeepsThemAcrossRestarts) {
  ConfigSource source;
  source.path = std::string(REGSIM_SOURCE_DIR) + "/experiments/china.toml";
  source.name = "china.toml";
  source.overrides = {"world.initial_firms=2000", "world.years=2"};
  Session session(source);
  const auto outlines = session.outlines();
  ASSERT_TRUE(outlines);
  EXPECT_EQ(outlines->cities, session.snapshot().cities.size());
  EXPECT_EQ(session.snapshot().outlines, outlines);
  std::size_t covered = 0;  // every city has triangles
  std::vector<bool> seen(outlines->cities, false);
  for (std::uint32_t c : outlines->fill_city)
    if (c != MapOutlines::kHole && !seen[c]) seen[c] = true, ++covered;
  EXPECT_EQ(covered, outlines->cities);
  // The triangles of the real rings cover them: areas agree, no zero-area slivers.
  double rings_km2 = 0, triangles_km2 = 0;
  for (const MapOutlines::Ring& r : outlines->rings) {
    if (r.hole) continue;
    const std::vector<double> x(&outlines->px[r.begin], &outlines->px[r.begin] + (r.end - r.begin));
    const std::vector<double> y(&outlines->py[r.begin], &outlines->py[r.begin] + (r.end - r.begin));
    rings_km2 += 0.5 * std::fabs(signed_area2(x, y));
  }
  int slivers = 0;
  for (std::size_t v = 0; v + 2 < outlines->fill.size(); v += 3) {
    if (outlines->fill_city[v] == MapOutlines::kHole) continue;
    const sf::Vector2f a = outlines->fill[v].position, b = outlines->fill[v + 1].position,
                       c = outlines->fill[v + 2].position;
    const double area2 = (static_cast<double>(b.x) - a.x) * (static_cast<double>(c.y) - a.y) -
                         (static_cast<double>(b.y) - a.y) * (static_cast<double>(c.x) - a.x);
    triangles_km2 += 0.5 * std::fabs(area2);
    // A ring may wind either way, so only a triangle against most of its neighbours would show;
    // count zero-area slivers instead, which a sound clipping never emits.
    slivers += area2 == 0 ? 1 : 0;
  }
  EXPECT_NEAR(triangles_km2 / rings_km2, 1.0, 1e-3);
  EXPECT_EQ(slivers, 0);
  // Most city centres (representative points) fall inside their own outline.
  int own = 0;
  for (std::size_t i = 0; i < session.snapshot().cities.size(); ++i) {
    const CitySnap& c = session.snapshot().cities[i];
    own += outlines->city_at(c.x_km, c.y_km) == static_cast<int>(i) ? 1 : 0;
  }
  EXPECT_GT(own, static_cast<int>(0.9 * static_cast<double>(outlines->cities)));
  // The panel fits the outlines and hovers by outline: with zero-size nodes, a point half a pixel
  // from a city's node is found inside that city's outline (through the screen-to-km inverse).
  const Layout layout = compute_layout(1600, 900);
  MapGeometry g = map_geometry(session.snapshot(), layout.map, layout, MapMode::MainTrack);
  ASSERT_EQ(g.outlines, outlines);
  std::fill(g.radius.begin(), g.radius.end(), 0.0f);
  int hovered_own = 0;
  for (std::size_t i = 0; i < g.pos.size(); ++i)
    hovered_own += city_at(g, g.pos[i] + sf::Vector2f(0.5f, 0.0f), 0) == static_cast<int>(i);
  EXPECT_GT(hovered_own, static_cast<int>(0.8 * static_cast<double>(outlines->cities)));
  const sf::Vector2f corner = g.km_to_screen.transformPoint(static_cast<float>(outlines->x0),
                                                            static_cast<float>(outlines->y1));
  EXPECT_GE(corner.x, g.plot.x - 0.5f);
  EXPECT_GE(corner.y, g.plot.y - 0.5f);
  session.step();
  EXPECT_EQ(session.snapshot().outlines, outlines);
  session.restart(session.seed() + 1);
  EXPECT_EQ(session.outlines(), outlines) << "a restart on the same map reloaded the outlines";
}

TEST(MapOutlines, SyntheticWorldHasNone) {
  ConfigSource source;
  source.path = std::string(REGSIM_SOURCE_DIR) + "/experiments/china.toml";
  source.overrides = {"world.map=", "world.cities=20", "world.provinces=2",
                      "world.initial_firms=400", "world.years=2"};
  Session session(source);
  EXPECT_FALSE(session.outlines());
  EXPECT_FALSE(session.snapshot().outlines);
}

}  // namespace
}  // namespace regsim::visual
