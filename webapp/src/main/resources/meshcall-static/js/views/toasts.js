// Short notes in the corner about what happened ("Bob declined the call", "Reconnecting to Carol…"), newest last;
// each goes away after TOAST_MILLIS, and at most TOASTS_SHOWN stay on screen.
const TOAST_MILLIS = 10000;
const TOASTS_SHOWN = 4;

/** Shows a toast of {@code kind} (busy, rejected, no-answer, unavailable, error, ended, missed, reconnecting,
 * elsewhere); returns its element. */
export function toast(kind, text) {
  const box = document.getElementById('toasts');
  const el = document.createElement('p');
  el.className = 'toast';
  el.dataset.testid = 'toast';
  el.dataset.kind = kind;
  el.textContent = text;
  box.append(el);
  while (box.children.length > TOASTS_SHOWN) { box.firstElementChild.remove(); }
  setTimeout(() => el.remove(), TOAST_MILLIS);
  return el;
}
