// The connection-quality grade from the SDK's stats summary (js/media/quality.js gradeOf).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {gradeOf} from '../../main/resources/meshcall-static/js/media/quality.js';

test('a fast link without loss is good', () => {
  assert.equal(gradeOf({rtt: 20, packetLoss: 0}).grade, 'good');
});

test('loss makes a link fair or poor', () => {
  assert.equal(gradeOf({rtt: 20, packetLoss: 3}).grade, 'fair');
  assert.equal(gradeOf({rtt: 20, packetLoss: 9.1}).grade, 'poor');
});

test('round-trip time alone makes a link fair or poor', () => {
  assert.equal(gradeOf({rtt: 400, packetLoss: 0}).grade, 'fair');
  const {grade, detail} = gradeOf({rtt: 900, packetLoss: 0});
  assert.equal(grade, 'poor');
  assert.equal(detail, 'round trip 900 ms, loss 0.0 %');
});

test('a summary without a round-trip time yet is graded by loss alone', () => {
  assert.deepEqual(gradeOf({rtt: null, packetLoss: 0}), {grade: 'good', detail: 'loss 0.0 %'});
});
