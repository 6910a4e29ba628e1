// The page SeedSdkInteropIT drives: the seed system's official browser SDK (npm connectycube, its UMD build, global
// ConnectyCube) behind the same small interface as MeshCall's web-root/harness.js (window.h, window.events,
// window.session), so that the tests' Participant drives both alike. It uses only the SDK's documented API
// (the seed document: init, chat.connect, videochat.createNewSession, session.getUserMedia/call/accept/reject/stop,
// the on...Listener callbacks). Every console line (the SDK's debug log among them) is kept in window.sdkLog.
(function () {
  'use strict';
  var events = [];
  var sessions = {};
  var sdkLog = [];
  window.events = events;
  window.sessions = sessions;
  window.sdkLog = sdkLog;
  window.session = null;

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
    // The SDK's session has no getStats(userId) (MeshCall's has): the tests read each link's own getStats.
    if (session && !session.getStats) {
      session.getStats = function (userId) {
        var link = session.peerConnections[userId];
        return link ? link.getStats() : Promise.reject(new Error('no peer connection to ' + userId));
      };
    }
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
      v.autoplay = true; v.muted = true; v.playsInline = true;
      document.getElementById('videos').appendChild(v);
    }
    return v;
  }
  function sessionById(id) {
    var s = id ? sessions[id] : window.session;
    if (!s) { throw new Error('seed page: no session ' + (id || '(current)')); }
    return s;
  }

  function installListeners() {
    var vc = ConnectyCube.videochat;
    vc.onCallListener = function (session, extension) {
      remember(session);
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
      record('onSessionCloseListener', session, null, {sessionState: session.state});
    };
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
