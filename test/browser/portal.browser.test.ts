import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from './harness';

const SAMPLE = fileURLToPath(new URL('../fixtures/portal/sample.html', import.meta.url));

interface Received {
  readonly script: string;
  readonly args: { activationResult?: string; networkRegistrationState?: string; iccid: string };
}

let harness: BrowserHarness | undefined;
let page: Page;

beforeAll(async () => {
  harness = await startBrowserHarness({ '/sample.html': { type: 'text/html; charset=utf-8', body: readFileSync(SAMPLE) } }, '/sample.html');
  page = await (await harness.browser.newContext()).newPage();
  await page.goto(`${harness.origin}/sample.html`);
  await page.waitForFunction(() => typeof (window as unknown as { sim?: unknown }).sim === 'object');
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

/** Run a scenario in the page; it returns what the page received during it and the operations. */
function inPage<T>(body: string): Promise<T> {
  return page.evaluate<T>(`(async () => { received.length = 0; ${body} })()`);
}

describe('the sample portal in headless Chromium with the simulator bundle', () => {
  it('an inline download tells the page it activated and registered', async () => {
    const result = await inPage<{ op: { id: string }; received: Received[]; state: string }>(`
      const op = downloadNow('1$smdp.example.com$BROWSER-INLINE');
      await sim.advance(1);
      return { op, received: received.slice(), state: sim.operations().find((o) => o.id === op.id).state };
    `);
    expect(result.op).toEqual({ id: expect.stringMatching(/^op-\d+$/) });
    expect(result.received.map((r) => [r.script, r.args.activationResult ?? r.args.networkRegistrationState])).toEqual([
      ['profileActivationComplete', 'success'],
      ['registrationChanged', 'searching'],
      ['registrationChanged', 'home'],
    ]);
    expect(result.state).toBe('connected');
  });

  it('a delayed download cancelled inside its window is cancelled and the page hears nothing', async () => {
    const result = await inPage<{ cancelled: boolean; received: Received[]; outcome: string }>(`
      const op = downloadLater('1$smdp.example.com$BROWSER-CANCEL', 15);
      await sim.advance(5);
      const cancelled = cancel(op);
      await sim.advance(60);
      const shown = document.querySelector('#log li:last-child').textContent;
      return { cancelled, received: received.slice(), outcome: sim.operations().find((o) => o.id === op.id).outcome, shown: shown === 'cancel ' + op.id + ': true' };
    `);
    expect(result).toEqual({ cancelled: true, received: [], outcome: 'cancelled', shown: true });
  });

  it('a cancel after the toast is refused, and accepting the toast downloads the profile', async () => {
    const result = await inPage<{ cancelled: boolean; toasts: boolean; received: Received[]; outcome: string }>(`
      const op = downloadLater('1$smdp.example.com$BROWSER-LATE', 15);
      await sim.advance(15);
      const toasts = sim.device.ui.toasts().includes(op.id);
      const cancelled = cancel(op);
      sim.acceptToast();
      await sim.advance(1);
      return { cancelled, toasts, received: received.slice(), outcome: sim.operations().find((o) => o.id === op.id).outcome };
    `);
    expect(result.cancelled).toBe(false);
    expect(result.toasts).toBe(true);
    expect(result.received.map((r) => r.args.activationResult ?? r.args.networkRegistrationState)).toEqual(['success', 'searching', 'home']);
    expect(result.outcome).toBe('connected');
  });

  it('a balance addition returns to the app with balance added', async () => {
    const result = await inPage<{ op: { id: string }; outcome: string; portalShown: boolean; received: Received[] }>(`
      const op = topUp();
      await sim.advance(1);
      return { op, outcome: sim.operations().find((o) => o.id === op.id).outcome, portalShown: sim.device.ui.view().portalShown, received: received.slice() };
    `);
    expect(result.op).toEqual({ id: expect.stringMatching(/^op-\d+$/) });
    expect(result.outcome).toBe('balanceAdded');
    expect(result.portalShown).toBe(false);
    expect(result.received).toEqual([]);
  });
});
