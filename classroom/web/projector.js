// The projector view: polls /api/projector and redraws the charts, the map and the tables.
// window.regsimStats counts animation frames and redraws, for scripts/classroom_load.py.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const teacher = location.hash.length > 1 ? location.hash.slice(1) : '';
  const stats = { frames: 0, polls: 0, redraws: 0, redraw_ms: 0, started: performance.now() };
  window.regsimStats = stats;
  let status = null, shownAt = 0, data = null, version = 0, mode = 'track';

  function charts() {
    const s = data.series, total = data.total_ticks;
    const one = (id, title, values, color, fmt) => RS.lineChart($(id), { title, totalTicks: total, width: 380, height: 118,
      series: [{ values, color }], yFormat: fmt });
    one('chart-cu', 'Capacity utilisation', s.cu, '#1f6feb', (v) => RS.pct(v));
    one('chart-price', 'Price index', s.price_index, '#2b8a3e', (v) => v.toFixed(2));
    one('chart-crowding', 'Crowding: cities listing the top track', s.crowding, '#e8590c', (v) => RS.pct(v));
    one('chart-over', 'Overcapacity beyond demand', s.overcapacity, '#d6336c', (v) => RS.pct(v));
    one('chart-zombie', 'Zombie firms (kept alive by bailouts)', s.zombie_share, '#7048e8', (v) => RS.pct(v));
  }

  function modes() {
    const select = $('mode');
    if (select.options.length) return;
    select.append(RS.el('option', { value: 'track' }, 'main track'));
    data.tracks.forEach((t, i) => select.append(RS.el('option', { value: 'list:' + i }, 'lists ' + t.name)));
    select.onchange = () => { mode = select.value; map(); };
  }

  function map() {
    const names = data.tracks.map((t) => t.name);
    let colorOf = (c) => RS.trackColor(c.track), legend = RS.trackLegend(names);
    if (mode.startsWith('list:')) {
      const k = Number(mode.slice(5));
      colorOf = (c) => c.listed.includes(k) ? RS.trackColor(k) : '#d5d9e0';
      const n = data.cities.filter((c) => c.listed.includes(k)).length;
      legend = RS.el('div', { class: 'legend' }, RS.el('span', {}, RS.el('span', { class: 'swatch', style: 'background:' + RS.trackColor(k) }),
        ' lists ' + names[k] + ' (' + n + ' cities)'), RS.el('span', {}, RS.el('span', { class: 'swatch', style: 'background:#d5d9e0' }), ' does not'));
    }
    RS.drawMap($('map'), data.cities, { colorOf,
      ringOf: (c) => !!c.student, labelOf: (c) => c.student || '' });
    $('legend').replaceChildren(legend);
  }

  function tracks() {
    const rows = data.tracks.map((t, i) => {
      const over = t.demand > 0 ? t.capacity / t.demand : 0;
      return RS.el('tr', {}, RS.el('td', { class: 'nowrap' }, RS.el('span', { class: 'swatch', style: 'background:' + RS.trackColor(i) }), ' ', t.name, ' ',
        RS.hot(t) ? RS.el('span', { class: 'badge', title: 'the centre\'s signal: ' + t.signal }, 'endorsed') : null,
        t.war_intensity >= 0.5 ? RS.el('span', { class: 'badge war', title: 'firms price down towards their cash cost (war intensity ' + t.war_intensity.toFixed(2) + ')' }, 'price war') : null),
      RS.el('td', { class: 'n' }, t.cities_listing), RS.el('td', { class: 'n' + (t.cu < 0.75 ? ' warn' : '') }, RS.pct(t.cu)),
      RS.el('td', { class: 'n' + (over > 1.15 ? ' warn' : '') }, over.toFixed(2) + '×'),
      RS.el('td', { class: 'n' + (t.price < t.cost || t.price < t.cash_cost ? ' warn' : ''),
        title: t.cash_cost > 0 ? 'cash cost of the average plant: ' + t.cash_cost.toFixed(2) : '' }, t.price.toFixed(2)));
    });
    $('tracks').replaceChildren(RS.el('tr', {}, RS.el('th', {}, 'Track'), RS.el('th', { class: 'n' }, 'Cities'),
      RS.el('th', { class: 'n' }, 'Used'), RS.el('th', { class: 'n' }, 'Cap./demand'), RS.el('th', { class: 'n' }, 'Price')), ...rows);
    RS.fillNews($('news'), data.news);
  }

  async function refresh() {
    const res = await RS.api('/api/projector?since=' + version);
    stats.polls++;
    if (!res.ok) { $('status').textContent = res.data.error || 'connection problem'; return; }
    status = res.data.status;
    shownAt = performance.now();
    if (!res.data.data) return;
    const t0 = performance.now();
    data = res.data.data;
    version = status.v;
    modes();
    charts();
    map();
    tracks();
    stats.redraws++;
    stats.redraw_ms += performance.now() - t0;
  }

  async function joinInfo() {
    if (!teacher) return;
    const res = await RS.api('/api/teacher', { teacher });
    if (res.ok) $('join').textContent = 'Join: ' + location.origin + '/ · code ' + res.data.data.join_code;
  }

  function frame() {
    stats.frames++;
    $('status').textContent = RS.statusText(status, shownAt);
    requestAnimationFrame(frame);
  }

  window.addEventListener('resize', () => { if (data) { charts(); map(); } });
  RS.poll(refresh, 250);
  RS.poll(joinInfo, 5000);
  requestAnimationFrame(frame);
})();
