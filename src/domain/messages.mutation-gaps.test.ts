import { describe, expect, it } from 'vitest';
import { parseDelay } from './delay';
import { describeType, MAX_UNKNOWN_FIELD_DIAGNOSTICS, quote, unknownFieldDiagnostics } from './diagnostics';
import { validateEid } from './eid';
import { validateIccid } from './iccid';
import { validateTransactionId } from './transactionId';

/*
 * Gaps mutation testing found: refusals were checked for their code and field only, so what the
 * message tells a portal developer (what was wrong, what was received) could go blank or wrong
 * unseen. The message is the behaviour a developer acts on (STYLE.md: errors carry a message a
 * developer can act on).
 */

const message = (r: { ok: true } | { ok: false; error: { message: string } }) => (r.ok ? 'accepted' : r.error.message);

describe('refusal messages say what was received', () => {
  it.each<[unknown, string]>([
    [Number.NaN, 'got NaN'],
    [Number.POSITIVE_INFINITY, 'got Infinity'],
    [1.5, 'got the fraction 1.5'],
    ['1.5', 'got "1.5"'],
    ['1'.repeat(13), 'got a string of 13 characters'],
    ['1'.repeat(12), `got "${'1'.repeat(12)}"`],
    [null, 'got null'],
    [-1, 'got the negative number -1'],
    [43201, 'got 43201, more than 30 days'],
  ])('parseDelay(%j)', (value, got) => {
    const text = message(parseDelay(value, 'downloadDelay'));
    expect(text).toBe(`downloadDelay must be a whole number of minutes from 0 to 43200 (30 days), as a number or a string of digits; ${got}`);
  });

  it('parseDelay accepts the largest delay and refuses a seven-digit string', () => {
    expect(parseDelay(43200, 'downloadDelay')).toEqual({ ok: true, value: 43200 });
    expect(parseDelay('043200', 'downloadDelay')).toEqual({ ok: true, value: 43200 });
    expect(message(parseDelay('0043200', 'downloadDelay'))).toMatch(/got "0043200"$/);
  });

  it.each<[unknown, string]>([
    ['123', 'eid must be exactly 32 digits; got 3 characters'],
    [undefined, 'eid must be exactly 32 digits; got nothing'],
    ['89049032123451234512345678901234', 'eid fails its ISO 7064 mod 97-10 check digits; check it was copied in full'],
  ])('validateEid(%j)', (value, expected) => {
    expect(message(validateEid(value))).toBe(expected);
  });

  it.each<[unknown, string]>([
    ['8901', 'got 4 characters'],
    [{}, 'got an object'],
    ['8'.repeat(20), 'got 20 characters'],
  ])('validateIccid(%j)', (value, got) => {
    expect(message(validateIccid(value))).toBe(
      `iccid must be 18 to 22 digits starting with 89, optionally ending in F, with no spaces; ${got}`,
    );
  });

  it('validateIccid takes 18 and 22 characters, not 17 or 23', () => {
    expect(validateIccid('89' + '0'.repeat(16)).ok).toBe(true);
    expect(validateIccid('89' + '0'.repeat(19) + 'F').ok).toBe(true);
    expect(validateIccid('89' + '0'.repeat(15)).ok).toBe(false);
    expect(validateIccid('89' + '0'.repeat(20) + 'F').ok).toBe(false);
  });

  it.each<[unknown, string]>([
    ['', 'got an empty string'],
    ['x'.repeat(65), 'got 65 characters'],
    ['a b', 'got a space, control or non-ASCII character'],
    [true, 'got a boolean'],
  ])('validateTransactionId(%j)', (value, got) => {
    expect(message(validateTransactionId(value))).toBe(
      `transactionId must be 1 to 64 printable ASCII characters without spaces, as received at launch; ${got}`,
    );
  });
});

describe('diagnostic helpers', () => {
  it('describeType names each kind of value without showing it', () => {
    expect([undefined, null, [], {}, 'x', 1, true].map(describeType)).toEqual([
      'nothing', 'null', 'an array', 'an object', 'a string', 'a number', 'a boolean',
    ]);
  });

  it('quote keeps text up to its limit and cuts what is longer with an ellipsis', () => {
    expect(quote('x'.repeat(40))).toBe(JSON.stringify('x'.repeat(40)));
    expect(quote('x'.repeat(41))).toBe(JSON.stringify(`${'x'.repeat(40)}…`));
    expect(quote('abcdef', 3)).toBe('"abc…"');
  });

  it('unknownFieldDiagnostics reports keys one by one up to the limit, then one summary', () => {
    const keys = Array.from({ length: MAX_UNKNOWN_FIELD_DIAGNOSTICS + 2 }, (_, i) => `k${i}`);
    const diagnostics = unknownFieldDiagnostics(keys, 'purchase metadata', 'p.');
    expect(diagnostics).toHaveLength(MAX_UNKNOWN_FIELD_DIAGNOSTICS + 1);
    expect(diagnostics[0]).toEqual({ code: 'unknownField', severity: 'warning', field: 'p.k0', message: 'unknown purchase metadata property "k0" is ignored' });
    expect(diagnostics.at(-1)).toEqual({ code: 'tooManyUnknownFields', severity: 'warning', message: '2 more unknown purchase metadata properties are ignored' });
    expect(unknownFieldDiagnostics(keys.slice(0, MAX_UNKNOWN_FIELD_DIAGNOSTICS), 'x').map((d) => d.code)).not.toContain('tooManyUnknownFields');
    expect(unknownFieldDiagnostics(['y'.repeat(50)], 'x')[0]?.field).toBe('y'.repeat(40));
  });
});
