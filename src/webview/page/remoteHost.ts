import type { DiagnosticNotice } from '../../core/commands';
import type { PortalCall, Reply } from '../../core/inputs';
import { parseDelay, type DelayField } from '../../domain/delay';
import { diagnostic } from '../../domain/diagnostics';
import type { PortalHost } from '../../portal/api';
import { PROTOCOL_VERSION, type PageMessage } from '../protocol';
import type { PageTransport } from './pageTransport';

/** What the page's stand-in for the host needs around it. */
export interface RemoteHostContext {
  /** The transport, found when first needed; null while the web view has set up none. */
  transport(): PageTransport | null;
  /** A new operation id, `wv-` and a random UUID; null when the page has no secure random source. */
  newId(): string | null;
  /** Where problems the page finds go (its console, and the host as a diagnostic message). */
  notify(notice: DiagnosticNotice): void;
}

/** The page's stand-in for the host, and what it heard back. */
export interface RemoteHost extends PortalHost {
  /** The host refused or ignored the hand-off that minted `id`: nothing runs under it. */
  refused(id: string): void;
}

/** The delay parameter of a call, when it has one the host would refuse the call for. */
function delayOf(call: PortalCall): { field: DelayField; value: unknown } | null {
  if (call.kind === 'profileDownload') return call.downloadDelay === undefined || call.downloadDelay === null ? null : { field: 'downloadDelay', value: call.downloadDelay };
  if (call.kind === 'purchaseWithProfileDownload') return { field: 'networkRegistrationInterval', value: call.networkRegistrationInterval };
  if (call.kind === 'delayedProfile') return { field: 'profileDownloadDelayInterval', value: call.profileDownloadDelayInterval };
  return null;
}

/**
 * The host as the page's portal objects see it (decision D43): a hand-off mints the operation
 * id here, sends the call, and returns the id at once, so the page gets its
 * `MobilePlansOperationContext` synchronously; the host starts the operation under that id.
 * What the page can check itself, it checks first, so a bad delay returns null here as it does
 * in the app. A cancel is sent, and returns true once sent (its answer arrives later).
 *
 * @param context - the transport, the id source and the diagnostics sink
 */
export function createRemoteHost(context: RemoteHostContext): RemoteHost {
  const refusedIds = new Set<string>();
  const post = (message: PageMessage): string | null => {
    const transport = context.transport();
    if (transport === null) return 'this web view has no Mobile Plans host transport set up';
    try {
      transport.send(JSON.stringify(message));
      return null;
    } catch {
      return 'the message to the host could not be sent';
    }
  };

  return {
    call(call, origin): Reply {
      const delay = delayOf(call);
      const parsed = delay === null ? null : parseDelay(delay.value, delay.field);
      if (parsed !== null && !parsed.ok) {
        context.notify({ operationId: null, entryPoint: call.entryPoint, diagnostic: diagnostic('callRefused', parsed.error.message, parsed.error.field ?? 'arguments') });
        return { type: 'refused', error: parsed.error };
      }
      const id = context.newId();
      if (id === null) return { type: 'ignored', reason: 'the page has no secure random source for an operation id (crypto.randomUUID)' };
      const problem = post({ mobilePlans: PROTOCOL_VERSION, type: 'call', id, origin: origin ?? '', call });
      return problem === null ? { type: 'operation', operationId: id, created: true } : { type: 'ignored', reason: problem };
    },
    cancel(operationId, origin) {
      if (refusedIds.has(operationId)) return false;
      return post({ mobilePlans: PROTOCOL_VERSION, type: 'cancel', id: operationId, origin: origin ?? '' }) === null;
    },
    refused(id) {
      if (refusedIds.size >= 10_000) refusedIds.clear();
      refusedIds.add(id);
    },
  };
}
