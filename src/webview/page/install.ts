import type { CallbackScript, DiagnosticNotice } from '../../core/commands';
import { createPortalApi, type PortalApi } from '../../portal/api';
import { MAX_MESSAGE_LENGTH, PROTOCOL_VERSION, type PageMessage } from '../protocol';
import { detectPageTransport, type PageTransport } from './pageTransport';
import { createRemoteHost } from './remoteHost';

/** How the page script is installed; everything is found on the page unless given. */
export interface WebViewPageOptions {
  /** The transport to the host; default: the one the web view set up (see `detectPageTransport`). */
  readonly transport?: PageTransport;
  /** Where the page prints what its portal developer should fix; default the page's `console`, false for nowhere. */
  readonly console?: { warn(message: string): void } | false;
}

const CALLBACK_SCRIPTS: ReadonlySet<string> = new Set<CallbackScript>(['registrationChanged', 'profileActivationComplete']);

/**
 * Define every generation's portal objects on a web view's page, with the host behind a
 * transport: the same objects, checks, synchronous returns and callback resolution as
 * `createPortalApi` in one realm (they are that code), each call forwarded as a message. The
 * page-side origin check only refuses what the page can see itself (not https); the host
 * checks the allow-list against the origin the web view reports (decision D44).
 *
 * @param page - the page's global object (`window`)
 * @param options - transport and console
 * @returns the installed API (`uninstall()` removes the objects)
 */
export function installWebViewPage(page: object, options: WebViewPageOptions = {}): PortalApi {
  const location = (): { href: string; host: string; protocol: string; origin: string } | null => {
    const value: unknown = Reflect.get(page, 'location');
    return typeof value === 'object' && value !== null ? (value as { href: string; host: string; protocol: string; origin: string }) : null;
  };
  const out = options.console === false ? null : (options.console ?? (Reflect.get(page, 'console') as { warn(message: string): void } | undefined) ?? null);
  let transport: PageTransport | null = options.transport ?? null;
  let listening = false;
  const currentTransport = (): PageTransport | null => {
    transport ??= detectPageTransport(page);
    if (transport !== null && !listening) {
      listening = true;
      transport.listen(receive);
    }
    return transport;
  };
  const notify = (notice: DiagnosticNotice): void => {
    try {
      out?.warn(`[MobilePlans] ${notice.diagnostic.message}`);
    } catch {
      // A broken console must not break the call.
    }
    const origin = location()?.origin ?? '';
    const message: PageMessage = { mobilePlans: PROTOCOL_VERSION, type: 'diagnostic', origin, notice };
    try {
      currentTransport()?.send(JSON.stringify(message));
    } catch {
      // The host hears the page's own findings when it can; the page has printed them.
    }
  };
  const host = createRemoteHost({ transport: currentTransport, newId: () => newOperationId(page), notify });

  const here = location();
  // The page's own host: https here, or http on localhost, is all the page can judge (D44).
  const allowedHosts = here !== null && here.protocol === 'https:' && here.host !== '' ? [here.host] : [];
  let api: PortalApi;
  try {
    api = createPortalApi(host, { origin: () => location()?.href ?? '', allowedHosts, allowLocalhost: true, onDiagnostic: notify });
  } catch {
    api = createPortalApi(host, { origin: () => location()?.href ?? '', allowedHosts: [], allowLocalhost: true, onDiagnostic: notify });
  }

  function receive(text: string): void {
    if (text.length > MAX_MESSAGE_LENGTH) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    if (m['mobilePlans'] !== PROTOCOL_VERSION || typeof m['id'] !== 'string') return;
    if (m['type'] === 'reply' && m['started'] === false) {
      host.refused(m['id']);
      out?.warn(`[MobilePlans] the host started nothing for ${m['id']}${typeof m['reason'] === 'string' ? `: ${m['reason'].slice(0, 300)}` : ''}`);
    } else if (m['type'] === 'callback' && typeof m['script'] === 'string' && CALLBACK_SCRIPTS.has(m['script']) && typeof m['args'] === 'string') {
      // The host names the origin the callback is for; a page that is no longer it hears nothing.
      if (m['origin'] !== location()?.origin) return;
      api.deliver(m['id'], m['script'] as CallbackScript, m['args']);
    }
  }

  api.install(page);
  // Find the transport now if it is there, so callbacks for this page are heard from the start.
  currentTransport();
  return api;
}

/** `wv-` and a random UUID, from the page's own `crypto` (present on every https page). */
function newOperationId(page: object): string | null {
  try {
    const crypto = Reflect.get(page, 'crypto') as { randomUUID?: () => string } | undefined;
    const uuid = crypto?.randomUUID?.();
    return typeof uuid === 'string' ? `wv-${uuid}` : null;
  } catch {
    return null;
  }
}
