import type { FlowInput, FlowName, LegacyRoute } from '../../machines/types';
import { activationCodeIdentity, formatActivationCode, parseActivationCode, toMaskedActivationCode } from '../domain/activationCode';
import { parseDelay, roundDelay, type DelayField } from '../domain/delay';
import { diagnostic, type Diagnostic } from '../domain/diagnostics';
import type { ActivationError } from '../domain/enums';
import { validateIccid } from '../domain/iccid';
import { parseLegacyPayload } from '../domain/legacy';
import { normalizeMetadata, type PurchaseMetadata } from '../domain/metadata';
import { domainError, type DomainError } from '../domain/result';
import { checkTransactionId } from '../domain/transactionId';
import type { Command } from './commands';
import type { Input, Json, PortalCall, Reply } from './inputs';
import { flows } from '../../machines/flows';
import { runtimeFor, startFlow } from './flowRunner';
import { advance, emit, followIccid } from './operation';
import { rememberOwnerKey, sameText } from './owners';
import { own, setOwn } from './records';
import type { CoreState, OperationRecord } from './state';

/** What a valid hand-off becomes: the flow to run and what its machine starts with. */
interface Plan {
  flow: FlowName;
  delayMs: number;
  metadata: PurchaseMetadata;
  diagnostics: Diagnostic[];
  activationCode: string | null;
  /** The activation code's owner key (profile identity), from the same parse; null without a code. */
  ownerKey?: string | null;
  flowInput: Pick<FlowInput, 'code' | 'iccid' | 'inputError' | 'legacyRoute'>;
  /** Legacy download: the payload's ICCID, for the comparison after the download (D40). */
  payloadIccid?: string;
}

const MINUTE = 60_000;

/**
 * A portal hand-off: validate it, and start an operation, return the unfinished one that
 * already downloads the same activation code, or refuse it with a typed error.
 */
export function handOff(state: CoreState, input: HandOffInput, out: Command[]): Reply {
  const { call, now } = input;
  const planned = plan(state, call, input.physicalIccid ?? null);
  if ('error' in planned) {
    // Stryker disable next-line StringLiteral: unreachable; a plan is refused only for a delay, and every delay error names its field
    out.push({ type: 'diagnostic', notice: { operationId: null, entryPoint: call.entryPoint, diagnostic: diagnostic('callRefused', planned.error.message, planned.error.field ?? 'arguments') } });
    return { type: 'refused', error: planned.error };
  }
  const key = ownerKeyOf(planned);
  // Stryker disable next-line ConditionalExpression: equivalent; no code is owned under the key "null" (an unparsed one keeps its own text)
  const owner = key === null ? undefined : own(state.secrets.owners, key);
  // An owner goes with its operation (finish() and the document loader drop it), so it is always live.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: see above
  if (owner !== undefined && own(state.operations, owner) !== undefined) {
    return { type: 'operation', operationId: owner, created: false };
  }
  const requested = input.operationId;
  const refusal = requested === undefined ? null : idProblem(state, requested);
  // No diagnostic: the caller that chose the id (the web view endpoint, a host) reports the refusal it gets.
  if (refusal !== null) return { type: 'refused', error: refusal };
  const id = requested ?? freshId(state, input.newOperationId);
  create(state, id, call.entryPoint, planned, now, input.origin, out);
  return { type: 'operation', operationId: id, created: true };
}

/** What a hand-off needs from its `portal.call` input. */
type HandOffInput = Extract<Input, { type: 'portal.call' }>;

const OPERATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Whether `id` may name an operation: short, printable, and never a name like `__proto__`. */
export function isOperationId(id: unknown): id is string {
  return typeof id === 'string' && OPERATION_ID.test(id);
}

/** Why the id a caller chose cannot name a new operation, or null when it can. */
function idProblem(state: CoreState, requested: unknown): DomainError | null {
  if (!isOperationId(requested)) return domainError('invalidOperationId', 'an operation id must be 1 to 128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit', { field: 'operationId' });
  if (inUse(state, requested)) return domainError('operationIdInUse', `operation id ${requested} is already in use: a live or finished operation holds it; choose another`, { field: 'operationId' });
  return null;
}

function inUse(state: CoreState, id: string): boolean {
  return own(state.operations, id) !== undefined || own(state.finished, id) !== undefined;
}

/**
 * The id of a new operation: the one the host drew from its id source, unless it is unusable or
 * taken (a loaded document may hold it), then that id with a suffix; `op-N` without a source.
 */
function freshId(state: CoreState, drawn: string | undefined): string {
  if (isOperationId(drawn) && drawn.length <= 120) {
    if (!inUse(state, drawn)) return drawn;
    for (let n = 2; ; n++) if (!inUse(state, `${drawn}-${n}`)) return `${drawn}-${n}`;
  }
  // nextOperationNumber may lag behind a loaded document's records: skip the ids they hold.
  let id = `op-${state.nextOperationNumber}`;
  while (inUse(state, id)) id = `op-${++state.nextOperationNumber}`;
  state.nextOperationNumber += 1;
  return id;
}

function create(state: CoreState, id: string, entryPoint: string, planned: Plan, now: number, origin: string | undefined, out: Command[]): void {
  const given = planned.flowInput;
  // Field by field, no spread: an absent field stays absent (initialContext reads it as null).
  // Stryker disable ConditionalExpression: a field set to undefined reads as an absent one (initialContext's `?? null`)
  const flowInput: { -readonly [K in keyof FlowInput]: FlowInput[K] } = { operationId: id, now, delayMs: planned.delayMs };
  if (given.code !== undefined) flowInput.code = given.code;
  if (given.iccid !== undefined) flowInput.iccid = given.iccid;
  if (given.inputError !== undefined) flowInput.inputError = given.inputError;
  if (given.legacyRoute !== undefined) flowInput.legacyRoute = given.legacyRoute;
  // Stryker restore ConditionalExpression
  const started = startFlow(flows[planned.flow], runtimeFor(state.config.timing), flowInput);
  // The usual record has neither an origin nor a payload ICCID: one literal, without spreads, for it (same key order).
  const op: OperationRecord =
    // Stryker disable next-line ConditionalExpression: an origin: undefined reads, compares and serializes as no origin
    origin === undefined && planned.payloadIccid === undefined
      ? { id, flow: planned.flow, entryPoint, transactionId: state.transactionId, createdAt: now, metadata: planned.metadata, diagnostics: planned.diagnostics, value: started.value, context: started.context, callbacks: [] }
      : {
          id,
          flow: planned.flow,
          entryPoint,
          transactionId: state.transactionId,
          createdAt: now,
          metadata: planned.metadata,
          diagnostics: planned.diagnostics,
          // Stryker disable next-line ConditionalExpression: an origin: undefined reads, compares and serializes as no origin
          ...(origin === undefined ? {} : { origin }),
          // Stryker disable next-line ConditionalExpression: the same for a payload ICCID
          ...(planned.payloadIccid === undefined ? {} : { payloadIccid: planned.payloadIccid }),
          value: started.value,
          context: started.context,
          callbacks: [],
        };
  setOwn(state.operations, id, op);
  followIccid(state, op, null);
  if (planned.activationCode !== null) {
    const secrets = { activationCode: planned.activationCode };
    const key = ownerKeyOf(planned)!;
    setOwn(state.secrets.operations, id, secrets);
    setOwn(state.secrets.owners, key, id);
    rememberOwnerKey(secrets, key);
  }
  for (const diagnostic of planned.diagnostics) out.push({ type: 'diagnostic', notice: { operationId: id, entryPoint, diagnostic } });
  emit(state, op, started.actions, now, out);
  advance(state, op, { type: 'operation.start', now }, out);
}

/** The plan's owner key, parsed once with the code (withCode gives every plan with a code its key). */
function ownerKeyOf(planned: Plan): string | null {
  return planned.ownerKey ?? null;
}

function plan(state: CoreState, call: PortalCall, physicalIccid: string | null): Plan | { error: DomainError } {
  // normalizeMetadata returns fresh objects: the plan keeps them without a copy.
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent; a legacy plan uses neither (its metadata and diagnostics come from its payload)
  const { metadata, diagnostics } = normalizeMetadata(call.kind === 'purchaseResult' ? {} : call.metadata);
  // Plans are built field by field: object spreads showed as the hand-off's largest self time.
  switch (call.kind) {
    case 'profileDownload': {
      const delay = call.downloadDelay === undefined || call.downloadDelay === null ? 0 : delayMs(state, call.downloadDelay, 'downloadDelay');
      if (typeof delay !== 'number') return delay;
      const coded = withCode(call.activationCode, diagnostics);
      return { flow: delay === 0 ? 'inlineDownload' : 'delayedDownload', delayMs: delay, metadata, diagnostics, activationCode: coded.activationCode, ownerKey: coded.ownerKey ?? null, flowInput: coded.flowInput };
    }
    case 'purchaseWithProfileDownload': {
      const delay = delayMs(state, call.networkRegistrationInterval, 'networkRegistrationInterval');
      if (typeof delay !== 'number') return delay;
      const coded = withCode(call.activationCode, diagnostics);
      return { flow: 'asyncConnectivity', delayMs: delay, metadata, diagnostics, activationCode: coded.activationCode, ownerKey: coded.ownerKey ?? null, flowInput: coded.flowInput };
    }
    case 'delayedProfile': {
      const delay = delayMs(state, call.profileDownloadDelayInterval, 'profileDownloadDelayInterval');
      if (typeof delay !== 'number') return delay;
      return { flow: 'delayedProfile', delayMs: delay, metadata, diagnostics, activationCode: null, flowInput: {} };
    }
    case 'balanceAddition': {
      // Stryker disable next-line ObjectLiteral: a plan without flowInput adds nothing to the flow's input either
      const checked = call.iccid === undefined || call.iccid === null ? { flowInput: {} } : withIccid(call.iccid, diagnostics);
      return { flow: 'balanceAddition', delayMs: 0, metadata, diagnostics, activationCode: null, flowInput: checked.flowInput };
    }
    case 'cancelledPurchase':
      return { flow: 'cancelledPurchase', delayMs: 0, metadata, diagnostics, activationCode: null, flowInput: {} };
    case 'purchaseResult':
      return legacyPlan(state, call.payload, physicalIccid);
  }
}

/** `DataMart.notifyPurchaseResult`: route the v1 payload (decision D10, docs/decisions.md). */
function legacyPlan(state: CoreState, payload: Json, physicalIccid: string | null): Plan {
  const parsed = parseLegacyPayload(payload);
  const legacy = (legacyRoute: LegacyRoute, extra: Partial<Plan> & Pick<Plan, 'flowInput' | 'diagnostics'>): Plan => ({
    flow: 'legacyResult',
    delayMs: 0,
    metadata: parsed.ok ? parsed.value.metadata : {},
    activationCode: null,
    ...extra,
    flowInput: { ...extra.flowInput, legacyRoute },
  });
  if (!parsed.ok) {
    // Stryker disable next-line StringLiteral: equivalent; no guard reads the invalid route (the input error rejects the call at once, and the context goes with the operation)
    return legacy('invalid', { diagnostics: [diagnostic('invalidJson', parsed.error.message, 'payload')], flowInput: { inputError: 'invalidJson' } });
  }
  const purchase = parsed.value;
  const diagnostics = [...purchase.diagnostics];
  if (state.transactionId !== null) diagnostics.push(...checkTransactionId(state.transactionId, purchase.transactionId));
  if (purchase.success && purchase.activationCode !== undefined) {
    // Stryker disable next-line ConditionalExpression: equivalent; no ICCID normalizes to null too
    const payloadIccid = purchase.iccid === undefined ? null : normalizedIccid(purchase.iccid);
    return legacy('download', { diagnostics, ...withCode(purchase.activationCode, diagnostics), ...(payloadIccid === null ? {} : { payloadIccid }) });
  }
  if (purchase.success && purchase.iccid !== undefined) {
    const checked = withIccid(purchase.iccid, diagnostics);
    // The physical SIM's ICCID is not on the eUICC: nothing to check or enable (decision D37).
    // Stryker disable next-line ConditionalExpression: equivalent; an invalid ICCID (null) is rejected on its input error before any route is read
    const physical = checked.flowInput.iccid !== null && checked.flowInput.iccid === normalizedIccid(physicalIccid);
    return legacy(physical ? 'physical' : 'balance', { diagnostics, ...checked });
  }
  return legacy('cancelled', { diagnostics, flowInput: {} });
}

function withCode(raw: Json, diagnostics: Diagnostic[]): Pick<Plan, 'activationCode' | 'ownerKey' | 'flowInput'> {
  const parsed = parseActivationCode(raw);
  if (!parsed.ok) {
    diagnostics.push(diagnostic('invalidActivationCode', parsed.error.message, 'activationCode'));
    return { activationCode: null, flowInput: { code: null, inputError: rejection(parsed.error) } };
  }
  // One string where the texts agree (most codes: given canonical, lowercase address, no OID or flag): every parked operation keeps them.
  const canonical = formatActivationCode(parsed.value);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; equal texts either way, only how many strings are kept differs
  const activationCode = canonical === raw ? raw : canonical;
  return { activationCode, ownerKey: sameText(activationCodeIdentity(parsed.value), activationCode), flowInput: { code: toMaskedActivationCode(parsed.value) } };
}

function withIccid(raw: Json, diagnostics: Diagnostic[]): Pick<Plan, 'flowInput'> {
  const checked = validateIccid(raw);
  if (!checked.ok) {
    diagnostics.push(diagnostic('invalidIccid', checked.error.message, 'iccid'));
    return { flowInput: { iccid: null, inputError: rejection(checked.error) } };
  }
  diagnostics.push(...checked.value.diagnostics);
  return { flowInput: { iccid: checked.value.iccid } };
}

/** The host's physical-SIM ICCID as the portal's ICCIDs are compared (D6); null when it is not one. */
function normalizedIccid(raw: string | null): string | null {
  // Stryker disable next-line ConditionalExpression: equivalent; a shortcut, validating no ICCID fails too
  if (raw === null) return null;
  const checked = validateIccid(raw);
  return checked.ok ? checked.value.iccid : null;
}

function rejection(error: DomainError): ActivationError {
  // Stryker disable next-line StringLiteral: every activation code and ICCID error names its activation error
  return error.activationError ?? 'other';
}

function delayMs(state: CoreState, raw: Json, field: DelayField): number | { error: DomainError } {
  const parsed = parseDelay(raw, field);
  if (!parsed.ok) return { error: parsed.error };
  return roundDelay(parsed.value, state.config.delayGranularityMinutes) * MINUTE;
}
