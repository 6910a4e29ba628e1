// MeshCall web app: sign in, see who is online, call, answer, hang up. Built only on the SDK's documented
// JavaScript API (docs/js-api.md: the MeshCall global) and fetch for the REST account calls.
(function () {
  'use strict';

  var app = {session: null, events: []};
  window.meshcallApp = app; // read by the e2e tests: the current session and every SDK listener call

  var me = null;             // {id, login, fullName, token}
  var users = new Map();     // String(id) -> {id, login, fullName, online}
  var peerId = null;         // the other person of the current call
  var initialized = false;
  var listenersInstalled = false;

  var $ = function (id) { return document.getElementById(id); };

  // ---------- status line ----------

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
    others.forEach(function (u) {
      var li = document.createElement('li');
      li.className = 'user' + (u.online ? ' online' : '');
      li.dataset.testid = 'user-row-' + u.id;

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

      var busy = app.session !== null;
      var video = button('Video call', 'video-call-' + u.id, function () { startCall(u.id, 'VIDEO'); });
      var audio = button('Audio call', 'audio-call-' + u.id, function () { startCall(u.id, 'AUDIO'); });
      video.disabled = audio.disabled = busy || !u.online;
      video.setAttribute('aria-label', 'Video call ' + (u.fullName || u.login));
      audio.setAttribute('aria-label', 'Audio call ' + (u.fullName || u.login));

      var actions = document.createElement('div');
      actions.className = 'row-actions';
      actions.append(video, audio);
      li.append(who, actions);
      list.append(li);
    });
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
        // already ringing or in a call: tell the caller we are busy
        try { session.reject({busy: true}); } catch (e) { console.warn('MeshCall: busy reject failed', e); }
        return;
      }
      app.session = session;
      peerId = session.initiatorID;
      var audioOnly = session.callType === vc.CallType.AUDIO;
      $('incoming-caller').textContent = displayName(peerId);
      $('incoming-type').textContent = audioOnly ? 'audio' : 'video';
      $('incoming-dialog').hidden = false;
      $('accept-button').focus();
      setStatus('ringing', displayName(peerId) + ' is calling you (' + (audioOnly ? 'audio' : 'video') + ')…');
      renderUsers();
    };
    vc.onAcceptCallListener = function (session, userId, extension) {
      record('onAcceptCallListener', session, userId, extension);
      if (isCurrent(session)) { setStatus('connecting', displayName(userId) + ' answered — connecting…'); }
    };
    vc.onRejectCallListener = function (session, userId, extension) {
      record('onRejectCallListener', session, userId, extension);
      if (isCurrent(session)) {
        if (extension && extension.busy === true) {
          setStatus('busy', displayName(userId) + ' is busy');
        } else {
          setStatus('rejected', displayName(userId) + ' rejected the call');
        }
        endCall();
      }
    };
    vc.onStopCallListener = function (session, userId, extension) {
      record('onStopCallListener', session, userId, extension);
      if (isCurrent(session)) {
        var ringing = !$('incoming-dialog').hidden;
        setStatus('ended', ringing ? 'Missed call from ' + displayName(userId)
                                   : 'Call ended — ' + displayName(userId) + ' hung up');
        endCall();
      }
    };
    vc.onUserNotAnswerListener = function (session, userId) {
      record('onUserNotAnswerListener', session, userId);
      if (isCurrent(session)) {
        setStatus('no-answer', 'No answer from ' + displayName(userId));
        try { session.stop({}); } catch (ignored) { /* the SDK already ended it */ }
        endCall();
      }
    };
    vc.onRemoteStreamListener = function (session, userId, stream) {
      record('onRemoteStreamListener', session, userId);
      if (isCurrent(session)) {
        session.attachMediaStream('remote-video', stream);
        $('remote-video').closest('.video').classList.toggle('audio-only', stream.getVideoTracks().length === 0);
      }
    };
    vc.onSessionConnectionStateChangedListener = function (session, userId, state) {
      record('onSessionConnectionStateChangedListener', session, userId, null, state);
      if (!isCurrent(session)) { return; }
      var S = vc.SessionConnectionState;
      if (state === S.CONNECTED || state === S.COMPLETED) {
        setStatus('connected', 'Connected with ' + displayName(userId));
      } else if (state === S.DISCONNECTED) {
        setStatus('reconnecting', 'Connection to ' + displayName(userId) + ' interrupted — reconnecting…');
      } else if (state === S.FAILED) {
        setStatus('error', 'Connection to ' + displayName(userId) + ' failed');
      }
    };
    vc.onSessionCloseListener = function (session) {
      record('onSessionCloseListener', session, null);
      if (isCurrent(session)) {
        if (['connected', 'connecting', 'calling', 'ringing', 'reconnecting'].indexOf($('status').dataset.state) >= 0) {
          setStatus('ended', 'Call ended');
        }
        endCall();
      }
    };
  }

  // ---------- calls ----------

  function mediaParams(callType) {
    return callType === MeshCall.videochat.CallType.AUDIO
      ? {audio: true, video: false}
      : {audio: true, video: {width: {ideal: 640}, height: {ideal: 480}}};
  }

  function showCall(session) {
    var audioOnly = session.callType === MeshCall.videochat.CallType.AUDIO;
    $('call-title').textContent = (audioOnly ? 'Audio call with ' : 'Video call with ') + displayName(peerId);
    $('remote-label').textContent = displayName(peerId);
    document.querySelector('.video.remote').dataset.initials = initials(displayName(peerId));
    $('call-controls').hidden = false;
    $('mute-video-button').hidden = audioOnly;
    setPressed('mute-audio-button', false, 'Mute mic', 'Unmute mic');
    setPressed('mute-video-button', false, 'Stop camera', 'Start camera');
    document.querySelector('.stage').classList.add('in-call');
    document.querySelector('.stage').classList.toggle('audio-call', audioOnly);
    renderUsers();
  }

  function startCall(userId, type) {
    if (app.session !== null) { return; }
    var vc = MeshCall.videochat;
    var session;
    try {
      session = vc.createNewSession([userId], vc.CallType[type], {});
    } catch (e) {
      showError('Could not start the call', e);
      return;
    }
    app.session = session;
    peerId = userId;
    showCall(session);
    setStatus('calling', 'Getting your ' + (type === 'AUDIO' ? 'microphone' : 'camera and microphone') + '…');
    session.getUserMedia(mediaParams(session.callType)).then(function (stream) {
      if (!isCurrent(session)) { return; }
      session.attachMediaStream('local-video', stream, {muted: true, mirror: true});
      setStatus('calling', 'Calling ' + displayName(userId) + '…');
      session.call({}, function (error) {
        if (error && isCurrent(session)) { showError('Call failed', error); endCall(); }
      });
    }).catch(function (e) {
      if (!isCurrent(session)) { return; }
      showError('Cannot use your ' + (type === 'AUDIO' ? 'microphone' : 'camera or microphone'), e);
      endCall();
    });
  }

  function acceptCall() {
    var session = app.session;
    if (!session) { return; }
    $('incoming-dialog').hidden = true;
    showCall(session);
    setStatus('connecting', 'Connecting…');
    session.getUserMedia(mediaParams(session.callType)).then(function (stream) {
      if (!isCurrent(session)) { return; }
      session.attachMediaStream('local-video', stream, {muted: true, mirror: true});
      session.accept({});
    }).catch(function (e) {
      if (!isCurrent(session)) { return; }
      showError('Cannot use your camera or microphone', e);
      session.reject({error: errorText(e)});
      endCall();
    });
  }

  function rejectCall() {
    var session = app.session;
    if (!session) { return; }
    try { session.reject({}); } catch (e) { console.warn('MeshCall: reject failed', e); }
    setStatus('rejected', 'You declined the call from ' + displayName(peerId));
    endCall();
  }

  function hangUp() {
    var session = app.session;
    if (!session) { return; }
    try { session.stop({}); } catch (e) { console.warn('MeshCall: stop failed', e); }
    setStatus('ended', 'Call ended');
    endCall();
  }

  function endCall() {
    var session = app.session;
    app.session = null;
    peerId = null;
    $('incoming-dialog').hidden = true;
    $('call-controls').hidden = true;
    $('call-title').textContent = 'No call';
    $('remote-label').textContent = 'Remote';
    document.querySelector('.stage').classList.remove('in-call', 'audio-call');
    document.querySelector('.video.remote').classList.remove('audio-only');
    if (session) {
      try { session.detachMediaStream('remote-video'); } catch (ignored) { /* already gone */ }
      try { session.detachMediaStream('local-video'); } catch (ignored) { /* already gone */ }
    }
    $('remote-video').srcObject = null;
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
        MeshCall.init({});
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
