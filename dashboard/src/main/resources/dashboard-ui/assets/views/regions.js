// View 2: drill down 全国 → 省 → 市 → 县. Figures come from the execution roll-up by region (money counted once,
// at the agencies that spend it); the region directory adds the regions below that have no money this year, so
// every level can still be reached.
import { getJson } from '../api.js';
import { bilingual, t } from '../i18n.js';
import { esc, money, pct, percent, wan } from '../format.js';
import { categoryLabels, draw } from '../charts.js';
import { figures, loading, problem, refreshInPlace, status, table } from '../ui.js';
import { href } from '../routes.js';

const CENTRE = '000000';
const directory = new Map();

/** A region with its children from the directory, or a stand-in when the directory cannot be asked. */
async function region(code) {
  if (!directory.has(code)) {
    directory.set(code, getJson(`/api/regions/${encodeURIComponent(code)}`).catch((e) => {
      directory.delete(code);
      return { code, name: code === CENTRE ? null : code, parentCode: null, children: [], failed: e };
    }));
  }
  return directory.get(code);
}

function regionName(info) {
  return info.code === CENTRE || !info.name ? t('regions.country') : info.name;
}

/** 全国 › 山西省 › 晋中市: the parents of the region, by the directory's parentCode. */
async function trail(code) {
  const chain = [];
  let current = code;
  for (let guard = 0; current && current !== CENTRE && guard < 6; guard++) {
    const info = await region(current);
    chain.unshift(info);
    current = info.parentCode;
  }
  chain.unshift({ code: CENTRE });
  return chain;
}

function breadcrumb(chain, state) {
  const items = chain.map((info, i) => {
    const name = esc(regionName(info));
    return i === chain.length - 1
      ? `<li><span aria-current="page">${name}</span></li>`
      : `<li><a href="${href('regions', { ...state, region: info.code })}">${name}</a></li>`;
  }).join('');
  return `<nav class="breadcrumb" aria-label="${esc(t('regions.breadcrumb'))}"><ol>${items}</ol></nav>`;
}

function rowsOf(rollup, info, state) {
  const byKey = new Map((rollup.rows ?? []).map((r) => [r.key, r]));
  const rows = [];
  const own = byKey.get(info.code);
  if (own) {
    rows.push({ ...own, label: info.code === CENTRE ? t('regions.central') : t('regions.own', { name: regionName(info) }) });
    byKey.delete(info.code);
  }
  for (const child of info.children ?? []) {
    const r = byKey.get(child.code);
    if (r) {
      rows.push({ ...r, label: child.name, drill: child.code });
      byKey.delete(child.code);
    }
  }
  // regions the directory does not list under this one (or when it could not be asked)
  for (const r of byKey.values()) {
    rows.push({ ...r, label: bilingual(r.name ?? r.key), drill: /^\d{6}$/.test(r.key) ? r.key : null });
  }
  const quiet = (info.children ?? []).filter((c) => !rows.some((r) => r.key === c.code));
  return { rows, quiet, state };
}

function regionColumns(state) {
  return [
    { id: 'region', label: t('col.region'), rowHeader: true,
      render: (r) => (r.drill
        ? `<a href="${href('regions', { ...state, region: r.drill })}" data-region="${esc(r.drill)}" aria-label="${esc(t('regions.drill', { name: r.label }))}">${esc(r.label)}</a>`
        : esc(r.label ?? t('total'))) },
    { id: 'budget', label: t('col.budget'), numeric: true, render: (r) => esc(money(r.budget)) },
    { id: 'executed', label: t('col.executed'), numeric: true, render: (r) => esc(money(r.executed)) },
    { id: 'executionRate', label: t('col.executionRate'), numeric: true, render: (r) => esc(r.executionPercent ?? percent(r.executionRate)) },
    { id: 'scheduleRate', label: t('col.scheduleRate'), numeric: true, render: (r) => esc(percent(r.scheduleRate)) },
    { id: 'status', label: t('col.status'), render: (r) => (r.budget !== undefined && r.key !== '__total' ? status(r.lagging) : '') },
    { id: 'allocations', label: t('col.allocations'), numeric: true, render: (r) => esc(r.allocations ?? '') },
    { id: 'held', label: t('col.held'), numeric: true, render: (r) => esc(money(r.undistributedHeld)) },
  ];
}

function programColumns() {
  return [
    { id: 'program', label: t('col.program'), rowHeader: true,
      render: (r) => (r.key === '__total' ? `<strong>${esc(t('total'))}</strong>` : `<span class="name">${esc(bilingual(r.name ?? r.key))}</span> <span class="code">${esc(r.key)}</span>`) },
    { id: 'budget', label: t('col.budget'), numeric: true, render: (r) => esc(money(r.budget)) },
    { id: 'executed', label: t('col.executed'), numeric: true, render: (r) => esc(money(r.executed)) },
    { id: 'executionRate', label: t('col.executionRate'), numeric: true, render: (r) => esc(r.executionPercent ?? percent(r.executionRate)) },
    { id: 'scheduleRate', label: t('col.scheduleRate'), numeric: true, render: (r) => esc(percent(r.scheduleRate)) },
    { id: 'status', label: t('col.status'), render: (r) => (r.key === '__total' ? '' : status(r.lagging)) },
  ];
}

async function load(state) {
  const code = state.region || CENTRE;
  const scope = code === CENTRE ? '' : code;
  const [info, chain, byRegion, byProgram] = await Promise.all([
    region(code), trail(code),
    getJson('/api/execution/rollup', { by: 'region', fiscalYear: state.year, region: scope, asOf: state.asOf }).catch((e) => ({ failed: e })),
    getJson('/api/execution/rollup', { by: 'program', fiscalYear: state.year, region: scope, asOf: state.asOf }).catch((e) => ({ failed: e })),
  ]);
  return { code, info, chain, byRegion, byProgram };
}

function body(data, state) {
  const { info, byRegion, byProgram } = data;
  const name = regionName(info);
  if (byRegion.failed) return { html: problem(byRegion.failed, '/api/execution/rollup'), rows: [] };
  const { rows, quiet } = rowsOf(byRegion, info, state);
  const tot = byRegion.totals ?? {};
  const quietList = quiet.length ? `<section class="quiet" aria-labelledby="quiet-h"><h3 id="quiet-h">${esc(t('regions.noData'))}</h3>
      <ul class="chips">${quiet.map((c) => `<li><a href="${href('regions', { ...state, region: c.code })}" data-region="${esc(c.code)}">${esc(c.name)}</a></li>`).join('')}</ul></section>` : '';
  const children = rows.length
    ? table({ id: 'regions-table', caption: t('regions.caption', { region: name }), columns: regionColumns(state), rows,
      key: (r) => r.key, rowClass: (r) => (r.lagging ? 'lagging' : ''), footer: { ...tot, key: '__total', label: t('total') } })
    : `<p class="state">${esc(info.children?.length ? t('empty.year', { year: state.year }) : t('regions.noChildren', { region: name }))}</p>`;
  const programs = byProgram.failed ? problem(byProgram.failed, '/api/execution/rollup?by=program')
    : (byProgram.rows ?? []).length
      ? table({ id: 'region-programs', caption: t('regions.programs.caption', { region: name }), captionHidden: true, columns: programColumns(),
        rows: byProgram.rows, key: (r) => r.key, rowClass: (r) => (r.lagging ? 'lagging' : ''),
        footer: { ...(byProgram.totals ?? {}), key: '__total' } })
      : '';
  const html = `
    ${figures([
      { id: 'budget', label: t('summary.budget'), value: money(tot.budget) },
      { id: 'executed', label: t('summary.executed'), value: money(tot.executed) },
      { id: 'rate', label: t('summary.rate'), value: tot.executionPercent ?? percent(tot.executionRate) },
      { id: 'schedule', label: t('summary.schedule'), value: percent(tot.scheduleRate) },
      { id: 'held', label: t('summary.held'), value: money(tot.undistributedHeld) },
    ])}
    <p class="note">${esc(t('regions.note'))}</p>
    ${children}
    ${quietList}
    <h3>${esc(t('regions.programs', { region: name }))}</h3>
    ${programs}`;
  return { html, rows };
}

function chartOption(rows, narrow) {
  return {
    color: ['#8fb3d9', '#1f4e79', '#b35900'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('col.budget'), t('col.executed'), t('col.executionRate')] },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: categoryLabels(narrow) },
    yAxis: [{ type: 'value', name: t('unit.wan') }, { type: 'value', name: '%', min: 0, max: (v) => Math.max(100, Math.ceil(v.max / 10) * 10) }],
    series: [
      { name: t('col.budget'), type: 'bar', barMaxWidth: 48, data: rows.map((r) => wan(r.budget)) },
      { name: t('col.executed'), type: 'bar', barMaxWidth: 48, data: rows.map((r) => wan(r.executed)) },
      { name: t('col.executionRate'), type: 'line', yAxisIndex: 1, data: rows.map((r) => pct(r.executionRate)) },
    ],
  };
}

export default {
  async render(main, state) {
    const data = await load(state);
    const name = regionName(data.info);
    main.innerHTML = `${breadcrumb(data.chain, state)}
      <h2 tabindex="-1">${esc(t('regions.heading', { year: state.year, region: name }))}</h2>
      <figure class="chart-box"><div class="chart" id="regions-chart" role="img" aria-label="${esc(t('funds.chart.label'))}"></div></figure>
      <div id="regions-body">${loading()}</div>`;
    await this.show(main, state, data, true);
  },

  async refresh(main, state) {
    await this.show(main, state, await load(state), false);
  },

  async show(main, state, data, first) {
    const target = main.querySelector('#regions-body');
    const { html, rows } = body(data, state);
    if (first) target.innerHTML = html; else refreshInPlace(target, html);
    const chart = main.querySelector('#regions-chart');
    if (rows.length) {
      chart.hidden = false;
      await draw(chart, chartOption(rows, chart.clientWidth < 600));
    } else {
      chart.hidden = true;
    }
  },
};
