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

std::shared_ptr<MapOutlines> build_map_outlines(const std::vector<sim::MapRing>& rings,
                                                std::size_t cities) {
  auto out = std::make_shared<MapOutlines>();
  MapOutlines& m = *out;
  m.cities = cities;
  m.area_km2.assign(cities, 0.0);
  m.x0 = m.y0 = std::numeric_limits<double>::max();
  m.x1 = m.y1 = -std::numeric_limits<double>::max();
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
    for (std::uint32_t i = ring.begin; i < ring.end; ++i) {
      const std::uint32_t j = i + 1 < ring.end ? i + 1 : ring.begin;
      m.borders.emplace_back(sf::Vector2f(m.px[i], m.py[i]));
      m.borders.emplace_back(sf::Vector2f(m.px[j], m.py[j]));
    }
    m.x0 = std::min(m.x0, static_cast<double>(ring.x0));
    m.x1 = std::max(m.x1, static_cast<double>(ring.x1));
    m.y0 = std::min(m.y0, static_cast<double>(ring.y0));
    m.y1 = std::max(m.y1, static_cast<double>(ring.y1));
    m.area_km2[r.city] += (r.hole ? -0.5 : 0.5) * std::fabs(signed_area2(r.x_km, r.y_km));
    m.rings.push_back(ring);
  }
  std::vector<std::uint32_t> order(cities);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return m.area_km2[a] > m.area_km2[b]; });
  for (std::uint32_t c : order) {
    for (std::size_t k : by_city[c])
      if (!rings[k].hole) append_triangles(m, rings[k], c);
    for (std::size_t k : by_city[c])
      if (rings[k].hole) append_triangles(m, rings[k], MapOutlines::kHole);
  }
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
