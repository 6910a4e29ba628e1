// Making the page's elements: one place for the class-testid-text pattern every view repeats, and for a person's
// avatar (their initials on their own colour), which the top bar, the people list and the tiles all show.
import {initials, hue} from '../names.js';

/** A new {@code <tag class=className data-testid=testid>text</tag>}; testid and text may be left out. */
export function el(tag, className, testid, text) {
  const e = document.createElement(tag);
  e.className = className;
  if (testid) { e.dataset.testid = testid; }
  if (text !== undefined) { e.textContent = text; }
  return e;
}

/** Shows {@code name}'s initials on {@code id}'s colour in {@code element}. */
export function paintAvatar(element, id, name) {
  element.textContent = initials(name);
  element.style.setProperty('--hue', hue(id));
}

/** A new avatar for person {@code id}, hidden from assistive technology (their name is written beside it). */
export function avatar(id, name, className, testid) {
  const a = el('span', 'avatar ' + className, testid);
  a.setAttribute('aria-hidden', 'true');
  paintAvatar(a, id, name);
  return a;
}
