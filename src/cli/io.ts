/** Where a CLI run writes: the process's streams, or a test's buffers. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes: 0 done, 1 the run found a problem (lint errors, a flow that did not finish), 2 bad arguments. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/**
 * A mistake in the command line that commander's own checks cannot see (an option that does
 * not fit the chosen flow). The CLI prints its message and exits with {@link EXIT}.usage.
 */
export class UsageError extends Error {
  /** @param message - what to fix, in one sentence */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The process's own streams. */
export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};
