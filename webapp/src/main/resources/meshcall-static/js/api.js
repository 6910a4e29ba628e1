// The REST account calls of the MeshCall server (docs/protocol.md, "REST API"): sign up, log in, people, log out.
// Every failure is an Error with the server's message, and `status` (the HTTP status) and `code` (its error code).

/** One JSON request; resolves with the parsed body (or null), rejects with an Error naming the server's reason. */
export async function request(method, path, body, token) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  if (token) { headers.Authorization = 'Bearer ' + token; }
  const res = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await res.text();
  let data = null;
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

/** Everyone with an account: [{id, login, fullName, online}]. */
export async function listUsers(token) {
  const data = await request('GET', '/api/users', undefined, token);
  return (data && data.users) || [];
}

/** Revokes the token; a failure is harmless (the token expires anyway). */
export function logOut(token) {
  return request('POST', '/api/logout', undefined, token).catch(() => null);
}
