// Calls that reach this user while the page is hidden or closed (README, "Calls in the background"):
//   - hidden: a ringing call shows a system notification through the service worker (/sw.js) with Accept and
//     Decline, and the tab's title flashes; the worker hands the answer back here (a 'call-answer' message);
//   - closed: after sign-in the page subscribes to Web Push and hands the subscription to the server, which pushes a
//     call to a user with no page open; the worker's Accept opens the page at /?call=ID&answer=accept, which signs
//     in with the sign-in left with the worker and answers when the caller's next ring arrives.
// Notification permission is asked after sign-in, with a short explanation, and only when the user says so.
import {state, subscribe} from './store.js';
import {displayName} from './names.js';
import {acceptCall, rejectCall} from './call.js';
import * as api from './api.js';

const WORKER = '/sw.js';
/**
 * How long a page opened from a notification waits for the worker to give back the sign-in: a worker of an older
 * version, still active until the browser swaps it, never answers.
 */
const RECALL_WAIT_MILLIS = 3000;
const FLASH_MILLIS = 1000;
/** How long an answer given in a notification waits for its call to ring here (the caller rings again every 5 s). */
const ANSWER_WAIT_MILLIS = 30000;

/** {sessionID, answer, until}: the answer to give the call of that session when it rings. */
let pendingAnswer = null;
/** The session ringing here at the last change, and the one whose notification this page showed. */
let rangLast = null;
let notified = null;
let flashTimer = null;
let pageTitle = document.title;

/**
 * The sign-in a page opened from a notification starts with: the one left with the worker (which alone keeps it, so
 * it is asked: 'recall-signin'), or null.
 */
export async function signInFromNotification() {
  if (!pendingAnswer || !('serviceWorker' in navigator)) { return null; }
  try {
    const registration = await navigator.serviceWorker.getRegistration();
    const worker = registration && registration.active;
    return worker ? await askWorker(worker, {type: 'recall-signin'}, RECALL_WAIT_MILLIS) : null;
  } catch (ignored) {
    return null;
  }
}

/** Posts the message to the worker with a port for its answer: resolves with the answer, or null after waitMillis. */
function askWorker(worker, message, waitMillis) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      resolve(null);
    }, waitMillis);
    channel.port1.onmessage = (ev) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(ev.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

export function backgroundView() {
  readAnswerFromUrl();
  if (!('serviceWorker' in navigator)) { return; } // an insecure origin (HTTP off localhost), or an old browser
  navigator.serviceWorker.addEventListener('message', (ev) => {
    const message = ev.data || {};
    if (message.type === 'call-answer') { answer(message.sessionID, message.answer); }
  });
  const banner = document.getElementById('notify-banner');
  document.getElementById('notify-allow').addEventListener('click', () => {
    banner.hidden = true;
    Notification.requestPermission().then((permission) => {
      if (permission === 'granted') { subscribeToPush(); }
    });
  });
  document.getElementById('notify-dismiss').addEventListener('click', () => { banner.hidden = true; });
  let signedIn = null;
  subscribe('me', (s) => {
    const token = s.me && s.me.token;
    if (token && !signedIn) {
      navigator.serviceWorker.register(WORKER).then(() => {
        banner.hidden = !('Notification' in window) || Notification.permission !== 'default';
        if (Notification.permission === 'granted') { subscribeToPush(); }
      }, (e) => console.warn('MeshCall: the service worker did not register; no notifications', e));
    } else if (!token) {
      banner.hidden = true;
    }
    signedIn = token ? s.me : null;
  });
  subscribe('call', onCallChange);
  document.addEventListener('visibilitychange', onCallChange);
}

/** /?call=ID&answer=accept|decline|show: the page was opened from a notification; the address is tidied. */
function readAnswerFromUrl() {
  const params = new URLSearchParams(location.search);
  const sessionID = params.get('call');
  if (!sessionID) { return; }
  pendingAnswer = {sessionID, answer: params.get('answer') || 'show', until: Date.now() + ANSWER_WAIT_MILLIS};
  history.replaceState(null, '', location.pathname);
}

/** Accept or Decline from a notification; an answer for a call that has not rung here yet waits for it. */
function answer(sessionID, given) {
  const call = state.call;
  if (call && call.incoming && call.phase === 'ringing' && call.session.ID === sessionID) {
    pendingAnswer = null;
    if (given === 'accept') { acceptCall(); } else if (given === 'decline') { rejectCall(); }
    return;
  }
  pendingAnswer = {sessionID, answer: given, until: Date.now() + ANSWER_WAIT_MILLIS};
}

/** While a call rings on a hidden page: the notification and the flashing title; otherwise neither. */
function onCallChange() {
  const call = state.call;
  const ringing = call !== null && call.incoming && call.phase === 'ringing';
  const rings = ringing ? call.session : null;
  if (rangLast && rangLast !== rings) {
    // answered, declined or over: its notification goes, also one a push showed (its cancel comes only when the
    // caller gives up on a closed page)
    toWorker({type: 'close-call', sessionID: rangLast.ID});
  }
  rangLast = rings;
  if (ringing && pendingAnswer && pendingAnswer.sessionID === call.session.ID) {
    const given = pendingAnswer;
    pendingAnswer = null;
    if (given.until > Date.now()) {
      queueMicrotask(() => answer(given.sessionID, given.answer)); // after the other views have drawn the ring
      return;
    }
  }
  const show = ringing && document.visibilityState === 'hidden' ? call.session : null;
  if (show === notified) { return; }
  if (notified) { stopNotifying(notified === rings); }
  if (show) { notify(show); }
}

function notify(session) {
  notified = session;
  const caller = displayName(session.initiatorID);
  toWorker({type: 'show-call', call: {type: 'call', sessionID: session.ID, callerID: session.initiatorID,
    callerName: caller, callType: session.callType}});
  pageTitle = document.title;
  let on = false;
  flashTimer = setInterval(() => {
    on = !on;
    document.title = on ? '📞 ' + caller + ' is calling' : pageTitle;
  }, FLASH_MILLIS);
}

/**
 * The flashing title stops; the notification goes too while its call still rings (the page came into sight): one that
 * stopped ringing was closed above, with any a push showed.
 */
function stopNotifying(stillRings) {
  if (stillRings) { toWorker({type: 'close-call', sessionID: notified.ID}); }
  clearInterval(flashTimer);
  flashTimer = null;
  document.title = pageTitle;
  notified = null;
}

function toWorker(message) {
  if (Notification.permission !== 'granted') { return; }
  navigator.serviceWorker.ready.then((registration) => registration.active.postMessage(message));
}

/**
 * Web Push, so that a call reaches this browser when the page is closed: the server's VAPID key, the browser's push
 * service (PushManager.subscribe), the subscription to the server, and the sign-in left with the worker (a page
 * opened from a notification signs in with it; signing out takes it away). Quietly nothing where there is no push
 * service (the server's 503 in XMPP mode, a browser that cannot reach its push service).
 */
async function subscribeToPush() {
  const me = state.me;
  try {
    const registration = await navigator.serviceWorker.ready;
    if (!registration.pushManager || !me) { return; }
    const {applicationServerKey} = await api.request('GET', '/api/push/key', undefined, me.token);
    const subscription = await registration.pushManager.getSubscription()
        || await registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey});
    if (state.me !== me) { return; }
    await api.request('POST', '/api/push/subscriptions', subscription.toJSON(), me.token);
    registration.active.postMessage({type: 'remember-signin', me});
  } catch (e) {
    console.info('MeshCall: calls will not reach this browser while the page is closed (' + (e.message || e) + ')');
  }
}

/** Signing out: the server forgets this browser's subscription and the worker the sign-in; resolves when done. */
export async function forgetBackgroundCalls(me) {
  try {
    if (!('serviceWorker' in navigator) || !await navigator.serviceWorker.getRegistration()) { return; }
    const registration = await navigator.serviceWorker.ready;
    registration.active.postMessage({type: 'forget-signin'});
    const subscription = registration.pushManager && await registration.pushManager.getSubscription();
    if (!subscription) { return; }
    await api.request('DELETE', '/api/push/subscriptions', {endpoint: subscription.endpoint}, me.token)
        .catch(() => null);
    await subscription.unsubscribe();
  } catch (e) {
    console.info('MeshCall: the push subscription stays until it expires (' + (e.message || e) + ')');
  }
}
