// The calling page's service worker (README, "Calls in the background"). It shows the notification of a call that
// rings while the page is hidden (the page asks it to: js/background.js) or closed (a Web Push message from the
// server: docs/protocol.md, "Web Push"), with Accept and Decline; and it carries the user's answer to the page, or
// opens the page to answer there. A classic worker script, so that every browser that has service workers runs it.
// https://w3c.github.io/ServiceWorker/ · https://notifications.spec.whatwg.org/ · https://w3c.github.io/push-api/
'use strict';

/**
 * Where the sign-in a closed page needs is kept (Cache Storage: a key here, never fetched from the network): the
 * page's sign-in as JSON ({id, login, fullName, token}). Only this worker reads or writes it; the page hands it
 * over, asks for it and takes it away by message ('remember-signin', 'recall-signin', 'forget-signin').
 */
const SIGNIN_CACHE = 'meshcall-signin';
const SIGNIN_KEY = '/meshcall-signin';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (ev) => ev.waitUntil(self.clients.claim()));

// A push from the server: {type: 'call', sessionID, callerID, callerName, callType, expires} while a call rings for
// this user with no page open, {type: 'cancel', sessionID} when the caller gave up.
self.addEventListener('push', (ev) => {
  let message;
  try { message = ev.data ? ev.data.json() : null; } catch (e) { message = null; }
  if (!message || typeof message.sessionID !== 'string') { return; }
  if (message.type === 'cancel') {
    ev.waitUntil(closeCallNotifications(message.sessionID));
  } else if (message.type === 'call' && !(message.expires < Date.now())) {
    ev.waitUntil(showCall(message));
  }
});

// The page: {type: 'show-call', call} to show a ringing call's notification, {type: 'close-call', sessionID} when it
// stopped ringing, {type: 'remember-signin', me} / {type: 'forget-signin'} for the closed page's sign-in, and
// {type: 'recall-signin'} with a MessagePort, which gets that sign-in back (or null): a page opened from a
// notification signs in with it.
self.addEventListener('message', (ev) => {
  const message = ev.data || {};
  if (message.type === 'show-call' && message.call) {
    ev.waitUntil(showCall(message.call));
  } else if (message.type === 'close-call') {
    ev.waitUntil(closeCallNotifications(message.sessionID));
  } else if (message.type === 'remember-signin' && message.me) {
    ev.waitUntil(caches.open(SIGNIN_CACHE).then((cache) => cache.put(SIGNIN_KEY,
        new Response(JSON.stringify(message.me), {headers: {'Content-Type': 'application/json'}}))));
  } else if (message.type === 'forget-signin') {
    ev.waitUntil(caches.delete(SIGNIN_CACHE));
  } else if (message.type === 'recall-signin' && ev.ports[0]) {
    const reply = ev.ports[0];
    ev.waitUntil(keptSignIn().catch(() => null).then((me) => reply.postMessage(me)));
  }
});

/** The notification of a ringing call: who calls, audio or video, Accept and Decline; one per session (its tag). */
function showCall(call) {
  const kind = call.callType === 2 ? 'Audio' : 'Video';
  return self.registration.showNotification((call.callerName || 'Someone') + ' is calling', {
    body: kind + ' call on MeshCall',
    tag: 'call-' + call.sessionID,
    renotify: true,
    requireInteraction: true,
    icon: '/favicon.svg',
    data: call,
    actions: [{action: 'accept', title: 'Accept'}, {action: 'decline', title: 'Decline'}],
  });
}

async function closeCallNotifications(sessionID) {
  const shown = await self.registration.getNotifications({tag: 'call-' + sessionID});
  shown.forEach((n) => n.close());
}

// Accept or Decline, or a click on the notification itself (then the page shows the call, ringing).
self.addEventListener('notificationclick', (ev) => {
  const call = ev.notification.data || {};
  ev.notification.close();
  if (typeof call.sessionID !== 'string') { return; }
  const answer = ev.action === 'accept' || ev.action === 'decline' ? ev.action : 'show';
  ev.waitUntil(deliverAnswer(call, answer));
});

/**
 * The most recently focused page of this origin answers (each tab is its own device, so only one may); without a
 * page, Accept opens one that signs in and answers when the caller's next ring arrives, and Decline is sent from here.
 */
async function deliverAnswer(call, answer) {
  const pages = await self.clients.matchAll({type: 'window', includeUncontrolled: true});
  const page = pages[0];
  if (page) {
    page.postMessage({type: 'call-answer', sessionID: call.sessionID, answer});
    if (answer !== 'decline' && 'focus' in page) {
      await page.focus().catch(() => null); // focus needs the click's user activation
    }
    return;
  }
  if (answer === 'decline') {
    await declineFromHere(call);
    return;
  }
  await self.clients.openWindow('/?call=' + encodeURIComponent(call.sessionID) + '&answer=' + answer);
}

/** The sign-in the page left here ('remember-signin'), or null. */
async function keptSignIn() {
  const kept = await caches.open(SIGNIN_CACHE).then((cache) => cache.match(SIGNIN_KEY));
  return kept ? kept.json() : null;
}

/** POST /api/calls/reject (the seed's callRejectRequest) with the sign-in the page left here. */
async function declineFromHere(call) {
  const me = await keptSignIn();
  if (!me || !me.token) { return; }
  const res = await fetch('/api/calls/reject', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + me.token},
    body: JSON.stringify({sessionID: call.sessionID, recipientId: call.callerID, platform: 'web'}),
  });
  if (!res.ok) { console.warn('MeshCall: declining the call failed with HTTP ' + res.status); }
}
