// Shared helpers of the classroom pages: requests, formatting, track colours, SVG charts and the
// map of cities. Plain browser JavaScript; nothing is loaded from outside this server.
'use strict';

const RS = {};

/** Sends a request to the classroom API; resolves to {ok, status, data}. */
RS.api = async function (path, opts = {}) {
  const headers = {};
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.seat) headers['X-Seat-Token'] = opts.seat;
  if (opts.teacher) headers['X-Teacher-Token'] = opts.teacher;
  try {
    const res = await fetch(path, {
      method: opts.method || 'GET', headers, cache: 'no-store',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    let data = null;
    try { data = await res.json(); } catch (e) { data = { error: res.statusText }; }
    return { ok: res.ok, status: res.status, data };
  } catch (e) {
    return { ok: false, status: 0, data: { error: 'the server cannot be reached' } };
  }
};

/** Creates an HTML element: RS.el('td', {class: 'n'}, 'text', child...). */
RS.el = function (tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'onclick' || k === 'onchange' || k === 'oninput') e[k] = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
};

/** Creates an SVG element with attributes. */
RS.svg = function (tag, attrs, text) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};

RS.pct = (x, digits = 0) => (x === null || x === undefined || !isFinite(x)) ? '–' : (100 * x).toFixed(digits) + '%';
RS.num = function (x, digits = 1) {
  if (x === null || x === undefined || !isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1e6) return (x / 1e6).toFixed(digits) + 'M';
  if (a >= 1e4) return (x / 1e3).toFixed(digits) + 'k';
  return x.toFixed(digits);
};
RS.signed = (x, digits = 1) => (x > 0 ? '+' : '') + (100 * x).toFixed(digits) + '%';
RS.ordinal = (n) => n + (n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd'
  : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th');
/** "Y3 Q2" from ticks completed. */
RS.when = (tick) => 'Y' + (Math.floor(Math.max(0, tick - 1) / 4) + 1) + ' Q' + ((Math.max(0, tick - 1) % 4) + 1);

/** Twelve distinct colours (then repeated darker) for the tracks. */
RS.palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2',
  '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#98df8a'];
RS.trackColor = (i) => i < 0 ? '#c9ced6' : RS.palette[i % RS.palette.length];

/** A track the centre endorses strongly (signal 0.75 or more: on the national strategic list). */
RS.hot = (t) => t.signal >= 0.75;

/** The status line shared by the pages: year, stage, timer, submissions. */
RS.statusText = function (s, shownAt) {
  if (!s) return '';
  const year = Math.min(s.year + 1, s.years);
  if (s.stage === 'ended') return 'Session ended after ' + s.years + ' years';
  let t = 'Year ' + year + ' of ' + s.years + ' · ';
  if (s.stage === 'running') t += 'the year is running (quarter ' + Math.min(4, s.quarter + 1) + ')';
  else t += s.paused ? 'waiting for the teacher to start' : 'planning round';
  if (s.stage === 'deciding') {
    t += ' · ' + s.submitted + ' of ' + s.seats + ' students submitted';
    const left = RS.secondsLeft(s, shownAt);
    if (left >= 0) t += ' · ' + Math.floor(left / 60) + ':' + String(Math.floor(left % 60)).padStart(2, '0') + ' left';
  }
  return t;
};
RS.secondsLeft = function (s, shownAt) {
  if (!s || s.seconds_left < 0) return -1;
  if (s.paused) return s.seconds_left;
  return Math.max(0, s.seconds_left - (performance.now() - shownAt) / 1000);
};

/** Polls `fn` every `ms`, never two at once. */
RS.poll = function (fn, ms) {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try { await fn(); } finally { busy = false; }
  };
  tick();
  return setInterval(tick, ms);
};

/** Round axis steps (1, 2, 5 x 10^k) covering [lo, hi] with about n ticks. */
RS.ticks = function (lo, hi, n) {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toFixed(10));
  return out;
};

/**
 * A line chart in an <svg>: series [{values, color, label, dash}], x = quarter index, the y
 * range fitted to the data (with a little margin), year ticks on x.
 */
RS.lineChart = function (svg, o) {
  // Drawn at the size it is shown, so that text stays at its CSS size whatever the screen.
  const W = Math.max(220, svg.clientWidth || o.width || 360), H = o.height || 120;
  const L = 44, R = 8, T = 18, B = 18;
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  svg.setAttribute('height', H);
  svg.setAttribute('class', 'chart');
  svg.replaceChildren();
  svg.append(RS.svg('text', { x: L, y: 12, class: 'title' }, o.title));
  const all = o.series.flatMap((s) => s.values).filter((v) => isFinite(v));
  const n = Math.max(o.totalTicks || 0, ...o.series.map((s) => s.values.length), 2);
  let lo = all.length ? Math.min(...all) : 0, hi = all.length ? Math.max(...all) : 1;
  if (o.floor !== undefined) lo = Math.min(lo, o.floor);
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.05 || 0.05;
  lo -= pad; hi += pad;
  const x = (i) => L + (W - L - R) * (i / Math.max(1, n - 1));
  const y = (v) => T + (H - T - B) * (1 - (v - lo) / (hi - lo));
  for (const v of RS.ticks(lo, hi, 3)) {
    svg.append(RS.svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#e6e9ee' }));
    svg.append(RS.svg('text', { x: L - 4, y: y(v) + 4, 'text-anchor': 'end' }, o.yFormat ? o.yFormat(v) : v));
  }
  const per = o.pointsPerYear || 4, years = Math.ceil(n / per), every = years > 12 ? 5 : years > 6 ? 2 : 1;
  for (let yr = 0; yr <= years; yr += every) {
    const xi = x(yr * per);
    if (xi > W - R + 1) break;
    svg.append(RS.svg('text', { x: xi, y: H - 4, 'text-anchor': 'middle' }, 'Y' + (yr + 1)));
  }
  for (const s of o.series) {
    if (!s.values.length) continue;
    const d = s.values.map((v, i) => (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1)).join(' ');
    const attrs = { d, fill: 'none', stroke: s.color, 'stroke-width': s.width || 2 };
    if (s.dash) attrs['stroke-dasharray'] = s.dash;
    svg.append(RS.svg('path', attrs));
  }
};

/**
 * The map of cities in an <svg>: dots at their positions, coloured by `colorOf(city)`, sized by
 * GDP; cities for which `ringOf(city)` is true get a dark ring and their `labelOf(city)` text.
 */
RS.drawMap = function (svg, cities, o) {
  const xs = cities.map((c) => c.x), ys = cities.map((c) => c.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  // The panel takes the map's own shape (within limits), so a square world fills it.
  const shape = Math.min(1.1, Math.max(0.55, (y1 - y0) / ((x1 - x0) || 1)));
  const W = Math.max(260, svg.clientWidth || o.width || 600);
  const H = Math.round(W * (o.aspect || shape)), M = 14;
  svg.setAttribute('height', H);
  const scale = Math.min((W - 2 * M) / ((x1 - x0) || 1), (H - 2 * M) / ((y1 - y0) || 1));
  const ox = (W - (x1 - x0) * scale) / 2, oy = (H - (y1 - y0) * scale) / 2;
  const px = (c) => ox + (c.x - x0) * scale, py = (c) => H - (oy + (c.y - y0) * scale);
  const gdp = cities.map((c) => c.gdp || 1), top = Math.max(...gdp);
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  svg.setAttribute('class', 'map');
  svg.replaceChildren();
  const labels = [];
  for (const c of cities) {
    const r = 3 + 6 * Math.sqrt((c.gdp || 1) / top);
    const dot = RS.svg('circle', { cx: px(c).toFixed(1), cy: py(c).toFixed(1), r: r.toFixed(1),
      fill: o.colorOf(c), stroke: o.ringOf && o.ringOf(c) ? '#111' : '#fff',
      'stroke-width': o.ringOf && o.ringOf(c) ? 2.5 : 0.8 });
    if (o.onClick) { dot.style.cursor = 'pointer'; dot.addEventListener('click', () => o.onClick(c)); }
    dot.append(RS.svg('title', {}, c.name + (c.student ? ' · ' + c.student : '')));
    svg.append(dot);
    if (o.labelOf && o.labelOf(c)) labels.push([px(c) + r + 2, py(c) + 4, o.labelOf(c), r]);
  }
  // Labels that would overlap one already placed move to the left of their dot, or are left out
  // (the name is still in the dot's tooltip).
  const placed = [];
  const free = (b) => placed.every((p) => b.x1 < p.x0 || b.x0 > p.x1 || b.y1 < p.y0 || b.y0 > p.y1);
  for (const [lx, ly, t, r] of labels) {
    const w = 6.2 * t.length, h = 12;
    const right = { x0: lx, x1: lx + w, y0: ly - h + 2, y1: ly + 2 };
    const left = { x0: lx - 2 * r - 4 - w, x1: lx - 2 * r - 4, y0: ly - h + 2, y1: ly + 2 };
    const box = free(right) ? right : free(left) ? left : null;
    if (!box) continue;
    placed.push(box);
    svg.append(RS.svg('text', { x: box.x0.toFixed(1), y: ly.toFixed(1) }, t));
  }
};

/** A legend of the tracks: swatch and name. */
RS.trackLegend = function (names) {
  return RS.el('div', { class: 'legend' }, names.map((n, i) =>
    RS.el('span', {}, RS.el('span', { class: 'swatch', style: 'background:' + RS.trackColor(i) }), ' ' + n)));
};

/** Fills a news list. */
RS.fillNews = function (ul, items) {
  ul.replaceChildren(...items.map((n) => RS.el('li', {}, RS.el('span', { class: 'when' }, RS.when(n.tick)), n.text)));
};
