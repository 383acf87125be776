// View 4: alerts — money passed down late (预算法 第五十二条), undistributed balances, lagging execution,
// overspending — and, where the evaluation service has them, self-evaluation grades. Neither is public: finance
// bureaus and supervisors see the alerts of their region subtree, agencies the grades of their own org; a visitor
// who is not signed in sees a note saying so (401), a user outside the scope asked for sees that instead (403).
import { getJson } from '../api.js';
import { bilingual, t } from '../i18n.js';
import { esc, money, percent } from '../format.js';
import { figures, loading, problem, refreshInPlace, table } from '../ui.js';

const TYPES = ['LATE_PASS_DOWN', 'UNDISTRIBUTED_BALANCE', 'LAGGING_EXECUTION', 'NEGATIVE_BALANCE'];
const SYMBOL = { LATE_PASS_DOWN: '⏱', UNDISTRIBUTED_BALANCE: '◔', LAGGING_EXECUTION: '▲', NEGATIVE_BALANCE: '✕' };
let filter = '';

function kind(type) {
  return `<span class="badge alert-${esc(type)}"><span aria-hidden="true">${SYMBOL[type] ?? '!'}</span> ${esc(t(`alert.${type}`))}</span>`;
}

function columns() {
  return [
    { id: 'kind', label: t('col.kind'), render: (a) => kind(a.type) },
    { id: 'program', label: t('col.program'), rowHeader: true, render: (a) => `<span class="name">${esc(a.programName ?? a.programCode)}</span> <span class="code">${esc(a.programCode ?? '')}</span>` },
    { id: 'holder', label: t('col.holder'), render: (a) => esc(a.holderOrgName ?? a.holderRegionName ?? a.holderOrg ?? a.holderRegion ?? '') },
    { id: 'doc', label: t('col.docNo'), render: (a) => `${esc(a.docNo ?? '')}<br><span class="code">${esc(a.issuedOn ?? '')}</span>` },
    { id: 'due', label: t('col.dueOn'), render: (a) => (a.dueOn ? `${esc(a.dueOn)}${a.daysOverdue != null ? `<br><span class="code">${esc(t('col.overdue'))} ${esc(a.daysOverdue)}</span>` : ''}` : '—') },
    { id: 'amount', label: t('col.amount'), numeric: true, render: (a) => esc(money(a.amount)) },
    { id: 'rate', label: t('col.executionRate'), numeric: true, render: (a) => (a.executionRate ? `${esc(percent(a.executionRate))} / ${esc(percent(a.scheduleRate))}` : '—') },
    { id: 'message', label: t('col.message'), render: (a) => esc(bilingual(a.message ?? '')) },
  ];
}

/** Self-evaluation results (绩效自评), the latest of each subject. */
async function grades(state) {
  let answer;
  try {
    answer = await getJson('/api/evaluations', { fiscalYear: state.year, currentOnly: true });
  } catch (e) {
    if (e.signInNeeded || e.outOfScope) return problem(e, t('grades.heading'), t('auth.what.grades'));
    return problem(e.status >= 400 && e.status < 500 ? { notAvailable: true } : e, t('grades.heading'));
  }
  const list = answer.evaluations ?? [];
  if (!list.length) return `<p class="state">${esc(t('grades.none'))}</p>`;
  return table({ id: 'grades-table', caption: t('grades.caption', { year: state.year }), captionHidden: true, rows: list,
    key: (g) => g.evaluationId,
    columns: [
      { id: 'program', label: t('col.program'), rowHeader: true, render: (g) => esc(g.programCode ?? t('grades.department')) },
      { id: 'holder', label: t('col.holder'), render: (g) => esc(g.orgCode ?? '') },
      { id: 'rate', label: t('col.executionRate'), numeric: true, render: (g) => esc(g.executionRate ? percent(g.executionRate) : '—') },
      { id: 'total', label: t('grades.total'), numeric: true, render: (g) => esc(g.total ?? '—') },
      { id: 'grade', label: t('col.grade'), render: (g) => `<span class="badge grade">${esc(t(`grade.${g.grade}`))}</span>` },
      { id: 'discrepancies', label: t('grades.discrepancies'), numeric: true, render: (g) => esc(g.discrepancies ?? 0) },
    ] });
}

async function body(state) {
  let report;
  try {
    report = await getJson('/api/alerts', { fiscalYear: state.year, region: state.region === '000000' ? '' : state.region, asOf: state.asOf });
  } catch (e) {
    return { html: problem(e, '/api/alerts', t('auth.what.alerts')), denied: e.signInNeeded || e.outOfScope };
  }
  const all = report.alerts ?? [];
  if (!all.length) return { html: `<p class="state">${esc(t('alerts.none', { year: state.year }))}</p>` };
  const shown = filter ? all.filter((a) => a.type === filter) : all;
  const counts = TYPES.map((type) => ({ id: type, label: t(`alert.${type}`), value: String(all.filter((a) => a.type === type).length) }));
  return { html: `${figures(counts)}
    <p class="note">${esc(t('alerts.count', { n: all.length }))}</p>
    ${table({ id: 'alerts-table', caption: t('alerts.caption', { year: state.year }), columns: columns(), rows: shown,
      key: (a) => `${a.type}:${a.allocationId}`, rowClass: (a) => `alert-row alert-${a.type}` })}` };
}

export default {
  async render(main, state) {
    main.innerHTML = `<h2 tabindex="-1">${esc(t('alerts.heading', { year: state.year }))}</h2>
      <div class="filters"><label for="alert-type">${esc(t('alerts.filter'))}</label>
      <select id="alert-type"><option value="">${esc(t('alerts.all'))}</option>${TYPES.map((type) => `<option value="${type}"${type === filter ? ' selected' : ''}>${esc(t(`alert.${type}`))}</option>`).join('')}</select></div>
      <div id="alerts-body">${loading()}</div>
      <section aria-labelledby="grades-h"><h3 id="grades-h">${esc(t('grades.heading'))}</h3><div id="grades-body">${loading()}</div></section>`;
    main.querySelector('#alert-type').addEventListener('change', async (e) => {
      filter = e.target.value;
      refreshInPlace(main.querySelector('#alerts-body'), (await body(state)).html);
    });
    const [alerts, graded] = await Promise.all([body(state), grades(state)]);
    // without a token (or out of scope) there is nothing to filter: the note says how to see the alerts
    main.querySelector('.filters').hidden = Boolean(alerts.denied);
    main.querySelector('#alerts-body').innerHTML = alerts.html;
    main.querySelector('#grades-body').innerHTML = graded;
  },

  async refresh(main, state) {
    const alerts = await body(state);
    main.querySelector('.filters').hidden = Boolean(alerts.denied);
    refreshInPlace(main.querySelector('#alerts-body'), alerts.html);
  },
};
