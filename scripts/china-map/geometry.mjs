// Geometry of the China map derivation: spherical areas and distances, adjacency from shared
// boundary vertices, and outline simplification (used by scripts/derive-china-map.mjs).

// ---------------------------------------------------------------------------------------------
// Choices (documented in data/README.md)

const EARTH_MEAN_KM = 6371.0088; // IUGG mean radius: great-circle distances
const EARTH_AUTHALIC_KM = 6371.0072; // radius of the sphere with the WGS84 ellipsoid's area
export const GRID = 1024; // the source coordinates are multiples of 1/1024 degree
const NEAR_STEPS = 2; // vertices this many grid steps apart count as shared (about 200 m)
const MIN_SHARED_VERTICES = 2; // fewer shared vertices is a point contact, not a border
const SIMPLIFY_KM = 1.5; // Douglas-Peucker tolerance of the outlines
export const MAX_OUTLINE_POINTS = 600; // per city; islands beyond it are dropped, smallest first
const MIN_RING_KM2 = 4.0; // islands and holes smaller than this are not drawn (largest part kept)
const MIN_RUN = 4; // a border with a neighbour shorter than this many vertices is noise

// ---------------------------------------------------------------------------------------------
// Spherical geometry

const RAD = Math.PI / 180;

/// Lambert azimuthal equal-area projection on the authalic sphere, centred on (lon0, lat0).
function laea(lon0, lat0) {
  const R = EARTH_AUTHALIC_KM, s0 = Math.sin(lat0 * RAD), c0 = Math.cos(lat0 * RAD);
  return {
    forward(lon, lat) {
      const s = Math.sin(lat * RAD), c = Math.cos(lat * RAD), dl = (lon - lon0) * RAD;
      const k = Math.sqrt(2 / (1 + s0 * s + c0 * c * Math.cos(dl)));
      return [R * k * c * Math.sin(dl), R * k * (c0 * s - s0 * c * Math.cos(dl))];
    },
    inverse(x, y) {
      const rho = Math.hypot(x, y);
      if (rho === 0) return [lon0, lat0];
      const cc = 2 * Math.asin(rho / (2 * R));
      const lat = Math.asin(Math.cos(cc) * s0 + (y * Math.sin(cc) * c0) / rho);
      const lon = lon0 * RAD + Math.atan2(x * Math.sin(cc), rho * c0 * Math.cos(cc) - y * s0 * Math.sin(cc));
      return [lon / RAD, lat / RAD];
    },
  };
}

const to_deg = (p) => [p[0] / GRID, p[1] / GRID];

/// Signed area (km^2) and area moment of a ring in the projection.
function ring_moments(ring, proj) {
  let a = 0, mx = 0, my = 0;
  const pts = ring.map((p) => proj.forward(...to_deg(p)));
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const cross = pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
    a += cross; mx += (pts[j][0] + pts[i][0]) * cross; my += (pts[j][1] + pts[i][1]) * cross;
  }
  return { area: a / 2, mx: mx / 6, my: my / 6 };
}

/// Area (km^2) of a polygon list, outer rings minus holes, and its area-weighted centroid.
export function area_and_centroid(polygons) {
  let minx = Infinity, maxx = -Infinity, miny = Infinity, maxy = -Infinity;
  for (const poly of polygons) for (const [x, y] of poly[0]) {
    minx = Math.min(minx, x); maxx = Math.max(maxx, x); miny = Math.min(miny, y); maxy = Math.max(maxy, y);
  }
  const proj = laea((minx + maxx) / (2 * GRID), (miny + maxy) / (2 * GRID));
  let area = 0, mx = 0, my = 0;
  for (const poly of polygons)
    poly.forEach((ring, r) => {
      const m = ring_moments(ring, proj);
      const sign = (r === 0) === (m.area > 0) ? 1 : -1; // outer adds, holes subtract
      area += sign * m.area; mx += sign * m.mx; my += sign * m.my;
    });
  const [lon, lat] = proj.inverse(mx / area, my / area);
  return { area, lon, lat };
}

function polygon_area_km2(poly) {
  return area_and_centroid([poly]).area;
}

export function great_circle_km(lon1, lat1, lon2, lat2) {
  const dlat = (lat2 - lat1) * RAD, dlon = (lon2 - lon1) * RAD;
  const h = Math.sin(dlat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dlon / 2) ** 2;
  return 2 * EARTH_MEAN_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---------------------------------------------------------------------------------------------
// Adjacency: shared boundary vertices

const key_of = (x, y) => x * 1048576 + y; // grid units are < 2^20 in absolute value

/// For each grid vertex, the set of nodes whose boundary passes through it.
export function vertex_owners(nodes) {
  const owners = new Map();
  nodes.forEach((node, i) => {
    for (const poly of node.polygons) for (const ring of poly) for (const [x, y] of ring) {
      const k = key_of(x, y);
      const set = owners.get(k);
      if (set === undefined) owners.set(k, [i]);
      else if (set[set.length - 1] !== i && !set.includes(i)) set.push(i);
    }
  });
  return owners;
}

/// Pairs of nodes with at least MIN_SHARED_VERTICES boundary vertices within NEAR_STEPS grid
/// steps of each other; the shared border length is the length of the boundary segments of the
/// first node whose both ends are shared with the second, averaged over both directions.
export function land_edges(nodes, owners) {
  const shared = new Map(); // "i,j" (i < j) -> { count, border_km }
  const add = (i, j, km) => {
    const k = i < j ? `${i},${j}` : `${j},${i}`;
    const e = shared.get(k) ?? { count: 0, border_km: 0 };
    e.count += 1; e.border_km += km / 2; shared.set(k, e);
  };
  nodes.forEach((node, i) => {
    for (const poly of node.polygons) for (const ring of poly) {
      const near = ring.map(([x, y]) => {
        const set = new Set();
        for (let dx = -NEAR_STEPS; dx <= NEAR_STEPS; ++dx)
          for (let dy = -NEAR_STEPS; dy <= NEAR_STEPS; ++dy)
            for (const j of owners.get(key_of(x + dx, y + dy)) ?? []) if (j !== i) set.add(j);
        return set;
      });
      for (let v = 0; v < ring.length; ++v) {
        const next = (v + 1) % ring.length;
        for (const j of near[v]) {
          const km = near[next].has(j) ? great_circle_km(...to_deg(ring[v]), ...to_deg(ring[next])) : 0;
          add(i, j, km);
        }
      }
    }
  });
  const edges = [];
  for (const [k, e] of shared) {
    if (e.count < 2 * MIN_SHARED_VERTICES) continue; // counted once from each side
    const [a, b] = k.split(',').map(Number);
    edges.push({ a, b, kind: 'land', border_km: e.border_km });
  }
  return edges;
}

/// Union-find components of the land graph; every component other than the largest is linked
/// to the rest by a "sea" edge between its closest pair of outline vertices (Prim's order).
export function sea_edges(nodes, edges, outlines) {
  const parent = nodes.map((_, i) => i);
  const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const e of edges) parent[find(e.a)] = find(e.b);
  const comp = nodes.map((_, i) => find(i));
  const sizes = new Map();
  for (const c of comp) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const main = [...sizes.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0][0];
  const linked = new Set([main]);
  const points = nodes.map((_, i) => outlines[i].flatMap((r) => r.points));
  const added = [];
  while (linked.size < sizes.size) {
    let best = { km: Infinity };
    nodes.forEach((_, i) => {
      if (linked.has(comp[i])) return;
      nodes.forEach((__, j) => {
        if (!linked.has(comp[j])) return;
        for (const p of points[i]) for (const q of points[j]) {
          const km = great_circle_km(p[0], p[1], q[0], q[1]);
          if (km < best.km) best = { km, i, j };
        }
      });
    });
    added.push({ a: Math.min(best.i, best.j), b: Math.max(best.i, best.j), kind: 'sea', border_km: 0, gap_km: best.km });
    linked.add(comp[best.i]);
  }
  return added;
}

// ---------------------------------------------------------------------------------------------
// Outlines: Douglas-Peucker with shared vertices between different neighbours kept fixed, so
// that a border shared by two cities is simplified the same way in both.

/// Planar km coordinates that do not depend on the city (shared arcs must simplify alike).
const plane = ([x, y]) => [(x / GRID) * 111.195 * Math.cos((y / GRID) * RAD), (y / GRID) * 111.195];

function seg_dist(p, a, b) {
  const dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function douglas_peucker(pts, lo, hi, tol, keep) {
  let worst = -1, at = -1;
  for (let i = lo + 1; i < hi; ++i) {
    const d = seg_dist(pts[i], pts[lo], pts[hi]);
    if (d > worst) { worst = d; at = i; }
  }
  if (worst > tol) {
    keep[at] = true;
    douglas_peucker(pts, lo, at, tol, keep);
    douglas_peucker(pts, at, hi, tol, keep);
  }
}

/// The cities with a boundary vertex within NEAR_STEPS of (x, y), as a string: a vertex where it
/// changes is a junction. The tolerance keeps borders whose two sides miss each other by a grid
/// step or two from looking like a run of junctions.
function owner_signature(owners, [x, y]) {
  const set = new Set();
  for (let dx = -NEAR_STEPS; dx <= NEAR_STEPS; ++dx)
    for (let dy = -NEAR_STEPS; dy <= NEAR_STEPS; ++dy)
      for (const j of owners.get(key_of(Math.round(x) + dx, Math.round(y) + dy)) ?? []) set.add(j);
  return [...set].sort((a, b) => a - b).join(' ');
}

/// Runs of fewer than MIN_RUN equal signatures (a border whose two sides miss each other by more
/// than the tolerance here and there) take the signature of the run before them, going round.
function smooth_runs(sig) {
  const n = sig.length;
  const run = new Array(n).fill(1); // length of the run of equal signatures starting at i
  for (let i = n - 2; i >= 0; --i) if (sig[i] === sig[i + 1]) run[i] = run[i + 1] + 1;
  const start = run.findIndex((r) => r >= MIN_RUN);
  if (start < 0) return sig.map(() => sig[0]);
  const out = sig.slice();
  let current = sig[start];
  for (let k = 0; k < n; ++k) {
    const i = (start + k) % n;
    if (sig[i] !== current && run[i] >= MIN_RUN) current = sig[i];
    out[i] = current;
  }
  return out;
}

/// Simplified ring (grid units, open: last point != first) with junctions kept.
function simplify_ring(ring, owners, tol_km) {
  const pts = ring.slice();
  if (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  const n = pts.length;
  if (n <= 4) return pts;
  const sig = smooth_runs(pts.map((p) => owner_signature(owners, p)));
  const keep = new Array(n).fill(false);
  for (let i = 0; i < n; ++i)
    if (sig[i] !== sig[(i + n - 1) % n] || sig[i] !== sig[(i + 1) % n]) keep[i] = true;
  // Anchors independent of direction and start: the lowest-then-leftmost vertex, and the vertex
  // farthest from it, so a ring without junctions is still split into two arcs.
  let lo = 0;
  for (let i = 1; i < n; ++i)
    if (pts[i][1] < pts[lo][1] || (pts[i][1] === pts[lo][1] && pts[i][0] < pts[lo][0])) lo = i;
  const xy = pts.map(plane);
  let far = lo;
  for (let i = 0; i < n; ++i) if (Math.hypot(xy[i][0] - xy[lo][0], xy[i][1] - xy[lo][1]) > Math.hypot(xy[far][0] - xy[lo][0], xy[far][1] - xy[lo][1])) far = i;
  keep[lo] = keep[far] = true;
  const anchors = [];
  for (let i = 0; i < n; ++i) if (keep[i]) anchors.push(i);
  // Unroll so that arcs wrapping past the end are contiguous.
  const ext = xy.concat(xy);
  const kext = new Array(2 * n).fill(false);
  for (let k = 0; k < anchors.length; ++k) {
    const a = anchors[k], b = k + 1 < anchors.length ? anchors[k + 1] : anchors[0] + n;
    douglas_peucker(ext, a, b, tol_km, kext);
  }
  for (let i = 0; i < 2 * n; ++i) if (kext[i]) keep[i % n] = true;
  return pts.filter((_, i) => keep[i]);
}

/// Outline rings of a node in degrees: largest polygon always, others (and holes) only when at
/// least MIN_RING_KM2, largest first, until MAX_OUTLINE_POINTS is reached.
export function outline_of(node, owners) {
  const polys = node.dissolved.map((poly) => ({ poly, area: polygon_area_km2(poly) }))
    .sort((a, b) => b.area - a.area);
  const rings = [];
  let total = 0;
  polys.forEach(({ poly, area }, p) => {
    if (p > 0 && area < MIN_RING_KM2) return;
    const outer = simplify_ring(poly[0], owners, SIMPLIFY_KM);
    if (outer.length < 3 || (p > 0 && total + outer.length > MAX_OUTLINE_POINTS)) return;
    rings.push({ hole: false, points: outer.map(to_deg) });
    total += outer.length;
    for (const hole of poly.slice(1)) {
      if (Math.abs(polygon_area_km2([hole])) < MIN_RING_KM2) continue;
      const h = simplify_ring(hole, owners, SIMPLIFY_KM);
      if (h.length < 3 || total + h.length > MAX_OUTLINE_POINTS) continue;
      rings.push({ hole: true, points: h.map(to_deg) });
      total += h.length;
    }
  });
  return rings;
}
