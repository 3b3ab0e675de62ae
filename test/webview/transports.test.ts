import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceHost, type ReferenceHost } from '../../reference-host/host';
import { electronTransport, nativeTransport, type ElectronIpcEvent, type WebViewTransport } from '../../src/webview/index';
import { PAGE_NAMES } from '../../src/webview/protocol';
import { pageScript } from './webViewPage';

/*
 * Each web view's page side, as the page script finds it, joined to its host side: what the
 * native code of docs/webview.md does, played by node:vm and a macrotask per hop. One inline
 * download each; both callbacks must come back into the page.
 */

const URL_ = new URL('https://portal.example.com/buy');
const later = (action: () => void): void => void setImmediate(action);
type Page = Record<string, unknown> & { heard: string[] };

/** One web view: what it defines on the page, and the host side that carries its messages. */
interface WebView {
  readonly name: string;
  setUp(page: Page): WebViewTransport;
}

const receiveHook = (page: Page) => (reply: string): void => later(() => (page[PAGE_NAMES.receive] as (m: string) => void)(reply));

const WEB_VIEWS: WebView[] = [
  {
    name: 'WebView2 (chrome.webview, PostWebMessageAsString)',
    setUp(page) {
      const bridge = nativeTransport();
      const listeners: Array<(event: { data: string }) => void> = [];
      page['chrome'] = { webview: { postMessage: (m: string) => later(() => bridge.receive(m, URL_.href, (reply) => later(() => listeners.forEach((l) => l({ data: reply }))))), addEventListener: (_: string, l: (event: { data: string }) => void) => void listeners.push(l) } };
      return bridge;
    },
  },
  {
    name: 'WKWebView (webkit.messageHandlers.mobilePlans, evaluateJavaScript)',
    setUp(page) {
      const bridge = nativeTransport();
      page['webkit'] = { messageHandlers: { [PAGE_NAMES.webkitHandler]: { postMessage: (m: string) => later(() => bridge.receive(m, 'https://portal.example.com/', receiveHook(page))) } } };
      return bridge;
    },
  },
  {
    name: 'Android WebMessageListener (mobilePlansBridge, replyProxy)',
    setUp(page) {
      const bridge = nativeTransport();
      const listeners: Array<(event: { data: string }) => void> = [];
      page[PAGE_NAMES.androidListener] = { postMessage: (m: string) => later(() => bridge.receive(m, 'https://portal.example.com', (reply) => later(() => listeners.forEach((l) => l({ data: reply }))))), addEventListener: (_: string, l: (event: { data: string }) => void) => void listeners.push(l) };
      return bridge;
    },
  },
  {
    name: 'Android JavaScript interface (mobilePlansAndroid, evaluateJavascript)',
    setUp(page) {
      const bridge = nativeTransport();
      page[PAGE_NAMES.androidInterface] = { postMessage: (m: string) => later(() => bridge.receive(m, () => URL_.href, receiveHook(page))) };
      return bridge;
    },
  },
  {
    name: 'Electron (contextBridge object, ipcMain, senderFrame)',
    setUp(page) {
      let onMain: ((event: ElectronIpcEvent, message: unknown) => void) | null = null;
      const rendererListeners: Array<(message: string) => void> = [];
      const senderFrame = { url: URL_.href, send: (_channel: string, reply: string) => later(() => rendererListeners.forEach((l) => l(reply))) };
      page[PAGE_NAMES.electron] = { postMessage: (m: string) => later(() => onMain?.({ senderFrame }, m)), onMessage: (l: (message: string) => void) => void rendererListeners.push(l) };
      return electronTransport({ on: (_channel, listener) => void (onMain = listener), removeListener: () => void (onMain = null) });
    },
  },
];

let ref: ReferenceHost | undefined;
afterEach(() => ref?.stop());

describe('each web view’s transport, page side and host side', () => {
  it.each(WEB_VIEWS.map((w) => [w.name, w] as const))('%s', async (_, webView) => {
    const page = vm.createContext({ URL, crypto: globalThis.crypto, setTimeout, queueMicrotask, console: { warn: () => undefined }, location: { href: URL_.href, host: URL_.host, protocol: URL_.protocol, origin: URL_.origin }, heard: [] }) as Page;
    ref = await startReferenceHost({ transport: webView.setUp(page), clock: 'virtual' });
    vm.runInContext(await pageScript(), page);
    const op = vm.runInContext(`
      function onDone(args) { heard.push('profileActivationComplete ' + args); }
      function onReg(args) { heard.push('registrationChanged ' + args); }
      MobilePlansInlineOperations.profileActivationCompleteScript = 'onDone';
      MobilePlansInlineOperations.registrationChangedScript = 'onReg';
      MobilePlansInlineOperations.notifyProfileDownload({ userAccount: 'New', moDirectStatus: 'Complete', planName: 'Plan' }, '1$smdp.example.com$TRANSPORT-1');
    `, page) as { id: string };
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    await ref.advance(1);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(ref.host.operations()).toEqual([expect.objectContaining({ id: op.id, outcome: 'connected' })]);
    expect(page.heard).toEqual(ref.callbacks().map((c) => `${c.script} ${c.args}`));
    expect(page.heard.length).toBeGreaterThanOrEqual(2);
  });
});
