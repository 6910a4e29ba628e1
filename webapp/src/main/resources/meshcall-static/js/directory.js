// The people this user can call: accounts from the REST API, kept current by presence from the socket, and the
// ones ticked for a group call.
import {state, changed, MAX_CALLEES} from './store.js';
import {listUsers, usersById} from './api.js';
import {displayName} from './names.js';

/** How long the search box waits after the last key before it asks the server. */
export const SEARCH_AFTER_MILLIS = 300;
let searchTimer = null;

/**
 * Loads the first page of accounts (the server answers at most 100 at once: docs/protocol.md, "REST"); people met
 * later by presence or search are added as they come. Presence heard over the socket is newer than the REST answer.
 */
export async function loadUsers() {
  const page = await listUsers(state.me.token);
  merge(page.users);
  state.morePeople = page.next !== null;
  dropOffline();
  changed('people');
}

/**
 * Fetches just the people in {@code ids} the page does not know yet (heard coming online), or who went offline (a
 * call may still reach them by Web Push: {@code pushReachable}), and adds or updates them.
 */
export async function learnUsers(ids) {
  const unknown = Array.from(new Set(ids.map(String)))
    .filter((id) => !state.users.has(id) || !state.users.get(id).online);
  if (unknown.length === 0 || !state.me) { return; }
  merge(await usersById(state.me.token, unknown));
  dropOffline();
  changed('people');
}

/**
 * Asks the server for the people matching {@code text} and adds them; only while the first page did not hold
 * everyone (else the list in hand is filtered as it is).
 */
export async function searchUsers(text) {
  const q = text.trim();
  if (!q || !state.morePeople || !state.me) { return; }
  const page = await listUsers(state.me.token, {q});
  merge(page.users);
  changed('people');
}

/** Adds or updates accounts from a REST answer, keeping presence heard since as the newer word. */
function merge(list) {
  for (const u of list) {
    const old = state.users.get(String(u.id));
    state.users.set(String(u.id), {id: u.id, login: u.login, fullName: u.fullName,
      online: old && old.fromPresence ? old.online : !!u.online, fromPresence: !!(old && old.fromPresence),
      pushReachable: !!u.pushReachable});
  }
}

/** A user came online or went offline; false when the page does not know them yet (then fetch them by id). */
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
  const query = searchKey(state.search.trim());
  return Array.from(state.users.values())
    .filter((u) => String(u.id) !== String(state.me.id))
    .filter((u) => !query || searchKey(u.fullName || '').includes(query) || searchKey(u.login).includes(query))
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

/** Filters the list by {@code text} at once, and asks the server too when the list is not complete. */
export function setSearch(text) {
  state.search = text;
  changed('people');
  if (searchTimer !== null) { clearTimeout(searchTimer); }
  searchTimer = null;
  if (state.morePeople && text.trim()) {
    searchTimer = setTimeout(() => {
      searchTimer = null;
      searchUsers(text).catch((e) => console.error('MeshCall page: the people search failed', e));
    }, SEARCH_AFTER_MILLIS);
  }
}

/** The form the server compares searches in: NFKC, lower case, so "ＡＬＩＣＥ" finds alice here too. */
function searchKey(text) {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Whether a call reaches this person: they have a page open, or the server would push the call to their browser
 * (Web Push: their page is closed, and they allowed notifications there).
 */
export function reachable(u) {
  return !!(u && (u.online || u.pushReachable));
}

/** Only people a call reaches can be called. */
function dropOffline() {
  state.selected = state.selected.filter((id) => reachable(state.users.get(id)));
}
