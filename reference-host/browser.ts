/**
 * The reference host's web view: headless Chromium (found by test/support/chromium.ts) driven by
 * playwright-core. Portal pages are served by request interception, so the browser sees them
 * on their real `https://` origins (`https://portal.example.com/`) with no certificate and no
 * network; the web-view page script is injected into every frame before the page's own
 * scripts; the CDP binding transport carries the messages.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/support/chromium';
import { playwrightTransport } from '../src/webview/index';
import type { WebViewTransport } from '../src/webview/index';

/** The sample portal's address in the web view. */
export const PORTAL_URL = 'https://portal.example.com/';

/** A page to serve at an address: its HTML. */
export type PortalPages = Readonly<Record<string, string>>;

/** The sample portal (reference-host/portal/index.html) at {@link PORTAL_URL}. */
export function samplePortal(): PortalPages {
  return { [PORTAL_URL]: readFileSync(fileURLToPath(new URL('./portal/index.html', import.meta.url)), 'utf8') };
}

/** A running web view. */
export interface PortalBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** The CDP binding transport to hand to the endpoint. */
  readonly transport: WebViewTransport;
  /** What the pages printed on the console, in order. */
  readonly console: string[];
  close(): Promise<void>;
}

/** How the web view starts. */
export interface PortalBrowserOptions {
  /** The page script to inject (the text of dist/browser/mobile-plans-webview.js). */
  readonly pageScript: string;
  /** Pages by exact address (`https://host/path`); any other request gets a 404. */
  readonly pages: PortalPages;
  /** Show the browser window (needs a display). Default false. */
  readonly headed?: boolean;
}

/**
 * Launch Chromium with the page script and the binding in place, every request answered from
 * `pages`. Navigate `page` yourself (`page.goto(PORTAL_URL)`).
 */
export async function openPortalBrowser(options: PortalBrowserOptions): Promise<PortalBrowser> {
  const browser = await chromium.launch({ executablePath: (await findChromium()).path, args: [...CHROMIUM_ARGS.filter((arg) => options.headed !== true || arg !== '--headless')], headless: options.headed !== true });
  try {
    const context = await browser.newContext();
    const transport = await playwrightTransport(context);
    await context.addInitScript({ content: options.pageScript });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      const body = options.pages[url];
      await (body === undefined ? route.fulfill({ status: 404, body: 'not found' }) : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
    });
    const page = await context.newPage();
    const printed: string[] = [];
    context.on('console', (message) => void printed.push(message.text()));
    return { browser, context, page, transport, console: printed, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
