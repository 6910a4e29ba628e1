// The call flow: placing, answering, declining and leaving a call, and what the SDK's listeners mean for the
// current call. The page holds one call at a time (state.call); views render it from the store.
import {app} from './probe.js';
import {state, changed, setStatus, showError, errorText, noMedia} from './store.js';
import {displayName, names, nameAndLogin} from './names.js';
import {newCall, peer, summarize, endFromReason, mediaWords, mediaParams} from './call-model.js';
import {toast} from './views/toasts.js';
import {stopPreview} from './media/preview.js';
import {captureWithChosenDevices} from './media/devices.js';
import {gradeOf} from './media/quality.js';
import {saveCall, forgetCall, loadSavedCall, REJOIN_WITHIN_MILLIS} from './saved-call.js';

function isCurrent(session) {
  return app.session !== null && session && app.session.ID === session.ID;
}

function begin(session, incoming) {
  app.session = session;
  state.call = newCall(session, incoming);
  state.media = noMedia();
  changed('call', 'media', 'people');
}

/** Recomputes the status line and notes from the participants (only while live and not ending). */
function refresh() {
  const call = state.call;
  if (call && !call.ending && call.phase === 'live') {
    const summary = summarize(call);
    if (summary.status) { setStatus(summary.status.state, summary.status.text); }
    call.invitedNote = summary.invitedNote;
    call.stageNote = summary.stageNote;
    if (call.connectedAt === null && summary.status && summary.status.state === 'connected') {
      call.connectedAt = Date.now();
    }
    // who is still in the call: not those who left or declined; those whose link to us broke may still be
    const staying = Array.from(call.peers.values()).filter((p) => !p.left).map((p) => p.id);
    if (staying.length > 0) { saveCall(call.session, staying); }
  }
  changed('call');
}

/** The last call that ended here: {id, peers (String ids), at}, for a participant who rejoins it. */
let lastEnded = null;

// ---------- actions (from the controls) ----------

/** Calls {@code ids} (1 to 3 user ids) with 'VIDEO' or 'AUDIO'; {@code extension} goes with the call. */
export function startCall(ids, type, extension = {}) {
  if (app.session !== null) { return; }
  const vc = MeshCall.videochat;
  let session;
  try {
    session = vc.createNewSession(ids, vc.CallType[type], {});
  } catch (e) {
    showError('Could not start the call', e);
    return;
  }
  stopPreview();
  state.selected = [];
  state.refusal = null;
  begin(session, false);
  state.call.stageNote = 'Calling ' + names(ids) + '…';
  const what = mediaWords(session.callType);
  setStatus('calling', 'Getting your ' + (type === 'AUDIO' ? 'microphone' : 'camera and microphone') + '…');
  const params = mediaParams(session.callType, ids.length + 1);
  captureWithChosenDevices(params, (p) => session.getUserMedia(p)).then((stream) => {
    if (!isCurrent(session)) { return; }
    session.attachMediaStream('local-video', stream, {muted: true, mirror: true});
    state.call.phase = 'live';
    refresh();
    session.call(extension, (error) => {
      if (error && isCurrent(session)) { endOwnCall(session, 'error', 'Call failed — ' + errorText(error)); }
    });
  }, (e) => {
    if (isCurrent(session)) { endOwnCall(session, 'error', 'Cannot use your ' + what + ' — ' + errorText(e)); }
  }).catch((e) => {
    if (isCurrent(session)) { endOwnCall(session, 'error', 'Call failed — ' + errorText(e)); }
  });
}

/** Calls everyone ticked in the people list. */
export function callSelected(type) {
  const ids = state.selected.map((id) => state.users.get(id).id);
  if (ids.length > 0) { startCall(ids, type); }
}

/** Answers the ringing call; {@code keepMuted} ({audioMuted, videoMuted}) carries mute over from a call it replaces. */
export function acceptCall({keepMuted = null} = {}) {
  const session = app.session;
  const call = state.call;
  if (!session || call.phase !== 'ringing') { return; }
  call.phase = 'accepting';
  stopPreview();
  setStatus('connecting', 'Connecting…');
  changed('call');
  const params = mediaParams(session.callType, call.peers.size + 1);
  captureWithChosenDevices(params, (p) => session.getUserMedia(p)).then((stream) => {
    if (!isCurrent(session)) { return; }
    session.attachMediaStream('local-video', stream, {muted: true, mirror: true});
    session.accept({});
    call.phase = 'live';
    if (keepMuted) {
      if (keepMuted.audioMuted) { toggleMute('audio'); }
      if (keepMuted.videoMuted && session.callType !== MeshCall.videochat.CallType.AUDIO) { toggleMute('video'); }
    }
    const caller = peer(call, session.initiatorID);
    if (caller.state === 'invited') { caller.state = 'connecting'; }
    refresh(); // streams that arrived while ringing get their tiles now
  }, (e) => {
    if (!isCurrent(session)) { return; }
    // Say why to the caller, so their page does not call it a refusal.
    const error = errorText(e).slice(0, 300);
    call.ending = {state: 'error', text: 'Cannot use your ' + mediaWords(session.callType) + ' — ' + error};
    try {
      session.reject({reason: 'media', error});
    } catch (rejectError) {
      console.warn('MeshCall: reject after a media failure failed', rejectError);
    }
    finishCall(session);
  }).catch((e) => {
    if (isCurrent(session)) { endOwnCall(session, 'error', 'Could not answer — ' + errorText(e)); }
  });
}

export function rejectCall() {
  const session = app.session;
  if (!session || state.call.phase !== 'ringing') { return; }
  state.call.ending = {state: 'rejected', text: 'You declined the call from ' + displayName(session.initiatorID)};
  try { session.reject({}); } catch (e) { console.warn('MeshCall: reject failed', e); }
  finishCall(session);
}

export function hangUp() {
  if (app.session) { endOwnCall(app.session, 'ended', 'Call ended'); }
}

/**
 * Shares the screen instead of the camera, or goes back to the camera: the SDK's getDisplayMedia and
 * stopScreenSharing. The browser's own "stop sharing" ends the screen track, and the SDK then goes back by itself.
 */
export function toggleScreenShare() {
  const session = app.session;
  if (!session) { return; }
  if (session.isScreenSharing) {
    session.stopScreenSharing();
    setSharing(false);
    return;
  }
  session.getDisplayMedia({video: {frameRate: {ideal: 10, max: 15}}}).then((stream) => {
    if (app.session !== session) { return; }
    const screen = stream.getVideoTracks().find((t) => t.readyState === 'live' && session.isScreenSharing);
    if (screen) { screen.addEventListener('ended', () => { if (app.session === session) { setSharing(false); } }); }
    setSharing(session.isScreenSharing);
    // the SDK sends the screen muted while video is muted: sharing is asking to be seen
    if (session.isScreenSharing && state.media.videoMuted) { toggleMute('video'); }
  }, (e) => {
    // NotAllowedError: the user closed the browser's picker, which is their answer, not a failure
    if (!e || e.name !== 'NotAllowedError') { showError('Could not share your screen', e); }
  });
}

function setSharing(sharing) {
  state.media = {...state.media, sharing};
  changed('media');
}

/**
 * Records the whole call (the SDK's startRecording: everyone's picture side by side and everyone's sound), or stops
 * and offers the recording for download. A call that ends while recording is saved the same way.
 */
export function toggleRecording() {
  const session = app.session;
  if (!session) { return; }
  if (state.media.recording) {
    saveRecording(session);
    state.media = {...state.media, recording: false};
    changed('media');
    return;
  }
  try {
    session.startRecording();
  } catch (e) {
    showError('Could not record the call', e);
    return;
  }
  state.media = {...state.media, recording: true};
  changed('media');
}

/** Stops the recording of {@code session} and shows a link to download it (a WebM file named after the time). */
function saveRecording(session) {
  session.stopRecording().then((blob) => {
    const link = document.getElementById('recording-download');
    if (link.href) { URL.revokeObjectURL(link.href); }
    link.href = URL.createObjectURL(blob);
    const at = new Date();
    const two = (n) => String(n).padStart(2, '0');
    link.download = 'meshcall-' + at.getFullYear() + two(at.getMonth() + 1) + two(at.getDate()) + '-'
        + two(at.getHours()) + two(at.getMinutes()) + '.webm';
    link.hidden = false;
    toast('ended', 'Recording saved: ' + Math.round(blob.size / 1024) + ' KB');
  }, (e) => showError('The recording failed', e));
}

/**
 * Switches the camera or microphone of the call to {@code deviceId} ('' the browser's default): the SDK's
 * switchMediaTracks, which keeps the call's size and frame rate and the mute state.
 */
export function switchDevice(kind, deviceId) {
  const session = app.session;
  if (!session || session.localStream === null) { return Promise.resolve(); }
  const key = kind === 'videoinput' ? 'video' : 'audio';
  if (key === 'video' && session.localStream.getVideoTracks().length === 0 && !session.isScreenSharing) {
    return Promise.resolve(); // an audio call: no camera to switch
  }
  const params = mediaParams(session.callType, session.opponentsIDs.length + 1);
  return session.switchMediaTracks({[key]: deviceId || params[key] || true})
    .catch((e) => showError('Could not switch the ' + (key === 'video' ? 'camera' : 'microphone'), e));
}

/** Mutes or unmutes own 'audio' or 'video' in the call. */
export function toggleMute(kind) {
  const session = app.session;
  if (!session) { return; }
  const key = kind === 'audio' ? 'audioMuted' : 'videoMuted';
  const muted = !state.media[key];
  try {
    if (muted) { session.mute(kind); } else { session.unmute(kind); }
    state.media = {...state.media, [key]: muted};
    changed('media');
  } catch (e) {
    showError('Could not ' + (muted ? 'mute' : 'unmute') + ' ' + kind, e);
  }
}

/** Ends the call from this side: hangs up (or cancels) and shows {@code text}. */
function endOwnCall(session, statusState, text) {
  state.call.ending = {state: statusState, text};
  try { session.stop({}); } catch (e) { console.warn('MeshCall: stop failed', e); }
  finishCall(session);
}

/** The session is over for this user (it may have said so already; then this does nothing). */
function finishCall(session) {
  if (!isCurrent(session)) { return; }
  const call = state.call;
  if (call.crossing) { rejectBusy(call.crossing); } // our call never went out: the crossing one still rings
  const end = call.ending || endFromReason(call, session.closeReason);
  setStatus(end.state, end.text);
  if (call.lastGone && !call.ending && end.text.includes(call.lastGone.text)) {
    call.lastGone.toast.remove(); // the status line says it already
  }
  lastEnded = {id: session.ID, peers: Array.from(call.peers.keys()), at: Date.now()};
  // 'stopped' that this page did not ask for: the SDK hung up because the page is going away (a reload). Keep the
  // saved call, to offer rejoining it when the page is back.
  const pageLeaving = session.closeReason === 'stopped' && !call.ending;
  if (!pageLeaving) { forgetCall(); }
  if (state.media.recording) { saveRecording(session); }
  app.session = null;
  state.call = null;
  state.media = noMedia();
  changed('call', 'media', 'people');
}

function peerGone(userId, kind, text) {
  const call = state.call;
  const p = peer(call, userId);
  if (p.state === 'gone') { return; }
  p.state = 'gone';
  p.left = kind !== 'error'; // 'error': the link broke, they may still be in the call
  p.stream = null;
  call.lastGone = {state: kind, text, toast: toast(kind, text)};
  refresh();
}

/** Declines a ringing call as busy. */
export function rejectBusy(session) {
  const ringing = MeshCall.videochat.SessionState ? MeshCall.videochat.SessionState.NEW : 1;
  if (session.state === ringing) {
    try { session.reject({busy: true}); } catch (e) { console.warn('MeshCall: busy reject failed', e); }
  }
}

/**
 * Whether {@code incoming} is a 1:1 call from the one person this user's own 1:1 call, not placed yet, goes to,
 * with an SDK that resolves such glare (it gives session.closeReason; older ones do not).
 */
function crossesOwnCall(incoming) {
  const call = state.call;
  return incoming.closeReason !== undefined && !call.incoming && call.phase === 'media'
      && call.peers.size === 1 && call.peers.has(String(incoming.initiatorID))
      && Array.from(incoming.opponentsIDs || []).length === 1;
}

// ---------- what the SDK's listeners mean for the call (wired by sdk-bridge.js) ----------

export function onCall(session, extension) {
  if (isRejoin(session, extension)) {
    rejoined(session);
    return;
  }
  if (app.session !== null) {
    if (crossesOwnCall(session)) {
      // Glare: this user is about to call the caller. The SDK makes the two calls one when ours goes out.
      state.call.crossing = session;
      return;
    }
    // The SDK rejects a call that arrives during another one (autoRejectWhenBusy); it still rings while this user
    // is only getting ready to call, and an SDK without autoRejectWhenBusy rings anyway. One call at a time: busy.
    rejectBusy(session);
    return;
  }
  begin(session, true);
  const others = Array.from(state.call.peers.values()).map((p) => p.id)
    .filter((id) => String(id) !== String(session.initiatorID));
  const audioOnly = session.callType === MeshCall.videochat.CallType.AUDIO;
  setStatus('ringing', nameAndLogin(session.initiatorID) + ' is calling you'
      + (others.length ? ' with ' + names(others) : '') + ' (' + (audioOnly ? 'audio' : 'video') + ')…');
}

export function onAccept(session, userId) {
  if (!isCurrent(session)) { return; }
  const p = peer(state.call, userId);
  if (p.state === 'invited') { p.state = 'connecting'; }
  refresh();
}

export function onReject(session, userId, extension) {
  if (!isCurrent(session)) { return; }
  const ext = extension || {};
  if (ext.busy === true) {
    peerGone(userId, 'busy', displayName(userId) + ' is busy');
  } else if (ext.reason === 'media') {
    peerGone(userId, 'unavailable', displayName(userId) + ' could not start their '
        + mediaWords(session.callType) + (ext.error ? ' (' + ext.error + ')' : ''));
  } else {
    peerGone(userId, 'rejected', displayName(userId) + ' declined the call');
  }
}

export function onStop(session, userId) {
  if (!isCurrent(session)) { return; }
  if (state.call.phase !== 'live' && String(userId) === String(session.initiatorID)) {
    peerGone(userId, 'missed', 'Missed call from ' + displayName(userId));
  } else {
    peerGone(userId, 'ended', displayName(userId) + ' left');
  }
}

export function onNoAnswer(session, userId) {
  if (isCurrent(session)) { peerGone(userId, 'no-answer', displayName(userId) + ' did not answer'); }
}

export function onRemoteStream(session, userId, stream) {
  if (!isCurrent(session)) { return; }
  const p = peer(state.call, userId);
  p.stream = stream;
  if (p.state === 'invited') { p.state = 'connecting'; }
  refresh();
}

/** A link's stats summary (every 2 s while connected): the participant's quality grade. */
export function onStatsReport(session, userId, stats) {
  if (!isCurrent(session)) { return; }
  peer(state.call, userId).quality = gradeOf(stats);
  changed('call');
}

/** A participant muted or unmuted: their tile shows a muted badge while their microphone is off. */
export function onRemoteMute(session, userId, kind, muted) {
  if (!isCurrent(session) || kind !== 'audio') { return; } // a stopped camera shows as the avatar already
  peer(state.call, userId).audioMuted = muted;
  changed('call');
}

export function onConnectionState(session, userId, connectionState) {
  const call = state.call;
  // Links closing because this user hung up or declined say nothing new.
  if (!isCurrent(session) || call.ending || call.phase !== 'live') { return; }
  const p = peer(call, userId);
  if (p.state === 'gone') { return; }
  const S = MeshCall.videochat.SessionConnectionState;
  if (connectionState === S.CONNECTED || connectionState === S.COMPLETED) {
    p.state = 'connected';
  } else if (connectionState === S.DISCONNECTED) {
    if (p.state !== 'reconnecting') { toast('reconnecting', 'Reconnecting to ' + displayName(userId) + '…'); }
    p.state = 'reconnecting';
  } else if (connectionState === S.FAILED) {
    p.state = 'failed';
  } else if (connectionState === S.CLOSED) {
    peerGone(userId, 'error', 'Lost the connection to ' + displayName(userId));
    return;
  } else {
    return;
  }
  refresh();
}

export function onSessionClose(session) {
  if (!isCurrent(session)) { return; }
  const reason = session.closeReason;
  if (reason === 'acceptedElsewhere' || reason === 'rejectedElsewhere') {
    toast('elsewhere', reason === 'acceptedElsewhere' ? 'Answered on another device' : 'Declined on another device');
  }
  finishCall(session);
}

// ---------- rejoining after a reload (saved-call.js) ----------

/**
 * Whether {@code incoming} is a participant of this page's current call, or of the one that just ended, calling
 * again after their page reloaded: its extension names that call.
 */
function isRejoin(incoming, extension) {
  const id = extension && extension.rejoin;
  const from = String(incoming.initiatorID);
  if (!id) { return false; }
  const call = state.call;
  if (call !== null) {
    return call.session.ID === id && call.phase === 'live' && call.peers.has(from);
  }
  return lastEnded !== null && lastEnded.id === id && lastEnded.peers.includes(from)
      && Date.now() - lastEnded.at < REJOIN_WITHIN_MILLIS;
}

/** Takes the rejoining participant's call as the current call going on: leaves the old session, answers the new. */
function rejoined(session) {
  const old = state.call;
  const media = state.media;
  if (old !== null) {
    if (media.recording) { saveRecording(old.session); }
    app.session = null; // its close is not news: the call goes on in the new session
    state.call = null;
    try { old.session.stop({}); } catch (e) { console.warn('MeshCall: leaving the old session failed', e); }
  }
  lastEnded = null;
  // straight to answering: no ringtone, no dialog
  app.session = session;
  state.call = newCall(session, true);
  state.media = noMedia();
  toast('rejoined', displayName(session.initiatorID) + ' rejoined the call');
  acceptCall({keepMuted: media});
}

/** The call this page was in before it reloaded, to offer rejoining it; null when there is none. */
export function callToRejoin() {
  const saved = loadSavedCall();
  return saved && app.session === null ? saved : null;
}

/** Calls the people of the saved call again, as the same call continuing. */
export function rejoinSavedCall() {
  const saved = loadSavedCall();
  if (!saved) { return; }
  forgetCall();
  const type = saved.callType === MeshCall.videochat.CallType.AUDIO ? 'AUDIO' : 'VIDEO';
  startCall(saved.peers, type, {rejoin: saved.id});
}

/** Signing out: leaves the call first. */
export function leaveAnyCall() {
  hangUp();
}
