import { describe, expect, it } from 'vitest';
import { createHost } from '../../src/host/host';
import { DEFAULT_PHYSICAL_ICCID, createSimulatedDevice, simulatedIccid } from '../../src/sim/device/index';
import { startSimulator } from '../../src/sim';

type Page = Record<string, any>;

const PURCHASE = JSON.stringify({ userAccount: 'New', purchaseInstrument: 'New', line: 'New', moDirectStatus: 'Complete', planName: 'SIM plan' });
const legacyPayload = (iccid: string) => JSON.stringify({ ver: '1', success: true, purchaseResult: PURCHASE, transactionId: 'tx-1', activationCode: '', iccid });
const ESIM_ICCID = simulatedIccid(700);
/** A valid ICCID that is neither the physical SIM's nor on the eUICC. */
const UNKNOWN_ICCID = simulatedIccid(701);

function simulator(device: { physicalIccid?: string | null } = {}) {
  const page: Page = {};
  const sim = startSimulator({
    global: page,
    origin: 'https://portal.example.com/buy',
    allowedHosts: ['portal.example.com'],
    console: false,
    transactionId: 'tx-1',
    device: { profiles: [{ iccid: ESIM_ICCID, enabled: true }], ...device },
  });
  return { page, sim };
}

describe('issue 15 item 1: a legacy physical-SIM purchase', () => {
  it('reports success and returns to the app when the ICCID is the physical SIM\u2019s', async () => {
    const { page, sim } = simulator();
    page['DataMart'].notifyPurchaseResult(legacyPayload(DEFAULT_PHYSICAL_ICCID));
    await sim.advance(1);
    const [report] = sim.reports();
    expect(report).toMatchObject({ flow: 'legacyResult', outcome: 'physicalSimPurchased', activationResult: null, iccid: DEFAULT_PHYSICAL_ICCID });
    expect(sim.device.ui.view().returnedToAppFor).toBe(report!.operationId);
    // Nothing was asked of the eUICC: the physical SIM is not on it.
    expect(sim.trace().filter((e) => e.kind === 'command' && /lpa\./.test(e.summary))).toEqual([]);
  });

  it('keeps the balance path for an eUICC profile\u2019s ICCID', async () => {
    const { page, sim } = simulator();
    page['DataMart'].notifyPurchaseResult(legacyPayload(ESIM_ICCID));
    await sim.advance(1);
    expect(sim.reports()[0]).toMatchObject({ outcome: 'balanceAdded', iccid: ESIM_ICCID });
  });

  it('keeps the failure for an ICCID that is neither', async () => {
    const { page, sim } = simulator();
    page['DataMart'].notifyPurchaseResult(legacyPayload(UNKNOWN_ICCID));
    await sim.advance(1);
    expect(sim.reports()[0]).toMatchObject({ outcome: 'failed', activationResult: 'profileNotPresent' });
  });

  it('treats every ICCID as an eUICC one when the slot is empty', async () => {
    const { page, sim } = simulator({ physicalIccid: null });
    page['DataMart'].notifyPurchaseResult(legacyPayload(DEFAULT_PHYSICAL_ICCID));
    await sim.advance(1);
    expect(sim.reports()[0]).toMatchObject({ outcome: 'failed', activationResult: 'profileNotPresent' });
  });

  it('compares the ICCIDs as ICCIDs (a lower-case trailing f is the same card)', async () => {
    const physical = '8901260000000000001F';
    const { page, sim } = simulator({ physicalIccid: physical });
    page['DataMart'].notifyPurchaseResult(legacyPayload(physical.toLowerCase()));
    await sim.advance(1);
    expect(sim.reports()[0]!.outcome).toBe('physicalSimPurchased');
  });

  it('counts a host without modem.physicalIccid, or one whose slot reader throws, as having no physical SIM', async () => {
    for (const physicalIccid of [undefined, () => { throw new Error('slot unreadable'); }]) {
      const device = createSimulatedDevice();
      const { physicalIccid: _dropped, ...modem } = device.effects.modem;
      const reports: unknown[] = [];
      const host = createHost({ effects: { ...device.effects, modem: physicalIccid === undefined ? modem : { ...modem, physicalIccid }, report: (r) => reports.push(r) } });
      await host.start();
      host.call({ kind: 'purchaseResult', entryPoint: 'DataMart.notifyPurchaseResult', payload: legacyPayload(DEFAULT_PHYSICAL_ICCID) });
      device.clock.advance(60_000);
      await host.idle();
      expect(reports).toMatchObject([{ outcome: 'failed', activationResult: 'profileNotPresent' }]);
    }
  });
});
