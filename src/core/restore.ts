import type { Command } from './commands';
import { flows } from '../../machines/flows';
import { entryEffects, runtimeFor } from './flowRunner';
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
  const order = [...new Set([...(first === null ? [] : [first]), ...queued, ...Object.keys(state.operations)])];
  // Their records held their places in the LPA queue, rebuilt here.
  if (first !== null) markChanged(state, first);
  for (const id of queued) markChanged(state, id);
  const runtime = runtimeFor(state.config.timing);
  for (const id of order) {
    const op = own(state.operations, id);
    if (op === undefined) continue;
    const callbacks = op.callbacks.length;
    const last = op.callbacks[callbacks - 1];
    emit(state, op, entryEffects(flows[op.flow], runtime, op.value, op.context), now, out);
    // Entry effects change a record only by a callback kept in its history (a report marks itself).
    if (op.callbacks.length !== callbacks || op.callbacks[callbacks - 1] !== last) markChanged(state, id);
  }
}
