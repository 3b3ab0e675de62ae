import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentChanges, StoredRecords } from '../core/storedRecords';
import { createFileStorage, fileStorage } from './fileStorage';
import { FileStorageError } from './fileStorageError';
import { nodeFileSystem, type StoreFileSystem } from './fileSystem';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function freshDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'file-storage-'));
  directories.push(directory);
  return join(directory, 'store'); // not there yet: the storage creates it
}

function changes(part: { replace?: boolean; header?: string; put?: Record<string, string>; remove?: string[] }): DocumentChanges {
  return { replace: part.replace ?? false, header: part.header ?? null, put: new Map(Object.entries(part.put ?? {})), remove: part.remove ?? [] };
}

function asObject(loaded: StoredRecords | null): { header: string; records: Record<string, string> } | null {
  if (loaded === null) return null;
  return { header: loaded.header, records: Object.fromEntries(loaded.records instanceof Map ? loaded.records : Object.entries(loaded.records)) };
}

/** The real file system until `crashAt` says stop: from then every call fails, as if the process died there. */
function crashingFileSystem(crashAt: (call: string, path: string) => boolean): StoreFileSystem & { crashed: boolean } {
  const files = { crashed: false } as StoreFileSystem & { crashed: boolean };
  for (const [name, operation] of Object.entries(nodeFileSystem) as Array<[keyof StoreFileSystem, (...args: never[]) => Promise<unknown>]>) {
    (files as unknown as Record<string, unknown>)[name] = async (...args: never[]) => {
      if (files.crashed || crashAt(name, String(args[0]))) {
        files.crashed = true;
        throw new Error(`simulated crash at ${name} ${String(args[0])}`);
      }
      return operation(...args);
    };
  }
  return files;
}

const BASE = { replace: true, header: '{"v":1}', put: { 'op-1': '{"live":1}', 'op-2': '{"live":2}' } };
/** Three files at once: the header and two records. */
const NEXT = { header: '{"v":2}', put: { 'op-1': '{"live":"1b"}', 'op-3': '{"live":3}' }, remove: ['op-2'] };
const AFTER_NEXT = { header: '{"v":2}', records: { 'op-1': '{"live":"1b"}', 'op-3': '{"live":3}' } };
const AFTER_BASE = { header: '{"v":1}', records: { 'op-1': '{"live":1}', 'op-2': '{"live":2}' } };

describe('fileStorage', () => {
  it('loads null before the first write, then the header and records as written', async () => {
    const directory = freshDirectory();
    const storage = fileStorage(directory);
    expect(await storage.load()).toBeNull();
    await storage.write(changes(BASE));
    expect(asObject(await fileStorage(directory).load())).toEqual(AFTER_BASE);
    await storage.write(changes(NEXT));
    expect(asObject(await fileStorage(directory).load())).toEqual(AFTER_NEXT);
  });

  it('replace drops every record it does not put', async () => {
    const directory = freshDirectory();
    const storage = fileStorage(directory);
    await storage.write(changes(BASE));
    await storage.write(changes({ replace: true, header: '{"v":9}', put: { 'op-9': '{}' } }));
    expect(asObject(await fileStorage(directory).load())).toEqual({ header: '{"v":9}', records: { 'op-9': '{}' } });
  });

  it('creates the directory 0700 and every file 0600 (records hold activation codes), and leaves no journal behind', async () => {
    const directory = freshDirectory();
    await fileStorage(directory).write(changes(BASE));
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    const names = readdirSync(directory).sort();
    expect(names).toEqual(['header.json', 'record.op-1.json', 'record.op-2.json']);
    for (const name of names) expect(statSync(join(directory, name)).mode & 0o777).toBe(0o600);
  });

  it('names record files so that ids differing only in case, or holding ":" and "/", stay apart and come back', async () => {
    const directory = freshDirectory();
    const ids = ['op-A', 'op-a', 'urn:op:1', '../escape', 'op.é'];
    await fileStorage(directory).write(changes({ replace: true, header: '{}', put: Object.fromEntries(ids.map((id) => [id, JSON.stringify(id)])) }));
    expect(readdirSync(directory).every((name) => !/[A-Z:/]/.test(name))).toBe(true);
    expect(asObject(await fileStorage(directory).load())?.records).toEqual(Object.fromEntries(ids.map((id) => [id, JSON.stringify(id)])));
  });

  describe('a crash at any moment leaves the last write or the one in flight, never a mix', () => {
    it('killed after the journal, before any file was applied: the next start applies it', async () => {
      const directory = freshDirectory();
      await fileStorage(directory).write(changes(BASE));
      const dying = createFileStorage(directory, crashingFileSystem((call, path) => call === 'writeAtomically' && !path.endsWith('journal.json')));
      await dying.write(changes(NEXT)).catch(() => {});
      expect(readdirSync(directory)).toContain('journal.json');
      expect(asObject(await fileStorage(directory).load())).toEqual(AFTER_NEXT);
      expect(readdirSync(directory)).not.toContain('journal.json');
    });

    it('killed halfway through applying (the header done, a record not): the next start finishes it', async () => {
      const directory = freshDirectory();
      await fileStorage(directory).write(changes(BASE));
      const dying = createFileStorage(directory, crashingFileSystem((call, path) => call === 'writeAtomically' && path.endsWith('record.op-3.json')));
      await dying.write(changes(NEXT)).catch(() => {});
      expect(readFileSync(join(directory, 'header.json'), 'utf8')).toBe('{"v":2}'); // the torn state is on disk...
      expect(asObject(await fileStorage(directory).load())).toEqual(AFTER_NEXT); // ...and never seen
    });

    it('killed while writing the journal: the write never happened, and its temporary file is cleared', async () => {
      const directory = freshDirectory();
      await fileStorage(directory).write(changes(BASE));
      writeFileSync(join(directory, 'journal.json.3141592'), '{"format":"mobile-plans-fulfil'); // what write-file-atomic leaves when killed
      writeFileSync(join(directory, 'record.op-1.json.2718281'), '{"li');
      const dying = createFileStorage(directory, crashingFileSystem((call, path) => call === 'writeAtomically' && path.endsWith('journal.json')));
      await expect(dying.write(changes(NEXT))).rejects.toThrow(/simulated crash/);
      expect(asObject(await fileStorage(directory).load())).toEqual(AFTER_BASE);
      expect(readdirSync(directory).sort()).toEqual(['header.json', 'record.op-1.json', 'record.op-2.json']);
    });

    it('a write of one file needs no journal: one rename is all or nothing', async () => {
      const directory = freshDirectory();
      await fileStorage(directory).write(changes(BASE));
      const seen: string[] = [];
      const files = crashingFileSystem((call, path) => seen.push(`${call} ${path.slice(directory.length + 1)}`) < 0);
      await createFileStorage(directory, files).write(changes({ put: { 'op-2': '{"live":"2b"}' } }));
      expect(seen.filter((line) => line.startsWith('writeAtomically'))).toEqual(['writeAtomically record.op-2.json']);
    });
  });

  it('writes only the files whose text changed (the first write after a start puts every record again)', async () => {
    const directory = freshDirectory();
    await fileStorage(directory).write(changes(BASE));
    const seen: string[] = [];
    const files = crashingFileSystem((call, path) => seen.push(`${call} ${path.slice(directory.length + 1)}`) < 0);
    const restarted = createFileStorage(directory, files);
    await restarted.load();
    await restarted.write(changes({ replace: true, header: '{"v":1}', put: { 'op-1': '{"live":1}', 'op-2': '{"live":"2b"}' } }));
    expect(seen.filter((line) => /writeAtomically|remove/.test(line))).toEqual(['writeAtomically record.op-2.json']);
    expect(asObject(await fileStorage(directory).load())).toEqual({ header: '{"v":1}', records: { 'op-1': '{"live":1}', 'op-2': '{"live":"2b"}' } });
  });

  describe('a disk that fails', () => {
    it('a write that rejects (disk full) changed nothing, and the same write again succeeds', async () => {
      const directory = freshDirectory();
      await fileStorage(directory).write(changes(BASE));
      let full = true;
      const files: StoreFileSystem = {
        ...nodeFileSystem,
        writeAtomically: (path, text) => (full ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) : nodeFileSystem.writeAtomically(path, text)),
      };
      const storage = createFileStorage(directory, files);
      await expect(storage.write(changes(NEXT))).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(asObject(await fileStorage(directory).load())).toEqual(AFTER_BASE);
      full = false;
      await storage.write(changes(NEXT));
      expect(asObject(await fileStorage(directory).load())).toEqual(AFTER_NEXT);
    });

    it('a failure after the journal is durable resolves (the write happened), and the next write finishes it first', async () => {
      const directory = freshDirectory();
      await fileStorage(directory).write(changes(BASE));
      let failRecords = true;
      const files: StoreFileSystem = {
        ...nodeFileSystem,
        writeAtomically: (path, text) => (failRecords && path.includes('record.') ? Promise.reject(new Error('EIO')) : nodeFileSystem.writeAtomically(path, text)),
      };
      const storage = createFileStorage(directory, files);
      await storage.write(changes(NEXT));
      expect(readdirSync(directory)).toContain('journal.json');
      failRecords = false;
      await storage.write(changes({ put: { 'op-4': '{"live":4}' } }));
      expect(asObject(await fileStorage(directory).load())).toEqual({ ...AFTER_NEXT, records: { ...AFTER_NEXT.records, 'op-4': '{"live":4}' } });
      expect(readdirSync(directory)).not.toContain('journal.json');
    });
  });

  describe('bad input and damaged files', () => {
    it('refuses changes that are not DocumentChanges with a typed error, writing nothing', async () => {
      const directory = freshDirectory();
      const storage = fileStorage(directory);
      const bad = { replace: false, header: null, put: { 'op-1': '{}' }, remove: [] } as unknown as DocumentChanges;
      await expect(storage.write(bad)).rejects.toEqual(expect.objectContaining({ name: 'FileStorageError', code: 'invalidChanges' }));
      await expect(storage.write(changes({ put: { 'op-1': 7 as unknown as string } }))).rejects.toBeInstanceOf(FileStorageError);
      expect(await storage.load()).toBeNull();
    });

    it('refuses an operation id too long to be a file name before writing anything', async () => {
      const directory = freshDirectory();
      const storage = fileStorage(directory);
      await storage.write(changes(BASE));
      await expect(storage.write(changes({ header: '{"v":2}', put: { ['X'.repeat(200)]: '{}' } }))).rejects.toMatchObject({ code: 'operationIdTooLong' });
      expect(asObject(await fileStorage(directory).load())).toEqual(AFTER_BASE);
    });

    it('a journal damaged outside the storage makes load reject with journalUnreadable (nothing is guessed)', async () => {
      const directory = freshDirectory();
      await fileStorage(directory).write(changes(BASE));
      writeFileSync(join(directory, 'journal.json'), '{"format":"something else"}');
      await expect(fileStorage(directory).load()).rejects.toMatchObject({ name: 'FileStorageError', code: 'journalUnreadable', path: join(directory, 'journal.json') });
    });

    it('a truncated record file is loaded as it is (the host quarantines it); records without a header are not a document', async () => {
      const directory = freshDirectory();
      await fileStorage(directory).write(changes(BASE));
      writeFileSync(join(directory, 'record.op-2.json'), '{"li');
      expect(asObject(await fileStorage(directory).load())?.records['op-2']).toBe('{"li');
      rmSync(join(directory, 'header.json'));
      expect(asObject(await fileStorage(directory).load())).toEqual({ header: '', records: { 'op-1': '{"live":1}', 'op-2': '{"li' } });
    });
  });
});
