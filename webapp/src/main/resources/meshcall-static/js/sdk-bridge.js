// The SDK's listeners (docs/js-api.md), turned into changes of the page's state: presence and the connection to the
// server here, everything about the call in call.js. Installed once, when the first sign-in starts the SDK.
import {record} from './probe.js';
import {state, setStatus, showError} from './store.js';
import {loadUsers, learnUsers, presence} from './directory.js';
import * as call from './call.js';

let started = false;

/** MeshCall.init with the page's settings and every listener, the first time only. */
export function startSdk() {
  if (started) { return; }
  started = true;
  // autoRejectWhenBusy off: a call that comes during another one reaches the page, which says busy itself
  // (call.js onCall) unless it is a participant of this call rejoining after a reload (saved-call.js).
  // statsReportTimeInterval: every tile's quality badge (onCallStatsReport) is graded every 2 s
  // pauseVideoWhenHidden: the camera stops while the page is out of sight, the call's sound goes on
  MeshCall.init({videochat: {autoRejectWhenBusy: false, statsReportTimeInterval: 2, pauseVideoWhenHidden: true}});
  const chat = MeshCall.chat;
  const vc = MeshCall.videochat;

  chat.onPresenceListener = (userId, online) => {
    record('onPresenceListener', null, userId, null, online);
    // unknown yet, or gone offline: whether a call still reaches them by Web Push is asked of the server
    if ((!presence(userId, online) || !online) && state.me) { learnLater(userId); }
  };
  chat.onDisconnectedListener = (reason) => {
    record('onDisconnectedListener', null, null, reason);
    const final = reason && reason.indexOf('cannot reconnect') === 0;
    setStatus('error', (final ? 'Disconnected from the server — sign in again' : 'Reconnecting to the server…')
        + (reason ? ' (' + reason + ')' : ''));
  };
  chat.onReconnectListener = () => {
    record('onReconnectListener', null, null, null);
    setStatus('idle', 'Connected again');
    reloadPeople();
  };

  vc.onCallListener = (session, extension) => {
    record('onCallListener', session, session.initiatorID, extension);
    call.onCall(session, extension);
  };
  vc.onAcceptCallListener = (session, userId, extension) => {
    record('onAcceptCallListener', session, userId, extension);
    call.onAccept(session, userId);
  };
  vc.onRejectCallListener = (session, userId, extension) => {
    record('onRejectCallListener', session, userId, extension);
    call.onReject(session, userId, extension);
  };
  vc.onStopCallListener = (session, userId, extension) => {
    record('onStopCallListener', session, userId, extension);
    call.onStop(session, userId);
  };
  vc.onUserNotAnswerListener = (session, userId) => {
    record('onUserNotAnswerListener', session, userId);
    call.onNoAnswer(session, userId);
  };
  vc.onRemoteStreamListener = (session, userId, stream) => {
    record('onRemoteStreamListener', session, userId);
    call.onRemoteStream(session, userId, stream);
  };
  vc.onSessionConnectionStateChangedListener = (session, userId, connectionState) => {
    record('onSessionConnectionStateChangedListener', session, userId, null, connectionState);
    call.onConnectionState(session, userId, connectionState);
  };
  vc.onRemoteMuteListener = (session, userId, kind, muted) => {
    record('onRemoteMuteListener', session, userId);
    call.onRemoteMute(session, userId, kind, muted);
  };
  vc.onCallStatsReport = (session, userId, stats) => {
    call.onStatsReport(session, userId, stats);
  };
  vc.onSessionCloseListener = (session) => {
    record('onSessionCloseListener', session, null);
    call.onSessionClose(session);
  };
}

/** Asks the server at most once a second, for the people list or for the unknown users heard meanwhile. */
const RELOAD_AFTER_MILLIS = 1000;
let reloadTimer = null;
let learnTimer = null;
const unknownUsers = new Set();

/**
 * Fetches, by id, the users heard coming online whom the page does not know yet, all of them at once a second
 * later: a busy server's presences cost one small request a second, not the whole list each.
 */
function learnLater(userId) {
  unknownUsers.add(String(userId));
  if (learnTimer !== null) { return; }
  learnTimer = setTimeout(() => {
    learnTimer = null;
    const ids = Array.from(unknownUsers);
    unknownUsers.clear();
    if (state.me) { learnUsers(ids).catch((e) => showError('Could not load people', e)); }
  }, RELOAD_AFTER_MILLIS);
}

function reloadPeople() {
  if (reloadTimer !== null) { return; }
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    if (state.me) { loadUsers().catch((e) => showError('Could not load people', e)); }
  }, RELOAD_AFTER_MILLIS);
}
