import { describe, expect, it } from 'vitest';
import { startChanges, stopChanges } from '../../src/core/changes';
import type { Command, Report } from '../../src/core/commands';
import { deliverPortalUpdates, listenAfterConnect, PORTAL_UPDATES_AFTER_CONNECT, stopPortalUpdates } from '../../src/core/portalUpdates';
import { createState, type FinishedRecord } from '../../src/core/state';

/* The registration changes a finished inline download tells its open portal (decision D41), called directly. */

function finished(id: string, outcome: string, iccid: string | null): FinishedRecord {
  const report = { operationId: id, transactionId: null, flow: 'inlineDownload', entryPoint: 'e', outcome, activationResult: null, metadata: {}, diagnostics: [], activationCode: null, iccid, registrationState: null, callbacks: [], startedAt: 0, endedAt: 0 } as unknown as Report;
  return { id, flow: 'inlineDownload', value: outcome, report, sequence: 0 };
}

describe('listenAfterConnect', () => {
  it('listens only for a connected operation that has an ICCID', () => {
    const state = createState();
    const connected = finished('a', 'connected', '89882470000000000014');
    const failed = finished('b', 'failed', '89882470000000000014');
    const noIccid = finished('c', 'connected', null);
    for (const record of [connected, failed, noIccid]) listenAfterConnect(state, record);
    expect(connected.portalUpdatesLeft).toBe(PORTAL_UPDATES_AFTER_CONNECT);
    expect(failed).not.toHaveProperty('portalUpdatesLeft');
    expect(noIccid).not.toHaveProperty('portalUpdatesLeft');
  });
});

describe('deliverPortalUpdates', () => {
  it('delivers nothing while the portal is closed, even to a record still listening', () => {
    const state = createState();
    const record = { ...finished('a', 'connected', '89882470000000000014'), portalUpdatesLeft: 3 };
    state.finished['a'] = record;
    state.finishedOrder.push('a');
    state.portalOpen = false;
    const out: Command[] = [];
    expect(deliverPortalUpdates(state, '89882470000000000014', 'roaming', out)).toBe(false);
    expect(out).toEqual([]);
    expect(record.portalUpdatesLeft).toBe(3);
  });
});

describe('stopPortalUpdates', () => {
  it('marks changed only the records that were listening', () => {
    const state = createState();
    state.finished['a'] = { ...finished('a', 'connected', '89882470000000000014'), portalUpdatesLeft: 3 };
    state.finished['b'] = finished('b', 'failed', null);
    state.finishedOrder.push('a', 'b');
    const changed = new Set<string>();
    startChanges(state, changed);
    try {
      stopPortalUpdates(state);
    } finally {
      stopChanges();
    }
    expect([...changed]).toEqual(['a']);
    expect(state.finished['a']).not.toHaveProperty('portalUpdatesLeft');
  });
});
