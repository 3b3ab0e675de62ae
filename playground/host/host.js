/**
 * The playground's host panel. The simulator runs inside the portal frame (another origin);
 * this page sends it commands and draws the snapshots it sends back: the clock, the operations,
 * the selected operation's statechart and sequence diagram, and the timeline. The message
 * protocol is described at the top of playground/portal/sim-bridge.js.
 */
import { drawChartEvents, pathStory } from './chartEvents.js';
import { createClock } from './clock.js';
import { clockStatus, virtualTime } from './clockStatus.js';
import { eventActions, lastTransition } from './operationView.js';
import { drawSequence, entriesOf, sequenceSteps } from './sequence.js';
import { createStatechart } from './statechart.js';

const CHANNEL = 'mobile-plans-playground';
const portalOrigin = window.PLAYGROUND_PORTAL_ORIGIN;
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const frame = /** @type {HTMLIFrameElement} */ ($('portal-frame'));

/** @type {{ machines: Record<string, any>, activationErrors: string[], registrations: string[] }} */
const data = await (await fetch('/playground-data.json')).json();

let snapshot = null;
let selected = null; // the operation whose statechart is shown (null: the newest)
let nextId = 1;
const waiting = new Map(); // command id -> resolve
const drawn = { operations: '', events: '', sequence: '', timeline: '' }; // what each part last drew

// ---- commands to the portal's simulator -------------------------------------------------

/** Send a command; resolves with the simulator's answer (never rejects: errors go to the status line). */
function send(command, args = {}) {
  if (snapshot === null) {
    setStatus('The portal is not ready yet.');
    return Promise.resolve({ ok: false });
  }
  const id = nextId++;
  frame.contentWindow?.postMessage({ channel: CHANNEL, type: 'command', id, command, args }, portalOrigin);
  return new Promise((resolve) => waiting.set(id, resolve));
}

window.addEventListener('message', (event) => {
  if (event.origin !== portalOrigin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (message === null || typeof message !== 'object' || message.channel !== CHANNEL) return;
  if (message.type === 'result') {
    if (!message.ok) setStatus(`The simulator said: ${message.error}`);
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  }
  if (message.type === 'snapshot') render(message.snapshot);
});

function setStatus(text) {
  $('status').textContent = text;
}

// ---- controls ----------------------------------------------------------------------------

const clock = createClock({
  advance: (minutes) => send('advance', { minutes }),
  modeInputs: /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="clock-mode"]')),
  modeText: $('clock-mode'),
  onModeChange: () => snapshot && renderClock(snapshot),
});

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
$('code-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($('code-input'));
  const operationId = $('code-form').dataset.operation;
  void send('confirmationCode', { code: input.value, operationId });
  input.value = '';
  $('code-form').hidden = true;
});

fillSelect('outcome-choice', data.activationErrors);
fillSelect('registration-choice', data.registrations);

function fillSelect(id, values) {
  const select = $(id);
  for (const value of values) select.append(new Option(value, value));
}

function loadPortal() {
  snapshot = null;
  selected = null;
  clock.stop();
  setStatus('Loading the portal…');
  const page = /** @type {HTMLSelectElement} */ ($('portal-choice')).value;
  frame.src = `${portalOrigin}/${page}`;
  $('portal-origin').textContent = portalOrigin;
}

/** What clicking an event does: ask the simulator to deliver it to the operation. */
function sendEvent(operationId, event) {
  switch (event) {
    case 'user.toastAccepted':
      return send('acceptToast', { operationId });
    case 'user.toastDismissed':
      return send('dismissToast', { operationId });
    case 'user.startDownload':
      return send('startDownload', { operationId });
    case 'user.abort':
      return send('abort', { operationId });
    case 'portal.cancel':
      return send('cancel', { operationId });
    case 'timer.fired':
      return send('advanceToTimer', { operationId });
    case 'user.confirmationCode': {
      const form = $('code-form');
      form.dataset.operation = operationId;
      form.hidden = false;
      $('code-input').focus();
      return Promise.resolve();
    }
    default:
      return Promise.resolve();
  }
}

// ---- drawing -----------------------------------------------------------------------------

const chart = createStatechart($('statechart'), (transition) => {
  const op = shownOperation(snapshot);
  if (op !== undefined) void sendEvent(op.id, transition.event);
});

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
  renderChart(next);
  renderSequence(next);
  renderTimeline(next);
  renderClock(next);
}

function sortedOperations(next) {
  return [...next.operations].sort((a, b) => Number(a.id.replace(/\D/g, '')) - Number(b.id.replace(/\D/g, '')));
}

function shownOperation(next) {
  if (next === null) return undefined;
  const ops = sortedOperations(next);
  return ops.find((op) => op.id === selected) ?? ops.at(-1);
}

/** Rebuild a list only when what it shows changed, and keep the keyboard focus where it was. */
function redraw(part, key, list, build, focusKey) {
  if (drawn[part] === key) return;
  drawn[part] = key;
  const focused = document.activeElement instanceof HTMLElement && list.contains(document.activeElement) ? document.activeElement.getAttribute(focusKey) : null;
  build();
  if (focused !== null) /** @type {HTMLElement | null} */ (list.querySelector(`[${focusKey}="${focused}"]`))?.focus();
}

function renderOperations(next) {
  const list = $('operations');
  const ops = sortedOperations(next);
  const shown = shownOperation(next);
  redraw('operations', JSON.stringify([ops, shown?.id]), list, () => {
    list.replaceChildren();
    if (ops.length === 0) list.innerHTML = '<li class="empty">No operation yet: use a button in the portal.</li>';
    for (const op of ops) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'operation';
      button.dataset.operation = op.id;
      button.setAttribute('aria-pressed', String(op === shown));
      button.title = `Show the statechart of ${op.id}`;
      button.innerHTML = '<strong></strong> <span class="flow"></span> <span class="op-state"></span>';
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
  }, 'data-operation');
}

function renderChart(next) {
  const op = shownOperation(next);
  const machine = op && data.machines[op.flow];
  $('chart-title').textContent = op === undefined ? 'Statechart' : `Statechart: ${op.id} ${op.flow}`;
  $('chart-empty').hidden = op !== undefined;
  chart.show(machine?.layout);
  const events = $('chart-events');
  if (op === undefined || machine === undefined) {
    redraw('events', '', events, () => events.replaceChildren(), 'data-event');
    return;
  }
  const history = next.history[op.id] ?? [{ state: op.state, cause: null }];
  const path = history[0]?.state === machine.initial ? history : [{ state: machine.initial, cause: null }, ...history];
  const taken = lastTransition(machine.layout.transitions, path);
  const actions = eventActions(machine, op, next);
  const actionable = new Map();
  for (const t of machine.layout.transitions) {
    const action = actions.get(t.event);
    if (t.source === op.state && action !== undefined) actionable.set(t.index, `${action.text}: send ${t.event} to ${op.id}`);
  }
  chart.update({ active: op.state, visited: new Set(path.map((h) => h.state)), taken: taken?.index ?? null, actionable, operationId: op.id });
  const story = pathStory(path, taken);
  redraw('events', JSON.stringify([op.id, op.state, op.live, [...actions.keys()], story]), events, () => drawChartEvents(events, machine, op, actions, story, (event) => void sendEvent(op.id, event)), 'data-event');
  if (op.state !== 'confirmationCode' || !op.live) $('code-form').hidden = true;
}

function renderSequence(next) {
  const op = shownOperation(next);
  const entries = op === undefined ? [] : entriesOf(next.trace, op.id);
  const list = /** @type {HTMLOListElement} */ ($('sequence'));
  redraw('sequence', `${op?.id}:${entries.length}`, list, () => drawSequence(list, sequenceSteps(entries, virtualTime)), 'data-none');
}

function renderTimeline(next) {
  const all = /** @type {HTMLInputElement} */ ($('show-device')).checked;
  const list = $('timeline');
  redraw('timeline', `${all}:${next.trace.length}`, list, () => {
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
  }, 'data-none');
}

/** The mode, the next deadline, and whether anything will happen without the clock moving. */
function renderClock(next) {
  const status = clockStatus(next, data.machines, clock.running);
  $('next-deadline').textContent = status.next;
  $('idle-note').textContent = status.idle.join(' ');
  $('idle-note').hidden = status.idle.length === 0;
}

loadPortal();
