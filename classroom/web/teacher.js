// The teacher's panel: polls /api/teacher and sends actions (POST /api/teacher).
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const teacher = location.hash.length > 1 ? location.hash.slice(1) : '';
  let status = null, shownAt = 0, data = null, leversBuilt = false;
  $('projector').href = '/projector#' + teacher;
  $('debrief').href = '/debrief#' + teacher;

  function say(text, error) {
    $('message').replaceChildren(text ? RS.el('div', { class: 'message' + (error ? ' error' : '') }, text) : '');
  }

  async function act(body, done) {
    const res = await RS.api('/api/teacher', { method: 'POST', body, teacher });
    say(res.ok ? done : (res.data.error || 'refused'), !res.ok);
    await refresh();
  }

  $('start').onclick = () => act({ action: 'start' }, 'Running.');
  $('pause').onclick = () => act({ action: 'pause' }, 'Paused.');
  $('advance').onclick = () => act({ action: 'advance' }, 'The year runs now; students who did not submit keep last year\'s choices.');
  $('end').onclick = () => { if (confirm('End the session and open the debrief?')) act({ action: 'end' }, 'The session ends after the running year.'); };
  $('set-timer').onclick = () => act({ action: 'timer', seconds: Number($('timer').value) }, 'Timer set.');
  $('set-pace').onclick = () => act({ action: 'pace', seconds: Number($('pace').value) }, 'Pace set.');
  $('announce').onclick = () => act({ action: 'announce', track: $('hot').value }, 'Announced from the next quarter.');

  function control(l) {
    const send = (value) => act({ action: 'lever', key: l.key, value }, l.label + ' changes at the next quarter.');
    if (l.type === 'boolean') {
      const box = RS.el('input', { type: 'checkbox', id: 'lever-' + l.key });
      box.onchange = () => send(box.checked);
      return box;
    }
    if (l.type === 'choice') {
      const select = RS.el('select', { id: 'lever-' + l.key }, l.choices.map((c) => RS.el('option', { value: c }, c)));
      select.onchange = () => send(select.value);
      return select;
    }
    const hi = l.key === 'tournament.alpha1' ? 3 : l.max;
    const range = RS.el('input', { type: 'range', id: 'lever-' + l.key, min: l.min, max: hi, step: (hi - l.min) / 100 });
    range.onchange = () => send(Number(Number(range.value).toFixed(3)));
    return range;
  }

  function buildLevers() {
    $('hot').replaceChildren(...data.tracks.map((t) => RS.el('option', { value: t }, t)));
    $('levers').replaceChildren(...data.levers.map((l) => RS.el('div', { class: 'lever', title: l.help },
      RS.el('span', {}, l.label, RS.el('br'), RS.el('span', { class: 'muted small', id: 'value-' + l.key })), control(l))));
    $('timer').value = data.timer;
    $('pace').value = data.pace;
    leversBuilt = true;
  }

  function render() {
    if (!leversBuilt) buildLevers();
    for (const l of data.levers) {
      const input = $('lever-' + l.key);
      if (document.activeElement !== input) {
        if (l.type === 'boolean') input.checked = l.value; else input.value = l.value;
      }
      const shown = typeof l.value === 'number' ? Number(l.value.toFixed(3)) : String(l.value);
      $('value-' + l.key).replaceChildren('now ' + shown, l.pending !== undefined ? RS.el('span', { class: 'pending' }, ' → ' + l.pending + ' next quarter') : '');
    }
    $('join').textContent = 'Join: ' + location.origin + '/ · code ' + data.join_code;
    $('seats').replaceChildren(RS.el('tr', {}, RS.el('th', {}, 'Student'), RS.el('th', {}, 'City'), RS.el('th', {}, 'This round'), RS.el('th', {}, '')),
      ...data.students.map((s) => RS.el('tr', {}, RS.el('td', {}, s.name), RS.el('td', {}, s.city_name),
        RS.el('td', { class: s.submitted ? 'good' : 'muted' }, s.submitted ? 'submitted' : '…'),
        RS.el('td', {}, RS.el('button', { class: 'secondary', onclick: () => { if (confirm('Free ' + s.city_name + '?')) act({ action: 'release', city: s.city }, 'Seat freed.'); } }, 'free')))));
  }

  async function refresh() {
    const res = await RS.api('/api/teacher', { teacher });
    if (!res.ok) { $('status').textContent = res.data.error || 'connection problem'; return; }
    status = res.data.status;
    shownAt = performance.now();
    data = res.data.data;
    render();
  }

  RS.poll(refresh, 1000);
  setInterval(() => { $('status').textContent = RS.statusText(status, shownAt); }, 250);
})();
