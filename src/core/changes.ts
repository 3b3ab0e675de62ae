import type { CoreState } from './state';

/*
 * Which operations a step changed, so that a host can write only their records (decision D35).
 * A side table keyed by the state, like the LPA queue's counts: derived, never persisted, and
 * pure (no I/O, no clock). Over-marking is harmless (a record written again unchanged); a
 * missed mark is not, so step marks every id its input or its commands name, and `advance`
 * marks the operation it moves.
 */

const changed = new WeakMap<CoreState, Set<string>>();

/** Note that the records of `operationId` (live, finished or gone) may differ from the last ones written. */
export function markChanged(state: CoreState, operationId: string): void {
  let ids = changed.get(state);
  if (ids === undefined) changed.set(state, (ids = new Set()));
  ids.add(operationId);
}

/**
 * The ids marked since the last call, and forget them.
 *
 * @param state - the state the steps ran on
 * @returns the operation ids whose records may have changed (live, finished or removed)
 * @example
 * const { state: next } = step(state, input);
 * for (const id of takeChanged(next)) write(id);
 */
export function takeChanged(state: CoreState): ReadonlySet<string> {
  const ids = changed.get(state);
  if (ids === undefined) return EMPTY;
  changed.delete(state);
  return ids;
}

const EMPTY: ReadonlySet<string> = new Set();
