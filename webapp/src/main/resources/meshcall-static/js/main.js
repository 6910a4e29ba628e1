// The MeshCall calling page: wires the views to the store and starts the page. Built only on the SDK's documented
// JavaScript API (docs/js-api.md: the MeshCall global) and fetch for the REST account calls (api.js).
//
//   api.js, account.js, directory.js   the server's accounts and people
//   call.js, call-model.js              the call flow and what it means (sdk-bridge.js feeds it the SDK's events)
//   store.js                            the state, and who is told when it changes
//   views/                              what the page shows, each part re-drawn from the store
//   media/                              sounds, level meters, camera preview, quality, picture-in-picture
//   background.js, ../sw.js             calls while the page is hidden or closed: notifications, Web Push
import './probe.js';
import {setStatus} from './store.js';
import {resumeSignIn, signOut} from './account.js';
import {shellView} from './views/shell.js';
import {statusView} from './views/status.js';
import {authFormView} from './views/auth-form.js';
import {peopleView} from './views/people.js';
import {stageView} from './views/stage.js';
import {incomingView} from './views/incoming.js';
import {controlsView} from './views/controls.js';
import {rejoinView} from './views/rejoin.js';
import {settingsView} from './views/settings.js';
import {startSounds} from './media/sounds.js';
import {backgroundView} from './background.js';

statusView();
shellView();
authFormView();
peopleView();
stageView();
incomingView();
controlsView();
rejoinView();
settingsView();
startSounds();
backgroundView();
document.getElementById('signout-button').addEventListener('click', signOut);

// A page put in the back/forward cache must not stay "online" with a frozen socket: others would call a page nobody
// sees. It lets go of the server when hidden that way, and signs in afresh (saved-signin.js) when shown again.
window.addEventListener('pagehide', (ev) => {
  if (ev.persisted && typeof MeshCall !== 'undefined') {
    try { MeshCall.chat.disconnect(); } catch (ignored) { /* not connected */ }
  }
});
window.addEventListener('pageshow', (ev) => {
  if (ev.persisted) { location.reload(); }
});

if (typeof MeshCall === 'undefined') {
  setStatus('error', 'The calling SDK (meshcall.js) did not load');
} else {
  setStatus('idle', 'Sign in or create an account');
  resumeSignIn();
}
