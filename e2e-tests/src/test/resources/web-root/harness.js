// The SDK-level harness the e2e tests drive with executeScript. It uses only the documented JavaScript API
// (docs/js-api.md) and records every listener call into window.events, in order.
(function () {
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
  function sessionById(id) {
    // a session's ID can change (glare: it took the other call's ID): the open one with that ID comes first
    var s = id ? Object.keys(sessions).map(function (k) { return sessions[k]; })
        .filter(function (x) { return x.ID === id; })
        .sort(function (a, b) { return (a.state === 5) - (b.state === 5); })[0] : window.session;
    if (!s) { throw new Error('harness: no session ' + (id || '(current)')); }
    return s;
  }
  function settle(promise) {
    return Promise.resolve(promise).then(function () { return {ok: true}; }, errorOf);
  }

  function installListeners() {
    var vc = MeshCall.videochat;
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
    vc.onCallStatsReport = function (session, userId, stats) {
      var summary = {};
      for (var k in stats) { if (k !== 'report') { summary[k] = stats[k]; } }
      summary.reportEntries = stats.report ? stats.report.size : -1;
      record('onCallStatsReport', session, userId, summary);
    };
    vc.onRemoteMuteListener = function (session, userId, kind, muted) {
      record('onRemoteMuteListener', session, userId, {kind: kind, muted: muted});
    };
    vc.onSessionConnectionStateChangedListener = function (session, userId, state) {
      record('onSessionConnectionStateChangedListener', session, userId, {state: state});
    };
    vc.onSessionCloseListener = function (session) {
      record('onSessionCloseListener', session, null, {sessionState: session.state,
                                                       closeReason: session.closeReason});
    };
    MeshCall.chat.onPresenceListener = function (userId, online) {
      record('onPresenceListener', null, userId, {online: online});
    };
    MeshCall.chat.onDisconnectedListener = function (reason) {
      record('onDisconnectedListener', null, null, {reason: plain(reason)});
    };
  }

  window.h = {
    ready: function () { return typeof MeshCall === 'function' || typeof MeshCall === 'object'; },
    init: function (config) {
      MeshCall.init(config || {});
      installListeners();
      return true;
    },
    connect: function (userId, token, password) {
      return settle(MeshCall.chat.connect(password ? {userId: userId, password: password}
                                                   : {userId: userId, token: token}));
    },
    disconnect: function () { MeshCall.chat.disconnect(); return true; },
    createSession: function (calleesIds, callType, options) {
      try {
        var s = MeshCall.videochat.createNewSession(calleesIds, callType, options || {});
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
      try { sessionById(sessionId).call(extension || {}, function (error) {
        if (error) { record('callCallback', window.session, null, {error: errorOf(error).error}); }
      }); return {ok: true}; } catch (e) { return errorOf(e); }
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
    callLater: function (delayMs, sessionId) {
      var s = sessionById(sessionId);
      setTimeout(function () {
        try { s.call({}); } catch (e) { record('callCallback', s, null, {error: errorOf(e).error}); }
      }, delayMs);
      return {ok: true};
    },
    openSessions: function () {
      return Object.keys(sessions).map(function (id) { return sessions[id]; })
        .filter(function (s) { return s.state !== 5; })
        .map(function (s) { return {id: s.ID, initiatorID: s.initiatorID, state: s.state}; });
    },
    describe: function (sessionId) {
      var s = sessionById(sessionId);
      return {id: s.ID, initiatorID: s.initiatorID, opponentsIDs: plain(s.opponentsIDs),
              currentUserID: s.currentUserID, callType: s.callType, state: s.state};
    },
    eventsJson: function () { return JSON.stringify(events); },
    clearEvents: function () { events.length = 0; return true; }
  };
  document.getElementById('harness-status').textContent =
      (typeof MeshCall !== 'undefined') ? 'ready: ' + typeof MeshCall : 'no MeshCall global';
})();
