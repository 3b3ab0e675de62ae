/*
 * How a document of an older format becomes today's, one version at a time. A migration gets
 * whatever storage held (only the version is known to be a number): it changes what it
 * recognizes and leaves the rest for the schema to check and quarantine, and never throws.
 */

/** Turns a document of version N into one of version N + 1. */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

/**
 * The migrations from every older version this code still reads, by the version they start
 * from. A format change adds `N: (vN) => vN+1` here and bumps `STATE_VERSION`.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({ 1: finishedInSequence });

/**
 * Version 1 → 2: each finished record gets its `sequence` (decision D64). Version 1 kept the
 * order only in the map's key order, which lists integer-like ids first; the finish time
 * (`report.endedAt`) is the better witness, so records are numbered by it, and by their stored
 * order where it ties or is missing.
 */
function finishedInSequence(document: Record<string, unknown>): Record<string, unknown> {
  const finished = document['finished'];
  if (typeof finished !== 'object' || finished === null || Array.isArray(finished)) return { ...document, version: 2 };
  const entries = Object.entries(finished as Record<string, unknown>).map(([id, record]) => ({ id, record, at: endedAt(record) }));
  // A stable sort (ES2019): ties keep their stored order (-Infinity - -Infinity is NaN, which sort takes as a tie).
  entries.sort((a, b) => a.at - b.at);
  const numbered = Object.create(null) as Record<string, unknown>;
  entries.forEach(({ id, record }, sequence) => {
    // Not a record: kept as it is, for the schema to quarantine.
    numbered[id] = typeof record === 'object' && record !== null && !Array.isArray(record) ? { ...record, sequence } : record;
  });
  return { ...document, version: 2, finished: numbered };
}

/** A record's finish time, or -Infinity when it has none (it sorts first, by its stored place). */
function endedAt(record: unknown): number {
  const at = (record as { report?: { endedAt?: unknown } } | null)?.report?.endedAt;
  // Stryker disable next-line ConditionalExpression: equivalent; Number.isFinite is false for every non-number, the typeof narrows the type
  return typeof at === 'number' && Number.isFinite(at) ? at : Number.NEGATIVE_INFINITY;
}
