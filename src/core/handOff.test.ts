import { describe, expect, it } from 'vitest';
import type { PortalCall } from './inputs';
import { createState } from './state';
import { step } from './step';

const cancelled: PortalCall = { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Cancelled', planName: '' } };
const delayed: PortalCall = { kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: {}, activationCode: '1$smdp.example.com$MATCH-ABC-1', downloadDelay: 60 };

describe('the id of a new operation', () => {
  it('is the one the host drew, made unique with a suffix when a record holds it', () => {
    const state = createState();
    expect(step(state, { type: 'portal.call', now: 0, call: delayed, newOperationId: 'op-x' }).reply).toMatchObject({ operationId: 'op-x' });
    expect(step(state, { type: 'portal.call', now: 0, call: cancelled, newOperationId: 'op-x' }).reply).toMatchObject({ operationId: 'op-x-2' });
    expect(step(state, { type: 'portal.call', now: 0, call: cancelled, newOperationId: 'op-x' }).reply).toMatchObject({ operationId: 'op-x-3' });
  });

  it('skips the op-N ids records hold when nextOperationNumber lags behind them', () => {
    const state = createState();
    step(state, { type: 'portal.call', now: 0, call: delayed });
    step(state, { type: 'portal.call', now: 0, call: cancelled });
    state.nextOperationNumber = 1; // as a document saved by a buggy writer may have it
    const replies = [1, 2].map(() => step(state, { type: 'portal.call', now: 0, call: cancelled }).reply);
    expect(replies).toEqual([
      { type: 'operation', operationId: 'op-3', created: true },
      { type: 'operation', operationId: 'op-4', created: true },
    ]);
  });

  it('ignores a drawn id that is not one (too long, or a name like __proto__)', () => {
    const state = createState();
    expect(step(state, { type: 'portal.call', now: 0, call: cancelled, newOperationId: '__proto__' }).reply).toMatchObject({ operationId: 'op-1' });
    expect(step(state, { type: 'portal.call', now: 0, call: cancelled, newOperationId: 'x'.repeat(200) }).reply).toMatchObject({ operationId: 'op-2' });
  });
});
