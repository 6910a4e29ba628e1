// Measurements for the benchmarks (e2e-tests, dev.meshcall.e2e.bench). Times are wall-clock milliseconds
// (performance.timeOrigin + performance.now()), comparable between browsers on one machine.
(function () {
  'use strict';
  var VIDEO = {width: 320, height: 240, frameRate: 15};
  function now() { return performance.timeOrigin + performance.now(); }
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  // Polls a peer connection's stats until the first inbound video frame is decoded; resolves with its time.
  async function firstFrame(getStats, deadline) {
    while (now() < deadline) {
      var report = await getStats();
      var decoded = 0;
      report.forEach(function (s) {
        if (s.type === 'inbound-rtp' && s.kind === 'video') { decoded = s.framesDecoded || 0; }
      });
      if (decoded > 0) { return now(); }
      await sleep(5);
    }
    throw new Error('no video frame decoded in time');
  }

  function iceConnected(pc) {
    return new Promise(function (resolve) {
      function check() {
        var s = pc.iceConnectionState;
        if (s === 'connected' || s === 'completed') { resolve(now()); return true; }
        return false;
      }
      if (!check()) { pc.addEventListener('iceconnectionstatechange', check); }
    });
  }

  var bench = {};
  window.bench = bench;

  // The floor: two RTCPeerConnections in this page with direct in-page signaling. t0 is when the answering side
  // starts on the offer it already holds (what "accept" is in a call).
  bench.floorOnce = async function () {
    var s1 = await navigator.mediaDevices.getUserMedia({audio: true, video: VIDEO});
    var s2 = await navigator.mediaDevices.getUserMedia({audio: true, video: VIDEO});
    var pc1 = new RTCPeerConnection(), pc2 = new RTCPeerConnection();
    pc1.onicecandidate = function (e) { if (e.candidate) { pc2.addIceCandidate(e.candidate).catch(function () {}); } };
    pc2.onicecandidate = function (e) { if (e.candidate) { pc1.addIceCandidate(e.candidate).catch(function () {}); } };
    s1.getTracks().forEach(function (t) { pc1.addTrack(t, s1); });
    s2.getTracks().forEach(function (t) { pc2.addTrack(t, s2); });
    var offer = await pc1.createOffer();
    await pc1.setLocalDescription(offer);
    var t0 = now();
    await pc2.setRemoteDescription(offer);
    var answer = await pc2.createAnswer();
    await pc2.setLocalDescription(answer);
    await pc1.setRemoteDescription(answer);
    var c = await Promise.all([iceConnected(pc1), iceConnected(pc2)]);
    var deadline = t0 + 10000;
    var f = await Promise.all([firstFrame(function () { return pc1.getStats(); }, deadline),
                               firstFrame(function () { return pc2.getStats(); }, deadline)]);
    pc1.close(); pc2.close();
    s1.getTracks().concat(s2.getTracks()).forEach(function (t) { t.stop(); });
    return {connected: Math.max(c[0], c[1]) - t0, frame: Math.max(f[0], f[1]) - t0};
  };

  // MeshCall: one side of a call through the SDK and the server.
  var state = {session: null, acceptAt: 0, connectedAt: 0, frameAt: 0, closed: true, error: null};
  bench.state = state;
  bench.connect = async function (endpoint, userId, token, videochat) {
    MeshCall.init({endpoint: endpoint, videochat: videochat || {}});
    await MeshCall.chat.connect({userId: userId, token: token});
    var v = MeshCall.videochat;
    v.onCallListener = async function (session) {
      try {
        reset(session);
        await session.getUserMedia({audio: true, video: VIDEO});
        state.acceptAt = now();
        session.accept({});
      } catch (e) { state.error = String(e); }
    };
    v.onSessionConnectionStateChangedListener = function (session, userId, s) {
      if ((s === v.SessionConnectionState.CONNECTED || s === v.SessionConnectionState.COMPLETED)
          && !state.connectedAt) {
        state.connectedAt = now();
        // Frames can only come after ICE connects; polling stats earlier would load the setup being measured.
        watchFrames(session, userId);
      }
    };
    v.onSessionCloseListener = function () { state.closed = true; };
    v.onAcceptCallListener = function () { state.answerAt = now(); };
  };
  function reset(session) {
    state.session = session; state.acceptAt = 0; state.answerAt = 0; state.connectedAt = 0; state.frameAt = 0; state.closed = false;
    state.error = null;
  }
  function watchFrames(session, peer) {
    firstFrame(function () { return session.getStats(peer); }, now() + 15000)
      .then(function (t) { state.frameAt = t; }, function (e) { state.error = String(e); });
  }
  bench.call = async function (calleeId, extension, video) {
    var v = MeshCall.videochat;
    var session = v.createNewSession([calleeId], v.CallType.VIDEO, {});
    reset(session);
    await session.getUserMedia({audio: true, video: video || VIDEO});
    session.call(extension || {});
    return session.ID;
  };
  bench.hangUp = function () {
    if (state.session && state.session.state !== MeshCall.videochat.SessionState.CLOSED) {
      state.session.stop({});
    }
  };
  bench.snapshot = function () {
    return {acceptAt: state.acceptAt, answerAt: state.answerAt, connectedAt: state.connectedAt, frameAt: state.frameAt, closed: state.closed,
            error: state.error};
  };
  // Outbound video bitrate (kbit/s) over one window, from the sender's stats.
  bench.outboundKbps = async function (peer, windowMs) {
    async function sent() {
      var r = await state.session.getStats(peer), bytes = 0;
      r.forEach(function (s) { if (s.type === 'outbound-rtp' && s.kind === 'video') { bytes += s.bytesSent; } });
      return {bytes: bytes, t: now()};
    }
    var a = await sent();
    await sleep(windowMs);
    var b = await sent();
    return (b.bytes - a.bytes) * 8 / (b.t - a.t);
  };
})();
