// The seed system's "Video Calling" guide, section by section, run against MeshCall's JavaScript API
// (docs/js-api.md) and nothing else. Each snippet is a function whose own source the page prints above its button,
// so what is shown is what runs. The snippets are the guide's with ConnectyCube renamed MeshCall; where one had to
// change, a comment in it says why (docs/js-api.md, "The seed's guide, run live", lists them).
//
// A classic script, not strict mode, on purpose: the guide's network recipe assigns undeclared globals
// (iceRestartTimeout, needIceRestartForUsersIds) and reads this.needIceRestartForUsersIds inside an arrow function,
// which only works in sloppy mode, where `this` there is window.
(function () {
  // ---- the page's own state and helpers (not the guide's) ----

  let session = null;               // the guide's `session`: the one created here, or the one that called us
  let currentUser = null;           // {id, password}, as the guide's recipe names it
  const events = [];                // every listener call, in order, as the e2e tests read it
  window.events = events;
  window.session = null;

  function setSession(value) {
    session = value;
    window.session = value;
  }

  function log(text) {
    const item = document.createElement('li');
    item.textContent = new Date().toLocaleTimeString() + '  ' + text;
    document.getElementById('log').appendChild(item);
  }

  function record(name, sessionOfEvent, userId, extra) {
    const event = Object.assign({name: name, sessionId: sessionOfEvent ? sessionOfEvent.ID : null,
      userId: userId === undefined ? null : userId, t: Date.now()}, extra || {});
    events.push(event);
    log(name + (userId === undefined ? '' : ' from user ' + userId)
        + (extra && extra.state !== undefined ? ': state ' + extra.state : ''));
  }

  function failed(what) {
    return (error) => log(what + ' failed: ' + (error && error.name ? error.name + ': ' : '') + error.message);
  }

  function showIncoming(text) {
    const box = document.getElementById('incoming');
    document.getElementById('incoming-text').textContent = text;
    box.hidden = text === null;
  }

  function calleesFromField() {
    return document.getElementById('callees').value.split(',').map((s) => s.trim()).filter((s) => s !== '')
        .map(Number);
  }

  // ---- the guide's snippets ----

  // Preparations, and "Tackling Network changes" step one: init with the recipe's disconnectTimeInterval, then
  // connect to chat as the recipe's own reconnect does.
  function connect() {
    const credentials = {}; // MeshCall's server is the app: an app id and key are not needed, and ignored
    const appConfig = {
      videochat: {
        disconnectTimeInterval: 300,
      }
    };
    MeshCall.init(credentials, appConfig);
    return MeshCall.chat.connect({
      userId: currentUser.id,
      password: currentUser.password,
    });
  }

  // "Create video session". The guide's ids ([56, 76, 34]) are an example: here they come from the field above, and
  // the session is kept for the later sections (the guide's `const session`).
  function createSession() {
    const calleesIds = calleesFromField(); // User's ids
    const sessionType = MeshCall.videochat.CallType.VIDEO; // AUDIO is also possible
    const additionalOptions = document.getElementById('low-bandwidth').checked ? {bandwidth: 256} : {};
    const session = MeshCall.videochat.createNewSession(calleesIds, sessionType, additionalOptions);
    setSession(session);
  }

  // "Access local media stream", "HD video quality" and "Attach local media stream".
  function getUserMedia() {
    const mediaParams = document.getElementById('hd').checked
      ? {video: { width: 1280, height: 720 }, audio: true}
      : {
        audio: true,
        video: true
      };
    return session
      .getUserMedia(mediaParams)
      .then((localStream) => {
        session.attachMediaStream("myVideoElementId", localStream, {
          muted: true,
          mirror: true,
        });
      })
      .catch(failed('getUserMedia'));
  }

  // "Initiate a call", and "Limit bandwidth" when initiating it.
  function call() {
    const extension = document.getElementById('call-bandwidth').checked
      ? {maxBandwidth: 256} // default is 0 - unlimited
      : {};
    session.call(extension, (error) => {
      if (error) { failed('call')(error); }
    });
  }

  // The listeners the guide sets, one section after another. Their bodies are the page's: the guide leaves them
  // empty, or says in a comment what to do (show Accept and Reject; attach the remote stream).
  function listeners() {
    MeshCall.videochat.onCallListener = function (session, extension) {
      setSession(session);
      record('onCallListener', session, session.initiatorID, {extension: extension});
      // Here we need to show a dialog with 2 buttons - Accept & Reject.
      showIncoming('User ' + session.initiatorID + ' is calling you');
    };
    MeshCall.videochat.onUserNotAnswerListener = function (session, userId) {
      record('onUserNotAnswerListener', session, userId);
    };
    MeshCall.videochat.onAcceptCallListener = function (session, userId, extension) {
      record('onAcceptCallListener', session, userId, {extension: extension});
    };
    MeshCall.videochat.onRemoteStreamListener = function (session, userID, remoteStream) {
      record('onRemoteStreamListener', session, userID);
      // attach the remote stream to DOM element
      session.attachMediaStream("remoteOpponentVideoElementId", remoteStream);
    };
    MeshCall.videochat.onRejectCallListener = function (session, userId, extension) {
      record('onRejectCallListener', session, userId, {extension: extension});
    };
    MeshCall.videochat.onStopCallListener = function (session, userId, extension) {
      record('onStopCallListener', session, userId, {extension: extension});
    };
    MeshCall.videochat.onSessionCloseListener = function (session) {
      record('onSessionCloseListener', session);
      showIncoming(null);
    };
  }

  // "Accept a call": the guide's steps 1 and 2.
  async function accept() {
    showIncoming(null);
    // 1. await session.getUserMedia (...)
    await getUserMedia();
    // 2. Accept call request:
    const extension = {};
    session.accept(extension);
  }

  // "Reject a call".
  function reject() {
    showIncoming(null);
    const extension = {};
    session.reject(extension);
  }

  // "Reject a call" without the session object: the guide's callId and callInitiatorID are what a push
  // notification would carry; here they are read off the ringing session, which is then forgotten.
  async function callRejectRequest() {
    showIncoming(null);
    const callId = session.ID;
    const callInitiatorID = session.initiatorID;
    MeshCall.videochat.clearSession(callId);
    const params = {
      sessionID: callId,
      recipientId: callInitiatorID,
      platform: 'web'
    };
    await MeshCall.videochat.callRejectRequest(params);
  }

  // "End a call".
  function stop() {
    const extension = {};
    session.stop(extension);
  }

  // "Mute audio".
  function muteAudio() {
    session.mute("audio");
  }

  function unmuteAudio() {
    session.unmute("audio");
  }

  // "Mute video".
  function muteVideo() {
    session.mute("video");
  }

  function unmuteVideo() {
    session.unmute("video");
  }

  // "Limit bandwidth" during a call: this user's own video only.
  function setMaxBandwidth() {
    session.setMaxBandwidth(512); // set 0 to remove the limit
  }

  // "Switch video cameras" (and "Switch audio output": the kind chosen above). The guide keeps the last device of the
  // loop; the page lists them all to choose from.
  function getMediaDevices() {
    let deviceInfo, deviceId, deviceLabel;
    const select = document.getElementById('device');
    select.textContent = '';
    return MeshCall.videochat
      .getMediaDevices(document.getElementById('device-kind').value)
      .then((devices) => {
        if (devices.length) {
          // here is a list of all available cameras
          for (let i = 0; i !== devices.length; ++i) {
            deviceInfo = devices[i];
            deviceId = deviceInfo.deviceId;
            deviceLabel = deviceInfo.label;
            select.add(new Option(deviceLabel || deviceId, deviceId));
          }
        }
      })
      .catch(failed('getMediaDevices'));
  }

  function switchMediaTracks() {
    const deviceId = document.getElementById('device').value;
    const constraints = document.getElementById('device-kind').value === 'audioinput'
      ? { audio: deviceId }
      : { video: deviceId };
    return session
      .switchMediaTracks(constraints)
      .then((stream) => log('now sending ' + stream.getTracks().map((t) => t.label).join(', ')))
      .catch(failed('switchMediaTracks'));
  }

  // "Screen Sharing".
  function getDisplayMedia() {
    const constraints = {
      video: {
        width: 1280,
        height: 720,
        frameRate: { ideal: 10, max: 15 },
      },
      audio: true,
    };
    return session
      .getDisplayMedia(constraints)
      .then((localDesktopStream) => log('sharing the screen: ' + localDesktopStream.getVideoTracks()[0].label))
      .catch(failed('getDisplayMedia'));
  }

  // "Tackling Network changes", steps two to five. The guide writes maybeDoIceRestart as a class method
  // (`async maybeDoIceRestart(session, userID) {`), which is not a statement: here it is a function. The recipe's
  // `session` in window.ononline is the page's.
  function tacklingNetworkChanges() {
    let isOnline = window.navigator.onLine;
    window.onoffline = () => {
      isOnline = false;
    };
    window.ononline = () => {
      isOnline = true;
    };

    async function maybeDoIceRestart(session, userID) {
      try {
        // firstly let's check if we are still connected to chat
        await MeshCall.chat.pingWithTimeout();
        // do ICE restart
        if (session.canInitiateIceRestart(userID)) {
          session.iceRestart(userID);
        }
      } catch (error) {
        console.error(error.message);
        // chat ping request has timed out,
        // so need to reconnect to Chat
        await MeshCall.chat.disconnect();
        await MeshCall.chat.connect({
          userId: currentUser.id,
          password: currentUser.password,
        })
        // do ICE restart
        if (session.canInitiateIceRestart(userID)) {
          session.iceRestart(userID);
        }
      }
    }

    iceRestartTimeout = null;
    needIceRestartForUsersIds = [];
    MeshCall.videochat.onSessionConnectionStateChangedListener = (
      session,
      userID,
      connectionState
    ) => {
      console.log(
        "[onSessionConnectionStateChangedListener]",
        userID,
        connectionState
      );
      record('onSessionConnectionStateChangedListener', session, userID, {state: connectionState});
      const { DISCONNECTED, FAILED, CONNECTED, CLOSED } =
        MeshCall.videochat.SessionConnectionState;
      if (connectionState === DISCONNECTED || connectionState === FAILED) {
        iceRestartTimeout = setTimeout(() => {
          // Connection not restored within 30 seconds, trying ICE restart...
          if (isOnline) {
            maybeDoIceRestart(session, userID);
          } else {
            // Skip ICE restart, no Internet connection
            this.needIceRestartForUsersIds.push(userID);
          }
        }, 30000);
      } else if (connectionState === CONNECTED) {
        clearTimeout(iceRestartTimeout);
        iceRestartTimeout = null;
        needIceRestartForUsersIds = [];
      } else if (connectionState === CLOSED) {
        needIceRestartForUsersIds = [];
      }
    };

    window.ononline = () => {
      if (!isOnline) {
        if (session && needIceRestartForUsersIds.length > 0) {
          for (let userID of needIceRestartForUsersIds) {
            maybeDoIceRestart(session, userID);
          }
        }
      }
      isOnline = true;
    };

    return maybeDoIceRestart;
  }

  // ---- beyond the guide: what its "Recording" section points to, built in ----

  function startRecording() {
    session.startRecording();
  }

  function stopRecording() {
    return session.stopRecording().then((blob) => {
      const link = document.getElementById('recording-link');
      link.href = URL.createObjectURL(blob);
      link.textContent = 'call.webm (' + blob.size + ' bytes)';
      link.hidden = false;
    }).catch(failed('stopRecording'));
  }

  // ---- wiring: print each snippet's source, run it from its button ----

  let maybeDoIceRestart = null;

  function iceRestartNow() {
    return Promise.all(session.opponentsIDs.concat([session.initiatorID])
      .filter((id) => id !== session.currentUserID)
      .map((userID) => maybeDoIceRestart(session, userID)));
  }

  const snippets = {
    connect, createSession, getUserMedia, call, listeners, accept, reject, callRejectRequest, stop, muteAudio,
    unmuteAudio, muteVideo, unmuteVideo, setMaxBandwidth, getMediaDevices, switchMediaTracks, getDisplayMedia,
    tacklingNetworkChanges, startRecording, stopRecording, iceRestartNow
  };

  /** A function's source with the indentation it has in this file taken off. */
  function sourceOf(fn) {
    const lines = fn.toString().split('\n');
    const indent = Math.min(...lines.slice(1).filter((l) => l.trim() !== '').map((l) => l.match(/^ */)[0].length));
    return [lines[0]].concat(lines.slice(1).map((l) => l.slice(Math.min(indent, l.match(/^ */)[0].length))))
      .join('\n');
  }

  function run(name) {
    log('run ' + name);
    try {
      return Promise.resolve(snippets[name]()).catch(failed(name));
    } catch (error) {
      failed(name)(error);
      return Promise.resolve();
    }
  }

  document.querySelectorAll('[data-snippet]').forEach((code) => {
    code.textContent = sourceOf(snippets[code.dataset.snippet]);
  });
  document.querySelectorAll('[data-run]').forEach((button) => {
    button.addEventListener('click', () => run(button.dataset.run));
  });
  document.getElementById('connect-form').addEventListener('submit', (event) => {
    event.preventDefault();
    currentUser = {id: Number(document.getElementById('user-id').value),
      password: document.getElementById('password').value};
    run('connect').then(() => {
      if (MeshCall.chat.isConnected) {
        listeners();
        maybeDoIceRestart = tacklingNetworkChanges();
        log('connected as user ' + currentUser.id);
        document.body.dataset.connected = 'true';
      }
    });
  });
})();
