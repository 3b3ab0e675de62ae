import type { Command, LpaCommand } from './commands';
import { own } from './records';
import type { CoreState } from './state';

/*
 * One LPA operation at a time on the eUICC: a command runs when the LPA is free and waits in
 * order otherwise. Secrets are added only when a command leaves the core.
 */

// How many commands each operation has waiting in a queue, so that a finishing operation is checked
// in O(1) instead of scanning the queue. Derived from the queue array (rebuilt on first use after a
// load, a clone or a restore), never part of the persisted document.
const waiting = new WeakMap<LpaCommand[], Map<string, number>>();

function waitingIn(state: CoreState): Map<string, number> {
  const queue = state.lpa.queue;
  let counts = waiting.get(queue);
  // Stryker disable next-line ConditionalExpression: rebuilding the counts on every use gives the same counts, only slower
  if (counts === undefined) {
    counts = new Map();
    // Stryker disable next-line LogicalOperator: counting from 0 also counts commands that left; a count too high only makes dropQueued filter a queue without them
    for (let i = state.lpa.head ?? 0; i < queue.length; i++) counts.set(queue[i]!.operationId, (counts.get(queue[i]!.operationId) ?? 0) + 1);
    waiting.set(queue, counts);
  }
  return counts;
}

function countWaiting(state: CoreState, operationId: string, change: 1 | -1): void {
  const counts = waitingIn(state);
  const count = (counts.get(operationId) ?? 0) + change;
  if (count > 0) counts.set(operationId, count);
  else counts.delete(operationId);
}

/** Run `command` now if the LPA is free, else queue it. */
export function requestLpa(state: CoreState, command: LpaCommand, out: Command[]): void {
  if (state.lpa.active === null) {
    state.lpa.active = command.operationId;
    out.push(withSecrets(state, command));
  } else {
    countWaiting(state, command.operationId, 1);
    state.lpa.queue.push(command);
  }
}

/** The LPA answered `operationId`: free it if that operation held it. */
export function releaseLpa(state: CoreState, operationId: string): void {
  if (state.lpa.active === operationId) state.lpa.active = null;
}

/** The commands still waiting, oldest first (a copy: the queue's array also holds those that left). */
export function queuedCommands(state: CoreState): LpaCommand[] {
  return state.lpa.queue.slice(state.lpa.head ?? 0);
}

/** Forget every queued command of an operation (it finished). */
export function dropQueued(state: CoreState, operationId: string): void {
  const queue = state.lpa.queue;
  // An empty queue, or none of this operation's commands in it (the common cases): nothing to scan.
  const counts = queue.length === 0 ? undefined : waitingIn(state);
  if (counts !== undefined && counts.delete(operationId)) {
    state.lpa.queue = queuedCommands(state).filter((c) => c.operationId !== operationId);
    state.lpa.head = 0;
    waiting.set(state.lpa.queue, counts);
  }
  releaseLpa(state, operationId);
}

/** Start the next queued command when the LPA is free. */
export function pumpLpa(state: CoreState, out: Command[]): void {
  const queue = state.lpa.queue;
  const head = state.lpa.head ?? 0;
  if (state.lpa.active !== null || head >= queue.length) return;
  const next = queue[head]!;
  // Stryker disable next-line UnaryOperator: a count too high only makes dropQueued filter a queue that no longer holds the operation
  countWaiting(state, next.operationId, -1);
  // Move the head instead of shifting: Array.shift copies the rest, quadratic over a long queue.
  if (head + 1 === queue.length) {
    queue.length = 0;
    state.lpa.head = 0;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator,ConditionalExpression: where the array is compacted changes only how many departed commands it keeps, never which command runs next or what is restored (queuedCommands)
  } else if (head + 1 >= 64 && (head + 1) * 2 >= queue.length) {
    queue.splice(0, head + 1);
    state.lpa.head = 0;
  } else {
    state.lpa.head = head + 1;
  }
  requestLpa(state, next, out);
}

function withSecrets(state: CoreState, command: LpaCommand): LpaCommand {
  if (command.type !== 'lpa.download') return command;
  const secret = own(state.secrets.operations, command.operationId);
  // Every download has its secret (the hand-off or the discovery stores it; a loaded document without it is quarantined): the fallbacks never apply.
  // Stryker disable next-line OptionalChaining,StringLiteral: see above
  return { ...command, activationCode: secret?.activationCode ?? '', confirmationCode: secret?.confirmationCode ?? null };
}
