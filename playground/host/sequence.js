/**
 * The live sequence diagram of one operation, built from the simulator's (redacted) trace as it
 * happens, with the participants and wording of the generated docs' main-path diagrams
 * (src/docs/sequenceDiagram.ts): Portal, Host, LPA/SM-DP+, Modem, User. Drawn in HTML: one row
 * per message, an arrow between two lifelines, so it reads at any width and as a list.
 */

export const PARTICIPANTS = ['Portal', 'Host', 'LPA/SM-DP+', 'Modem', 'User'];
const [PORTAL, HOST, LPA, MODEM, USER] = PARTICIPANTS;

/**
 * @typedef {{ at: number, kind: string, operationId: string | null, summary: string }} Entry
 * @typedef {{ type: 'message', from: string, to: string, text: string, reply: boolean, at: number } | { type: 'note', over: 'all' | 'Host', text: string, at: number }} Step
 */

/**
 * The trace entries that belong to one operation: its own, the portal call that created it,
 * and the registration changes the modem reported while it lived.
 *
 * @param {Entry[]} trace
 * @param {string} operationId
 * @returns {Entry[]}
 */
export function entriesOf(trace, operationId) {
  const first = trace.findIndex((e) => e.operationId === operationId);
  if (first < 0) return [];
  const report = trace.findIndex((e) => e.operationId === operationId && e.kind === 'report');
  const end = report < 0 ? trace.length : report + 1;
  const call = trace[first - 1];
  const start = call !== undefined && call.operationId === null && call.summary.startsWith('portal calls ') ? first - 1 : first;
  return trace.slice(start, end).filter((e) => e.operationId === operationId || (e.operationId === null && (e.summary.startsWith('portal calls ') || e.summary.startsWith('registration '))));
}

/**
 * Trace entries → the diagram's steps, with a time note whenever the clock has moved.
 *
 * @param {Entry[]} entries - from {@link entriesOf}
 * @param {(ms: number) => string} time - how a virtual time reads
 * @returns {Step[]}
 */
export function sequenceSteps(entries, time) {
  /** @type {Step[]} */
  const steps = [];
  let clock = -1;
  for (const entry of entries) {
    const step = stepOf(entry);
    if (step === null) continue;
    if (entry.at !== clock) {
      steps.push({ type: 'note', over: 'all', text: time(entry.at), at: entry.at });
      clock = entry.at;
    }
    steps.push({ ...step, at: entry.at });
  }
  return steps;
}

const message = (from, to, text, reply = false) => ({ type: 'message', from, to, text, reply });
const note = (text) => ({ type: 'note', over: 'Host', text });
const rest = (summary, prefix) => summary.slice(prefix.length).trim();

/** One trace entry as a message or note, or null for what the docs do not draw. */
function stepOf({ kind, summary }) {
  const [type] = summary.split(' ');
  switch (kind) {
    case 'command':
      return commandStep(type ?? '', summary);
    case 'callback':
      return message(HOST, PORTAL, `${type}Script(${rest(summary, type ?? '')})`);
    case 'report':
      return note(`report: ${summary}`);
    case 'diagnostic':
      return note(`diagnostic ${summary}`);
    case 'user':
      if (summary.startsWith('portal calls ')) return message(PORTAL, HOST, `${rest(summary, 'portal calls')}(…)`);
      if (/ returns | was refused| was ignored/.test(summary)) return message(HOST, PORTAL, summary.replace(/^\S+ /, ''), true);
      if (summary.startsWith('notifyOperationCancel returns')) return message(HOST, PORTAL, rest(summary, 'notifyOperationCancel'), true);
      if (summary.startsWith('opens the portal')) return message(HOST, PORTAL, summary);
      return message(USER, HOST, summary);
    case 'device':
      if (/^timer \S+ fired/.test(summary)) return note('the deadline passes (timer fired)');
      if (summary.startsWith('registration ')) return message(MODEM, HOST, summary, true);
      if (summary.startsWith('registering on') || summary.startsWith('installed profile')) return null;
      return message(LPA, HOST, summary, true);
    default:
      return null;
  }
}

function commandStep(type, summary) {
  const text = rest(summary, type);
  switch (type) {
    case 'lpa.download':
      return message(HOST, LPA, `download ${text}`);
    case 'lpa.discover':
      return message(HOST, LPA, 'discover the profile on SM-DS');
    case 'lpa.enable':
      return message(HOST, LPA, `enable ${text}`);
    case 'lpa.queryProfile':
      return message(HOST, LPA, `is ${text} on the eUICC, and enabled?`);
    case 'scheduler.set':
      return message(HOST, HOST, `arm the deadline for ${text.replace(/^\S+ at /, '')}`);
    case 'scheduler.clear':
      return message(HOST, HOST, 'clear the deadline');
    case 'modem.register':
      return message(HOST, MODEM, `register ${text}`);
    case 'ui.progress':
      // The stages, not every percentage (the timeline's device details have those).
      return /\d+%$/.test(text) ? null : message(HOST, USER, `progress: ${text}`);
    case 'ui.scheduled':
      return message(HOST, USER, `notice: your profile will be installed ${text}`);
    case 'ui.toast':
      return message(HOST, USER, 'toast: your profile is ready to download');
    case 'ui.hideToast':
      return message(HOST, USER, 'hide the toast');
    case 'ui.confirmationCode':
      return message(HOST, USER, `ask for the confirmation code (${text})`);
    case 'ui.returnToApp':
      return message(HOST, USER, 'close the portal, back to the Mobile Plans app');
    default:
      return null; // portal.callback, report and diagnostic have their own trace entries
  }
}

/**
 * Draw the steps: a header of lifelines, then one numbered row per step.
 *
 * @param {HTMLOListElement} list
 * @param {Step[]} steps
 */
export function drawSequence(list, steps) {
  list.replaceChildren();
  let number = 0;
  for (const step of steps) {
    const item = document.createElement('li');
    if (step.type === 'note') {
      item.className = `seq-note over-${step.over === 'all' ? 'all' : 'host'}`;
      item.append(span('seq-text', step.text));
      list.append(item);
      continue;
    }
    number += 1;
    const from = PARTICIPANTS.indexOf(step.from);
    const to = PARTICIPANTS.indexOf(step.to);
    const left = Math.min(from, to);
    const right = Math.max(from, to);
    item.className = `seq-message${step.reply ? ' reply' : ''}${from === to ? ' self' : to > from ? ' rightward' : ' leftward'}`;
    item.style.setProperty('--from', String(left + 1));
    item.style.setProperty('--to', String(right + 2));
    const arrow = span('seq-arrow', '');
    arrow.setAttribute('aria-hidden', 'true');
    // Screen readers get the sentence; the arrow says the same with lines.
    item.append(span('seq-number', String(number)), span('visually-hidden', `${step.from} to ${step.to}: `), span('seq-text', step.text), arrow);
    list.append(item);
  }
}

function span(className, text) {
  const node = document.createElement('span');
  node.className = className;
  node.textContent = text;
  return node;
}
