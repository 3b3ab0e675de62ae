import { markChanged } from './changes';
import type { Command, LpaCommand } from './commands';
import { own } from './records';
import type { CoreState } from './state';

/*
 * One LPA operation at a time on the eUICC: a command runs when the LPA is free and waits in
 * order otherwise. Secrets are added only when a command leaves the core.
 */

/** A command waiting for the LPA, with its place in line (increasing; stored in its operation's record). */
export interface QueuedCommand {
  readonly position: number;
  readonly command: LpaCommand;
}

// Each operation's waiting commands with their places in line, so that a finishing operation is
// checked in O(1) instead of scanning the queue, and an operation's record can carry its own
// commands (decision D55: the queue is not rewritten whole on every step). Derived from the
// queue array (rebuilt on first use after a load, a clone or a restore), never part of the
// persisted document.
interface QueueIndex {
  readonly waiting: Map<string, QueuedCommand[]>;
  nextPosition: number;
}

const indexes = new WeakMap<LpaCommand[], QueueIndex>();

function indexOf(state: CoreState): QueueIndex {
  const queue = state.lpa.queue;
  let index = indexes.get(queue);
  if (index === undefined) {
    index = { waiting: new Map(), nextPosition: 0 };
    for (let i = state.lpa.head ?? 0; i < queue.length; i++) enqueued(index, queue[i]!);
    indexes.set(queue, index);
  }
  return index;
}

function enqueued(index: QueueIndex, command: LpaCommand): void {
  const entry = { position: index.nextPosition++, command };
  const list = index.waiting.get(command.operationId);
  if (list === undefined) index.waiting.set(command.operationId, [entry]);
  else list.push(entry);
}

/** Run `command` now if the LPA is free, else queue it. */
export function requestLpa(state: CoreState, command: LpaCommand, out: Command[]): void {
  if (state.lpa.active === null) {
    state.lpa.active = command.operationId;
    out.push(withSecrets(state, command));
  } else {
    enqueued(indexOf(state), command);
    state.lpa.queue.push(command);
    markChanged(state, command.operationId);
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

/** The commands of one operation still waiting, with their places in line; empty when none. */
export function queuedFor(state: CoreState, operationId: string): readonly QueuedCommand[] {
  if (state.lpa.queue.length === 0) return NONE;
  return indexOf(state).waiting.get(operationId) ?? NONE;
}

const NONE: readonly QueuedCommand[] = [];

/** Forget every queued command of an operation (it finished). */
export function dropQueued(state: CoreState, operationId: string): void {
  const queue = state.lpa.queue;
  // An empty queue, or none of this operation's commands in it (the common cases): nothing to scan.
  const index = queue.length === 0 ? undefined : indexOf(state);
  if (index !== undefined && index.waiting.delete(operationId)) {
    state.lpa.queue = queuedCommands(state).filter((c) => c.operationId !== operationId);
    state.lpa.head = 0;
    indexes.set(state.lpa.queue, index);
    markChanged(state, operationId);
  }
  releaseLpa(state, operationId);
}

/** Start the next queued command when the LPA is free. */
export function pumpLpa(state: CoreState, out: Command[]): void {
  const queue = state.lpa.queue;
  const head = state.lpa.head ?? 0;
  if (state.lpa.active !== null || head >= queue.length) return;
  const next = queue[head]!;
  const index = indexOf(state);
  const list = index.waiting.get(next.operationId);
  list?.shift(); // an operation's own commands leave in order: its first is this one
  if (list?.length === 0) index.waiting.delete(next.operationId);
  markChanged(state, next.operationId);
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
