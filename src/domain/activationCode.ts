import { describeType } from './diagnostics';
import { domainError, err, ok, type Result } from './result';

/**
 * An SGP.22 §4.1 activation code: `1$<SM-DP+ address>$<matching ID>[$<SM-DP+ OID>[$<flag>]]`.
 * The matching ID is a credential: never log it; use {@link maskActivationCode}.
 */
export type ActivationCode = {
  /** SM-DP+ address: a host name, optionally with `:port`. */
  address: string;
  /** Matching ID (may be empty). Secret. */
  matchingId: string;
  /** SM-DP+ OID, dotted digits, when given. */
  oid?: string;
  /** True when the code's confirmation-code-required flag is `1`. */
  confirmationCodeRequired: boolean;
};

/** An activation code without its matching ID, safe to keep in state, logs and reports. */
export type MaskedActivationCode = {
  address: string;
  oid?: string;
  confirmationCodeRequired: boolean;
  /** The code in canonical form with the matching ID replaced by `***`. */
  masked: string;
};

/** The longest activation code accepted; SGP.22 codes fit in a QR code, far below this. */
export const MAX_ACTIVATION_CODE_LENGTH = 1024;

/** What replaces a non-empty matching ID in printable forms. */
export const MATCHING_ID_MASK = '***';

const FORMAT = '1$smdp.address$matchingId, optionally followed by $oid and $1 or $0';
// Printable ASCII without space: SGP.22 codes are QR-code text; anything else is a portal bug.
const PRINTABLE = /^[\x21-\x7e]*$/;
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const OID = /^[0-9]+(?:\.[0-9]+)+$/;

function invalid(reason: string) {
  return err(
    domainError('invalidActivationCode', `activation code ${reason}; expected ${FORMAT}`, {
      field: 'activationCode',
      activationError: 'invalidActivationCode',
    }),
  );
}

/**
 * Parses an SGP.22 activation code (decision D5, docs/decisions.md). An `LPA:` prefix in any case is
 * accepted; the matching ID may be empty; the confirmation code is required only when the flag
 * is `1` (`0` or no flag: not required). Error messages never contain the matching ID.
 *
 * @param text - what the portal passed as `activationCode`
 * @returns the parsed code, or an `invalidActivationCode` error
 * @example
 * parseActivationCode('LPA:1$rsp.truphone.com$QR-G-5C-1LS-1W1Z9P7')
 * // { ok: true, value: { address: 'rsp.truphone.com', matchingId: 'QR-G-5C-1LS-1W1Z9P7',
 * //   confirmationCodeRequired: false } }
 */
export function parseActivationCode(text: unknown): Result<ActivationCode> {
  if (typeof text !== 'string') {
    return invalid(`must be a string, got ${describeType(text)}`);
  }
  if (text.length === 0) return invalid('is empty');
  if (text.length > MAX_ACTIVATION_CODE_LENGTH) {
    return invalid(`is ${text.length} characters long, more than the ${MAX_ACTIVATION_CODE_LENGTH} allowed`);
  }
  if (!PRINTABLE.test(text)) {
    return invalid('contains whitespace, a control character or a non-ASCII character; remove it');
  }
  const body = text.slice(0, 4).toUpperCase() === 'LPA:' ? text.slice(4) : text;
  const fields = body.split('$');
  if (fields[0] !== '1') {
    return invalid('has an unknown format (it must start with "1$", after an optional "LPA:")');
  }
  if (fields.length < 3) return invalid('has no matching ID field (write 1$address$ for an empty one)');
  if (fields.length > 5) return invalid('has too many "$" separators (a "$" inside a field is not allowed)');
  // fields.length >= 3 here, so address and matchingId always exist; their defaults only satisfy the types.
  // Stryker disable next-line StringLiteral: the address and matchingId defaults are unreachable
  const [, address = '', matchingId = '', oid = '', flag = ''] = fields;
  if (address === '') return invalid('has an empty SM-DP+ address');
  if (!isSmdpAddress(address)) {
    return invalid('has an SM-DP+ address that is not a host name (letters, digits, "-", ".") with an optional :port');
  }
  if (oid !== '' && !OID.test(oid)) {
    return invalid(
      'has an SM-DP+ OID that is not dotted digits such as 1.3.6.1.4.1.31746 ' +
        '(to require a confirmation code without an OID, write 1$address$matchingId$$1)',
    );
  }
  // SGP.22 §4.1: the flag is 1 when a confirmation code is required; 0 (or no flag) means not required (D32).
  if (flag !== '' && flag !== '1' && flag !== '0') {
    return invalid('has a confirmation-code flag other than "1" (required) or "0" (not required)');
  }
  const code: ActivationCode = { address, matchingId, confirmationCodeRequired: flag === '1' };
  if (oid !== '') code.oid = oid;
  return ok(code);
}

/** A host name (labels of letters, digits and inner hyphens) with an optional `:port`. */
function isSmdpAddress(address: string): boolean {
  const colon = address.indexOf(':');
  const host = colon === -1 ? address : address.slice(0, colon);
  if (colon !== -1) {
    const port = address.slice(colon + 1);
    if (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return false;
  }
  // An empty host splits into one empty label, which HOST_LABEL refuses.
  if (host.length > 253) return false;
  return host.split('.').every((label) => HOST_LABEL.test(label));
}

/**
 * Writes a code in canonical form, without the `LPA:` prefix: `$oid` only when there is an OID
 * or a flag, `$1` only when a confirmation code is required. `parseActivationCode` reads it back
 * to an equal value.
 *
 * @param code - a parsed activation code
 * @example
 * formatActivationCode({ address: 'a.com', matchingId: 'X', confirmationCodeRequired: true }) // '1$a.com$X$$1'
 */
export function formatActivationCode(code: ActivationCode): string {
  return canonical(code, code.matchingId);
}

function canonical(code: Omit<ActivationCode, 'matchingId'>, matchingId: string): string {
  let text = `1$${code.address}$${matchingId}`;
  if (code.oid !== undefined || code.confirmationCodeRequired) text += `$${code.oid ?? ''}`;
  if (code.confirmationCodeRequired) text += '$1';
  return text;
}

/**
 * What makes two codes name the same profile download: the SM-DP+ address, compared without
 * case (host names are case-insensitive), and the matching ID. The OID and the confirmation
 * flag do not pick another profile, so `1$SMDP.EXAMPLE.COM$X` and `1$smdp.example.com$X$$1`
 * are one download (same-code idempotency). Holds the matching ID: keep it with the secrets.
 *
 * @param code - a parsed activation code
 * @example activationCodeIdentity(parseActivationCode('1$SMDP.Example.com$X$$1').value) // '1$smdp.example.com$X'
 */
export function activationCodeIdentity(code: ActivationCode): string {
  return `1$${code.address.toLowerCase()}$${code.matchingId}`;
}

/**
 * A printable form of a code with the matching ID replaced by `***` (an empty matching ID stays
 * empty, so `1$smdp.address$` still shows that none was given). A string that does not parse is
 * masked entirely.
 *
 * @param code - a parsed code, or the raw string the portal passed
 * @example maskActivationCode('1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$$1') // '1$SMDP.GSMA.COM$***$$1'
 * @example maskActivationCode('1$$secret') // '<invalid activation code, 9 characters>'
 */
export function maskActivationCode(code: ActivationCode | string): string {
  if (typeof code === 'string') {
    const parsed = parseActivationCode(code);
    if (!parsed.ok) return `<invalid activation code, ${code.length} characters>`;
    return maskActivationCode(parsed.value);
  }
  return canonical(code, code.matchingId === '' ? '' : MATCHING_ID_MASK);
}

/**
 * Drops the matching ID from a code, keeping what a report or a flow's context may hold.
 *
 * @param code - a parsed activation code
 * @example toMaskedActivationCode(code).masked // '1$smdp.address$***'
 */
export function toMaskedActivationCode(code: ActivationCode): MaskedActivationCode {
  const masked: MaskedActivationCode = {
    address: code.address,
    confirmationCodeRequired: code.confirmationCodeRequired,
    masked: maskActivationCode(code),
  };
  if (code.oid !== undefined) masked.oid = code.oid;
  return masked;
}

// `1$address$matchingId[$oid[$flag]]`, optionally `LPA:`-prefixed, anywhere inside a text.
const CODE_IN_TEXT = /(?:LPA:)?1\$[^\s$"'\\]*\$[^\s$"'\\]*(?:\$[^\s$"'\\]*){0,2}/gi;

/**
 * A text with everything shaped like an activation code inside it masked (for messages that
 * come from outside, e.g. an effect's error): the matching ID never appears in clear.
 *
 * @param text - any text
 * @example maskActivationCodesIn('download of 1$smdp.example.com$MATCH-1 failed') // 'download of 1$smdp.example.com$*** failed'
 */
export function maskActivationCodesIn(text: string): string {
  return text.replace(CODE_IN_TEXT, (code) => maskActivationCode(code));
}
