// A connection-quality grade per participant, from the SDK's stats summary of the link (onCallStatsReport every
// statsReportTimeInterval; docs/js-api.md): the selected candidate pair's round-trip time and the share of inbound RTP
// packets lost since the last report. good: RTT < 300 ms and loss < 2 %; poor: RTT ≥ 700 ms or loss ≥ 8 %; fair
// between.

/** {grade: 'good'|'fair'|'poor', detail} of one summary ({rtt (ms) or null, packetLoss (%)}). */
export function gradeOf(summary) {
  const rtt = typeof summary.rtt === 'number' ? summary.rtt : null;
  const loss = typeof summary.packetLoss === 'number' ? summary.packetLoss : 0;
  let grade = 'good';
  if ((rtt !== null && rtt >= 700) || loss >= 8) {
    grade = 'poor';
  } else if ((rtt !== null && rtt >= 300) || loss >= 2) {
    grade = 'fair';
  }
  const detail = (rtt === null ? '' : 'round trip ' + rtt + ' ms, ') + 'loss ' + loss.toFixed(1) + ' %';
  return {grade, detail};
}
