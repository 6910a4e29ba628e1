// The camera preview before a call: the user can check how they look while idle. It uses the browser's own
// getUserMedia (there is no session yet) and is stopped before a call takes the camera.
import {state, changed, showError} from '../store.js';
import {captureWithChosenDevices} from './devices.js';

let stream = null;

export async function startPreview() {
  if (stream !== null || state.call !== null) { return; }
  try {
    const s = await captureWithChosenDevices({audio: false, video: {width: {ideal: 640}, height: {ideal: 480}}},
        (c) => navigator.mediaDevices.getUserMedia(c));
    if (state.call !== null || state.me === null) { // a call or a sign-out came first
      s.getTracks().forEach((t) => t.stop());
      return;
    }
    stream = s;
    document.getElementById('local-video').srcObject = s;
    state.preview = true;
    changed('media');
  } catch (e) {
    showError('Cannot show your camera', e);
  }
}

export function stopPreview() {
  if (stream === null) { return; }
  stream.getTracks().forEach((t) => t.stop());
  const video = document.getElementById('local-video');
  if (video.srcObject === stream) { video.srcObject = null; }
  stream = null;
  state.preview = false;
  changed('media');
}

/** Shows the preview again with the camera chosen now, if it is showing. */
export async function restartPreview() {
  if (stream === null) { return; }
  stopPreview();
  await startPreview();
}

export function togglePreview() {
  if (stream === null) { startPreview(); } else { stopPreview(); }
}
