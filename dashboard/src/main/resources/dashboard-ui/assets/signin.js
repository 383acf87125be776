// The sign-in control in the page header: who is signed in (or that nobody is), a sign-in panel — the local run's
// dev sign-in (role, region or org, name → a token from the gateway's dev issuer) and/or a pasted bearer token —
// and sign-out. Keyboard: the panel opens from its button, takes focus on its first field, closes with Escape
// (focus back on the button); after signing in or out, focus lands on the button that undoes it.
import { checkToken, getJson } from './api.js';
import { ROLES, devToken, devTokensAvailable, onChange, problemWith, session, signIn, signOut } from './auth.js';
import { t } from './i18n.js';
import { esc } from './format.js';

const CENTRE = '000000';
const names = new Map(); // region or org code → name, from the public reference APIs

let box;
let panel;
let opener;
let closer;
let status;
let announcer;
let devAvailable = null; // null: not asked yet
let lastRole = 'SUPERVISOR';

function announce(text) {
  if (!announcer) return;
  announcer.textContent = '';
  // a fresh text node, a moment later, so screen readers announce it even when it repeats
  setTimeout(() => { announcer.textContent = text; }, 50);
}

function roleLabel(role) {
  const key = `role.${role}`;
  const s = t(key);
  return s === key ? String(role ?? '') : s;
}

/** "全国", "晋中市（140700）", "140700-208" — the name once the public reference data has answered. */
function scopeLabel(s) {
  if (s.role === 'AGENCY') {
    const name = names.get(`org:${s.org}`);
    return name ? t('auth.scope.named', { name, code: s.org }) : String(s.org ?? '');
  }
  if (!s.region) return '';
  if (s.region === CENTRE) return t('auth.scope.national');
  const name = names.get(`region:${s.region}`);
  return name ? t('auth.scope.named', { name, code: s.region }) : s.region;
}

/** Looks up the name of the signed-in user's region or org once, then shows it. */
function lookUpScope(s) {
  const key = s.role === 'AGENCY' ? `org:${s.org}` : `region:${s.region}`;
  if (names.has(key) || (s.role === 'AGENCY' ? !s.org : !s.region || s.region === CENTRE)) return;
  names.set(key, null);
  const path = s.role === 'AGENCY' ? `/api/orgs/${encodeURIComponent(s.org)}` : `/api/regions/${encodeURIComponent(s.region)}`;
  getJson(path).then((answer) => {
    if (answer?.name) {
      names.set(key, answer.name);
      render();
    }
  }, () => { /* the code alone says enough */ });
}

/** The header's signed-in / signed-out state. */
export function render() {
  if (!box) return;
  const s = session();
  box.dataset.state = s ? 'signed-in' : 'signed-out';
  if (s) {
    status.textContent = t('auth.signedInAs', { sub: s.sub || '?', role: roleLabel(s.role), scope: scopeLabel(s) });
    lookUpScope(s);
  } else {
    status.textContent = t('auth.anonymous');
  }
  opener.hidden = Boolean(s);
  closer.hidden = !s;
  opener.textContent = t('auth.signIn');
  closer.textContent = t('auth.signOut');
  if (s && !panel.hidden) close(false);
  if (!panel.hidden) renderPanel();
}

function devForm() {
  const options = ROLES.map((r) => `<option value="${r}"${r === lastRole ? ' selected' : ''}>${esc(roleLabel(r))}</option>`).join('');
  const agency = lastRole === 'AGENCY';
  return `<form id="signin-dev" class="signin-form" novalidate>
    <fieldset><legend>${esc(t('auth.dev.legend'))}</legend>
      <p class="hint">${esc(t('auth.dev.note'))}</p>
      <div class="signin-fields">
        <div class="control"><label for="signin-role">${esc(t('auth.role'))}</label><select id="signin-role" name="role">${options}</select></div>
        <div class="control" id="signin-region-box"${agency ? ' hidden' : ''}><label for="signin-region">${esc(t('auth.region'))}</label>
          <input id="signin-region" name="region" inputmode="numeric" autocomplete="off" maxlength="6" aria-describedby="signin-region-hint" value="${lastRole === 'SUPERVISOR' ? CENTRE : ''}">
          <span id="signin-region-hint" class="hint">${esc(t('auth.region.hint'))}</span></div>
        <div class="control" id="signin-org-box"${agency ? '' : ' hidden'}><label for="signin-org">${esc(t('auth.org'))}</label>
          <input id="signin-org" name="org" autocomplete="off" maxlength="32"></div>
        <div class="control"><label for="signin-subject">${esc(t('auth.subject'))}</label>
          <input id="signin-subject" name="subject" autocomplete="username" maxlength="64" aria-describedby="signin-subject-hint">
          <span id="signin-subject-hint" class="hint">${esc(t('auth.subject.hint'))}</span></div>
      </div>
      <button type="submit" id="signin-dev-submit">${esc(t('auth.dev.submit'))}</button>
    </fieldset></form>`;
}

function pasteForm() {
  return `<form id="signin-paste" class="signin-form" novalidate>
    <fieldset><legend>${esc(t('auth.paste.legend'))}</legend>
      <div class="control"><label for="signin-token">${esc(t('auth.paste.label'))}</label>
        <textarea id="signin-token" name="token" rows="3" spellcheck="false" autocomplete="off" aria-describedby="signin-token-hint"></textarea>
        <span id="signin-token-hint" class="hint">${esc(t('auth.paste.hint'))}</span></div>
      <button type="submit" id="signin-paste-submit">${esc(t('auth.paste.submit'))}</button>
    </fieldset></form>`;
}

function renderPanel() {
  const body = panel.querySelector('#signin-body');
  if (devAvailable === null) {
    body.innerHTML = `<p class="state" role="status">${esc(t('auth.checking'))}</p>`;
    return;
  }
  const paste = devAvailable
    ? `<details class="signin-more"><summary>${esc(t('auth.paste.more'))}</summary>${pasteForm()}</details>`
    : `<p class="note">${esc(t('auth.noDev'))}</p>${pasteForm()}`;
  body.innerHTML = `${devAvailable ? devForm() : ''}${paste}
    <p id="signin-error" class="signin-error" role="alert"></p>
    <p class="note">${esc(t('auth.production'))}</p>
    <button type="button" id="signin-cancel">${esc(t('auth.cancel'))}</button>`;
  body.querySelector('#signin-role')?.addEventListener('change', (e) => {
    lastRole = e.target.value;
    const agency = lastRole === 'AGENCY';
    body.querySelector('#signin-region-box').hidden = agency;
    body.querySelector('#signin-org-box').hidden = !agency;
    const region = body.querySelector('#signin-region');
    if (lastRole === 'SUPERVISOR' && !region.value) region.value = CENTRE;
  });
  body.querySelector('#signin-dev')?.addEventListener('submit', (e) => { e.preventDefault(); submitDev(e.target); });
  body.querySelector('#signin-paste').addEventListener('submit', (e) => { e.preventDefault(); submitPaste(e.target); });
  body.querySelector('#signin-cancel').addEventListener('click', () => close(true));
}

function fail(message, field) {
  const error = panel.querySelector('#signin-error');
  panel.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  if (error) error.textContent = message;
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-errormessage', 'signin-error');
    field.focus();
  }
}

function busy(form, on) {
  form.querySelectorAll('button, input, select, textarea').forEach((el) => { el.disabled = on; });
  form.setAttribute('aria-busy', String(on));
}

async function submitDev(form) {
  const role = form.querySelector('#signin-role').value;
  const regionField = form.querySelector('#signin-region');
  const orgField = form.querySelector('#signin-org');
  const region = regionField.value.trim();
  const org = orgField.value.trim();
  if (role !== 'AGENCY' && !/^\d{6}$/.test(region)) return fail(t('auth.region.invalid'), regionField);
  if (role === 'AGENCY' && !/^[A-Za-z0-9_-]{1,32}$/.test(org)) return fail(t('auth.org.invalid'), orgField);
  const scope = role === 'AGENCY' ? org : region;
  const subject = form.querySelector('#signin-subject').value.trim() || `dev-${role.toLowerCase().replace('_', '-')}-${scope}`;
  busy(form, true);
  let value;
  try {
    value = await devToken({ subject, role, region: role === 'AGENCY' ? null : region, org: role === 'AGENCY' ? org : null });
  } catch (e) {
    busy(form, false);
    return fail(t('auth.failed', { detail: e.message }), form.querySelector('#signin-subject'));
  }
  busy(form, false);
  return accept(value);
}

async function submitPaste(form) {
  const field = form.querySelector('#signin-token');
  const value = field.value.trim().replace(/^Bearer\s+/i, '');
  const wrong = problemWith(value);
  if (wrong) return fail(t(wrong), field);
  busy(form, true);
  const refused = await checkToken(value);
  busy(form, false);
  if (refused) return fail(t('auth.refused', { detail: refused.message }), field);
  return accept(value);
}

function accept(value) {
  try {
    signIn(value);
  } catch (e) {
    return fail(t(e.message), panel.querySelector('#signin-token'));
  }
  return undefined;
}

/** Opens the sign-in panel and puts the keyboard in its first field. */
export async function open() {
  if (!panel || session()) return;
  if (!panel.hidden) {
    (panel.querySelector('#signin-role') ?? panel.querySelector('#signin-token'))?.focus();
    return;
  }
  panel.hidden = false;
  opener.setAttribute('aria-expanded', 'true');
  renderPanel();
  if (devAvailable === null) {
    panel.querySelector('[role="status"]')?.setAttribute('tabindex', '-1');
    panel.querySelector('[role="status"]')?.focus();
    devAvailable = await devTokensAvailable();
    if (panel.hidden) return;
    renderPanel();
  }
  (panel.querySelector('#signin-role') ?? panel.querySelector('#signin-token'))?.focus();
}

function close(returnFocus) {
  panel.hidden = true;
  opener.setAttribute('aria-expanded', 'false');
  panel.querySelector('#signin-body').innerHTML = '';
  if (returnFocus) opener.focus();
}

function onAuthChange(reason) {
  const hadFocus = box.contains(document.activeElement) || panel.contains(document.activeElement);
  if (reason === 'signed-in') close(false);
  render();
  const s = session();
  if (reason === 'signed-in' && s) {
    announce(t('auth.signedIn.announce', { sub: s.sub, role: roleLabel(s.role) }));
    closer.focus();
  } else {
    announce(t(reason === 'signed-out' ? 'auth.signedOut.announce' : 'auth.ended'));
    if (hadFocus || reason === 'signed-out') opener.focus();
  }
}

/** Wires the header's sign-in control (index.html: #auth, #auth-status, #signin-open, #signout, #signin-panel). */
export function mount() {
  box = document.getElementById('auth');
  panel = document.getElementById('signin-panel');
  opener = document.getElementById('signin-open');
  closer = document.getElementById('signout');
  status = document.getElementById('auth-status');
  announcer = document.getElementById('announcer');
  opener.addEventListener('click', () => (panel.hidden ? open() : close(true)));
  closer.addEventListener('click', () => signOut('signed-out'));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    }
  });
  // "sign in" buttons in the views' notes open the panel
  document.addEventListener('click', (e) => {
    if (e.target.closest('[data-action="sign-in"]')) {
      e.preventDefault();
      open();
    }
  });
  onChange(onAuthChange);
  render();
}
