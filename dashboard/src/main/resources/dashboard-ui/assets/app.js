// The dashboard: one page, five views addressed by the URL fragment, figures read from the APIs through the
// gateway (with the signed-in user's token, if any), refreshed in place when the live feed says something changed
// and redrawn when someone signs in or out.
import { getJson, setTokenProvider, setUnauthorizedHandler } from './api.js';
import { onChange as onAuthChange, resume, signOut, token } from './auth.js';
import { mount as mountSignIn, render as renderSignIn } from './signin.js';
import { lang, setLang, t, translateStatic } from './i18n.js';
import { href, parse } from './routes.js';
import { connect } from './live.js';
import { disposeIn } from './charts.js';
import { problem } from './ui.js';
import { time } from './format.js';
import funds from './views/funds.js';
import regions from './views/regions.js';
import flow from './views/flow.js';
import alerts from './views/alerts.js';
import tables from './views/tables.js';

const views = { funds, regions, flow, alerts, tables };
const main = document.getElementById('main');
const announcer = document.getElementById('announcer');
let state = { view: 'funds' };
let years = [];
let defaultYear = String(new Date().getFullYear());
let queue = Promise.resolve();
let refreshTimers = [];

// Set once per page load: a live update must change the figures without replacing this (no reload).
window.fundflowDashboard = { loadedAt: Date.now(), renders: 0, refreshes: 0 };

/** Renders and refreshes run one at a time, in order. */
function serial(task) {
  queue = queue.then(task, task);
  return queue;
}

const ctx = {
  go(view, changes = {}) {
    location.hash = href(view, { ...state, ...changes });
  },
};

async function loadYears() {
  try {
    const programs = await getJson('/api/programs');
    const list = [...new Set((Array.isArray(programs) ? programs : programs.programs ?? []).map((p) => String(p.fiscalYear)))];
    return list.sort().reverse();
  } catch (e) {
    const now = new Date().getFullYear();
    return [0, 1, 2, 3, 4].map((i) => String(now - i));
  }
}

function currentState() {
  const s = parse(location.hash);
  s.year = /^\d{4}$/.test(s.year ?? '') ? s.year : defaultYear;
  s.region = /^\d{6}$/.test(s.region ?? '') ? s.region : '000000';
  s.asOf = /^\d{4}-\d{2}-\d{2}$/.test(s.asOf ?? '') ? s.asOf : '';
  return s;
}

function syncControls() {
  const select = document.getElementById('year');
  const options = years.includes(state.year) ? years : [state.year, ...years];
  select.innerHTML = options.map((y) => `<option value="${y}"${y === state.year ? ' selected' : ''}>${y}</option>`).join('');
  document.getElementById('asof').value = state.asOf;
  document.querySelectorAll('nav.tabs a[data-view]').forEach((a) => {
    a.href = href(a.dataset.view, state);
    if (a.dataset.view === state.view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const button = document.getElementById('lang');
  button.textContent = t('lang.switch');
  button.lang = lang() === 'en' ? 'zh-CN' : 'en';
  button.setAttribute('aria-label', t('lang.switch.label'));
}

function route(moveFocus) {
  return serial(async () => {
    state = currentState();
    syncControls();
    await disposeIn(main);
    main.setAttribute('aria-busy', 'true');
    try {
      await views[state.view].render(main, state, ctx);
    } catch (e) {
      main.innerHTML = problem(e, state.view);
    } finally {
      main.removeAttribute('aria-busy');
      main.dataset.view = state.view;
      window.fundflowDashboard.renders += 1;
      main.dataset.renders = String(window.fundflowDashboard.renders);
    }
    if (moveFocus) main.querySelector('h2')?.focus();
  });
}

function refresh() {
  return serial(async () => {
    try {
      await views[state.view].refresh(main, state, false);
    } catch (e) {
      console.warn('live refresh failed', e);
      return;
    }
    window.fundflowDashboard.refreshes += 1;
    main.dataset.refreshes = String(window.fundflowDashboard.refreshes);
  });
}

function onChange(nudge) {
  if (nudge.fiscalYear != null && String(nudge.fiscalYear) !== state.year) return;
  // Read now, and once more a little later: each service consumes the event on its own, and the second read
  // catches one that was a few milliseconds behind the feed.
  refreshTimers.forEach(clearTimeout);
  refreshTimers = [setTimeout(refresh, 50), setTimeout(refresh, 900)];
  const key = `live.what.${nudge.type}`;
  const what = t(key) === key || nudge.type === 'Changed' || nudge.count > 1
    ? t('live.what.Changed', { count: nudge.count ?? 1 }) : t(key);
  announcer.textContent = t('live.updated', { time: time(), what });
}

function onStatus(value) {
  const el = document.getElementById('live-status');
  el.dataset.state = value;
  el.querySelector('.text').textContent = t(value === 'on' ? 'live.on' : value === 'off' ? 'live.off' : 'live.connecting');
}

async function init() {
  setLang(lang());
  translateStatic();
  // the token goes with every API call; one the gateway refuses ends the sign-in (the call is then made anonymously)
  setTokenProvider(token);
  setUnauthorizedHandler(() => signOut('ended'));
  mountSignIn();
  resume();
  // what a view shows depends on who asks: draw it again for the new user (focus stays where the sign-in put it)
  onAuthChange(() => route(false));
  years = await loadYears();
  const thisYear = new Date().getFullYear();
  defaultYear = years.find((y) => Number(y) <= thisYear) ?? years[0] ?? defaultYear;

  document.getElementById('year').addEventListener('change', (e) => ctx.go(state.view, { year: e.target.value, program: '' }));
  document.getElementById('asof').addEventListener('change', (e) => ctx.go(state.view, { asOf: e.target.value }));
  document.getElementById('lang').addEventListener('click', () => {
    setLang(lang() === 'en' ? 'zh-CN' : 'en');
    translateStatic();
    renderSignIn();
    onStatus(document.getElementById('live-status').dataset.state || 'connecting');
    route(false);
  });
  document.querySelector('a.skip').addEventListener('click', (e) => {
    e.preventDefault(); // the fragment holds the view: move focus without touching it
    main.focus();
  });
  window.addEventListener('hashchange', () => route(true));
  connect(onChange, onStatus);
  if (!location.hash.startsWith('#/')) {
    history.replaceState(null, '', href('funds', currentState()));
  }
  await route(false);
}

init();
