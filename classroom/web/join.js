// The join page: checks the join code, shows the free cities and takes a seat.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  if (params.get('code')) $('code').value = params.get('code');
  let cities = [];

  function say(text, error) {
    $('message').replaceChildren(text ? RS.el('div', { class: 'message' + (error ? ' error' : '') }, text) : '');
  }

  function provinceName(p) { return 'Province ' + (p + 1); }

  function render() {
    const free = cities.filter((c) => !c.student);
    const select = $('city');
    const chosen = select.value;
    select.replaceChildren(...free.map((c) =>
      RS.el('option', { value: c.id }, c.name + ' · ' + provinceName(c.province) + ' · ' + c.zone)));
    if (chosen && free.some((c) => String(c.id) === chosen)) select.value = chosen;
    RS.drawMap($('map'), cities, {
      colorOf: (c) => c.student ? '#c9ced6' : (String(c.id) === select.value ? '#e8590c' : RS.palette[c.province % 12]),
      ringOf: (c) => !!c.student || String(c.id) === select.value,
      labelOf: (c) => String(c.id) === select.value ? c.name : (c.student ? c.student : ''),
      onClick: (c) => { if (!c.student) { select.value = c.id; render(); } },
    });
  }

  async function load() {
    const code = $('code').value.trim().toUpperCase();
    const res = await RS.api('/api/lobby?code=' + encodeURIComponent(code));
    if (!res.ok) { say(res.data.error || 'cannot load the cities', true); return false; }
    cities = res.data.cities;
    $('pick').hidden = false;
    say('');
    render();
    return true;
  }

  // A student who closed the tab gets back to their city from this device.
  const last = JSON.parse(localStorage.getItem('regsim-last-seat') || 'null');
  if (last) {
    const back = RS.el('button', { class: 'secondary' }, 'Continue as ' + last.name);
    back.onclick = () => { sessionStorage.setItem('regsim-seat', JSON.stringify(last)); location.href = '/student'; };
    $('message').replaceChildren(RS.el('div', { class: 'message' }, 'You already hold a city on this device. ', back));
  }

  $('show').onclick = load;
  $('city').onchange = render;
  $('join').onclick = async function () {
    const name = $('name').value.trim();
    if (!name) { say('Type your name first.', true); return; }
    const res = await RS.api('/api/join', { method: 'POST', body: {
      code: $('code').value.trim().toUpperCase(), name, city: Number($('city').value) } });
    if (!res.ok) { say(res.data.error || 'cannot join', true); await load(); return; }
    sessionStorage.setItem('regsim-seat', JSON.stringify(res.data));
    localStorage.setItem('regsim-last-seat', JSON.stringify(res.data));  // to come back after closing the tab
    location.href = '/student';
  };
})();
