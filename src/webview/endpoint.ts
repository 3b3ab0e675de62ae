import type { CallbackScript, DiagnosticNotice } from '../core/commands';
import { diagnostic, quote, type Diagnostic } from '../domain/diagnostics';
import type { Host } from '../host/host';
import { normalizeAllowedHosts, originProblem, type OriginPolicy } from '../portal/origin';
import { parsePageMessage } from './messages';
import { PROTOCOL_VERSION, type HostMessage, type PageMessage } from './protocol';

/**
 * One frame of the web view as the transport knows it: its address as the web view itself
 * reports it, and the way back to its page script. The endpoint keeps it with each operation the
 * frame started, to deliver that operation's callbacks.
 */
export interface WebViewFrame {
  /**
   * The frame's current address as the web view reports it (WebView2 `args.Source`, WKWebView
   * `frameInfo.securityOrigin`, Android `sourceOrigin`, Electron `senderFrame.url`, CDP
   * `source.frame.url()`); read at each message and each delivery. Never taken from a message.
   */
  url(): string;
  /** Send one message string to the frame's page script. */
  post(message: string): void | Promise<void>;
}

/** The host side of a transport: it hands every page message to the endpoint with its frame. */
export interface WebViewTransport {
  /**
   * Start handing over messages; returns the function that stops.
   * @param receive - call with each message exactly as received (a string) and the frame it came from
   */
  listen(receive: (message: unknown, frame: WebViewFrame) => void): () => void;
}

/** What the endpoint needs of the host: hand-offs (with the page's id) and cancels. */
export type WebViewHost = Pick<Host, 'send' | 'cancel'>;

/** How the endpoint is set up. */
export interface WebViewEndpointOptions {
  /** The operator's allowed hosts, as for `createPortalApi`: `portal.example.com`, `*.example.com`. */
  readonly allowedHosts: readonly string[];
  /** Where the page messages come from and the answers go. */
  readonly transport: WebViewTransport;
  /** Accept `http://localhost` and `http://127.0.0.1` frames too. Development only. */
  readonly allowLocalhost?: boolean;
  /** Told about every refused or malformed message, and what the page scripts report. */
  readonly onDiagnostic?: (notice: DiagnosticNotice) => void;
}

/** The host end of the web-view bridge. */
export interface WebViewEndpoint {
  /** Deliver a callback script's argument to the page that started the operation: wire the host's `effects.callback` to this. */
  deliver(operationId: string, script: CallbackScript, args: string): void;
  /** Stop listening to the transport. */
  close(): void;
}

/** One page that holds an operation: where it is, under which id it knows it, from which origin it called. */
interface Holder {
  readonly frame: WebViewFrame;
  readonly pageId: string;
  readonly origin: string;
}

const MAX_REMEMBERED_OPERATIONS = 10_000;

/**
 * Create the host end of the bridge to the page script (`mobile-plans-fulfillment/webview`'s
 * page script) in a web view. Every message is checked in this order: the frame's origin, as the
 * transport reports it, must be https on an allowed host (decision D7); the message must follow
 * the protocol (a malformed one is a diagnostic, never a throw); the origin the message claims
 * must be the transport's, else it is refused and logged (decision D44). A hand-off starts its
 * operation under the id the page minted (decision D43); callbacks go back to the frame that
 * started it, while that frame is still on the same origin.
 *
 * @param host - the host runtime (`createHost`)
 * @param options - allow-list, transport and diagnostics sink
 * @example
 * const endpoint = createWebViewEndpoint(host, { allowedHosts: ['portal.example.com'], transport: playwrightTransport(page) });
 * // effects.callback = (id, script, args) => endpoint.deliver(id, script, args)
 */
export function createWebViewEndpoint(host: WebViewHost, options: WebViewEndpointOptions): WebViewEndpoint {
  const policy: OriginPolicy = { allowedHosts: normalizeAllowedHosts(options.allowedHosts), allowLocalhost: options.allowLocalhost === true };
  const holders = new Map<string, Holder[]>();
  /** A page id the host answered with another operation (the one already downloading that code). */
  const aliases = new Map<string, string>();

  const notify = (operationId: string | null, entryPoint: string | null, d: Diagnostic): void => {
    try {
      options.onDiagnostic?.({ operationId, entryPoint, diagnostic: d });
    } catch {
      // A failing diagnostics sink must not break the bridge.
    }
  };
  const post = (frame: WebViewFrame, message: HostMessage, operationId: string): void => {
    const failed = (): void => notify(operationId, null, diagnostic('invalidCallback', `a message to the page for ${operationId} could not be sent to its frame`, 'transport'));
    try {
      const sent = frame.post(JSON.stringify(message));
      if (sent instanceof Promise) sent.catch(failed);
    } catch {
      failed();
    }
  };
  const remember = <K, V>(map: Map<K, V>, key: K, value: V): void => {
    if (map.size >= MAX_REMEMBERED_OPERATIONS && !map.has(key)) map.delete(map.keys().next().value as K);
    map.set(key, value);
  };

  /** The frame's origin when it may talk to the host, or why not. */
  const frameOrigin = (frame: WebViewFrame): { origin: string } | { problem: string; shown: string } => {
    let url: unknown;
    try {
      url = frame.url();
    } catch {
      return { problem: 'the web view could not say which page sent it', shown: 'an unknown page' };
    }
    const problem = originProblem(url, policy);
    if (problem === null) return { origin: new URL(url as string).origin };
    return { problem, shown: shownOrigin(url) };
  };

  const call = (message: Extract<PageMessage, { type: 'call' }>, frame: WebViewFrame, origin: string): void => {
    const holder: Holder = { frame, pageId: message.id, origin };
    // Registered before the call: the host may answer an invalid activation code within it.
    const earlier = holders.get(message.id);
    remember(holders, message.id, [holder]);
    const reply = host.send({ type: 'portal.call', call: message.call, operationId: message.id, origin });
    if (reply.type === 'operation' && reply.created) return post(frame, { mobilePlans: PROTOCOL_VERSION, type: 'reply', id: message.id, started: true }, reply.operationId);
    if (earlier === undefined) holders.delete(message.id);
    else holders.set(message.id, earlier);
    if (reply.type === 'operation') {
      // The operation already downloading this code: the page's id stands for it from now on.
      remember(aliases, message.id, reply.operationId);
      const existing = holders.get(reply.operationId) ?? [];
      if (existing.every((h) => h.origin === origin)) remember(holders, reply.operationId, [...existing, holder]);
      return post(frame, { mobilePlans: PROTOCOL_VERSION, type: 'reply', id: message.id, started: true }, reply.operationId);
    }
    const reason = reply.type === 'refused' ? reply.error.message : reply.type === 'ignored' ? reply.reason : 'the host gave no operation';
    // The core reports the refusals it finds in a call's values; the page's id and an ignored call are reported here.
    if (reply.type !== 'refused' || reply.error.field === 'operationId') {
      notify(null, message.call.entryPoint, diagnostic('callRefused', `${message.call.entryPoint} from ${origin} was ${reply.type === 'refused' ? 'refused' : 'ignored'}: ${reason}`, reply.type === 'refused' ? 'operationId' : 'arguments'));
    }
    post(frame, { mobilePlans: PROTOCOL_VERSION, type: 'reply', id: message.id, started: false, reason }, message.id);
  };

  const receive = (raw: unknown, frame: WebViewFrame): void => {
    const from = frameOrigin(frame);
    if ('problem' in from) {
      notify(null, null, diagnostic('callRefused', `a message from ${from.shown} was refused and nothing was started: ${from.problem}`, 'origin'));
      return;
    }
    const { origin } = from;
    const parsed = parsePageMessage(raw);
    if (!parsed.ok) {
      notify(null, null, diagnostic('callRefused', `a message from ${origin} was refused: ${parsed.problem}`, 'message'));
      return;
    }
    const message = parsed.message;
    const entryPoint = message.type === 'call' ? message.call.entryPoint : message.type === 'cancel' ? 'MobilePlansInlineOperations.notifyOperationCancel' : null;
    if (message.origin !== origin) {
      notify(null, entryPoint, diagnostic('callRefused', `a message from ${origin} claims to come from ${quote(message.origin, 100)} and was refused; nothing was started`, 'origin'));
      if (message.type === 'call') post(frame, { mobilePlans: PROTOCOL_VERSION, type: 'reply', id: message.id, started: false, reason: 'the message claims another origin than its frame' }, message.id);
      return;
    }
    switch (message.type) {
      case 'call':
        return call(message, frame, origin);
      case 'cancel': {
        // The host refuses a cancel from another origin than the one that started the operation.
        const cancelled = host.cancel(aliases.get(message.id) ?? message.id, origin);
        return post(frame, { mobilePlans: PROTOCOL_VERSION, type: 'cancelled', id: message.id, cancelled }, message.id);
      }
      case 'diagnostic': {
        const d = message.notice.diagnostic;
        return notify(message.notice.operationId, message.notice.entryPoint, { ...d, message: `the page at ${origin} reports: ${d.message}` });
      }
    }
  };

  const stop = options.transport.listen((raw, frame) => {
    try {
      receive(raw, frame);
    } catch (error) {
      notify(null, null, diagnostic('callRefused', `a page message could not be handled (${error instanceof Error ? error.message.slice(0, 200) : 'an unknown failure'})`, 'message'));
    }
  });

  return {
    deliver(operationId, script, args) {
      for (const holder of holders.get(operationId) ?? []) {
        const now = frameOrigin(holder.frame);
        if (!('origin' in now) || now.origin !== holder.origin) {
          notify(operationId, null, diagnostic('invalidCallback', `${script} for ${operationId} was not delivered: its frame is no longer on ${holder.origin}`, 'origin'));
          continue;
        }
        post(holder.frame, { mobilePlans: PROTOCOL_VERSION, type: 'callback', id: holder.pageId, origin: holder.origin, script, args }, operationId);
      }
    },
    close() {
      stop();
    },
  };
}

/** An address's origin for a message (the path and query may carry launch parameters), or a placeholder. */
function shownOrigin(url: unknown): string {
  if (typeof url !== 'string') return 'an unknown page';
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? quote(`${parsed.protocol}…`, 20) : quote(parsed.origin, 100);
  } catch {
    return 'a page with an unreadable address';
  }
}
