import type { DocumentChanges } from '../core/storedRecords';

/*
 * The write-ahead journal of the file storage: one write's changes, complete, in one file
 * written atomically. Once it is on disk the write has happened; applying it to the header and
 * record files is repeatable, so a crash while applying is finished at the next start.
 */

/** The journal's format tag: a file without it is not a journal this code wrote. */
export const JOURNAL_FORMAT = 'mobile-plans-fulfillment/journal@1';

/** One write's changes, as plain data. */
export interface JournalEntry {
  readonly replace: boolean;
  readonly header: string | null;
  /** Operation id → record JSON, in the order the write gave them. */
  readonly put: ReadonlyArray<readonly [string, string]>;
  readonly remove: readonly string[];
}

/**
 * The changes as a journal entry, copied now (the host goes on with its own objects), or the
 * reason they are not changes a storage can apply.
 */
export function entryOf(changes: DocumentChanges): JournalEntry | string {
  if (typeof changes !== 'object' || changes === null) return 'the changes are not an object';
  if (typeof changes.replace !== 'boolean') return 'changes.replace is not a boolean';
  if (changes.header !== null && typeof changes.header !== 'string') return 'changes.header is neither a string nor null';
  if (!(changes.put instanceof Map)) return 'changes.put is not a Map';
  if (!Array.isArray(changes.remove)) return 'changes.remove is not an array';
  const put: Array<readonly [string, string]> = [];
  for (const [id, record] of changes.put) {
    if (typeof id !== 'string' || typeof record !== 'string') return 'changes.put maps an operation id to something that is not a string';
    put.push([id, record]);
  }
  const remove: string[] = [];
  for (const id of changes.remove as readonly unknown[]) {
    if (typeof id !== 'string') return 'changes.remove holds something that is not an operation id';
    remove.push(id);
  }
  return { replace: changes.replace, header: changes.header, put, remove };
}

/** The journal file's text. */
export function journalText(entry: JournalEntry): string {
  return JSON.stringify({ format: JOURNAL_FORMAT, ...entry });
}

/** The entry a journal file holds, or null when the text is not a whole journal of this format. */
export function parseJournal(text: string): JournalEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const entry = value as { format?: unknown; replace?: unknown; header?: unknown; put?: unknown; remove?: unknown } | null;
  if (typeof entry !== 'object' || entry === null || entry.format !== JOURNAL_FORMAT) return null;
  if (typeof entry.replace !== 'boolean' || (entry.header !== null && typeof entry.header !== 'string')) return null;
  const isPair = (pair: unknown): pair is [string, string] => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string';
  if (!Array.isArray(entry.put) || !entry.put.every(isPair)) return null;
  if (!Array.isArray(entry.remove) || !entry.remove.every((id) => typeof id === 'string')) return null;
  return { replace: entry.replace, header: entry.header, put: entry.put, remove: entry.remove };
}
