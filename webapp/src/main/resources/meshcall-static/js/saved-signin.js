// Staying signed in across a reload. The token and who it belongs to are kept in sessionStorage: it survives a
// reload of the tab, but not closing it, and every tab is its own device with its own token (two tabs can be in
// different calls). localStorage would sign in every new tab as the same device and keep the token on disk after the
// browser closes, which a shared computer should not. The token is bearer-only and expires on the server anyway.
const KEY = 'meshcall.signin';

/** {id, login, fullName, token} saved by the last sign-in in this tab, or null. */
export function loadSavedSignIn() {
  try {
    const me = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    return me && me.token && me.id !== undefined ? me : null;
  } catch (ignored) {
    return null;
  }
}

export function saveSignIn(me) {
  try { sessionStorage.setItem(KEY, JSON.stringify(me)); } catch (ignored) { /* storage off: sign in each time */ }
}

export function forgetSignIn() {
  try { sessionStorage.removeItem(KEY); } catch (ignored) { /* nothing kept */ }
}
