import type { DocumentChanges, StoredRecords } from '../../core/storedRecords';
import type { StorageEffects } from '../../host/effects';

const utf8 = new TextEncoder();
/** Where each text is encoded to count its bytes (grown as needed): every byte is encoded, as a store that writes them would, without a new array per record. */
let scratch = new Uint8Array(4096);

/** The UTF-8 length of `text`, by encoding it. */
function utf8Length(text: string): number {
  // At most 3 bytes per UTF-16 unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  return utf8.encodeInto(text, scratch).written;
}

/**
 * In-memory incremental storage: a header and one JSON record per operation, as a key-value
 * store or a directory of files would hold them. It keeps exactly the strings the host gives
 * (so it pays what a real store pays to receive them) and counts the bytes written.
 *
 * @example
 * const storage = new RecordStorage();
 * const host = createHost({ effects: { ...device.effects, storage } });
 */
export class RecordStorage implements StorageEffects {
  #header: string | null = null;
  readonly #records = new Map<string, string>();
  /** Bytes (UTF-8) of every header and record written so far. */
  bytesWritten = 0;
  /** How many writes completed. */
  writes = 0;

  /** The stored header and records (copies), or null before the first write. */
  load(): StoredRecords | null {
    return this.#header === null ? null : { header: this.#header, records: new Map(this.#records) };
  }

  /** Apply one step's changes. */
  write(changes: DocumentChanges): void {
    if (changes.replace) this.#records.clear();
    if (changes.header !== null) {
      this.#header = changes.header;
      this.bytesWritten += utf8Length(changes.header);
    }
    for (const id of changes.remove) this.#records.delete(id);
    for (const [id, record] of changes.put) {
      this.#records.set(id, record);
      this.bytesWritten += utf8Length(record);
    }
    this.writes += 1;
  }

  /** How many records are stored. */
  get size(): number {
    return this.#records.size;
  }

  /** Storage holds secrets in clear: it never serializes into logs or traces. */
  toJSON(): { writes: number; records: number } {
    return { writes: this.writes, records: this.#records.size };
  }
}
