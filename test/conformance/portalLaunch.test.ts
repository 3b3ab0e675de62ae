import { describe, expect, it } from 'vitest';
import { createHost, portalLaunch, PortalLaunchError, type PortalLaunchOptions } from '../../src/index';
import { createSimulatedDevice } from '../../src/sim';

const EID = '89049032123451234512345678901235';
const base: PortalLaunchOptions = { portalUrl: 'https://portal.example.com/buy?plan=2', allowedHosts: ['portal.example.com'], transactionId: 'tx-1' };

function problemsOf(options: PortalLaunchOptions): string[] {
  try {
    portalLaunch(options);
  } catch (error) {
    if (error instanceof PortalLaunchError) return error.problems.map((p) => p.field);
    throw error;
  }
  return [];
}

describe('issue 15 item 2: portalLaunch', () => {
  it('puts every launch parameter on the portal URL, keeping its own, and the languages in Accept-Language', () => {
    const launch = portalLaunch({
      ...base,
      eid: EID,
      iccid: '8988247000101997790',
      iccids: ['89882110000005300811', '8900000000000000001'],
      location: 'DE',
      market: 'FR',
      language: ['fr-fr', 'en'],
    });
    const url = new URL(launch.url);
    expect(url.origin + url.pathname).toBe('https://portal.example.com/buy');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      plan: '2',
      eid: EID,
      iccid: '8988247000101997790',
      iccids: '89882110000005300811,8900000000000000001',
      location: 'DE',
      market: 'FR',
      transactionId: 'tx-1',
    });
    expect(launch.headers).toEqual({ 'Accept-Language': 'fr-FR, en;q=0.9' });
  });

  it('names every wrong parameter at once', () => {
    expect(
      problemsOf({
        portalUrl: 'http://portal.example.com/',
        allowedHosts: ['portal.example.com'],
        eid: EID.slice(0, 31) + '6',
        iccid: '12',
        iccids: ['89882110000005300811', 'x'],
        location: 'UK',
        market: 'fr',
        transactionId: 'x'.repeat(65),
        language: 'not a language!',
      }),
    ).toEqual(['portalUrl', 'eid', 'iccid', 'iccids[1]', 'location', 'market', 'transactionId', 'language']);
  });

  it('refuses a portal outside the allowed hosts and a transaction id with a space', () => {
    expect(problemsOf({ ...base, portalUrl: 'https://evil.example.net/' })).toEqual(['portalUrl']);
    expect(problemsOf({ ...base, transactionId: 'a b' })).toEqual(['transactionId']);
    expect(problemsOf({ ...base, transactionId: 'x'.repeat(64) })).toEqual([]);
  });
});

describe('issue 15 item 2: host.launch', () => {
  it('refuses a transaction id of 65 characters and keeps the one it had', async () => {
    const device = createSimulatedDevice();
    const host = createHost({ effects: device.effects });
    await host.start();
    expect(host.launch('t'.repeat(64)).type).toBe('accepted');
    const reply = host.launch('t'.repeat(65));
    expect(reply).toMatchObject({ type: 'refused', error: { code: 'invalidTransactionId' } });
    expect(host.state().transactionId).toBe('t'.repeat(64));
  });
});
