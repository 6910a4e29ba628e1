// The page's frame: which view shows (sign-in or the people and the stage), who is signed in, and the call phase on
// <body data-call> (the layout goes full-screen on a phone while a call is up).
import {subscribe} from '../store.js';
import {initials, hue} from '../names.js';

/** idle, outgoing (placing a call), incoming (ringing here) or live. */
export function callPhase(call) {
  if (!call) { return 'idle'; }
  if (call.phase === 'ringing') { return 'incoming'; }
  return call.incoming || call.phase === 'live' ? 'live' : 'outgoing';
}

export function shellView() {
  const body = document.body;
  subscribe('me', (s) => {
    const signedIn = s.me !== null;
    body.dataset.view = signedIn ? 'signed-in' : 'signed-out';
    document.getElementById('auth-view').hidden = signedIn;
    document.getElementById('main-view').hidden = !signedIn;
    document.getElementById('me').hidden = !signedIn;
    const name = signedIn ? (s.me.fullName || s.me.login) : '';
    document.getElementById('me-name').textContent = name;
    for (const id of ['me-avatar', 'self-avatar']) {
      const avatar = document.getElementById(id);
      avatar.textContent = initials(name);
      avatar.style.setProperty('--hue', signedIn ? hue(s.me.id) : 220);
    }
  });
  subscribe('call', (s) => {
    body.dataset.call = callPhase(s.call);
  });
}
