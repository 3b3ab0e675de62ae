import { PAGE_NAMES } from '../protocol';
import type { WebViewFrame, WebViewTransport } from '../endpoint';

/** The part of a Playwright `Page` (or `BrowserContext`) the binding transport uses. */
export interface PlaywrightBindingTarget {
  /** Give every frame a page function that calls `callback` with the calling frame. */
  exposeBinding(name: string, callback: (source: { readonly frame: PlaywrightFrame }, message: unknown) => unknown): Promise<unknown>;
}

/** The part of a Playwright `Frame` the binding transport uses. */
export interface PlaywrightFrame {
  /** The frame's address, as the browser records it. */
  url(): string;
  /** Run a function in the frame's page. */
  evaluate(pageFunction: (args: readonly [string, string]) => unknown, arg: readonly [string, string]): Promise<unknown>;
}

/** Call the page script's receive hook with a message (runs in the page). */
const receiveInPage = ([name, message]: readonly [string, string]): void => {
  const receive = (globalThis as Record<string, unknown>)[name];
  if (typeof receive === 'function') (receive as (message: string) => unknown)(message);
};

/**
 * The CDP binding transport, through Playwright: `exposeBinding` gives the page script its
 * `__mobilePlansCdp` function in every frame, and tells the host which frame called
 * (`source.frame.url()`, the browser's own record of the frame's address); answers go back by
 * evaluating the page script's receive hook in that frame.
 *
 * @param target - a Playwright page or browser context (before the portal page loads)
 * @example
 * const transport = await playwrightTransport(page);
 * const endpoint = createWebViewEndpoint(host, { allowedHosts: ['portal.example.com'], transport });
 */
export async function playwrightTransport(target: PlaywrightBindingTarget): Promise<WebViewTransport> {
  let receive: ((message: unknown, frame: WebViewFrame) => void) | null = null;
  await target.exposeBinding(PAGE_NAMES.cdpBinding, ({ frame }, message) => {
    receive?.(message, { url: () => frame.url(), post: async (reply) => void (await frame.evaluate(receiveInPage, [PAGE_NAMES.receive, reply])) });
  });
  return {
    listen(next) {
      receive = next;
      return () => void (receive = null);
    },
  };
}

/** The part of a CDP session (Puppeteer's `CDPSession`, chrome-remote-interface) the raw transport uses. */
export interface CdpSession {
  /** Send a DevTools Protocol command. */
  send(method: string, params?: object): Promise<unknown>;
  /** Listen to a DevTools Protocol event. */
  on(event: string, listener: (params: never) => void): unknown;
  /** Stop listening. */
  off(event: string, listener: (params: never) => void): unknown;
}

interface ContextCreated {
  readonly context: { readonly id: number; readonly origin: string; readonly auxData?: { readonly isDefault?: boolean } };
}
interface BindingCalled {
  readonly name: string;
  readonly payload: string;
  readonly executionContextId: number;
}

/**
 * The CDP binding transport over a raw DevTools session (Puppeteer, chrome-remote-interface):
 * `Runtime.addBinding`, with the calling frame's origin from its execution context
 * (`Runtime.executionContextCreated`, recorded by the browser), answers by `Runtime.evaluate`
 * in that context.
 *
 * @param session - a CDP session attached to the web view's page target
 * @example const transport = await cdpTransport(await page.createCDPSession()); // Puppeteer
 */
export async function cdpTransport(session: CdpSession): Promise<WebViewTransport> {
  const origins = new Map<number, string>();
  let receive: ((message: unknown, frame: WebViewFrame) => void) | null = null;
  const created = ({ context }: ContextCreated): void => {
    if (context.auxData?.isDefault !== false) origins.set(context.id, context.origin);
  };
  const destroyed = ({ executionContextId }: { executionContextId: number }): void => void origins.delete(executionContextId);
  const called = ({ name, payload, executionContextId }: BindingCalled): void => {
    if (name !== PAGE_NAMES.cdpBinding) return;
    receive?.(payload, {
      // An origin is enough: the endpoint reads nothing else of the address.
      url: () => `${origins.get(executionContextId) ?? ''}/`,
      post: async (reply) => {
        const expression = `globalThis[${JSON.stringify(PAGE_NAMES.receive)}]?.(${JSON.stringify(reply)})`;
        await session.send('Runtime.evaluate', { expression, contextId: executionContextId });
      },
    });
  };
  session.on('Runtime.executionContextCreated', created);
  session.on('Runtime.executionContextDestroyed', destroyed);
  session.on('Runtime.bindingCalled', called);
  await session.send('Runtime.enable');
  await session.send('Runtime.addBinding', { name: PAGE_NAMES.cdpBinding });
  return {
    listen(next) {
      receive = next;
      return () => {
        receive = null;
        session.off('Runtime.executionContextCreated', created);
        session.off('Runtime.executionContextDestroyed', destroyed);
        session.off('Runtime.bindingCalled', called);
      };
    },
  };
}
