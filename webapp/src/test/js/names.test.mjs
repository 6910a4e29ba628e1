// How people are named and timed on the page (js/names.js, js/duration.js).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {state} from '../../main/resources/meshcall-static/js/store.js';
import {names, initials, hue, displayName} from '../../main/resources/meshcall-static/js/names.js';
import {duration} from '../../main/resources/meshcall-static/js/duration.js';

test('lists read as a sentence', () => {
  state.users.set('7', {id: 7, login: 'dave', fullName: 'Dave Doe'});
  state.users.set('8', {id: 8, login: 'erin', fullName: ''});
  assert.equal(names([7]), 'Dave Doe');
  assert.equal(names([7, 8]), 'Dave Doe and erin');
  assert.equal(names([7, 8, 9]), 'Dave Doe, erin and user 9');
  assert.equal(displayName(9), 'user 9');
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
