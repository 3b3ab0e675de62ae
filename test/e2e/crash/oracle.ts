import { createHash } from 'node:crypto';
import type { StoredRecords } from '../../../src/core/storedRecords';

/*
 * What the crash test may find in the store after a kill, from the child's log of writes:
 * writes run one after another and each is all or nothing, so the store must equal the state
 * after some write k of the life just killed, with k at least the last one acknowledged (its
 * promise resolved, so steps after it ran their commands) and at most the last one begun.
 */

/** A store as digests: the header's, and each record's by operation id. */
export interface StoreDigest {
  readonly header: string | null;
  readonly records: ReadonlyMap<string, string>;
}

/** One write as the child logged it before handing it to fileStorage. */
export interface LoggedWrite {
  readonly seq: number;
  readonly replace: boolean;
  readonly header: string | null;
  readonly put: Readonly<Record<string, string>>;
  readonly remove: readonly string[];
}

export const EMPTY_STORE: StoreDigest = { header: null, records: new Map() };

export const digest = (text: string): string => createHash('sha1').update(text).digest('hex').slice(0, 16);

/** The digest of what `fileStorage.load()` returned. */
export function digestOf(loaded: StoredRecords | null): StoreDigest {
  if (loaded === null) return EMPTY_STORE;
  const entries = loaded.records instanceof Map ? [...loaded.records] : Object.entries(loaded.records);
  return { header: digest(loaded.header), records: new Map(entries.map(([id, record]) => [id, digest(record)])) };
}

/** The store after one more write. */
export function applied(store: StoreDigest, write: LoggedWrite): StoreDigest {
  const records = write.replace ? new Map<string, string>() : new Map(store.records);
  for (const id of write.remove) records.delete(id);
  for (const [id, record] of Object.entries(write.put)) records.set(id, record);
  return { header: write.header ?? store.header, records };
}

export function sameStore(a: StoreDigest, b: StoreDigest): boolean {
  return a.header === b.header && a.records.size === b.records.size && [...a.records].every(([id, record]) => b.records.get(id) === record);
}

/**
 * Which write of the life the store is at (0: none of them), or null when it is at none it
 * may be at: a lost acknowledged write, or a mix of two.
 */
export function matchingWrite(before: StoreDigest, writes: readonly LoggedWrite[], lastAcknowledged: number, found: StoreDigest): number | null {
  let state = before;
  for (let k = 0; k <= writes.length; k += 1) {
    if (k > 0) state = applied(state, writes[k - 1]!);
    if (k >= lastAcknowledged && sameStore(state, found)) return k;
  }
  return null;
}
