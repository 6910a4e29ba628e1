// The sign-in form, which switches to "create an account" (one more field). Enter submits the mode shown, so a new
// user who presses Enter in the sign-up form creates their account rather than trying to sign in.
import {setStatus} from '../store.js';
import {signIn, signUp} from '../account.js';

const MODES = {
  signin: {title: 'Sign in to MeshCall', submit: 'Sign in', switchText: 'New to MeshCall?',
    switchButton: 'Create an account', password: 'current-password'},
  signup: {title: 'Create your MeshCall account', submit: 'Create account', switchText: 'Have an account?',
    switchButton: 'Sign in instead', password: 'new-password'},
};

export function authFormView() {
  const view = document.getElementById('auth-view');
  const submit = document.getElementById('auth-submit');
  const login = document.getElementById('login-input');
  const password = document.getElementById('password-input');
  const fullName = document.getElementById('fullname-input');

  function setMode(mode) {
    const m = MODES[mode];
    view.dataset.mode = mode;
    document.getElementById('auth-title').textContent = m.title;
    submit.textContent = m.submit;
    submit.dataset.testid = mode === 'signup' ? 'signup-button' : 'signin-button';
    document.getElementById('auth-switch-text').textContent = m.switchText;
    document.getElementById('auth-switch').textContent = m.switchButton;
    document.getElementById('auth-switch').dataset.testid = mode === 'signup' ? 'show-signin' : 'show-signup';
    password.autocomplete = m.password;
    fullName.required = mode === 'signup';
  }

  document.getElementById('auth-switch').addEventListener('click', () => {
    setMode(view.dataset.mode === 'signup' ? 'signin' : 'signup');
    (view.dataset.mode === 'signup' && login.value ? fullName : login).focus();
  });

  document.getElementById('auth-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const creds = {login: login.value.trim(), password: password.value};
    const signingUp = view.dataset.mode === 'signup';
    const name = fullName.value.trim();
    if (!creds.login || !creds.password || (signingUp && !name)) {
      setStatus('error', signingUp ? 'To create an account, fill in login, password and full name'
        : 'Enter your login and password');
      return;
    }
    submit.disabled = true;
    const ok = signingUp ? await signUp(creds.login, creds.password, name) : await signIn(creds.login, creds.password);
    submit.disabled = false;
    if (ok) {
      password.value = '';
      setMode('signin');
    }
  });

  setMode('signin');
}
