// View 1: every fund of a fiscal year — budget, distributed, executed and rates against the time schedule (序时进度).
// One row per program from /api/execution: the program's top allocations (those whose parent is not listed) hold
// the whole money once; their figures already include everything passed down below them.
import { getJson } from '../api.js';
import { label, t } from '../i18n.js';
import { cents, esc, fromCents, money, pct, percent, rateUnits, ratio, wan } from '../format.js';
import { categoryLabels, draw } from '../charts.js';
import { figures, loading, problem, refreshInPlace, status, table } from '../ui.js';
import { href } from '../routes.js';

/** Programs of the year with their figures, from the execution rows. */
export function fundsOf(report) {
  const rows = report.rows ?? [];
  const listed = new Set(rows.map((r) => r.allocationId));
  const lagMargin = rateUnits(report.lagMargin ?? '0.1000');
  const byProgram = new Map();
  for (const r of rows) {
    if (r.parentAllocationId && listed.has(r.parentAllocationId)) continue;
    const p = byProgram.get(r.programCode) ?? { programCode: r.programCode, programName: r.programName,
      fiscalYear: r.fiscalYear, tops: [] };
    byProgram.set(r.programCode, p);
    p.tops.push(r);
  }
  return [...byProgram.values()].map((p) => {
    const sources = [...new Set(p.tops.map((r) => r.sourceLevel).filter(Boolean))];
    if (p.tops.length === 1) {
      // the service's own figures, untouched
      const r = p.tops[0];
      return { ...p, sources, budget: r.budget, distributed: r.distributed, executed: r.executedInSubtree,
        distributionRate: r.distributionRate, executionRate: r.executionRate, scheduleRate: r.scheduleRate,
        lagging: Boolean(r.lagging) };
    }
    // several top allocations: summed in 分, rates as the service computes them (4 decimals, half up)
    const budget = p.tops.reduce((s, r) => s + cents(r.budget), 0n);
    const distributed = p.tops.reduce((s, r) => s + cents(r.distributed), 0n);
    const executed = p.tops.reduce((s, r) => s + cents(r.executedInSubtree), 0n);
    const executionRate = ratio(executed, budget);
    const scheduleRate = p.tops[0].scheduleRate;
    return { ...p, sources, budget: fromCents(budget), distributed: fromCents(distributed),
      executed: fromCents(executed), distributionRate: ratio(distributed, budget), executionRate, scheduleRate,
      lagging: budget !== 0n && rateUnits(executionRate) < rateUnits(scheduleRate) - lagMargin };
  }).sort((a, b) => a.programCode.localeCompare(b.programCode));
}

function totals(funds) {
  const budget = funds.reduce((s, f) => s + cents(f.budget), 0n);
  const distributed = funds.reduce((s, f) => s + cents(f.distributed), 0n);
  const executed = funds.reduce((s, f) => s + cents(f.executed), 0n);
  return { budget: fromCents(budget), distributed: fromCents(distributed), executed: fromCents(executed),
    distributionRate: ratio(distributed, budget), executionRate: ratio(executed, budget),
    scheduleRate: funds[0]?.scheduleRate };
}

function columns(state) {
  return [
    { id: 'program', label: t('col.program'), rowHeader: true,
      render: (f) => (f.programCode ? `<span class="name">${esc(f.programName ?? f.programCode)}</span> <span class="code">${esc(f.programCode)}</span>` : `<strong>${esc(t('total'))}</strong>`) },
    { id: 'source', label: t('col.source'), render: (f) => esc((f.sources ?? []).map((s) => label('level', s)).join('、')) },
    { id: 'budget', label: t('col.budget'), numeric: true, render: (f) => esc(money(f.budget)) },
    { id: 'distributed', label: t('col.distributed'), numeric: true, render: (f) => esc(money(f.distributed)) },
    { id: 'distributionRate', label: t('col.distributionRate'), numeric: true, render: (f) => esc(percent(f.distributionRate)) },
    { id: 'executed', label: t('col.executed'), numeric: true, render: (f) => esc(money(f.executed)) },
    { id: 'executionRate', label: t('col.executionRate'), numeric: true, render: (f) => esc(percent(f.executionRate)) },
    { id: 'scheduleRate', label: t('col.scheduleRate'), numeric: true, render: (f) => esc(percent(f.scheduleRate)) },
    { id: 'status', label: t('col.status'), render: (f) => (f.programCode ? status(f.lagging) : '') },
    { id: 'flow', label: t('col.flow'), render: (f) => (f.programCode
      ? `<a href="${href('flow', { ...state, program: f.programCode })}">${esc(t('viewFlow'))}</a>` : '') },
  ];
}

function chartOption(funds, narrow) {
  const names = funds.map((f) => f.programName ?? f.programCode);
  const schedule = funds.length ? pct(funds[0].scheduleRate) : 0;
  return {
    color: ['#8fb3d9', '#1f4e79', '#b35900'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('col.budget'), t('col.executed'), t('col.executionRate')] },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: categoryLabels(narrow) },
    yAxis: [{ type: 'value', name: t('unit.wan') }, { type: 'value', name: '%', min: 0, max: (v) => Math.max(100, Math.ceil(v.max / 10) * 10) }],
    series: [
      { name: t('col.budget'), type: 'bar', barMaxWidth: 48, data: funds.map((f) => wan(f.budget)) },
      { name: t('col.executed'), type: 'bar', barMaxWidth: 48, data: funds.map((f) => wan(f.executed)) },
      { name: t('col.executionRate'), type: 'line', yAxisIndex: 1, data: funds.map((f) => pct(f.executionRate)),
        markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#333' },
          label: { position: 'insideEndTop', formatter: `${t('col.scheduleRate')} ${schedule}%` }, data: [{ yAxis: schedule }] } },
    ],
  };
}

async function load(state) {
  return getJson('/api/execution', { fiscalYear: state.year, asOf: state.asOf });
}

function body(report, state) {
  const funds = fundsOf(report);
  if (!funds.length) return { html: `<p class="state">${esc(t('empty.year', { year: state.year }))}</p>`, funds };
  const sum = totals(funds);
  const laggingCount = funds.filter((f) => f.lagging).length;
  const html = `
    ${figures([
      { id: 'budget', label: t('summary.budget'), value: money(sum.budget) },
      { id: 'executed', label: t('summary.executed'), value: money(sum.executed) },
      { id: 'rate', label: t('summary.rate'), value: percent(sum.executionRate) },
      { id: 'schedule', label: t('summary.schedule'), value: percent(sum.scheduleRate) },
    ])}
    <p class="note" data-cell="funds:summary">${esc(t('funds.summary', { n: funds.length, lagging: laggingCount }))} · ${esc(t('unit.note'))} · ${esc(t('updatedAt', { time: new Date().toLocaleTimeString('zh-CN', { hour12: false }) }))}</p>
    ${table({ id: 'funds-table', caption: t('funds.caption', { year: state.year }), columns: columns(state), rows: funds,
      key: (f) => f.programCode, rowClass: (f) => (f.lagging ? 'lagging' : ''), footer: sum })}`;
  return { html, funds };
}

export default {
  async render(main, state) {
    main.innerHTML = `<h2 tabindex="-1">${esc(t('funds.heading', { year: state.year }))}</h2>
      <figure class="chart-box"><figcaption>${esc(t('funds.chart'))}</figcaption>
        <div class="chart" id="funds-chart" role="img" aria-label="${esc(t('funds.chart.label'))}"></div></figure>
      <div id="funds-body">${loading()}</div>`;
    await this.refresh(main, state, true);
  },

  async refresh(main, state, first = false) {
    const target = main.querySelector('#funds-body');
    let report;
    try {
      report = await load(state);
    } catch (e) {
      if (first) target.innerHTML = problem(e, '/api/execution');
      return;
    }
    const { html, funds } = body(report, state);
    if (first) target.innerHTML = html; else refreshInPlace(target, html);
    const chart = main.querySelector('#funds-chart');
    chart.hidden = !funds.length;
    if (funds.length) await draw(chart, chartOption(funds, chart.clientWidth < 600));
  },
};
