import { DEFAULT_TIMING } from '../machines/definition';
import type { FlowName } from '../machines/types';
import type { Command } from '../src/core/commands';
import type { Input, Reply } from '../src/core/inputs';
import { DEFAULT_CONFIG } from '../src/core/state';
import { activationCodeIdentity, formatActivationCode, parseActivationCode, toMaskedActivationCode, type MaskedActivationCode } from '../src/domain/activationCode';
import { parseDelay, roundDelay } from '../src/domain/delay';
import type { Diagnostic } from '../src/domain/diagnostics';
import { CONNECTED_REGISTRATION_STATES, isNetworkRegistrationState, type NetworkRegistrationState } from '../src/domain/enums';
import { normalizeMetadata, type PurchaseMetadata } from '../src/domain/metadata';

/*
 * The same-work floor of measurement 1 (issue 16): the three bench flows (inline, delayed,
 * async connectivity) written by hand as one plain reducer that does the work `step` does for
 * them, and no more: the hand-off's validation through the same domain functions (activation
 * code, metadata, delay), the operation record with its callback history, the secrets and the
 * owner index, lookups by id and by ICCID, the one LPA queue (head-indexed), timers, and the
 * report, and what `step` returns beside its commands: the reply and the ids of the records it
 * changed (what a host writes). No flow definitions, no interpreter, no persistence. Its commands,
 * replies and changed ids are checked equal to `step`'s on the recorded flows before anything is
 * timed (engine.ts).
 */

type Value = 'scheduled' | 'toast' | 'downloading' | 'enabling' | 'waitingToRegister' | 'registering' | 'connected' | 'notConnected';

interface FloorOperation {
  readonly id: string;
  readonly flow: FlowName;
  readonly entryPoint: string;
  readonly transactionId: string | null;
  readonly createdAt: number;
  readonly metadata: PurchaseMetadata;
  readonly diagnostics: Diagnostic[];
  readonly code: MaskedActivationCode;
  /** Its code's profile identity (the owner index's key). */
  readonly ownerKey: string;
  readonly delayMs: number;
  value: Value;
  iccid: string | null;
  registrationState: NetworkRegistrationState | null;
  registrationAttempts: number;
  deadline: number | null;
  callbacks: Array<{ script: 'registrationChanged' | 'profileActivationComplete'; args: string; at: number; delivered: boolean }>;
}

/** The floor's whole state: plain maps and one queue. */
export interface FloorState {
  portalOpen: boolean;
  transactionId: string | null;
  nextOperationNumber: number;
  readonly operations: Map<string, FloorOperation>;
  readonly secrets: Map<string, { activationCode: string }>;
  readonly owners: Map<string, string>;
  readonly byIccid: Map<string, string>;
  readonly finished: Map<string, unknown>;
  lpaActive: string | null;
  readonly lpaQueue: Array<Extract<Command, { type: 'lpa.download' | 'lpa.enable' }>>;
  lpaHead: number;
}

export function createFloorState(): FloorState {
  return { portalOpen: true, transactionId: null, nextOperationNumber: 1, operations: new Map(), secrets: new Map(), owners: new Map(), byIccid: new Map(), finished: new Map(), lpaActive: null, lpaQueue: [], lpaHead: 0 };
}

const CONNECTED: ReadonlySet<string> = new Set(CONNECTED_REGISTRATION_STATES);
const MINUTE = 60_000;

/** What one input yields: what `step` hands its caller (the commands, the reply, the ids whose records changed). */
export interface FloorResult {
  readonly commands: Command[];
  readonly reply: Reply;
  readonly changed: ReadonlySet<string>;
}

const ACCEPTED: Reply = { type: 'accepted' };
const IGNORED: Reply = { type: 'ignored', reason: 'the floor takes the bench flows only' };

/** One input in, the commands, reply and changed ids out (the state changes in place, as `step`'s does). */
export function floorStep(state: FloorState, input: Input): FloorResult {
  const out: Command[] = [];
  const changed = new Set<string>();
  let reply = IGNORED;
  // The operation that took the input: its record changed.
  let taken: FloorOperation | undefined;
  switch (input.type) {
    case 'portal.call':
      reply = handOff(state, input, out);
      if (reply.type === 'operation') changed.add(reply.operationId);
      break;
    case 'timer.fired': {
      const op = state.operations.get(input.timerId);
      if (op === undefined || op.deadline === null || input.now < op.deadline) break;
      taken = op;
      if (op.value === 'scheduled') {
        out.push({ type: 'scheduler.clear', timerId: op.id }, { type: 'ui.toast', operationId: op.id });
        op.value = 'toast';
        arm(op, input.now + DEFAULT_TIMING.toastLifetimeMs, out);
      } else if (op.value === 'waitingToRegister') {
        out.push({ type: 'scheduler.clear', timerId: op.id });
        register(op, input.now, out);
      }
      break;
    }
    case 'user.toastAccepted': {
      const op = state.operations.get(input.operationId);
      if (op === undefined || op.value !== 'toast') break;
      taken = op;
      out.push({ type: 'ui.hideToast', operationId: op.id }, { type: 'scheduler.clear', timerId: op.id });
      op.deadline = null;
      download(state, op, out);
      break;
    }
    case 'lpa.progress': {
      const op = state.operations.get(input.operationId);
      if (op?.value !== 'downloading') break;
      taken = op;
      out.push({ type: 'ui.progress', operationId: op.id, stage: 'downloading', percent: input.percent });
      break;
    }
    case 'lpa.downloaded': {
      const op = state.operations.get(input.operationId);
      if (op?.value !== 'downloading') break;
      taken = op;
      release(state, op.id);
      op.iccid = input.iccid;
      state.byIccid.set(input.iccid, op.id);
      op.value = 'enabling';
      out.push({ type: 'ui.progress', operationId: op.id, stage: 'enabling', percent: null });
      requestLpa(state, { type: 'lpa.enable', operationId: op.id, iccid: input.iccid }, out);
      break;
    }
    case 'lpa.enabled': {
      const op = state.operations.get(input.operationId);
      if (op?.value !== 'enabling') break;
      taken = op;
      release(state, op.id);
      callback(state, op, 'profileActivationComplete', `{"activationResult":"success","iccid":${JSON.stringify(op.iccid ?? '')}}`, input.now, out);
      if (op.flow === 'asyncConnectivity' && op.delayMs > 0) {
        op.value = 'waitingToRegister';
        arm(op, input.now + op.delayMs, out);
      } else {
        register(op, input.now, out);
      }
      break;
    }
    case 'modem.registration': {
      if (!isNetworkRegistrationState(input.state)) break;
      const id = state.byIccid.get(input.iccid);
      const op = id === undefined ? undefined : state.operations.get(id);
      if (op?.value !== 'registering') break;
      taken = op;
      const connected = CONNECTED.has(input.state);
      if (connected || input.state === 'denied') {
        out.push({ type: 'scheduler.clear', timerId: op.id });
        op.deadline = null;
      }
      op.registrationState = input.state;
      callback(state, op, 'registrationChanged', `{"networkRegistrationState":${JSON.stringify(input.state)},"iccid":${JSON.stringify(op.iccid ?? '')}}`, input.now, out);
      if (connected) finish(state, op, 'connected', input.now, out);
      else if (input.state === 'denied') finish(state, op, 'notConnected', input.now, out);
      break;
    }
    default:
      break;
  }
  if (taken !== undefined) {
    reply = ACCEPTED;
    changed.add(taken.id);
  }
  const started = pump(state, out);
  if (started !== null) changed.add(started);
  return { commands: out, reply, changed };
}

function handOff(state: FloorState, input: Extract<Input, { type: 'portal.call' }>, out: Command[]): Reply {
  const call = input.call;
  if (call.kind !== 'profileDownload' && call.kind !== 'purchaseWithProfileDownload') throw new Error(`the floor does not take ${call.kind}`);
  const { metadata, diagnostics } = normalizeMetadata(call.metadata);
  const rawDelay = call.kind === 'profileDownload' ? call.downloadDelay : call.networkRegistrationInterval;
  const delay = rawDelay === undefined || rawDelay === null ? { ok: true as const, value: 0 } : parseDelay(rawDelay, call.kind === 'profileDownload' ? 'downloadDelay' : 'networkRegistrationInterval');
  const parsed = parseActivationCode(call.activationCode);
  if (!delay.ok || !parsed.ok) throw new Error('the floor takes valid hand-offs only');
  const delayMs = roundDelay(delay.value, DEFAULT_CONFIG.delayGranularityMinutes) * MINUTE;
  const key = activationCodeIdentity(parsed.value);
  const owner = state.owners.get(key);
  if (owner !== undefined) return { type: 'operation', operationId: owner, created: false };
  const id = `op-${state.nextOperationNumber++}`;
  const flow: FlowName = call.kind === 'purchaseWithProfileDownload' ? 'asyncConnectivity' : delayMs === 0 ? 'inlineDownload' : 'delayedDownload';
  const op: FloorOperation = {
    id, flow, entryPoint: call.entryPoint, transactionId: state.transactionId, createdAt: input.now, metadata, diagnostics, code: toMaskedActivationCode(parsed.value), ownerKey: key, delayMs,
    value: 'downloading', iccid: null, registrationState: null, registrationAttempts: 0, deadline: null, callbacks: [],
  };
  state.operations.set(id, op);
  state.secrets.set(id, { activationCode: formatActivationCode(parsed.value) });
  state.owners.set(key, id);
  for (const d of diagnostics) out.push({ type: 'diagnostic', notice: { operationId: id, entryPoint: call.entryPoint, diagnostic: d } });
  if (flow === 'delayedDownload') {
    op.value = 'scheduled';
    out.push({ type: 'ui.scheduled', operationId: id, at: input.now + delayMs });
    arm(op, input.now + delayMs, out);
    return { type: 'operation', operationId: id, created: true };
  }
  if (flow === 'asyncConnectivity') {
    state.portalOpen = false;
    out.push({ type: 'ui.returnToApp', operationId: id });
  }
  download(state, op, out);
  return { type: 'operation', operationId: id, created: true };
}

function download(state: FloorState, op: FloorOperation, out: Command[]): void {
  op.value = 'downloading';
  out.push({ type: 'ui.progress', operationId: op.id, stage: 'downloading', percent: null });
  requestLpa(state, { type: 'lpa.download', operationId: op.id, activationCode: '', confirmationCode: null }, out);
}

function register(op: FloorOperation, now: number, out: Command[]): void {
  op.value = 'registering';
  op.registrationAttempts += 1;
  out.push({ type: 'ui.progress', operationId: op.id, stage: 'registering', percent: null }, { type: 'modem.register', operationId: op.id, iccid: op.iccid ?? '' });
  arm(op, now + DEFAULT_TIMING.registrationTimeoutMs, out);
}

function arm(op: FloorOperation, at: number, out: Command[]): void {
  op.deadline = at;
  out.push({ type: 'scheduler.set', timerId: op.id, at });
}

function callback(state: FloorState, op: FloorOperation, script: FloorOperation['callbacks'][number]['script'], args: string, now: number, out: Command[]): void {
  op.callbacks.push({ script, args, at: now, delivered: state.portalOpen });
  if (op.callbacks.length > DEFAULT_CONFIG.maxCallbackHistory) op.callbacks.splice(0, op.callbacks.length - DEFAULT_CONFIG.maxCallbackHistory);
  if (state.portalOpen) out.push({ type: 'portal.callback', operationId: op.id, script, args });
}

/** The LPA takes one command at a time: a download carries its secrets only when it starts. */
function requestLpa(state: FloorState, command: FloorState['lpaQueue'][number], out: Command[]): void {
  if (state.lpaActive === null) start(state, command, out);
  else state.lpaQueue.push(command);
}

function start(state: FloorState, command: FloorState['lpaQueue'][number], out: Command[]): void {
  state.lpaActive = command.operationId;
  out.push(command.type === 'lpa.download' ? { ...command, activationCode: state.secrets.get(command.operationId)!.activationCode } : command);
}

function release(state: FloorState, id: string): void {
  if (state.lpaActive === id) state.lpaActive = null;
}

/** Start the next queued LPA command when the LPA is free; the id of the operation it started, or null. */
function pump(state: FloorState, out: Command[]): string | null {
  if (state.lpaActive !== null || state.lpaHead >= state.lpaQueue.length) return null;
  const next = state.lpaQueue[state.lpaHead++]!;
  start(state, next, out);
  return next.operationId;
}

function finish(state: FloorState, op: FloorOperation, outcome: 'connected' | 'notConnected', now: number, out: Command[]): void {
  op.value = outcome;
  const report = {
    operationId: op.id, transactionId: op.transactionId, flow: op.flow, entryPoint: op.entryPoint, outcome, activationResult: 'success' as const, metadata: op.metadata, diagnostics: op.diagnostics,
    activationCode: op.code.masked, iccid: op.iccid, registrationState: op.registrationState, callbacks: [...op.callbacks], startedAt: op.createdAt, endedAt: now,
  };
  state.finished.set(op.id, { id: op.id, flow: op.flow, value: outcome, report, reportPending: true });
  state.operations.delete(op.id);
  state.secrets.delete(op.id);
  state.owners.delete(op.ownerKey);
  // Finished records are kept, the oldest dropped past the retention (a Map keeps them in order).
  if (state.finished.size > DEFAULT_CONFIG.retainFinished) state.finished.delete(state.finished.keys().next().value!);
  if (op.iccid !== null) state.byIccid.delete(op.iccid);
  out.push({ type: 'report', report });
}
