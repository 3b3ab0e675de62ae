import type { CoreState } from '../core/state';
import { allRecords, headerOf, recordOf, type DocumentChanges } from '../core/storedRecords';

/**
 * What an incremental storage has not durably received yet: the ids steps changed since the
 * last write that succeeded, and whether the next write must replace everything (the first one
 * after a start, or one after a write that failed while replacing). A write takes them; a
 * failed write gives them back, so the next write carries them again.
 */
export class PendingChanges {
  #ids = new Set<string>();
  #replace = true;
  /** The header the storage holds, as last handed to a write (null: unknown). */
  #header: string | null = null;
  /** Records a restore kept exactly as loaded: the replacing write hands their text back (D59), unless a step changed them since (`#ids`). */
  #loaded: ReadonlyMap<string, string> | null = null;
  /** The stored text of the records a restore kept exactly as loaded (its `RestoredDocument.unchanged`; kept, not copied). */
  restored(unchanged: ReadonlyMap<string, string> | undefined): void {
    this.#loaded = unchanged ?? null;
  }
  /** Collect what a step changed (its `StepResult.changed`). */
  note(ids: ReadonlySet<string>): void {
    // Before the replacing write, the ids say which loaded texts no longer hold (every record is written anyway).
    // Stryker disable next-line ConditionalExpression: equivalent; without loaded texts the replacing write serializes every record and clears the ids unread
    if (this.#replace && this.#loaded === null) return;
    for (const id of ids) this.#ids.add(id);
  }

  /** The changes for one write, serialized now from `state` (later steps do not alter them). */
  take(state: CoreState): DocumentChanges {
    const header = headerOf(state);
    const changedHeader = this.#replace || header !== this.#header ? header : null;
    this.#header = header;
    if (this.#replace) {
      this.#replace = false;
      const put = allRecords(state, this.#loaded ?? undefined, this.#ids);
      this.#ids.clear();
      this.#loaded = null;
      return { replace: true, header, put, remove: [] };
    }
    const put = new Map<string, string>();
    const remove: string[] = [];
    for (const id of this.#ids) {
      const record = recordOf(state, id);
      if (record === null) remove.push(id);
      else put.set(id, record);
    }
    this.#ids = new Set();
    return { replace: false, header: changedHeader, put, remove };
  }

  /** A write failed: what it carried is still to be written. */
  giveBack(changes: DocumentChanges): void {
    if (changes.replace) this.#replace = true;
    for (const id of changes.put.keys()) this.#ids.add(id);
    for (const id of changes.remove) this.#ids.add(id);
    // The storage may hold an older header: write it with the next changes.
    this.#header = null;
  }
}
