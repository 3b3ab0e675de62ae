import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim';

type Page = Record<string, any>;
const md = { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: '2GB' };

describe('issue 15 item 8: the simulated SM-DP+ releases a profile once', () => {
  it('answers profileNotAvailableForNewBinding to a second download of an installed code', async () => {
    const page: Page = {};
    const sim = startSimulator({ global: page, origin: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'], console: { warn: () => {}, error: () => {} } });
    const heard: string[] = [];
    page['MobilePlansInlineOperations'].profileActivationCompleteScript = (args: string) => heard.push(JSON.parse(args).activationResult);
    page['MobilePlansInlineOperations'].notifyProfileDownload(md, '1$smdp.example.com$ONCE-1');
    await sim.advance(1);
    expect(sim.operations()[0]).toMatchObject({ live: false, outcome: 'connected' });
    page['MobilePlansInlineOperations'].notifyProfileDownload(md, '1$smdp.example.com$ONCE-1');
    await sim.advance(1);
    expect(heard).toEqual(['success', 'profileNotAvailableForNewBinding']);
    expect(sim.operations()[1]).toMatchObject({ live: false, outcome: 'failed' });
  });

  it('still lets the installing operation ask again after a restart', async () => {
    const page: Page = {};
    const sim = startSimulator({ global: page, origin: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'], console: { warn: () => {}, error: () => {} } });
    sim.device.lpa.setOutcome('download', { slow: { durationMs: 20_000 } });
    page['MobilePlansInlineOperations'].notifyProfileDownload(md, '1$smdp.example.com$ONCE-2');
    await sim.advance(0.5);
    await sim.restart();
    await sim.advance(2);
    expect(sim.operations()[0]).toMatchObject({ live: false, outcome: 'connected' });
  });
});
