// Small rendering helpers shared by the views: accessible tables that turn into cards on a phone, status
// messages, summary figures, and in-place refreshes that keep the keyboard focus and show what changed.
import { t } from './i18n.js';
import { esc } from './format.js';

/**
 * An accessible table. columns: [{id, label, numeric, rowHeader, render(row) → HTML}]. Each cell carries its
 * column label (data-label) for the phone layout, and data-cell="<rowKey>:<column>" so a refresh can tell which
 * figures changed.
 */
export function table({ caption, captionHidden, columns, rows, key, rowClass, footer, id }) {
  const head = columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('');
  const body = rows.map((row) => {
    const k = key(row);
    const cells = columns.map((c) => cell(c, row, k)).join('');
    const cls = rowClass?.(row);
    return `<tr data-key="${esc(k)}"${cls ? ` class="${cls}"` : ''}>${cells}</tr>`;
  }).join('');
  const foot = footer ? `<tfoot><tr data-key="__total">${columns.map((c) => cell(c, footer, '__total')).join('')}</tr></tfoot>` : '';
  return `<div class="table-wrap"${id ? ` id="${id}"` : ''}><table class="data">
    <caption${captionHidden ? ' class="visually-hidden"' : ''}>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>${foot}</table></div>`;
}

function cell(column, row, key) {
  const tag = column.rowHeader ? 'th' : 'td';
  const scope = column.rowHeader ? ' scope="row"' : '';
  const cls = column.numeric ? ' class="num"' : '';
  return `<${tag}${scope}${cls} data-label="${esc(column.label)}" data-col="${column.id}" data-cell="${esc(key)}:${column.id}">${column.render(row) ?? ''}</${tag}>`;
}

export function loading() {
  return `<p class="state" role="status">${esc(t('loading'))}</p>`;
}

/**
 * A failed call: "sign in to see …" (401) with a button that opens the sign-in panel, "outside your scope" (403),
 * "not available" for a missing endpoint or service, an error otherwise. subject names the data in words for the
 * first two ("alerts"); what names the call for the others.
 */
export function problem(error, what, subject = what) {
  if (error?.signInNeeded) {
    return `<div class="state signin-needed" data-state="sign-in"><p>${esc(t('auth.needed', { what: subject }))}</p>
      <button type="button" class="linkish" data-action="sign-in">${esc(t('auth.signIn'))}</button></div>`;
  }
  if (error?.outOfScope) {
    return `<p class="state forbidden" data-state="out-of-scope">${esc(t('auth.forbidden', { what: subject }))}</p>`;
  }
  if (error?.notAvailable) {
    return `<p class="state unavailable" data-state="not-available">${esc(t('notAvailable', { what }))}</p>`;
  }
  const detail = error?.message ? `: ${esc(error.message)}` : '';
  return `<p class="state error" role="alert" data-state="error">${esc(t('error', { what }))}${detail}</p>`;
}

/** Headline figures as a definition list. items: [{label, value, id}] */
export function figures(items) {
  return `<dl class="figures">${items.map((i) => `<div class="figure"${i.id ? ` data-figure="${i.id}"` : ''}>
    <dt>${esc(i.label)}</dt><dd data-cell="figure:${i.id ?? i.label}">${esc(i.value)}</dd></div>`).join('')}</dl>`;
}

/** Lagging shown in words and a symbol, never by colour alone. */
export function status(lagging) {
  return lagging
    ? `<span class="badge lagging" title="${esc(t('status.lagging.long'))}">▲ ${esc(t('status.lagging'))}</span>`
    : `<span class="badge ok">✓ ${esc(t('status.ok'))}</span>`;
}

/**
 * Replaces a container's content after a live update without losing the reader's place: the focused element is
 * found again by its data-fid (or href), and cells whose text changed are briefly marked.
 */
export function refreshInPlace(container, html) {
  if (!container) return;
  const active = document.activeElement;
  const fid = container.contains(active) ? (active.dataset.fid || active.getAttribute('href')) : null;
  const before = new Map();
  container.querySelectorAll('[data-cell]').forEach((el) => before.set(el.dataset.cell, el.textContent));
  container.innerHTML = html;
  container.querySelectorAll('[data-cell]').forEach((el) => {
    const old = before.get(el.dataset.cell);
    if (old !== undefined && old !== el.textContent) {
      el.classList.add('changed');
      setTimeout(() => el.classList.remove('changed'), 2500);
    }
  });
  if (fid) {
    const again = [...container.querySelectorAll('[data-fid], a[href], button')]
      .find((el) => (el.dataset.fid || el.getAttribute('href')) === fid);
    again?.focus();
  }
}
