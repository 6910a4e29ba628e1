// The REST account calls of the MeshCall server (docs/protocol.md, "REST API"): sign up, log in, people, log out.
// Every failure is an Error with the server's message, and `status` (the HTTP status) and `code` (its error code).

/** One JSON request; resolves with the parsed body (or null), rejects with an Error naming the server's reason. */
export async function request(method, path, body, token) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  if (token) { headers.Authorization = 'Bearer ' + token; }
  const res = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await res.text();
  let data;
  try { data = text ? JSON.parse(text) : null; } catch (ignored) { data = null; }
  if (!res.ok) {
    const err = new Error((data && data.message) || ('HTTP ' + res.status));
    err.status = res.status;
    err.code = data && data.error;
    throw err;
  }
  return data;
}

/** Creates an account; 409 when the login is taken. */
export function signUp(login, password, fullName) {
  return request('POST', '/api/users', {login, password, fullName});
}

/** Resolves with {token, user: {id, login, fullName}}; 401 for a wrong login or password. */
export function logIn(login, password) {
  return request('POST', '/api/login', {login, password});
}

/**
 * One page of the people with an account, in id order: {users: [{id, login, fullName, online}], next}, where `next`
 * is null on the last page, else what to pass as `after` for the next one. `q` searches logins and full names.
 */
export async function listUsers(token, {q, after, limit} = {}) {
  const params = new URLSearchParams();
  if (q) { params.set('q', q); }
  if (after) { params.set('after', String(after)); }
  if (limit) { params.set('limit', String(limit)); }
  const query = params.toString();
  const data = await request('GET', '/api/users' + (query ? '?' + query : ''), undefined, token);
  return {users: (data && data.users) || [], next: data && data.next != null ? data.next : null};
}

/** The server answers at most this many users at once, and by default (its --max-users-per-page, 100 by default). */
export const USERS_PER_REQUEST = 100;

/** Just these users (ids), those that exist: [{id, login, fullName, online}]. */
export async function usersById(token, ids) {
  const found = [];
  for (let i = 0; i < ids.length; i += USERS_PER_REQUEST) {
    const chunk = ids.slice(i, i + USERS_PER_REQUEST);
    const data = await request('GET', '/api/users?id=' + chunk.join(','), undefined, token);
    found.push(...((data && data.users) || []));
  }
  return found;
}

/** Revokes the token; a failure is harmless (the token expires anyway). */
export function logOut(token) {
  return request('POST', '/api/logout', undefined, token).catch(() => null);
}
