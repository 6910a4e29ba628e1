// The connection-quality grade from W3C stats (js/media/quality.js gradeOf).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {gradeOf} from '../../main/resources/meshcall-static/js/media/quality.js';

function report(rtt, lost, received) {
  return new Map([
    ['T', {type: 'transport', selectedCandidatePairId: 'P'}],
    ['P', {type: 'candidate-pair', id: 'P', currentRoundTripTime: rtt}],
    ['Q', {type: 'candidate-pair', id: 'Q', currentRoundTripTime: 9}], // not the selected pair
    ['A', {type: 'inbound-rtp', kind: 'audio', packetsLost: lost, packetsReceived: received}],
  ]);
}

test('a fast link without loss is good', () => {
  assert.equal(gradeOf(report(0.02, 0, 500), {last: null}).grade, 'good');
});

test('loss counts since the last look, not since the call began', () => {
  const link = {last: null};
  assert.equal(gradeOf(report(0.02, 50, 500), link).grade, 'poor'); // 9 % lost so far
  assert.equal(gradeOf(report(0.02, 50, 1000), link).grade, 'good'); // none lost since
  assert.equal(gradeOf(report(0.02, 65, 1485), link).grade, 'fair'); // 3 % of the last 500
});

test('round-trip time alone makes a link fair or poor', () => {
  assert.equal(gradeOf(report(0.4, 0, 10), {last: null}).grade, 'fair');
  const {grade, detail} = gradeOf(report(0.9, 0, 10), {last: null});
  assert.equal(grade, 'poor');
  assert.equal(detail, 'round trip 900 ms, loss 0.0 %');
});
