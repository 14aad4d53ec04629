// The API as the staff pages call it: same origin, the session cookie, the session's CSRF token on every change.

/** An answer other than 2xx: the API's JSON error, with the HTTP status. */
export class ApiError extends Error {
  constructor(status, error, detail) {
    super(detail || error || `HTTP ${status}`);
    this.status = status;
    this.error = error;
  }
}

let csrfToken = null;

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'offline', 'the center cannot be reached; check the connection');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  const json = text ? safeParse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/v1/session') location.assign('/');
    throw new ApiError(response.status, json && json.error, json && json.detail);
  }
  return json;
}

function safeParse(text) {
  try { return JSON.parse(text); } catch (e) { return null; }
}

export const api = {
  get: (path) => call('GET', path),
  /** A GET whose answer is text (CSV); an error answer is thrown as for the others. */
  text: async (path) => {
    let response;
    try {
      response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'text/csv, application/json' } });
    } catch (e) {
      throw new ApiError(0, 'offline', 'the center cannot be reached; check the connection');
    }
    const text = await response.text();
    if (!response.ok) {
      const json = safeParse(text);
      if (response.status === 401) location.assign('/');
      throw new ApiError(response.status, json && json.error, json && json.detail);
    }
    return text;
  },
  post: (path, body = {}) => call('POST', path, body),
  put: (path, body = {}) => call('PUT', path, body),
  del: (path) => call('DELETE', path),
};

/**
 * The signed-in session, or a redirect to the sign-in page (or the role's own page); while the browser leaves, the page
 * waits for nothing more. A page the browser kept and shows again (Back after signing out) asks again.
 */
export async function requireSession(roles) {
  window.addEventListener('pageshow', (e) => { if (e.persisted) location.reload(); });
  let session;
  try {
    session = await call('GET', '/api/v1/session');
  } catch (e) {
    location.assign('/');
    return new Promise(() => {}); // leaving: the page does not go on without a session
  }
  csrfToken = session.csrfToken;
  if (roles && !roles.includes(session.role)) {
    location.assign(homeOf(session.role));
    return new Promise(() => {});
  }
  return session;
}

/** Where a role works: agents at the desk, administrators at the console, planners at planning, supervisors at the wallboard. */
export function homeOf(role) {
  return { agent: '/desk', admin: '/admin', planner: '/planning' }[role] || '/wallboard';
}

export async function signOut() {
  try { await call('DELETE', '/api/v1/session'); } finally { location.assign('/'); }
}

export function setCsrfToken(token) {
  csrfToken = token;
}
