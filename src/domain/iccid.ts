import { describeType, diagnostic, type Diagnostic } from './diagnostics';
import { domainError, err, ok, type Result } from './result';

/** An accepted ICCID, normalized (trailing `f` → `F`), with any warnings about it. */
export type ValidIccid = { iccid: string; diagnostics: Diagnostic[] };

// Decision D6 (docs/decisions.md): 18–22 characters, digits with an optional trailing F, issuer prefix 89 (telecom).
const ICCID = /^89[0-9]{15,20}F?$/i;

/**
 * Whether a string of digits passes the Luhn (mod 10) check.
 *
 * @param digits - decimal digits only; anything else is not Luhn-valid
 * @example luhnValid('8988247000101997790') // true
 */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      // Stryker disable next-line EqualityOperator: a doubled digit is even, never 9
      if (d > 9) d -= 9;
    }
    // Stryker disable next-line AssignmentOperator: -sum is a multiple of 10 exactly when sum is
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Validates an ICCID (decision D6, docs/decisions.md). A Luhn failure is a warning, not a rejection,
 * because the spec's own examples (`8900000000000000001`) fail it.
 *
 * @param value - what the portal passed as `iccid`
 * @returns the normalized ICCID with diagnostics, or an `invalidIccid` error
 * @example validateIccid('89882110000005300811')
 * // { ok: true, value: { iccid: '89882110000005300811', diagnostics: [] } }
 */
export function validateIccid(value: unknown): Result<ValidIccid> {
  if (typeof value !== 'string' || value.length < 18 || value.length > 22 || !ICCID.test(value)) {
    const got = typeof value === 'string' ? `${value.length} characters` : describeType(value);
    return err(
      domainError(
        'invalidIccid',
        `iccid must be 18 to 22 digits starting with 89, optionally ending in F, with no spaces; got ${got}`,
        { field: 'iccid', activationError: 'invalidIccid' },
      ),
    );
  }
  const iccid = value.toUpperCase();
  const digits = iccid.endsWith('F') ? iccid.slice(0, -1) : iccid;
  const diagnostics: Diagnostic[] = [];
  if (!luhnValid(digits)) {
    diagnostics.push(
      diagnostic(
        'iccidLuhnFailed',
        'iccid fails the Luhn check digit; accepted, but check it is the ICCID of a real profile',
        'iccid',
        'warning',
      ),
    );
  }
  return ok({ iccid, diagnostics });
}
