import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { machinesFor } from '../../machines/index';
import type { FlowContext, FlowEvent, FlowName, Outcome, ProgressStage } from '../../machines/types';
import type { ActivationError, NetworkRegistrationState } from '../domain/enums';
import type { CallbackScript, Command } from './commands';
import { dropQueued, requestLpa } from './lpaQueue';
import { pureTransition, type MachineAction } from './pureTransition';
import type { CoreState, FinishedRecord, OperationRecord } from './state';

/** The flow machine behind an operation, with the state's timing. */
export function machineOf(state: CoreState, flow: FlowName): AnyStateMachine {
  return machinesFor(state.config.timing)[flow] as unknown as AnyStateMachine;
}

// The snapshot an operation's record was last advanced to, keyed by the record: resolveState only after a restore or clone.
const snapshots = new WeakMap<OperationRecord, AnyMachineSnapshot>();

/** Remember `snapshot` as the one `op` stands at (its value and context come from it). */
export function rememberSnapshot(op: OperationRecord, snapshot: AnyMachineSnapshot): void {
  snapshots.set(op, snapshot);
}

/** The xstate snapshot of an operation, rebuilt from its record. */
export function snapshotOf(state: CoreState, op: OperationRecord): AnyMachineSnapshot {
  const machine = machineOf(state, op.flow);
  const cached = snapshots.get(op);
  if (cached !== undefined && cached.context === op.context && cached.value === op.value && cached.machine === machine) return cached;
  const snapshot = machine.resolveState({ value: op.value, context: op.context });
  snapshots.set(op, snapshot);
  return snapshot;
}

/**
 * Send one event to an operation's machine and turn the effects it asks for into commands.
 * Returns false when the machine had no transition for the event (nothing changed).
 */
export function advance(state: CoreState, op: OperationRecord, event: FlowEvent, out: Command[]): boolean {
  const before = snapshotOf(state, op);
  const [after, actions] = pureTransition(before.machine, before, event);
  if (after.value === before.value && after.context === before.context && actions.length === 0) return false;
  const previousIccid = op.context.iccid;
  op.value = after.value as string;
  op.context = after.context as FlowContext;
  snapshots.set(op, after);
  if (op.context.iccid !== previousIccid) followIccid(state, op, previousIccid);
  emit(state, op, actions, event.now, out);
  if (after.status === 'done') finish(state, op);
  return true;
}

/** Turn a machine's named actions into commands, in order. */
export function emit(state: CoreState, op: OperationRecord, actions: readonly MachineAction[], now: number, out: Command[]): void {
  for (const action of actions) {
    const command = toCommand(state, op, action, now);
    if (command === null) continue;
    if (command.type.startsWith('lpa.')) requestLpa(state, command as Extract<Command, { type: `lpa.${string}` }>, out);
    else out.push(command);
  }
}

function toCommand(state: CoreState, op: OperationRecord, action: MachineAction, now: number): Command | null {
  const operationId = op.id;
  const p = (action.params ?? {}) as Record<string, unknown>;
  switch (action.type) {
    case 'armDeadline': return { type: 'scheduler.set', timerId: operationId, at: p['at'] as number };
    case 'clearDeadline': return { type: 'scheduler.clear', timerId: operationId };
    case 'download': return { type: 'lpa.download', operationId, activationCode: '', confirmationCode: null };
    case 'discover': return { type: 'lpa.discover', operationId };
    case 'enable': return { type: 'lpa.enable', operationId, iccid: p['iccid'] as string };
    case 'queryProfile': return { type: 'lpa.queryProfile', operationId, iccid: p['iccid'] as string };
    case 'register': return { type: 'modem.register', operationId, iccid: p['iccid'] as string };
    case 'showProgress': return { type: 'ui.progress', operationId, stage: p['stage'] as ProgressStage, percent: p['percent'] as number | null };
    case 'showScheduled': return { type: 'ui.scheduled', operationId, at: p['at'] as number };
    case 'showToast': return { type: 'ui.toast', operationId };
    case 'hideToast': return { type: 'ui.hideToast', operationId };
    case 'promptConfirmationCode': return { type: 'ui.confirmationCode', operationId, attempt: p['attempt'] as number };
    case 'returnToApp':
      state.portalOpen = false;
      return { type: 'ui.returnToApp', operationId };
    case 'activationComplete':
      return callback(state, op, 'profileActivationComplete', { activationResult: p['activationResult'] as ActivationError, iccid: (p['iccid'] as string | null) ?? '' }, now);
    case 'registrationChanged':
      return callback(state, op, 'registrationChanged', { networkRegistrationState: p['state'] as NetworkRegistrationState, iccid: (p['iccid'] as string | null) ?? '' }, now);
    case 'report': {
      const report = reportOf(op, p['outcome'] as Outcome, p['activationResult'] as ActivationError | null, now);
      keepFinished(state, { id: op.id, flow: op.flow, value: op.value, report });
      return { type: 'report', report };
    }
    default:
      return null; // xstate's own bookkeeping actions
  }
}

/** A portal callback: delivered while the portal is open, always kept in the operation's history. */
function callback(state: CoreState, op: OperationRecord, script: CallbackScript, args: object, now: number): Command | null {
  const json = JSON.stringify(args);
  op.callbacks.push({ script, args: json, at: now, delivered: state.portalOpen });
  const max = state.config.maxCallbackHistory;
  if (op.callbacks.length > max) op.callbacks.splice(0, op.callbacks.length - max);
  return state.portalOpen ? { type: 'portal.callback', operationId: op.id, script, args: json } : null;
}

function reportOf(op: OperationRecord, outcome: Outcome, activationResult: ActivationError | null, now: number) {
  return {
    operationId: op.id,
    transactionId: op.transactionId,
    flow: op.flow,
    entryPoint: op.entryPoint,
    outcome,
    activationResult,
    metadata: op.metadata,
    diagnostics: op.diagnostics,
    activationCode: op.context.code?.masked ?? null,
    iccid: op.context.iccid,
    registrationState: op.context.registrationState,
    callbacks: [...op.callbacks],
    startedAt: op.createdAt,
    endedAt: now,
  };
}

/** Remember a finished operation, dropping the oldest past the configured number. */
function keepFinished(state: CoreState, record: FinishedRecord): void {
  state.finished[record.id] = record;
  const ids = Object.keys(state.finished);
  // Below the limit (the usual case) nothing is dropped: skip the slice.
  if (ids.length <= state.config.retainFinished) return;
  for (const id of ids.slice(0, ids.length - state.config.retainFinished)) delete state.finished[id];
}

/** Keep the ICCID → operations index in step with an operation's ICCID (`previousIccid`: null for a new one). */
export function followIccid(state: CoreState, op: OperationRecord, previousIccid: string | null): void {
  if (previousIccid !== null) unfollow(state, op.id, previousIccid);
  const iccid = op.context.iccid;
  if (iccid !== null) (state.followers[iccid] ??= []).push(op.id);
}

function unfollow(state: CoreState, operationId: string, iccid: string): void {
  const followers = state.followers[iccid];
  // Usually the operation is the ICCID's only follower: drop the entry without filtering a copy.
  if (followers !== undefined && followers.length === 1 && followers[0] === operationId) {
    delete state.followers[iccid];
    return;
  }
  const list = followers?.filter((id) => id !== operationId) ?? [];
  if (list.length === 0) delete state.followers[iccid];
  else state.followers[iccid] = list;
}

/** Move a finished operation out of the live set, dropping its secrets and queue entries. */
function finish(state: CoreState, op: OperationRecord): void {
  dropQueued(state, op.id);
  if (op.context.iccid !== null) unfollow(state, op.id, op.context.iccid);
  const code = state.secrets.operations[op.id]?.activationCode;
  if (code !== undefined && state.secrets.owners[code] === op.id) delete state.secrets.owners[code];
  delete state.secrets.operations[op.id];
  delete state.operations[op.id];
}
