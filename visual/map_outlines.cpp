// City outlines of a real map, prepared once for drawing.
#include "visual/map_outlines.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace regsim::visual {

namespace {

/// Twice the signed area of triangle abc (positive when counter-clockwise, y up).
double cross(double ax, double ay, double bx, double by, double cx, double cy) {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

void append_triangles(MapOutlines& out, const sim::MapRing& ring, std::uint32_t tag) {
  const std::vector<std::uint32_t> tri = triangulate(ring.x_km, ring.y_km);
  for (std::uint32_t i : tri) {
    out.fill.emplace_back(
        sf::Vector2f(static_cast<float>(ring.x_km[i]), static_cast<float>(ring.y_km[i])));
    out.fill_city.push_back(tag);
  }
}

}  // namespace

double signed_area2(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = std::min(x.size(), y.size());
  double a = 0;
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) a += x[j] * y[i] - x[i] * y[j];
  return a;
}

std::vector<std::uint32_t> triangulate(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<std::uint32_t> out;
  const std::size_t n0 = std::min(x.size(), y.size());
  std::vector<std::uint32_t> id;  // distinct consecutive points
  id.reserve(n0);
  for (std::uint32_t i = 0; i < n0; ++i)
    if (id.empty() || x[i] != x[id.back()] || y[i] != y[id.back()]) id.push_back(i);
  while (id.size() > 1 && x[id.back()] == x[id.front()] && y[id.back()] == y[id.front()])
    id.pop_back();
  const std::size_t n = id.size();
  if (n < 3) return out;
  out.reserve(3 * (n - 2));
  const double sign = signed_area2(x, y) >= 0 ? 1.0 : -1.0;
  // Corner a-b-c, positive when it turns the way the polygon winds (convex).
  auto corner = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c) {
    return sign * cross(x[id[a]], y[id[a]], x[id[b]], y[id[b]], x[id[c]], y[id[c]]);
  };
  auto same = [&](std::uint32_t a, std::uint32_t b) {
    return x[id[a]] == x[id[b]] && y[id[a]] == y[id[b]];
  };
  std::vector<std::uint32_t> prev(n), next(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    prev[i] = static_cast<std::uint32_t>(i == 0 ? n - 1 : i - 1);
    next[i] = static_cast<std::uint32_t>(i + 1 == n ? 0 : i + 1);
  }
  // An ear: a convex corner whose triangle holds no other remaining point (on its edges counts).
  auto is_ear = [&](std::uint32_t p, std::uint32_t i, std::uint32_t q) {
    const double bx0 = std::min({x[id[p]], x[id[i]], x[id[q]]});
    const double bx1 = std::max({x[id[p]], x[id[i]], x[id[q]]});
    const double by0 = std::min({y[id[p]], y[id[i]], y[id[q]]});
    const double by1 = std::max({y[id[p]], y[id[i]], y[id[q]]});
    for (std::uint32_t j = next[q]; j != p; j = next[j]) {
      const double jx = x[id[j]], jy = y[id[j]];
      if (jx < bx0 || jx > bx1 || jy < by0 || jy > by1) continue;
      if (same(j, p) || same(j, i) || same(j, q)) continue;
      if (corner(p, i, j) >= 0 && corner(i, q, j) >= 0 && corner(q, p, j) >= 0) return false;
    }
    return true;
  };
  std::uint32_t i = 0;
  std::size_t remaining = n, tried = 0;
  int stage = 0;  // 0: true ears; 1: any convex corner; 2: drop a corner
  while (remaining > 3) {
    const std::uint32_t p = prev[i], q = next[i];
    const double c = corner(p, i, q);
    bool cut = false, emit = c > 0;
    if (c == 0)
      cut = true;  // collinear point or zero-width spike: no area to cover
    else if (stage == 0)
      cut = c > 0 && is_ear(p, i, q);
    else if (stage == 1)
      cut = c > 0;
    else
      cut = true, emit = false;
    if (cut) {
      if (emit) out.insert(out.end(), {id[p], id[i], id[q]});
      next[p] = q;
      prev[q] = p;
      --remaining;
      i = q;
      tried = 0;
      stage = 0;
      continue;
    }
    i = q;
    if (++tried >= remaining) ++stage, tried = 0;
  }
  if (corner(prev[i], i, next[i]) > 0) out.insert(out.end(), {id[prev[i]], id[i], id[next[i]]});
  return out;
}

bool inside_ring(const float* x, const float* y, std::size_t n, float px, float py) {
  bool in = false;
  for (std::size_t i = 0, j = n - 1; i < n; j = i++)
    if ((y[i] > py) != (y[j] > py) && px < (x[j] - x[i]) * (py - y[i]) / (y[j] - y[i]) + x[i])
      in = !in;
  return in;
}

int MapOutlines::city_at(double x_km, double y_km) const {
  const auto fx = static_cast<float>(x_km), fy = static_cast<float>(y_km);
  std::vector<std::uint32_t> flipped;  // cities with an odd number of rings around the point
  for (const Ring& r : rings) {
    if (fx < r.x0 || fx > r.x1 || fy < r.y0 || fy > r.y1) continue;
    if (!inside_ring(&px[r.begin], &py[r.begin], r.end - r.begin, fx, fy)) continue;
    const auto it = std::find(flipped.begin(), flipped.end(), r.city);
    if (it == flipped.end())
      flipped.push_back(r.city);
    else
      flipped.erase(it);
  }
  int best = -1;
  for (std::uint32_t c : flipped)  // overlapping outlines: the smaller city (an enclave) wins
    if (best < 0 || area_km2[c] < area_km2[static_cast<std::size_t>(best)])
      best = static_cast<int>(c);
  return best;
}

void MapOutlines::recolour(const std::vector<sf::Color>& colour, sf::Color hole) {
  for (std::size_t v = 0; v < fill.size(); ++v) {
    const std::uint32_t c = fill_city[v];
    fill[v].color = c < colour.size() ? colour[c] : hole;
  }
}

namespace {

struct Box {
  double x0 = std::numeric_limits<double>::max(), y0 = x0, x1 = -x0, y1 = -x0;
  bool empty() const { return x0 > x1; }
  double area() const { return empty() ? 0.0 : (x1 - x0) * (y1 - y0); }
  void add(const Box& b) {
    x0 = std::min(x0, b.x0), x1 = std::max(x1, b.x1);
    y0 = std::min(y0, b.y0), y1 = std::max(y1, b.y1);
  }
  void add(double x, double y) {
    x0 = std::min(x0, x), x1 = std::max(x1, x);
    y0 = std::min(y0, y), y1 = std::max(y1, y);
  }
};

constexpr double kInsetLandShare = 0.02;  ///< an inset city has under 2% of the land
constexpr double kInsetShrink = 0.8;      ///< and leaving it out shrinks the box below 80%
constexpr std::size_t kMaxInsetCities = 3;

}  // namespace

std::vector<std::uint32_t> find_inset_cities(const std::vector<sim::MapRing>& rings,
                                             std::size_t cities) {
  std::vector<Box> box(cities);
  std::vector<double> area(cities, 0.0);
  double land = 0;
  for (const sim::MapRing& r : rings) {
    if (r.city >= cities || r.x_km.size() < 3) continue;
    for (std::size_t i = 0; i < r.x_km.size(); ++i) box[r.city].add(r.x_km[i], r.y_km[i]);
    const double a = (r.hole ? -0.5 : 0.5) * std::fabs(signed_area2(r.x_km, r.y_km));
    area[r.city] += a, land += a;
  }
  std::vector<std::uint32_t> out;
  std::vector<std::uint8_t> out_flag(cities, 0);
  auto box_without = [&](std::size_t skip) {
    Box b;
    for (std::size_t c = 0; c < cities; ++c)
      if (c != skip && !out_flag[c] && !box[c].empty()) b.add(box[c]);
    return b;
  };
  while (out.size() < kMaxInsetCities) {
    const double whole = box_without(cities).area();
    std::size_t best = cities;
    double best_area = kInsetShrink * whole;
    for (std::size_t c = 0; c < cities; ++c) {
      if (out_flag[c] || box[c].empty() || area[c] >= kInsetLandShare * land) continue;
      const double without = box_without(c).area();
      if (without < best_area) best = c, best_area = without;
    }
    if (best == cities) break;
    out.push_back(static_cast<std::uint32_t>(best));
    out_flag[best] = 1;
  }
  return out;
}

std::shared_ptr<MapOutlines> build_map_outlines(const std::vector<sim::MapRing>& rings,
                                                std::size_t cities) {
  auto out = std::make_shared<MapOutlines>();
  MapOutlines& m = *out;
  m.cities = cities;
  m.area_km2.assign(cities, 0.0);
  m.inset_cities = find_inset_cities(rings, cities);
  m.in_inset.assign(cities, 0);
  for (std::uint32_t c : m.inset_cities) m.in_inset[c] = 1;
  Box main_box, inset_box;
  std::vector<std::vector<std::size_t>> by_city(cities);
  std::size_t points = 0;
  for (const sim::MapRing& r : rings) points += r.x_km.size();
  m.px.reserve(points);
  m.py.reserve(points);
  m.borders.reserve(2 * points);
  for (std::size_t k = 0; k < rings.size(); ++k) {
    const sim::MapRing& r = rings[k];
    if (r.city >= cities || r.x_km.size() < 3) continue;
    by_city[r.city].push_back(k);
    MapOutlines::Ring ring;
    ring.city = r.city;
    ring.hole = r.hole;
    ring.begin = static_cast<std::uint32_t>(m.px.size());
    ring.x0 = ring.y0 = std::numeric_limits<float>::max();
    ring.x1 = ring.y1 = -std::numeric_limits<float>::max();
    for (std::size_t i = 0; i < r.x_km.size(); ++i) {
      const auto fx = static_cast<float>(r.x_km[i]), fy = static_cast<float>(r.y_km[i]);
      m.px.push_back(fx);
      m.py.push_back(fy);
      ring.x0 = std::min(ring.x0, fx), ring.x1 = std::max(ring.x1, fx);
      ring.y0 = std::min(ring.y0, fy), ring.y1 = std::max(ring.y1, fy);
    }
    ring.end = static_cast<std::uint32_t>(m.px.size());
    Box& b = m.in_inset[r.city] ? inset_box : main_box;
    b.add(ring.x0, ring.y0), b.add(ring.x1, ring.y1);
    m.area_km2[r.city] += (r.hole ? -0.5 : 0.5) * std::fabs(signed_area2(r.x_km, r.y_km));
    m.rings.push_back(ring);
  }
  if (main_box.empty()) main_box = inset_box;
  m.x0 = main_box.x0, m.y0 = main_box.y0, m.x1 = main_box.x1, m.y1 = main_box.y1;
  if (!inset_box.empty())
    m.ix0 = inset_box.x0, m.iy0 = inset_box.y0, m.ix1 = inset_box.x1, m.iy1 = inset_box.y1;
  for (int inset = 0; inset < 2; ++inset) {  // the main map's borders, then the inset's
    if (inset) m.inset_borders = m.borders.size();
    for (const MapOutlines::Ring& ring : m.rings) {
      if (m.in_inset[ring.city] != inset) continue;
      for (std::uint32_t i = ring.begin; i < ring.end; ++i) {
        const std::uint32_t j = i + 1 < ring.end ? i + 1 : ring.begin;
        m.borders.emplace_back(sf::Vector2f(m.px[i], m.py[i]));
        m.borders.emplace_back(sf::Vector2f(m.px[j], m.py[j]));
      }
    }
  }
  std::vector<std::uint32_t> order(cities);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (m.in_inset[a] != m.in_inset[b]) return m.in_inset[a] < m.in_inset[b];
    return m.area_km2[a] > m.area_km2[b];
  });
  m.inset_fill = 0;
  for (std::uint32_t c : order) {
    if (m.in_inset[c] && m.inset_fill == 0) m.inset_fill = m.fill.size();
    for (std::size_t k : by_city[c])
      if (!rings[k].hole) append_triangles(m, rings[k], c);
    for (std::size_t k : by_city[c])
      if (rings[k].hole) append_triangles(m, rings[k], MapOutlines::kHole);
  }
  if (m.inset_cities.empty()) m.inset_fill = m.fill.size(), m.inset_borders = m.borders.size();
  return out;
}

std::shared_ptr<MapOutlines> load_map_outlines_from(const std::string& dir) {
  const sim::MapData map = sim::load_map(dir);
  const std::vector<sim::MapRing> rings = sim::load_map_outlines(map);
  if (rings.empty()) return nullptr;
  std::shared_ptr<MapOutlines> out = build_map_outlines(rings, map.size());
  out->dir = dir;
  return out;
}

}  // namespace regsim::visual
