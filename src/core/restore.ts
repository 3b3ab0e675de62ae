import type { Command } from './commands';
import { flows } from '../../machines/flows';
import { entryEffects, runtimeFor, type FlowRuntime } from './flowRunner';
import { emptyLpa, queuedCommands } from './lpaQueue';
import { markChanged } from './changes';
import { emit } from './operation';
import { own } from './records';
import type { CoreState } from './state';

/**
 * After a restart: re-run the entry effects of every live operation's current state, so
 * deadlines are armed again at their original times (an overdue one fires at once), the
 * interrupted LPA command is issued again (downloads are idempotent), and the toast or prompt
 * the user had is shown again. The operation that held the LPA goes first. A report the host
 * had not yet handed over when it stopped is sent again (the document said finished, the
 * report effect never took it).
 */
export function resume(state: CoreState, now: number, out: Command[]): void {
  for (const record of Object.values(state.finished)) {
    if (record.reportPending === true) out.push({ type: 'report', report: record.report });
  }
  const first = state.lpa.active;
  const queued = queuedCommands(state).map((c) => c.operationId);
  state.lpa = emptyLpa();
  // The LPA's operations first, in line; then every other one, in the map's order (no copy of it beyond its keys).
  // Stryker disable next-line ConditionalExpression: equivalent; a null id in line would mark nothing (markChanged starts from null) and resume nothing
  const ahead = first === null ? queued : [first, ...queued];
  // Their records held their places in the LPA queue, rebuilt here.
  for (const id of ahead) markChanged(state, id);
  const inLine = new Set(ahead);
  const runtime = runtimeFor(state.config.timing);
  for (const id of inLine) resumeOne(state, runtime, id, now, out);
  // Stryker disable next-line ConditionalExpression: equivalent; a shortcut, an empty line has no id
  for (const id of Object.keys(state.operations)) if (inLine.size === 0 || !inLine.has(id)) resumeOne(state, runtime, id, now, out);
}

function resumeOne(state: CoreState, runtime: FlowRuntime, id: string, now: number, out: Command[]): void {
  const op = own(state.operations, id);
  // Stryker disable next-line ConditionalExpression: equivalent; every id resumed names a live operation (the line holds live ones only)
  if (op === undefined) return;
  const callbacks = op.callbacks.length;
  const last = op.callbacks[callbacks - 1];
  emit(state, op, entryEffects(flows[op.flow], runtime, op.value, op.context), now, out);
  // Entry effects change a record only by a callback kept in its history (a report marks itself).
  // Stryker disable next-line ConditionalExpression,LogicalOperator: no entry effect of today's flows raises a callback, so only over-marking is observable (tested)
  if (op.callbacks.length !== callbacks || op.callbacks[callbacks - 1] !== last) markChanged(state, id);
}
