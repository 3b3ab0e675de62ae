import { describe, expect, it } from 'vitest';
import { MAX_ACTIVATION_CODE_LENGTH, parseActivationCode } from './activationCode';

/*
 * Gaps mutation testing found: the refusals were checked only for their code, so a check that
 * stopped working was hidden by a later one refusing the same input for another reason. Each
 * refusal here must give its own reason, and the limits are probed on both sides.
 */

function reason(text: unknown): string {
  const r = parseActivationCode(text);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(text)}`);
  return r.error.message;
}

const accepted = (text: string) => parseActivationCode(text).ok;

describe('parseActivationCode refuses each kind of bad code for its own reason', () => {
  it.each<[string, unknown, RegExp]>([
    ['null', null, /must be a string, got null/],
    ['a number', 7, /must be a string, got a number/],
    ['the empty string', '', /is empty/],
    ['a code one character too long', `1$a.com$${'A'.repeat(MAX_ACTIVATION_CODE_LENGTH - 7)}`, /is 1025 characters long, more than the 1024 allowed/],
    ['a space', '1$a.com$A B', /contains whitespace, a control character or a non-ASCII character/],
    ['a version other than 1', '2$a.com$X', /unknown format .*"1\$"/],
    ['an LPA-like prefix that is not "LPA:"', 'LPB:1$a.com$X', /unknown format/],
    ['no matching ID field', '1$a.com', /has no matching ID field/],
    ['six fields', '1$a.com$X$1.2$1$x', /too many "\$" separators/],
    ['an empty address', '1$$X', /empty SM-DP\+ address/],
    ['an address with a path', '1$a.com/p$X', /not a host name/],
    ['port 0', '1$a.com:0$X', /not a host name/],
    ['port 65536', '1$a.com:65536$X', /not a host name/],
    ['a six-digit port', '1$a.com:000080$X', /not a host name/],
    ['an empty port', '1$a.com:$X', /not a host name/],
    ['an empty host before a port', '1$:80$X', /not a host name/],
    ['a host of 254 characters', `1$${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}$X`, /not a host name/],
    ['a label of 64 characters', `1$${'a'.repeat(64)}.com$X`, /not a host name/],
    ['a label ending in a hyphen', '1$a-.com$X', /not a host name/],
    ['an OID of one arc', '1$a.com$X$1$1', /OID that is not dotted digits/],
    ['a flag other than 1', '1$a.com$X$$2', /confirmation-code flag other than "1"/],
  ])('%s', (_label, text, expected) => {
    expect(reason(text)).toMatch(expected);
  });
});

describe('parseActivationCode accepts what lies just inside each limit', () => {
  it.each<[string, string]>([
    ['a code of exactly the maximum length', `1$a.com$${'A'.repeat(MAX_ACTIVATION_CODE_LENGTH - 8)}`],
    ['port 1', '1$a.com:1$X'],
    ['port 65535', '1$a.com:65535$X'],
    ['a host of 253 characters', `1$${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}$X`],
    ['a label of 63 characters with inner hyphens', `1$a${'-'.repeat(61)}a.com$X`],
    ['a one-character label', '1$a$X'],
    ['a mixed-case prefix', 'LpA:1$a.com$X'],
  ])('%s', (_label, text) => {
    expect(accepted(text)).toBe(true);
  });
});
