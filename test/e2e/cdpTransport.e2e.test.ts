import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PORTAL_URL, samplePortal } from '../../reference-host/browser';
import { startReferenceHost, type ReferenceHost } from '../../reference-host/host';
import { builtPageScript } from '../../reference-host/session';
import { cdpTransport, type CdpSession } from '../../src/webview/index';
import { PAGE_NAMES } from '../../src/webview/protocol';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';

/*
 * The raw CDP transport (Runtime.addBinding, the caller's execution-context origin,
 * Runtime.evaluate back), over the DevTools session Playwright opens: what a Puppeteer or
 * chrome-remote-interface host uses.
 */

const EVIL_TOP = 'https://evil.example.net/';
const PAGES: Record<string, string> = {
  ...samplePortal(),
  [EVIL_TOP]: `<!doctype html><script>window.${PAGE_NAMES.cdpBinding}(JSON.stringify({ mobilePlans: 1, type: 'call', id: 'wv-00000000-0000-4000-8000-000000000009', origin: 'https://portal.example.com',
    call: { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} } }));</script>`,
};

let browser: Browser;
let page: Page;
let ref: ReferenceHost;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: (await findChromium()).path, args: [...CHROMIUM_ARGS] });
  const context = await browser.newContext();
  await context.route('**/*', (route) => {
    const body = PAGES[route.request().url()];
    return body === undefined ? route.fulfill({ status: 404 }) : route.fulfill({ status: 200, contentType: 'text/html', body });
  });
  page = await context.newPage();
  await page.addInitScript({ content: await builtPageScript() });
  const transport = await cdpTransport((await context.newCDPSession(page)) as unknown as CdpSession);
  ref = await startReferenceHost({ transport });
}, 60_000);
afterAll(async () => {
  ref?.stop();
  await browser?.close();
});

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the raw CDP binding transport', () => {
  it('carries an inline download and its callbacks', async () => {
    await page.goto(PORTAL_URL);
    const op = await page.evaluate(() => (window as unknown as { portal: { inline(): { id: string } } }).portal.inline().id);
    await until('the operation to finish', () => ref.host.operations().some((o) => o.id === op && !o.live));
    expect(ref.host.operations().find((o) => o.id === op)).toMatchObject({ outcome: 'connected' });
    const sent = ref.callbacks().filter((c) => c.operationId === op).map(({ script, args }) => ({ script, args }));
    await until('the callbacks in the page', async () => (await page.evaluate(() => (window as unknown as { received: unknown[] }).received.length)) >= sent.length);
    expect(await page.evaluate(() => (window as unknown as { received: unknown[] }).received)).toEqual(sent);
    expect(sent.length).toBeGreaterThanOrEqual(2);
  });

  it('takes the origin from the execution context: a page that forges the portal’s is refused', async () => {
    const operations = ref.host.operations().length;
    await page.goto(EVIL_TOP);
    await until('the refusal', () => ref.diagnostics().some((n) => n.diagnostic.message.includes('"https://evil.example.net" was refused')));
    expect(ref.host.operations()).toHaveLength(operations);
  });
});
