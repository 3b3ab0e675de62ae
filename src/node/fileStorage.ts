import { join } from 'node:path';
import type { DocumentChanges, StoredRecords } from '../core/storedRecords';
import type { StorageEffects } from '../host/effects';
import { FileStorageError } from './fileStorageError';
import { nodeFileSystem, type StoreFileSystem } from './fileSystem';
import { entryOf, journalText, parseJournal, type JournalEntry } from './journal';
import { HEADER_FILE, isLeftoverTemporary, JOURNAL_FILE, operationIdOf, recordFileName } from './storeLayout';

/** The file storage: `StorageEffects` with `load` and `write` (no `save`). */
export interface FileStorage extends StorageEffects {
  /** What was stored last: the header and every record, or null before the first write. */
  load(): Promise<StoredRecords | null>;
  /** Apply one step's changes, all or nothing; resolves once they are durable, rejects when none of them is. */
  write(changes: DocumentChanges): Promise<void>;
}

/** How many files one write replaces at the same time. */
const PARALLEL_FILES = 8;

/**
 * Incremental storage in a directory (decision D35's header and records, as files): `header.json`,
 * one `record.<operation id>.json` per operation, each replaced atomically with write-file-atomic
 * (temporary file, fsync, rename) and created `0600` (records hold activation codes) in a `0700`
 * directory. A write that touches one file is that one atomic replacement. A write that touches
 * several is first written whole to `journal.json` (atomically, then the directory is synced):
 * from then on it has happened, and applying it to the files is repeated, at the next write or
 * at the next start, until it is complete. So a crash at any moment leaves the document as the
 * last write that resolved left it, or as the one in flight left it, never a mix.
 *
 * One host per directory: the storage keeps no lock, and two processes writing it would undo
 * each other's changes.
 *
 * @param directory - where the files live; created on first use
 * @example
 * const host = createHost({ effects: { ...effects, storage: fileStorage('/var/lib/app/mobile-plans') } });
 * await host.start();
 */
export function fileStorage(directory: string): FileStorage {
  return createFileStorage(directory, nodeFileSystem);
}

/** {@link fileStorage} on any file system (tests give one that fails where a disk fails). */
export function createFileStorage(directory: string, files: StoreFileSystem): FileStorage {
  const journalPath = join(directory, JOURNAL_FILE);
  const headerPath = join(directory, HEADER_FILE);
  /** A journal on disk whose changes are not all applied yet. */
  let unapplied: JournalEntry | null = null;
  let recovered: Promise<void> | null = null;
  /**
   * What each file holds, as this storage last read or wrote it: a file whose new text is the
   * same is not written again (the first write after a start puts every record, mostly unchanged).
   * A file is forgotten before it is written, so a failed write is never taken for done.
   */
  const onDisk = new Map<string, string>();
  /** Writes run one after another, in the order they were given. */
  let queue: Promise<unknown> = Promise.resolve();

  const recordPath = (operationId: string): string => {
    const name = recordFileName(operationId);
    if (name === null) throw new FileStorageError('operationIdTooLong', directory, `the operation id ${JSON.stringify(operationId.slice(0, 40))}… is too long to name a record file`);
    return join(directory, name);
  };

  /** Once per storage, before its first load or write: clear what a killed process left. */
  function recover(): Promise<void> {
    recovered ??= (async () => {
      await files.makeDirectory(directory);
      for (const name of await files.list(directory)) if (isLeftoverTemporary(name)) await files.remove(join(directory, name));
      const text = await files.read(journalPath);
      if (text === null) return;
      const entry = parseJournal(text);
      if (entry === null) throw new FileStorageError('journalUnreadable', journalPath, `${journalPath} is not a journal of this storage (damaged outside it?): move it aside to start from the header and records as they are`);
      unapplied = entry;
      await finishJournal();
    })().catch((error: unknown) => {
      recovered = null; // the next load or write tries again
      throw error;
    });
    return recovered;
  }

  /** Apply the journal's changes to the files, then drop the journal. Repeatable. */
  async function finishJournal(): Promise<void> {
    const entry = unapplied!;
    await applyEntry(entry);
    await files.remove(journalPath);
    await files.syncDirectory(directory);
    unapplied = null;
  }

  async function applyEntry(entry: JournalEntry): Promise<void> {
    await runPlan(await planOf(entry));
  }

  /** What bringing the files up to the entry takes: one task per file that differs. */
  async function planOf(entry: JournalEntry): Promise<Array<() => Promise<void>>> {
    const kept = new Set(entry.put.map(([id]) => id));
    const removed = new Set(entry.remove);
    if (entry.replace) for (const id of await storedIds()) if (!kept.has(id)) removed.add(id);
    const tasks: Array<() => Promise<void>> = [];
    const replaceFile = (path: string, text: string): void => {
      if (onDisk.get(path) === text) return;
      tasks.push(async () => {
        onDisk.delete(path);
        await files.writeAtomically(path, text);
        onDisk.set(path, text);
      });
    };
    if (entry.header !== null) replaceFile(headerPath, entry.header);
    for (const [id, record] of entry.put) replaceFile(recordPath(id), record);
    for (const id of removed) {
      if (kept.has(id)) continue;
      const path = recordPath(id);
      tasks.push(async () => {
        onDisk.delete(path);
        await files.remove(path);
      });
    }
    return tasks;
  }

  async function runPlan(tasks: ReadonlyArray<() => Promise<void>>): Promise<void> {
    if (tasks.length === 0) return; // nothing differs from the files: no rename to make durable
    await inParallel(tasks, PARALLEL_FILES);
    await files.syncDirectory(directory);
  }

  async function storedIds(): Promise<string[]> {
    return (await files.list(directory)).map(operationIdOf).filter((id): id is string => id !== null);
  }

  async function write(entry: JournalEntry): Promise<void> {
    for (const [id] of entry.put) recordPath(id); // an id that cannot be a file name fails the write before anything is written
    for (const id of entry.remove) recordPath(id);
    await recover();
    // A journal whose application failed earlier: it happened, so it is finished before anything after it.
    if (unapplied !== null) await finishJournal();
    const plan = await planOf(entry);
    if (plan.length <= 1) return runPlan(plan); // one rename (or none) is all or nothing already
    await files.writeAtomically(journalPath, journalText(entry));
    await files.syncDirectory(directory);
    // Durable from here: a failure while applying leaves the journal to finish later, and the write has happened.
    unapplied = entry;
    await finishJournal().catch(() => {});
  }

  return {
    async load() {
      await (queue = queue.catch(() => {}).then(recover));
      onDisk.clear();
      const header = await files.read(headerPath);
      if (header !== null) onDisk.set(headerPath, header);
      const records = new Map<string, string>();
      for (const name of await files.list(directory)) {
        const id = operationIdOf(name);
        if (id === null) continue;
        const path = join(directory, name);
        const record = await files.read(path);
        if (record === null) continue;
        records.set(id, record);
        onDisk.set(path, record);
      }
      if (header === null && records.size === 0) return null;
      // Records without a header are not a document: the host quarantines them whole.
      return { header: header ?? '', records };
    },
    write(changes) {
      const entry = entryOf(changes); // copied now: the host's objects change after this call
      if (typeof entry === 'string') return Promise.reject(new FileStorageError('invalidChanges', directory, `fileStorage.write: ${entry}`));
      const written = queue.catch(() => {}).then(() => write(entry));
      queue = written;
      return written;
    },
  };
}

/** Run the tasks, at most `limit` at a time; rejects with the first failure once all have ended. */
async function inParallel(tasks: ReadonlyArray<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await task().catch((error: unknown) => void failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  if (failures.length > 0) throw failures[0];
}
