// Short notes in the corner about what happened ("Bob declined the call", "Reconnecting to Carol…"), newest last;
// each goes away after TOAST_MILLIS, and at most TOASTS_SHOWN stay on screen.
import {el} from './dom.js';

const TOAST_MILLIS = 10000;
const TOASTS_SHOWN = 4;

/** Shows a toast of {@code kind} (busy, rejected, no-answer, unavailable, error, ended, missed, reconnecting,
 * elsewhere); returns its element. */
export function toast(kind, text) {
  const box = document.getElementById('toasts');
  const note = el('p', 'toast', 'toast', text);
  note.dataset.kind = kind;
  box.append(note);
  while (box.children.length > TOASTS_SHOWN) { box.firstElementChild.remove(); }
  setTimeout(() => note.remove(), TOAST_MILLIS);
  return note;
}
