// Every call to the fundflow APIs goes through here (same origin: the gateway), so the signed-in user's bearer token
// is attached in one place (setTokenProvider). Public reads work without it; the rest answer 401 (sign in) or 403
// (outside the caller's scope), which the views show as such. A token the gateway refuses (expired, revoked key) is
// dropped at once (setUnauthorizedHandler) and the call is made again as an anonymous visitor, so public views keep
// working. Downloads of endpoints that need the token are fetched with it and saved from a blob (download()); public
// downloads stay plain links (downloadUrl()).

let tokenProvider = null;
let unauthorizedHandler = null;

/** provider() → the current bearer token, or null when signed out (or the token has expired). */
export function setTokenProvider(provider) {
  tokenProvider = provider;
}

/** handler(problem) is called when the gateway refused the token that was sent (401): the sign-in has ended. */
export function setUnauthorizedHandler(handler) {
  unauthorizedHandler = handler;
}

/** Whether calls are made with a token (views skip calls that cannot succeed without one). */
export function signedIn() {
  return Boolean(tokenProvider?.());
}

export class ApiError extends Error {
  constructor(status, problem, url) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.url = url;
  }

  /** The endpoint is not there (yet) or its service cannot be reached: show "not available", not a failure. */
  get notAvailable() {
    return this.status === 0 || this.status === 404 || this.status === 405 || this.status === 501
      || this.status === 502 || this.status === 503 || this.status === 504;
  }

  /** Needs a signed-in user (no token, or one the gateway refused). */
  get signInNeeded() {
    return this.status === 401;
  }

  /** The signed-in user's role or scope does not reach this. */
  get outOfScope() {
    return this.status === 403;
  }
}

/** path with the non-empty params as a query string. */
export function url(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** A plain link for a public download (anyone may GET it, so no token is needed). */
export function downloadUrl(path, params = {}) {
  return url(path, params);
}

/** Waits before retrying a 429: the gateway's Retry-After, within reason. */
const MAX_RETRY_WAIT_MS = 5000;

function retryAfter(response) {
  const seconds = Number(response.headers.get('Retry-After'));
  return Math.min(MAX_RETRY_WAIT_MS, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000);
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch (e) {
    return null; // not problem+json (e.g. a proxy's page): the status says enough
  }
}

/**
 * fetch with the token (if any). A 401 to a request that carried a token ends the sign-in and is retried once
 * without it; a 429 is retried once after the gateway's Retry-After.
 */
async function send(target, accept, { token = tokenProvider?.(), retried = false, init = {} } = {}) {
  const headers = { Accept: accept, ...(init.headers ?? {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(target, { ...init, headers, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { detail: e.message }, target);
  }
  if (response.status === 401 && token) {
    const problem = await problemOf(response);
    unauthorizedHandler?.(problem);
    return send(target, accept, { token: null, retried, init });
  }
  if (response.status === 429 && !retried) {
    await new Promise((resolve) => { setTimeout(resolve, retryAfter(response)); });
    return send(target, accept, { token: tokenProvider?.(), retried: true, init });
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response), target);
  }
  return response;
}

export async function getJson(path, params = {}) {
  const response = await send(url(path, params), 'application/json');
  return response.json();
}

/**
 * Fetches a download that needs the token and hands it to the browser as a file (a plain link would be sent
 * without the Authorization header). Throws ApiError like getJson (401: sign in, 403: out of scope).
 */
export async function download(path, params = {}, filename = 'download') {
  const response = await send(url(path, params), '*/*');
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // the browser has taken the file once the click is handled; the object URL can go a moment later
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Asks whether the gateway accepts this token, before it is kept: any public read sent with a bearer token is
 * checked by the gateway (a refused token is a 401 even there). Returns null if accepted, else the problem.
 */
export async function checkToken(token) {
  let response;
  try {
    response = await fetch('/api/regions/000000', { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
      credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    return new ApiError(0, { detail: e.message }, '/api/regions/000000');
  }
  if (response.status === 401) return new ApiError(401, await problemOf(response), '/api/regions/000000');
  return null; // anything else (even a 5xx of the region directory) says nothing against the token
}

/**
 * POST JSON without a token (the local run's dev token endpoint): the answer's JSON, or ApiError with the problem.
 */
export async function postJson(path, body) {
  const target = url(path);
  let response;
  try {
    response = await fetch(target, { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { detail: e.message }, target);
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response), target);
  return response.json();
}
