// The console's REST API, as the page uses it. Writes carry the CSRF token the server set at sign-in.
// Paths are relative: behind the Istio gateway the console lives under /console/.

const CSRF_COOKIE = 'mesh-console-csrf';

function csrfToken() {
  const entry = document.cookie.split('; ').find((c) => c.startsWith(CSRF_COOKIE + '='));
  return entry ? decodeURIComponent(entry.substring(CSRF_COOKIE.length + 1)) : '';
}

/** Thrown for any non-2xx answer; `message` is the server's own sentence. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function request(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  // Every write carries the token, with a body or without (DELETE).
  if (method !== 'GET') init.headers['X-CSRF-TOKEN'] = csrfToken();
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const fallback = response.status === 401 ? 'Sign in first.' : `HTTP ${response.status}`;
    throw new ApiError(response.status, (json && json.message) || fallback);
  }
  return json;
}

/**
 * A number field's value as typed: a number when it reads as one, otherwise the text itself (null when empty), so
 * the server's validation, not the page's, is the one rule everyone sees.
 */
export function asTyped(text) {
  const raw = text.trim();
  if (raw === '') return null;
  return Number.isNaN(Number(raw)) ? raw : Number(raw);
}

const routePath = (vs) => `api/routes/${encodeURIComponent(vs.namespace)}/${encodeURIComponent(vs.name)}`;

export const api = {
  session: () => request('GET', 'api/session'),
  signIn: (username, password) => request('POST', 'login', { username, password }),
  signOut: () => request('POST', 'logout', {}),
  routes: () => request('GET', 'api/routes'),
  shift: (vs, route, weights) => request('PUT', routePath(vs), { route, weights, resourceVersion: vs.resourceVersion }),
  setHeaderCanary: (vs, route, header, value, subset) => request('PUT', routePath(vs) + '/header-canary',
    { route, header, value, subset, resourceVersion: vs.resourceVersion }),
  removeHeaderCanary: (vs, route, header) => request('DELETE', routePath(vs) + '/header-canary',
    { route, header, resourceVersion: vs.resourceVersion }),
  history: (vs) => request('GET', routePath(vs) + '/history'),
  health: (vs, window) => request('GET', `${routePath(vs)}/health?window=${encodeURIComponent(window)}`),
  revert: (vs) => request('POST', routePath(vs) + '/revert', { resourceVersion: vs.resourceVersion }),
  loadStatus: () => request('GET', 'api/load'),
  startLoad: (rate, durationSeconds) => request('POST', 'api/load', { rate, durationSeconds }),
  stopLoad: () => request('DELETE', 'api/load'),
  xdsClients: () => request('GET', 'api/xds/clients'),
  notifications: () => request('GET', 'api/notifications'),
  rollout: (vs) => request('GET', routePath(vs) + '/rollout'),
  startRollout: (vs, plan) => request('POST', routePath(vs) + '/rollout', plan),
  rolloutAction: (vs, action) => request('POST', routePath(vs) + '/rollout/' + action),
};
