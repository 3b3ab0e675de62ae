import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/commands';
import { keepFinished, orderFinished } from '../../src/core/retention';
import { createState, type FinishedRecord } from '../../src/core/state';

/* Keeping finished operations and rebuilding their order (decision D64), called directly. */

function reportFor(id: string): Report {
  return { operationId: id, transactionId: null, flow: 'cancelledPurchase', entryPoint: 'e', outcome: 'cancelled', activationResult: null, metadata: {}, diagnostics: [], activationCode: null, iccid: null, registrationState: null, callbacks: [], startedAt: 0, endedAt: 0 } as unknown as Report;
}

function record(id: string, sequence: number): FinishedRecord {
  return { id, flow: 'cancelledPurchase', value: 'cancelled', report: reportFor(id), sequence };
}

describe('keepFinished', () => {
  it('moves an id that finishes again to the newest place, listed once', () => {
    const state = createState();
    keepFinished(state, { id: 'a', flow: 'cancelledPurchase', value: 'cancelled', report: reportFor('a') });
    keepFinished(state, { id: 'b', flow: 'cancelledPurchase', value: 'cancelled', report: reportFor('b') });
    keepFinished(state, { id: 'a', flow: 'cancelledPurchase', value: 'cancelled', report: reportFor('a') });
    expect(state.finishedOrder).toEqual(['b', 'a']);
    expect(state.finished['a']!.sequence).toBe(2);
  });
});

describe('orderFinished', () => {
  it('breaks ties of sequence by id, whatever order the map lists them in', () => {
    for (const ids of [['c', 'b', 'a'], ['a', 'c', 'b'], ['b', 'a', 'c']]) {
      const state = createState();
      for (const id of ids) state.finished[id] = record(id, 1);
      state.finished['z'] = record('z', 0);
      orderFinished(state);
      expect(state.finishedOrder).toEqual(['z', 'a', 'b', 'c']);
    }
  });
});
