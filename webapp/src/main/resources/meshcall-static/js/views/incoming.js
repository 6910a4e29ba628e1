// The incoming-call dialog: who calls, with whom, audio or video; Accept or Decline. A modal <dialog>
// (https://html.spec.whatwg.org/multipage/interactive-elements.html#the-dialog-element): while it is open the rest of
// the page is inert, so focus cannot leave it; Escape declines; focus goes back where it was when it closes.
import {subscribe} from '../store.js';
import {displayName, nameAndLogin, loginLabel} from '../names.js';
import {acceptCall, rejectCall} from '../call.js';
import {icon} from './icons.js';

export function incomingView() {
  const dialog = document.getElementById('incoming-dialog');
  let returnFocus = null;
  dialog.querySelector('.ring').append(icon('phone'));
  document.getElementById('accept-button').addEventListener('click', () => acceptCall());
  document.getElementById('reject-button').addEventListener('click', rejectCall);
  dialog.addEventListener('cancel', (ev) => {
    ev.preventDefault(); // close through the call's state, not by itself
    rejectCall();
  });

  subscribe('call', (s) => {
    const call = s.call;
    const ringing = call !== null && call.incoming && call.phase === 'ringing';
    if (ringing && !dialog.open) {
      const session = call.session;
      const others = Array.from(call.peers.values()).map((p) => p.id)
        .filter((id) => String(id) !== String(session.initiatorID));
      document.getElementById('incoming-caller').textContent = displayName(session.initiatorID);
      document.getElementById('incoming-login').textContent = loginLabel(session.initiatorID);
      const othersEl = document.getElementById('incoming-others');
      othersEl.hidden = others.length === 0;
      othersEl.textContent = others.length ? 'Group call, also invited: ' + others.map(nameAndLogin).join(', ') : '';
      document.getElementById('incoming-type').textContent =
        session.callType === MeshCall.videochat.CallType.AUDIO ? 'audio' : 'video';
      returnFocus = document.activeElement;
      dialog.showModal();
      document.getElementById('accept-button').focus();
    } else if (!ringing && dialog.open) {
      dialog.close();
      const back = returnFocus && returnFocus !== document.body ? returnFocus : null;
      returnFocus = null;
      // after the other views have drawn this change: the element may be gone, the call controls just shown
      queueMicrotask(() => {
        if (back && back.isConnected && typeof back.focus === 'function') {
          back.focus();
        } else {
          const hangup = document.querySelector('[data-testid="hangup-button"]');
          if (hangup && !hangup.closest('[hidden]')) { hangup.focus(); }
        }
      });
    }
  });
}
