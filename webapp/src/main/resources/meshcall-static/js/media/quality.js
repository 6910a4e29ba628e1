// A connection-quality grade per participant, from the link's W3C stats (session.getStats(userId),
// https://www.w3.org/TR/webrtc-stats/): the selected candidate pair's round-trip time and the share of inbound RTP
// packets lost since the last look. good: RTT < 300 ms and loss < 2 %; poor: RTT ≥ 700 ms or loss ≥ 8 %;
// fair between.
const INTERVAL_MILLIS = 2000;

/** String(userId) -> {id, last: {lost, received}} */
const links = new Map();
let timer = null;
let current = null; // {session, onGrade(userId, grade, detail)}

/** Grades every connected participant of {@code session} every 2 s; {@code onGrade(String(userId), grade, detail)}. */
export function watchQuality(session, userIds, onGrade) {
  current = {session, onGrade};
  const keys = userIds.map(String);
  for (const key of Array.from(links.keys())) {
    if (!keys.includes(key)) { links.delete(key); }
  }
  for (const id of userIds) {
    if (!links.has(String(id))) { links.set(String(id), {id, last: null}); }
  }
  if (timer === null && links.size > 0) { timer = setInterval(sampleAll, INTERVAL_MILLIS); }
  if (links.size === 0) { stopQuality(); }
}

export function stopQuality() {
  if (timer !== null) { clearInterval(timer); }
  timer = null;
  links.clear();
  current = null;
}

function sampleAll() {
  const watch = current;
  for (const [key, link] of links) {
    watch.session.getStats(link.id).then((report) => {
      if (current !== watch || links.get(key) !== link) { return; }
      const {grade, detail} = gradeOf(report, link);
      watch.onGrade(key, grade, detail);
    }).catch(() => { /* the link is closing */ });
  }
}

/** The grade of one report, against the packet counts of the last one. */
export function gradeOf(report, link) {
  let rtt = null;
  let lost = 0;
  let received = 0;
  let pairId = null;
  report.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) { pairId = s.selectedCandidatePairId; }
  });
  report.forEach((s) => {
    if (s.type === 'candidate-pair' && (s.id === pairId || (pairId === null && s.nominated && s.state === 'succeeded'))
        && typeof s.currentRoundTripTime === 'number') {
      rtt = s.currentRoundTripTime;
    }
    if (s.type === 'inbound-rtp') {
      lost += s.packetsLost || 0;
      received += s.packetsReceived || 0;
    }
  });
  const last = link.last || {lost: 0, received: 0};
  const dLost = Math.max(0, lost - last.lost);
  const dReceived = Math.max(0, received - last.received);
  link.last = {lost, received};
  const loss = dLost + dReceived > 0 ? dLost / (dLost + dReceived) : 0;
  let grade = 'good';
  if ((rtt !== null && rtt >= 0.7) || loss >= 0.08) {
    grade = 'poor';
  } else if ((rtt !== null && rtt >= 0.3) || loss >= 0.02) {
    grade = 'fair';
  }
  const detail = (rtt === null ? '' : 'round trip ' + Math.round(rtt * 1000) + ' ms, ')
      + 'loss ' + (loss * 100).toFixed(1) + ' %';
  return {grade, detail};
}
