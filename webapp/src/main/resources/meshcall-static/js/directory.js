// The people this user can call: accounts from the REST API, kept current by presence from the socket, and the
// ones ticked for a group call.
import {state, changed, MAX_CALLEES} from './store.js';
import {listUsers} from './api.js';
import {displayName} from './names.js';

/** Loads everyone's account; presence heard over the socket is newer than the REST snapshot. */
export async function loadUsers() {
  const list = await listUsers(state.me.token);
  const known = new Map();
  for (const u of list) {
    const old = state.users.get(String(u.id));
    known.set(String(u.id), {id: u.id, login: u.login, fullName: u.fullName,
      online: old && old.fromPresence ? old.online : !!u.online, fromPresence: !!(old && old.fromPresence)});
  }
  state.users = known;
  dropOffline();
  changed('people');
}

/** A user came online or went offline; false when the page does not know them yet (then reload the list). */
export function presence(userId, online) {
  const u = state.users.get(String(userId));
  if (!u) { return false; }
  u.online = !!online;
  u.fromPresence = true;
  dropOffline();
  changed('people');
  return true;
}

/** Everyone else, online first, then by name, matching the search box. */
export function visiblePeople() {
  const query = state.search.trim().toLowerCase();
  return Array.from(state.users.values())
    .filter((u) => String(u.id) !== String(state.me.id))
    .filter((u) => !query || (u.fullName || '').toLowerCase().includes(query) || u.login.toLowerCase().includes(query))
    .sort((a, b) => (b.online - a.online) || displayName(a.id).localeCompare(displayName(b.id)));
}

/** Whether anyone else has an account at all. */
export function anyoneElse() {
  return Array.from(state.users.keys()).some((id) => id !== String(state.me.id));
}

/** Ticks or unticks {@code userId} for a group call; a 4th person is refused with a note. Returns the new tick. */
export function setSelected(userId, ticked) {
  const id = String(userId);
  const at = state.selected.indexOf(id);
  let result = ticked;
  if (ticked && at < 0) {
    if (state.selected.length >= MAX_CALLEES) {
      state.refusal = 'A call holds up to 4 people: you and ' + MAX_CALLEES + ' others. Untick someone to add '
          + displayName(id) + '.';
      changed('people');
      return false;
    }
    state.selected.push(id);
  } else if (!ticked && at >= 0) {
    state.selected.splice(at, 1);
    result = false;
  }
  state.refusal = null;
  changed('people');
  return result;
}

export function setSearch(text) {
  state.search = text;
  changed('people');
}

/** Only people online can be called. */
function dropOffline() {
  state.selected = state.selected.filter((id) => {
    const u = state.users.get(id);
    return !!(u && u.online);
  });
}
