/**
 * What the statechart marks for one operation, worked out from a snapshot: the transition it
 * just took, and the events its state accepts that the page can send for the user, the portal
 * or the clock.
 */

/** The events the page can deliver, and what they are called on a button. */
const SENDABLE = {
  'user.toastAccepted': 'Accept the toast',
  'user.toastDismissed': 'Dismiss the toast',
  'user.startDownload': 'Start the download from the app',
  'user.confirmationCode': 'Type the confirmation code',
  'user.abort': 'Give up',
  'portal.cancel': 'Cancel it, as the portal would',
  'timer.fired': 'Jump the clock to the deadline',
};

/** The event behind a trace line the simulator recorded just before a state change. */
const CAUSES = [
  [/accepts the toast/, 'user.toastAccepted'],
  [/dismisses the toast/, 'user.toastDismissed'],
  [/starts the download/, 'user.startDownload'],
  [/enters a confirmation code/, 'user.confirmationCode'],
  [/gives up/, 'user.abort'],
  [/notifyOperationCancel/, 'portal.cancel'],
  [/^timer \S+ fired/, 'timer.fired'],
  [/^registration /, 'modem.registration'],
  [/^downloaded profile/, 'lpa.downloaded'],
  [/^enabled profile/, 'lpa.enabled'],
  [/^SM-DS has a profile/, 'lpa.discovered'],
  [/^SM-DS has no profile/, 'lpa.nothingDiscovered'],
  [/^profile \S+ is /, 'lpa.profile'],
  [/failed/, 'lpa.failed'],
  [/^portal call/, 'operation.start'],
];

/**
 * The transition from the last-but-one state of the path to the last, picked by the event that
 * caused it when two transitions join the same states.
 *
 * @param {Array<{ index: number, source: string, target: string, leaves: boolean, event: string }>} transitions
 * @param {Array<{ state: string, cause: string | null }>} path - the states entered, in order
 */
export function lastTransition(transitions, path) {
  const to = path.at(-1);
  const from = path.at(-2);
  if (to === undefined || from === undefined) return undefined;
  const candidates = transitions.filter((t) => t.leaves && t.source === from.state && t.target === to.state);
  const cause = to.cause === null ? undefined : CAUSES.find(([pattern]) => pattern.test(to.cause ?? ''))?.[1];
  return candidates.find((t) => t.event === cause) ?? candidates[0];
}

/**
 * The events the operation's state accepts that the page can send now, by event type.
 *
 * @param {{ states: Array<{ name: string, transitions: Array<{ event: string }> }> }} machine
 * @param {{ id: string, state: string, live: boolean }} op
 * @param {{ pending: Array<{ id: string | null }>, screen: { toasts: string[], confirmationPrompts: Record<string, number> } }} snapshot
 * @returns {Map<string, { text: string }>}
 */
export function eventActions(machine, op, snapshot) {
  const actions = new Map();
  if (!op.live) return actions;
  const state = machine.states.find((s) => s.name === op.state);
  for (const { event } of state?.transitions ?? []) {
    const text = SENDABLE[event];
    if (text === undefined || !possibleNow(event, op.id, snapshot)) continue;
    actions.set(event, { text });
  }
  return actions;
}

function possibleNow(event, operationId, snapshot) {
  switch (event) {
    case 'user.toastAccepted':
    case 'user.toastDismissed':
      return snapshot.screen.toasts.includes(operationId);
    case 'user.confirmationCode':
      return operationId in snapshot.screen.confirmationPrompts;
    case 'timer.fired':
      return snapshot.pending.some((p) => p.id === operationId);
    default:
      return true;
  }
}
