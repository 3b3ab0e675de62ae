import { PAGE_NAMES } from '../protocol';

/** The page side of a transport: send a string to the host, hear the host's strings. */
export interface PageTransport {
  /** Which web view this is, for messages. */
  readonly kind: 'webview2' | 'wkwebview' | 'android-listener' | 'android-interface' | 'electron' | 'cdp';
  send(message: string): void;
  /** Called once: each string the host sends comes to `receive`. */
  listen(receive: (message: string) => void): void;
}

type Fn = (...args: unknown[]) => unknown;
const isFunction = (value: unknown): value is Fn => typeof value === 'function';
const get = (holder: unknown, key: string): unknown => {
  try {
    return holder !== null && (typeof holder === 'object' || typeof holder === 'function') ? Reflect.get(holder, key) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Define the function a host calls with its messages by evaluating script in the page
 * (WKWebView `evaluateJavaScript`, Android `evaluateJavascript`, CDP `Runtime.evaluate`).
 */
function defineReceive(page: object, receive: (message: string) => void): void {
  Object.defineProperty(page, PAGE_NAMES.receive, { value: (message: unknown) => void (typeof message === 'string' && receive(message)), enumerable: false, configurable: true });
}

/**
 * Find the transport the host set up in this page, by what the web view put there. Looked up
 * when the first message is sent (a CDP binding may be added after the page script ran); null
 * when there is none.
 *
 * @param page - the page's global object
 */
export function detectPageTransport(page: object): PageTransport | null {
  const webview = get(get(page, 'chrome'), 'webview');
  if (isFunction(get(webview, 'postMessage')) && isFunction(get(webview, 'addEventListener'))) {
    // WebView2: PostWebMessageAsString arrives as a MessageEvent whose data is the string.
    return {
      kind: 'webview2',
      send: (message) => void Reflect.apply(get(webview, 'postMessage') as Fn, webview, [message]),
      listen: (receive) => void Reflect.apply(get(webview, 'addEventListener') as Fn, webview, ['message', (event: unknown) => typeof get(event, 'data') === 'string' && receive(get(event, 'data') as string)]),
    };
  }
  const handler = get(get(get(page, 'webkit'), 'messageHandlers'), PAGE_NAMES.webkitHandler);
  if (isFunction(get(handler, 'postMessage'))) {
    return { kind: 'wkwebview', send: (message) => void Reflect.apply(get(handler, 'postMessage') as Fn, handler, [message]), listen: (receive) => defineReceive(page, receive) };
  }
  const listener = get(page, PAGE_NAMES.androidListener);
  if (isFunction(get(listener, 'postMessage')) && isFunction(get(listener, 'addEventListener'))) {
    // WebViewCompat.addWebMessageListener: the host answers through the JavaScriptReplyProxy.
    return {
      kind: 'android-listener',
      send: (message) => void Reflect.apply(get(listener, 'postMessage') as Fn, listener, [message]),
      listen: (receive) => void Reflect.apply(get(listener, 'addEventListener') as Fn, listener, ['message', (event: unknown) => typeof get(event, 'data') === 'string' && receive(get(event, 'data') as string)]),
    };
  }
  const javascriptInterface = get(page, PAGE_NAMES.androidInterface);
  if (isFunction(get(javascriptInterface, 'postMessage'))) {
    return { kind: 'android-interface', send: (message) => void Reflect.apply(get(javascriptInterface, 'postMessage') as Fn, javascriptInterface, [message]), listen: (receive) => defineReceive(page, receive) };
  }
  const electron = get(page, PAGE_NAMES.electron);
  if (isFunction(get(electron, 'postMessage')) && isFunction(get(electron, 'onMessage'))) {
    return {
      kind: 'electron',
      send: (message) => void Reflect.apply(get(electron, 'postMessage') as Fn, electron, [message]),
      listen: (receive) => void Reflect.apply(get(electron, 'onMessage') as Fn, electron, [(message: unknown) => typeof message === 'string' && receive(message)]),
    };
  }
  const binding = get(page, PAGE_NAMES.cdpBinding);
  if (isFunction(binding)) {
    return {
      kind: 'cdp',
      // Playwright's exposeBinding returns a promise; a refused one must not reach the page's console as unhandled.
      send: (message) => void Promise.resolve(Reflect.apply(binding, page, [message])).catch(() => undefined),
      listen: (receive) => defineReceive(page, receive),
    };
  }
  return null;
}
