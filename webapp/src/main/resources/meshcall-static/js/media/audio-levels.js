// Who is speaking: the audio level of each stream on the stage, measured with a Web Audio AnalyserNode ten times a
// second. A stream counts as speaking above SPEAKING_LEVEL, and for HOLD_MILLIS after (so the ring around a tile
// does not flicker between words). The loudest speaker is the active speaker (picture-in-picture follows them).
import {audioContext} from './audio-context.js';

const SPEAKING_LEVEL = 0.015; // RMS of the samples, 0..1
const HOLD_MILLIS = 600;
const INTERVAL_MILLIS = 100;

/** key -> {stream, source, analyser, samples, onChange, speaking, lastLoud, level} */
const meters = new Map();
let timer = null;
let activeSpeaker = null;
const speakerListeners = new Set();

/** Measures {@code stream}'s audio under {@code key}; {@code onChange(speaking)} when it starts or stops speaking. */
export function watchLevel(key, stream, onChange) {
  unwatchLevel(key);
  const context = audioContext();
  if (context === null || !stream || stream.getAudioTracks().length === 0) { return; }
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser); // not to the destination: the tile's media element plays the sound
  meters.set(key, {stream, source, analyser, samples: new Float32Array(analyser.fftSize), onChange,
    speaking: false, lastLoud: 0, level: 0});
  if (timer === null) { timer = setInterval(measure, INTERVAL_MILLIS); }
}

export function unwatchLevel(key) {
  const m = meters.get(key);
  if (!m) { return; }
  m.source.disconnect();
  meters.delete(key);
  if (m.speaking) { m.onChange(false); }
  if (meters.size === 0 && timer !== null) {
    clearInterval(timer);
    timer = null;
  }
}

/** The key of the loudest stream speaking now, or null. */
export function currentSpeaker() {
  return activeSpeaker;
}

/** {@code fn(key)} whenever the active speaker changes. */
export function onActiveSpeaker(fn) {
  speakerListeners.add(fn);
}

function measure() {
  const now = performance.now();
  let loudest = null;
  for (const [key, m] of meters) {
    m.analyser.getFloatTimeDomainData(m.samples);
    let sum = 0;
    for (const v of m.samples) { sum += v * v; }
    m.level = Math.sqrt(sum / m.samples.length);
    const enabled = m.stream.getAudioTracks().some((t) => t.enabled && t.readyState === 'live');
    if (enabled && m.level > SPEAKING_LEVEL) { m.lastLoud = now; }
    const speaking = now - m.lastLoud < HOLD_MILLIS;
    if (speaking !== m.speaking) {
      m.speaking = speaking;
      m.onChange(speaking);
    }
    if (speaking && key !== 'self' && (loudest === null || m.level > meters.get(loudest).level)) { loudest = key; }
  }
  if (loudest !== null && loudest !== activeSpeaker) {
    activeSpeaker = loudest;
    speakerListeners.forEach((fn) => fn(loudest));
  }
}
