import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/*
 * A full garbage collection before each measured task, so that one task does not pay for the
 * garbage (or the heap growth) of the task before it. Enabled at run time, so the bench needs
 * no node flags.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Collect garbage now (full, synchronous). */
export function collectGarbage(): void {
  gc();
}
