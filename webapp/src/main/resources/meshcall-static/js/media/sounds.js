// The ringtone of an incoming call and the ringback tone of an outgoing one, made with Web Audio oscillators (no
// sound files to download). Which one plays follows the call in the store: the ringtone while a call rings here,
// the ringback while this user's call rings at everyone and nobody has answered yet; silence otherwise.
import {app} from '../probe.js';
import {state, subscribe} from '../store.js';
import {peersIn} from '../call-model.js';
import {audioContext} from './audio-context.js';

/** Each sound as beeps [start s, length s, [frequencies Hz]] repeated every `period` seconds. */
const SOUNDS = {
  // two short rising chirps, then a pause: the incoming call
  ringtone: {period: 2.2, gain: 0.18, beeps: [[0, 0.35, [659, 880]], [0.45, 0.35, [784, 1047]]]},
  // the ITU-style ringback: 1 s of 425 Hz, 3 s silence (what the caller hears while it rings)
  ringback: {period: 4, gain: 0.12, beeps: [[0, 1, [425]]]},
};

let playing = null;   // the name of the sound playing, or null
let timer = null;     // schedules the next period
let output = null;    // the GainNode this sound plays through

app.sounds = {
  get playing() { return playing; },
  get contextState() { const c = audioContext(); return c ? c.state : 'none'; },
};

/** Which sound the call wants now. */
function wanted(call) {
  if (!call) { return null; }
  if (call.incoming) { return call.phase === 'ringing' ? 'ringtone' : null; }
  if (call.phase !== 'live') { return null; }
  const answered = peersIn(call, ['connecting', 'connected', 'reconnecting', 'failed']).length > 0;
  return !answered && peersIn(call, ['invited']).length > 0 ? 'ringback' : null;
}

function play(name) {
  if (playing === name) { return; }
  stop();
  const context = audioContext();
  if (context === null) { return; }
  playing = name;
  const sound = SOUNDS[name];
  output = context.createGain();
  output.gain.value = sound.gain;
  output.connect(context.destination);
  const schedule = () => {
    const t0 = context.currentTime + 0.05;
    for (const [start, length, frequencies] of sound.beeps) {
      for (const f of frequencies) { beep(context, output, f, t0 + start, length / frequencies.length); }
    }
  };
  schedule();
  timer = setInterval(schedule, sound.period * 1000);
}

/** One tone with a short fade in and out (no clicks). */
function beep(context, out, frequency, at, length) {
  const osc = context.createOscillator();
  const env = context.createGain();
  osc.frequency.value = frequency;
  env.gain.setValueAtTime(0, at);
  env.gain.linearRampToValueAtTime(1, at + 0.02);
  env.gain.setValueAtTime(1, at + length - 0.03);
  env.gain.linearRampToValueAtTime(0, at + length);
  osc.connect(env).connect(out);
  osc.start(at);
  osc.stop(at + length);
}

function stop() {
  if (timer !== null) { clearInterval(timer); }
  if (output !== null) { output.disconnect(); }
  timer = null;
  output = null;
  playing = null;
}

export function startSounds() {
  subscribe('call', () => {
    const name = wanted(state.call);
    if (name) { play(name); } else { stop(); }
  });
}
