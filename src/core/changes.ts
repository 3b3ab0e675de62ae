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
// The id marked last in the set being collected (null: none yet).
let lastMarked: string | null = null;

/** Note that the records of `operationId` (live, finished or gone) may differ from the last ones written. */
export function markChanged(state: CoreState, operationId: string): void {
  // The same id is marked several times a step (the operation, then each of its commands): once is enough.
  // Stryker disable next-line ConditionalExpression: equivalent; a shortcut, adding an id to a set twice keeps it once
  if (state === markingState && operationId !== lastMarked) {
    marking!.add(operationId);
    lastMarked = operationId;
  }
}

// What was being collected before each step still running inside another (never, in practice): a
// stack used only then, so that a step alone stores nothing but the two slots.
const outerStates: CoreState[] = [];
const outerSets: Set<string>[] = [];

/**
 * Collect into `changed` the ids marked on `state` until {@link stopChanges}, which must be
 * called in a `finally` (a step inside another, on another state, gives the outer one back).
 */
export function startChanges(state: CoreState, changed: Set<string>): void {
  // Stryker disable next-line ConditionalExpression: equivalent; pushing the empty slots pops them back as they were
  if (markingState !== null) {
    outerStates.push(markingState);
    outerSets.push(marking!);
  }
  markingState = state;
  marking = changed;
  lastMarked = null;
}

/** Stop collecting: what was collected before the last {@link startChanges} is collected again. */
export function stopChanges(): void {
  markingState = outerStates.pop() ?? null;
  marking = outerSets.pop() ?? null;
  lastMarked = null;
}
