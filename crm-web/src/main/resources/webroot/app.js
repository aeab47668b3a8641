/* Zuoxi agent panel: plain modern JS, no build step, no CDN (works on an offline LAN). */
'use strict';
(() => {
  const I18N = {
    zh: {
      product: '坐席工作台', signout: '退出系统',
      'conn.live': '实时', 'conn.reconnecting': '重连中…', 'conn.offline': '未连接',
      'login.title': '登录坐席工作台', 'login.username': '用户名', 'login.password': '密码', 'login.submit': '登录',
      'login.failed': '用户名或密码错误',
      'agent.title': '坐席状态', 'seat.endpoint': '分机 / 话机', 'seat.login': '签入',
      'cmd.ready': '示闲', 'cmd.notReady': '示忙', 'cmd.reason': '示忙原因', 'cmd.endWrapUp': '结束话后', 'cmd.logout': '签出',
      'state.LOGGED_OUT': '签出', 'state.READY': '示闲', 'state.RESERVED': '振铃', 'state.ON_CALL': '通话中',
      'state.WRAP_UP': '话后', 'state.NOT_READY': '示忙',
      'pop.title': '来电弹屏', 'pop.none': '暂无来电', 'pop.queue': '队列', 'pop.wait': '等待时长', 'pop.offeredAt': '振铃时间',
      'pop.attached': '随路数据', 'pop.history': '联系记录', 'pop.unknown': '未知客户', 'pop.loading': '正在查询客户…',
      'pop.unavailable': '客户资料暂不可用', 'pop.ringing': '来电振铃', 'pop.active': '通话中', 'pop.ended': '通话已结束',
      'pop.noData': '无', 'pop.noHistory': '无联系记录', 'pop.anonymous': '未显示号码',
      'recent.title': '最近通话', 'recent.none': '暂无通话记录', refresh: '刷新',
      'col.time': '时间', 'col.queue': '队列', 'col.agent': '坐席', 'col.outcome': '结果', 'col.talk': '通时',
      'col.caller': '主叫号码', 'col.state': '状态', 'col.inState': '状态时长', 'col.reason': '原因', 'col.endpoint': '话机',
      'sup.title': '实时监控', 'sup.queues': '队列', 'sup.agents': '坐席', 'sup.waiting': '排队数', 'sup.longest': '最长等待',
      'sup.ready': '示闲坐席', 'sup.busy': '忙碌坐席', 'sup.loggedIn': '签入坐席', 'sup.answered': '今日接通', 'sup.abandoned': '今日放弃', 'sup.overflowed': '今日溢出',
      'sup.noQueues': '暂无队列数据', 'sup.noAgents': '暂无坐席数据',
      'outcome.ANSWERED': '已接听', 'outcome.ABANDONED': '放弃', 'outcome.OVERFLOWED': '溢出', 'outcome.NOT_QUEUED': '未排队', 'outcome.FAILED': '失败',
      'err.network': '网络错误，请稍后重试', 'err.session': '登录已过期，请重新登录', 'err.generic': '操作失败',
      'role.AGENT': '坐席', 'role.SUPERVISOR': '班长', 'role.ADMIN': '管理员',
      sec: '秒', min: '分',
    },
    en: {
      product: 'Agent desk', signout: 'Sign out',
      'conn.live': 'Live', 'conn.reconnecting': 'Reconnecting…', 'conn.offline': 'Offline',
      'login.title': 'Sign in to the agent desk', 'login.username': 'Username', 'login.password': 'Password', 'login.submit': 'Sign in',
      'login.failed': 'Wrong username or password',
      'agent.title': 'Agent state', 'seat.endpoint': 'Extension / device', 'seat.login': 'Log in',
      'cmd.ready': 'Ready', 'cmd.notReady': 'Not ready', 'cmd.reason': 'Not-ready reason', 'cmd.endWrapUp': 'End wrap-up', 'cmd.logout': 'Log out',
      'state.LOGGED_OUT': 'Logged out', 'state.READY': 'Ready', 'state.RESERVED': 'Ringing', 'state.ON_CALL': 'On call',
      'state.WRAP_UP': 'Wrap-up', 'state.NOT_READY': 'Not ready',
      'pop.title': 'Screen pop', 'pop.none': 'No incoming call', 'pop.queue': 'Queue', 'pop.wait': 'Waited', 'pop.offeredAt': 'Ringing since',
      'pop.attached': 'Attached data', 'pop.history': 'Interaction history', 'pop.unknown': 'Unknown caller', 'pop.loading': 'Looking up customer…',
      'pop.unavailable': 'Customer record unavailable', 'pop.ringing': 'Incoming call', 'pop.active': 'On call', 'pop.ended': 'Call ended',
      'pop.noData': 'None', 'pop.noHistory': 'No earlier interactions', 'pop.anonymous': 'Number withheld',
      'recent.title': 'Recent calls', 'recent.none': 'No calls yet', refresh: 'Refresh',
      'col.time': 'Time', 'col.queue': 'Queue', 'col.agent': 'Agent', 'col.outcome': 'Outcome', 'col.talk': 'Talk',
      'col.caller': 'Caller', 'col.state': 'State', 'col.inState': 'Time in state', 'col.reason': 'Reason', 'col.endpoint': 'Device',
      'sup.title': 'Live view', 'sup.queues': 'Queues', 'sup.agents': 'Agents', 'sup.waiting': 'Waiting', 'sup.longest': 'Longest wait',
      'sup.ready': 'Ready', 'sup.busy': 'Busy', 'sup.loggedIn': 'Logged in', 'sup.answered': 'Answered today', 'sup.abandoned': 'Abandoned today', 'sup.overflowed': 'Overflowed today',
      'sup.noQueues': 'No queue data yet', 'sup.noAgents': 'No agent data yet',
      'outcome.ANSWERED': 'Answered', 'outcome.ABANDONED': 'Abandoned', 'outcome.OVERFLOWED': 'Overflowed', 'outcome.NOT_QUEUED': 'Not queued', 'outcome.FAILED': 'Failed',
      'err.network': 'Network error, please retry', 'err.session': 'Session expired, please sign in again', 'err.generic': 'Command failed',
      'role.AGENT': 'Agent', 'role.SUPERVISOR': 'Supervisor', 'role.ADMIN': 'Administrator',
      sec: 's', min: 'min',
    },
  };
  const STATES = ['READY', 'RESERVED', 'ON_CALL', 'WRAP_UP', 'NOT_READY', 'LOGGED_OUT'];

  const $ = (id) => document.getElementById(id);
  const state = {
    lang: localStorage.getItem('zuoxi.lang') === 'en' ? 'en' : 'zh',
    me: null,            // {user, agent}
    agent: null,         // {agentId, state, since, reason, endpoint}
    pop: null,           // current screen pop data
    popEnded: false,
    reasons: [],
    agents: new Map(),   // supervisor view
    queues: new Map(),
    ws: null, session: null, lastSeq: null, backoff: 500, reconnectTimer: null, watchdog: null,
    heartbeatSeconds: 15, lastHeard: 0, token: null, wanted: false,
  };

  const t = (key) => (I18N[state.lang][key] ?? I18N.zh[key] ?? key);

  // ------------------------------------------------------------------ i18n
  function applyLang() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $('lang-toggle').textContent = state.lang === 'zh' ? 'English' : '中文';
    renderAll();
  }
  $('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('zuoxi.lang', state.lang);
    applyLang();
  });

  // ------------------------------------------------------------------ helpers
  function toast(message, kind = 'error') {
    const el = $('toast');
    el.textContent = message;
    el.className = 'toast toast-' + kind;
    el.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { el.hidden = true; }, 6000);
  }
  function duration(totalSeconds) {
    const s = Math.max(0, Math.floor(totalSeconds));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    const two = (n) => String(n).padStart(2, '0');
    return h > 0 ? `${h}:${two(m)}:${two(r)}` : `${two(m)}:${two(r)}`;
  }
  function clock(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return '';
    const sameDay = d.toDateString() === new Date().toDateString();
    const loc = state.lang === 'zh' ? 'zh-CN' : 'en-GB';
    return sameDay ? d.toLocaleTimeString(loc, { hour12: false })
      : d.toLocaleString(loc, { hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  }
  function td(text, cls) {
    const c = document.createElement('td');
    c.textContent = text ?? '';
    if (cls) c.className = cls;
    return c;
  }
  function row(...cells) {
    const r = document.createElement('tr');
    cells.forEach((c) => r.appendChild(c));
    return r;
  }
  const outcome = (o) => (o ? t('outcome.' + o) : '');
  const stateName = (s) => (s ? t('state.' + s) : '—');

  async function api(method, path, body) {
    let res;
    try {
      res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw Object.assign(new Error(t('err.network')), { id: 'network' });
    }
    let json = null;
    try { json = await res.json(); } catch (e) { /* empty body */ }
    if (!res.ok) {
      const err = new Error((json && json.message) || `${t('err.generic')} (HTTP ${res.status})`);
      err.id = (json && json.error) || 'http-' + res.status;
      err.status = res.status;
      throw err;
    }
    return json;
  }

  // ------------------------------------------------------------------ session
  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('login-error').hidden = true;
    $('login-submit').disabled = true;
    try {
      const body = await api('POST', '/api/v1/session', { username: $('username').value.trim(), password: $('password').value });
      // kept in memory only: used for the WebSocket auth message if the session cookie is not usable
      state.token = body && typeof body.token === 'string' ? body.token : null;
      $('password').value = '';
      await enter();
    } catch (e) {
      $('login-error').textContent = e.status === 401 || e.status === 403 ? t('login.failed') : e.message;
      $('login-error').hidden = false;
    } finally {
      $('login-submit').disabled = false;
    }
  });

  $('signout').addEventListener('click', async () => {
    try { await api('DELETE', '/api/v1/session'); } catch (e) { /* signing out anyway */ }
    showLogin();
  });

  function showLogin(message) {
    state.wanted = false;
    if (state.ws) state.ws.close(1000, 'signed out');
    clearTimeout(state.reconnectTimer);
    state.me = null; state.agent = null; state.pop = null; state.session = null; state.lastSeq = null; state.token = null;
    state.agents.clear(); state.queues.clear();
    $('app-view').hidden = true; $('signout').hidden = true; $('whoami').hidden = true;
    $('login-view').hidden = false;
    setConn('offline');
    if (message) { $('login-error').textContent = message; $('login-error').hidden = false; }
    $('username').focus();
  }

  async function enter() {
    const me = await api('GET', '/api/v1/me');
    state.me = me;
    state.agent = me.agent || null;
    $('login-view').hidden = true;
    $('app-view').hidden = false;
    $('signout').hidden = false;
    const u = me.user;
    $('whoami').hidden = false;
    const isAgent = !!u.agentId;
    const isSup = u.role === 'SUPERVISOR' || u.role === 'ADMIN';
    $('agent-panel').hidden = !isAgent;
    $('pop-card').hidden = !isAgent;
    $('recent-card').hidden = !isAgent;
    $('sup-view').hidden = !isSup;
    if (isAgent) {
      $('endpoint').value = (me.agent && me.agent.endpoint) || (me.seat && me.seat.defaultEndpoint) || '';
      loadReasons();
      loadRecent();
    }
    renderAll();
    state.wanted = true;
    connect();
  }

  // ------------------------------------------------------------------ agent commands
  async function command(path, body) {
    const buttons = document.querySelectorAll('.state-actions button, #seat-login-btn');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const res = await api('POST', '/api/v1/agents/me/' + path, body);
      if (res && res.state) {
        const prev = state.agent || {};
        const changed = prev.state !== res.state;
        state.agent = Object.assign({}, prev, {
          agentId: prev.agentId || state.me.user.agentId,
          state: res.state,
          since: changed ? new Date().toISOString() : prev.since,
          reason: res.reason ?? (res.state === 'NOT_READY' ? body && body.reason : null),
          endpoint: res.endpoint ?? (body && body.endpoint) ?? prev.endpoint,
        });
      }
    } catch (e) {
      if (e.status === 401) { showLogin(t('err.session')); return; }
      toast(e.message);
    } finally {
      renderAgent();
    }
  }
  $('seat-login').addEventListener('submit', (ev) => {
    ev.preventDefault();
    command('login', { endpoint: $('endpoint').value.trim() });
  });
  $('btn-ready').addEventListener('click', () => command('ready'));
  $('btn-notready').addEventListener('click', () => command('not-ready', { reason: $('reason').value }));
  $('btn-wrapup').addEventListener('click', () => command('wrap-up/end'));
  $('btn-logout').addEventListener('click', () => command('logout'));

  async function loadReasons() {
    try {
      const body = await api('GET', '/api/v1/not-ready-reasons');
      const list = (body && body.reasons) || [];
      state.reasons = list.map((r) => (typeof r === 'string' ? { code: r } : r));
    } catch (e) {
      state.reasons = [];
    }
    renderReasons();
  }
  function reasonLabel(code) {
    const r = state.reasons.find((x) => x.code === code);
    if (!r) return code || '';
    if (state.lang === 'zh') return r.labelZh || r.nameZh || r.label || r.name || r.code;
    return r.labelEn || r.nameEn || r.label || r.name || r.code;
  }
  function renderReasons() {
    const sel = $('reason');
    const keep = sel.value;
    sel.replaceChildren(...state.reasons.map((r) => {
      const o = document.createElement('option');
      o.value = r.code;
      o.textContent = reasonLabel(r.code);
      return o;
    }));
    if (keep) sel.value = keep;
  }

  // Calls that ended on the event stream but may not be stored yet (the recorder writes them a moment
  // later): shown at once, kept until the stored list has them.
  const justEnded = new Map();
  function callEnded(d) {
    justEnded.set(d.callId, d);
    renderRecent(renderRecent.last || []);
    setTimeout(loadRecent, 1500);
  }
  async function loadRecent() {
    try {
      const body = await api('GET', '/api/v1/call-records?limit=10');
      const list = (body && body.callRecords) || [];
      list.forEach((r) => justEnded.delete(r.callId));
      renderRecent(list);
    } catch (e) {
      if (e.status === 401) showLogin(t('err.session'));
    }
  }
  $('recent-refresh').addEventListener('click', loadRecent);
  function renderRecent(stored) {
    renderRecent.last = stored;
    const pending = [...justEnded.values()].filter((p) => !stored.some((r) => r.callId === p.callId)).reverse();
    const list = pending.concat(stored).slice(0, 10);
    const tb = $('recent').tBodies[0];
    tb.replaceChildren(...list.map((r) => row(
      td(clock(r.startedAt || r.offeredAt || r.endedAt)), td(r.callerNumber || t('pop.anonymous'), 'num'),
      td(r.queue), td(outcome(r.outcome)), td(duration(r.talkSeconds || 0), 'num'))));
    $('recent-empty').hidden = list.length > 0;
  }

  // ------------------------------------------------------------------ rendering
  function renderAll() {
    if (!state.me) return;
    const u = state.me.user;
    $('whoami').textContent = `${u.displayName || u.username} · ${t('role.' + u.role)}${u.agentId ? ' · ' + u.agentId : ''}`;
    renderReasons();
    renderAgent();
    renderPop();
    if (renderRecent.last) renderRecent(renderRecent.last);
    renderSupervisor();
  }

  function renderAgent() {
    if (!state.me || !state.me.user.agentId) return;
    const a = state.agent;
    const s = a && a.state ? a.state : 'LOGGED_OUT';
    $('seat-login').hidden = s !== 'LOGGED_OUT';
    $('state-bar').hidden = s === 'LOGGED_OUT';
    const badge = $('state-badge');
    badge.dataset.state = s;
    badge.textContent = stateName(s);
    $('state-reason').textContent = s === 'NOT_READY' && a && a.reason ? reasonLabel(a.reason) : '';
    $('state-endpoint').textContent = a && a.endpoint ? a.endpoint : '';
    const enable = (id, on) => { $(id).disabled = !on; };
    enable('btn-ready', s === 'NOT_READY' || s === 'WRAP_UP');
    enable('btn-notready', s === 'READY' || s === 'WRAP_UP');
    enable('reason', s === 'READY' || s === 'WRAP_UP');
    enable('btn-wrapup', s === 'WRAP_UP');
    enable('btn-logout', s === 'READY' || s === 'NOT_READY' || s === 'WRAP_UP');
    enable('seat-login-btn', true);
    tick();
  }

  function renderPop() {
    const p = state.pop;
    $('pop-empty').hidden = !!p;
    $('pop-body').hidden = !p;
    const status = $('pop-status');
    if (!p) { status.textContent = ''; status.dataset.kind = ''; $('pop-card').classList.remove('ringing'); return; }
    const agentState = state.agent && state.agent.state;
    const ringing = !state.popEnded && agentState === 'RESERVED';
    $('pop-card').classList.toggle('ringing', ringing);
    status.textContent = state.popEnded ? t('pop.ended') : ringing ? t('pop.ringing') : t('pop.active');
    status.dataset.kind = state.popEnded ? 'ended' : ringing ? 'ringing' : 'active';
    $('pop-number').textContent = p.callerNumber || t('pop.anonymous');
    const c = p.customer;
    let name;
    if (c) name = c.name;
    else if (p.customerStatus === 'pending') name = t('pop.loading');
    else if (p.customerStatus === 'unavailable') name = t('pop.unavailable');
    else name = t('pop.unknown');
    $('pop-name').textContent = name;
    $('pop-name').classList.toggle('unknown', !c);
    $('pop-vip').hidden = !(c && c.vip);
    $('pop-company').textContent = c && c.company && c.company !== c.name ? c.company : (p.callerName && !c ? p.callerName : '');
    $('pop-queue').textContent = p.queue || '';
    $('pop-offered').textContent = clock(p.offeredAt);
    $('pop-notes').hidden = !(c && c.notes);
    $('pop-notes').textContent = c && c.notes ? c.notes : '';
    const data = Object.entries(p.attachedData || {});
    const at = $('pop-attached').tBodies[0];
    at.replaceChildren(...(data.length ? data.map(([k, v]) => { const th = document.createElement('th'); th.scope = 'row'; th.textContent = k; return row(th, td(v)); })
      : [row(Object.assign(td(t('pop.noData'), 'muted'), { colSpan: 2 }))]));
    const hist = (c && c.history) || [];
    const ht = $('pop-history').tBodies[0];
    ht.replaceChildren(...(hist.length ? hist.map((h) => row(td(clock(h.at)), td(h.queue), td(h.agentId), td(outcome(h.outcome)), td(duration(h.talkSeconds || 0), 'num')))
      : [row(Object.assign(td(t('pop.noHistory'), 'muted'), { colSpan: 5 }))]));
    tick();
  }

  function renderSupervisor() {
    if ($('sup-view').hidden) return;
    const qt = $('sup-queues').tBodies[0];
    const queues = [...state.queues.values()].sort((a, b) => a.queue.localeCompare(b.queue));
    qt.replaceChildren(...(queues.length ? queues.map((q) => {
      const longest = td('', 'num');
      longest.dataset.waitFrom = q.at || '';
      longest.dataset.waitBase = q.waitingCount > 0 ? String(q.longestWaitSeconds || 0) : '';
      longest.textContent = q.waitingCount > 0 ? duration(q.longestWaitSeconds || 0) : '—';
      const waiting = td(String(q.waitingCount ?? (q.waiting || []).length), 'num');
      if (q.waitingCount > 0) waiting.classList.add('hot');
      return row(td(q.queue), waiting, longest, td(String(q.agentsReady), 'num'), td(String(q.agentsBusy), 'num'),
        td(String(q.agentsLoggedIn), 'num'), td(String(q.answeredToday), 'num'), td(String(q.abandonedToday), 'num'),
        td(String(q.overflowedToday ?? 0), 'num'));
    }) : [row(Object.assign(td(t('sup.noQueues'), 'muted'), { colSpan: 9 }))]));

    const agents = [...state.agents.values()].sort((a, b) => STATES.indexOf(a.state) - STATES.indexOf(b.state) || a.agentId.localeCompare(b.agentId));
    const counts = {};
    agents.forEach((a) => { counts[a.state] = (counts[a.state] || 0) + 1; });
    $('sup-summary').replaceChildren(...STATES.filter((s) => s !== 'LOGGED_OUT').map((s) => {
      const chip = document.createElement('span');
      chip.className = 'chip';
      chip.dataset.state = s;
      chip.textContent = `${stateName(s)} ${counts[s] || 0}`;
      return chip;
    }));
    const at = $('sup-agents').tBodies[0];
    at.replaceChildren(...(agents.length ? agents.map((a) => {
      const badge = document.createElement('span');
      badge.className = 'state-badge small';
      badge.dataset.state = a.state;
      badge.textContent = stateName(a.state);
      const cell = document.createElement('td');
      cell.appendChild(badge);
      const since = td('', 'num');
      since.dataset.since = a.since || '';
      return row(td(a.agentId), cell, since, td(a.state === 'NOT_READY' ? reasonLabel(a.reason) : ''), td(a.endpoint));
    }) : [row(Object.assign(td(t('sup.noAgents'), 'muted'), { colSpan: 5 }))]));
    tick();
  }

  /** Once a second: time in state, wait times. */
  function tick() {
    const now = Date.now();
    const a = state.agent;
    if (a && a.since && $('state-time')) {
      $('state-time').textContent = duration((now - Date.parse(a.since)) / 1000);
    }
    const p = state.pop;
    if (p) {
      // waited until the offer; keeps counting while it rings
      const extra = !state.popEnded && p.offeredAt && state.agent && state.agent.state === 'RESERVED' ? (now - Date.parse(p.offeredAt)) / 1000 : 0;
      $('pop-wait').textContent = duration((p.waitSeconds || 0) + Math.max(0, extra));
    }
    document.querySelectorAll('[data-since]').forEach((el) => {
      if (el.dataset.since) el.textContent = duration((now - Date.parse(el.dataset.since)) / 1000);
    });
    document.querySelectorAll('[data-wait-base]').forEach((el) => {
      if (el.dataset.waitBase === '') return;
      const from = Date.parse(el.dataset.waitFrom);
      el.textContent = duration(Number(el.dataset.waitBase) + (isNaN(from) ? 0 : Math.max(0, (now - from) / 1000)));
    });
  }
  setInterval(tick, 1000);

  // ------------------------------------------------------------------ live events (resumable protocol)
  function setConn(kind) {
    const el = $('conn');
    el.className = 'conn conn-' + (kind === 'live' ? 'live' : kind === 'reconnecting' ? 'retry' : 'off');
    $('conn-text').dataset.i18n = 'conn.' + kind;
    $('conn-text').textContent = t('conn.' + kind);
  }

  function connect() {
    clearTimeout(state.reconnectTimer);
    if (!state.wanted) return;
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let url = `${proto}//${location.host}/api/v1/events`;
    if (state.lastSeq !== null && state.session) {
      url += `?lastSeq=${encodeURIComponent(state.lastSeq)}&session=${encodeURIComponent(state.session)}`;
    }
    const ws = new WebSocket(url);
    state.ws = ws;
    let helloSeen = false;
    ws.onopen = () => {
      state.lastHeard = Date.now();
      // the session cookie normally authenticates the upgrade; fall back to the auth message
      setTimeout(() => {
        if (!helloSeen && ws.readyState === WebSocket.OPEN && state.token) {
          ws.send(JSON.stringify({ type: 'auth', token: state.token, lastSeq: state.lastSeq ?? undefined, session: state.session ?? undefined }));
        }
      }, 700);
    };
    ws.onmessage = (ev) => {
      state.lastHeard = Date.now();
      let msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      if (msg.type === 'hello') {
        helloSeen = true;
        state.session = msg.data.session;
        state.heartbeatSeconds = msg.data.heartbeatSeconds || 15;
        state.backoff = 500;
        state.lastSeq = msg.seq;
        // exposed for diagnostics (and the browser test): did the last connect resume or start over?
        document.body.dataset.resumed = String(!!msg.data.resumed);
        setConn('live');
        return;
      }
      handle(msg, ws);
    };
    ws.onclose = (ev) => {
      if (state.ws !== ws) return;
      state.ws = null;
      if (!state.wanted) { setConn('offline'); return; }
      if (ev.code === 4401 || ev.code === 4408) {
        // not (or no longer) signed in: the REST session tells us which
        api('GET', '/api/v1/me').then(() => scheduleReconnect()).catch((e) => {
          if (e.status === 401) showLogin(t('err.session')); else scheduleReconnect();
        });
        return;
      }
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    setConn('reconnecting');
    const delay = state.backoff + Math.floor(Math.random() * 300);
    state.backoff = Math.min(state.backoff * 2, 15000);
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = setTimeout(connect, delay);
  }

  // a link that went quiet for 3 heartbeats is dead even if the browser has not noticed
  setInterval(() => {
    if (state.ws && state.ws.readyState === WebSocket.OPEN && Date.now() - state.lastHeard > 3 * state.heartbeatSeconds * 1000) {
      state.ws.close(4000, 'heartbeat missed');
    }
  }, 2000);
  window.addEventListener('online', () => { if (state.wanted && !state.ws) { state.backoff = 500; connect(); } });

  function handle(msg, ws) {
    const events = ['agent.state', 'screen.pop', 'screen.pop.update', 'queue.updated', 'call.ended'];
    if (events.includes(msg.type)) {
      if (state.lastSeq !== null && msg.seq <= state.lastSeq) return; // duplicate after a resume
      state.lastSeq = msg.seq;
    }
    const d = msg.data || {};
    switch (msg.type) {
      case 'snapshot':
        state.lastSeq = msg.seq;
        if (state.me && state.me.user.agentId) {
          if (d.agent) state.agent = Object.assign({}, state.agent, d.agent);
          state.pop = d.call || (state.pop && state.popEnded ? state.pop : null);
          if (d.call) state.popEnded = false;
        }
        state.agents = new Map((d.agents || []).map((a) => [a.agentId, a]));
        state.queues = new Map((d.queues || []).map((q) => [q.queue, q]));
        renderAll();
        break;
      case 'heartbeat':
        if (msg.seq > (state.lastSeq ?? 0)) ws.close(4000, 'gap'); // missed something: resume
        else ws.send('{"type":"pong"}');
        break;
      case 'agent.state':
        if (state.me.user.agentId === d.agentId) {
          state.agent = Object.assign({}, state.agent, d);
          if ((d.state === 'READY' || d.state === 'NOT_READY' || d.state === 'LOGGED_OUT') && state.pop) state.popEnded = true;
          renderAgent();
          renderPop();
        }
        if (state.me.user.role !== 'AGENT') {
          state.agents.set(d.agentId, d);
          renderSupervisor();
        }
        break;
      case 'screen.pop':
        state.pop = d;
        state.popEnded = false;
        $('announce').textContent = `${t('pop.ringing')}: ${d.callerNumber || t('pop.anonymous')} ${d.customer ? d.customer.name : ''}`;
        if (state.agent && state.agent.state !== 'ON_CALL') state.agent = Object.assign({}, state.agent, { state: 'RESERVED' });
        renderAgent();
        renderPop();
        break;
      case 'screen.pop.update':
        if (state.pop && state.pop.callId === d.callId) {
          state.pop = Object.assign({}, state.pop, { customer: d.customer, customerStatus: d.customerStatus });
          renderPop();
        }
        break;
      case 'call.ended':
        if (state.pop && state.pop.callId === d.callId) { state.popEnded = true; renderPop(); }
        callEnded(d);
        break;
      case 'queue.updated':
        state.queues.set(d.queue, d);
        renderSupervisor();
        break;
      case 'error':
        console.warn('event stream error', d);
        break;
      default:
        break;
    }
  }

  // ------------------------------------------------------------------ start
  applyLang();
  api('GET', '/api/v1/me').then(() => enter()).catch(() => showLogin());
})();
