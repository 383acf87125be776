// View 3: where a fund's money went, from its source level to the final recipients (资金流向台账): a Sankey
// chart for the picture, an expandable list for the record (文号, dates, amounts), and for each allocation its
// details and payments. The ledger is public; payments and the allocation record need a signed-in user whose scope
// reaches them (a visitor sees the chart up to the agencies, and a note where the payments would be).
import { download, downloadUrl, getJson, signedIn } from '../api.js';
import { t } from '../i18n.js';
import { cents, esc, fromCents, money } from '../format.js';
import { draw } from '../charts.js';
import { loading, problem, refreshInPlace, table } from '../ui.js';

let programsCache = { year: null, list: null };
let selected = null; // the allocation whose details are open: kept across live refreshes
const collapsed = new Set(); // allocations whose children the reader folded away: kept across live refreshes

function nodeKey(end) {
  return end?.orgCode ? `org:${end.orgCode}` : (end?.regionCode ?? end?.name ?? '?');
}

function walk(nodes, visit, depth = 1) {
  for (const n of nodes ?? []) {
    visit(n, depth);
    walk(n.children, visit, depth + 1);
  }
}

const MAX_PAID_NODES = 20;

/**
 * Who was finally paid: the payees of the allocations to agencies (net of reversals, summed by payee), so the
 * picture runs from the source level to the final recipients. Only for ledgers with a few agencies, and only for a
 * signed-in user (payments are not public); a failure (not available, outside the user's scope) leaves them out.
 */
async function payees(ledger) {
  if (!signedIn()) return [];
  const orgNodes = [];
  walk(ledger.roots, (n) => { if (n.to?.orgCode) orgNodes.push(n); });
  if (!orgNodes.length || orgNodes.length > MAX_PAID_NODES) return [];
  const answers = await Promise.all(orgNodes.map((n) => getJson('/api/payments', { allocationId: n.allocationId, limit: 500 })
    .then((a) => ({ node: n, payments: a.payments ?? [] })).catch(() => ({ node: n, payments: [] }))));
  const links = [];
  for (const { node, payments } of answers) {
    const byPayee = new Map();
    for (const p of payments) {
      const name = p.payee || p.voucherNo || '—';
      byPayee.set(name, (byPayee.get(name) ?? 0n) + cents(p.net ?? p.amount));
    }
    byPayee.forEach((c, name) => links.push({ from: node, payee: name, amount: fromCents(c) }));
  }
  return links;
}

function sankey(ledger, paid) {
  const names = new Map();
  const links = [];
  walk(ledger.roots, (n) => {
    const from = nodeKey(n.from);
    const to = nodeKey(n.to);
    names.set(from, n.from?.name ?? from);
    names.set(to, n.to?.name ?? to);
    // the value only sizes the band; the tooltip shows the exact amount
    links.push({ source: from, target: to, value: Number(n.budget), amount: n.budget, docNo: n.docNo });
  });
  for (const p of paid) {
    const key = `payee:${p.payee}`;
    names.set(key, p.payee);
    links.push({ source: nodeKey(p.from.to), target: key, value: Number(p.amount), amount: p.amount });
  }
  return {
    tooltip: { trigger: 'item', formatter: (p) => (p.dataType === 'edge'
      ? `${esc(names.get(p.data.source))} → ${esc(names.get(p.data.target))}<br>${esc(money(p.data.amount))} ${esc(t('yuan'))}<br>${esc(p.data.docNo ?? '')}`
      : esc(names.get(p.name))) },
    series: [{
      type: 'sankey', left: 8, right: 200, top: 8, bottom: 8, nodeAlign: 'left', emphasis: { focus: 'adjacency' },
      data: [...names.keys()].map((k) => ({ name: k })),
      links: links.filter((l) => l.value > 0 && l.source !== l.target),
      label: { formatter: (p) => names.get(p.name), width: 190, overflow: 'truncate' },
      lineStyle: { color: 'gradient', opacity: 0.45 },
      itemStyle: { color: '#1f4e79' },
    }],
  };
}

function nodeLine(n) {
  const to = n.to?.name ?? n.to?.orgCode ?? n.to?.regionCode;
  return `<span class="flow-path">${esc(n.from?.name ?? n.from?.regionCode)} → <strong>${esc(to)}</strong></span>
    <span class="flow-doc">${esc(n.docNo ?? '')} · ${esc(n.issuedOn ?? '')}</span>
    <span class="flow-amounts"><span>${esc(t('flow.budget'))} <span class="num" data-cell="${esc(n.allocationId)}:budget">${esc(money(n.budget))}</span></span>
    <span>${esc(t('flow.distributed'))} <span class="num" data-cell="${esc(n.allocationId)}:distributed">${esc(money(n.distributed))}</span></span>
    <span>${esc(t('flow.undistributed'))} <span class="num" data-cell="${esc(n.allocationId)}:undistributed">${esc(money(n.undistributed))}</span></span></span>
    ${n.parentPending ? `<span class="badge pending">${esc(t('flow.pending'))}</span>` : ''}
    <button type="button" class="linkish" data-allocation="${esc(n.allocationId)}" data-fid="detail:${esc(n.allocationId)}">${esc(n.to?.orgCode ? t('flow.payments') : t('flow.details'))}</button>`;
}

function tree(nodes) {
  if (!nodes?.length) return '';
  return `<ul class="tree">${nodes.map((n) => {
    const kids = n.children?.length;
    const id = `children-${n.allocationId}`;
    const open = !collapsed.has(n.allocationId);
    const toggle = kids
      ? `<button type="button" class="toggle" aria-expanded="${open}" aria-controls="${esc(id)}" data-node="${esc(n.allocationId)}" data-fid="toggle:${esc(n.allocationId)}"><span aria-hidden="true">${open ? '▾' : '▸'}</span><span class="visually-hidden">${esc(n.to?.name ?? '')}</span></button>`
      : '<span class="toggle-space" aria-hidden="true"></span>';
    return `<li class="flow-node" data-key="${esc(n.allocationId)}"><div class="flow-line">${toggle}${nodeLine(n)}</div>
      ${kids ? `<div id="${esc(id)}"${open ? '' : ' hidden'}>${tree(n.children)}</div>` : ''}</li>`;
  }).join('')}</ul>`;
}

function find(ledger, id) {
  let found = null;
  walk(ledger.roots, (n) => { if (n.allocationId === id) found = n; });
  return found;
}

async function details(panel, node) {
  const fields = [
    [t('col.docNo'), node.docNo], [t('col.issuedOn'), node.issuedOn], [t('col.amount'), money(node.amount)],
    [t('flow.budget'), money(node.budget)], [t('flow.distributed'), money(node.distributed)],
    [t('flow.undistributed'), money(node.undistributed)],
  ];
  const head = `<h3 tabindex="-1">${esc(t('flow.details.heading', { from: node.from?.name ?? '', to: node.to?.name ?? '' }))}</h3>
    <dl class="pairs">${fields.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v ?? '—')}</dd></div>`).join('')}</dl>
    <div class="record"><button type="button" class="linkish" data-record="${esc(node.allocationId)}" data-fid="record:${esc(node.allocationId)}">⤓ ${esc(t('flow.json'))}</button>
      <div class="record-state" role="status"></div></div>`;
  if (!node.to?.orgCode) {
    return `${head}<p class="note">${esc(t('flow.regionNode'))}</p>`;
  }
  let payments;
  try {
    payments = await getJson('/api/payments', { allocationId: node.allocationId, limit: 500 });
  } catch (e) {
    return `${head}${problem(e, '/api/payments', t('auth.what.payments'))}`;
  }
  const list = payments.payments ?? [];
  if (!list.length) return `${head}<p class="state">${esc(t('flow.noPayments'))}</p>`;
  return head + table({
    id: 'payments-table', caption: t('flow.paymentsCaption', { to: node.to?.name ?? '' }), rows: list, key: (p) => p.paymentId,
    columns: [
      { id: 'date', label: t('col.date'), rowHeader: true, render: (p) => esc(p.paidOn) },
      { id: 'payee', label: t('col.payee'), render: (p) => esc(p.payee ?? '') },
      { id: 'amount', label: t('col.amount'), numeric: true, render: (p) => esc(money(p.amount)) },
      { id: 'reversed', label: t('col.reversed'), numeric: true, render: (p) => esc(money(p.reversed)) },
      { id: 'net', label: t('col.net'), numeric: true, render: (p) => esc(money(p.net ?? p.amount)) },
      { id: 'voucher', label: t('col.voucher'), render: (p) => esc(p.voucherNo ?? '') },
    ],
  });
}

async function programs(year) {
  if (programsCache.year !== year || !programsCache.list) {
    const answer = await getJson('/api/reports/fund-flow/programs', { fiscalYear: year });
    programsCache = { year, list: answer.programs ?? [] };
  }
  return programsCache.list;
}

export default {
  async render(main, state, ctx) {
    main.innerHTML = `<h2 tabindex="-1">${esc(t('flow.heading', { year: state.year }))}</h2><div id="flow-body">${loading()}</div>`;
    const target = main.querySelector('#flow-body');
    programsCache = { year: null, list: null };
    let list;
    try {
      list = await programs(state.year);
    } catch (e) {
      target.innerHTML = problem(e, '/api/reports/fund-flow/programs');
      return;
    }
    if (!list.length) {
      target.innerHTML = `<p class="state">${esc(t('flow.noPrograms', { year: state.year }))}</p>`;
      return;
    }
    const program = list.some((p) => p.programCode === state.program) ? state.program : list[0].programCode;
    target.innerHTML = `<div class="filters"><label for="flow-program">${esc(t('flow.program'))}</label>
        <select id="flow-program">${list.map((p) => `<option value="${esc(p.programCode)}"${p.programCode === program ? ' selected' : ''}>${esc(p.programName ?? p.programCode)} (${esc(p.programCode)})</option>`).join('')}</select>
        <a class="download" id="flow-csv" href="${esc(downloadUrl('/api/reports/fund-flow', { programCode: program, fiscalYear: state.year, format: 'csv' }))}" download>${esc(t('flow.download'))}</a></div>
      <p class="note" id="flow-totals"></p>
      <figure class="chart-box"><div class="chart tall" id="flow-chart" role="img" aria-label="${esc(t('flow.chart.label'))}"></div></figure>
      <div class="flow-layout"><section aria-labelledby="flow-tree-h"><h3 id="flow-tree-h">${esc(t('flow.tree'))}</h3><div id="flow-tree"></div></section>
      <aside id="flow-detail" class="detail" aria-live="polite"></aside></div>`;
    target.querySelector('#flow-program').addEventListener('change', (e) => ctx.go('flow', { program: e.target.value }));
    target.addEventListener('click', (e) => this.click(e, main, state));
    selected = null;
    await this.refresh(main, { ...state, program }, true);
  },

  async click(e, main, state) {
    const record = e.target.closest('button[data-record]');
    if (record) {
      await this.record(record);
      return;
    }
    const toggle = e.target.closest('button.toggle');
    if (toggle) {
      const open = toggle.getAttribute('aria-expanded') === 'true';
      if (open) collapsed.add(toggle.dataset.node); else collapsed.delete(toggle.dataset.node);
      toggle.setAttribute('aria-expanded', String(!open));
      document.getElementById(toggle.getAttribute('aria-controls')).hidden = open;
      toggle.querySelector('[aria-hidden]').textContent = open ? '▸' : '▾';
      return;
    }
    const button = e.target.closest('button[data-allocation]');
    if (button && this.ledger) {
      selected = button.dataset.allocation;
      const panel = main.querySelector('#flow-detail');
      const node = find(this.ledger, selected);
      panel.innerHTML = loading();
      panel.innerHTML = node ? await details(panel, node) : '';
      panel.querySelector('h3')?.focus();
    }
  },

  /** The allocation record (JSON) is not public: fetched with the token and saved as a file. */
  async record(button) {
    const note = button.parentElement.querySelector('.record-state');
    const id = button.dataset.record;
    note.textContent = '';
    try {
      await download(`/api/allocations/${encodeURIComponent(id)}`, {}, `allocation-${id}.json`);
    } catch (e) {
      note.innerHTML = problem(e, `/api/allocations/${id}`, t('auth.what.record'));
    }
  },

  async refresh(main, state, first = false) {
    const program = main.querySelector('#flow-program')?.value ?? state.program;
    let ledger;
    try {
      ledger = await getJson('/api/reports/fund-flow', { programCode: program, fiscalYear: state.year });
    } catch (e) {
      main.querySelector('#flow-tree').innerHTML = problem(e, '/api/reports/fund-flow');
      return;
    }
    this.ledger = ledger;
    const tt = ledger.totals ?? {};
    main.querySelector('#flow-totals').textContent = t('flow.totals', { issued: money(tt.issued), budget: money(tt.budget),
      distributed: money(tt.distributed), undistributed: money(tt.undistributed) });
    const treeBox = main.querySelector('#flow-tree');
    if (first) treeBox.innerHTML = tree(ledger.roots); else refreshInPlace(treeBox, tree(ledger.roots));
    await draw(main.querySelector('#flow-chart'), sankey(ledger, await payees(ledger)));
    if (!first && selected) {
      const node = find(ledger, selected);
      const panel = main.querySelector('#flow-detail');
      if (node) refreshInPlace(panel, await details(panel, node));
    }
  },
};
