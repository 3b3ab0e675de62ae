import { describe, expect, it } from 'vitest';
import { PORTAL_UPDATES_AFTER_CONNECT } from '../../src/core/portalUpdates';
import { startSimulator } from '../../src/sim';

type Page = Record<string, any>;

const METADATA = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: 'Plan' };

async function connected() {
  const page: Page = {};
  const heard: Array<{ script: string; args: Record<string, unknown> }> = [];
  const sim = startSimulator({
    global: page,
    origin: 'https://portal.example.com/buy',
    allowedHosts: ['portal.example.com'],
    console: false,
    transactionId: 'tx-1',
    onCallback: (_id, script, args) => heard.push({ script, args: JSON.parse(args) as Record<string, unknown> }),
  });
  page['MobilePlansInlineOperations'].notifyProfileDownload(METADATA, '1$smdp.example.com$AFTER-1');
  await sim.advance(1);
  const [report] = sim.reports();
  expect(report).toMatchObject({ outcome: 'connected' });
  // The change that connected it is told once, by the operation itself.
  expect(heard.filter((h) => h.script === 'registrationChanged').map((h) => h.args['networkRegistrationState'])).toEqual(['searching', 'home']);
  heard.length = 0;
  return { sim, heard, report: report!, iccid: report!.iccid! };
}

describe('issue 15 item 7: registration changes after an inline download connected', () => {
  it('keep reaching the open portal, without touching the finished report', async () => {
    const { sim, heard, report, iccid } = await connected();
    sim.device.modem.change(iccid, 'roaming');
    sim.device.modem.change(iccid, 'denied');
    await sim.advance(0);
    expect(heard).toEqual([
      { script: 'registrationChanged', args: { networkRegistrationState: 'roaming', iccid } },
      { script: 'registrationChanged', args: { networkRegistrationState: 'denied', iccid } },
    ]);
    expect(sim.reports()).toEqual([report]);
    expect(sim.host.state().finished[report.operationId]!.report).toEqual(report);
    expect(sim.operations()).toMatchObject([{ state: 'connected', live: false, outcome: 'connected' }]);
  });

  it(`stop after ${PORTAL_UPDATES_AFTER_CONNECT} changes`, async () => {
    expect(PORTAL_UPDATES_AFTER_CONNECT).toBe(10);
    const { sim, heard, iccid } = await connected();
    for (let n = 0; n < 12; n++) sim.device.modem.change(iccid, n % 2 === 0 ? 'roaming' : 'home');
    await sim.advance(0);
    expect(heard).toHaveLength(10);
  });

  it('stop when the portal closes, and a newly launched portal does not hear them', async () => {
    const closed = await connected();
    closed.sim.host.closePortal();
    closed.sim.device.modem.change(closed.iccid, 'roaming');
    await closed.sim.advance(0);
    expect(closed.heard).toEqual([]);

    const relaunched = await connected();
    relaunched.sim.host.launch('tx-2');
    relaunched.sim.device.modem.change(relaunched.iccid, 'roaming');
    await relaunched.sim.advance(0);
    expect(relaunched.heard).toEqual([]);
  });

  it('survive a host restart with what is left of the bound', async () => {
    const { sim, heard, iccid } = await connected();
    for (let n = 0; n < 4; n++) sim.device.modem.change(iccid, 'roaming');
    await sim.restart();
    for (let n = 0; n < 8; n++) sim.device.modem.change(iccid, 'home');
    await sim.advance(0);
    expect(heard).toHaveLength(10);
  });

  it('reach only the portal of an operation on that profile', async () => {
    const { sim, heard } = await connected();
    sim.device.modem.change('89882470000000009998', 'roaming');
    await sim.advance(0);
    expect(heard).toEqual([]);
  });
});
