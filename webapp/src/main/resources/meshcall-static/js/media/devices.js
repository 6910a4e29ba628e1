// Which camera, microphone and speaker the user chose (the settings dialog), and using them: the choice is added to
// every getUserMedia of the page (calls and the preview) as an `exact` deviceId (browsers may pass over an `ideal`
// one), and when that device is gone the page asks again without it rather than failing the call; the speaker is set on every remote tile with setSinkId
// (https://w3c.github.io/mediacapture-output/). Choices are preferences, kept in localStorage for every tab.
// Switching the camera or microphone during a call comes with the SDK's switchMediaTracks (docs/js-api.md).
const KEY = 'meshcall.devices';
const KINDS = ['videoinput', 'audioinput', 'audiooutput'];

/** {videoinput, audioinput, audiooutput}: the chosen deviceIds ('' for the browser's default). */
export function chosenDevices() {
  let saved;
  try { saved = JSON.parse(localStorage.getItem(KEY) || '{}') || {}; } catch (ignored) { saved = {}; }
  const result = {};
  for (const kind of KINDS) { result[kind] = typeof saved[kind] === 'string' ? saved[kind] : ''; }
  return result;
}

export function chooseDevice(kind, deviceId) {
  const chosen = chosenDevices();
  chosen[kind] = deviceId;
  try { localStorage.setItem(KEY, JSON.stringify(chosen)); } catch (ignored) { /* kept for this page only */ }
}

/** The devices of each kind: [{deviceId, label}], labelled "Camera 2" and the like before permission is given. */
export async function listDevices() {
  const all = navigator.mediaDevices && navigator.mediaDevices.enumerateDevices
    ? await navigator.mediaDevices.enumerateDevices() : [];
  const words = {videoinput: 'Camera', audioinput: 'Microphone', audiooutput: 'Speaker'};
  const lists = {videoinput: [], audioinput: [], audiooutput: []};
  for (const d of all) {
    const list = lists[d.kind];
    if (!list || d.deviceId === '' || d.deviceId === 'default' || d.deviceId === 'communications') { continue; }
    list.push({deviceId: d.deviceId, label: d.label || words[d.kind] + ' ' + (list.length + 1)});
  }
  return lists;
}

/** getUserMedia constraints with the chosen camera and microphone required. */
export function withChosenDevices(params) {
  const chosen = chosenDevices();
  const add = (value, deviceId) => {
    if (!value || !deviceId) { return value; }
    return {...(value === true ? {} : value), deviceId: {exact: deviceId}};
  };
  return {audio: add(params.audio, chosen.audioinput), video: add(params.video, chosen.videoinput)};
}

/**
 * {@code capture(constraints)} (a getUserMedia) with the chosen devices; when one of them is gone (unplugged, or
 * chosen in another browser), once more with the browser's default devices.
 */
export async function captureWithChosenDevices(params, capture) {
  const chosen = withChosenDevices(params);
  if (chosen.audio === params.audio && chosen.video === params.video) { return capture(params); } // nothing chosen
  try {
    return await capture(chosen);
  } catch (e) {
    if (e && (e.name === 'OverconstrainedError' || e.name === 'NotFoundError')) {
      console.warn('MeshCall page: the chosen device is not there, using the default', e);
      return capture(params);
    }
    throw e;
  }
}

/** Whether this browser can choose where sound plays. */
export function speakerChoiceSupported() {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** Plays {@code element}'s sound on the chosen speaker. */
export function applySpeaker(element) {
  const id = chosenDevices().audiooutput;
  if (speakerChoiceSupported() && element.sinkId !== id) {
    element.setSinkId(id).catch((e) => console.warn('MeshCall page: cannot play on speaker ' + id, e));
  }
}
