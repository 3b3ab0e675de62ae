import { flows } from '../../machines/flows';
import type { FlowEvent, Outcome, ProgressStage } from '../../machines/types';
import type { ActivationError, NetworkRegistrationState } from '../domain/enums';
import type { CallbackScript, Command } from './commands';
import { accepts as flowAccepts, runtimeFor, stepFlow, type FlowAction } from './flowRunner';
import { dropQueued, requestLpa } from './lpaQueue';
import { ownerKeyOfSecrets } from './owners';
import { own, setOwn } from './records';
import { markChanged } from './changes';
import { listenAfterConnect, stopPortalUpdates } from './portalUpdates';
import { diagnostic } from '../domain/diagnostics';
import type { CoreState, FinishedRecord, OperationRecord } from './state';

/** Whether an operation's flow takes `event` where it stands. */
export function accepts(state: CoreState, op: OperationRecord, event: FlowEvent): boolean {
  return flowAccepts(flows[op.flow], runtimeFor(state.config.timing), op.value, op.context, event);
}

/**
 * Send one event to an operation's flow and turn the effects it asks for into commands.
 * Returns false when the flow had no transition for the event (nothing changed).
 */
export function advance(state: CoreState, op: OperationRecord, event: FlowEvent, out: Command[]): boolean {
  const next = stepFlow(flows[op.flow], runtimeFor(state.config.timing), op.value, op.context, event);
  if (next === null) return false;
  markChanged(state, op.id);
  const previousIccid = op.context.iccid;
  op.value = next.value;
  op.context = next.context;
  if (op.context.iccid !== previousIccid) followIccid(state, op, previousIccid);
  if (event.type === 'lpa.downloaded') checkPayloadIccid(op, event.iccid, out);
  emit(state, op, next.actions, event.now, out);
  if (next.done) finish(state, op);
  return true;
}

/** A legacy payload that named another ICCID than the one its code installed: a diagnostic in the log and the report (D40). */
function checkPayloadIccid(op: OperationRecord, downloaded: string, out: Command[]): void {
  if (op.payloadIccid === undefined || op.payloadIccid === downloaded) return;
  const found = diagnostic('iccidMismatch', `the payload's iccid is ${op.payloadIccid}, but its activation code installed the profile ${downloaded}; the installed profile's ICCID is used`, 'iccid', 'warning');
  op.diagnostics.push(found);
  out.push({ type: 'diagnostic', notice: { operationId: op.id, entryPoint: op.entryPoint, diagnostic: found } });
}

/** Turn a flow's effects into commands, in order. */
export function emit(state: CoreState, op: OperationRecord, actions: readonly FlowAction[], now: number, out: Command[]): void {
  for (const action of actions) {
    const command = toCommand(state, op, action, now);
    if (command === null) continue;
    if (command.type.startsWith('lpa.')) requestLpa(state, command as Extract<Command, { type: `lpa.${string}` }>, out);
    else out.push(command);
  }
}

function toCommand(state: CoreState, op: OperationRecord, action: FlowAction, now: number): Command | null {
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
      stopPortalUpdates(state);
      return { type: 'ui.returnToApp', operationId };
    case 'activationComplete':
      return callback(state, op, 'profileActivationComplete', argsJson('activationResult', p['activationResult'] as ActivationError, (p['iccid'] as string | null) ?? ''), now);
    case 'registrationChanged':
      return callback(state, op, 'registrationChanged', argsJson('networkRegistrationState', p['state'] as NetworkRegistrationState, (p['iccid'] as string | null) ?? ''), now);
    case 'report': {
      const report = reportOf(op, p['outcome'] as Outcome, p['activationResult'] as ActivationError | null, now);
      const record: FinishedRecord = { id: op.id, flow: op.flow, value: op.value, report, reportPending: true };
      listenAfterConnect(state, record);
      keepFinished(state, record);
      return { type: 'report', report };
    }
    default:
      return null; // not an effect: the docs pass every action of a state here, updates included
  }
}

/**
 * A callback's JSON argument, `{"<key>":<value>,"iccid":<iccid>}`: the same text as
 * JSON.stringify of that object, without building the object (the profile's largest share of
 * a callback).
 */
function argsJson(key: 'activationResult' | 'networkRegistrationState', value: string, iccid: string): string {
  return `{"${key}":${JSON.stringify(value)},"iccid":${JSON.stringify(iccid)}}`;
}

/** A portal callback: delivered while the portal is open, always kept in the operation's history. */
function callback(state: CoreState, op: OperationRecord, script: CallbackScript, json: string, now: number): Command | null {
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

// The ids of each finished map, oldest first, so that dropping the oldest does not list every key on
// every finish. Derived from the map (rebuilt on first use after a load or a clone), never persisted.
const finishOrder = new WeakMap<CoreState['finished'], string[]>();

/** Remember a finished operation, dropping the oldest past the configured number. */
function keepFinished(state: CoreState, record: FinishedRecord): void {
  const finished = state.finished;
  let order = finishOrder.get(finished);
  if (order === undefined) finishOrder.set(finished, (order = Object.keys(finished)));
  if (own(finished, record.id) === undefined) order.push(record.id);
  setOwn(finished, record.id, record);
  markChanged(state, record.id);
  while (order.length > state.config.retainFinished) {
    const dropped = order.shift()!;
    delete finished[dropped];
    markChanged(state, dropped);
  }
}

/** Keep the ICCID → operations index in step with an operation's ICCID (`previousIccid`: null for a new one). */
export function followIccid(state: CoreState, op: OperationRecord, previousIccid: string | null): void {
  // An operation learns its ICCID once (from the hand-off or the download) and keeps it, so there is never a previous one to leave.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: see above
  if (previousIccid !== null) unfollow(state, op.id, previousIccid);
  const iccid = op.context.iccid;
  if (iccid === null) return;
  const followers = own(state.followers, iccid);
  if (followers === undefined) setOwn(state.followers, iccid, [op.id]);
  else followers.push(op.id);
}

function unfollow(state: CoreState, operationId: string, iccid: string): void {
  const followers = own(state.followers, iccid);
  // Usually the operation is the ICCID's only follower: drop the entry without filtering a copy.
  if (followers !== undefined && followers.length === 1 && followers[0] === operationId) {
    delete state.followers[iccid];
    return;
  }
  const list = followers?.filter((id) => id !== operationId) ?? [];
  if (list.length === 0) delete state.followers[iccid];
  else setOwn(state.followers, iccid, list);
}

/** Move a finished operation out of the live set, dropping its secrets and queue entries. */
function finish(state: CoreState, op: OperationRecord): void {
  dropQueued(state, op.id);
  if (op.context.iccid !== null) unfollow(state, op.id, op.context.iccid);
  const secrets = own(state.secrets.operations, op.id);
  const owned = secrets === undefined ? undefined : ownerKeyOfSecrets(secrets);
  if (owned !== undefined && own(state.secrets.owners, owned) === op.id) delete state.secrets.owners[owned];
  delete state.secrets.operations[op.id];
  delete state.operations[op.id];
}
