/**
 * `mobile-plans-fulfillment/webview`: the portal bridge across a web view's boundary. The page
 * script (`mobile-plans-fulfillment/webview-page`, a file to inject into every frame) defines
 * every generation's portal objects in the page and sends each call as a versioned JSON message;
 * {@link createWebViewEndpoint} receives them in the host, with the origin the web view reports.
 * One transport per web view: {@link nativeTransport} (WebView2, WKWebView, Android),
 * {@link electronTransport}, {@link playwrightTransport} and {@link cdpTransport} (DevTools
 * bindings). docs/webview.md has the native code of each.
 * Room: imports only src/portal, src/host, src/core and src/domain, no Node modules (rules: eslint.config.mjs); `page/` is
 * the page script's source, `transports/` one file per web view.
 *
 * Every name is listed on purpose (api/webview.api.md).
 * @packageDocumentation
 */
export { createWebViewEndpoint, type WebViewEndpoint, type WebViewEndpointOptions, type WebViewFrame, type WebViewHost, type WebViewTransport } from './endpoint';
export { PROTOCOL_VERSION, MAX_MESSAGE_LENGTH, PAGE_NAMES, type PageMessage, type HostMessage } from './protocol';
export { nativeTransport, type NativeTransport } from './transports/native';
export { electronTransport, ELECTRON_CHANNEL, type ElectronIpcMain, type ElectronIpcEvent } from './transports/electron';
export { playwrightTransport, cdpTransport, type PlaywrightBindingTarget, type PlaywrightFrame, type CdpSession } from './transports/cdp';
export { pageScriptUrl } from './pageScript';
