import { describe, expect, it } from 'vitest';
import { createHost } from '../../src/host/host';
import { createSimulatedDevice } from '../../src/sim/device/index';
import { startSimulator } from '../../src/sim';

type Page = Record<string, any>;

const METADATA = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: 'Plan' };

function simulator(device: { modemPresent?: boolean } = {}) {
  const page: Page = {};
  const callbacks: Array<{ script: string; args: Record<string, unknown> }> = [];
  const sim = startSimulator({
    global: page,
    origin: 'https://portal.example.com/buy',
    allowedHosts: ['portal.example.com'],
    console: false,
    device,
    onCallback: (_id, script, args) => callbacks.push({ script, args: JSON.parse(args) as Record<string, unknown> }),
  });
  return { page, sim, callbacks };
}

describe('issue 15 item 3: a missing modem', () => {
  it('fails the inline download with modemNotFound before the LPA downloads anything', async () => {
    const { page, sim, callbacks } = simulator({ modemPresent: false });
    page['MobilePlansInlineOperations'].notifyProfileDownload(METADATA, '1$smdp.example.com$MODEM-1');
    await sim.advance(10);
    expect(callbacks).toEqual([{ script: 'profileActivationComplete', args: { activationResult: 'modemNotFound', iccid: '' } }]);
    expect(sim.reports()).toMatchObject([{ outcome: 'failed', activationResult: 'modemNotFound' }]);
    expect(sim.device.euicc.profiles()).toEqual([]);
  });

  it('names a modem that fails after activation in the report\u2019s outcome, at once instead of after the registration timeout', async () => {
    const { page, sim, callbacks } = simulator();
    sim.setRegistration({ fail: 'modemNotFound' });
    page['MobilePlansInlineOperations'].notifyProfileDownload(METADATA, '1$smdp.example.com$MODEM-2');
    await sim.advance(0.5);
    expect(callbacks.map((c) => c.args['activationResult'])).toEqual(['success']);
    const [report] = sim.reports();
    expect(report).toMatchObject({ outcome: 'modemFailed', activationResult: 'modemNotFound' });
    expect(report!.endedAt - report!.startedAt).toBeLessThan(60_000);
  });

  it('keeps the registration deadline for a register failure that names no activation error', async () => {
    const device = createSimulatedDevice();
    const reports: Array<{ outcome: string; activationResult: unknown }> = [];
    const host = createHost({
      effects: { ...device.effects, modem: { register: () => { throw new Error('radio busy'); } }, report: (r) => reports.push(r) },
    });
    device.attach(host);
    await host.start();
    host.call({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: METADATA, activationCode: '1$smdp.example.com$MODEM-3' });
    await device.clock.advanceAsync(60_000);
    expect(reports).toEqual([]);
    await device.clock.advanceAsync(5 * 60_000);
    expect(reports).toMatchObject([{ outcome: 'notConnected', activationResult: 'success' }]);
  });

  it('fails the async-connectivity download too, and a balance addition\u2019s registration', async () => {
    const { page, sim } = simulator({ modemPresent: false });
    page['MobilePlans'].notifyPurchaseWithProfileDownload(METADATA, '1$smdp.example.com$MODEM-4', 0);
    await sim.advance(1);
    expect(sim.reports()).toMatchObject([{ flow: 'asyncConnectivity', outcome: 'failed', activationResult: 'modemNotFound' }]);
  });
});
