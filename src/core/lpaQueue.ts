import type { Command, LpaCommand } from './commands';
import type { CoreState } from './state';

/*
 * One LPA operation at a time on the eUICC: a command runs when the LPA is free and waits in
 * order otherwise. Secrets are added only when a command leaves the core.
 */

/** Run `command` now if the LPA is free, else queue it. */
export function requestLpa(state: CoreState, command: LpaCommand, out: Command[]): void {
  if (state.lpa.active === null) {
    state.lpa.active = command.operationId;
    out.push(withSecrets(state, command));
  } else {
    state.lpa.queue.push(command);
  }
}

/** The LPA answered `operationId`: free it if that operation held it. */
export function releaseLpa(state: CoreState, operationId: string): void {
  if (state.lpa.active === operationId) state.lpa.active = null;
}

/** Forget every queued command of an operation (it finished). */
export function dropQueued(state: CoreState, operationId: string): void {
  if (state.lpa.queue.some((c) => c.operationId === operationId)) {
    state.lpa.queue = state.lpa.queue.filter((c) => c.operationId !== operationId);
  }
  releaseLpa(state, operationId);
}

/** Start the next queued command when the LPA is free. */
export function pumpLpa(state: CoreState, out: Command[]): void {
  const next = state.lpa.active === null ? state.lpa.queue.shift() : undefined;
  if (next !== undefined) requestLpa(state, next, out);
}

function withSecrets(state: CoreState, command: LpaCommand): LpaCommand {
  if (command.type !== 'lpa.download') return command;
  const secret = state.secrets.operations[command.operationId];
  return { ...command, activationCode: secret?.activationCode ?? '', confirmationCode: secret?.confirmationCode ?? null };
}
