import { ownerKeyOfSecrets } from './owners';
import { own } from './records';
import { queuedFor, type QueuedCommand } from './lpaQueue';
import type { CoreState, FinishedRecord, OperationRecord, Secrets } from './state';

/*
 * The document split for incremental storage (decision D35): one small header for what all
 * operations share, and one record per operation id, so that a step writes the header only when
 * it changed and the records only of the operations it touched. Every part is a JSON string:
 * what the storage writes is what it is given, and its size is the bytes a step costs.
 */

/**
 * The shared part of the document: configuration, portal, the LPA's running operation. Small, and
 * the same size with 1 or 100,000 operations: nothing that grows with them is in it (the
 * commands waiting for the LPA are in their operations' records, decision D55).
 */
export interface DocumentHeader {
  /** The document's format version (the one the whole document has). */
  readonly version: CoreState['version'];
  readonly config: CoreState['config'];
  readonly transactionId: string | null;
  readonly portalOpen: boolean;
  readonly nextOperationNumber: number;
  /** The LPA's running operation (the commands waiting are in their operations' records). */
  readonly lpa: { readonly active: string | null };
}

/** One operation's stored record: live (with its credentials), or finished (its report kept). */
export type StoredRecord =
  | {
      readonly live: OperationRecord;
      /** Its activation and confirmation codes (credentials: hosts may encrypt the record). */
      readonly secrets?: Secrets['operations'][string];
      /** True when it owns its activation code (same-code hand-offs join it). */
      readonly owner?: true;
      /** Its commands waiting for the LPA (without secrets), with their places in the one queue all operations share. */
      readonly queued?: readonly QueuedCommand[];
    }
  | { readonly finished: FinishedRecord };

/**
 * What one save writes through `StorageEffects.write`: apply `remove` and `put`, and replace the
 * header when one is given. `replace: true` (the first save after a start) means: drop every
 * record stored before and keep only these.
 */
export interface DocumentChanges {
  /** True when the storage must drop everything it holds first (the first save after a start: a migrated or quarantined document). */
  readonly replace: boolean;
  /** The header as JSON, or null when it did not change. */
  readonly header: string | null;
  /** Records to store, as JSON, by operation id. */
  readonly put: ReadonlyMap<string, string>;
  /** Operation ids whose records are gone (finished ones dropped past `retainFinished`). */
  readonly remove: readonly string[];
}

/** What an incremental storage loads back: the last header and every record, as written. */
export interface StoredRecords {
  /** The header JSON last written. */
  readonly header: string;
  /** Every record JSON, by operation id, in any order. */
  readonly records: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
}

/** The header of `state`, as JSON. */
export function headerOf(state: CoreState): string {
  const header: DocumentHeader = {
    version: state.version,
    config: state.config,
    transactionId: state.transactionId,
    portalOpen: state.portalOpen,
    nextOperationNumber: state.nextOperationNumber,
    lpa: { active: state.lpa.active },
  };
  return JSON.stringify(header);
}

/** The record of `operationId` in `state` as JSON, or null when the state no longer holds it. */
export function recordOf(state: CoreState, operationId: string): string | null {
  const live = own(state.operations, operationId);
  if (live !== undefined) {
    const secrets = own(state.secrets.operations, operationId);
    const key = secrets === undefined ? undefined : ownerKeyOfSecrets(secrets);
    // Stryker disable next-line ConditionalExpression: equivalent; no owner entry is keyed "undefined" (owner keys are codes)
    const owner = key !== undefined && own(state.secrets.owners, key) === operationId;
    const queued = queuedFor(state, operationId);
    // Stryker disable next-line ConditionalExpression: equivalent; JSON.stringify leaves out a key whose value is undefined
    return JSON.stringify({ live, ...(secrets === undefined ? {} : { secrets }), ...(owner ? { owner: true } : {}), ...(queued.length === 0 ? {} : { queued }) });
  }
  const finished = own(state.finished, operationId);
  return finished === undefined ? null : JSON.stringify({ finished });
}

/**
 * Every record of `state`, for a full write. `loaded` holds records as storage returned them
 * that said what `state` held when it was restored (`RestoredDocument.unchanged`, decision D59):
 * their text is written back as it came instead of serializing the record again, except for
 * the ids in `changed` (records a step changed since).
 */
export function allRecords(state: CoreState, loaded?: ReadonlyMap<string, string>, changed?: ReadonlySet<string>): Map<string, string> {
  const records = new Map<string, string>();
  for (const id of Object.keys(state.finished)) records.set(id, recordOf(state, id)!);
  for (const id of Object.keys(state.operations)) {
    const text = loaded === undefined || changed?.has(id) === true ? undefined : loaded.get(id);
    records.set(id, text ?? recordOf(state, id)!);
  }
  return records;
}

/** One live record as loaded: the objects parsed from its text, checked by restore one by one. */
export interface LoadedLiveRecord {
  readonly id: string;
  /** The operation record (`live`), unchecked. */
  readonly record: unknown;
  /** Its secrets, unchecked, or undefined. */
  readonly secrets: unknown;
  /** Whether the record says it owns its code. */
  readonly owner: boolean;
  /** The stored text, when the record holds nothing `recordOf` would not write for an operation outside the LPA queue (D59). */
  readonly text?: string;
}

/** The records of a header-and-records store, beside the frame: restore checks them one by one. */
export interface DocumentParts {
  readonly live: readonly LoadedLiveRecord[];
  /** Finished records by id, oldest first. */
  readonly finished: ReadonlyArray<readonly [string, unknown]>;
}

/** Whether what storage loaded is a header and records (rather than a whole document). */
export function isStoredRecords(loaded: unknown): loaded is StoredRecords {
  return typeof loaded === 'object' && loaded !== null && typeof (loaded as { header?: unknown }).header === 'string' && typeof (loaded as { records?: unknown }).records === 'object';
}

/**
 * Put a header and records back together as a whole document (today's format), for the same
 * migration, checks and quarantine as a document saved whole. A record that is not JSON, or not
 * a record, is returned apart (quarantined by the caller).
 */
export function assembleDocument(stored: StoredRecords): { document: unknown; parts: DocumentParts; unreadable: Array<{ operationId: string; record: string; reason: string }> } {
  let header: unknown;
  const live: LoadedLiveRecord[] = [];
  const finished: Array<[string, FinishedRecord]> = [];
  const parts: DocumentParts = { live, finished };
  // Stryker disable BlockStatement: equivalent for the catch; a header left undefined is handed back whole by the check below too
  try {
    header = JSON.parse(stored.header);
  } catch {
    return { document: stored, parts, unreadable: [] };
  }
  // Stryker restore BlockStatement
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return { document: stored, parts, unreadable: [] };
  const queued: QueuedCommand[] = [];
  const unreadable: Array<{ operationId: string; record: string; reason: string }> = [];
  const entries: Iterable<readonly [string, string]> = stored.records instanceof Map ? (stored.records as ReadonlyMap<string, string>) : Object.entries(stored.records);
  for (const [id, text] of entries) {
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      unreadable.push({ operationId: id, record: text, reason: 'the record is not JSON' });
      continue;
    }
    const r = record as { live?: unknown; secrets?: unknown; owner?: unknown; queued?: unknown; finished?: unknown };
    // Stryker disable next-line ConditionalExpression: equivalent for the typeof; a number, string or boolean has no live or finished property either
    const isObject = typeof record === 'object' && record !== null;
    if (isObject && r.live !== undefined) {
      const owner = r.owner === true;
      // Malformed entries keep their place and are refused by restore's check of each queued command.
      if (Array.isArray(r.queued)) for (const entry of r.queued as unknown[]) queued.push(entry as QueuedCommand);
      // A record with commands in line (`queued`) is not plain: it is written anew with its place.
      live.push(hasOnlyPlainKeys(record as object) ? { id, record: r.live, secrets: r.secrets, owner, text } : { id, record: r.live, secrets: r.secrets, owner });
    } else if (isObject && r.finished !== undefined) {
      finished.push([id, r.finished as FinishedRecord]);
    } else {
      unreadable.push({ operationId: id, record: text, reason: 'the record is neither a live nor a finished operation' });
    }
  }
  // Finished operations oldest first, as the whole document keeps them (retention drops the oldest).
  finished.sort(([, a], [, b]) => endedAt(a) - endedAt(b));
  // The records themselves are in `parts`: the document is the frame they are checked in.
  return { document: { ...header, lpa: lpaOf(header, queued), operations: {}, finished: {}, followers: {}, secrets: { operations: {}, owners: {} } }, parts, unreadable };
}

/** True when a live record holds only what `recordOf` writes for one not waiting for the LPA. */
function hasOnlyPlainKeys(record: object): boolean {
  for (const key in record) if (key !== 'live' && key !== 'secrets' && !(key === 'owner' && (record as { owner?: unknown }).owner === true)) return false;
  return true;
}

/**
 * The LPA queue back in one line: the header's own queue first (records written before D55
 * kept it there), then every record's commands by their places in line.
 */
function lpaOf(header: { lpa?: unknown }, queued: QueuedCommand[]): unknown {
  const lpa = header.lpa as { active?: unknown; queue?: unknown } | undefined;
  // Not an object: the document's check reports it.
  if (typeof lpa !== 'object' || lpa === null) return lpa;
  queued.sort((a, b) => positionOf(a) - positionOf(b));
  const older = Array.isArray(lpa.queue) ? (lpa.queue as unknown[]) : [];
  return { active: lpa.active ?? null, queue: [...older, ...queued.map((entry) => (entry as { command?: unknown } | null)?.command)] };
}

function positionOf(entry: unknown): number {
  const position = (entry as { position?: unknown } | null)?.position;
  return typeof position === 'number' ? position : Number.MAX_SAFE_INTEGER;
}

function endedAt(record: FinishedRecord): number {
  const at = (record as { report?: { endedAt?: unknown } } | null)?.report?.endedAt;
  return typeof at === 'number' ? at : 0;
}

