import { flows } from '../../machines/flows';
import type { FlowEvent } from '../../machines/types';
import type { CallbackScript, Command } from './commands';
import { commandOf, type FlowEffect } from './effectCommand';
import { accepts as flowAccepts, moveFlow, runtimeFor, type FlowAction } from './flowRunner';
import { dropQueued, requestLpa } from './lpaQueue';
import { ownerKeyOfSecrets } from './owners';
import { own, setOwn } from './records';
import { markChanged } from './changes';
import { listenAfterConnect, stopPortalUpdates } from './portalUpdates';
import { diagnostic } from '../domain/diagnostics';
import { keepFinished } from './retention';
import type { CoreState, OperationRecord } from './state';

/** Whether an operation's flow takes `event` where it stands. */
export function accepts(state: CoreState, op: OperationRecord, event: FlowEvent): boolean {
  return flowAccepts(flows[op.flow], runtimeFor(state.config.timing), op.value, op.context, event);
}

/**
 * Send one event to an operation's flow and turn the effects it asks for into commands.
 * Returns false when the flow had no transition for the event (nothing changed).
 */
export function advance(state: CoreState, op: OperationRecord, event: FlowEvent, out: Command[]): boolean {
  // Read at once: the move is reused by the next one (nothing below moves a flow before emit has read it).
  const next = moveFlow(flows[op.flow], runtimeFor(state.config.timing), op.value, op.context, event);
  if (next === null) return false;
  markChanged(state, op.id);
  const { done } = next;
  const previousIccid = op.context.iccid;
  op.value = next.value;
  op.context = next.context;
  if (op.context.iccid !== previousIccid) followIccid(state, op, previousIccid);
  if (event.type === 'lpa.downloaded') checkPayloadIccid(op, event.iccid, out);
  emit(state, op, next.actions, event.now, out);
  if (done) finish(state, op);
  return true;
}

/** A legacy payload that named another ICCID than the one its code installed: a diagnostic in the log and the report (D40). */
function checkPayloadIccid(op: OperationRecord, downloaded: string, out: Command[]): void {
  if (op.payloadIccid === undefined || op.payloadIccid === downloaded) return;
  const found = diagnostic('iccidMismatch', `the payload's iccid is ${op.payloadIccid}, but its activation code installed the profile ${downloaded}; the installed profile's ICCID is used`, 'iccid', 'warning');
  op.diagnostics.push(found);
  out.push({ type: 'diagnostic', notice: { operationId: op.id, entryPoint: op.entryPoint, diagnostic: found } });
}

/**
 * Turn a flow's effects into commands, in order, and keep the core's books on each: an LPA
 * command waits its turn, a callback is kept in the operation's history (and leaves only while
 * the portal is open), a return to the app closes the portal, a report files the finished record.
 * The translation itself is `commandOf`'s (src/core/effectCommand.ts), which changes nothing.
 */
export function emit(state: CoreState, op: OperationRecord, actions: readonly FlowAction[], now: number, out: Command[]): void {
  // The runner hands over effects only (updates are applied inside it), named and typed by the definitions.
  for (const effect of actions as readonly FlowEffect[]) account(state, op, commandOf(op, effect, now), now, out);
}

function account(state: CoreState, op: OperationRecord, command: Command, now: number, out: Command[]): void {
  switch (command.type) {
    case 'lpa.download':
    case 'lpa.discover':
    case 'lpa.enable':
    case 'lpa.queryProfile':
      requestLpa(state, command, out);
      return;
    case 'ui.returnToApp':
      state.portalOpen = false;
      stopPortalUpdates(state);
      break;
    case 'portal.callback':
      if (!keepCallback(state, op, command.script, command.args, now)) return;
      break;
    case 'report': {
      listenAfterConnect(state, keepFinished(state, { id: op.id, flow: op.flow, value: op.value, report: command.report }));
      break;
    }
  }
  out.push(command);
}

/** Keep a callback in the operation's history; true when it is delivered (the portal is open). */
function keepCallback(state: CoreState, op: OperationRecord, script: CallbackScript, args: string, now: number): boolean {
  op.callbacks.push({ script, args, at: now, delivered: state.portalOpen });
  const max = state.config.maxCallbackHistory;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; a shortcut, splicing a count of zero or less removes nothing
  if (op.callbacks.length > max) op.callbacks.splice(0, op.callbacks.length - max);
  return state.portalOpen;
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
  // An operation unfollows only an ICCID it follows, so the entry is there and holds it; the filter below ends the same way.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: see above
  if (followers !== undefined && followers.length === 1 && followers[0] === operationId) {
    delete state.followers[iccid];
    return;
  }
  // Stryker disable next-line OptionalChaining,ArrayDeclaration: the entry is there (see above)
  const list = followers?.filter((id) => id !== operationId) ?? [];
  // Stryker disable next-line ConditionalExpression: unreachable when false; an entry left empty here was a lone follower, dropped above
  if (list.length === 0) delete state.followers[iccid];
  else setOwn(state.followers, iccid, list);
}

/** Move a finished operation out of the live set, dropping its secrets and queue entries. */
function finish(state: CoreState, op: OperationRecord): void {
  dropQueued(state, op.id);
  // Stryker disable next-line ConditionalExpression: equivalent; no ICCID is followed under the key "null" (unfollowing it deletes nothing)
  if (op.context.iccid !== null) unfollow(state, op.id, op.context.iccid);
  const secrets = own(state.secrets.operations, op.id);
  const owned = secrets === undefined ? undefined : ownerKeyOfSecrets(secrets);
  if (owned !== undefined && own(state.secrets.owners, owned) === op.id) delete state.secrets.owners[owned];
  delete state.secrets.operations[op.id];
  delete state.operations[op.id];
}
