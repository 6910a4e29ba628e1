// The call as the page sees it (js/call-model.js): who is in which state, and what the status line says.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {state} from '../../main/resources/meshcall-static/js/store.js';
import {newCall, peer, summarize, endFromReason, shownOnStage, mediaParams}
  from '../../main/resources/meshcall-static/js/call-model.js';

globalThis.MeshCall = {videochat: {CallType: {VIDEO: 1, AUDIO: 2}}};
for (const [id, fullName] of [[1, 'Alice'], [2, 'Bob'], [3, 'Carol']]) {
  state.users.set(String(id), {id, login: fullName.toLowerCase(), fullName, online: true});
}

function session(initiatorID, opponentsIDs, currentUserID, callType = 1) {
  return {ID: 's1', initiatorID, opponentsIDs, currentUserID, callType};
}

test('a new call lists everyone but this user, invited', () => {
  const call = newCall(session(1, [2, 3], 2), true);
  assert.deepEqual(Array.from(call.peers.keys()), ['1', '3']);
  assert.equal(call.phase, 'ringing');
  assert.equal(peer(call, 3).state, 'invited');
});

test('the caller hears who is still ringing once someone answered', () => {
  const call = newCall(session(1, [2, 3], 1), false);
  call.phase = 'live';
  assert.deepEqual(summarize(call).status, {state: 'calling', text: 'Calling Bob and Carol…'});
  peer(call, 2).state = 'connected';
  const s = summarize(call);
  assert.deepEqual(s.status, {state: 'connected', text: 'Connected with Bob'});
  assert.equal(s.invitedNote, 'Still ringing: Carol');
});

test('a link reconnecting outranks the others being connected', () => {
  const call = newCall(session(1, [2, 3], 1), false);
  call.phase = 'live';
  peer(call, 2).state = 'connected';
  peer(call, 3).state = 'reconnecting';
  assert.equal(summarize(call).status.state, 'reconnecting');
  assert.match(summarize(call).status.text, /Carol interrupted/);
});

test('an end the SDK calls plain "ended" is explained by who left last', () => {
  const call = newCall(session(1, [2], 1), false);
  call.lastGone = {state: 'ended', text: 'Bob left'};
  assert.deepEqual(endFromReason(call, 'ended'), {state: 'ended', text: 'Call ended — Bob left'});
  call.lastGone = {state: 'busy', text: 'Bob is busy'};
  assert.deepEqual(endFromReason(call, 'ended'), {state: 'busy', text: 'Bob is busy'});
  assert.equal(endFromReason(call, 'ringingTimeout').text, 'Missed call from Alice');
  assert.equal(endFromReason(call, 'acceptedElsewhere').state, 'elsewhere');
});

test('a tile shows once the call is live and the participant has media or answered', () => {
  const call = newCall(session(1, [2], 1), false);
  const bob = peer(call, 2);
  assert.equal(shownOnStage(call, bob), false);
  call.phase = 'live';
  assert.equal(shownOnStage(call, bob), false);
  bob.state = 'connecting';
  assert.equal(shownOnStage(call, bob), true);
  bob.state = 'gone';
  assert.equal(shownOnStage(call, bob), false);
});

test('a group call asks for 320x240 at 15 frames/s, an audio call for no camera', () => {
  assert.deepEqual(mediaParams(2, 2), {audio: true, video: false});
  assert.equal(mediaParams(1, 3).video.width.ideal, 320);
  assert.equal(mediaParams(1, 2).video.width.ideal, 640);
});
