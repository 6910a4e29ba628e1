// The current call as the page sees it: who is in it, in which state, and what the status line says about it.
// Pure: no DOM, no SDK calls (call.js drives it; views render it).
import {displayName, names} from './names.js';

/**
 * A new call for {@code session}. phase: 'media' (the caller is getting the camera), 'ringing' (an incoming call not
 * answered yet), 'accepting' (answered, getting the camera), 'live' (rung or accepted). peers: everyone else
 * invited, by String(id), each {id, state, stream, left}; state is 'invited', 'connecting', 'connected',
 * 'reconnecting', 'failed' or 'gone'; left: they left, declined or did not answer (not only their link broke).
 * ending: the status to show when the session closes because of this user ("Call ended", "You declined …");
 * lastGone: the last participant who left, declined or did not answer, which explains an end the SDK reports as
 * plain "ended"; crossing: a call from the person this user is about to call, left for the SDK to merge with ours
 * (glare); connectedAt: when the first link connected (the call timer's start), else null.
 */
export function newCall(session, incoming) {
  const everyone = [session.initiatorID].concat(Array.from(session.opponentsIDs || []));
  const peers = new Map();
  for (const id of everyone) {
    if (String(id) !== String(session.currentUserID)) { peers.set(String(id), newPeer(id)); }
  }
  return {session, incoming, phase: incoming ? 'ringing' : 'media', peers, ending: null, lastGone: null,
    crossing: null, connectedAt: null, invitedNote: '', stageNote: ''};
}

function newPeer(id) {
  return {id, state: 'invited', stream: null, left: false, audioMuted: false, quality: null};
}

/** The participant {@code userId}; someone the session did not name when it began is still a participant. */
export function peer(call, userId) {
  let p = call.peers.get(String(userId));
  if (!p) {
    p = newPeer(userId);
    call.peers.set(String(userId), p);
  }
  return p;
}

/** The ids of the participants in one of {@code states}. */
export function peersIn(call, states) {
  return Array.from(call.peers.values()).filter((p) => states.includes(p.state)).map((p) => p.id);
}

/** Whether the participant's tile is on the stage. */
export function shownOnStage(call, p) {
  return call.phase === 'live' && p.state !== 'gone' && (p.state !== 'invited' || p.stream !== null);
}

/**
 * What the page says while the call is live, from the participants' states: {status: {state, text}, invitedNote,
 * stageNote}, or null when there is nothing to say yet.
 */
export function summarize(call) {
  const connected = peersIn(call, ['connected']);
  const reconnecting = peersIn(call, ['reconnecting']);
  const failed = peersIn(call, ['failed']);
  const connecting = peersIn(call, ['connecting']);
  const invited = call.incoming ? [] : peersIn(call, ['invited']);
  let status = null;
  if (reconnecting.length > 0) {
    status = {state: 'reconnecting', text: 'Connection to ' + names(reconnecting) + ' interrupted — reconnecting…'};
  } else if (failed.length > 0 && connected.length === 0) {
    status = {state: 'error', text: 'Connection to ' + names(failed) + ' failed'};
  } else if (connected.length > 0) {
    status = {state: 'connected', text: 'Connected with ' + names(connected)};
  } else if (connecting.length > 0) {
    status = {state: 'connecting', text: call.incoming ? 'Connecting to ' + names(connecting) + '…'
      : names(connecting) + ' answered — connecting…'};
  } else if (invited.length > 0) {
    status = {state: 'calling', text: 'Calling ' + names(invited) + '…'};
  } else if (peersIn(call, ['invited']).length > 0) {
    // a callee with nobody here now: the others the caller invited may still join
    status = {state: 'waiting', text: 'Waiting for ' + names(peersIn(call, ['invited'])) + '…'};
  }
  const ringingStill = connected.length + connecting.length + reconnecting.length > 0 ? invited : [];
  const waiting = peersIn(call, ['invited', 'connecting']);
  return {
    status,
    invitedNote: ringingStill.length ? 'Still ringing: ' + names(ringingStill) : '',
    stageNote: call.incoming || waiting.length === 0 ? 'Connecting…' : 'Waiting for ' + names(waiting) + '…',
  };
}

/** What to say when the SDK ended the session; closeReason is undefined with SDKs that do not give one. */
export function endFromReason(call, reason) {
  const caller = displayName(call.session.initiatorID);
  switch (reason) {
    case 'stopped': return {state: 'ended', text: 'Call ended'};
    case 'rejected': return {state: 'rejected', text: 'You declined the call from ' + caller};
    case 'acceptedElsewhere': return {state: 'elsewhere', text: 'Answered on another device'};
    case 'rejectedElsewhere': return {state: 'elsewhere', text: 'Declined on another device'};
    case 'ringingTimeout': return {state: 'missed', text: 'Missed call from ' + caller};
    case 'failed': return {state: 'error', text: 'Call failed — the connection was lost'};
    default:
      // 'ended' (everyone else left, declined or did not answer), or no reason given
      if (call.lastGone) {
        const last = call.lastGone;
        return last.state === 'ended' ? {state: 'ended', text: 'Call ended — ' + last.text} : last;
      }
      if (call.phase === 'ringing') { return {state: 'ended', text: 'The call from ' + caller + ' ended'}; }
      return {state: 'ended', text: 'Call ended'};
  }
}

/** "microphone" or "camera or microphone": what a call of that type needs. */
export function mediaWords(callType) {
  return callType === MeshCall.videochat.CallType.AUDIO ? 'microphone' : 'camera or microphone';
}

/**
 * getUserMedia constraints. In a group call every camera is encoded once per other participant (a mesh), so a
 * group call asks for 320x240 at 15 frames/s: what a 4-person mesh sustains on a modest machine.
 */
export function mediaParams(callType, people) {
  if (callType === MeshCall.videochat.CallType.AUDIO) { return {audio: true, video: false}; }
  return people > 2
    ? {audio: true, video: {width: {ideal: 320}, height: {ideal: 240}, frameRate: {ideal: 15}}}
    : {audio: true, video: {width: {ideal: 640}, height: {ideal: 480}}};
}
