// Signing up, in and out, and signing in again after a reload with the token this tab kept (saved-signin.js).
import {state, changed, setStatus, showError} from './store.js';
import * as api from './api.js';
import {loadUsers} from './directory.js';
import {startSdk} from './sdk-bridge.js';
import {leaveAnyCall} from './call.js';
import {loadSavedSignIn, saveSignIn, forgetSignIn} from './saved-signin.js';
import {stopPreview} from './media/preview.js';
import {forgetCall} from './saved-call.js';
import {signInFromNotification, forgetBackgroundCalls} from './background.js';

/** Opens the socket for {@code me} and shows the signed-in page. */
async function connect(me) {
  state.me = me;
  startSdk();
  await MeshCall.chat.connect({userId: me.id, token: me.token});
  saveSignIn(me);
  changed('me');
  setStatus('idle', 'Signed in as ' + (me.fullName || me.login));
  await loadUsers();
}

/** Resolves true when signed in; otherwise the status line says why. */
export async function signIn(login, password) {
  setStatus('signing-in', 'Signing in…');
  try {
    const data = await api.logIn(login, password);
    await connect({id: data.user.id, login: data.user.login, fullName: data.user.fullName, token: data.token});
    return true;
  } catch (e) {
    if (e.status === 401) {
      setStatus('error', 'Wrong login or password');
    } else {
      showError('Could not sign in', e);
    }
    dropUnconnected();
    return false;
  }
}

export async function signUp(login, password, fullName) {
  setStatus('signing-up', 'Creating your account…');
  try {
    await api.signUp(login, password, fullName);
  } catch (e) {
    if (e.status === 409) {
      setStatus('error', 'The login "' + login + '" is taken');
    } else {
      showError('Could not create the account', e);
    }
    return false;
  }
  return signIn(login, password);
}

/**
 * After a reload: signs in again with the token this tab kept, if it is still good; a page opened from a call's
 * notification signs in with the one left with the service worker (background.js).
 */
export async function resumeSignIn() {
  const saved = loadSavedSignIn() || await signInFromNotification();
  if (!saved) { return false; }
  setStatus('signing-in', 'Signing in again as ' + (saved.fullName || saved.login) + '…');
  try {
    await connect(saved);
    return true;
  } catch (e) {
    forgetSignIn();
    dropUnconnected();
    setStatus('idle', 'Your sign-in has ended (' + (e.message || e) + ') — sign in again');
    return false;
  }
}

export function signOut() {
  leaveAnyCall();
  stopPreview();
  const me = state.me;
  const token = me && me.token;
  try { MeshCall.chat.disconnect(); } catch (ignored) { /* already closed */ }
  forgetSignIn();
  forgetCall();
  state.me = null;
  state.users = new Map();
  state.selected = [];
  state.refusal = null;
  state.search = '';
  state.morePeople = false;
  changed('me', 'people');
  setStatus('idle', 'Signed out');
  if (token) { forgetBackgroundCalls(me).finally(() => api.logOut(token)); }
}

function dropUnconnected() {
  let connected;
  try { connected = !!(MeshCall.chat && MeshCall.chat.isConnected); } catch (ignored) { connected = false; }
  if (!connected) {
    state.me = null;
    changed('me');
  }
}
