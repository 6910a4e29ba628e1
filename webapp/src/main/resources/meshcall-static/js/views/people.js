// The people list: search, online state, a video and an audio call button per person, and ticks for a group call.
import {state, subscribe, MAX_CALLEES} from '../store.js';
import {names, initials, hue} from '../names.js';
import {visiblePeople, anyoneElse, setSelected, setSearch, reachable} from '../directory.js';
import {startCall, callSelected} from '../call.js';
import {icon} from './icons.js';

export function peopleView() {
  const list = document.getElementById('user-list');
  const search = document.getElementById('people-search');
  search.addEventListener('input', () => setSearch(search.value));
  document.getElementById('call-selected-video').addEventListener('click', () => callSelected('VIDEO'));
  document.getElementById('call-selected-audio').addEventListener('click', () => callSelected('AUDIO'));

  const render = () => {
    if (state.me === null) {
      list.textContent = '';
      search.value = '';
      return;
    }
    const people = visiblePeople();
    const busy = state.call !== null;
    // keep focus on the same control across the re-draw (presence changes arrive while someone tabs through)
    const focused = document.activeElement && list.contains(document.activeElement)
      ? document.activeElement.dataset.testid : null;
    list.textContent = '';
    for (const u of people) { list.append(row(u, busy)); }
    if (focused) {
      const again = list.querySelector('[data-testid="' + focused + '"]');
      if (again) { again.focus(); }
    }
    const someone = anyoneElse();
    document.getElementById('user-list-empty').hidden = someone;
    document.getElementById('user-list-nomatch').hidden = !someone || people.length > 0;
    document.getElementById('user-list-more').hidden = !state.morePeople || state.search.trim() !== '';
    renderSelection(busy);
  };
  subscribe('people', render);
  subscribe('call', render);
  subscribe('me', render);
}

function row(u, busy) {
  const name = u.fullName || u.login;
  const li = document.createElement('li');
  li.className = 'user' + (u.online ? ' online' : '');
  li.dataset.testid = 'user-row-' + u.id;

  const pick = document.createElement('input');
  pick.type = 'checkbox';
  pick.className = 'pick';
  pick.dataset.testid = 'select-' + u.id;
  pick.checked = state.selected.includes(String(u.id));
  pick.disabled = busy || !reachable(u);
  pick.setAttribute('aria-label', 'Choose ' + name + ' for a group call');
  pick.addEventListener('change', () => { pick.checked = setSelected(u.id, pick.checked); });

  const avatar = document.createElement('span');
  avatar.className = 'avatar avatar-small';
  avatar.setAttribute('aria-hidden', 'true');
  avatar.textContent = initials(name);
  avatar.style.setProperty('--hue', hue(u.id));

  const who = document.createElement('div');
  who.className = 'who';
  const nameEl = document.createElement('span');
  nameEl.className = 'name';
  nameEl.dataset.testid = 'user-name-' + u.id;
  nameEl.textContent = name;
  const presence = document.createElement('span');
  presence.className = 'presence';
  presence.dataset.testid = 'user-online-' + u.id;
  presence.dataset.online = String(!!u.online);
  presence.textContent = u.online ? 'online' : u.pushReachable ? 'offline, gets a notification' : 'offline';
  const login = document.createElement('span');
  login.className = 'login';
  login.dataset.testid = 'user-login-' + u.id;
  login.textContent = '@' + u.login;
  who.append(nameEl, login, presence);

  const video = callButton('video', 'Video call', 'Video call ' + name, 'video-call-' + u.id,
    () => startCall([u.id], 'VIDEO'));
  const audio = callButton('phone', 'Audio call', 'Audio call ' + name, 'audio-call-' + u.id,
    () => startCall([u.id], 'AUDIO'));
  video.disabled = audio.disabled = busy || !reachable(u);

  const actions = document.createElement('div');
  actions.className = 'row-actions';
  actions.append(video, audio);
  li.append(pick, avatar, who, actions);
  return li;
}

function callButton(iconName, text, label, testid, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'btn btn-small btn-icon';
  b.dataset.testid = testid;
  b.setAttribute('aria-label', label);
  b.title = label;
  const words = document.createElement('span');
  words.className = 'label';
  words.textContent = text;
  b.append(icon(iconName), words);
  b.addEventListener('click', onClick);
  return b;
}

function renderSelection(busy) {
  const note = document.getElementById('selection-note');
  if (state.refusal) {
    note.dataset.state = 'refused';
    note.textContent = state.refusal;
  } else if (state.selected.length > 0) {
    note.dataset.state = 'chosen';
    note.textContent = 'Chosen: ' + names(state.selected);
  } else {
    note.dataset.state = 'empty';
    note.textContent = 'Tick up to ' + MAX_CALLEES + ' people to call them together.';
  }
  const off = state.selected.length === 0 || busy;
  const count = state.selected.length > 0 ? ' (' + state.selected.length + ')' : '';
  for (const [id, words] of [['call-selected-video', 'Video call selected'], ['call-selected-audio',
    'Audio call selected']]) {
    const b = document.getElementById(id);
    b.disabled = off;
    b.textContent = words + count;
  }
}
