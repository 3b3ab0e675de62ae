/**
 * The playground's host panel. The simulator runs inside the portal frame (another origin);
 * this page sends it commands and draws the snapshots it sends back. The message protocol is
 * described at the top of playground/portal/sim-bridge.js.
 */
import { drawStatechart } from './statechart.js';

const CHANNEL = 'mobile-plans-playground';
const portalOrigin = window.PLAYGROUND_PORTAL_ORIGIN;
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const frame = /** @type {HTMLIFrameElement} */ ($('portal-frame'));

/** @type {{ machines: Record<string, any>, activationErrors: string[], registrations: string[] }} */
const data = await (await fetch('/playground-data.json')).json();

let snapshot = null;
let selected = null; // the operation whose statechart is shown (null: the newest)
let nextId = 1;

// ---- commands to the portal's simulator -------------------------------------------------

function send(command, args = {}) {
  if (snapshot === null) return setStatus('The portal is not ready yet.');
  frame.contentWindow?.postMessage({ channel: CHANNEL, type: 'command', id: nextId++, command, args }, portalOrigin);
}

window.addEventListener('message', (event) => {
  if (event.origin !== portalOrigin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (message === null || typeof message !== 'object' || message.channel !== CHANNEL) return;
  if (message.type === 'result' && !message.ok) setStatus(`The simulator said: ${message.error}`);
  if (message.type === 'snapshot') render(message.snapshot);
});

function setStatus(text) {
  $('status').textContent = text;
}

// ---- controls ----------------------------------------------------------------------------

for (const button of document.querySelectorAll('[data-advance]')) {
  button.addEventListener('click', () => send('advance', { minutes: Number(button.getAttribute('data-advance')) }));
}
$('accept-toast').addEventListener('click', () => send('acceptToast'));
$('dismiss-toast').addEventListener('click', () => send('dismissToast'));
$('restart').addEventListener('click', () => send('restart'));
$('reopen-portal').addEventListener('click', () => send('reopenPortal'));
$('apply-outcome').addEventListener('click', () => {
  const outcome = /** @type {HTMLSelectElement} */ ($('outcome-choice')).value;
  send('setOutcome', { outcome });
  setStatus(`The next download answers ${outcome}.`);
});
$('apply-registration').addEventListener('click', () => {
  const registration = /** @type {HTMLSelectElement} */ ($('registration-choice')).value;
  send('setRegistration', { registration });
  setStatus(`The next registration ends ${registration}.`);
});
$('show-device').addEventListener('change', () => snapshot && renderTimeline(snapshot));
$('portal-choice').addEventListener('change', () => loadPortal());

fillSelect('outcome-choice', data.activationErrors);
fillSelect('registration-choice', data.registrations);

function fillSelect(id, values) {
  const select = $(id);
  for (const value of values) select.append(new Option(value, value));
}

function loadPortal() {
  snapshot = null;
  selected = null;
  setStatus('Loading the portal…');
  const page = /** @type {HTMLSelectElement} */ ($('portal-choice')).value;
  frame.src = `${portalOrigin}/${page}`;
  $('portal-origin').textContent = portalOrigin;
}

// ---- drawing -----------------------------------------------------------------------------

function render(next) {
  if (snapshot === null) setStatus(`Connected to the simulator inside ${next.portal} (${portalOrigin}).`);
  snapshot = next;
  $('clock').textContent = virtualTime(next.virtualMs);
  const toasts = next.screen.toasts;
  $('toast-text').textContent = toasts.length === 0 ? 'No toast on screen' : `Your mobile plan is ready to download (${toasts.join(', ')})`;
  $('toast-text').classList.toggle('up', toasts.length > 0);
  $('accept-toast').toggleAttribute('disabled', toasts.length === 0);
  $('dismiss-toast').toggleAttribute('disabled', toasts.length === 0);
  $('screen-text').textContent = next.screen.portalShown ? 'The portal is on screen.' : `The app came back (for ${next.screen.returnedToAppFor}); callbacks wait until the portal reopens.`;
  renderOperations(next);
  renderTimeline(next);
}

function renderOperations(next) {
  const list = $('operations');
  list.replaceChildren();
  if (next.operations.length === 0) {
    list.innerHTML = '<li class="empty">No operation yet: use a button in the portal.</li>';
  }
  const ops = [...next.operations].sort((a, b) => Number(a.id.replace(/\D/g, '')) - Number(b.id.replace(/\D/g, '')));
  const shown = ops.find((op) => op.id === selected) ?? ops.at(-1);
  for (const op of ops) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'operation';
    button.dataset.operation = op.id;
    button.setAttribute('aria-pressed', String(op === shown));
    button.setAttribute('aria-label', `Show the statechart of ${op.id}`);
    button.innerHTML = `<strong></strong> <span class="flow"></span> <span class="op-state"></span>`;
    button.querySelector('strong').textContent = op.id;
    button.querySelector('.flow').textContent = op.flow;
    button.querySelector('.op-state').textContent = op.live ? op.state : `${op.state} (${op.outcome})`;
    button.addEventListener('click', () => {
      selected = op.id;
      render(snapshot);
    });
    item.append(button);
    list.append(item);
  }
  $('chart-title').textContent = shown === undefined ? 'Statechart' : `Statechart: ${shown.id} ${shown.flow}`;
  drawStatechart($('statechart'), $('chart-transitions'), shown && data.machines[shown.flow], shown?.state ?? null, new Set(shown === undefined ? [] : (next.visited[shown.id] ?? [shown.state])));
}

function renderTimeline(next) {
  const all = /** @type {HTMLInputElement} */ ($('show-device')).checked;
  const list = $('timeline');
  list.replaceChildren();
  for (const entry of next.trace) {
    if (!all && (entry.kind === 'device' || entry.summary.startsWith('ui.progress'))) continue;
    const item = document.createElement('li');
    item.className = `entry kind-${entry.kind}`;
    const time = document.createElement('time');
    time.textContent = virtualTime(entry.at);
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = entry.kind;
    const op = document.createElement('span');
    op.className = 'op';
    op.textContent = entry.operationId ?? '';
    const text = document.createElement('span');
    text.className = 'summary';
    text.textContent = entry.summary;
    item.append(time, kind, op, text);
    list.append(item);
  }
  list.scrollTop = list.scrollHeight;
}

function virtualTime(ms) {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `+${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

loadPortal();
