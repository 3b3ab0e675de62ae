import type { CoreState } from '../../src/core/state';
import type { StorageEffects } from '../../src/host/effects';

/**
 * A storage whose saves end only when the test says so, like a slow disk: `save` serializes
 * the document at once and returns a promise; `complete()` writes the oldest save waiting and
 * resolves it. `durable` is what a restart would load.
 */
export class DeferredStorage implements StorageEffects {
  #durable: string | null;
  readonly #waiting: Array<{ json: string; resolve: () => void; reject: (error: unknown) => void }> = [];
  /** Saves completed so far. */
  completed = 0;

  constructor(initial: CoreState | null = null) {
    this.#durable = initial === null ? null : JSON.stringify(initial);
  }

  load(): CoreState | null {
    return this.#durable === null ? null : (JSON.parse(this.#durable) as CoreState);
  }

  save(document: CoreState): Promise<void> {
    const json = JSON.stringify(document);
    return new Promise((resolve, reject) => this.#waiting.push({ json, resolve, reject }));
  }

  /** How many saves wait. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** The document a restart would load now. */
  get durable(): CoreState | null {
    return this.load();
  }

  /** Write the oldest waiting save and tell the host; `acknowledge: false` writes it and never answers (a crash right after the write). */
  complete(acknowledge = true): void {
    const next = this.#waiting.shift();
    if (next === undefined) throw new Error('no save is waiting');
    this.#durable = next.json;
    this.completed += 1;
    if (acknowledge) next.resolve();
  }

  /** Fail the oldest waiting save. */
  fail(error: unknown = new Error('disk full')): void {
    const next = this.#waiting.shift();
    if (next === undefined) throw new Error('no save is waiting');
    next.reject(error);
  }

  /** Forget the saves waiting (the power went out before they were written). */
  crash(): void {
    this.#waiting.length = 0;
  }
}
