// One AudioContext for the page's sounds and level meters. Browsers start it suspended until the user has
// interacted with the page (autoplay policy, https://developer.chrome.com/blog/autoplay): it is resumed on the first
// click or key press, and whenever a sound is about to play.
let context = null;

/** The page's AudioContext, made on first use; null where the browser has no Web Audio. */
export function audioContext() {
  if (context === null && typeof AudioContext !== 'undefined') {
    context = new AudioContext();
  }
  if (context !== null && context.state === 'suspended') {
    context.resume().catch(() => { /* no user gesture yet: resumed on the next one */ });
  }
  return context;
}

for (const type of ['pointerdown', 'keydown']) {
  document.addEventListener(type, () => {
    if (context !== null && context.state === 'suspended') { context.resume().catch(() => {}); }
  }, {capture: true});
}
