// The debrief page: GET /api/debrief (the teacher may preview it before the end).
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const teacher = location.hash.length > 1 ? location.hash.slice(1) : '';
  const seat = JSON.parse(sessionStorage.getItem('regsim-seat') || 'null');

  function figure(value, label) {
    return RS.el('div', { class: 'figure' }, RS.el('div', { class: 'v' }, value), RS.el('div', { class: 'l' }, label));
  }

  function chart(id, title, key, fmt, d) {
    RS.lineChart($(id), { title, width: 420, height: 120, yFormat: fmt, series: [
      { values: d.series_class[key], color: '#1f6feb' },
      { values: d.series_model[key], color: '#868e96', dash: '5 4' }] });
  }

  function render(d) {
    const idle = d.class_idle_value, model = d.model_idle_value;
    $('status').textContent = (d.final ? 'after ' : 'preview, ') + d.years + ' years, ' + d.students.length + ' students';
    $('headline').textContent = 'The class left ' + RS.num(idle) + ' of plant idle in its cities; the model\'s governments ' + RS.num(model);
    $('figures').replaceChildren(
      figure(RS.num(idle) + ' vs ' + RS.num(model), 'idle plant in the students\' cities (capex value): class vs model'),
      figure(d.class_promotions + ' vs ' + d.model_promotions, 'officials promoted in those cities: class vs model'),
      figure(RS.pct(d.with_class.final_cu) + ' vs ' + RS.pct(d.with_model.final_cu), 'national capacity utilisation at the end'),
      figure(RS.pct(d.with_class.final_zombie_share, 1) + ' vs ' + RS.pct(d.with_model.final_zombie_share, 1), 'zombie firms at the end'));
    chart('chart-cu', 'Capacity utilisation', 'cu', (v) => RS.pct(v), d);
    chart('chart-price', 'Price index', 'price_index', (v) => v.toFixed(2), d);
    chart('chart-crowding', 'Crowding: cities listing the top track', 'crowding', (v) => RS.pct(v), d);
    chart('chart-over', 'Overcapacity beyond demand', 'overcapacity', (v) => RS.pct(v), d);
    chart('chart-zombie', 'Zombie firms', 'zombie_share', (v) => RS.pct(v), d);
    const rows = [['Capacity utilisation at the end', 'final_cu', RS.pct], ['Lowest utilisation', 'min_cu', RS.pct],
      ['Price index at the end', 'final_price_index', (v) => v.toFixed(3)], ['Zombie share at the end', 'final_zombie_share', (v) => RS.pct(v, 1)],
      ['Overcapacity at the end', 'final_overcapacity', RS.pct], ['Peak crowding', 'peak_crowding', RS.pct],
      ['Welfare, summed', 'welfare', (v) => RS.num(v)], ['Officials promoted (all cities)', 'promoted', String]];
    $('national').replaceChildren(RS.el('tr', {}, RS.el('th', {}, ''), RS.el('th', { class: 'n' }, 'Class'), RS.el('th', { class: 'n' }, 'Model')),
      ...rows.map(([label, key, f]) => RS.el('tr', {}, RS.el('td', {}, label), RS.el('td', { class: 'n' }, f(d.with_class[key])),
        RS.el('td', { class: 'n' }, f(d.with_model[key])))));
    const head = ['Student', 'City', 'Growth a year', '(model)', 'Rank', '(model)', 'Promoted', '(model)', 'Idle plant', '(model)', 'Debt/GDP', '(model)', 'Zombies (model)', 'Tracks at the end'];
    $('students').replaceChildren(RS.el('tr', {}, head.map((h, i) => RS.el('th', { class: i >= 2 && i <= 12 ? 'n' : '' }, h))),
      ...d.students.map((s) => {
        const a = s.with_student, b = s.with_model;
        const n = (v, cls) => RS.el('td', { class: 'n ' + (cls || '') }, v);
        return RS.el('tr', { class: seat && seat.city === s.city ? 'me' : '' },
          RS.el('td', { class: 'nowrap' }, s.student), RS.el('td', { class: 'nowrap' }, s.city_name + ', prov. ' + (s.province + 1)),
          n(RS.signed(a.mean_growth), Math.abs(a.mean_growth - b.mean_growth) < 5e-4 ? '' : a.mean_growth > b.mean_growth ? 'good' : 'warn'), n(RS.signed(b.mean_growth), 'muted'),
          n(a.rank + '/' + a.peers), n(b.rank + '/' + b.peers, 'muted'), n(a.promotions), n(b.promotions, 'muted'),
          n(RS.pct(a.idle_share), a.idle_share > b.idle_share + 0.005 ? 'warn' : ''), n(RS.pct(b.idle_share), 'muted'),
          n(RS.pct(a.debt_to_gdp)), n(RS.pct(b.debt_to_gdp), 'muted'), n(a.zombies + ' / ' + b.zombies),
          RS.el('td', { class: 'small' }, a.tracks.join(', ')));
      }));
  }

  let last = null;
  async function refresh() {
    const res = await RS.api('/api/debrief', { teacher });
    if (!res.ok) { $('status').textContent = res.data.error || 'not available yet'; return; }
    last = res.data;
    render(last);
  }
  window.addEventListener('resize', () => { if (last) render(last); });

  RS.poll(refresh, 5000);
})();
