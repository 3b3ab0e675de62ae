import type { CliIo } from '../io';

/** What every command gets from `run`: where to write, and how to set the exit code. */
export interface CommandContext {
  readonly io: CliIo;
  /** Set the exit code of this run (the last call wins). */
  setExitCode(code: number): void;
}
