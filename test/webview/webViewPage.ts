/**
 * A web view in node:vm: a page-like global with the built page script in it, the CDP-binding
 * page side wired to a {@link nativeTransport} that hops a macrotask each way (as a real web
 * view's messages do), and the reference host behind it on a virtual clock. The frame address
 * the "web view" reports is the page's own unless a test makes it another.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildWebViewPageScript } from '../../scripts/build-browser';
import { startReferenceHost, type ReferenceHost, type ReferenceHostOptions } from '../../reference-host/host';
import { nativeTransport } from '../../src/webview/index';
import { PAGE_NAMES } from '../../src/webview/protocol';

let built: Promise<string> | undefined;

/** The page script, built once per test file into a folder of its own. */
export function pageScript(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webview-page-'));
    try {
      return readFileSync((await buildWebViewPageScript(join(dir, 'mobile-plans-webview.js'))).file, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return built;
}

/** How a test page is opened. */
export interface WebViewPageOptions extends Omit<ReferenceHostOptions, 'transport' | 'clock'> {
  /** The page's address. Default `https://portal.example.com/buy`. */
  readonly url?: string;
  /** The address the web view reports for the frame. Default: the page's. */
  readonly frameUrl?: string;
}

/** A page in a web view, with its host. */
export interface WebViewPage {
  readonly context: vm.Context;
  readonly ref: ReferenceHost;
  /** What the page passed to its `Log(...)`. */
  readonly log: string[];
  /** What the page script printed on the console. */
  readonly warnings: string[];
  /** Every message string the page sent, in order. */
  readonly sent: string[];
  run(code: string, filename?: string): unknown;
  /** Make the web view report another address for the frame from now on (the frame navigated). */
  setFrameUrl(url: string): void;
  /** Send a raw message from this frame, as a page that bypasses the page script would. */
  post(message: string): void;
  /** Wait until every message each way has arrived and the host is idle. */
  settle(): Promise<void>;
  close(): void;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function openWebViewPage(options: WebViewPageOptions = {}): Promise<WebViewPage> {
  const url = new URL(options.url ?? 'https://portal.example.com/buy');
  let frameUrl = options.frameUrl ?? url.href;
  const log: string[] = [];
  const warnings: string[] = [];
  const sent: string[] = [];
  const bridge = nativeTransport();
  let inFlight = 0;
  const hop = (action: () => void): void => {
    inFlight += 1;
    setImmediate(() => {
      inFlight -= 1;
      action();
    });
  };
  const context = vm.createContext({
    Log: (message: unknown) => void log.push(String(message)),
    console: { warn: (message: string) => void warnings.push(message), log: () => undefined },
    location: { href: url.href, host: url.host, protocol: url.protocol, origin: url.origin },
    crypto: globalThis.crypto,
    URL,
    setTimeout,
    queueMicrotask,
  });
  const toHost = (message: string): void => {
    sent.push(message);
    hop(() => bridge.receive(message, () => frameUrl, (reply) => hop(() => (context[PAGE_NAMES.receive] as (m: string) => void)(reply))));
  };
  Object.defineProperty(context, PAGE_NAMES.cdpBinding, { value: toHost });
  const ref = await startReferenceHost({ ...options, transport: bridge, clock: 'virtual' });
  vm.runInContext(await pageScript(), context, { filename: 'mobile-plans-webview.js' });
  return {
    context,
    ref,
    log,
    warnings,
    sent,
    run: (code, filename = 'page.js') => vm.runInContext(code, context, { filename }),
    post: toHost,
    setFrameUrl: (next) => void (frameUrl = next),
    async settle() {
      for (let rounds = 0; rounds < 1000; rounds++) {
        await tick();
        await ref.host.idle();
        if (inFlight === 0) break;
      }
      await tick();
    },
    close: () => ref.stop(),
  };
}
