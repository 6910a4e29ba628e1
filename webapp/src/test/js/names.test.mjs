// How people are named and timed on the page (js/names.js, js/duration.js).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {state} from '../../main/resources/meshcall-static/js/store.js';
import {names, initials, hue, displayName, nameAndLogin, loginLabel} from '../../main/resources/meshcall-static/js/names.js';
import {duration} from '../../main/resources/meshcall-static/js/duration.js';

test('lists read as a sentence', () => {
  state.users.set('7', {id: 7, login: 'dave', fullName: 'Dave Doe'});
  state.users.set('8', {id: 8, login: 'erin', fullName: ''});
  assert.equal(names([7]), 'Dave Doe');
  assert.equal(names([7, 8]), 'Dave Doe and erin');
  assert.equal(names([7, 8, 9]), 'Dave Doe, erin and user 9');
  assert.equal(displayName(9), 'user 9');
});

test('a call is announced with the login beside the name, which tells two "Alice"s apart', () => {
  state.users.set('5', {id: 5, login: 'alice', fullName: 'Alice'});
  state.users.set('6', {id: 6, login: 'alice2', fullName: 'Alice'});
  assert.equal(nameAndLogin(5), 'Alice (@alice)');
  assert.equal(nameAndLogin(6), 'Alice (@alice2)');
  assert.equal(loginLabel(99), '');
  assert.equal(nameAndLogin(99), 'user 99');
});

test('avatars show two initials and keep one colour per person', () => {
  assert.equal(initials('alice brown smith'), 'AB');
  assert.equal(hue(1), hue('1'));
  assert.notEqual(hue(1), hue(2));
  assert.ok(hue(12345) >= 0 && hue(12345) < 360);
});

test('the call timer', () => {
  assert.equal(duration(7_400), '0:07');
  assert.equal(duration(754_000), '12:34');
  assert.equal(duration(3_723_000), '1:02:03');
});
