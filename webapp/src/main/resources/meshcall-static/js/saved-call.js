// Rejoining a call after a reload. The SDK hangs up when its page goes away (others see "Bob left"), so a reloaded
// page cannot pick its old session up again; instead it remembers the call in sessionStorage ({id, callType,
// peers, at}) and offers to call the same people again with the extension {rejoin: <old session id>}. A page still
// in that call (a group call goes on without the one who reloaded), or whose 1:1 call with them ended moments ago,
// takes such a call as the same call continuing: it answers by itself and drops the old session (call.js).
const KEY = 'meshcall.call';
/** How long after the reload a call is worth rejoining: longer, and the others have moved on. */
export const REJOIN_WITHIN_MILLIS = 2 * 60 * 1000;

/** Saves the live call: its id, type and the participants still in it. */
export function saveCall(session, peerIds) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({id: session.ID, callType: session.callType, peers: peerIds,
      at: Date.now()}));
  } catch (ignored) { /* storage off: no rejoin */ }
}

export function forgetCall() {
  try { sessionStorage.removeItem(KEY); } catch (ignored) { /* nothing kept */ }
}

/** The call this tab was in when it reloaded, if recent enough to rejoin; else null. */
export function loadSavedCall() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (saved && saved.peers && saved.peers.length > 0 && Date.now() - saved.at < REJOIN_WITHIN_MILLIS) {
      return saved;
    }
  } catch (ignored) { /* unreadable: nothing to rejoin */ }
  forgetCall();
  return null;
}
