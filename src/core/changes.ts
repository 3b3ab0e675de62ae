import type { CoreState } from './state';

/*
 * Which operations a step changed, so that a host can write only their records (decision D35).
 * Over-marking is harmless (a record written again unchanged); a missed mark is not, so step
 * marks every id its input or its commands name, and `advance` marks the operation it moves.
 * The marks are the step's output (`StepResult.changed`), not state: the set exists only while
 * `step` runs on a state (decision D65).
 */

// Not state: a scratch for the step running on each state, removed before that step returns (empty between calls).
const marking = new WeakMap<CoreState, Set<string>>();

/** Note that the records of `operationId` (live, finished or gone) may differ from the last ones written. */
export function markChanged(state: CoreState, operationId: string): void {
  marking.get(state)?.add(operationId);
}

/**
 * Run `work` on `state`, collecting the ids it marks.
 *
 * @param state - the state the step runs on
 * @param work - the step itself
 * @returns what `work` returned, and the ids whose records may have changed (live, finished or removed)
 */
export function collectChanges<T>(state: CoreState, work: () => T): { result: T; changed: ReadonlySet<string> } {
  const changed = new Set<string>();
  marking.set(state, changed);
  try {
    return { result: work(), changed };
  } finally {
    marking.delete(state);
  }
}
