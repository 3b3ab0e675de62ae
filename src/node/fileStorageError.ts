/** Why the file storage refused or could not finish: each names what to do about it. */
export type FileStorageErrorCode =
  /** `journal.json` is not a journal this storage wrote (damaged outside it): move it aside to start from the files as they are. */
  | 'journalUnreadable'
  /** `write` was given something that is not a `DocumentChanges`. */
  | 'invalidChanges'
  /** An operation id too long to be a file name (the host's ids are at most 120 characters). */
  | 'operationIdTooLong';

/**
 * An error of the file storage, with a code to act on and the path concerned. Operating-system
 * errors (a full disk, a missing permission) are passed on as Node gives them.
 */
export class FileStorageError extends Error {
  /** What went wrong. */
  readonly code: FileStorageErrorCode;
  /** The file or directory concerned. */
  readonly path: string;

  /**
   * @param code - what went wrong
   * @param path - the file or directory concerned
   * @param message - what happened and what to do
   */
  constructor(code: FileStorageErrorCode, path: string, message: string) {
    super(message);
    this.name = 'FileStorageError';
    this.code = code;
    this.path = path;
  }
}
