// What both test pages keep for the tests' Participant: every call of a seed-API listener in window.events, in order,
// the sessions seen in window.sessions and the last one in window.session. web-root/harness.js drives MeshCall's SDK
// and seed-sdk/seed-sdk.js the seed system's own; both SDKs have the seed's API, so both pages record it here alike.
window.recorder = (function () {
  'use strict';
  var events = [];
  var sessions = {};
  window.events = events;
  window.sessions = sessions;
  window.session = null;

  function now() { return performance.timeOrigin + performance.now(); }
  function plain(value) {
    if (value === undefined) { return null; }
    try { return JSON.parse(JSON.stringify(value)); } catch (e) { return String(value); }
  }
  function errorOf(e) {
    return {error: (e && e.name ? e.name + ': ' : '') + (e && e.message !== undefined ? e.message : String(e))};
  }
  function remember(session) {
    if (session && session.ID) { sessions[session.ID] = session; }
    window.session = session;
    return session;
  }
  function record(name, session, userId, extra) {
    var e = {name: name, sessionId: session ? session.ID : null, userId: userId === undefined ? null : userId,
             t: now()};
    if (extra) { for (var k in extra) { e[k] = extra[k]; } }
    events.push(e);
    return e;
  }
  function videoFor(userId) {
    var id = 'remote-video-' + userId;
    var v = document.getElementById(id);
    if (!v) {
      v = document.createElement('video');
      v.id = id;
      v.setAttribute('data-testid', id);
      v.autoplay = true; v.muted = true; v.playsInline = true;
      document.getElementById('videos').appendChild(v);
    }
    return v;
  }

  /**
   * Records the listeners of the seed's document on {@code vc} (the SDK's videochat); {@code closeFields(session)}
   * gives what the close event holds, and {@code remember} keeps a called session.
   */
  function listenTo(vc, closeFields, rememberSession) {
    var keep = rememberSession || remember;
    vc.onCallListener = function (session, extension) {
      keep(session);
      record('onCallListener', session, session.initiatorID,
             {extension: plain(extension), callType: session.callType});
    };
    vc.onAcceptCallListener = function (session, userId, extension) {
      record('onAcceptCallListener', session, userId, {extension: plain(extension)});
    };
    vc.onRejectCallListener = function (session, userId, extension) {
      record('onRejectCallListener', session, userId, {extension: plain(extension)});
    };
    vc.onStopCallListener = function (session, userId, extension) {
      record('onStopCallListener', session, userId, {extension: plain(extension)});
    };
    vc.onUserNotAnswerListener = function (session, userId) {
      record('onUserNotAnswerListener', session, userId);
    };
    vc.onRemoteStreamListener = function (session, userId, stream) {
      record('onRemoteStreamListener', session, userId, {
        videoTracks: stream ? stream.getVideoTracks().length : -1,
        audioTracks: stream ? stream.getAudioTracks().length : -1
      });
      if (stream) { videoFor(userId).srcObject = stream; }
    };
    vc.onSessionConnectionStateChangedListener = function (session, userId, state) {
      record('onSessionConnectionStateChangedListener', session, userId, {state: state});
    };
    vc.onSessionCloseListener = function (session) {
      record('onSessionCloseListener', session, null, closeFields(session));
    };
  }

  return {events: events, sessions: sessions, now: now, plain: plain, errorOf: errorOf, remember: remember,
          record: record, listenTo: listenTo};
})();
