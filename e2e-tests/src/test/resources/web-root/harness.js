// The SDK-level harness the e2e tests drive with executeScript. It uses only the documented JavaScript API
// (docs/js-api.md) and records every listener call into window.events, in order.
(function () {
  'use strict';
  var r = window.recorder;
  var events = r.events, sessions = r.sessions;
  var now = r.now, plain = r.plain, errorOf = r.errorOf, remember = r.remember, record = r.record;

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
    r.listenTo(vc, function (session) {
      return {sessionState: session.state, closeReason: session.closeReason};
    });
    vc.onCallStatsReport = function (session, userId, stats) {
      var summary = {};
      for (var k in stats) { if (k !== 'report') { summary[k] = stats[k]; } }
      summary.reportEntries = stats.report ? stats.report.size : -1;
      record('onCallStatsReport', session, userId, summary);
    };
    vc.onRemoteMuteListener = function (session, userId, kind, muted) {
      record('onRemoteMuteListener', session, userId, {kind: kind, muted: muted});
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
