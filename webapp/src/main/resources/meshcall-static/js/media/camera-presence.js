// Whether a remote participant's camera is on, as the receiving side can see it. The SDK's onRemoteMuteListener tells
// when a MeshCall page turns its camera off, but not a camera that is simply dark or frozen, nor the seed's own
// clients, which send no mute state; a disabled camera track sends black frames
// (https://www.w3.org/TR/mediacapture-streams/#life-cycle-and-media-flow), and a track with no frames is muted. So
// twice a second a 16x12 copy of the video is drawn on a canvas: a black or frameless picture for a second means the
// camera is off, and the tile shows the person's avatar instead of a black box.
const WIDTH = 16;
const HEIGHT = 12;
const BLACK = 12;            // mean luma (0..255) at or below which a frame is black
const OFF_AFTER_SAMPLES = 2; // samples in a row before the camera counts as off (1 s)
const INTERVAL_MILLIS = 500;

const watched = new Map(); // video element -> {onChange, dark, off}
let timer = null;
let canvas = null;

/** Tells {@code onChange(cameraOn)} when {@code video}'s picture goes black or comes back. */
export function watchCamera(video, onChange) {
  watched.set(video, {onChange, dark: 0, off: null}); // null: the first sample reports either way
  if (timer === null) { timer = setInterval(sample, INTERVAL_MILLIS); }
}

export function unwatchCamera(video) {
  watched.delete(video);
  if (watched.size === 0 && timer !== null) {
    clearInterval(timer);
    timer = null;
  }
}

function sample() {
  if (canvas === null) {
    canvas = document.createElement('canvas');
    canvas.width = WIDTH;
    canvas.height = HEIGHT;
  }
  const g = canvas.getContext('2d', {willReadFrequently: true});
  for (const [video, w] of watched) {
    const stream = video.srcObject;
    const track = stream && stream.getVideoTracks ? stream.getVideoTracks()[0] : null;
    if (!track) { continue; } // an audio-only participant: the tile knows already
    let dark = track.muted || track.readyState === 'ended' || video.readyState < 2;
    if (!dark) {
      g.drawImage(video, 0, 0, WIDTH, HEIGHT);
      const px = g.getImageData(0, 0, WIDTH, HEIGHT).data;
      let luma = 0;
      for (let i = 0; i < px.length; i += 4) { luma += 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2]; }
      dark = luma / (px.length / 4) <= BLACK;
    }
    w.dark = dark ? w.dark + 1 : 0;
    const off = w.dark >= OFF_AFTER_SAMPLES;
    if (off !== w.off) {
      w.off = off;
      w.onChange(!off);
    }
  }
}
