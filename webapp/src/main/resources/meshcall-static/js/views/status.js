// The status line under the top bar: one sentence about the page's state (data-state names it for styles and tests).
import {subscribe} from '../store.js';

export function statusView() {
  const el = document.getElementById('status');
  subscribe('status', (s) => {
    el.dataset.state = s.status.state;
    el.textContent = s.status.text;
  });
}
