import { describeType, diagnostic, quote, unknownFieldDiagnostics, type Diagnostic } from './diagnostics';
import {
  MO_DIRECT_STATUSES,
  USER_ACCOUNTS,
  type LineType,
  type MoDirectStatus,
  type PurchaseInstrument,
  type UserAccount,
} from './enums';

/**
 * Purchase metadata after normalization: canonical keys, canonical values, nothing else.
 * It is for reporting only (decision D2, docs/decisions.md).
 */
export type PurchaseMetadata = {
  userAccount?: UserAccount;
  purchaseInstrument?: PurchaseInstrument;
  lineType?: LineType;
  moDirectStatus?: MoDirectStatus;
  planName?: string;
};

/** The name of a canonical metadata field. */
export type MetadataField = keyof PurchaseMetadata;

/** The canonical fields, in the spec's table order. */
export const METADATA_FIELDS: readonly MetadataField[] = Object.freeze([
  'userAccount',
  'purchaseInstrument',
  'lineType',
  'moDirectStatus',
  'planName',
] as const);

/** Required by the current spec ("Purchase Metadata Properties": Required/Optional column). */
export const REQUIRED_METADATA_FIELDS: readonly MetadataField[] = Object.freeze([
  'moDirectStatus',
  'planName',
] as const);

/**
 * Required by the legacy `notifyPurchaseResult` generation: every field that generation has. Today
 * that is the same list as {@link METADATA_FIELDS}, but it is a rule of one generation, not the
 * list of fields, so a field a later generation adds is not required of legacy portals
 * (decisions.md#d69-the-legacy-required-fields-are-their-own-list).
 */
export const LEGACY_REQUIRED_METADATA_FIELDS: readonly MetadataField[] = Object.freeze([
  'userAccount',
  'purchaseInstrument',
  'lineType',
  'moDirectStatus',
  'planName',
] as const);

/** Options for {@link normalizeMetadata}. */
export type NormalizeMetadataOptions = {
  /** Fields whose absence is a diagnostic (default {@link REQUIRED_METADATA_FIELDS}). */
  required?: readonly MetadataField[];
  /** Prepended to every diagnostic's field, e.g. `purchaseResult.` for a legacy payload. */
  fieldPrefix?: string;
};

/** What {@link normalizeMetadata} returns: always some metadata, plus what was wrong. */
export type NormalizedMetadata = { metadata: PurchaseMetadata; diagnostics: Diagnostic[] };

/** Every spelling the spec uses, lowercased, for each field (`line` is the 2018 name of `lineType`). */
const FIELD_BY_LOWERCASE_KEY: ReadonlyMap<string, MetadataField> = new Map([
  ['useraccount', 'userAccount'],
  ['purchaseinstrument', 'purchaseInstrument'],
  ['line', 'lineType'],
  ['linetype', 'lineType'],
  ['modirectstatus', 'moDirectStatus'],
  ['planname', 'planName'],
]);

type EnumField = Exclude<MetadataField, 'planName'>;

function lookupTable(values: readonly string[]): ReadonlyMap<string, string> {
  return new Map(values.map((v) => [v.toLowerCase(), v]));
}

const USER_ACCOUNT_LOOKUP = lookupTable(USER_ACCOUNTS);
const VALUES_BY_FIELD: Readonly<Record<EnumField, { lookup: ReadonlyMap<string, string>; list: readonly string[] }>> = {
  userAccount: { lookup: USER_ACCOUNT_LOOKUP, list: USER_ACCOUNTS },
  purchaseInstrument: { lookup: USER_ACCOUNT_LOOKUP, list: USER_ACCOUNTS },
  lineType: { lookup: USER_ACCOUNT_LOOKUP, list: USER_ACCOUNTS },
  moDirectStatus: { lookup: lookupTable(MO_DIRECT_STATUSES), list: MO_DIRECT_STATUSES },
};

type Candidate = { key: string; value: unknown };

/**
 * What the portal's `MobilePlans.createPurchaseMetaData()` / `DataMart.createPurchaseMetaData()`
 * returns: a fresh, empty plain object the portal fills in. It is read back only through
 * {@link normalizeMetadata}, which copies known keys, so whatever the portal puts on it is safe.
 *
 * @example
 * const md = createPurchaseMetaData();
 * md.planName = '2GB Monthly';
 */
export function createPurchaseMetaData(): Record<string, unknown> {
  return {};
}

/**
 * Normalizes purchase metadata from any generation; never fails (decision D2, docs/decisions.md).
 *
 * Values are matched case-insensitively (`"new"` → `"New"`); keys in any case, with `line` =
 * `lineType` and `moDirectStatus` = `modirectStatus`. When two spellings disagree, the canonical
 * spelling wins (else the first key) and an `aliasConflict` is reported. Unknown values and wrong
 * types are reported and the field left out; unknown keys are warnings and are never copied.
 *
 * @param raw - whatever the portal passed as `purchaseMetadata`
 * @param options - which fields are required, and a prefix for diagnostic fields
 * @returns the canonical metadata and every problem found
 * @example
 * normalizeMetadata({ line: 'new', modirectStatus: 'COMPLETE', planName: '2GB' }).metadata
 * // { lineType: 'New', moDirectStatus: 'Complete', planName: '2GB' }
 */
export function normalizeMetadata(raw: unknown, options: NormalizeMetadataOptions = {}): NormalizedMetadata {
  const required = options.required ?? REQUIRED_METADATA_FIELDS;
  const prefix = options.fieldPrefix ?? '';
  const metadata: PurchaseMetadata = {};
  const diagnostics: Diagnostic[] = [];
  // Field paths are written `prefix + field` inline: a closure made per call cost more than the concatenation.

  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    diagnostics.push(
      diagnostic(
        'metadataNotObject',
        `purchase metadata must be the object from createPurchaseMetaData(), got ${describeType(raw)}; ` +
          'nothing could be reported',
        prefix ? prefix.replace(/\.$/, '') : undefined,
      ),
    );
    return { metadata, diagnostics };
  }

  const candidates = new Map<MetadataField, Candidate[]>();
  const unknownKeys: string[] = [];
  try {
    // Own enumerable keys only: inherited and `__proto__` tricks are never followed.
    for (const key of Object.keys(raw)) {
      const field = FIELD_BY_LOWERCASE_KEY.get(key.toLowerCase());
      if (field === undefined) {
        unknownKeys.push(key);
        continue;
      }
      const value: unknown = (raw as Record<string, unknown>)[key];
      if (value === undefined) continue; // createPurchaseMetaData() leaves unset fields undefined
      const list = candidates.get(field) ?? [];
      list.push({ key, value });
      candidates.set(field, list);
    }
  } catch {
    diagnostics.push(
      diagnostic(
        'metadataUnreadable',
        'purchase metadata could not be read (a getter or proxy threw); ' +
          'pass a plain object from createPurchaseMetaData()',
        prefix ? prefix.replace(/\.$/, '') : undefined,
      ),
    );
    return { metadata, diagnostics };
  }

  for (const field of METADATA_FIELDS) {
    const list = candidates.get(field);
    const chosen = list === undefined ? undefined : pickCandidate(field, list, prefix + field, diagnostics);
    if (chosen === undefined) {
      if (required.includes(field)) {
        const message = `${field} is required; set it on the purchase metadata`;
        diagnostics.push(diagnostic('missingRequiredField', message, prefix + field));
      }
      continue;
    }
    if (field === 'planName') {
      if (typeof chosen.value === 'string') metadata.planName = chosen.value;
      else diagnostics.push(wrongType(chosen, 'a string', prefix + field));
      continue;
    }
    const normalized = normalizeEnumValue(field, chosen, prefix + field, diagnostics);
    if (normalized !== undefined) setEnumField(metadata, field, normalized);
  }

  checkPlanName(metadata, prefix, diagnostics);
  // Most portals pass no unknown keys: skip building an empty list to spread.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: spreading an empty list pushes nothing; the test only saves work
  if (unknownKeys.length > 0) diagnostics.push(...unknownFieldDiagnostics(unknownKeys, 'purchase metadata', prefix));
  return { metadata: inOneObject(metadata), diagnostics };
}

/**
 * Metadata with every field set, as one literal in the same (table) order: an object built a
 * field at a time keeps its fifth field in a separate property array (46 bytes more for every
 * operation a host keeps; bench/RESULTS.md section 8).
 */
function inOneObject(metadata: PurchaseMetadata): PurchaseMetadata {
  const { userAccount, purchaseInstrument, lineType, moDirectStatus, planName } = metadata;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: either branch gives equal metadata; only the object layout differs
  if (userAccount === undefined || purchaseInstrument === undefined || lineType === undefined || moDirectStatus === undefined || planName === undefined) return metadata;
  return { userAccount, purchaseInstrument, lineType, moDirectStatus, planName };
}

/** Chooses among the spellings of one field, reporting disagreement. */
function pickCandidate(
  field: MetadataField,
  list: Candidate[],
  at: string,
  diagnostics: Diagnostic[],
): Candidate | undefined {
  const chosen = list.find((c) => c.key === field) ?? list[0];
  // Stryker disable next-line ConditionalExpression: with no candidate the loop is empty and chosen (undefined) is returned anyway
  if (chosen === undefined) return undefined;
  for (const other of list) {
    // Stryker disable next-line ConditionalExpression: sameValue of a candidate with itself is true
    if (other === chosen || sameValue(field, chosen.value, other.value)) continue;
    diagnostics.push(
      diagnostic(
        'aliasConflict',
        `${quote(other.key)} and ${quote(chosen.key)} both set ${field} with different values; ` +
          `${quote(chosen.key)} is used. Set only one of them`,
        at,
        'warning',
      ),
    );
  }
  return chosen;
}

function sameValue(field: MetadataField, a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return field === 'planName' ? a === b : a.toLowerCase() === b.toLowerCase();
  }
  return Object.is(a, b);
}

function normalizeEnumValue(
  field: EnumField,
  chosen: Candidate,
  at: string,
  diagnostics: Diagnostic[],
): string | undefined {
  const { lookup, list } = VALUES_BY_FIELD[field];
  if (typeof chosen.value !== 'string') {
    diagnostics.push(wrongType(chosen, `one of the strings ${list.join(', ')}`, at));
    return undefined;
  }
  const found = lookup.get(chosen.value.toLowerCase());
  if (found === undefined) {
    diagnostics.push(
      diagnostic(
        'unknownEnumValue',
        `${chosen.key} ${quote(chosen.value)} is not a known value; use one of ${list.join(', ')}`,
        at,
      ),
    );
  }
  return found;
}

function setEnumField(metadata: PurchaseMetadata, field: EnumField, value: string): void {
  // The value came from this field's own lookup table, so the casts are exact.
  // Stryker disable next-line StringLiteral,ConditionalExpression: with the test never true, the else branch assigns the same key
  if (field === 'moDirectStatus') metadata.moDirectStatus = value as MoDirectStatus;
  else metadata[field] = value as UserAccount;
}

/** Spec: planName is non-empty for a successful transaction and empty otherwise. */
function checkPlanName(metadata: PurchaseMetadata, prefix: string, diagnostics: Diagnostic[]): void {
  const { moDirectStatus, planName } = metadata;
  if (moDirectStatus === undefined || planName === undefined) return;
  const empty = planName.trim() === '';
  if (moDirectStatus === 'Complete' && empty) {
    diagnostics.push(
      diagnostic(
        'planNameRequired',
        'planName must not be empty when moDirectStatus is Complete; give a descriptive plan name',
        prefix + 'planName',
      ),
    );
  } else if (moDirectStatus !== 'Complete' && !empty) {
    diagnostics.push(
      diagnostic(
        'planNameMustBeEmpty',
        `planName must be empty when moDirectStatus is ${moDirectStatus}`,
        prefix + 'planName',
      ),
    );
  }
}

function wrongType(candidate: Candidate, expected: string, at: string): Diagnostic {
  const message = `${candidate.key} must be ${expected}, got ${describeType(candidate.value)}; the value is ignored`;
  return diagnostic('wrongType', message, at);
}
