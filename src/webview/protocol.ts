/**
 * The web-view bridge's messages (decision D42, docs/decisions.md): JSON strings with a
 * `mobilePlans` version field, so a host that shares its channel with other messages can tell
 * them apart. Shared by the page script and the host endpoint; the host validates every
 * message it receives (src/webview/messages.ts), the page script checks what it reads.
 */
import type { CallbackScript, DiagnosticNotice } from '../core/commands';
import type { PortalCall } from '../core/inputs';

/** The version of the message format; the `mobilePlans` field of every message. */
export const PROTOCOL_VERSION = 1;

/** The longest message either side reads, in UTF-16 code units (a legacy payload may be 1 MiB). */
export const MAX_MESSAGE_LENGTH = 2 * 1024 * 1024;

/**
 * Operation ids the page script mints: `wv-` and a random UUID (unguessable, decision D28).
 * The host adopts the id for the operation it starts (decision D43).
 */
export const PAGE_OPERATION_ID = /^wv-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What the page script sends. `origin` is what the page believes its origin is: the host never
 * uses it, only compares it with the transport's and refuses the message when they differ.
 */
export type PageMessage =
  | { readonly mobilePlans: 1; readonly type: 'call'; readonly id: string; readonly origin: string; readonly call: PortalCall }
  | { readonly mobilePlans: 1; readonly type: 'cancel'; readonly id: string; readonly origin: string }
  | { readonly mobilePlans: 1; readonly type: 'diagnostic'; readonly origin: string; readonly notice: DiagnosticNotice };

/**
 * What the host sends back: the outcome of a hand-off (`started` false: nothing runs under that
 * id), of a cancel, and each callback script's JSON argument, with the origin it is for.
 */
export type HostMessage =
  | { readonly mobilePlans: 1; readonly type: 'reply'; readonly id: string; readonly started: boolean; readonly reason?: string }
  | { readonly mobilePlans: 1; readonly type: 'cancelled'; readonly id: string; readonly cancelled: boolean }
  | { readonly mobilePlans: 1; readonly type: 'callback'; readonly id: string; readonly origin: string; readonly script: CallbackScript; readonly args: string };

/**
 * The names the page script looks for (each transport's page side) and defines (`receive`, the
 * function a host that evaluates script in the page calls with each of its messages).
 */
export const PAGE_NAMES = {
  /** WKWebView: `webkit.messageHandlers.mobilePlans`. */
  webkitHandler: 'mobilePlans',
  /** Android `WebViewCompat.addWebMessageListener(webView, "mobilePlansBridge", …)`. */
  androidListener: 'mobilePlansBridge',
  /** Android `webView.addJavascriptInterface(bridge, "mobilePlansAndroid")`. */
  androidInterface: 'mobilePlansAndroid',
  /** Electron: `contextBridge.exposeInMainWorld("mobilePlansElectron", { postMessage, onMessage })`. */
  electron: 'mobilePlansElectron',
  /** CDP: `Runtime.addBinding({ name: "__mobilePlansCdp" })` or Playwright's `exposeBinding`. */
  cdpBinding: '__mobilePlansCdp',
  /** The page function a host calls with a message string (`evaluateJavaScript`, `Runtime.evaluate`). */
  receive: '__mobilePlansReceive',
} as const;
