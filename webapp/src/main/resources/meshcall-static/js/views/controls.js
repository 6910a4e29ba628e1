// The control bar of a call: microphone, camera, screen sharing, picture-in-picture, hang up. Each is an icon with
// its label, says its state with aria-pressed, and has a keyboard shortcut (aria-keyshortcuts) that works anywhere
// but in a text field: M the microphone, V the camera, S the screen, R records the call, P picture-in-picture,
// Ctrl+Shift+H hangs up.
import {state, subscribe, showError} from '../store.js';
import {hangUp, toggleMute, toggleScreenShare, toggleRecording} from '../call.js';
import {togglePip, pipSupported} from '../media/pip.js';
import {icon} from './icons.js';

const CONTROLS = [
  {id: 'mute-audio-button', keys: 'm', shortcut: 'M', act: () => toggleMute('audio'),
    look: (s) => s.media.audioMuted ? ['micOff', 'Unmute mic', true] : ['mic', 'Mute mic', false]},
  {id: 'mute-video-button', keys: 'v', shortcut: 'V', act: () => toggleMute('video'),
    look: (s) => s.media.videoMuted ? ['cameraOff', 'Start camera', true] : ['camera', 'Stop camera', false]},
  {id: 'share-screen-button', keys: 's', shortcut: 'S', act: toggleScreenShare,
    look: (s) => s.media.sharing ? ['screenOff', 'Stop sharing', true] : ['screen', 'Share screen', false]},
  {id: 'record-button', keys: 'r', shortcut: 'R', act: toggleRecording,
    look: (s) => s.media.recording ? ['recordStop', 'Stop recording', true] : ['record', 'Record', false]},
  {id: 'pip-button', keys: 'p', shortcut: 'P', act: pip,
    look: () => document.pictureInPictureElement ? ['pip', 'Close mini view', true] : ['pip', 'Mini view', false]},
  {id: 'hangup-button', keys: 'ctrl+shift+h', shortcut: 'Control+Shift+H', act: hangUp, danger: true,
    look: () => ['hangUp', 'Hang up', null]},
];

export function controlsView() {
  const bar = document.getElementById('call-controls');
  const buttons = new Map();
  for (const c of CONTROLS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'control' + (c.danger ? ' control-danger' : '');
    b.id = c.id;
    b.dataset.testid = c.id;
    b.setAttribute('aria-keyshortcuts', c.shortcut);
    b.addEventListener('click', c.act);
    bar.append(b);
    buttons.set(c, b);
  }
  const render = (s) => {
    const call = s.call;
    bar.hidden = call === null || call.phase === 'ringing';
    const audioOnly = call !== null && call.session.callType === MeshCall.videochat.CallType.AUDIO;
    for (const [c, b] of buttons) {
      const [iconName, label, pressed] = c.look(s);
      b.textContent = '';
      const words = document.createElement('span');
      words.className = 'label';
      words.textContent = label;
      b.append(icon(iconName), words);
      b.title = label + ' (' + c.shortcut.replace('Control', 'Ctrl') + ')';
      if (pressed !== null) { b.setAttribute('aria-pressed', String(pressed)); }
    }
    document.getElementById('mute-video-button').hidden = audioOnly;
    document.getElementById('pip-button').hidden = audioOnly || !pipSupported();
    document.getElementById('record-button').hidden = typeof MediaRecorder === 'undefined';
    // phones' browsers have no getDisplayMedia
    document.getElementById('share-screen-button').hidden = !(navigator.mediaDevices
      && navigator.mediaDevices.getDisplayMedia);
  };
  subscribe('call', render);
  subscribe('media', render);
  document.addEventListener('enterpictureinpicture', () => render(state), true);
  document.addEventListener('leavepictureinpicture', () => render(state), true);
  document.addEventListener('keydown', (ev) => onKey(ev, buttons));
}

function onKey(ev, buttons) {
  if (state.call === null || state.call.phase === 'ringing' || ev.repeat || ev.altKey || ev.metaKey) { return; }
  const t = ev.target;
  if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) { return; }
  const keys = (ev.ctrlKey ? 'ctrl+' : '') + (ev.shiftKey ? 'shift+' : '') + ev.key.toLowerCase();
  for (const [c, b] of buttons) {
    if (c.keys === keys && !b.hidden) {
      ev.preventDefault();
      c.act();
      return;
    }
  }
}

function pip() {
  togglePip().catch((e) => showError('Could not open the mini view', e));
}
