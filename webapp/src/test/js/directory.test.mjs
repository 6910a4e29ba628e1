// The people list in pages (js/directory.js, js/api.js): the first page on sign-in, the search box asking the
// server when the page does not hold everyone, and people heard coming online fetched by id, not the whole list.
import {test, beforeEach} from 'node:test';
import assert from 'node:assert/strict';
import {state} from '../../main/resources/meshcall-static/js/store.js';
import {loadUsers, learnUsers, searchUsers, presence, visiblePeople, setSearch}
  from '../../main/resources/meshcall-static/js/directory.js';

/** The requests made, and the answers given by path. */
let requests = [];
let answers = {};

globalThis.fetch = async (path, options) => {
  requests.push({path, authorization: options.headers.Authorization});
  const body = answers[path];
  if (!body) { return {ok: false, status: 404, text: async () => '{"error":"not_found","message":"no ' + path + '"}'}; }
  return {ok: true, status: 200, text: async () => JSON.stringify(body)};
};

const user = (id, login, fullName, online = false) => ({id, login, fullName, online});

beforeEach(() => {
  requests = [];
  answers = {};
  state.me = {id: 1, login: 'me', fullName: 'Me', token: 'T'};
  state.users = new Map();
  state.morePeople = false;
  state.search = '';
  state.selected = [];
});

test('sign-in loads the first page, and a page with next means more people are out there', async () => {
  answers['/api/users'] = {users: [user(1, 'me', 'Me'), user(2, 'bob', 'Bob', true)], next: 2};
  await loadUsers();
  assert.deepEqual(requests, [{path: '/api/users', authorization: 'Bearer T'}]);
  assert.equal(state.morePeople, true);
  assert.deepEqual(visiblePeople().map((u) => u.login), ['bob']);

  answers['/api/users'] = {users: [user(1, 'me', 'Me')], next: null};
  await loadUsers();
  assert.equal(state.morePeople, false);
  assert.ok(state.users.has('2'), 'people learned before stay known');
});

test('an answer without next (an older server) is the whole list', async () => {
  answers['/api/users'] = {users: [user(2, 'bob', 'Bob')]};
  await loadUsers();
  assert.equal(state.morePeople, false);
});

test('people heard coming online are fetched by id, only those the page does not know', async () => {
  state.users.set('2', {id: 2, login: 'bob', fullName: 'Bob', online: true});
  assert.equal(presence(7, true), false, 'unknown to the page');
  answers['/api/users?id=7,9'] = {users: [user(7, 'carol', 'Carol', true)], next: null};
  await learnUsers([7, 2, 9, 7]);
  assert.deepEqual(requests.map((r) => r.path), ['/api/users?id=7,9']);
  assert.equal(state.users.get('7').online, true);

  requests = [];
  await learnUsers([2, 7]);
  assert.deepEqual(requests, [], 'nothing to fetch');
});

test('people who went offline are asked again: a call may still reach them by Web Push', async () => {
  state.users.set('2', {id: 2, login: 'bob', fullName: 'Bob', online: true});
  assert.equal(presence(2, false), true, 'known');
  answers['/api/users?id=2'] = {users: [{...user(2, 'bob', 'Bob', true), pushReachable: true}], next: null};
  await learnUsers([2]);
  assert.deepEqual(requests.map((r) => r.path), ['/api/users?id=2']);
  assert.equal(state.users.get('2').online, false, 'the presence heard is newer than the answer');
  assert.equal(state.users.get('2').pushReachable, true);
});

test('more than 100 unknown people are fetched 100 ids at a time', async () => {
  const ids = Array.from({length: 150}, (_, i) => i + 10);
  answers['/api/users?id=' + ids.slice(0, 100).join(',')] = {users: [user(10, 'u10', 'U')], next: null};
  answers['/api/users?id=' + ids.slice(100).join(',')] = {users: [user(110, 'u110', 'U')], next: null};
  await learnUsers(ids);
  assert.equal(requests.length, 2);
  assert.ok(state.users.has('10') && state.users.has('110'));
});

test('the search asks the server only while the page does not hold everyone', async () => {
  await searchUsers('zed');
  assert.deepEqual(requests, [], 'a complete list is searched in hand');

  state.morePeople = true;
  answers['/api/users?q=zed+fox'] = {users: [user(42, 'zed.fox', 'Zed Fox')], next: null};
  await searchUsers('  zed fox ');
  assert.deepEqual(requests.map((r) => r.path), ['/api/users?q=zed+fox']);
  state.search = 'Zed';
  assert.deepEqual(visiblePeople().map((u) => u.id), [42]);
});

test('the list in hand is filtered in any case and width, as the server compares', () => {
  state.users.set('5', {id: 5, login: 'alice', fullName: 'Alice Smith', online: true});
  state.users.set('6', {id: 6, login: 'bob', fullName: 'Bob', online: true});
  setSearch('ＡＬＩＣＥ');
  assert.deepEqual(visiblePeople().map((u) => u.id), [5]);
  setSearch('');
  assert.equal(visiblePeople().length, 2);
});
