// The page SeedSdkInteropIT drives: the seed system's official browser SDK (npm connectycube, its UMD build, global
// ConnectyCube) behind the same small interface as MeshCall's web-root/harness.js (window.h, window.events,
// window.session), so that the tests' Participant drives both alike. It uses only the SDK's documented API
// (the seed document: init, chat.connect, videochat.createNewSession, session.getUserMedia/call/accept/reject/stop,
// the on...Listener callbacks). Every console line (the SDK's debug log among them) is kept in window.sdkLog.
(function () {
  'use strict';
  var r = window.recorder;
  var events = r.events, sessions = r.sessions;
  var now = r.now, plain = r.plain, errorOf = r.errorOf, record = r.record;
  var sdkLog = [];
  window.sdkLog = sdkLog;

  function text(value) {
    if (typeof value === 'string') { return value; }
    if (value instanceof Error) { return value.name + ': ' + value.message; }
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  }
  ['log', 'info', 'warn', 'error', 'debug', 'trace'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      sdkLog.push(level + ' ' + Array.prototype.map.call(arguments, text).join(' '));
      return original.apply(console, arguments);
    };
  });

  function remember(session) {
    // The SDK's session has no getStats(userId) (MeshCall's has): the tests read each link's own getStats.
    if (session && !session.getStats) {
      session.getStats = function (userId) {
        var link = session.peerConnections[userId];
        return link ? link.getStats() : Promise.reject(new Error('no peer connection to ' + userId));
      };
    }
    return r.remember(session);
  }
  function sessionById(id) {
    var s = id ? sessions[id] : window.session;
    if (!s) { throw new Error('seed page: no session ' + (id || '(current)')); }
    return s;
  }

  function installListeners() {
    var vc = ConnectyCube.videochat;
    r.listenTo(vc, function (session) { return {sessionState: session.state}; }, remember);
    vc.onInvalidEventsListener = function (session, userId, extension) {
      record('onInvalidEventsListener', session, userId, {extension: plain(extension)});
    };
    ConnectyCube.chat.onDisconnectedListener = function () {
      record('onDisconnectedListener', null, null);
    };
  }

  window.h = {
    start: function () {
      // The tests' scripts name the SDK's global MeshCall (MeshCall.videochat.CallType.VIDEO): MeshCall's API is the
      // seed's, so here the seed's own SDK answers to that name.
      window.MeshCall = ConnectyCube;
      document.getElementById('harness-status').textContent =
          typeof ConnectyCube === 'object' ? 'ready: connectycube ' + ConnectyCube.version : 'no ConnectyCube global';
    },
    ready: function () { return typeof ConnectyCube === 'object' && !!window.MeshCall; },
    /** ConnectyCube.init(credentials, config), both from one object {credentials, config}. */
    init: function (setup) {
      ConnectyCube.init(setup.credentials, setup.config);
      installListeners();
      return true;
    },
    connect: function (userId, token, password) {
      return Promise.resolve(ConnectyCube.chat.connect({userId: userId, password: password}))
          .then(function () { return {ok: true}; }, errorOf);
    },
    disconnect: function () { ConnectyCube.chat.disconnect(); return true; },
    createSession: function (calleesIds, callType, options) {
      try {
        var s = ConnectyCube.videochat.createNewSession(calleesIds, callType, options || {});
        remember(s);
        return {id: s.ID};
      } catch (e) {
        return errorOf(e);
      }
    },
    getUserMedia: function (params, sessionId) {
      var s = sessionById(sessionId);
      return Promise.resolve(s.getUserMedia(params)).then(function (stream) {
        document.getElementById('local-video').srcObject = stream;
        return {ok: true, videoTracks: stream.getVideoTracks().length, audioTracks: stream.getAudioTracks().length};
      }, errorOf);
    },
    call: function (extension, sessionId) {
      try { sessionById(sessionId).call(extension || {}); return {ok: true}; } catch (e) { return errorOf(e); }
    },
    accept: function (extension, sessionId) {
      try { window.lastAcceptAt = now(); sessionById(sessionId).accept(extension || {});
        return {ok: true}; } catch (e) { return errorOf(e); }
    },
    reject: function (extension, sessionId) {
      try { sessionById(sessionId).reject(extension || {}); return {ok: true}; } catch (e) { return errorOf(e); }
    },
    stop: function (extension, sessionId) {
      try { sessionById(sessionId).stop(extension || {}); return {ok: true}; } catch (e) { return errorOf(e); }
    },
    describe: function (sessionId) {
      var s = sessionById(sessionId);
      return {id: s.ID, initiatorID: s.initiatorID, opponentsIDs: plain(s.opponentsIDs),
              currentUserID: s.currentUserID, callType: s.callType, state: s.state};
    },
    /** The lines of the SDK's log that contain {@code part}. */
    logLines: function (part) {
      return sdkLog.filter(function (line) { return line.indexOf(part) >= 0; });
    },
    clearEvents: function () { events.length = 0; return true; }
  };
})();
