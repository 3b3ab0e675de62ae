import type { CoreState } from '../src/core/state';
import type { DocumentChanges, StoredRecords } from '../src/core/storedRecords';
import type { StorageEffects } from '../src/host/effects';
import { settleMicrotasks } from '../src/sim/device/index';

/*
 * A storage like a real disk: every save is asynchronous and completes a few microtask turns
 * later (a seeded, varying number), interleaved with the host's other work (effect answers,
 * commands of earlier steps, timers). A test can hold the saves (a power cut before the write),
 * write them without answering (a power cut after the write, before the host heard of it), or
 * fail the next save once.
 */

interface PendingSave {
  /** Make this save durable. */
  readonly apply: () => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class AsyncStorage implements StorageEffects {
  #durable: string | null = null;
  #pending: PendingSave[] = [];
  #seed: number;
  #holding = false;
  /** Saves still to fail (each fails once, then the host's retry goes through). */
  failNext = 0;
  /** Saves that completed, and saves that failed. */
  completed = 0;
  failed = 0;

  constructor(seed = 1) {
    this.#seed = seed;
  }

  load(): CoreState | StoredRecords | null {
    return this.#durable === null ? null : (JSON.parse(this.#durable) as CoreState);
  }

  save(document: CoreState): Promise<void> {
    const json = JSON.stringify(document); // serialized now: the core goes on changing the object
    return this.enqueue(() => void (this.#durable = json));
  }

  /** Queue a save whose `apply` makes it durable, completed later like every save. */
  protected enqueue(apply: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const save = { apply, resolve, reject };
      this.#pending.push(save);
      if (!this.#holding) this.#completeLater(save);
    });
  }

  /** How many saves have not completed. */
  get pending(): number {
    return this.#pending.length;
  }

  /** From now on saves wait (neither written nor answered) until `crash` or `writeWithoutAnswer`. */
  hold(): void {
    this.#holding = true;
  }

  /** The power goes out: waiting saves are lost, never written, never answered. Saves complete on their own again. */
  crash(): void {
    this.#pending = [];
    this.#holding = false;
  }

  /** The waiting saves reach the disk, then the power goes out before the host hears of it. */
  writeWithoutAnswer(): void {
    for (const save of this.#pending) save.apply();
    this.completed += this.#pending.length;
    this.crash();
  }

  /** Let the host's work and the saves it starts run until no save is in flight (bounded). */
  async settle(): Promise<void> {
    await settleMicrotasks();
    for (let round = 0; round < 200 && this.#pending.length > 0 && !this.#holding; round++) await settleMicrotasks();
    await settleMicrotasks();
  }

  #completeLater(save: PendingSave): void {
    let hops = 1 + (this.#next() % 5);
    const hop = (): void => {
      if (!this.#pending.includes(save)) return; // lost in a crash
      if (hops-- > 0) return void Promise.resolve().then(hop);
      this.#pending.splice(this.#pending.indexOf(save), 1);
      if (this.failNext > 0) {
        this.failNext -= 1;
        this.failed += 1;
        save.reject(new Error('the disk was busy'));
        return;
      }
      save.apply();
      this.completed += 1;
      save.resolve();
    };
    hop();
  }

  // A small deterministic generator (mulberry32): the same seed gives the same interleaving.
  #next(): number {
    this.#seed = (this.#seed + 0x6d2b79f5) | 0;
    let t = this.#seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}

/**
 * The same disk with the incremental contract: `write` instead of `save`; a write becomes
 * durable whole (header, records, removals) when it completes, and is lost whole in a crash.
 */
export class AsyncRecordStorage extends AsyncStorage {
  #header: string | null = null;
  #records = new Map<string, string>();

  override load(): StoredRecords | null {
    return this.#header === null ? null : { header: this.#header, records: new Map(this.#records) };
  }

  write(changes: DocumentChanges): Promise<void> {
    return this.enqueue(() => {
      if (changes.replace) this.#records = new Map();
      if (changes.header !== null) this.#header = changes.header;
      for (const id of changes.remove) this.#records.delete(id);
      for (const [id, record] of changes.put) this.#records.set(id, record);
    });
  }
}

/** An asynchronous storage for `seed`: whole documents for even seeds, records for odd ones, so the model runs cover both contracts. */
export function asyncStorageFor(seed: number): AsyncStorage {
  return seed % 2 === 0 ? new AsyncStorage(seed) : new AsyncRecordStorage(seed);
}
