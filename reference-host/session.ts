/**
 * The reference host whole: its Node side (reference-host/host.ts) and its web view
 * (reference-host/browser.ts), joined by the CDP binding transport.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebViewPageScript } from '../scripts/build-browser';
import { openPortalBrowser, samplePortal, type PortalBrowser, type PortalPages } from './browser';
import { startReferenceHost, type ReferenceHost, type ReferenceHostOptions } from './host';

/** How a session starts: the host's options, and what the web view serves. */
export interface ReferenceSessionOptions extends Omit<ReferenceHostOptions, 'transport'> {
  /** Pages by address; default the sample portal at `https://portal.example.com/`. */
  readonly pages?: PortalPages;
  /** Show the browser window. */
  readonly headed?: boolean;
}

/** A running reference host with its web view. */
export interface ReferenceSession {
  readonly ref: ReferenceHost;
  readonly web: PortalBrowser;
  close(): Promise<void>;
}

/** Build the page script into a folder of its own and read it. */
export async function builtPageScript(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'reference-host-'));
  try {
    return readFileSync((await buildWebViewPageScript(join(dir, 'mobile-plans-webview.js'))).file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Start the host (loading its stored document), then the web view bridged to it.
 *
 * @example
 * const session = await startReferenceSession({ storage: fileStorage(dir), scheduler: createScheduler() });
 * await session.web.page.goto(PORTAL_URL);
 */
export async function startReferenceSession(options: ReferenceSessionOptions = {}): Promise<ReferenceSession> {
  const web = await openPortalBrowser({ pageScript: await builtPageScript(), pages: options.pages ?? samplePortal(), ...(options.headed === undefined ? {} : { headed: options.headed }) });
  try {
    const ref = await startReferenceHost({ ...options, transport: web.transport });
    return {
      ref,
      web,
      close: async () => {
        ref.stop();
        await web.close();
      },
    };
  } catch (error) {
    await web.close();
    throw error;
  }
}
