import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid, validateIccid } from './iccid';

describe('validateIccid', () => {
  it.each(['8988247000101997790', '89882110000005300811'])('accepts the Luhn-valid %s without diagnostics', (iccid) => {
    expect(validateIccid(iccid)).toEqual({ ok: true, value: { iccid, diagnostics: [] } });
  });

  it.each(['8900000000000000001', '89000000000000000000'])('accepts the spec example %s with a Luhn warning', (iccid) => {
    const r = validateIccid(iccid);
    expect(r).toMatchObject({ ok: true, value: { iccid, diagnostics: [{ code: 'iccidLuhnFailed', severity: 'warning', field: 'iccid' }] } });
  });

  it('normalizes a trailing f to F and checks Luhn over the digits only', () => {
    expect(validateIccid('8988247000101997790f')).toEqual({ ok: true, value: { iccid: '8988247000101997790F', diagnostics: [] } });
  });

  it.each<[string, unknown]>([
    ['the empty string', ''],
    ['a short number', '12345'],
    ['letters inside', '8901ABCDEF0123456789'],
    ['23 digits', '89012345678901234567890'],
    ['17 digits', '89012345678901234'],
    ['a prefix other than 89', '9988247000101997790'],
    ['an F that is not last', '898824700010199779F0'],
    ['surrounding spaces', ' 8988247000101997790 '],
    ['null', null],
    ['a number', 8988247000101997790],
    ['an object', {}],
  ])('refuses %s as invalidIccid', (_label, value) => {
    const r = validateIccid(value);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalidIccid', activationError: 'invalidIccid', field: 'iccid' } });
  });

  it('accepts any 18 to 22 digit string starting 89, warning exactly when Luhn fails', () => {
    const iccid = fc.stringMatching(/^89[0-9]{16,20}$/);
    fc.assert(
      fc.property(iccid, (value) => {
        const r = validateIccid(value);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.diagnostics.length === 0).toBe(luhnValid(value));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('luhnValid', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['0', true],
    ['', false],
    ['12a', false],
  ])('luhnValid(%j) is %s', (digits, expected) => {
    expect(luhnValid(digits)).toBe(expected);
  });

  it('accepts exactly one check digit for any payload', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,25}$/), (payload) => {
        const valid = [...'0123456789'].filter((d) => luhnValid(payload + d));
        expect(valid).toHaveLength(1);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('validateIccid Luhn warning', () => {
  it('says the Luhn check failed but the ICCID is accepted', () => {
    const r = validateIccid('8988247000101997791');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.diagnostics.map((d) => d.message)).toEqual([
        'iccid fails the Luhn check digit; accepted, but check it is the ICCID of a real profile',
      ]);
    }
  });
});
