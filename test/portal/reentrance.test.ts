import { describe, expect, it } from 'vitest';
import type { DiagnosticNotice } from '../../src/core/commands';
import { createHost } from '../../src/host/host';
import { createPortalApi, MAX_HAND_OFFS_FROM_CALLBACKS } from '../../src/portal/api';
import { createSimulatedDevice } from '../../src/sim/device/index';
import { COMPLETE_METADATA } from '../support/world';

type Page = Record<string, any>;

/** A page whose activation-complete callback hands off again, on the production bridge and host. */
async function loopingPage() {
  const device = createSimulatedDevice();
  const notices: DiagnosticNotice[] = [];
  const page: Page = {};
  const api = createPortalApi(
    { call: (call, origin) => host.call(call, origin), cancel: (id, origin) => host.cancel(id, origin) },
    { origin: 'https://portal.example.com/buy', allowedHosts: ['portal.example.com'], onDiagnostic: (n) => notices.push(n) },
  );
  const host = createHost({ effects: { ...device.effects, callback: (id, script, args) => api.deliver(id, script, args), diagnostic: (n) => notices.push(n) } });
  device.attach(host);
  await host.start();
  api.install(page);
  let heard = 0;
  // An invalid code is answered at once, so each hand-off's callback starts the next one. The
  // callback gives up by itself after 1,000 rounds, so the test fails instead of hanging without the bound.
  page['MobilePlansInlineOperations'].profileActivationCompleteScript = () => {
    heard += 1;
    if (heard < 1000) page['MobilePlansInlineOperations'].notifyProfileDownload(COMPLETE_METADATA, 'not a code');
  };
  return { page, host, notices, heard: () => heard };
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('a callback that hands off again', () => {
  it(`is refused past ${MAX_HAND_OFFS_FROM_CALLBACKS} hand-offs without yielding, with one diagnostic each`, async () => {
    const { page, notices, heard } = await loopingPage();
    expect(page['MobilePlansInlineOperations'].notifyProfileDownload(COMPLETE_METADATA, 'not a code')).toMatchObject({ id: 'op-1' });
    await macrotask();
    expect(heard()).toBe(MAX_HAND_OFFS_FROM_CALLBACKS + 1);
    const refused = notices.filter((n) => n.diagnostic.code === 'callRefused' && n.diagnostic.message.includes('from inside a callback script'));
    expect(refused).toHaveLength(1);
  });

  it('is served again once the page has yielded to the event loop', async () => {
    const { page, heard } = await loopingPage();
    page['MobilePlansInlineOperations'].notifyProfileDownload(COMPLETE_METADATA, 'not a code');
    await macrotask();
    await macrotask(); // the budget's own reset was queued after the first wait
    const first = heard();
    page['MobilePlansInlineOperations'].notifyProfileDownload(COMPLETE_METADATA, 'not a code');
    await macrotask();
    expect(heard() - first).toBe(MAX_HAND_OFFS_FROM_CALLBACKS + 1);
  });

  it('never limits hand-offs made outside callbacks', async () => {
    const { page, host } = await loopingPage();
    page['MobilePlansInlineOperations'].profileActivationCompleteScript = () => {};
    for (let i = 0; i < 3 * MAX_HAND_OFFS_FROM_CALLBACKS; i++) expect(page['MobilePlans'].notifyCancelledPurchase(COMPLETE_METADATA)).not.toBeNull();
    expect(host.operations()).toHaveLength(3 * MAX_HAND_OFFS_FROM_CALLBACKS);
  });
});
