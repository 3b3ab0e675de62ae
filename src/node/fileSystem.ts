import { mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';

/**
 * The few file operations the file storage needs, in one place: the real ones below, and a
 * test's own that fails where a disk fails (full, interrupted) without mocking node:fs.
 */
export interface StoreFileSystem {
  /** Create the directory (and its parents) if it is missing, private to the user. */
  makeDirectory(directory: string): Promise<void>;
  /** The names in the directory. */
  list(directory: string): Promise<string[]>;
  /** The file's text, or null when there is no such file. */
  read(path: string): Promise<string | null>;
  /** Replace the file at once: a crash leaves the old text or the new, never a mix (temporary file, fsync, rename). */
  writeAtomically(path: string, text: string): Promise<void>;
  /** Delete the file; one already gone is fine. */
  remove(path: string): Promise<void>;
  /** Make the directory's renames and deletions durable (fsync on the directory). */
  syncDirectory(directory: string): Promise<void>;
}

/** Files hold credentials (activation codes): only their owner reads them. */
const PRIVATE_FILE = 0o600;
const PRIVATE_DIRECTORY = 0o700;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** The real file system, through write-file-atomic for every replacement. */
export const nodeFileSystem: StoreFileSystem = {
  async makeDirectory(directory) {
    await mkdir(directory, { recursive: true, mode: PRIVATE_DIRECTORY });
  },
  list: (directory) => readdir(directory),
  read: (path) => readFile(path, 'utf8').catch((error: unknown) => (isMissing(error) ? null : Promise.reject(error))),
  writeAtomically: (path, text) => writeFileAtomic(path, text, { mode: PRIVATE_FILE, fsync: true }),
  remove: (path) => unlink(path).catch((error: unknown) => (isMissing(error) ? undefined : Promise.reject(error))),
  async syncDirectory(directory) {
    let handle;
    try {
      handle = await open(directory, 'r');
      await handle.sync();
    } catch (error) {
      // Windows cannot open or fsync a directory; its renames are durable without it.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
    } finally {
      await handle?.close();
    }
  },
};
