import * as v from 'valibot';
import type { PortalCall } from '../core/inputs';
import { ARGUMENT_LIMITS, copyArgument, PAYLOAD_LIMITS } from '../portal/copy';
import { HAND_OFF_ENTRY_POINTS } from '../portal/entryPoints';
import { MAX_MESSAGE_LENGTH, PAGE_OPERATION_ID, PROTOCOL_VERSION, type PageMessage } from './protocol';

/*
 * The host's check of every page message (decision D42): the envelope by schema, then each
 * value the page passed copied with the same limits as the in-realm bridge, and the call's kind
 * held to its entry point's, so a page cannot start another flow than the method it names.
 */

const short = (max: number) => v.pipe(v.string(), v.maxLength(max));
const origin = short(2048);
const entryPoint = short(100);
const json = v.unknown();

const CallSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('profileDownload'), entryPoint, metadata: json, activationCode: json, downloadDelay: v.optional(json) }),
  v.strictObject({ kind: v.literal('purchaseWithProfileDownload'), entryPoint, metadata: json, activationCode: json, networkRegistrationInterval: json }),
  v.strictObject({ kind: v.literal('delayedProfile'), entryPoint, metadata: json, profileDownloadDelayInterval: json }),
  v.strictObject({ kind: v.literal('balanceAddition'), entryPoint, metadata: json, iccid: v.optional(json) }),
  v.strictObject({ kind: v.literal('cancelledPurchase'), entryPoint, metadata: json }),
  v.strictObject({ kind: v.literal('purchaseResult'), entryPoint, payload: json }),
]);

/** The codes the page's own bridge reports (copy refusals, misspellings, callbacks it cannot resolve). */
const PAGE_DIAGNOSTIC_CODES = ['callRefused', 'wrongType', 'unknownField', 'invalidCallback', 'undocumentedEntryPoint'] as const;

const NoticeSchema = v.strictObject({
  operationId: v.nullable(short(128)),
  entryPoint: v.nullable(entryPoint),
  diagnostic: v.strictObject({ code: v.picklist(PAGE_DIAGNOSTIC_CODES), severity: v.picklist(['error', 'warning']), field: v.optional(short(300)), message: short(2000) }),
});

const version = v.literal(PROTOCOL_VERSION);
const MessageSchema = v.variant('type', [
  v.strictObject({ mobilePlans: version, type: v.literal('call'), id: v.pipe(v.string(), v.regex(PAGE_OPERATION_ID)), origin, call: CallSchema }),
  v.strictObject({ mobilePlans: version, type: v.literal('cancel'), id: short(128), origin }),
  v.strictObject({ mobilePlans: version, type: v.literal('diagnostic'), origin, notice: NoticeSchema }),
]);

/** The JSON fields of each kind of call, and the limits each is read with. */
const JSON_FIELDS = ['metadata', 'activationCode', 'downloadDelay', 'networkRegistrationInterval', 'profileDownloadDelayInterval', 'iccid', 'payload'] as const;

/** A page message, checked; or what is wrong with it, for a diagnostic. */
export type ParsedMessage = { readonly ok: true; readonly message: PageMessage } | { readonly ok: false; readonly problem: string };

/**
 * Check a message from the page: a JSON string of at most {@link MAX_MESSAGE_LENGTH}
 * characters, of this protocol's version, of a known type, every field as the protocol says.
 *
 * @param raw - what the transport received
 * @returns the message, or the first problem found
 * @example parsePageMessage('{"mobilePlans":1,"type":"cancel","id":"wv-…","origin":"https://portal.example.com"}')
 */
export function parsePageMessage(raw: unknown): ParsedMessage {
  if (typeof raw !== 'string') return { ok: false, problem: `a message must be a JSON string, not ${raw === null ? 'null' : typeof raw}` };
  if (raw.length > MAX_MESSAGE_LENGTH) return { ok: false, problem: `a message of ${raw.length} characters is longer than the ${MAX_MESSAGE_LENGTH} allowed` };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'a message is not JSON' };
  }
  if (typeof data === 'object' && data !== null && (data as { mobilePlans?: unknown }).mobilePlans !== PROTOCOL_VERSION) {
    return { ok: false, problem: `a message is not of protocol version ${PROTOCOL_VERSION} (its "mobilePlans" field is ${JSON.stringify((data as { mobilePlans?: unknown }).mobilePlans ?? null).slice(0, 20)})` };
  }
  const checked = v.safeParse(MessageSchema, data);
  if (!checked.success) {
    const issue = checked.issues[0];
    const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
    return { ok: false, problem: `a message does not follow the protocol${path === '' ? '' : ` at ${path.slice(0, 100)}`}: ${issue.message.slice(0, 200)}` };
  }
  const message = checked.output as PageMessage;
  if (message.type !== 'call') return { ok: true, message };
  const call = checkedCall(message.call);
  return 'problem' in call ? { ok: false, problem: call.problem } : { ok: true, message: { ...message, call: call.call } };
}

/** The call with its entry point's own kind, and every value re-copied as plain data within the limits. */
function checkedCall(call: PortalCall & Record<string, unknown>): { call: PortalCall } | { problem: string } {
  const entry = HAND_OFF_ENTRY_POINTS.find((candidate) => `${candidate.object}.${candidate.method}` === call.entryPoint);
  if (entry === undefined) return { problem: `${JSON.stringify(call.entryPoint.slice(0, 60))} is not a portal entry point` };
  if (entry.toCall(call.entryPoint, []).kind !== call.kind) return { problem: `${call.entryPoint} does not make a ${call.kind} call` };
  const copy: Record<string, unknown> = { ...call };
  for (const field of JSON_FIELDS) {
    if (!Object.hasOwn(call, field) || call[field] === undefined) continue;
    const copied = copyArgument(call[field], field, field === 'payload' ? PAYLOAD_LIMITS : ARGUMENT_LIMITS);
    if (!copied.ok) return { problem: `${call.entryPoint}: ${copied.path} ${copied.problem}` };
    copy[field] = copied.value;
  }
  return { call: copy as PortalCall };
}
