import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserBundle } from '../../scripts/build-browser';

const CHROMIUM = '/usr/bin/chromium';
const SAMPLE = fileURLToPath(new URL('../fixtures/portal/sample.html', import.meta.url));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A tiny static server on 127.0.0.1: the sample page and the bundle, nothing else. */
function serve(files: Readonly<Record<string, { type: string; body: Buffer }>>): Promise<Server> {
  const server = createServer((request, response) => {
    const file = files[request.url === '/' ? '/sample.html' : (request.url ?? '')];
    if (request.method !== 'GET' || file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  server.maxConnections = 16;
  server.requestTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

interface Received {
  readonly script: string;
  readonly args: { activationResult?: string; networkRegistrationState?: string; iccid: string };
}

let server: Server | undefined;
let browser: Browser | undefined;
let bundleDir: string | undefined;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: install the Debian "chromium" package (CI does) to run the browser test`);
  }
  bundleDir = mkdtempSync(join(tmpdir(), 'mobile-plans-bundle-'));
  const built = await buildBrowserBundle(join(bundleDir, 'mobile-plans-sim.js'));
  server = await serve({
    '/sample.html': { type: 'text/html; charset=utf-8', body: readFileSync(SAMPLE) },
    '/mobile-plans-sim.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(built.file) },
  });
  // Playwright gives every launch a new, empty, temporary user-data dir and removes it on close.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await (await browser.newContext()).newPage();
  const { port } = server.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/sample.html`);
  await page.waitForFunction(() => typeof (window as unknown as { sim?: unknown }).sim === 'object');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server?.closeAllConnections();
  if (bundleDir !== undefined) rmSync(bundleDir, { recursive: true, force: true });
});

/** Run a scenario in the page; it returns what the page received during it and the operations. */
function inPage<T>(body: string): Promise<T> {
  return page.evaluate(`(async () => { received.length = 0; ${body} })()`) as Promise<T>;
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
