// The page's state, in one place, and who is told when a part of it changes. Views read the state and re-render
// their part when told; only the call flow (call.js), sign-in (account.js) and the people loader write it.
//
// Topics: 'me' (signed in or out), 'people' (accounts, presence, search, selection), 'call' (the current call and
// its participants), 'media' (own mic and camera state), 'status' (the status line).

export const MAX_CALLEES = 3; // a call holds up to 4 people: you and 3 others

/** Own media when no call is up: nothing muted, shared or recorded. */
export function noMedia() {
  return {audioMuted: false, videoMuted: false, sharing: false, recording: false};
}

export const state = {
  /** {id, login, fullName, token} while signed in, else null. */
  me: null,
  /** String(id) -> {id, login, fullName, online, fromPresence}. */
  users: new Map(),
  /** Whether the server holds more accounts than the page loaded (then the search box asks the server too). */
  morePeople: false,
  /** What the people list is filtered by. */
  search: '',
  /** String ids ticked for a group call, in the order they were ticked. */
  selected: [],
  /** The note shown after a 4th person was ticked, until the selection changes. */
  refusal: null,
  /** The current call (see call-model.js newCall), or null. */
  call: null,
  /** Own media in the call: {audioMuted, videoMuted, sharing (the screen instead of the camera), recording}. */
  media: noMedia(),
  /** Whether the camera preview shows while idle. */
  preview: false,
  /** The status line: {state, text}. */
  status: {state: 'idle', text: ''},
};

const listeners = new Map();

/** Calls {@code fn(state)} whenever {@code topic} changes; returns a function that stops it. */
export function subscribe(topic, fn) {
  if (!listeners.has(topic)) { listeners.set(topic, new Set()); }
  listeners.get(topic).add(fn);
  return () => listeners.get(topic).delete(fn);
}

/** Tells everyone listening to {@code topics}. A listener that throws is logged and does not stop the others. */
export function changed(...topics) {
  for (const topic of topics) {
    for (const fn of Array.from(listeners.get(topic) || [])) {
      try {
        fn(state);
      } catch (e) {
        console.error('MeshCall page: a view failed to render "' + topic + '"', e);
      }
    }
  }
}

/** Sets the status line. */
export function setStatus(statusState, text) {
  state.status = {state: statusState, text};
  changed('status');
}

/** "Error name: message" of anything thrown. */
export function errorText(e) {
  if (!e) { return 'unknown error'; }
  const name = e.name && e.name !== 'Error' ? e.name + ': ' : '';
  return name + (e.message || String(e));
}

export function showError(prefix, e) {
  setStatus('error', prefix + ' — ' + errorText(e));
}
