// How people are named on the page.
import {state} from './store.js';

/** The full name of a user (their login when they gave none), or "user 7" for someone the page does not know. */
export function displayName(id) {
  const u = state.users.get(String(id));
  return u ? (u.fullName || u.login) : 'user ' + id;
}

/**
 * "@bob": the login, which is unique where full names are not (two people may both call themselves "Alice"), so it
 * is shown beside the name wherever a call is announced; '' for someone the page does not know.
 */
export function loginLabel(id) {
  const u = state.users.get(String(id));
  return u && u.login ? '@' + u.login : '';
}

/** "Alice Brown (@alice)": who is calling, beyond doubt. */
export function nameAndLogin(id) {
  const login = loginLabel(id);
  return displayName(id) + (login ? ' (' + login + ')' : '');
}

/** "Bob", "Bob and Carol", "Bob, Carol and Dave". */
export function names(ids) {
  const list = ids.map(displayName);
  return list.length < 2 ? list.join('') : list.slice(0, -1).join(', ') + ' and ' + list[list.length - 1];
}

/** "AB" for "Alice Brown": what an avatar shows. */
export function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}

/** A stable hue for someone's avatar, from their id, so each person keeps one colour. */
export function hue(id) {
  let h = 0;
  for (const c of String(id)) { h = h * 31 + c.charCodeAt(0); }
  return Math.round((h * 137.508) % 360); // the golden angle: neighbouring ids get far-apart colours
}
