import * as v from 'valibot';
import { flows, FLOW_NAMES } from '../../machines/flows';
import { ACTIVATION_ERRORS, NETWORK_REGISTRATION_STATES } from '../domain/enums';
import { activationCodeIdentity, parseActivationCode } from '../domain/activationCode';
import type { LpaCommand } from './commands';
import { entryEffects, runtimeFor, type FlowRuntime } from './flowRunner';
import { emptyLpa, waitInLine } from './lpaQueue';
import { MIGRATIONS, type Migration } from './migrations';
import { orderFinished } from './retention';
import { ownerKey, sameText } from './owners';
import { isPlainOperation, isPlainSecrets } from './recordShape';
import { assembleDocument, isStoredRecords, type DocumentParts, type LoadedLiveRecord, type StoredRecords } from './storedRecords';
import { emptyMap, own, setOwn, type IdMap } from './records';
import { DEFAULT_TIMING } from '../../machines/definition';
import { createState, DEFAULT_CONFIG, STATE_VERSION, type CoreState, type FinishedRecord, type OperationRecord, type Secrets } from './state';

/*
 * A loaded document is untrusted: storage can hand back anything (another app's file, a
 * half-written one, a future version). It is migrated to today's version, checked against the
 * schema, and whatever cannot be used is handed back to the host, never silently dropped: the
 * whole document when its frame is unusable (the host then starts empty), or one record alone
 * (the other operations resume).
 */

/** What a restore could not use, handed to `HostOptions.onQuarantine`. May hold credentials. */
export type Quarantined =
  /** The document itself: not a document, an unknown version, or a frame that fails the schema. The host starts empty. */
  | {
      readonly kind: 'document';
      /** The document exactly as storage returned it (credentials included). */
      readonly document: unknown;
      /** Why, for the log: a path and what was expected there, never a value. */
      readonly reason: string;
    }
  /** One live operation, with its secrets; the others resume. */
  | {
      readonly kind: 'operation';
      /** The record's key in the document. */
      readonly operationId: string;
      /** The record as stored. */
      readonly record: unknown;
      /** Its activation and confirmation codes as stored (credentials), or undefined. */
      readonly secrets: unknown;
      /** Why, for the log. */
      readonly reason: string;
    }
  /** One finished operation's record (its report was already made). */
  | {
      readonly kind: 'finished';
      /** The record's key in the document. */
      readonly operationId: string;
      /** The record as stored. */
      readonly record: unknown;
      /** Why, for the log. */
      readonly reason: string;
    };

/** A restored state and what was set aside on the way. */
export interface RestoredDocument {
  /** The state to run: the loaded one, less what was quarantined, or a fresh one. */
  readonly state: CoreState;
  /** Everything that could not be used, in document order. */
  readonly quarantined: readonly Quarantined[];
  /**
   * The stored text of each live record restored exactly as loaded, by operation id (decision
   * D59): the first write after a restart replaces every record, and may hand these back as they
   * are instead of serializing them again. Absent for a whole document or an older format.
   */
  readonly unchanged?: ReadonlyMap<string, string>;
}

export type { Migration } from './migrations';

export { MIGRATIONS };

/**
 * Bring a document to {@link STATE_VERSION} through `migrations`, one version at a time.
 *
 * @param document - a parsed document of any version
 * @param migrations - the table to use (default {@link MIGRATIONS})
 * @returns today's document, or why it cannot be read (a newer, unknown or missing version)
 * @example migrateDocument({ version: 1, ... }) // { ok: true, document: { version: 1, ... } }
 */
export function migrateDocument(
  document: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): { ok: true; document: Record<string, unknown> } | { ok: false; reason: string } {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return { ok: false, reason: `the document is ${describe(document)}, not an object` };
  let current = document as Record<string, unknown>;
  for (;;) {
    const version = current['version'];
    if (version === STATE_VERSION) return { ok: true, document: current };
    // Stryker disable next-line ConditionalExpression: equivalent; Number.isInteger is false for every non-number, the typeof narrows the type
    if (typeof version !== 'number' || !Number.isInteger(version)) return { ok: false, reason: `version: expected the number ${STATE_VERSION}, got ${describe(version)}` };
    const migrate = Object.hasOwn(migrations, version) ? migrations[version] : undefined;
    if (migrate === undefined) return { ok: false, reason: `version: ${version} is not one this code reads (it reads ${STATE_VERSION}${Object.keys(migrations).length > 0 ? ` and migrates ${Object.keys(migrations).join(', ')}` : ''})` };
    current = migrate(current);
  }
}

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const time = v.pipe(v.number(), v.finite());
const positive = v.pipe(v.number(), v.finite(), v.gtValue(0));
const dictionary = v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'a map');

/** The frame of the document: everything but the records, which are checked one by one. */
const FrameSchema = v.object({
  version: v.literal(STATE_VERSION),
  // Loose: a field added to the configuration later is kept, and one missing gets its default.
  config: v.looseObject({
    delayGranularityMinutes: positive,
    timing: v.looseObject({
      registrationTimeoutMs: time,
      registrationRetryMs: time,
      maxRegistrationAttempts: count,
      discoveryRetryMs: time,
      maxDiscoveryAttempts: count,
      maxConfirmationAttempts: count,
      toastLifetimeMs: time,
      awaitingUserLifetimeMs: time,
    }),
    retainFinished: count,
    maxCallbackHistory: count,
  }),
  transactionId: v.nullable(v.string()),
  portalOpen: v.boolean(),
  nextOperationNumber: v.pipe(count, v.minValue(1)),
  operations: dictionary,
  finished: dictionary,
  lpa: v.object({ active: v.nullable(v.string()), queue: v.array(v.unknown()), head: v.optional(count) }),
  followers: dictionary,
  secrets: v.object({ operations: dictionary, owners: dictionary }),
});

const activationError = v.picklist(ACTIVATION_ERRORS);
const registrationState = v.picklist(NETWORK_REGISTRATION_STATES);

const ContextSchema = v.looseObject({
  operationId: v.string(),
  delayMs: time,
  createdAt: time,
  code: v.nullable(v.looseObject({ address: v.string(), confirmationCodeRequired: v.boolean(), masked: v.string(), oid: v.optional(v.string()) })),
  iccid: v.nullable(v.string()),
  inputError: v.nullable(activationError),
  legacyRoute: v.nullable(v.picklist(['download', 'balance', 'physical', 'cancelled', 'invalid'])),
  deadline: v.nullable(time),
  startAt: v.nullable(time),
  confirmationAttempts: count,
  registrationAttempts: count,
  discoveryAttempts: count,
  failure: v.nullable(activationError),
  registrationState: v.nullable(registrationState),
});

/** A live operation's record (exported for the quick check's soundness test, src/core/recordShape.test.ts). */
export const OperationSchema = v.object({
  id: v.string(),
  flow: v.picklist(FLOW_NAMES),
  entryPoint: v.string(),
  transactionId: v.nullable(v.string()),
  createdAt: time,
  metadata: dictionary,
  diagnostics: v.array(v.looseObject({ code: v.string(), severity: v.picklist(['error', 'warning']), message: v.string() })),
  origin: v.optional(v.string()),
  payloadIccid: v.optional(v.string()),
  value: v.string(),
  context: ContextSchema,
  callbacks: v.array(v.object({ script: v.picklist(['registrationChanged', 'profileActivationComplete']), args: v.string(), at: time, delivered: v.boolean() })),
});

/** One operation's secrets (exported for the same test). */
export const SecretSchema = v.object({ activationCode: v.optional(v.string()), confirmationCode: v.optional(v.string()) });

const FinishedSchema = v.object({
  id: v.string(),
  flow: v.picklist(FLOW_NAMES),
  value: v.string(),
  report: v.looseObject({ operationId: v.string(), flow: v.picklist(FLOW_NAMES), outcome: v.string(), startedAt: time, endedAt: time }),
  sequence: count,
  // Set until the host acknowledges the report (report.delivered); a restart sends it again.
  reportPending: v.optional(v.literal(true)),
  portalUpdatesLeft: v.optional(count),
});

const QueuedSchema = v.looseObject({ type: v.picklist(['lpa.download', 'lpa.discover', 'lpa.enable', 'lpa.queryProfile']), operationId: v.string() });

/**
 * Restore a document as storage returned it: migrate it, check it, and keep what can run.
 * Null or undefined (first start) gives a fresh state. A header and records (an incremental
 * storage's `load`) are put back together first and checked the same way. Pure: it never throws.
 *
 * @param loaded - what `storage.load()` gave: a whole document, a header and records, or null
 * @param config - the host's configuration, for the fresh state when nothing can be used
 * @example
 * const { state, quarantined } = restoreDocument(await storage.load(), config);
 */
export function restoreDocument(loaded: unknown, config: Parameters<typeof createState>[0] = {}): RestoredDocument {
  if (loaded === null || loaded === undefined) return { state: createState(config), quarantined: [] };
  try {
    if (isStoredRecords(loaded)) return restoreRecords(loaded, config);
    return restore(loaded, config);
  } catch {
    // A getter or Proxy inside the document: it is not plain data.
    return { state: createState(config), quarantined: [{ kind: 'document', document: loaded, reason: 'the document could not be read (it is not plain data)' }] };
  }
}

/** A header and records (incremental storage): the header checked as a document's frame, then every record like a whole document's. */
function restoreRecords(loaded: StoredRecords, config: Parameters<typeof createState>[0]): RestoredDocument {
  const { document, parts, unreadable } = assembleDocument(loaded);
  if (document === loaded) return { state: createState(config), quarantined: [{ kind: 'document', document: loaded, reason: 'header: expected a JSON object' }] };
  // An older format: its records folded back into one document, so that its migrations see them all.
  if ((document as { version?: unknown }).version !== STATE_VERSION) return withStoredDocument(loaded, restore(wholeDocumentOf(document, parts), config), unreadable);
  const restored = restore(document, config, parts);
  // Not migrated: a kept record's stored text says what the state holds, so the first write can hand it back.
  return { ...withStoredDocument(loaded, restored, unreadable), ...(restored.unchanged === undefined ? {} : { unchanged: restored.unchanged }) };
}

/** What a restore from records returns: the whole document as storage returned it, and the records that were not JSON. */
function withStoredDocument(loaded: StoredRecords, restored: RestoredDocument, unreadable: ReturnType<typeof assembleDocument>['unreadable']): RestoredDocument {
  const quarantined = restored.quarantined.map((q) => (q.kind === 'document' ? { ...q, document: loaded } : q));
  for (const bad of unreadable) quarantined.push({ kind: 'operation', operationId: bad.operationId, record: bad.record, secrets: undefined, reason: bad.reason });
  return { state: restored.state, quarantined };
}

/** The frame with its records put back in its maps: the whole document the records were split from. */
function wholeDocumentOf(frame: unknown, parts: DocumentParts): unknown {
  const operations = emptyMap<unknown>();
  const secrets = emptyMap<unknown>();
  const owners = emptyMap<unknown>();
  const finished = emptyMap<unknown>();
  for (const live of parts.live) {
    operations[live.id] = live.record;
    // Stryker disable next-line ConditionalExpression: equivalent; an entry holding undefined reads back as no entry
    if (live.secrets !== undefined) secrets[live.id] = live.secrets;
    // Keyed by the code itself, as older documents keyed owners: restore turns it into the profile identity.
    const code = (live.secrets as { activationCode?: unknown } | undefined)?.activationCode;
    // Stryker disable next-line ConditionalExpression: a claim without a code would be keyed "undefined", which restoreOwners drops (no code to match)
    if (live.owner && typeof code === 'string') owners[code] = live.id;
  }
  for (const [id, record] of parts.finished) finished[id] = record;
  return { ...(frame as object), operations, finished, secrets: { operations: secrets, owners } };
}

/** The live records of a whole document, in the form a header-and-records store gives them. */
function liveRecordsOf(document: v.InferOutput<typeof FrameSchema>): LoadedLiveRecord[] {
  // Stryker disable next-line BooleanLiteral: equivalent; a whole document's owners come from its owners map, the flag is not read
  return Object.keys(document.operations).map((id) => ({ id, record: document.operations[id], secrets: own(document.secrets.operations, id), owner: false }));
}

/** Restore a document; `parts` holds the records of a header-and-records store (its frame's maps are then empty). */
function restore(loaded: unknown, config: Parameters<typeof createState>[0], parts?: DocumentParts): RestoredDocument {
  const fresh = (reason: string): RestoredDocument => ({ state: createState(config), quarantined: [{ kind: 'document', document: loaded, reason }] });
  const migrated = migrateDocument(loaded);
  if (!migrated.ok) return fresh(migrated.reason);
  const frame = v.safeParse(FrameSchema, migrated.document);
  if (!frame.success) return fresh(describeIssues(frame.issues));
  const document = frame.output;
  const quarantined: Quarantined[] = [];
  const state: CoreState = {
    // Fields this schema does not know yet are carried over as they are (add them to FrameSchema to check them).
    ...(migrated.document as Partial<CoreState>),
    version: STATE_VERSION,
    config: { ...DEFAULT_CONFIG, ...document.config, timing: { ...DEFAULT_TIMING, ...document.config.timing } },
    transactionId: document.transactionId,
    portalOpen: document.portalOpen,
    nextOperationNumber: document.nextOperationNumber,
    operations: emptyMap(),
    finished: emptyMap(),
    // Stryker disable next-line ArrayDeclaration: equivalent; orderFinished rebuilds it below
    finishedOrder: [],
    lpa: emptyLpa(),
    followers: emptyMap(),
    secrets: { operations: emptyMap(), owners: emptyMap() },
  };

  const runtime = runtimeFor(state.config.timing);
  // One pass over the records does everything that is per record (D77): the check, the maps, the
  // owner claims and the stored texts kept; what is left afterwards is the size of the LPA queue.
  // Stryker disable next-line ObjectLiteral: equivalent; operationProblem sets ownerKey before anything reads it
  const checked: CheckedCode = { ownerKey: undefined };
  /** A whole document's owner keys, from the one parse each check made (its owners are matched after the loop). */
  const ownerKeys = parts === undefined ? new Map<string, string>() : null;
  /** The stored text of each record kept exactly as loaded (D59): records only, not migrated. */
  const unchanged = parts === undefined ? undefined : new Map<string, string>();
  /** Owner claims in record order, profile then id: a later claim of the same profile wins, and the loser's record is written anew. */
  const claimed: string[] = [];
  let following = 0;
  let highest = 0;
  for (const live of parts?.live ?? liveRecordsOf(document)) {
    const { id, record, secrets } = live;
    const problem = operationProblem(runtime, id, record, secrets, checked);
    if (problem !== null) {
      quarantined.push({ kind: 'operation', operationId: id, record, secrets, reason: problem });
      continue;
    }
    const op = record as OperationRecord;
    // Keyed by the record's own id string (equal to `id`): the one the commands carry, so each
    // operation's id is made an internalized key once, not once per string that spells it.
    const key = op.id;
    setOwn(state.operations, key, op);
    if (secrets !== undefined) setOwn(state.secrets.operations, key, secrets as Secrets['operations'][string]);
    // Stryker disable next-line ConditionalExpression: equivalent; a shortcut, restoreIndexes finds no ICCID either way
    if (op.context.iccid !== null) following += 1;
    highest = Math.max(highest, operationNumber(key));
    // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent; a whole document's records claim nothing below (owner is false), and restoreOwners computes a missing key
    if (ownerKeys !== null) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; a cache, restoreOwners computes a missing key
      if (checked.ownerKey !== undefined) ownerKeys.set(key, checked.ownerKey);
      continue;
    }
    // A record's owner flag claims its own code (keyed by profile identity); a later claim of the same profile wins, as in record order.
    const code = (secrets as Secrets['operations'][string] | undefined)?.activationCode;
    const claims = live.owner && code !== undefined;
    if (claims) {
      const profile = checked.ownerKey ?? code;
      setOwn(state.secrets.owners, profile, key);
      claimed.push(profile, key);
    }
    if (live.text !== undefined && claims === live.owner) unchanged!.set(key, live.text);
  }
  for (const [id, record] of parts?.finished ?? Object.keys(document.finished).map((id) => [id, document.finished[id]] as const)) {
    const checked = v.safeParse(FinishedSchema, record);
    const problem = !checked.success ? describeIssues(checked.issues) : checked.output.id !== id ? 'id: differs from its key' : null;
    if (problem !== null) quarantined.push({ kind: 'finished', operationId: id, record, reason: problem });
    else {
      setOwn(state.finished, id, record as FinishedRecord);
      highest = Math.max(highest, operationNumber(id));
    }
  }

  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; a shortcut, restoreIndexes finds no ICCID either way
  restoreIndexes(state, document, following > 0);
  // Stryker disable next-line ConditionalExpression: equivalent; a records frame's owners map is always empty (assembleDocument)
  if (ownerKeys !== null) restoreOwners(state, Object.entries(document.secrets.owners), ownerKeys);
  if (unchanged !== undefined) {
    // Its record says it owns the code, and it no longer does (the profile's keys are internalized by now: a cheap lookup).
    // Stryker disable next-line EqualityOperator: equivalent; one step past the end compares undefined with undefined
    for (let i = 0; i < claimed.length; i += 2) if (own(state.secrets.owners, claimed[i]!) !== claimed[i + 1]) unchanged.delete(claimed[i + 1]!);
    // A record with a place in the LPA queue is written with it.
    // Stryker disable next-line ConditionalExpression: deleting null from the map would find nothing (the guard is for the types)
    if (state.lpa.active !== null) unchanged.delete(state.lpa.active);
    for (const command of state.lpa.queue) unchanged.delete(command.operationId);
  }
  orderFinished(state);
  // One past the highest `op-N` any record holds, so generated ids never clash with them.
  state.nextOperationNumber = Math.max(state.nextOperationNumber, highest + 1);
  return unchanged === undefined ? { state, quarantined } : { state, quarantined, unchanged };
}

/** What a record's check learnt of its activation code: the owner key (profile identity) when the code parsed. */
interface CheckedCode {
  ownerKey: string | undefined;
}

const OPERATION_NUMBER = /^op-([0-9]{1,15})$/;

/** N for an id `op-N`, else 0. */
function operationNumber(id: string): number {
  const match = OPERATION_NUMBER.exec(id);
  return match === null ? 0 : Number(match[1]);
}

/** Why one live operation cannot resume, or null when it can. */
function operationProblem(runtime: FlowRuntime, id: string, record: unknown, secrets: unknown, checked: CheckedCode): string | null {
  checked.ownerKey = undefined;
  // The quick check first; valibot decides (and words the reason) only for a record it refuses.
  // Stryker disable next-line ConditionalExpression: equivalent; a shortcut, valibot accepts what the quick check accepts (recordShape.test.ts)
  if (!isPlainOperation(record)) {
    const checked = v.safeParse(OperationSchema, record);
    // Stryker disable next-line ConditionalExpression: equivalent as far as generated records reach; a record the quick check refuses, the schema refuses too
    if (!checked.success) return describeIssues(checked.issues);
  }
  const op = record as OperationRecord;
  if (op.id !== id || op.context.operationId !== id) return 'id: differs from its key';
  const definition = flows[op.flow];
  const node = Object.hasOwn(definition.states, op.value) ? definition.states[op.value] : undefined;
  if (node === undefined) return `value: ${op.flow} has no state ${JSON.stringify(op.value.slice(0, 60))}`;
  if (node.type === 'final') return `value: ${op.value} is a final state, yet the operation is live`;
  if (secrets !== undefined && !isPlainSecrets(secrets) && !v.safeParse(SecretSchema, secrets).success) return 'secrets: not an activation code and confirmation code';
  const code = (secrets as { activationCode?: string } | undefined)?.activationCode;
  const parsed = parseActivationCode(code);
  const codeUsable = parsed.ok;
  if (parsed.ok) checked.ownerKey = sameText(activationCodeIdentity(parsed.value), code!);
  // A live operation with a code downloads it, now or later: without it the LPA would get "".
  if (op.context.code !== null && !codeUsable) return 'secrets: the activation code of an operation that downloads is missing or invalid';
  let downloads: boolean;
  // No entry of today's flows throws on a context the schema accepted: the catch is kept so that
  // one that does later costs its record, not the whole document.
  // Stryker disable BlockStatement,StringLiteral: the catch is unreachable with today's flows (see above)
  try {
    downloads = entryEffects(definition, runtime, op.value, op.context).some((action) => action.type === 'download');
  } catch {
    return `context: ${op.flow} cannot resume in ${op.value} with it`;
  }
  // Stryker restore BlockStatement,StringLiteral
  if (downloads && !codeUsable) return 'secrets: the activation code of a download in progress is missing or invalid';
  return null;
}

/** Rebuild the LPA queue and the followers so they name only the operations kept; `following`: some kept operation has an ICCID. */
function restoreIndexes(state: CoreState, document: v.InferOutput<typeof FrameSchema>, following: boolean): void {
  // Stryker disable next-line ConditionalExpression: equivalent; no operation is keyed by a value that is not a string
  const live = (id: unknown): id is string => typeof id === 'string' && own(state.operations, id) !== undefined;
  if (live(document.lpa.active)) state.lpa.active = document.lpa.active;
  for (const command of document.lpa.queue.slice(document.lpa.head ?? 0)) {
    if (v.safeParse(QueuedSchema, command).success && live((command as LpaCommand).operationId)) waitInLine(state, command as LpaCommand);
  }
  // Stryker disable next-line ConditionalExpression: equivalent; a shortcut, with no ICCID there is no follower to list
  if (!following) return;
  // Followers: the stored order where it is right, then every kept operation with an ICCID not yet listed.
  const listed = new Set<string>();
  for (const iccid of Object.keys(document.followers)) {
    const ids = document.followers[iccid];
    if (!Array.isArray(ids)) continue;
    for (const id of ids) if (live(id) && !listed.has(id) && own(state.operations, id)!.context.iccid === iccid) follow(state, iccid, id, listed);
  }
  for (const op of Object.values(state.operations)) if (op.context.iccid !== null && !listed.has(op.id)) follow(state, op.context.iccid, op.id, listed);
}

/** A whole document's owners, keyed by profile identity (older documents keyed them by the full code), naming kept operations only. */
function restoreOwners(state: CoreState, owners: ReadonlyArray<readonly [string, unknown]>, ownerKeys: ReadonlyMap<string, string>): void {
  for (const [key, id] of owners) {
    // Secrets are kept only for the operations kept, so a dropped operation's id finds none.
    const code = typeof id === 'string' ? own(state.secrets.operations, id)?.activationCode : undefined;
    // Stryker disable next-line ConditionalExpression: equivalent; a shortcut, no key matches an operation without a code below
    if (code === undefined) continue;
    const canonical = ownerKeys.get(id as string) ?? ownerKey(code);
    // The key is the profile identity, or (older documents) the code itself: parse it only when it is neither.
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent; the first two are shortcuts for the third (the owner key of the code, or of its profile, is the profile)
    if (key === canonical || key === code || canonical === ownerKey(key)) setOwn(state.secrets.owners, canonical, id as string);
  }
}

function follow(state: CoreState, iccid: string, id: string, listed: Set<string>): void {
  const list: IdMap<string[]>[string] | undefined = own(state.followers, iccid);
  if (list === undefined) setOwn(state.followers, iccid, [id]);
  else list.push(id);
  listed.add(id);
}

/** The first few schema issues as `path: expected ...`: never the value found, which may be a credential. */
function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${pathOf(issue) || 'the record'}: ${issue.received === 'undefined' ? 'missing' : `expected ${expectation(issue)}`}`)
    .join('; ');
}

/**
 * What the schema wanted: a custom check's own message ("a map"), else valibot's expectation, else
 * the name of the check that refused (integer, finite, ...). Never valibot's default message, which
 * quotes the value received.
 */
function expectation(issue: v.BaseIssue<unknown>): string {
  return issue.type === 'custom' ? issue.message : (issue.expected ?? issue.type);
}

/** The keys are the schemas' own (a map's keys are never checked one by one), so none is a stored value. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return value === undefined ? 'missing' : `a ${typeof value}`;
}
