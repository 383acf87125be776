// Every call to the fundflow APIs goes through here (same origin: the gateway). When sign-in arrives, the bearer
// token is attached in one place: setTokenProvider(() => token). Downloads are plain links today; with tokens they
// will need a cookie or a fetch-and-save, which downloadUrl() is the place for.

let tokenProvider = null;

export function setTokenProvider(provider) {
  tokenProvider = provider;
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

export function downloadUrl(path, params = {}) {
  return url(path, params);
}

function headers() {
  const h = { Accept: 'application/json' };
  const token = tokenProvider?.();
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

export async function getJson(path, params = {}) {
  const target = url(path, params);
  let response;
  try {
    response = await fetch(target, { headers: headers(), credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { detail: e.message }, target);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (e) {
      // not problem+json (e.g. a proxy's page): the status says enough
    }
    throw new ApiError(response.status, problem, target);
  }
  return response.json();
}
