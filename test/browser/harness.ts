/**
 * What the headless-Chromium tests share: the simulator bundle built fresh into a temporary
 * folder, a tiny static server on 127.0.0.1 serving it beside the test's own pages, and
 * Chromium launched with playwright-core. A missing Chromium is an error, never a skip.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildBrowserBundle } from '../../scripts/build-browser';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';


/** Where the bundle is served. */
export const BUNDLE_PATH = '/mobile-plans-sim.js';

/** A file the server hands out. */
export interface Served {
  readonly type: string;
  readonly body: Buffer | string;
}

/** A page of HTML to serve. */
export const html = (body: string): Served => ({ type: 'text/html; charset=utf-8', body });

/** A tiny static server on 127.0.0.1: the given files (`/` is `index`), nothing else. */
export function serve(files: Readonly<Record<string, Served>>, index?: string): Promise<Server> {
  const server = createServer((request, response) => {
    const file = files[request.url === '/' && index !== undefined ? index : (request.url ?? '')];
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

/** A running Chromium with the pages (and the bundle at {@link BUNDLE_PATH}) served to it. */
export interface BrowserHarness {
  readonly browser: Browser;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Close the browser, stop the server, remove the built bundle. */
  close(): Promise<void>;
}

/**
 * Find Chromium (throw if there is none), build the bundle with `buildBrowserBundle`, serve it
 * with `pages`, and launch Chromium. Playwright gives every launch a new, empty, temporary
 * user-data dir and removes it on close.
 */
export async function startBrowserHarness(pages: Readonly<Record<string, Served>>, index?: string): Promise<BrowserHarness> {
  const chromiumPath = (await findChromium()).path;
  let bundleDir: string | undefined;
  let server: Server | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    server?.closeAllConnections();
    if (bundleDir !== undefined) rmSync(bundleDir, { recursive: true, force: true });
  };
  try {
    bundleDir = mkdtempSync(join(tmpdir(), 'mobile-plans-bundle-'));
    const built = await buildBrowserBundle(join(bundleDir, 'mobile-plans-sim.js'));
    server = await serve({ ...pages, [BUNDLE_PATH]: { type: 'text/javascript; charset=utf-8', body: readFileSync(built.file) } }, index);
    browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
    const { port } = server.address() as AddressInfo;
    return { browser, origin: `http://127.0.0.1:${port}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
