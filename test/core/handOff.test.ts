import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/core/commands';
import { handOff } from '../../src/core/handOff';
import type { PortalCall } from '../../src/core/inputs';
import { createState } from '../../src/core/index';

/* How a legacy `DataMart.notifyPurchaseResult` payload is routed (decision D10), called on handOff directly. */

function legacyCall(payload: string): PortalCall {
  return { kind: 'purchaseResult', entryPoint: 'DataMart.notifyPurchaseResult', payload };
}

const diagnosed = (out: Command[]) => out.flatMap((c) => (c.type === 'diagnostic' ? [c.notice.diagnostic.code] : []));

describe('a legacy purchase result', () => {
  it('that succeeded naming neither a code nor an ICCID ends as a cancelled purchase, with no ICCID diagnosed', () => {
    const state = createState();
    const out: Command[] = [];
    const purchaseResult = JSON.stringify({ userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'Complete', planName: '2GB' });
    handOff(state, { type: 'portal.call', now: 0, operationId: 'op-1', call: legacyCall(JSON.stringify({ ver: '1', success: true, purchaseResult })) }, out);
    expect(state.finished['op-1']?.value).toBe('purchaseCancelled');
    expect(diagnosed(out)).not.toContain('invalidIccid');
  });

  it('with a code and an ICCID keeps the ICCID for the check after the download', () => {
    const state = createState();
    const purchaseResult = JSON.stringify({ userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'Complete', planName: '2GB' });
    handOff(state, { type: 'portal.call', now: 0, operationId: 'op-1', call: legacyCall(JSON.stringify({ ver: '1', success: true, purchaseResult, activationCode: '1$smdp.example.com$LEGACY-1', iccid: '89882470000000000014' })) }, []);
    expect(state.operations['op-1']).toMatchObject({ payloadIccid: '89882470000000000014', context: { legacyRoute: 'download' } });
    expect(state.operations['op-1']).not.toHaveProperty('origin');
  });
});

describe('a purchase with a profile download', () => {
  it('for a code an unfinished operation already downloads returns that operation', () => {
    const state = createState();
    const call: PortalCall = { kind: 'purchaseWithProfileDownload', entryPoint: 'MobilePlans.notifyPurchaseWithProfileDownload', metadata: {}, activationCode: '1$smdp.example.com$ASYNC-1', networkRegistrationInterval: 5 };
    expect(handOff(state, { type: 'portal.call', now: 0, operationId: 'op-1', call }, [])).toEqual({ type: 'operation', operationId: 'op-1', created: true });
    expect(handOff(state, { type: 'portal.call', now: 1, operationId: 'op-2', call }, [])).toEqual({ type: 'operation', operationId: 'op-1', created: false });
  });
});
