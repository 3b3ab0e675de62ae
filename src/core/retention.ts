import { markChanged } from './changes';
import { own, setOwn } from './records';
import type { CoreState, FinishedRecord } from './state';

/*
 * Finished operations are kept up to `config.retainFinished`, the ones that finished first
 * dropped first (decision D64). The order is each record's `sequence`, never the map's key
 * order: object keys that read as integers are listed first, whatever was added when.
 * `finishedOrder` indexes the same order, oldest first, so a finish needs no scan.
 */

/**
 * Keep an operation that just finished, its report not yet delivered, as the newest finished
 * one, dropping the oldest past the configured number. Returns the record as kept.
 */
export function keepFinished(state: CoreState, record: Pick<FinishedRecord, 'id' | 'flow' | 'value' | 'report'>): FinishedRecord {
  const order = state.finishedOrder;
  // Stryker disable next-line ConditionalExpression: equivalent; with no order there is no record, so the lookup of a missing key gives undefined too
  const newest = order.length === 0 ? undefined : state.finished[order[order.length - 1]!];
  // One literal, every record alike: the loops over finished records (portal updates) stay monomorphic.
  const kept: FinishedRecord = { id: record.id, flow: record.flow, value: record.value, report: record.report, reportPending: true, sequence: newest === undefined ? 0 : newest.sequence + 1 };
  // A new operation never takes a finished id; should one finish again anyway, it leaves its old place.
  if (own(state.finished, record.id) !== undefined) order.splice(order.indexOf(record.id), 1);
  setOwn(state.finished, record.id, kept);
  order.push(record.id);
  markChanged(state, record.id);
  while (order.length > state.config.retainFinished) {
    const oldest = order.shift()!;
    delete state.finished[oldest];
    markChanged(state, oldest);
  }
  return kept;
}

/** Rebuild `finishedOrder` from the records' sequences (after a restore), ties by id so it never depends on key order. */
export function orderFinished(state: CoreState): void {
  const records = Object.values(state.finished);
  // Ids are the map's keys: two records never share one, so a tie of ids needs no case.
  // Stryker disable next-line EqualityOperator: equivalent; `<=` is `<` for ids that never tie (`>=` reverses the order and is killed too)
  records.sort((a, b) => a.sequence - b.sequence || (a.id < b.id ? -1 : 1));
  state.finishedOrder = records.map((r) => r.id);
}
