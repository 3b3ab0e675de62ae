import { describe, expect, it } from 'vitest';
import { PortalLaunchError } from '../../src/index';
import { DEFAULT_EID, startSimulator } from '../../src/sim';
import { DEFAULT_PHYSICAL_ICCID, simulatedIccid } from '../../src/sim/device/index';

type Page = Record<string, any>;

/** A page with an address the simulator may rewrite, as a browser's `history.replaceState` does. */
function pageAt(href: string): Page {
  const page: Page = { location: { href } };
  page['history'] = { replaceState: (_data: unknown, _unused: string, url: string) => void (page['location'].href = url) };
  return page;
}

describe('issue 15 item 2: the simulator launches the portal through portalLaunch', () => {
  it('puts eid, iccid, iccids, market, location and transactionId on the page\u2019s URL, as the app opens the portal', () => {
    const page = pageAt('https://portal.example.com/buy?plan=5g');
    const onEuicc = simulatedIccid(600);
    const sim = startSimulator({
      global: page,
      allowedHosts: ['portal.example.com'],
      console: false,
      transactionId: 'TX-42',
      launch: { market: 'FR', location: 'DE', language: ['fr-FR', 'en'] },
      device: { profiles: [{ iccid: onEuicc }] },
    });
    const params = new URL(page['location'].href).searchParams;
    expect(Object.fromEntries(params)).toEqual({ plan: '5g', eid: DEFAULT_EID, iccid: DEFAULT_PHYSICAL_ICCID, iccids: onEuicc, market: 'FR', location: 'DE', transactionId: 'TX-42' });
    expect(sim.launch).toEqual({ url: page['location'].href, headers: { 'Accept-Language': 'fr-FR, en;q=0.9' } });
    expect(sim.trace().some((e) => e.summary === `the app opens the portal at ${sim.launch!.url}`)).toBe(true);
    // The host took the launch: new operations carry its transaction id.
    expect(sim.host.state().transactionId).toBe('TX-42');
  });

  it('launches the operator\u2019s host for a development page on localhost, leaving the page\u2019s address alone', () => {
    const page = pageAt('http://localhost:5173/');
    const sim = startSimulator({ global: page, allowedHosts: ['shop.example.net'], console: false, transactionId: 'TX-1', device: { physicalIccid: null } });
    expect(page['location'].href).toBe('http://localhost:5173/');
    const launched = new URL(sim.launch!.url);
    expect(launched.host).toBe('shop.example.net');
    expect(launched.searchParams.has('iccid')).toBe(false);
    expect(launched.searchParams.get('market')).toBe('US');
  });

  it('refuses a wrong launch value with every problem named, before anything starts', () => {
    const page = pageAt('https://portal.example.com/buy');
    const start = () => startSimulator({ global: page, allowedHosts: ['portal.example.com'], console: false, transactionId: 'x'.repeat(65), launch: { market: 'XX' } });
    expect(start).toThrow(PortalLaunchError);
    try {
      start();
    } catch (error) {
      expect((error as PortalLaunchError).problems.map((p) => p.field).sort()).toEqual(['market', 'transactionId']);
    }
    expect(page['MobilePlansInlineOperations']).toBeUndefined();
  });

  it('has no launch without a transaction id', () => {
    const sim = startSimulator({ global: {}, console: false });
    expect(sim.launch).toBeNull();
  });
});
