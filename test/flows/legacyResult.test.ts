import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/core/inputs';
import { ACTIVATION_CODE, createWorld, operationIdOf, SECRET_MATCHING_ID } from '../support/world';

const purchaseResult = { userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'Complete', planName: '2GB Monthly' };
const notifyPurchaseResult = (payload: Json) => ({ kind: 'purchaseResult' as const, entryPoint: 'DataMart.notifyPurchaseResult', payload });

describe('legacy DataMart.notifyPurchaseResult', () => {
  it('downloads and connects a successful eSIM purchase', async () => {
    const world = await createWorld();
    world.host.launch('tx-42');
    const payload = JSON.stringify({ ver: '1', success: true, purchaseResult: JSON.stringify(purchaseResult), transactionId: 'tx-42', activationCode: ACTIVATION_CODE, iccid: '' });
    const id = operationIdOf(world.call(notifyPurchaseResult(payload)));
    await world.advance(1);
    expect(world.commandTypes(id)[0]).toBe('ui.returnToApp');
    expect(world.reports()).toMatchObject([{ flow: 'legacyResult', outcome: 'connected', transactionId: 'tx-42', diagnostics: [] }]);
  });

  it('treats a success with an ICCID only as a balance addition (key spelled Iccid, purchaseResult as an object)', async () => {
    const world = await createWorld({ device: { profiles: [{ iccid: '8988247000101997790', enabled: true }] } });
    const payload = JSON.stringify({ ver: '1', success: true, purchaseResult, transactionId: 'tx-1', Iccid: '8988247000101997790' });
    world.call(notifyPurchaseResult(payload));
    expect(world.reports()).toMatchObject([{ outcome: 'balanceAdded', iccid: '8988247000101997790' }]);
  });

  it('treats an abandoned purchase as a cancelled purchase', async () => {
    const world = await createWorld();
    const bailed = { userAccount: 'Bailed', purchaseInstrument: 'None', line: 'None', moDirectStatus: 'None', planName: '' };
    world.call(notifyPurchaseResult(JSON.stringify({ ver: '1', success: false, purchaseResult: JSON.stringify(bailed), transactionId: 'tx-1', activationCode: '', iccid: '' })));
    expect(world.reports()).toMatchObject([{ outcome: 'purchaseCancelled', metadata: { userAccount: 'Bailed', moDirectStatus: 'None' } }]);
  });

  it('answers an unparsable payload with invalidJson, a report and a return to the app', async () => {
    const world = await createWorld();
    const id = operationIdOf(world.call(notifyPurchaseResult('{"ver":"1", success: tru')));
    expect(world.commandTypes(id)).toEqual(['diagnostic', 'ui.returnToApp', 'report']);
    expect(world.reports()).toMatchObject([{ outcome: 'rejected', activationResult: 'invalidJson' }]);
  });

  it('notes a transaction id other than the launch one, without blocking', async () => {
    const world = await createWorld();
    world.host.launch('tx-42');
    world.call(notifyPurchaseResult(JSON.stringify({ ver: '1', success: false, purchaseResult, transactionId: 'tx-other' })));
    expect(world.reports()[0]?.diagnostics).toContainEqual(expect.objectContaining({ code: 'transactionIdMismatch' }));
  });

  it('keeps the matching ID out of everything printable', async () => {
    const world = await createWorld();
    world.call(notifyPurchaseResult(JSON.stringify({ ver: '1', success: true, purchaseResult, activationCode: `${ACTIVATION_CODE}$bad oid` })));
    await world.advance(1);
    expect(world.reports()).toMatchObject([{ activationResult: 'invalidActivationCode' }]);
    expect(world.printable()).not.toContain(SECRET_MATCHING_ID);
  });
});
