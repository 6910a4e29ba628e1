// The stage: one tile per other participant (name, state, speaking ring, camera-off avatar, connection quality) and
// your own tile, the call's title and timer; while idle, your camera preview and what to do next.
import {subscribe} from '../store.js';
import {displayName, names, initials, hue} from '../names.js';
import {shownOnStage} from '../call-model.js';
import {callPhase} from './shell.js';
import {watchLevel, unwatchLevel} from '../media/audio-levels.js';
import {watchCamera, unwatchCamera} from '../media/camera-presence.js';
import {closePip} from '../media/pip.js';
import {togglePreview} from '../media/preview.js';
import {duration} from '../duration.js';
import {applySpeaker} from '../media/devices.js';

const STATE_WORDS = {invited: 'connecting…', connecting: 'connecting…', reconnecting: 'reconnecting…',
  failed: 'connection failed'};
const QUALITY_WORDS = {good: 'Good connection', fair: 'Fair connection', poor: 'Poor connection'};

/** Tiles on the stage: String(userId) -> {tile, video, stream} */
const tiles = new Map();
let timer = null;
let selfStream = null;
/** The session of the current or last call: its media elements are detached after it closed. */
let lastSession = null;

export function stageView() {
  document.getElementById('preview-button').addEventListener('click', togglePreview);
  subscribe('call', renderCall);
  subscribe('media', renderSelf);
  subscribe('me', renderCall);
}

function renderCall(s) {
  const call = s.call;
  if (call !== null) { lastSession = call.session; }
  const phase = callPhase(call);
  const audioOnly = call !== null && call.session.callType === MeshCall.videochat.CallType.AUDIO;
  const stage = document.getElementById('stage');
  stage.classList.toggle('in-call', phase === 'live' || phase === 'outgoing');
  stage.classList.toggle('audio-call', audioOnly);

  // remote tiles
  const shown = new Set();
  if (call !== null) {
    for (const p of call.peers.values()) {
      if (shownOnStage(call, p)) {
        shown.add(String(p.id));
        renderTile(call, p, audioOnly);
      }
    }
  }
  for (const key of Array.from(tiles.keys())) {
    if (!shown.has(key)) { removeTile(key, lastSession); }
  }
  const count = String(tiles.size);
  document.getElementById('tiles').dataset.count = count;
  document.getElementById('videos').dataset.count = count;

  // title, notes, timer
  const everyone = call ? Array.from(call.peers.values()).map((p) => p.id) : [];
  document.getElementById('call-title').textContent = phase === 'idle' || phase === 'incoming' ? 'Ready to call'
    : (audioOnly ? 'Audio call with ' : 'Video call with ') + names(everyone);
  const note = document.getElementById('stage-note');
  note.hidden = phase === 'idle' || phase === 'incoming' || tiles.size > 0;
  note.textContent = call && call.phase === 'live' ? call.stageNote
    : (call && !call.incoming ? 'Calling ' + names(everyone) + '…' : 'Connecting…');
  const invited = document.getElementById('call-invited');
  invited.textContent = call && call.phase === 'live' ? call.invitedNote : '';
  invited.hidden = !invited.textContent;
  document.getElementById('idle-note').hidden = phase !== 'idle';
  renderTimer(call);

  if (call === null) { closePip(); }
  renderSelf(s);
}

function renderTile(call, p, audioOnly) {
  const key = String(p.id);
  let t = tiles.get(key);
  if (!t) {
    t = newTile(p);
    tiles.set(key, t);
    document.getElementById('tiles').insertBefore(t.tile, document.getElementById('tile-self'));
  }
  if (p.stream && t.stream !== p.stream) {
    call.session.attachMediaStream('remote-video-' + p.id, p.stream);
    applySpeaker(t.video);
    t.stream = p.stream;
    watchLevel(key, p.stream, (speaking) => { t.tile.dataset.speaking = String(speaking); });
    const stream = p.stream;
    const watchVideo = () => {
      if (stream.getVideoTracks().length > 0 && !t.watchingCamera) {
        t.watchingCamera = true;
        watchCamera(t.video, (on) => { t.tile.dataset.camera = on ? 'on' : 'off'; });
      }
    };
    watchVideo();
    // an audio call's stream gets a video track when that person shares a screen
    stream.addEventListener('addtrack', () => {
      watchVideo();
      if (t.stream === stream) { renderTile(call, p, audioOnly); }
    });
  }
  // an audio call's tile shows video only while that person shares a screen
  const noVideo = p.stream === null ? audioOnly : p.stream.getVideoTracks().length === 0;
  if (noVideo) { t.tile.dataset.camera = 'none'; }
  t.tile.classList.toggle('audio-only', noVideo);
  t.tile.dataset.state = p.state;
  t.muted.hidden = !p.audioMuted;
  const words = STATE_WORDS[p.state] || '';
  t.state.textContent = words;
  t.state.hidden = !words;
  if (p.state !== 'connected' || p.quality === null) {
    t.quality.hidden = true;
  } else {
    setQuality(t, p.quality);
  }
}

function newTile(p) {
  const name = displayName(p.id);
  const tile = document.createElement('figure');
  tile.className = 'tile remote';
  tile.dataset.testid = 'tile-' + p.id;
  tile.dataset.camera = 'off'; // until its first frame shows
  tile.dataset.speaking = 'false';
  tile.setAttribute('aria-label', name);
  const video = document.createElement('video');
  video.id = 'remote-video-' + p.id;
  video.dataset.testid = 'remote-video-' + p.id;
  video.autoplay = true;
  video.playsInline = true;
  const avatar = document.createElement('span');
  avatar.className = 'avatar tile-avatar';
  avatar.dataset.testid = 'tile-avatar-' + p.id;
  avatar.setAttribute('aria-hidden', 'true');
  avatar.textContent = initials(name);
  avatar.style.setProperty('--hue', hue(p.id));
  const caption = document.createElement('figcaption');
  const label = document.createElement('span');
  label.className = 'tile-name';
  label.dataset.testid = 'tile-name-' + p.id;
  label.textContent = name;
  const stateEl = document.createElement('span');
  stateEl.className = 'tile-state';
  stateEl.dataset.testid = 'tile-state-' + p.id;
  const quality = document.createElement('span');
  quality.className = 'quality';
  quality.dataset.testid = 'tile-quality-' + p.id;
  quality.hidden = true;
  quality.innerHTML = '<i></i><i></i><i></i>';
  const muted = document.createElement('span');
  muted.className = 'badge badge-muted';
  muted.dataset.testid = 'tile-muted-' + p.id;
  muted.textContent = 'Muted';
  muted.hidden = true;
  caption.append(label, muted, stateEl);
  tile.append(video, avatar, quality, caption);
  return {tile, video, stream: null, state: stateEl, quality, muted};
}

function removeTile(key, session) {
  const t = tiles.get(key);
  tiles.delete(key);
  unwatchLevel(key);
  unwatchCamera(t.video);
  if (session) {
    try { session.detachMediaStream(t.video.id); } catch (ignored) { /* already gone */ }
  }
  t.video.srcObject = null;
  t.tile.remove();
}

function setQuality(t, {grade, detail}) {
  t.quality.hidden = false;
  t.quality.dataset.grade = grade;
  t.quality.setAttribute('role', 'img');
  t.quality.setAttribute('aria-label', QUALITY_WORDS[grade] + ' (' + detail + ')');
  t.quality.title = QUALITY_WORDS[grade] + ' — ' + detail;
}

/** Your own tile: the camera (in a call or as a preview), else your avatar; the muted badge. */
function renderSelf(s) {
  const self = document.getElementById('tile-self');
  const call = s.call;
  const inCall = call !== null && call.phase !== 'ringing';
  const audioOnly = call !== null && call.session.callType === MeshCall.videochat.CallType.AUDIO;
  const sending = s.media.sharing || (!audioOnly && !s.media.videoMuted);
  const cameraOn = inCall ? sending && call.session.localStream !== null : s.preview;
  self.dataset.camera = cameraOn ? 'on' : 'off';
  document.getElementById('recording-indicator').hidden = !(call !== null && s.media.recording);
  // your camera shows as in a mirror; a shared screen as the others see it
  document.getElementById('local-video').style.transform = inCall && s.media.sharing ? 'none' : 'scaleX(-1)';
  self.hidden = call !== null && call.phase === 'ringing';
  self.querySelector('[data-testid="self-muted"]').hidden = !(inCall && s.media.audioMuted);
  const preview = document.getElementById('preview-button');
  preview.setAttribute('aria-pressed', String(!!s.preview));
  preview.textContent = s.preview ? 'Stop preview' : 'Preview my camera';
  const stream = inCall ? call.session.localStream : null;
  if (stream !== selfStream) {
    selfStream = stream;
    if (stream) {
      watchLevel('self', stream, (speaking) => { self.dataset.speaking = String(speaking); });
    } else {
      unwatchLevel('self');
      self.dataset.speaking = 'false';
      if (!s.preview) {
        try { if (lastSession) { lastSession.detachMediaStream('local-video'); } } catch (ignored) { /* gone */ }
        document.getElementById('local-video').srcObject = null;
      }
    }
  }
}

function renderTimer(call) {
  const el = document.getElementById('call-timer');
  const running = call !== null && call.connectedAt !== null;
  el.hidden = !running;
  if (!running) {
    if (timer !== null) { clearInterval(timer); }
    timer = null;
    el.textContent = '0:00';
    return;
  }
  const tick = () => { el.textContent = duration(Date.now() - call.connectedAt); };
  tick();
  if (timer === null) { timer = setInterval(tick, 1000); }
}
