// The settings dialog: which camera, microphone and speaker to use (media/devices.js). Each changes at once: the
// speaker on every remote tile, the camera in the preview, and the camera and microphone in a call too (the SDK's
// switchMediaTracks, with no new offer). The lists follow devices being plugged in and out (devicechange).
import {state} from '../store.js';
import {chosenDevices, chooseDevice, listDevices, speakerChoiceSupported, applySpeaker} from '../media/devices.js';
import {restartPreview} from '../media/preview.js';
import {switchDevice} from '../call.js';

export function settingsView() {
  const dialog = document.getElementById('settings-dialog');
  const selects = Array.from(dialog.querySelectorAll('select'));
  let returnFocus = null;

  document.getElementById('settings-button').addEventListener('click', async () => {
    returnFocus = document.activeElement;
    await fill(selects);
    document.getElementById('settings-note').textContent = state.call !== null
      ? 'A new camera or microphone is used in this call at once.' : '';
    dialog.showModal();
  });
  dialog.addEventListener('close', () => {
    if (returnFocus && returnFocus.isConnected) { returnFocus.focus(); }
  });
  for (const select of selects) {
    select.addEventListener('change', () => {
      chooseDevice(select.dataset.kind, select.value);
      if (select.dataset.kind === 'audiooutput') {
        document.querySelectorAll('#tiles .tile.remote video').forEach(applySpeaker);
      } else if (state.call !== null) {
        switchDevice(select.dataset.kind, select.value);
      } else if (select.dataset.kind === 'videoinput') {
        restartPreview();
      }
    });
  }
  if (navigator.mediaDevices && navigator.mediaDevices.addEventListener) {
    navigator.mediaDevices.addEventListener('devicechange', () => { if (dialog.open) { fill(selects); } });
  }
  document.getElementById('speaker-field').hidden = !speakerChoiceSupported();
}

/** Fills each list with the devices of its kind, the chosen one selected ("Default" when none is chosen). */
async function fill(selects) {
  let lists;
  try {
    lists = await listDevices();
  } catch (e) {
    lists = {videoinput: [], audioinput: [], audiooutput: []};
    console.warn('MeshCall page: cannot list devices', e);
  }
  const chosen = chosenDevices();
  for (const select of selects) {
    const kind = select.dataset.kind;
    select.textContent = '';
    select.append(new Option('Default', ''));
    for (const d of lists[kind]) { select.append(new Option(d.label, d.deviceId)); }
    select.value = lists[kind].some((d) => d.deviceId === chosen[kind]) ? chosen[kind] : '';
  }
}
