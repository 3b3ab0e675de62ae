import { markChanged } from './changes';
import { own, setOwn } from './records';
import type { CoreState, FinishedRecord } from './state';

/*
 * Finished operations are kept up to `config.retainFinished`, the ones that finished first
 * dropped first (decision D63). The order is each record's `sequence`, never the map's key
 * order: object keys that read as integers are listed first, whatever was added when.
 */

/**
 * Keep `record` as the newest finished operation, dropping the oldest past the configured
 * number. One pass over the kept records (at most `retainFinished` + 1) finds the next
 * sequence number and the oldest. Returns the record as kept (with its sequence).
 */
export function keepFinished(state: CoreState, record: Omit<FinishedRecord, 'sequence'>): FinishedRecord {
  const finished = state.finished;
  let count = 0;
  let newest = -1;
  for (const id in finished) {
    count += 1;
    newest = Math.max(newest, finished[id]!.sequence);
  }
  // An id finishes once (a finished id is never reused), so it is always a new entry; counted as one only if so.
  if (own(finished, record.id) === undefined) count += 1;
  const kept: FinishedRecord = { ...record, sequence: newest + 1 };
  setOwn(finished, record.id, kept);
  markChanged(state, record.id);
  for (; count > state.config.retainFinished; count -= 1) {
    const oldest = oldestOf(finished);
    delete finished[oldest];
    markChanged(state, oldest);
  }
  return kept;
}

function oldestOf(finished: CoreState['finished']): string {
  let oldest = '';
  let lowest = Number.POSITIVE_INFINITY;
  for (const id in finished) {
    const sequence = finished[id]!.sequence;
    if (sequence < lowest) [oldest, lowest] = [id, sequence];
  }
  return oldest;
}
