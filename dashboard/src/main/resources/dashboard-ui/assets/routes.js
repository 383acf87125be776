// The view and its parameters live in the URL fragment (#/regions?year=2020&region=140700), so every view can be
// bookmarked, shared and reached with the browser's back button.
export const VIEWS = ['funds', 'regions', 'flow', 'alerts', 'tables'];
const KEYS = ['year', 'asOf', 'region', 'program'];

export function parse(hash) {
  const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash || '');
  const state = { view: 'funds' };
  if (!m) return state;
  if (VIEWS.includes(m[1])) state.view = m[1];
  const q = new URLSearchParams(m[2] || '');
  for (const k of KEYS) {
    if (q.get(k)) state[k] = q.get(k);
  }
  return state;
}

/** The fragment for a view with the given state (only the parameters that matter are kept). */
export function href(view, state) {
  const q = new URLSearchParams();
  if (state.year) q.set('year', state.year);
  if (state.asOf) q.set('asOf', state.asOf);
  if (view === 'regions' || view === 'alerts' || view === 'tables') {
    if (state.region && state.region !== '000000') q.set('region', state.region);
  }
  if (view === 'flow' && state.program) q.set('program', state.program);
  const s = q.toString();
  return `#/${view}${s ? `?${s}` : ''}`;
}
