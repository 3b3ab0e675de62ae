import { describeType } from './diagnostics';
import { domainError, err, ok, type Result } from './result';

/**
 * Validates an eUICC identifier: 32 digits whose number mod 97 is 1 (ISO/IEC 7064 MOD 97-10,
 * decision D6 in docs/decisions.md).
 *
 * @param value - an EID, e.g. from the portal launch's `eid` parameter
 * @returns the EID, or an `invalidEid` error
 * @example validateEid('89049032123451234512345678901235') // { ok: true, value: '8904...1235' }
 */
export function validateEid(value: unknown): Result<string> {
  if (typeof value !== 'string' || !/^[0-9]{32}$/.test(value)) {
    const got = typeof value === 'string' ? `${value.length} characters` : describeType(value);
    return err(domainError('invalidEid', `eid must be exactly 32 digits; got ${got}`, { field: 'eid' }));
  }
  if (mod97(value) !== 1) {
    const message = 'eid fails its ISO 7064 mod 97-10 check digits; check it was copied in full';
    return err(domainError('invalidEid', message, { field: 'eid' }));
  }
  return ok(value);
}

/** The remainder of a decimal string divided by 97, computed in chunks to stay exact. */
function mod97(digits: string): number {
  let remainder = 0;
  // Stryker disable next-line EqualityOperator: an extra pass over an empty slice leaves the remainder unchanged
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(`${remainder}${digits.slice(i, i + 7)}`) % 97;
  }
  return remainder;
}
