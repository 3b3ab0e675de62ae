import type { CoreState } from '../../core/state';
import type { StorageEffects } from '../../host/effects';

/**
 * In-memory storage for the host's persisted document. `save` keeps the reference (the host
 * saves on every input, so it must cost O(1)); `load` hands back a deep copy, as if read from
 * disk, so a restarted host shares nothing with the one it replaces.
 *
 * @example
 * const storage = new MemoryStorage();
 * storage.save(state);
 * storage.load(); // a deep copy of state
 */
export class MemoryStorage implements StorageEffects {
  #document: CoreState | null;
  #saves = 0;

  /** @param initial - a document to start with (copied on load) */
  constructor(initial: CoreState | null = null) {
    this.#document = initial;
  }

  /** A deep copy of the last document saved, or null. */
  load(): CoreState | null {
    return this.#document === null ? null : (JSON.parse(JSON.stringify(this.#document)) as CoreState);
  }

  /** Keep the document (by reference: it is serialized only when loaded). */
  save(document: CoreState): void {
    this.#document = document;
    this.#saves += 1;
  }

  /** How many times the host saved. */
  saves(): number {
    return this.#saves;
  }

  /** Whether a document is stored. */
  hasDocument(): boolean {
    return this.#document !== null;
  }

  /** Forget the document (a device reset). */
  clear(): void {
    this.#document = null;
  }

  /** Storage holds secrets in clear: it never serializes into logs or traces. */
  toJSON(): { saves: number; hasDocument: boolean } {
    return { saves: this.#saves, hasDocument: this.hasDocument() };
  }
}
