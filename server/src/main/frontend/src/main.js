// The dashboard: a hash router over the views; the token is asked for once and kept in this browser.
import './style.css';
import { api, token, ApiError } from './api.js';
import { h, errorBox } from './ui.js';
import { applicationsView, applicationView, designView, designsView, gpuView, runView, runsView } from './views.js';

const view = document.getElementById('view');
let cleanup = null;

function signIn(message) {
  view.replaceChildren(h('section', { class: 'card narrow' },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'muted' }, message || 'Paste an API token. Create one on the server machine with'),
    message ? null : h('pre', { class: 'command' }, 'aisprint serve token create --data DIR --role operator'),
    h('form', { id: 'sign-in', onsubmit: (event) => {
      event.preventDefault();
      token.set(event.target.elements.token.value.trim());
      route();
    } },
    h('input', { name: 'token', type: 'password', placeholder: 'asp_…', autocomplete: 'off', required: true, 'aria-label': 'API token' }),
    h('button', { type: 'submit' }, 'Sign in'))));
}

async function showWho() {
  const who = document.getElementById('who');
  try {
    const me = await api.get('/me');
    who.replaceChildren(h('span', {}, `${me.name} · ${me.role}`),
      h('button', { class: 'link-button', onclick: () => { token.clear(); route(); } }, 'sign out'));
    return true;
  } catch (error) {
    who.replaceChildren();
    if (error instanceof ApiError && error.status === 401) {
      signIn(token.get() ? 'That token was not accepted. Paste another one.' : undefined);
      return false;
    }
    throw error;
  }
}

async function route() {
  if (cleanup) { cleanup(); cleanup = null; }
  const [, page, id] = (location.hash || '#/apps').split('/');
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === page
    || (page === 'app' && a.dataset.nav === 'apps') || (page === 'run' && a.dataset.nav === 'runs') || (page === 'design' && a.dataset.nav === 'designs')));
  if (!token.get()) { signIn(); return; }
  try {
    if (!(await showWho())) return;
    const views = { gpu: gpuView, apps: applicationsView, app: applicationView, design: designView, designs: designsView, run: runView, runs: runsView };
    cleanup = await (views[page] || applicationsView)(view, id);
  } catch (error) {
    view.replaceChildren(errorBox(error));
  }
}

window.addEventListener('hashchange', route);
route();
