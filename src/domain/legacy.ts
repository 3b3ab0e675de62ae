import { describeType, diagnostic, quote, unknownFieldDiagnostics, type Diagnostic } from './diagnostics';
import { LEGACY_REQUIRED_METADATA_FIELDS, normalizeMetadata, type PurchaseMetadata } from './metadata';
import { domainError, err, ok, type Result } from './result';
import { validateTransactionId } from './transactionId';

/**
 * A `DataMart.notifyPurchaseResult(payload)` hand-off, read (decision D10 in
 * docs/decisions.md: the legacy notifications' v1 result). The activation code and ICCID are passed on unvalidated: the caller checks them.
 */
export type LegacyPurchase = {
  /** The payload's `ver` (`"1"`). */
  version: string;
  success: boolean;
  metadata: PurchaseMetadata;
  transactionId?: string;
  /** Absent when empty (physical SIM or failed purchase). Secret: never log it. */
  activationCode?: string;
  /** From `iccid` or `Iccid`; absent when empty. */
  iccid?: string;
  diagnostics: Diagnostic[];
};

/** The longest payload string parsed, in characters; a larger one is refused unread. */
export const MAX_LEGACY_PAYLOAD_LENGTH = 1024 * 1024;

/** The payload version this generation defines. */
export const LEGACY_PAYLOAD_VERSION = '1';

/** The payload's keys; `Iccid` is how one published example spells `iccid`. */
const KNOWN_KEYS = ['ver', 'success', 'purchaseResult', 'transactionId', 'activationCode', 'iccid', 'Iccid'] as const;
type KnownKey = (typeof KNOWN_KEYS)[number];
const KNOWN_KEY_SET: ReadonlySet<string> = new Set(KNOWN_KEYS);
const HOW_TO = 'pass JSON.stringify({ ver: "1", success, purchaseResult, transactionId, activationCode, iccid })';

function invalidJson(reason: string) {
  const message = `notifyPurchaseResult payload ${reason}; ${HOW_TO}`;
  return err(domainError('invalidJson', message, { field: 'payload', activationError: 'invalidJson' }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `JSON.parse` as a value: no exception escapes. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // Stryker disable next-line ObjectLiteral: callers test !parsed.ok, which an empty object also satisfies
    return { ok: false };
  }
}

/**
 * Parses a legacy `DataMart.notifyPurchaseResult` payload. Only a payload that cannot be read at
 * all (not JSON, not an object, over 1 MB, no boolean `success`) is an `invalidJson` error; every
 * lesser problem, including bad metadata, is a diagnostic.
 *
 * @param payload - a JSON string (an already-parsed object is accepted with a warning)
 * @returns the purchase with its diagnostics, or an `invalidJson` error
 * @example
 * parseLegacyPayload(JSON.stringify({ ver: '1', success: true, purchaseResult: JSON.stringify(md),
 *   transactionId: 't-1', activationCode: '1$smdp.address$ID', iccid: '' }))
 */
export function parseLegacyPayload(payload: unknown): Result<LegacyPurchase> {
  const diagnostics: Diagnostic[] = [];
  let root: unknown;
  if (typeof payload === 'string') {
    if (payload.length > MAX_LEGACY_PAYLOAD_LENGTH) {
      return invalidJson(`is ${payload.length} characters long, more than the ${MAX_LEGACY_PAYLOAD_LENGTH} allowed`);
    }
    const parsed = parseJson(payload);
    if (!parsed.ok) return invalidJson('is not valid JSON');
    root = parsed.value;
  } else if (isRecord(payload)) {
    const message = 'payload should be a JSON string, not an object; it was read anyway';
    diagnostics.push(diagnostic('payloadNotString', message, 'payload', 'warning'));
    root = payload;
  } else {
    return invalidJson(`must be a JSON string, got ${describeType(payload)}`);
  }
  if (!isRecord(root)) return invalidJson(`must be a JSON object, got ${describeType(root)}`);

  let fields: LegacyFields;
  try {
    fields = readFields(root);
  } catch {
    return invalidJson('could not be read (a getter or proxy threw)');
  }

  const success = readSuccess(fields.success, diagnostics);
  if (success === undefined) return invalidJson(`needs "success" as a boolean, got ${describeType(fields.success)}`);

  const purchase: LegacyPurchase = {
    version: readVersion(fields.ver, diagnostics),
    success,
    metadata: readMetadata(fields.purchaseResult, diagnostics),
    diagnostics,
  };
  const transactionId = readTransactionId(fields.transactionId, diagnostics);
  if (transactionId !== undefined) purchase.transactionId = transactionId;
  const activationCode = readOptionalString(fields.activationCode, 'activationCode', diagnostics);
  if (activationCode !== undefined) purchase.activationCode = activationCode;
  const iccid = readIccid(fields, diagnostics);
  if (iccid !== undefined) purchase.iccid = iccid;
  const status = purchase.metadata.moDirectStatus;
  if (success && status !== undefined && status !== 'Complete') {
    // The two facts disagree; the hand-off still follows success (decision D33).
    const message = `success is true but purchaseResult.moDirectStatus is ${status}; a completed purchase has moDirectStatus Complete, an unsuccessful one success: false`;
    diagnostics.push(diagnostic('inconsistentPurchaseResult', message, 'purchaseResult.moDirectStatus', 'warning'));
  }
  diagnostics.push(...unknownFieldDiagnostics(fields.unknownKeys, 'payload'));
  return ok(purchase);
}

type LegacyFields = { [K in KnownKey]?: unknown } & { unknownKeys: string[] };

function isKnownKey(key: string): key is KnownKey {
  return KNOWN_KEY_SET.has(key);
}

/** Copies the known keys into a fresh object; unknown keys (even `__proto__`) are only counted. */
function readFields(root: Record<string, unknown>): LegacyFields {
  const fields: LegacyFields = { unknownKeys: [] };
  for (const key of Object.keys(root)) {
    if (isKnownKey(key)) fields[key] = root[key];
    else fields.unknownKeys.push(key);
  }
  return fields;
}

function readSuccess(value: unknown, diagnostics: Diagnostic[]): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && (value.toLowerCase() === 'true' || value.toLowerCase() === 'false')) {
    const message = `success should be the boolean ${value.toLowerCase()}, not a string; it was read anyway`;
    diagnostics.push(diagnostic('booleanAsString', message, 'success', 'warning'));
    return value.toLowerCase() === 'true';
  }
  return undefined;
}

function readVersion(value: unknown, diagnostics: Diagnostic[]): string {
  if (value === undefined) {
    diagnostics.push(diagnostic('missingRequiredField', 'ver is required; set it to "1"', 'ver', 'warning'));
    return LEGACY_PAYLOAD_VERSION;
  }
  if (value === 1) {
    const message = 'ver should be the string "1", not a number; it was read anyway';
    diagnostics.push(diagnostic('wrongType', message, 'ver', 'warning'));
    return LEGACY_PAYLOAD_VERSION;
  }
  if (typeof value !== 'string') {
    const message = `ver must be the string "1", got ${describeType(value)}; read as version 1`;
    diagnostics.push(diagnostic('wrongType', message, 'ver', 'warning'));
    return LEGACY_PAYLOAD_VERSION;
  }
  if (value !== LEGACY_PAYLOAD_VERSION) {
    const message = `ver ${quote(value)} is not a known version; read as version 1`;
    diagnostics.push(diagnostic('unknownVersion', message, 'ver', 'warning'));
  }
  return value;
}

/** purchaseResult is for reporting only (decision D2, docs/decisions.md): problems never refuse the payload. */
function readMetadata(value: unknown, diagnostics: Diagnostic[]): PurchaseMetadata {
  if (value === undefined) {
    const message = 'purchaseResult is required: the purchase metadata as a JSON string';
    diagnostics.push(diagnostic('missingRequiredField', message, 'purchaseResult'));
    return {};
  }
  let raw = value;
  if (typeof value === 'string') {
    const parsed = parseJson(value);
    if (!parsed.ok || !isRecord(parsed.value)) {
      diagnostics.push(
        diagnostic(
          'invalidPurchaseResult',
          'purchaseResult must be JSON.stringify of the purchase metadata object; it could not be read',
          'purchaseResult',
        ),
      );
      return {};
    }
    raw = parsed.value;
  }
  const normalized = normalizeMetadata(raw, {
    required: LEGACY_REQUIRED_METADATA_FIELDS,
    fieldPrefix: 'purchaseResult.',
  });
  diagnostics.push(...normalized.diagnostics);
  return normalized.metadata;
}

function readTransactionId(value: unknown, diagnostics: Diagnostic[]): string | undefined {
  if (value === undefined) {
    const message = 'transactionId is required: send back the id the portal received at launch';
    diagnostics.push(diagnostic('missingRequiredField', message, 'transactionId', 'warning'));
    return undefined;
  }
  const checked = validateTransactionId(value);
  if (checked.ok) return checked.value;
  diagnostics.push(diagnostic('invalidTransactionId', checked.error.message, 'transactionId', 'warning'));
  return undefined;
}

/** An optional string field: empty means absent. The value never appears in a message. */
function readOptionalString(value: unknown, field: string, diagnostics: Diagnostic[]): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    const message = `${field} must be a string, got ${describeType(value)}; it is ignored`;
    diagnostics.push(diagnostic('wrongType', message, field));
    return undefined;
  }
  return value;
}

/** One published example spells the key `Iccid`; both spellings are read. */
function readIccid(fields: LegacyFields, diagnostics: Diagnostic[]): string | undefined {
  const lower = readOptionalString(fields.iccid, 'iccid', diagnostics);
  const upper = readOptionalString(fields.Iccid, 'Iccid', diagnostics);
  if (lower !== undefined && upper !== undefined && lower !== upper) {
    const message = '"iccid" and "Iccid" differ; "iccid" is used. Send only "iccid"';
    diagnostics.push(diagnostic('aliasConflict', message, 'iccid', 'warning'));
  }
  return lower ?? upper;
}
