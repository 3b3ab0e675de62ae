import { describe, expect, it } from 'vitest';
import { cloneState, createState, step, type CoreState, type PortalCall } from '../../src/core/index';

/* Finished operations are kept (for listing and late cancels) up to `retainFinished`, oldest dropped first. */

const cancelled: PortalCall = { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} };

function finishOne(state: CoreState, now: number): CoreState {
  const { state: next, reply } = step(state, { type: 'portal.call', now, call: cancelled });
  expect(reply).toMatchObject({ type: 'operation', created: true });
  return next;
}

describe('finished operations', () => {
  it('keeps the newest retainFinished of them, dropping the oldest first', () => {
    let state = createState({ retainFinished: 2 });
    for (let i = 0; i < 5; i++) state = finishOne(state, i);
    expect(Object.keys(state.finished)).toEqual(['op-4', 'op-5']);
    expect(state.operations).toEqual({});
  });

  it('keeps dropping in order in a copy of the document (a restore or a clone)', () => {
    let state = createState({ retainFinished: 3 });
    for (let i = 0; i < 3; i++) state = finishOne(state, i);
    let copy = cloneState(state);
    for (let i = 3; i < 5; i++) copy = finishOne(copy, i);
    expect(Object.keys(copy.finished)).toEqual(['op-3', 'op-4', 'op-5']);
    expect(Object.keys(state.finished)).toEqual(['op-1', 'op-2', 'op-3']);
  });
});
