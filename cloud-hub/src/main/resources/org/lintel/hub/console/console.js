// Lintel's first web console: log in with an API token, the community's buildings with device status, each
// building's devices with live values, and the open alarms with acknowledge and reset. Plain JavaScript on the
// hub's REST API (/api/v1), refreshed every 5 seconds; Chinese and English.
(function () {
  'use strict';

  const TEXT = {
    'zh-CN': {
      title: '智慧物业控制台', login: '登录', loginHelp: '请输入 API 令牌（首次运行时打印在终端，或见 data/hub/admin-token）。',
      token: '令牌', signIn: '登录', logout: '退出', invalidToken: '令牌无效或已吊销。', unreachable: '无法连接集线器：',
      alarms: '报警', noAlarms: '没有未处理的报警。', pickBuilding: '请选择楼栋', device: '设备', status: '状态', values: '实时数据',
      lastSeen: '最后通讯', devices: '台设备', openAlarms: '条报警', acknowledge: '确认', reset: '复位', updated: '更新于 ',
      online: '在线', offline: '离线', stale: '数据陈旧', unknown: '未知', language: 'English', lastGood: '最后有效值', noAnswer: '无应答',
      'active-unacknowledged': '报警未确认', 'active-acknowledged': '报警已确认', 'returned-unacknowledged': '已恢复待确认', normal: '正常',
      'life-safety': '生命安全', critical: '紧急', major: '重要', minor: '次要', warning: '提示', failed: '操作失败：'
    },
    en: {
      title: 'Smart property console', login: 'Sign in', loginHelp: 'Enter an API token (printed when Lintel first starts, or in data/hub/admin-token).',
      token: 'Token', signIn: 'Sign in', logout: 'Sign out', invalidToken: 'The token is not valid or was revoked.', unreachable: 'Cannot reach the hub: ',
      alarms: 'Alarms', noAlarms: 'No open alarms.', pickBuilding: 'Choose a building', device: 'Device', status: 'Status', values: 'Live values',
      lastSeen: 'Last seen', devices: 'devices', openAlarms: 'alarms', acknowledge: 'Acknowledge', reset: 'Reset', updated: 'Updated ',
      online: 'online', offline: 'offline', stale: 'stale', unknown: 'unknown', language: '中文', lastGood: 'last good', noAnswer: 'no answer',
      'active-unacknowledged': 'active, unacknowledged', 'active-acknowledged': 'active, acknowledged',
      'returned-unacknowledged': 'returned, unacknowledged', normal: 'normal',
      'life-safety': 'life-safety', critical: 'critical', major: 'major', minor: 'minor', warning: 'warning', failed: 'Failed: '
    }
  };

  const state = {
    lang: localStorage.getItem('lintel.lang') || (navigator.language && navigator.language.startsWith('zh') ? 'zh-CN' : 'en'),
    token: sessionStorage.getItem('lintel.token'),
    sites: [], site: null, building: null, timer: null, shown: {}
  };

  // re-render a part only when its data changed, so that a button is not replaced under the pointer every 5 seconds
  function changed(part, data) {
    const key = state.lang + JSON.stringify(data) + (part === 'buildings' && state.building ? state.building.id : '');
    if (state.shown[part] === key) return false;
    state.shown[part] = key;
    return true;
  }
  const $ = (sel) => document.querySelector(sel);
  const t = (key) => (TEXT[state.lang][key] !== undefined ? TEXT[state.lang][key] : key);
  const label = (en, zh) => (state.lang === 'zh-CN' ? (zh || en) : (en || zh)) || '';

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    });
    children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return e;
  }

  async function api(method, path, body) {
    const r = await fetch(path, {
      method, headers: Object.assign({ Authorization: 'Bearer ' + state.token }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
    if (r.status === 401) { signOut(t('invalidToken')); throw new Error('unauthorized'); }
    const data = r.headers.get('content-type') && r.headers.get('content-type').includes('json') ? await r.json() : await r.text();
    if (!r.ok) throw new Error((data && data.detail) || r.statusText);
    return data;
  }

  function translate() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-t]').forEach(n => { n.textContent = t(n.dataset.t); });
    $('#lang-toggle').textContent = t('language');
  }

  function time(iso) {
    if (!iso) return '';
    const zone = (state.site && state.site.timeZone) || 'Asia/Shanghai';
    return new Intl.DateTimeFormat(state.lang, { timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hour12: false }).format(new Date(iso));
  }

  function value(p) {
    if (p.value === null || p.value === undefined) return '—';
    if (typeof p.value === 'number') return (Math.round(p.value * 1000) / 1000).toLocaleString(state.lang) + (p.unit ? ' ' + p.unit : '');
    return String(p.value);
  }

  function pointValue(p) {
    const name = (p.label ? label(p.label.en, p.label.zh) : p.point) + ': ';
    if (p.quality === 'good' || p.value !== null && p.value !== undefined) {
      return el('span', { 'data-point': p.point, class: p.quality === 'good' ? '' : 'uncertain', title: time(p.time) }, name, el('b', {}, value(p)));
    }
    // the device did not answer: its last good value stays visible, marked as such
    const last = p.lastGood ? [el('b', {}, value({ value: p.lastGood.value, unit: p.unit })), ` (${t('lastGood')} ${time(p.lastGood.time)})`] : [el('b', {}, '—')];
    return el('span', { 'data-point': p.point, class: 'bad', title: t('noAnswer') + ' ' + time(p.time) }, name, ...last);
  }

  function signOut(message) {
    sessionStorage.removeItem('lintel.token');
    state.token = null;
    clearInterval(state.timer);
    showLogin(message);
  }

  function showLogin(message) {
    $('#app-view').hidden = true; $('#login-view').hidden = false; $('#logout').hidden = true; $('#site').hidden = true;
    $('#login-error').textContent = message || '';
    $('#login-token').focus();
  }

  async function signIn(token) {
    state.token = token;
    try {
      state.sites = await api('GET', '/api/v1/sites');
    } catch (e) {
      if (e.message !== 'unauthorized') showLogin(t('unreachable') + e.message);
      return;
    }
    sessionStorage.setItem('lintel.token', token);
    $('#login-view').hidden = true; $('#app-view').hidden = false; $('#logout').hidden = false;
    const select = $('#site');
    select.replaceChildren(...state.sites.map(s => el('option', { value: s.id }, label(s.nameEn, s.nameZh) || s.id)));
    select.hidden = state.sites.length < 2;
    state.site = state.sites[0] || null;
    await refresh();
    clearInterval(state.timer);
    state.timer = setInterval(refresh, 5000);
  }

  async function refresh() {
    if (!state.site) return;
    const s = state.site.id;
    $('#site-name').textContent = label(state.site.nameEn, state.site.nameZh) || s;
    try {
      const [buildings, alarms] = await Promise.all([api('GET', `/api/v1/sites/${s}/buildings`), api('GET', `/api/v1/sites/${s}/alarms`)]);
      if (changed('buildings', buildings)) renderBuildings(buildings);
      if (changed('alarms', alarms)) renderAlarms(alarms);
      if (state.building) {
        const devices = await api('GET', `/api/v1/sites/${s}/latest?building=${encodeURIComponent(state.building.id)}`);
        if (changed('devices', [state.building.id, devices])) renderDevices(devices);
      }
      $('#updated').textContent = t('updated') + time(new Date().toISOString());
    } catch (e) {
      if (e.message !== 'unauthorized') $('#updated').textContent = t('unreachable') + e.message;
    }
  }

  function renderBuildings(buildings) {
    $('#buildings').replaceChildren(...buildings.map(b => {
      const st = b.byStatus || {};
      return el('button', { type: 'button', class: 'building' + (state.building && state.building.id === b.id ? ' selected' : ''), 'data-id': b.id,
        onclick: () => { state.building = b; refresh(); } },
        el('strong', {}, label(b.nameEn, b.nameZh) || b.id),
        el('span', {}, `${b.devices} ${t('devices')} · `), el('span', { class: 'badge online' }, `${st.online || 0} ${t('online')}`), ' ',
        el('span', { class: 'badge' + ((st.offline || 0) + (st.stale || 0) ? ' offline' : '') }, `${(st.offline || 0) + (st.stale || 0)} ${t('offline')}`), ' ',
        el('span', { class: 'badge' + (b.openAlarms ? ' critical' : '') }, `${b.openAlarms} ${t('openAlarms')}`));
    }));
  }

  function renderDevices(devices) {
    $('#building-name').textContent = label(state.building.nameEn, state.building.nameZh) || state.building.id;
    $('#devices tbody').replaceChildren(...devices.map(d => el('tr', { 'data-device': d.device },
      el('td', {}, el('strong', {}, d.device), el('div', { class: 'muted' }, d.profile)),
      el('td', {}, el('span', { class: 'badge ' + d.status }, t(d.status))),
      // every point, as the hub orders them: states and flags (a trapped passenger, a fault) first, then counters, then gauges
      el('td', { class: 'values' }, d.points.map(p => pointValue(p))),
      el('td', {}, time(d.lastSeen)))));
  }

  function renderAlarms(alarms) {
    $('#alarm-count').textContent = alarms.length ? `(${alarms.length})` : '';
    $('#alarms .empty').hidden = alarms.length > 0;
    $('#alarm-list').replaceChildren(...alarms.map(a => {
      const buttons = [];
      if (a.state === 'active-unacknowledged' || a.state === 'returned-unacknowledged') {
        buttons.push(el('button', { type: 'button', class: 'ack primary', onclick: () => act(a, 'acknowledge') }, t('acknowledge')));
      }
      if (a.latching && a.state === 'active-acknowledged' && !a.conditionActive) {
        buttons.push(el('button', { type: 'button', class: 'reset', onclick: () => act(a, 'reset') }, t('reset')));
      }
      return el('li', { class: 'alarm ' + a.state, 'data-id': a.id, 'data-type': a.type, 'data-state': a.state },
        el('span', { class: 'badge ' + a.priority }, t(a.priority)),
        el('span', { class: 'what' }, el('strong', {}, label(a.labelEn, a.labelZh) || a.type), ' · ', a.device, ' · ', t(a.state),
          a.acknowledgedBy ? ' · ' + a.acknowledgedBy : ''),
        el('span', { class: 'muted' }, time(a.activatedAt)), ...buttons);
    }));
  }

  async function act(alarm, action) {
    try {
      await api('POST', `/api/v1/alarms/${alarm.id}/${action}`, { note: 'console' });
    } catch (e) {
      if (e.message !== 'unauthorized') alert(t('failed') + e.message);
    }
    refresh();
  }

  $('#login-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('#login-token').value.trim()); });
  $('#lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'zh-CN' ? 'en' : 'zh-CN';
    localStorage.setItem('lintel.lang', state.lang);
    translate();
    refresh();
  });
  $('#logout').addEventListener('click', () => signOut(''));
  $('#site').addEventListener('change', (e) => { state.site = state.sites.find(s => s.id === e.target.value); state.building = null; refresh(); });
  translate();
  if (state.token) signIn(state.token); else showLogin('');
})();
