/**
 * The stack where a portal's call reached us, deep enough to reach the portal's own frame from
 * inside the simulator's diagnostics. Shared by lint-portal (node:vm) and the test-portal agent
 * (bundled into the page): both read the portal's file and line from it.
 */
const STACK_DEPTH = 80;

/** The current stack, up to 80 frames, whatever `Error.stackTraceLimit` the page set. */
export function stackHere(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_DEPTH;
  try {
    return new Error('at the call').stack ?? '';
  } finally {
    Error.stackTraceLimit = limit;
  }
}
