import { formatActivationCode, parseActivationCode, toMaskedActivationCode } from '../domain/activationCode';
import type { FlowEvent } from '../../machines/types';
import { describeType, diagnostic, quote } from '../domain/diagnostics';
import { isActivationError, isNetworkRegistrationState } from '../domain/enums';
import { validateTransactionId } from '../domain/transactionId';
import { own, setOwn } from './records';
import { markChanged, startChanges, stopChanges } from './changes';
import type { Command } from './commands';
import { handOff } from './handOff';
import type { Input, Reply } from './inputs';
import { releaseLpa, pumpLpa } from './lpaQueue';
import { accepts, advance } from './operation';
import { resume } from './restore';
import { deliverPortalUpdates, stopPortalUpdates } from './portalUpdates';
import type { CoreState, OperationRecord } from './state';

/** What one step yields: the next state, the commands to execute in order, the reply, and the records it changed. */
export interface StepResult {
  readonly state: CoreState;
  readonly commands: readonly Command[];
  readonly reply: Reply;
  /**
   * The operation ids whose records (live, finished, or removed) may differ from before the
   * step: what an incremental storage writes (decision D35). May name more than changed, never fewer.
   */
  readonly changed: ReadonlySet<string>;
}

const ACCEPTED: Reply = { type: 'accepted' };
const NO_FOLLOWERS: readonly string[] = [];

/**
 * The pure core: one input in, the next state and the commands out. No clock, no I/O:
 * time comes inside the input and every effect leaves as a command.
 * Owns its input: it updates `state` in place and returns it (see {@link CoreState}); clone
 * it first (`cloneState`) to keep the earlier one.
 * @example
 * let state = createState();
 * const { state: next, commands, reply } = step(state, { type: 'portal.call', now: 0, call });
 */
export function step(state: CoreState, input: Input): StepResult {
  const commands: Command[] = [];
  const changed = new Set<string>();
  startChanges(state, changed);
  try {
    const reply = dispatch(state, input, commands);
    pumpLpa(state, commands);
    markTouched(state, input, reply, commands);
    return { state, commands, reply, changed };
  } finally {
    stopChanges();
  }
}

/** Mark every operation the input, the reply or a command names: their records may have changed. */
function markTouched(state: CoreState, input: Input, reply: Reply, commands: readonly Command[]): void {
  // The first four inputs carry no operationId: the default would mark nothing for them either.
  // Stryker disable StringLiteral: see above
  switch (input.type) {
    case 'portal.launched':
    case 'portal.closed':
    case 'modem.registration':
    case 'restore':
      break;
    // Stryker restore StringLiteral
    // A fired timer changes its operation only by moving it (advance marks it) or by re-arming it (the command marks it).
    // Stryker disable next-line ConditionalExpression,StringLiteral: see above
    case 'timer.fired':
      markChanged(state, input.timerId);
      break;
    default:
      // An input from outside may carry anything there: only an id marks.
      if (typeof input.operationId === 'string') markChanged(state, input.operationId);
  }
  // A created operation is marked as it starts, and an existing one returned is unchanged: an over-mark at most (D35).
  // Stryker disable next-line ConditionalExpression,StringLiteral: see above
  if (reply.type === 'operation') markChanged(state, reply.operationId);
  // A restart re-issues every operation's entry effects; resume marks the records it changed.
  // Stryker disable next-line ConditionalExpression: equivalent; marking the re-issued commands' operations too is an over-mark (D35)
  if (input.type === 'restore') return;
  // A safety net (D85): each change marks its operation where it is made, so leaving these marks out drops none that matters.
  // Stryker disable next-line BlockStatement: see above
  for (const command of commands) {
    const subject = subjectOf(command);
    if (subject !== null) markChanged(state, subject);
  }
}

/** The operation whose record a command may come from; null for a diagnostic (its operation, if any, is marked where it changed). */
function subjectOf(command: Command): string | null {
  switch (command.type) {
    case 'report': return command.report.operationId;
    case 'scheduler.set':
    // Stryker disable next-line ConditionalExpression: equivalent; emptied, it falls through to the diagnostic's null, and a timer's operation is marked where it changed (D85)
    case 'scheduler.clear': return command.timerId;
    case 'diagnostic': return null;
    default: return command.operationId;
  }
}

function dispatch(state: CoreState, input: Input, out: Command[]): Reply {
  switch (input.type) {
    case 'portal.launched': {
      // The launch parameter is at most 64 characters; a longer one would be sent back in every report.
      const checked = validateTransactionId(input.transactionId);
      if (!checked.ok) {
        out.push({ type: 'diagnostic', notice: { operationId: null, entryPoint: null, diagnostic: diagnostic('invalidTransactionId', `the portal launch was refused: ${checked.error.message}`, 'transactionId') } });
        return { type: 'refused', error: checked.error };
      }
      state.transactionId = checked.value;
      state.portalOpen = true;
      // A new portal page did not start the finished operations: they stop talking to it (D41).
      stopPortalUpdates(state);
      return ACCEPTED;
    }
    case 'portal.closed':
      state.portalOpen = false;
      stopPortalUpdates(state);
      return ACCEPTED;
    case 'portal.call':
      return handOff(state, input, out);
    case 'portal.cancel':
      return cancel(state, input, out);
    case 'timer.fired': {
      const reply = toOperation(state, input.timerId, { type: 'timer.fired', now: input.now }, out);
      if (reply.type === 'ignored') rearmEarlyTimer(state, input.timerId, input.now, out);
      return reply;
    }
    case 'lpa.progress':
      return toOperation(state, input.operationId, { type: 'lpa.progress', now: input.now, percent: input.percent }, out);
    case 'lpa.downloaded':
      return lpaAnswer(state, input.operationId, { type: 'lpa.downloaded', now: input.now, iccid: input.iccid }, out);
    case 'lpa.discovered':
      return discovered(state, input.operationId, input.activationCode, input.now, out);
    case 'lpa.nothingDiscovered':
    case 'lpa.enabled':
      return lpaAnswer(state, input.operationId, { type: input.type, now: input.now }, out);
    case 'lpa.profile':
      return lpaAnswer(state, input.operationId, { type: 'lpa.profile', now: input.now, state: input.state }, out);
    case 'lpa.failed':
      return lpaAnswer(state, input.operationId, { type: 'lpa.failed', now: input.now, error: input.error }, out);
    case 'modem.registration':
      if (!isNetworkRegistrationState(input.state)) return unknownRegistration(input.state, out);
      return registration(state, input.iccid, { type: 'modem.registration', now: input.now, state: input.state }, out);
    case 'modem.failed':
      if (!isActivationError(input.error)) return { type: 'ignored', reason: 'modem.failed needs an activation error' };
      return toOperation(state, input.operationId, { type: 'modem.failed', now: input.now, error: input.error }, out);
    case 'user.confirmationCode': {
      const secret = own(state.secrets.operations, input.operationId);
      const reply = toOperation(state, input.operationId, { type: 'user.confirmationCode', now: input.now }, out, () => {
        // An operation that takes a confirmation code has its activation code, so its secrets: `secret` is there.
        // Stryker disable next-line ConditionalExpression: see above
        if (secret !== undefined) secret.confirmationCode = input.code;
      });
      return reply;
    }
    case 'user.toastAccepted':
    case 'user.toastDismissed':
    case 'user.startDownload':
    case 'user.abort':
      return toOperation(state, input.operationId, { type: input.type, now: input.now }, out);
    case 'report.delivered': {
      const finished = Object.hasOwn(state.finished, input.operationId) ? state.finished[input.operationId] : undefined;
      if (finished?.reportPending !== true) return { type: 'ignored', reason: `no report of ${input.operationId} waits to be delivered` };
      delete finished.reportPending;
      return ACCEPTED;
    }
    case 'restore':
      resume(state, input.now, out);
      return ACCEPTED;
  }
}

/** Send an event to one live operation; `before` runs only if the operation accepts it. */
function toOperation(state: CoreState, operationId: string, event: FlowEvent, out: Command[], before?: () => void): Reply {
  const op: OperationRecord | undefined = own(state.operations, operationId);
  if (op === undefined) return { type: 'ignored', reason: `no live operation ${operationId}` };
  if (before !== undefined) {
    if (!accepts(state, op, event)) return { type: 'ignored', reason: `${op.flow} ${operationId} in ${op.value} does not take ${event.type}` };
    before();
  }
  return advance(state, op, event, out) ? ACCEPTED : { type: 'ignored', reason: `${op.flow} ${operationId} in ${op.value} does not take ${event.type}` };
}

/**
 * A timer that fired before its operation's deadline (a scheduler waking early, the wall clock
 * stepping back, a host timer cut short by its platform's longest wait) is armed again for the rest of
 * the wait: otherwise the operation would wait until the next restart.
 */
function rearmEarlyTimer(state: CoreState, timerId: string, now: number, out: Command[]): void {
  const op = Object.hasOwn(state.operations, timerId) ? state.operations[timerId] : undefined;
  const deadline = op?.context.deadline ?? null;
  // A state with a deadline takes its timer once the deadline passed, so an ignored timer with a deadline always fired early;
  // and no time (epoch ms, never negative) is before a null deadline either.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: see above
  if (deadline !== null && now < deadline) out.push({ type: 'scheduler.set', timerId, at: deadline });
}

/** An LPA answer frees the LPA for the next queued command, whatever the operation does with it. */
function lpaAnswer(state: CoreState, operationId: string, event: FlowEvent, out: Command[], before?: () => void): Reply {
  if (state.lpa.active !== operationId) return { type: 'ignored', reason: `the LPA is not working for ${operationId}` };
  releaseLpa(state, operationId);
  return toOperation(state, operationId, event, out, before);
}

/** SM-DS found a profile: keep its code as a secret, tell the machine only the masked form. */
function discovered(state: CoreState, operationId: string, activationCode: string, now: number, out: Command[]): Reply {
  const parsed = parseActivationCode(activationCode);
  if (!parsed.ok) return lpaAnswer(state, operationId, { type: 'lpa.failed', now, error: 'invalidActivationCode' }, out);
  // Kept only when the operation takes the answer: a stray one must not replace the code a download uses.
  return lpaAnswer(state, operationId, { type: 'lpa.discovered', now, code: toMaskedActivationCode(parsed.value) }, out, () => {
    setOwn(state.secrets.operations, operationId, { activationCode: formatActivationCode(parsed.value) });
  });
}

/** A registration change concerns every live operation following that ICCID. */
function registration(state: CoreState, iccid: string, event: FlowEvent, out: Command[]): Reply {
  const following = own(state.followers, iccid) ?? NO_FOLLOWERS;
  // A copy when several follow: an operation that finishes leaves the list while it is walked.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; an unfollow replaces the list rather than changing it in place, so walking it uncopied or copied gives the same
  const followers = following.length < 2 ? following : [...following];
  // Before the live operations: one that connects on this change has told its portal already.
  // Stryker disable next-line ConditionalExpression: equivalent; only modem.registration events come here (the test narrows the event's type)
  let taken = event.type === 'modem.registration' && deliverPortalUpdates(state, iccid, event.state, out);
  // Stryker disable next-line EqualityOperator: equivalent; one index past the end finds no live operation
  for (let i = 0; i < followers.length; i++) {
    const op = own(state.operations, followers[i]!);
    // Every follower is live (finish unfollows), and one operation's move never finishes another.
    // Stryker disable next-line ConditionalExpression: see above
    if (op !== undefined && advance(state, op, event, out)) taken = true;
  }
  return taken ? ACCEPTED : { type: 'ignored', reason: 'no operation follows that profile now' };
}

/** `notifyOperationCancel`: only the portal origin that started an operation may cancel it. */
function cancel(state: CoreState, input: Extract<Input, { type: 'portal.cancel' }>, out: Command[]): Reply {
  const op = own(state.operations, input.operationId);
  if (op !== undefined && (op.origin ?? null) !== (input.origin ?? null)) {
    const message = `notifyOperationCancel for ${op.id} was refused: ${input.origin === undefined ? 'it did not come from a portal page' : `the page at ${quote(input.origin, 100)} did not start it`}; nothing was cancelled`;
    out.push({ type: 'diagnostic', notice: { operationId: op.id, entryPoint: null, diagnostic: diagnostic('callRefused', message, 'operationContext') } });
    return { type: 'cancel', cancelled: false };
  }
  const event: FlowEvent = { type: 'portal.cancel', now: input.now };
  const cancelled = op !== undefined && accepts(state, op, event) && advance(state, op, event, out);
  return { type: 'cancel', cancelled };
}

/** A registration state the spec does not define never reaches a flow or the portal. */
function unknownRegistration(registration: unknown, out: Command[]): Reply {
  const shown = typeof registration === 'string' ? quote(registration) : describeType(registration);
  const message = `the modem reported the registration state ${shown}, which is not a NetworkRegistrationState; it was ignored`;
  out.push({ type: 'diagnostic', notice: { operationId: null, entryPoint: null, diagnostic: diagnostic('unknownEnumValue', message, 'networkRegistrationState') } });
  return { type: 'ignored', reason: 'unknown registration state' };
}
