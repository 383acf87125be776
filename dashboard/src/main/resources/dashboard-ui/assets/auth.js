// Who is signed in: a bearer token (JWT) kept for this browser tab only (sessionStorage, gone when the tab closes),
// read — not verified: the gateway and the services verify it on every call — to show who is signed in and to
// forget it when it expires. Where the token comes from: the local run's dev issuer (POST /dev/token, local
// profile only) or a token pasted in; production would sign in through the identity provider (OIDC).
import { ApiError, postJson } from './api.js';

export const STORAGE_KEY = 'fundflow.token';
export const DEV_TOKEN_PATH = '/dev/token';
export const ROLES = ['FINANCE_BUREAU', 'AGENCY', 'SUPERVISOR'];

const listeners = new Set();
let expiryTimer = null;
let devProbe = null;

function base64url(part) {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * The claims of a JWT ({sub, role, region, org, exp, …}), or null if it is not one. No signature check: that is
 * the gateway's job; this only tells the page what to show.
 */
export function decode(token) {
  if (typeof token !== 'string') return null;
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const claims = JSON.parse(base64url(parts[1]));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? claims : null;
  } catch (e) {
    return null;
  }
}

export function expired(claims, now = Date.now()) {
  return typeof claims?.exp === 'number' && claims.exp * 1000 <= now;
}

function read() {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch (e) {
    return null; // storage disabled: nobody is signed in
  }
}

function notify(reason) {
  listeners.forEach((fn) => {
    try {
      fn(reason);
    } catch (e) {
      console.warn('sign-in listener failed', e);
    }
  });
}

function schedule(claims) {
  clearTimeout(expiryTimer);
  expiryTimer = null;
  if (typeof claims?.exp !== 'number') return;
  // setTimeout holds at most ~24.8 days; a token living longer is checked again on every call anyway
  const wait = Math.min(claims.exp * 1000 - Date.now(), 2 ** 31 - 1);
  expiryTimer = setTimeout(() => token(), Math.max(0, wait) + 50);
}

/** The signed-in user ({token, sub, role, region, org, exp}) or null; an expired token is forgotten here. */
export function session() {
  const value = read();
  if (!value) return null;
  const claims = decode(value);
  if (!claims || expired(claims)) {
    signOut('expired');
    return null;
  }
  return { token: value, sub: claims.sub ?? '', role: claims.role ?? '', region: claims.region ?? null,
    org: claims.org ?? null, exp: claims.exp ?? null };
}

/** The bearer token to send, or null (the provider api.js asks before every call). */
export function token() {
  return session()?.token ?? null;
}

/** listener(reason): 'signed-in' | 'signed-out' | 'expired' | 'ended'. Returns a function that removes it. */
export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Why a token cannot be used, as an i18n key, or null if it can. */
export function problemWith(value) {
  const claims = decode(value);
  if (!claims) return 'auth.invalid';
  if (expired(claims)) return 'auth.expired';
  return null;
}

/** Keeps the token (checked with problemWith first) and tells the page. */
export function signIn(value) {
  const claims = decode(value);
  if (!claims || expired(claims)) throw new Error(problemWith(value) ?? 'auth.invalid');
  sessionStorage.setItem(STORAGE_KEY, value.trim());
  schedule(claims);
  notify('signed-in');
}

/**
 * Forgets the token. reason: 'signed-out' (the user), 'expired' (its time ran out), 'ended' (the gateway refused
 * it). Does nothing, and tells nobody, when no one was signed in.
 */
export function signOut(reason = 'signed-out') {
  if (!read()) return;
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch (e) {
    // storage disabled: there was nothing kept
  }
  clearTimeout(expiryTimer);
  expiryTimer = null;
  notify(reason);
}

/** Starts the expiry timer for a token kept from earlier in this tab. */
export function resume() {
  const s = session();
  if (s) schedule(s);
}

/**
 * Whether this gateway issues dev tokens. Asked once per page: a POST without claims answers 400 (the endpoint is
 * there and wants claims) in the local run; elsewhere it does not exist (401 without a token, or 404).
 */
export function devTokensAvailable() {
  devProbe ??= postJson(DEV_TOKEN_PATH, {}).then(() => true, (e) => e instanceof ApiError && e.status === 400);
  return devProbe;
}

/** A token from the dev issuer for these claims; throws ApiError with the issuer's problem (e.g. 400 bad claims). */
export async function devToken({ subject, role, region, org }) {
  const body = { subject, role, ttlMinutes: 480 };
  if (region) body.region = region;
  if (org) body.org = org;
  const answer = await postJson(DEV_TOKEN_PATH, body);
  return answer.access_token;
}
