import type { CoreState } from './state';

/*
 * Which operations a step changed, so that a host can write only their records (decision D35).
 * Over-marking is harmless (a record written again unchanged); a missed mark is not, so step
 * marks every id its input or its commands name, and `advance` marks the operation it moves.
 * The marks are the step's output (`StepResult.changed`), not state: the set exists only while
 * `step` runs on a state (decision D65).
 */

// Not state: the set of the step running now and the state it runs on (null between steps). A
// module slot rather than a table keyed by the state: `markChanged` runs several times per event.
let markingState: CoreState | null = null;
let marking: Set<string> | null = null;

/** Note that the records of `operationId` (live, finished or gone) may differ from the last ones written. */
export function markChanged(state: CoreState, operationId: string): void {
  if (state === markingState) marking!.add(operationId);
}

/** What was being collected before a {@link startChanges}: given back to {@link stopChanges}. */
export interface OuterChanges {
  readonly state: CoreState | null;
  readonly changed: Set<string> | null;
}

/**
 * Collect into `changed` the ids marked on `state` until {@link stopChanges}; call that in a
 * `finally`, with what this returned (a step inside another, on another state, gives it back).
 */
export function startChanges(state: CoreState, changed: Set<string>): OuterChanges {
  const outer: OuterChanges = { state: markingState, changed: marking };
  markingState = state;
  marking = changed;
  return outer;
}

/** Stop collecting: what was collected before {@link startChanges} is collected again. */
export function stopChanges(outer: OuterChanges): void {
  markingState = outer.state;
  marking = outer.changed;
}
