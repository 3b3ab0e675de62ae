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

function waitingIn(queue: LpaCommand[]): Map<string, number> {
  let counts = waiting.get(queue);
  if (counts === undefined) {
    counts = new Map();
    for (const command of queue) counts.set(command.operationId, (counts.get(command.operationId) ?? 0) + 1);
    waiting.set(queue, counts);
  }
  return counts;
}

function countWaiting(queue: LpaCommand[], operationId: string, change: 1 | -1): void {
  const counts = waitingIn(queue);
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
    countWaiting(state.lpa.queue, command.operationId, 1);
    state.lpa.queue.push(command);
  }
}

/** The LPA answered `operationId`: free it if that operation held it. */
export function releaseLpa(state: CoreState, operationId: string): void {
  if (state.lpa.active === operationId) state.lpa.active = null;
}

/** Forget every queued command of an operation (it finished). */
export function dropQueued(state: CoreState, operationId: string): void {
  const queue = state.lpa.queue;
  // An empty queue, or none of this operation's commands in it (the common cases): nothing to scan.
  const counts = queue.length === 0 ? undefined : waitingIn(queue);
  if (counts !== undefined && counts.delete(operationId)) {
    state.lpa.queue = queue.filter((c) => c.operationId !== operationId);
    waiting.set(state.lpa.queue, counts);
  }
  releaseLpa(state, operationId);
}

/** Start the next queued command when the LPA is free. */
export function pumpLpa(state: CoreState, out: Command[]): void {
  const queue = state.lpa.queue;
  if (state.lpa.active !== null || queue.length === 0) return;
  countWaiting(queue, queue[0]!.operationId, -1);
  requestLpa(state, queue.shift()!, out);
}

function withSecrets(state: CoreState, command: LpaCommand): LpaCommand {
  if (command.type !== 'lpa.download') return command;
  const secret = own(state.secrets.operations, command.operationId);
  return { ...command, activationCode: secret?.activationCode ?? '', confirmationCode: secret?.confirmationCode ?? null };
}
