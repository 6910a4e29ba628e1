// After a reload during a call: "Your call with Bob is still on — Rejoin". Shown on the idle stage once signed in
// again, while the saved call is recent (saved-call.js); gone when any call starts or the user says not now.
import {state, subscribe} from '../store.js';
import {names} from '../names.js';
import {callToRejoin, rejoinSavedCall} from '../call.js';
import {forgetCall} from '../saved-call.js';

export function rejoinView() {
  const banner = document.getElementById('rejoin');
  document.getElementById('rejoin-button').addEventListener('click', () => {
    banner.hidden = true;
    rejoinSavedCall();
  });
  document.getElementById('rejoin-dismiss').addEventListener('click', () => {
    forgetCall();
    banner.hidden = true;
  });
  const render = () => {
    const saved = state.me !== null && state.call === null ? callToRejoin() : null;
    banner.hidden = saved === null;
    if (saved) {
      document.getElementById('rejoin-text').textContent = 'Your call with ' + names(saved.peers)
          + ' may still be on.';
    }
  };
  subscribe('me', render);
  subscribe('people', render); // names known once the people are loaded
  subscribe('call', render);
}
