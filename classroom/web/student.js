// A student's page: shows their city and submits the year's choices (POST /api/decision).
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const seat = JSON.parse(sessionStorage.getItem('regsim-seat') || 'null');
  if (!seat) { location.href = '/'; return; }
  let status = null, shownAt = 0, data = null, version = 0, formKey = '';

  function say(text, error) {
    $('message').replaceChildren(text ? RS.el('div', { class: 'message' + (error ? ' error' : '') }, text) : '');
  }

  function figure(value, label, cls) {
    return RS.el('div', { class: 'figure' }, RS.el('div', { class: 'v ' + (cls || '') }, value), RS.el('div', { class: 'l' }, label));
  }

  function renderCity() {
    const c = data.city, b = data.budget;
    $('title').textContent = c.name + ' · ' + seat.name;
    $('figures').replaceChildren(
      figure(RS.num(c.gdp_last_year), 'GDP last year'),
      figure(RS.signed(c.gdp_growth), 'GDP growth', c.gdp_growth < 0 ? 'warn' : 'good'),
      figure(RS.num(b.revenue) + ' / ' + RS.num(b.spending), 'revenue / spending last year'),
      figure(RS.num(b.subsidies), 'subsidies paid last year'),
      figure(RS.num(b.bailouts), 'bailouts paid last year'),
      figure(RS.pct(c.debt_to_gdp), 'debt / GDP', c.debt_room < 1 ? 'warn' : ''),
      figure(RS.pct(c.debt_room), 'debt room (0 = no more subsidies)', c.debt_room < 1 ? 'warn' : ''),
      figure(c.firms + ' (' + c.zombies + ' zombies)', 'firms in your city'));
    $('rank').replaceChildren(RS.el('p', {},
      RS.el('b', {}, RS.ordinal(c.rank) + ' of ' + c.peers), ' in Province ' + (c.province + 1) +
      ' at the last evaluation. Your official: age ' + Math.floor(c.official_age) + ', ' + c.official_tenure +
      ' years in post; promotions so far: ' + c.promotions + (c.promoted_last ? ' (promoted last year!)' : '') +
      '. Pressure to rise: ' + c.pressure.toFixed(2) + '.'));
    $('province').replaceChildren(
      RS.el('tr', {}, RS.el('th', {}, '#'), RS.el('th', {}, 'City'), RS.el('th', { class: 'n' }, 'GDP growth'), RS.el('th', { class: 'n' }, 'Score')),
      ...data.province.map((p) => RS.el('tr', { class: p.id === c.id ? 'me' : '' },
        RS.el('td', {}, p.rank), RS.el('td', {}, p.name + (p.student ? ' (' + p.student + ')' : '')),
        RS.el('td', { class: 'n' }, RS.signed(p.gdp_growth)), RS.el('td', { class: 'n' }, p.score.toFixed(2)))));
    RS.lineChart($('gdp-chart'), { title: 'GDP (per year)', width: 360, height: 110,
      series: [{ values: data.history.map((h) => h.gdp), color: '#1f6feb' }], totalTicks: 0, pointsPerYear: 1,
      yFormat: (v) => RS.num(v, 0) });
    $('cells').replaceChildren(
      RS.el('tr', {}, RS.el('th', {}, 'Track'), RS.el('th', { class: 'n' }, 'Capacity'), RS.el('th', { class: 'n' }, 'Used'),
        RS.el('th', { class: 'n' }, 'Firms'), RS.el('th', { class: 'n' }, 'Zombies'), RS.el('th', { class: 'n' }, 'Losing')),
      ...c.cells.map((x) => RS.el('tr', {},
        RS.el('td', {}, x.track + (x.listed ? ' ★' : '')), RS.el('td', { class: 'n' }, RS.num(x.capacity)),
        RS.el('td', { class: 'n' + (x.cu < 0.7 && x.capacity > 0 ? ' warn' : '') }, x.capacity > 0 ? RS.pct(x.cu) : '–'),
        RS.el('td', { class: 'n' }, x.firms), RS.el('td', { class: 'n' }, x.zombies), RS.el('td', { class: 'n' }, x.losing))));
    RS.fillNews($('news'), data.news);
  }

  function trackInfo(t) {
    const change = t.price_last_year > 0 ? t.price / t.price_last_year - 1 : 0;
    return t.cities_listing + ' cities list it · used ' + RS.pct(t.cu) + ' · price ' + RS.signed(change, 0) +
      ' vs last year' + (t.pipeline > 0.2 * t.capacity ? ' · big pipeline' : '');
  }

  /**
   * The form shows this round's submission, else the choice in force, else the model's list. It
   * is rebuilt only when the round, the limits or the student's own choice change, so a poll
   * never replaces a checkbox under the student's finger; the track figures update in place.
   */
  function renderForm() {
    const l = data.limits, open = status.stage === 'deciding';
    const key = [status.year, status.stage, JSON.stringify(l), JSON.stringify(data.submission),
      JSON.stringify(data.in_force)].join('|');
    if (key !== formKey) {
      formKey = key;
      const choice = data.submission || data.in_force;
      const chosen = new Set(choice ? choice.tracks : data.city.cells.filter((x) => x.listed).map((x) => x.track));
      $('decide-title').textContent = 'Your choices for year ' + Math.min(status.year + 1, status.years);
      $('decide-help').textContent = 'Pick up to ' + l.list_size + ' priority tracks. Firms on them get your capex subsidy, ' +
        'more firms enter, and GDP grows while the plants are built; if too many cities pick the same track, prices fall ' +
        'below cost and firms fail.' + (open ? '' : status.stage === 'ended' ? ' The session has ended.'
          : ' The year is running: you can choose again in the next planning round.');
      $('tracks').replaceChildren(...l.tracks.map((name, i) => {
        const t = data.tracks[i];
        const box = RS.el('input', { type: 'checkbox', value: name, checked: chosen.has(name) });
        box.onchange = limitChecks;
        return RS.el('label', { class: 'track' }, box, RS.el('span', { class: 'swatch', style: 'background:' + RS.trackColor(i) }),
          RS.el('span', { class: 'name' }, name, ' ', RS.hot(t) ? RS.el('span', { class: 'badge', title: 'the centre\'s signal: ' + t.signal }, 'endorsed') : null),
          RS.el('span', { class: 'info', id: 'info-' + i }, trackInfo(t)));
      }));
      const rate = $('rate');
      rate.max = l.subsidies_allowed ? l.max_subsidy : 0;
      rate.value = choice ? choice.subsidy_rate : Math.min(data.city.subsidy_rate, rate.max);
      rate.disabled = !open || !l.subsidies_allowed;
      $('rate-text').textContent = l.subsidies_allowed ? RS.pct(Number(rate.value)) : 'banned by the centre';
      const bail = $('bailouts');
      bail.checked = l.bailouts_allowed && (choice ? choice.bailouts : true);
      bail.disabled = !open || !l.bailouts_allowed;
      $('submit').disabled = !open;
      limitChecks();
    }
    data.tracks.forEach((t, i) => { const info = $('info-' + i); if (info) info.textContent = trackInfo(t); });
    $('in-force').textContent = data.submission ? 'Submitted ✓ (you can still change it)' :
      data.in_force ? 'In force now: ' + (data.in_force.tracks.join(', ') || 'no priorities') + ', ' +
        RS.pct(data.in_force.subsidy_rate) + ' subsidy' : (open ? 'Not submitted yet' : '');
  }

  function limitChecks() {
    const boxes = [...document.querySelectorAll('#tracks input')];
    const n = boxes.filter((b) => b.checked).length, open = status.stage === 'deciding';
    for (const b of boxes) b.disabled = !open || (!b.checked && n >= data.limits.list_size);
  }

  $('rate').oninput = () => { $('rate-text').textContent = RS.pct(Number($('rate').value)); };
  $('submit').onclick = async function () {
    const tracks = [...document.querySelectorAll('#tracks input')].filter((b) => b.checked).map((b) => b.value);
    const body = { seat: seat.seat, city: seat.city, tracks, subsidy_rate: Number($('rate').value), bailouts: $('bailouts').checked };
    const res = await RS.api('/api/decision', { method: 'POST', body });
    if (!res.ok) { say(res.data.error || 'not accepted', true); return; }
    say('Submitted. The year starts when everyone has chosen or the timer runs out.');
    version = 0;
    await refresh();
  };

  async function refresh() {
    const res = await RS.api('/api/state?since=' + version, { seat: seat.seat });
    if (res.status === 403) {  // the seat was freed, or this is another session
      sessionStorage.removeItem('regsim-seat');
      if (localStorage.getItem('regsim-last-seat') === JSON.stringify(seat)) localStorage.removeItem('regsim-last-seat');
      location.href = '/';
      return;
    }
    if (!res.ok) { $('status').textContent = res.data.error || 'connection problem'; return; }
    status = res.data.status;
    shownAt = performance.now();
    if (res.data.data) {
      data = res.data.data;
      version = status.v;
      renderCity();
      renderForm();
    }
    $('debrief-link').hidden = status.stage !== 'ended';
  }

  window.addEventListener('resize', () => { if (data) renderCity(); });
  RS.poll(refresh, 1000);
  setInterval(() => { $('status').textContent = RS.statusText(status, shownAt); }, 250);
})();
