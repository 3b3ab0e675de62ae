import { describe, expect, it } from 'vitest';
import type { DiagnosticNotice } from '../../src/core/commands';
import { createHost } from '../../src/host/host';
import { createPortalApi } from '../../src/portal/api';
import { createSimulatedDevice } from '../../src/sim/device/index';
import { ACTIVATION_CODE, COMPLETE_METADATA } from '../support/world';

type Page = Record<string, any>;

/** One host, and a page on each of two allowed origins. */
async function twoPages(withIdSource = true) {
  const device = createSimulatedDevice();
  const notices: DiagnosticNotice[] = [];
  const { newId, ...withoutIds } = device.effects;
  const effects = withIdSource ? device.effects : withoutIds;
  void newId;
  const host = createHost({ effects: { ...effects, diagnostic: (n) => notices.push(n) } });
  device.attach(host);
  await host.start();
  const page = (origin: string): Page => {
    const global: Page = {};
    createPortalApi(host, { origin: `${origin}/buy`, allowedHosts: ['a.example.com', 'b.example.com'] }).install(global);
    return global;
  };
  return { host, notices, a: page('https://a.example.com'), b: page('https://b.example.com') };
}

const delayedDownload = (page: Page): { id: string } => page['MobilePlansInlineOperations'].notifyProfileDownload(COMPLETE_METADATA, ACTIVATION_CODE, 60);

describe('operation ownership', () => {
  it('lets only the origin that started an operation cancel it', async () => {
    const { a, b, host, notices } = await twoPages();
    const context = delayedDownload(a);
    expect(b['MobilePlansInlineOperations'].notifyOperationCancel(context)).toBe(false);
    expect(notices).toContainEqual(expect.objectContaining({ operationId: context.id, diagnostic: expect.objectContaining({ code: 'callRefused', message: expect.stringContaining('did not start it') }) }));
    expect(host.operations()).toContainEqual(expect.objectContaining({ id: context.id, state: 'scheduled', live: true }));
    expect(a['MobilePlansInlineOperations'].notifyOperationCancel(context)).toBe(true);
  });

  it('refuses a host-side cancel without an origin for an operation a page started', async () => {
    const { a, host } = await twoPages();
    const context = delayedDownload(a);
    expect(host.cancel(context.id)).toBe(false);
    expect(host.cancel(context.id, 'https://a.example.com')).toBe(true);
  });

  it('gives unguessable ids when the host application supplies no id source', async () => {
    const { a } = await twoPages(false);
    const first = delayedDownload(a);
    const second = a['MobilePlans'].notifyCancelledPurchase(COMPLETE_METADATA) as { id: string };
    for (const { id } of [first, second]) expect(id).toMatch(/^op-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first.id).not.toBe(second.id);
  });
});
