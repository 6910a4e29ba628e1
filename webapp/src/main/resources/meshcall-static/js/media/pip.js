// Picture-in-picture of the active speaker (https://w3c.github.io/picture-in-picture/): the call stays in view in a
// small floating window while the user works in another tab. Opening it needs a click (user activation); once open,
// it follows whoever speaks loudest.
import {currentSpeaker, onActiveSpeaker} from './audio-levels.js';

/** Whether this browser can do picture-in-picture at all. */
export function pipSupported() {
  return !!document.pictureInPictureEnabled;
}

/** The video to float: the active speaker's, else the first remote tile's. */
function speakerVideo() {
  const key = currentSpeaker();
  const byKey = key ? document.getElementById('remote-video-' + key) : null;
  return byKey || document.querySelector('#tiles .tile.remote video');
}

/** Opens or closes picture-in-picture; rejects with the browser's reason. */
export async function togglePip() {
  if (document.pictureInPictureElement) {
    await document.exitPictureInPicture();
    return false;
  }
  const video = speakerVideo();
  if (!video) { throw new Error('nobody to show yet'); }
  await video.requestPictureInPicture();
  return true;
}

/** Closes picture-in-picture (the call ended). */
export function closePip() {
  if (document.pictureInPictureElement) { document.exitPictureInPicture().catch(() => {}); }
}

onActiveSpeaker((key) => {
  const shown = document.pictureInPictureElement;
  if (!shown) { return; }
  const next = document.getElementById('remote-video-' + key);
  if (next && next !== shown) { next.requestPictureInPicture().catch(() => { /* keep the one shown */ }); }
});
