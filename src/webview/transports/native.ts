import type { WebViewFrame, WebViewTransport } from '../endpoint';

/**
 * A transport fed by native code (WebView2, WKWebView, Android): the native message handler
 * calls {@link NativeTransport.receive} with the message, the address the web view reports for
 * the sending frame, and how to answer that frame. docs/webview.md has the snippet for each.
 */
export interface NativeTransport extends WebViewTransport {
  /**
   * Hand one page message to the endpoint.
   * @param message - the message string as the web view delivered it
   * @param url - the sending frame's address as the web view reports it (WebView2 `args.Source`, WKWebView `frameInfo.securityOrigin`, Android `sourceOrigin`), or a function reading it now
   * @param post - send a message string back to that frame's page script
   */
  receive(message: unknown, url: string | (() => string), post: (message: string) => void | Promise<void>): void;
}

/**
 * Create a transport for a native web view. Messages received before the endpoint listens are
 * dropped (the endpoint is created before the web view navigates).
 *
 * @example
 * const bridge = nativeTransport();
 * const endpoint = createWebViewEndpoint(host, { allowedHosts: ['portal.example.com'], transport: bridge });
 * // native: on each message, bridge.receive(message, sourceUrl, (reply) => postToFrame(reply))
 */
export function nativeTransport(): NativeTransport {
  let listener: ((message: unknown, frame: WebViewFrame) => void) | null = null;
  return {
    listen(receive) {
      listener = receive;
      return () => void (listener = null);
    },
    receive(message, url, post) {
      listener?.(message, { url: typeof url === 'function' ? url : () => url, post });
    },
  };
}
