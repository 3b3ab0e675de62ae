import { markChanged } from './changes';
import type { Command, LpaCommand } from './commands';
import { emptyMap, own, setOwn } from './records';
import type { CoreState, QueuedCommand } from './state';

/*
 * One LPA operation at a time on the eUICC: a command runs when the LPA is free and waits in
 * order otherwise. Secrets are added only when a command leaves the core.
 */

export type { QueuedCommand } from './state';

/** An LPA with nothing running and nothing waiting. */
export function emptyLpa(): CoreState['lpa'] {
  return { active: null, queue: [], head: 0, waiting: emptyMap(), nextPosition: 0 };
}

/** Put `command` at the end of the line: in the queue, and in its operation's list with the next place. */
export function waitInLine(state: CoreState, command: LpaCommand): void {
  const lpa = state.lpa;
  const entry: QueuedCommand = { position: lpa.nextPosition++, command };
  const list = own(lpa.waiting, command.operationId);
  if (list === undefined) setOwn(lpa.waiting, command.operationId, [entry]);
  else list.push(entry);
  lpa.queue.push(command);
}

/** Run `command` now if the LPA is free, else queue it. */
export function requestLpa(state: CoreState, command: LpaCommand, out: Command[]): void {
  if (state.lpa.active === null) {
    state.lpa.active = command.operationId;
    out.push(withSecrets(state, command));
  } else {
    waitInLine(state, command);
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
  return own(state.lpa.waiting, operationId) ?? NONE;
}

const NONE: readonly QueuedCommand[] = [];

/** Forget every queued command of an operation (it finished). */
export function dropQueued(state: CoreState, operationId: string): void {
  // None of this operation's commands in the line (the common case): nothing to scan.
  // Stryker disable next-line ConditionalExpression: equivalent; a shortcut, filtering out an operation with nothing waiting keeps the same commands waiting (a mark more is harmless, D35)
  if (own(state.lpa.waiting, operationId) !== undefined) {
    delete state.lpa.waiting[operationId];
    state.lpa.queue = queuedCommands(state).filter((c) => c.operationId !== operationId);
    state.lpa.head = 0;
    if (state.lpa.queue.length === 0) state.lpa.nextPosition = 0;
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
  const list = own(state.lpa.waiting, next.operationId);
  // Every queued command is in its operation's list (a loaded line is rebuilt from those lists): `list` is never undefined here.
  // Stryker disable next-line OptionalChaining: see above
  list?.shift(); // an operation's own commands leave in order: its first is this one
  // Stryker disable next-line OptionalChaining: see above
  if (list?.length === 0) delete state.lpa.waiting[next.operationId];
  markChanged(state, next.operationId);
  // Move the head instead of shifting: Array.shift copies the rest, quadratic over a long queue.
  if (head + 1 === queue.length) {
    queue.length = 0;
    state.lpa.head = 0;
    // An empty line starts counting again: places only order the commands waiting together, and
    // equal lines make equal states (no count of every command that ever waited).
    state.lpa.nextPosition = 0;
  } else if (
    // Stryker disable next-line EqualityOperator,ArithmeticOperator,ConditionalExpression: where the array is compacted changes only how many departed commands it keeps, never which command runs next or what is restored (queuedCommands)
    head + 1 >= 64 && (head + 1) * 2 >= queue.length
  ) {
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
