// MeshCall web app: sign in, see who is online, call one person or up to three together, answer, hang up. Built
// only on the SDK's documented JavaScript API (docs/js-api.md: the MeshCall global) and fetch for the REST account
// calls.
(function () {
  'use strict';

  var app = {session: null, events: []};
  window.meshcallApp = app; // read by the e2e tests: the current session and every SDK listener call

  var MAX_CALLEES = 3;       // a call holds up to 4 people: you and 3 others
  var TOAST_MILLIS = 10000;  // how long "Bob declined" and the like stay on screen
  var TOASTS_SHOWN = 4;

  var me = null;             // {id, login, fullName, token}
  var users = new Map();     // String(id) -> {id, login, fullName, online}
  var selected = [];         // String ids ticked for a group call, in the order they were ticked
  var refusal = null;        // the note shown after a 4th person was ticked, until the selection changes
  var call = null;           // the current call, see newCall(); app.session is call.session
  var initialized = false;
  var listenersInstalled = false;

  var $ = function (id) { return document.getElementById(id); };

  // ---------- status line and toasts ----------

  function setStatus(state, text) {
    var el = $('status');
    el.dataset.state = state;
    el.textContent = text;
  }

  function errorText(e) {
    if (!e) { return 'unknown error'; }
    var name = e.name && e.name !== 'Error' ? e.name + ': ' : '';
    return name + (e.message || String(e));
  }

  function showError(prefix, e) {
    setStatus('error', prefix + ' — ' + errorText(e));
  }

  function toast(kind, text) {
    var box = $('toasts');
    var el = document.createElement('p');
    el.className = 'toast';
    el.dataset.testid = 'toast';
    el.dataset.kind = kind;
    el.textContent = text;
    box.append(el);
    while (box.children.length > TOASTS_SHOWN) { box.firstElementChild.remove(); }
    setTimeout(function () { el.remove(); }, TOAST_MILLIS);
    return el;
  }

  // ---------- REST account calls ----------

  function api(method, path, body, token) {
    var headers = {'Accept': 'application/json'};
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (token) { headers.Authorization = 'Bearer ' + token; }
    return fetch(path, {method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body)})
      .then(function (res) {
        return res.text().then(function (text) {
          var data = null;
          try { data = text ? JSON.parse(text) : null; } catch (ignored) { data = null; }
          if (!res.ok) {
            var err = new Error((data && data.message) || ('HTTP ' + res.status));
            err.status = res.status;
            err.code = data && data.error;
            throw err;
          }
          return data;
        });
      });
  }

  // ---------- people ----------

  function displayName(id) {
    var u = users.get(String(id));
    return u ? (u.fullName || u.login) : 'user ' + id;
  }

  /** "Bob", "Bob and Carol", "Bob, Carol and Dave". */
  function names(ids) {
    var list = ids.map(displayName);
    return list.length < 2 ? list.join('') : list.slice(0, -1).join(', ') + ' and ' + list[list.length - 1];
  }

  function initials(name) {
    return name.split(/\s+/).filter(Boolean).slice(0, 2).map(function (w) { return w[0].toUpperCase(); }).join('');
  }

  function renderUsers() {
    var list = $('user-list');
    list.textContent = '';
    var others = Array.from(users.values()).filter(function (u) { return String(u.id) !== String(me.id); });
    others.sort(function (a, b) {
      return (b.online - a.online) || displayName(a.id).localeCompare(displayName(b.id));
    });
    $('user-list-empty').hidden = others.length > 0;
    var busy = app.session !== null;
    others.forEach(function (u) {
      var li = document.createElement('li');
      li.className = 'user' + (u.online ? ' online' : '');
      li.dataset.testid = 'user-row-' + u.id;

      var pick = document.createElement('input');
      pick.type = 'checkbox';
      pick.className = 'pick';
      pick.dataset.testid = 'select-' + u.id;
      pick.checked = selected.indexOf(String(u.id)) >= 0;
      pick.disabled = busy || !u.online;
      pick.setAttribute('aria-label', 'Choose ' + (u.fullName || u.login) + ' for a group call');
      pick.addEventListener('change', function () { toggleSelected(u, pick); });

      var who = document.createElement('div');
      who.className = 'who';
      var name = document.createElement('span');
      name.className = 'name';
      name.dataset.testid = 'user-name-' + u.id;
      name.textContent = u.fullName || u.login;
      var presence = document.createElement('span');
      presence.className = 'presence';
      presence.dataset.testid = 'user-online-' + u.id;
      presence.dataset.online = String(!!u.online);
      presence.textContent = u.online ? 'online' : 'offline';
      who.append(name, presence);

      var video = button('Video call', 'video-call-' + u.id, function () { startCall([u.id], 'VIDEO'); });
      var audio = button('Audio call', 'audio-call-' + u.id, function () { startCall([u.id], 'AUDIO'); });
      video.disabled = audio.disabled = busy || !u.online;
      video.setAttribute('aria-label', 'Video call ' + (u.fullName || u.login));
      audio.setAttribute('aria-label', 'Audio call ' + (u.fullName || u.login));

      var actions = document.createElement('div');
      actions.className = 'row-actions';
      actions.append(video, audio);
      li.append(pick, who, actions);
      list.append(li);
    });
    renderSelection();
  }

  function button(label, testid, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn btn-small';
    b.dataset.testid = testid;
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  function loadUsers() {
    return api('GET', '/api/users', undefined, me.token).then(function (data) {
      var known = new Map();
      (data && data.users || []).forEach(function (u) {
        var old = users.get(String(u.id));
        // presence heard over the socket is newer than the REST snapshot
        known.set(String(u.id), {id: u.id, login: u.login, fullName: u.fullName,
                                 online: old && old.fromPresence ? old.online : !!u.online});
      });
      users = known;
      renderUsers();
    });
  }

  // ---------- choosing people for a group call ----------

  function toggleSelected(u, box) {
    var id = String(u.id);
    var at = selected.indexOf(id);
    if (box.checked && at < 0) {
      if (selected.length >= MAX_CALLEES) {
        box.checked = false;
        refusal = 'A call holds up to 4 people: you and ' + MAX_CALLEES + ' others. Untick someone to add '
            + displayName(id) + '.';
        renderSelection();
        return;
      }
      selected.push(id);
    } else if (!box.checked && at >= 0) {
      selected.splice(at, 1);
    }
    refusal = null;
    renderSelection();
  }

  function renderSelection() {
    // only people online can be called
    selected = selected.filter(function (id) { var u = users.get(id); return !!(u && u.online); });
    var note = $('selection-note');
    if (refusal) {
      note.dataset.state = 'refused';
      note.textContent = refusal;
    } else if (selected.length > 0) {
      note.dataset.state = 'chosen';
      note.textContent = 'Chosen: ' + names(selected);
    } else {
      note.dataset.state = 'empty';
      note.textContent = 'Tick up to ' + MAX_CALLEES + ' people to call them together.';
    }
    var off = selected.length === 0 || app.session !== null;
    $('call-selected-video').disabled = off;
    $('call-selected-audio').disabled = off;
    var count = selected.length > 0 ? ' (' + selected.length + ')' : '';
    $('call-selected-video').textContent = 'Video call selected' + count;
    $('call-selected-audio').textContent = 'Audio call selected' + count;
  }

  function callSelected(type) {
    var ids = selected.map(function (id) { return users.get(id).id; });
    if (ids.length > 0) { startCall(ids, type); }
  }

  // ---------- the SDK ----------

  function record(name, session, userId, extension, state) {
    app.events.push({name: name, sessionId: session ? session.ID : null,
                     userId: userId === undefined ? null : userId,
                     extension: extension === undefined ? null : extension,
                     state: state === undefined ? null : state,
                     t: performance.timeOrigin + performance.now()});
  }

  function isCurrent(session) {
    return app.session !== null && session && app.session.ID === session.ID;
  }

  function installListeners() {
    if (listenersInstalled) { return; }
    listenersInstalled = true;
    var vc = MeshCall.videochat;

    MeshCall.chat.onPresenceListener = function (userId, online) {
      record('onPresenceListener', null, userId, null, online);
      var u = users.get(String(userId));
      if (u) {
        u.online = !!online;
        u.fromPresence = true;
        renderUsers();
      } else if (me) {
        loadUsers().catch(function (e) { showError('Could not load people', e); });
      }
    };
    MeshCall.chat.onDisconnectedListener = function (reason) {
      record('onDisconnectedListener', null, null, reason);
      var final = reason && reason.indexOf('cannot reconnect') === 0;
      setStatus('error', (final ? 'Disconnected from the server — sign in again' : 'Reconnecting to the server…')
          + (reason ? ' (' + reason + ')' : ''));
    };

    MeshCall.chat.onReconnectListener = function () {
      record('onReconnectListener', null, null, null);
      setStatus('idle', 'Connected again');
      loadUsers().catch(function (e) { showError('Could not load people', e); });
    };

    vc.onCallListener = function (session, extension) {
      record('onCallListener', session, session.initiatorID, extension);
      if (app.session !== null) {
        if (crossesOwnCall(session)) {
          // Glare: this user is about to call the caller. The SDK makes the two calls one when ours goes out.
          call.crossing = session;
          return;
        }
        // The SDK rejects a call that arrives during another one (autoRejectWhenBusy); it still rings while this
        // user is only getting ready to call, and an SDK without autoRejectWhenBusy rings anyway. This page holds
        // one call at a time: say busy.
        rejectBusy(session);
        return;
      }
      ring(session);
    };
    vc.onAcceptCallListener = function (session, userId, extension) {
      record('onAcceptCallListener', session, userId, extension);
      if (!isCurrent(session)) { return; }
      var p = peer(userId);
      if (p.state === 'invited') { p.state = 'connecting'; }
      renderPeer(p);
      summarize();
    };
    vc.onRejectCallListener = function (session, userId, extension) {
      record('onRejectCallListener', session, userId, extension);
      if (!isCurrent(session)) { return; }
      var ext = extension || {};
      if (ext.busy === true) {
        peerGone(userId, 'busy', displayName(userId) + ' is busy');
      } else if (ext.reason === 'media') {
        peerGone(userId, 'unavailable', displayName(userId) + ' could not start their '
            + mediaWords(session.callType) + (ext.error ? ' (' + ext.error + ')' : ''));
      } else {
        peerGone(userId, 'rejected', displayName(userId) + ' declined the call');
      }
    };
    vc.onStopCallListener = function (session, userId, extension) {
      record('onStopCallListener', session, userId, extension);
      if (!isCurrent(session)) { return; }
      if (call.phase !== 'live' && String(userId) === String(session.initiatorID)) {
        peerGone(userId, 'missed', 'Missed call from ' + displayName(userId));
      } else {
        peerGone(userId, 'ended', displayName(userId) + ' left');
      }
    };
    vc.onUserNotAnswerListener = function (session, userId) {
      record('onUserNotAnswerListener', session, userId);
      if (!isCurrent(session)) { return; }
      peerGone(userId, 'no-answer', displayName(userId) + ' did not answer');
    };
    vc.onRemoteStreamListener = function (session, userId, stream) {
      record('onRemoteStreamListener', session, userId);
      if (!isCurrent(session)) { return; }
      var p = peer(userId);
      p.stream = stream;
      p.attached = false;
      if (p.state === 'invited') { p.state = 'connecting'; }
      renderPeer(p);
      summarize();
    };
    vc.onSessionConnectionStateChangedListener = function (session, userId, state) {
      record('onSessionConnectionStateChangedListener', session, userId, null, state);
      // Links closing because this user hung up or declined say nothing new.
      if (!isCurrent(session) || call.ending || call.phase !== 'live') { return; }
      var p = peer(userId);
      if (p.state === 'gone') { return; }
      var S = vc.SessionConnectionState;
      if (state === S.CONNECTED || state === S.COMPLETED) {
        p.state = 'connected';
      } else if (state === S.DISCONNECTED) {
        p.state = 'reconnecting';
      } else if (state === S.FAILED) {
        p.state = 'failed';
      } else if (state === S.CLOSED) {
        peerGone(userId, 'error', 'Lost the connection to ' + displayName(userId));
        return;
      } else {
        return;
      }
      renderPeer(p);
      summarize();
    };
    vc.onSessionCloseListener = function (session) {
      record('onSessionCloseListener', session, null);
      if (isCurrent(session)) { finishCall(session); }
    };
  }

  function rejectBusy(session) {
    var ringing = MeshCall.videochat.SessionState ? MeshCall.videochat.SessionState.NEW : 1;
    if (session.state === ringing) {
      try { session.reject({busy: true}); } catch (e) { console.warn('MeshCall: busy reject failed', e); }
    }
  }

  /**
   * Whether {@code incoming} is a 1:1 call from the one person this user's own 1:1 call, not placed yet, goes to,
   * with an SDK that resolves such glare (it gives session.closeReason; older ones do not).
   */
  function crossesOwnCall(incoming) {
    return incoming.closeReason !== undefined && !call.incoming && call.phase === 'media'
        && call.peers.size === 1 && call.peers.has(String(incoming.initiatorID))
        && Array.from(incoming.opponentsIDs || []).length === 1;
  }

  // ---------- the call: who is in it ----------

  /**
   * The current call. phase: 'media' (the caller is getting the camera), 'ringing' (an incoming call not answered
   * yet), 'live' (rung or accepted). peers: everyone else invited, by String(id), each {id, state, stream}; state is
   * 'invited', 'connecting', 'connected', 'reconnecting', 'failed' or 'gone'. ending: the status to show when the
   * session closes because of this user ("Call ended", "You declined …"); lastGone: the last participant who left,
   * declined or did not answer, which explains an end the SDK reports as plain "ended"; crossing: a call from the
   * person this user is about to call, left for the SDK to merge with ours (glare).
   */
  function newCall(session, incoming) {
    var everyone = [session.initiatorID].concat(Array.from(session.opponentsIDs || []));
    var peers = new Map();
    everyone.forEach(function (id) {
      if (String(id) !== String(session.currentUserID)) {
        peers.set(String(id), {id: id, state: 'invited', stream: null, attached: false});
      }
    });
    return {session: session, incoming: incoming, phase: incoming ? 'ringing' : 'media', peers: peers,
            ending: null, lastGone: null, crossing: null};
  }

  function peer(userId) {
    var p = call.peers.get(String(userId));
    if (!p) {
      // someone the session did not name when it began: still a participant
      p = {id: userId, state: 'invited', stream: null, attached: false};
      call.peers.set(String(userId), p);
    }
    return p;
  }

  function peersIn(states) {
    return Array.from(call.peers.values())
      .filter(function (p) { return states.indexOf(p.state) >= 0; })
      .map(function (p) { return p.id; });
  }

  function peerGone(userId, kind, text) {
    var p = peer(userId);
    if (p.state === 'gone') { return; }
    p.state = 'gone';
    p.stream = null;
    renderPeer(p);
    call.lastGone = {state: kind, text: text, toast: toast(kind, text)};
    summarize();
  }

  function mediaWords(callType) {
    return callType === MeshCall.videochat.CallType.AUDIO ? 'microphone' : 'camera or microphone';
  }

  /** The status line while the call is live, from the participants' states. */
  function summarize() {
    if (!call || call.ending || call.phase !== 'live') { return; }
    var connected = peersIn(['connected']);
    var reconnecting = peersIn(['reconnecting']);
    var failed = peersIn(['failed']);
    var connecting = peersIn(['connecting']);
    var invited = call.incoming ? [] : peersIn(['invited']);
    if (reconnecting.length > 0) {
      setStatus('reconnecting', 'Connection to ' + names(reconnecting) + ' interrupted — reconnecting…');
    } else if (failed.length > 0 && connected.length === 0) {
      setStatus('error', 'Connection to ' + names(failed) + ' failed');
    } else if (connected.length > 0) {
      setStatus('connected', 'Connected with ' + names(connected));
    } else if (connecting.length > 0) {
      setStatus('connecting', call.incoming ? 'Connecting to ' + names(connecting) + '…'
                                            : names(connecting) + ' answered — connecting…');
    } else if (invited.length > 0) {
      setStatus('calling', 'Calling ' + names(invited) + '…');
    } else if (peersIn(['invited']).length > 0) {
      // a callee with nobody here now: the others the caller invited may still join
      setStatus('waiting', 'Waiting for ' + names(peersIn(['invited'])) + '…');
    }
    var ringingStill = connected.length + connecting.length + reconnecting.length > 0 ? invited : [];
    $('call-invited').hidden = ringingStill.length === 0;
    $('call-invited').textContent = ringingStill.length ? 'Still ringing: ' + names(ringingStill) : '';
    var waiting = peersIn(['invited', 'connecting']);
    $('stage-note').textContent = call.incoming || waiting.length === 0 ? 'Connecting…'
        : 'Waiting for ' + names(waiting) + '…';
  }

  // ---------- the stage: one tile per participant ----------

  function tileOf(p) {
    return document.querySelector('[data-testid="tile-' + p.id + '"]');
  }

  /** Shows, updates or removes the participant's tile. */
  function renderPeer(p) {
    var tile = tileOf(p);
    var shown = call.phase === 'live' && p.state !== 'gone' && (p.state !== 'invited' || p.stream !== null);
    if (!shown) {
      if (tile) {
        try { call.session.detachMediaStream('remote-video-' + p.id); } catch (ignored) { /* already gone */ }
        tile.remove();
        countTiles();
      }
      return;
    }
    if (!tile) {
      tile = newTile(p);
      $('tiles').append(tile);
      p.attached = false;
      countTiles();
    }
    if (p.stream && !p.attached) {
      call.session.attachMediaStream('remote-video-' + p.id, p.stream);
      p.attached = true;
    }
    var audioOnly = call.session.callType === MeshCall.videochat.CallType.AUDIO
        || (p.stream !== null && p.stream.getVideoTracks().length === 0);
    tile.classList.toggle('audio-only', audioOnly);
    tile.dataset.state = p.state;
    var label = {connecting: 'connecting…', reconnecting: 'reconnecting…', failed: 'connection failed'}[p.state];
    if (p.state === 'invited') { label = 'connecting…'; }
    var state = tile.querySelector('.tile-state');
    state.textContent = label || '';
    state.hidden = !label;
  }

  function newTile(p) {
    var name = displayName(p.id);
    var tile = document.createElement('figure');
    tile.className = 'video remote tile';
    tile.dataset.testid = 'tile-' + p.id;
    tile.dataset.initials = initials(name);
    var video = document.createElement('video');
    video.id = 'remote-video-' + p.id;
    video.dataset.testid = 'remote-video-' + p.id;
    video.autoplay = true;
    video.playsInline = true;
    var caption = document.createElement('figcaption');
    var label = document.createElement('span');
    label.className = 'tile-name';
    label.dataset.testid = 'tile-name-' + p.id;
    label.textContent = name;
    var state = document.createElement('span');
    state.className = 'tile-state';
    state.dataset.testid = 'tile-state-' + p.id;
    caption.append(label, state);
    tile.append(video, caption);
    return tile;
  }

  function countTiles() {
    var count = String(document.querySelectorAll('#tiles .tile').length);
    $('tiles').dataset.count = count;
    $('videos').dataset.count = count;
  }

  function clearTiles(session) {
    document.querySelectorAll('#tiles .tile').forEach(function (tile) {
      var video = tile.querySelector('video');
      try { session.detachMediaStream(video.id); } catch (ignored) { /* already gone */ }
      video.srcObject = null;
      tile.remove();
    });
    countTiles();
  }

  // ---------- calls ----------

  /**
   * getUserMedia constraints. In a group call every camera is encoded once per other participant (a mesh), so a
   * group call asks for 320x240 at 15 frames/s: what a 4-person mesh sustains on a modest machine.
   */
  function mediaParams(callType, people) {
    if (callType === MeshCall.videochat.CallType.AUDIO) { return {audio: true, video: false}; }
    return people > 2
      ? {audio: true, video: {width: {ideal: 320}, height: {ideal: 240}, frameRate: {ideal: 15}}}
      : {audio: true, video: {width: {ideal: 640}, height: {ideal: 480}}};
  }

  function showCall(session) {
    var audioOnly = session.callType === MeshCall.videochat.CallType.AUDIO;
    var everyone = Array.from(call.peers.values()).map(function (p) { return p.id; });
    $('call-title').textContent = (audioOnly ? 'Audio call with ' : 'Video call with ') + names(everyone);
    $('stage-note').textContent = call.incoming ? 'Connecting…' : 'Calling ' + names(everyone) + '…';
    $('stage-note').hidden = false;
    $('call-controls').hidden = false;
    $('mute-video-button').hidden = audioOnly;
    setPressed('mute-audio-button', false, 'Mute mic', 'Unmute mic');
    setPressed('mute-video-button', false, 'Stop camera', 'Start camera');
    document.querySelector('.stage').classList.add('in-call');
    document.querySelector('.stage').classList.toggle('audio-call', audioOnly);
    renderUsers();
  }

  function ring(session) {
    app.session = session;
    call = newCall(session, true);
    var audioOnly = session.callType === MeshCall.videochat.CallType.AUDIO;
    var others = Array.from(call.peers.values())
      .map(function (p) { return p.id; })
      .filter(function (id) { return String(id) !== String(session.initiatorID); });
    $('incoming-caller').textContent = displayName(session.initiatorID);
    $('incoming-others').hidden = others.length === 0;
    $('incoming-others').textContent = others.length ? 'Group call, also invited: ' + names(others) : '';
    $('incoming-type').textContent = audioOnly ? 'audio' : 'video';
    $('incoming-dialog').hidden = false;
    $('accept-button').focus();
    setStatus('ringing', displayName(session.initiatorID) + ' is calling you'
        + (others.length ? ' with ' + names(others) : '') + ' (' + (audioOnly ? 'audio' : 'video') + ')…');
    renderUsers();
  }

  function startCall(ids, type) {
    if (app.session !== null) { return; }
    var vc = MeshCall.videochat;
    var session;
    try {
      session = vc.createNewSession(ids, vc.CallType[type], {});
    } catch (e) {
      showError('Could not start the call', e);
      return;
    }
    app.session = session;
    call = newCall(session, false);
    selected = [];
    refusal = null;
    showCall(session);
    var what = mediaWords(session.callType);
    setStatus('calling', 'Getting your ' + (type === 'AUDIO' ? 'microphone' : 'camera and microphone') + '…');
    session.getUserMedia(mediaParams(session.callType, ids.length + 1)).then(function (stream) {
      if (!isCurrent(session)) { return; }
      session.attachMediaStream('local-video', stream, {muted: true, mirror: true});
      call.phase = 'live';
      summarize();
      session.call({}, function (error) {
        if (error && isCurrent(session)) { endOwnCall(session, 'error', 'Call failed — ' + errorText(error)); }
      });
    }, function (e) {
      if (!isCurrent(session)) { return; }
      endOwnCall(session, 'error', 'Cannot use your ' + what + ' — ' + errorText(e));
    }).catch(function (e) {
      if (isCurrent(session)) { endOwnCall(session, 'error', 'Call failed — ' + errorText(e)); }
    });
  }

  function acceptCall() {
    var session = app.session;
    if (!session || call.phase !== 'ringing') { return; }
    call.phase = 'accepting';
    $('incoming-dialog').hidden = true;
    showCall(session);
    setStatus('connecting', 'Connecting…');
    var people = call.peers.size + 1;
    session.getUserMedia(mediaParams(session.callType, people)).then(function (stream) {
      if (!isCurrent(session)) { return; }
      session.attachMediaStream('local-video', stream, {muted: true, mirror: true});
      session.accept({});
      call.phase = 'live';
      var caller = peer(session.initiatorID);
      if (caller.state === 'invited') { caller.state = 'connecting'; }
      // streams that arrived while ringing get their tiles now
      call.peers.forEach(function (p) { renderPeer(p); });
      summarize();
    }, function (e) {
      if (!isCurrent(session)) { return; }
      // Say why to the caller, so their page does not call it a refusal.
      var error = errorText(e).slice(0, 300);
      call.ending = {state: 'error', text: 'Cannot use your ' + mediaWords(session.callType) + ' — ' + error};
      try {
        session.reject({reason: 'media', error: error});
      } catch (rejectError) {
        console.warn('MeshCall: reject after a media failure failed', rejectError);
      }
      finishCall(session);
    }).catch(function (e) {
      if (isCurrent(session)) { endOwnCall(session, 'error', 'Could not answer — ' + errorText(e)); }
    });
  }

  function rejectCall() {
    var session = app.session;
    if (!session || call.phase !== 'ringing') { return; }
    call.ending = {state: 'rejected', text: 'You declined the call from ' + displayName(session.initiatorID)};
    try { session.reject({}); } catch (e) { console.warn('MeshCall: reject failed', e); }
    finishCall(session);
  }

  function hangUp() {
    var session = app.session;
    if (!session) { return; }
    endOwnCall(session, 'ended', 'Call ended');
  }

  /** Ends the call from this side: hangs up (or cancels) and shows {@code text}. */
  function endOwnCall(session, state, text) {
    call.ending = {state: state, text: text};
    try { session.stop({}); } catch (e) { console.warn('MeshCall: stop failed', e); }
    finishCall(session);
  }

  /** The session is over for this user (it may have said so already; then this does nothing). */
  function finishCall(session) {
    if (!isCurrent(session)) { return; }
    if (call.crossing) { rejectBusy(call.crossing); } // our call never went out: the crossing one still rings
    var end = call.ending || endFromReason(session.closeReason);
    setStatus(end.state, end.text);
    if (call.lastGone && !call.ending && end.text.indexOf(call.lastGone.text) >= 0) {
      call.lastGone.toast.remove(); // the status line says it already
    }
    endCall();
  }

  /** What to say when the SDK ended the session; closeReason is undefined with SDKs that do not give one. */
  function endFromReason(reason) {
    var caller = displayName(call.session.initiatorID);
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
          var last = call.lastGone;
          return last.state === 'ended' ? {state: 'ended', text: 'Call ended — ' + last.text} : last;
        }
        if (call.phase === 'ringing') { return {state: 'ended', text: 'The call from ' + caller + ' ended'}; }
        return {state: 'ended', text: 'Call ended'};
    }
  }

  function endCall() {
    var session = app.session;
    app.session = null;
    call = null;
    $('incoming-dialog').hidden = true;
    $('call-controls').hidden = true;
    $('call-invited').hidden = true;
    $('stage-note').hidden = true;
    $('call-title').textContent = 'No call';
    document.querySelector('.stage').classList.remove('in-call', 'audio-call');
    if (session) {
      clearTiles(session);
      try { session.detachMediaStream('local-video'); } catch (ignored) { /* already gone */ }
    }
    $('local-video').srcObject = null;
    if (me) { renderUsers(); }
  }

  function setPressed(id, pressed, offLabel, onLabel) {
    var b = $(id);
    b.setAttribute('aria-pressed', String(pressed));
    b.textContent = pressed ? onLabel : offLabel;
  }

  function toggle(kind, id, offLabel, onLabel) {
    var session = app.session;
    if (!session) { return; }
    var pressed = $(id).getAttribute('aria-pressed') !== 'true';
    try {
      if (pressed) { session.mute(kind); } else { session.unmute(kind); }
      setPressed(id, pressed, offLabel, onLabel);
    } catch (e) {
      showError('Could not ' + (pressed ? 'mute' : 'unmute') + ' ' + kind, e);
    }
  }

  // ---------- sign in / out ----------

  function credentials() {
    return {login: $('login-input').value.trim(), password: $('password-input').value};
  }

  function busyForm(busy) {
    $('signin-button').disabled = busy;
    $('signup-button').disabled = busy;
  }

  function signIn(login, password) {
    setStatus('signing-in', 'Signing in…');
    return api('POST', '/api/login', {login: login, password: password}).then(function (data) {
      me = {id: data.user.id, login: data.user.login, fullName: data.user.fullName, token: data.token};
      if (!initialized) {
        // autoRejectWhenBusy: the SDK answers "busy" to a call that comes during another one
        MeshCall.init({videochat: {autoRejectWhenBusy: true}});
        initialized = true;
      }
      installListeners();
      return MeshCall.chat.connect({userId: me.id, token: me.token});
    }).then(function () {
      $('me-name').textContent = me.fullName || me.login;
      $('auth-view').hidden = true;
      $('main-view').hidden = false;
      $('me').hidden = false;
      $('password-input').value = '';
      setStatus('idle', 'Signed in as ' + (me.fullName || me.login));
      return loadUsers();
    }).catch(function (e) {
      if (e.status === 401) {
        setStatus('error', 'Wrong login or password');
      } else {
        showError('Could not sign in', e);
      }
      var connected = false;
      try { connected = !!(MeshCall.chat && MeshCall.chat.isConnected); } catch (ignored) { connected = false; }
      if (!connected) { me = null; }
    });
  }

  function signUp() {
    var c = credentials();
    var fullName = $('fullname-input').value.trim();
    if (!c.login || !c.password || !fullName) {
      setStatus('error', 'To create an account, fill in login, password and full name');
      return;
    }
    busyForm(true);
    setStatus('signing-up', 'Creating your account…');
    api('POST', '/api/users', {login: c.login, password: c.password, fullName: fullName})
      .then(function () { return signIn(c.login, c.password); })
      .catch(function (e) {
        if (e.status === 409) {
          setStatus('error', 'The login "' + c.login + '" is taken');
        } else {
          showError('Could not create the account', e);
        }
      })
      .then(function () { busyForm(false); });
  }

  function signOut() {
    if (app.session) { hangUp(); }
    var token = me && me.token;
    try { MeshCall.chat.disconnect(); } catch (ignored) { /* already closed */ }
    me = null;
    users = new Map();
    selected = [];
    refusal = null;
    $('main-view').hidden = true;
    $('me').hidden = true;
    $('auth-view').hidden = false;
    setStatus('idle', 'Signed out');
    if (token) { api('POST', '/api/logout', undefined, token).catch(function () { /* the token expires anyway */ }); }
  }

  // ---------- wiring ----------

  $('auth-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var c = credentials();
    if (!c.login || !c.password) {
      setStatus('error', 'Enter your login and password');
      return;
    }
    busyForm(true);
    signIn(c.login, c.password).then(function () { busyForm(false); });
  });
  $('signup-button').addEventListener('click', signUp);
  $('signout-button').addEventListener('click', signOut);
  $('call-selected-video').addEventListener('click', function () { callSelected('VIDEO'); });
  $('call-selected-audio').addEventListener('click', function () { callSelected('AUDIO'); });
  $('accept-button').addEventListener('click', acceptCall);
  $('reject-button').addEventListener('click', rejectCall);
  $('hangup-button').addEventListener('click', hangUp);
  $('mute-audio-button').addEventListener('click', function () {
    toggle('audio', 'mute-audio-button', 'Mute mic', 'Unmute mic');
  });
  $('mute-video-button').addEventListener('click', function () {
    toggle('video', 'mute-video-button', 'Stop camera', 'Start camera');
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && !$('incoming-dialog').hidden) { rejectCall(); }
  });

  if (typeof MeshCall === 'undefined') {
    setStatus('error', 'The calling SDK (meshcall.js) did not load');
  } else {
    setStatus('idle', 'Sign in or create an account');
  }
})();
