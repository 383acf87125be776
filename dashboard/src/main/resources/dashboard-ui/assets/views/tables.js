// View 5: the tables a government publishes, to read here and to download (CSV, Excel) as the reporting service
// lays them out: the execution ledgers, the fund-flow ledgers and the agencies' final accounts (部门决算公开).
import { downloadUrl, getJson } from '../api.js';
import { label, t } from '../i18n.js';
import { esc, money, percent } from '../format.js';
import { loading, problem, refreshInPlace, table } from '../ui.js';

const LEDGERS = [
  { id: 'by-fund', name: 'tables.byFund', key: (r) => r.programCode,
    columns: () => [
      { id: 'name', label: t('col.program'), rowHeader: true, render: (r) => (r.programCode ? `${esc(r.programName ?? r.programCode)} <span class="code">${esc(r.programCode)}</span>` : `<strong>${esc(t('total'))}</strong>`) },
      { id: 'fundType', label: t('col.fundType'), render: (r) => esc(label('fundType', r.fundType)) },
      { id: 'source', label: t('col.source'), render: (r) => esc((r.sourceLevel ?? '').split(',').map((l) => label('level', l.trim())).join('、')) },
      { id: 'budget', label: t('col.budget'), numeric: true, render: (r) => esc(money(r.budget)) },
      { id: 'executed', label: t('col.executed'), numeric: true, render: (r) => esc(money(r.executed)) },
      { id: 'rate', label: t('col.executionRate'), numeric: true, render: (r) => esc(r.executionPercent ?? percent(r.executionRate)) },
    ] },
  { id: 'by-region', name: 'tables.byRegion', key: (r) => r.regionCode,
    columns: () => [
      { id: 'name', label: t('col.region'), rowHeader: true, render: (r) => (r.regionCode ? `${esc(r.regionName ?? r.regionCode)} <span class="code">${esc(r.regionCode)}</span>` : `<strong>${esc(t('total'))}</strong>`) },
      { id: 'budget', label: t('col.budget'), numeric: true, render: (r) => esc(money(r.budget)) },
      { id: 'executed', label: t('col.executed'), numeric: true, render: (r) => esc(money(r.executed)) },
      { id: 'rate', label: t('col.executionRate'), numeric: true, render: (r) => esc(r.executionPercent ?? percent(r.executionRate)) },
      { id: 'schedule', label: t('col.scheduleRate'), numeric: true, render: (r) => esc(r.schedulePercent ?? percent(r.scheduleRate)) },
    ] },
  { id: 'by-function', name: 'tables.byFunction', key: (r) => r.code,
    columns: () => [
      { id: 'code', label: t('col.code'), rowHeader: true, render: (r) => (r.code ? esc(r.code) : `<strong>${esc(t('total'))}</strong>`) },
      { id: 'name', label: t('col.name'), render: (r) => esc(r.name ?? '') },
      { id: 'paid', label: t('col.amount'), numeric: true, render: (r) => esc(money(r.paid)) },
      { id: 'reversed', label: t('col.reversed'), numeric: true, render: (r) => esc(money(r.reversed)) },
      { id: 'executed', label: t('col.executed'), numeric: true, render: (r) => esc(money(r.executed)) },
    ] },
];

function links(path, params, name) {
  const formats = [
    { label: t('tables.csv'), format: 'csv', unit: '' },
    { label: t('tables.csvWan'), format: 'csv', unit: 'wan' },
    { label: t('tables.xlsx'), format: 'xlsx', unit: '' },
  ];
  return `<ul class="downloads">${formats.map((f) => {
    const href = downloadUrl(path, { ...params, format: f.format, unit: f.unit });
    return `<li><a class="download" href="${esc(href)}" download data-download="${esc(`${path.split('/').pop()}-${f.format}${f.unit ? `-${f.unit}` : ''}`)}" aria-label="${esc(t('tables.download', { name, format: f.label }))}">⤓ ${esc(f.label)}</a></li>`;
  }).join('')}</ul>`;
}

async function ledger(spec, state) {
  const path = `/api/reports/execution/${spec.id}`;
  const params = { fiscalYear: state.year, region: state.region === '000000' ? '' : state.region, asOf: state.asOf };
  const name = t(spec.name);
  let report;
  try {
    report = await getJson(path, params);
  } catch (e) {
    return `<section class="ledger" aria-labelledby="h-${spec.id}"><h4 id="h-${spec.id}">${esc(name)}</h4>${problem(e, path)}</section>`;
  }
  const rows = report.rows ?? [];
  const preview = table({ id: `table-${spec.id}`, caption: report.title ?? name, columns: spec.columns(), rows, key: spec.key,
    footer: report.total ? { ...report.total, programCode: undefined, regionCode: undefined, code: undefined } : null });
  return `<section class="ledger" aria-labelledby="h-${spec.id}"><h4 id="h-${spec.id}">${esc(name)}</h4>
    ${links(path, params, name)}
    <details${spec.id === 'by-fund' ? ' open' : ''}><summary>${esc(t('tables.preview', { name }))}</summary>${preview}</details></section>`;
}

async function flows(state) {
  try {
    const answer = await getJson('/api/reports/fund-flow/programs', { fiscalYear: state.year });
    const list = answer.programs ?? [];
    if (!list.length) return `<p class="state">${esc(t('flow.noPrograms', { year: state.year }))}</p>`;
    return `<ul class="flow-downloads">${list.map((p) => {
      const href = downloadUrl('/api/reports/fund-flow', { programCode: p.programCode, fiscalYear: state.year, format: 'csv' });
      const xlsx = downloadUrl('/api/reports/fund-flow', { programCode: p.programCode, fiscalYear: state.year, format: 'xlsx' });
      return `<li><span>${esc(p.programName ?? p.programCode)} <span class="code">${esc(p.programCode)}</span></span>
        <a class="download" href="${esc(href)}" download data-download="fund-flow-${esc(p.programCode)}" aria-label="${esc(t('tables.download', { name: p.programName ?? p.programCode, format: 'CSV' }))}">⤓ CSV</a>
        <a class="download" href="${esc(xlsx)}" download data-download="fund-flow-xlsx-${esc(p.programCode)}" aria-label="${esc(t('tables.download', { name: p.programName ?? p.programCode, format: 'Excel' }))}">⤓ Excel</a></li>`;
    }).join('')}</ul>`;
  } catch (e) {
    return problem(e, '/api/reports/fund-flow/programs');
  }
}

const MAX_ORGS = 30;

/**
 * 部门决算公开: for each agency in scope with figures that year, its tables. Visitors see only what was published:
 * the links name the latest published version; an agency with figures but nothing published is listed as such.
 */
async function finalAccounts(state) {
  let orgs;
  try {
    orgs = await getJson('/api/orgs', { region: state.region === '000000' ? '' : state.region });
  } catch (e) {
    return problem(e, '/api/orgs');
  }
  const list = (Array.isArray(orgs) ? orgs : orgs.orgs ?? []).slice(0, MAX_ORGS);
  const answers = await Promise.all(list.map((org) => getJson(`/api/reports/final-accounts/${encodeURIComponent(org.orgCode)}/${encodeURIComponent(state.year)}`)
    .then((index) => ({ org, index }), (error) => ({ org, error }))));
  if (answers.length && answers.every((a) => a.error)) return problem(answers[0].error, t('tables.finalAccounts'));
  const shown = answers.filter((a) => a.index && !a.index.noData);
  if (!shown.length) return `<p class="state">${esc(t('tables.finalAccounts.none', { year: state.year }))}</p>`;
  return shown.map(({ org, index }) => {
    const version = index.latestPublishedVersion;
    const name = index.org?.name ?? org.name ?? org.orgCode;
    const head = `<h4>${esc(name)} <span class="code">${esc(org.orgCode)}</span></h4>`;
    if (version == null) {
      return `<section class="ledger" data-org="${esc(org.orgCode)}">${head}<p class="note">${esc(t('tables.finalAccounts.unpublished'))}</p></section>`;
    }
    const rows = (index.tables ?? []).filter((tb) => !tb.noData).map((tb) => {
      const label = `${tb.number ?? ''} ${tb.name ?? tb.kind}`.trim();
      const link = (format) => `<a class="download" href="${esc(downloadUrl(tb.href, { version, format }))}" download data-download="final-${esc(org.orgCode)}-${esc(tb.kind)}-${format}" aria-label="${esc(t('tables.download', { name: label, format: format.toUpperCase() }))}">⤓ ${format === 'xlsx' ? esc(t('tables.xlsx')) : 'CSV'}</a>`;
      return `<li><span>${esc(label)}</span><span>${link('csv')} ${link('xlsx')}</span></li>`;
    }).join('');
    return `<section class="ledger" data-org="${esc(org.orgCode)}">${head}
      <p class="note">${esc(t('tables.finalAccounts.version', { version }))}</p><ul class="flow-downloads">${rows}</ul></section>`;
  }).join('');
}

export default {
  async render(main, state) {
    main.innerHTML = `<h2 tabindex="-1">${esc(t('tables.heading', { year: state.year }))}</h2>
      <section aria-labelledby="ledgers-h"><h3 id="ledgers-h">${esc(t('tables.ledgers'))}</h3><div id="ledgers">${loading()}</div></section>
      <section aria-labelledby="flows-h"><h3 id="flows-h">${esc(t('tables.flows'))}</h3><div id="flows">${loading()}</div></section>
      <section aria-labelledby="fa-h"><h3 id="fa-h">${esc(t('tables.finalAccounts'))}</h3><div id="final-accounts">${loading()}</div></section>`;
    await this.refresh(main, state);
  },

  async refresh(main, state) {
    const [ledgers, flowList, finals] = await Promise.all([Promise.all(LEDGERS.map((s) => ledger(s, state))),
      flows(state), finalAccounts(state)]);
    const box = main.querySelector('#ledgers');
    // a live refresh keeps the previews the reader opened or closed
    const open = new Map([...box.querySelectorAll('section.ledger')].map((s) => [s.id || s.getAttribute('aria-labelledby'), s.querySelector('details')?.open]));
    refreshInPlace(box, ledgers.join(''));
    box.querySelectorAll('section.ledger').forEach((s) => {
      const was = open.get(s.getAttribute('aria-labelledby'));
      const d = s.querySelector('details');
      if (d && was !== undefined) d.open = was;
    });
    refreshInPlace(main.querySelector('#flows'), flowList);
    refreshInPlace(main.querySelector('#final-accounts'), finals);
  },
};
