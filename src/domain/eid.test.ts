import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEid } from './eid';

describe('validateEid', () => {
  it.each(['89049032123451234512345678901235', '89086030202200000022000023022943'])('accepts %s', (eid) => {
    expect(validateEid(eid)).toEqual({ ok: true, value: eid });
  });

  it.each<[string, unknown]>([
    ['a wrong check digit', '89049032123451234512345678901234'],
    ['31 digits', '8904903212345123451234567890123'],
    ['33 digits', '890490321234512345123456789012350'],
    ['letters', '8904903212345123451234567890123A'],
    ['the empty string', ''],
    ['null', null],
    ['a number', 89049032123451234512345678901235],
  ])('refuses %s as invalidEid', (_label, value) => {
    expect(validateEid(value)).toMatchObject({ ok: false, error: { code: 'invalidEid', field: 'eid' } });
  });

  it('agrees with BigInt arithmetic for any 32 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{32}$/), (digits) => {
        expect(validateEid(digits).ok).toBe(BigInt(digits) % 97n === 1n);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('accepts any 30 digits completed with their ISO 7064 check digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{30}$/), (body) => {
        const check = 98n - ((BigInt(body) * 100n) % 97n);
        expect(validateEid(body + check.toString().padStart(2, '0')).ok).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('validateEid refuses what is not 32 digits alone', () => {
  it('refuses 32 digits with a character before or after them as not 32 digits', () => {
    const eid = '89049032123451234512345678901235';
    for (const value of [`x${eid}`, `${eid}x`]) {
      const r = validateEid(value);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toBe('eid must be exactly 32 digits; got 33 characters');
    }
  });

  it('refuses a non-string whose text form is a valid EID', () => {
    const r = validateEid(['89049032123451234512345678901235']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^eid must be exactly 32 digits; got /);
  });
});
