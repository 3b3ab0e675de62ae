import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatActivationCode,
  maskActivationCode,
  parseActivationCode,
  toMaskedActivationCode,
  type ActivationCode,
} from './activationCode';

describe('parseActivationCode', () => {
  it.each<[string, ActivationCode]>([
    ['1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815', { address: 'SMDP.GSMA.COM', matchingId: '04386-AGYFT-A74Y8-3F815', confirmationCodeRequired: false }],
    ['1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$$1', { address: 'SMDP.GSMA.COM', matchingId: '04386-AGYFT-A74Y8-3F815', confirmationCodeRequired: true }],
    [
      '1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1',
      { address: 'SMDP.GSMA.COM', matchingId: '04386-AGYFT-A74Y8-3F815', oid: '1.3.6.1.4.1.31746', confirmationCodeRequired: true },
    ],
    ['1$SMDP.GSMA.COM$$1.3.6.1.4.1.31746', { address: 'SMDP.GSMA.COM', matchingId: '', oid: '1.3.6.1.4.1.31746', confirmationCodeRequired: false }],
    ['LPA:1$rsp.truphone.com$QR-G-5C-1LS-1W1Z9P7', { address: 'rsp.truphone.com', matchingId: 'QR-G-5C-1LS-1W1Z9P7', confirmationCodeRequired: false }],
    ['lpa:1$smdp.address$matchingID', { address: 'smdp.address', matchingId: 'matchingID', confirmationCodeRequired: false }],
    ['1$smdp.address$', { address: 'smdp.address', matchingId: '', confirmationCodeRequired: false }],
    ['1$smdp.example.com:8443$ABC', { address: 'smdp.example.com:8443', matchingId: 'ABC', confirmationCodeRequired: false }],
    ['1$smdp.address$ABC$$', { address: 'smdp.address', matchingId: 'ABC', confirmationCodeRequired: false }],
  ])('accepts %j', (text, expected) => {
    expect(parseActivationCode(text)).toEqual({ ok: true, value: expected });
  });

  it('leaves oid out rather than setting it to undefined', () => {
    const r = parseActivationCode('1$a.com$X');
    expect(r.ok && 'oid' in r.value).toBe(false);
  });

  it.each<[string, unknown]>([
    ['the empty string', ''],
    ['a code with no matching ID field', '1$'],
    ['an unknown format version', '2$SMDP.EXAMPLE.COM$ABC'],
    ['text without separators', 'xyz14390lojij'],
    ['a newline inside the matching ID', 'LPA:1$example.com$test\ntest'],
    ['an empty address', '1$$ABC'],
    ['a space', '1$smdp.address$AB C'],
    ['a tab before the code', '\t1$smdp.address$ABC'],
    ['a trailing space', '1$smdp.address$ABC '],
    ['a non-ASCII character', '1$smdp.address$ABCé'],
    ['a "$" inside a field (six fields)', '1$smdp.address$AB$1.2.3$1$x'],
    ['a flag other than 1 or 0', '1$smdp.address$ABC$$2'],
    ['an OID that is not dotted digits', '1$smdp.address$ABC$oid$1'],
    ['a lone 1 in the OID position', '1$smdp.address$ABC$1'],
    ['an address with a path', '1$smdp.address/path$ABC'],
    ['an address with a bad port', '1$smdp.address:99999$ABC'],
    ['an address with an empty label', '1$smdp..address$ABC'],
    ['only the prefix', 'LPA:'],
    ['null', null],
    ['a number', 42],
    ['an object', {}],
    ['undefined', undefined],
    ['a huge string', `1$smdp.address$${'A'.repeat(100_000)}`],
  ])('refuses %s as invalidActivationCode', (_label, text) => {
    const r = parseActivationCode(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalidActivationCode');
      expect(r.error.activationError).toBe('invalidActivationCode');
      expect(r.error.field).toBe('activationCode');
      expect(r.error.message).toMatch(/^activation code .+; expected 1\$smdp\.address\$matchingId/);
    }
  });
});

const label = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?$/);
const address = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
  .map(([labels, port]) => labels.join('.') + (port === undefined ? '' : `:${port}`));
const oid = fc.array(fc.nat({ max: 99999 }), { minLength: 2, maxLength: 8 }).map((arcs) => arcs.join('.'));
// A secret that cannot appear in a message by chance: 16+ characters of the QR alphabet.
const secretMatchingId = fc.stringMatching(/^[A-Z0-9-]{16,40}$/);
const validCode = fc
  .record({
    address,
    matchingId: fc.oneof(fc.constant(''), fc.stringMatching(/^[\x21-\x23\x25-\x7e]{1,40}$/)),
    oid: fc.option(oid, { nil: undefined }),
    confirmationCodeRequired: fc.boolean(),
  })
  .map(({ oid: o, ...rest }): ActivationCode => (o === undefined ? rest : { ...rest, oid: o }));

describe('formatActivationCode', () => {
  it.each<[ActivationCode, string]>([
    [{ address: 'a.com', matchingId: 'X', confirmationCodeRequired: false }, '1$a.com$X'],
    [{ address: 'a.com', matchingId: 'X', confirmationCodeRequired: true }, '1$a.com$X$$1'],
    [{ address: 'a.com', matchingId: '', oid: '1.2', confirmationCodeRequired: false }, '1$a.com$$1.2'],
    [{ address: 'a.com', matchingId: 'X', oid: '1.2', confirmationCodeRequired: true }, '1$a.com$X$1.2$1'],
  ])('writes %j as %j', (code, text) => {
    expect(formatActivationCode(code)).toBe(text);
  });

  it('round-trips through parseActivationCode for any valid code', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(parseActivationCode(formatActivationCode(code))).toEqual({ ok: true, value: code });
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('round-trips with an LPA: prefix in any case', () => {
    fc.assert(
      fc.property(validCode, fc.constantFrom('LPA:', 'lpa:', 'Lpa:'), (code, prefix) => {
        expect(parseActivationCode(prefix + formatActivationCode(code))).toEqual({ ok: true, value: code });
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('maskActivationCode', () => {
  it.each([
    ['1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815', '1$SMDP.GSMA.COM$***'],
    ['1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$$1', '1$SMDP.GSMA.COM$***$$1'],
    ['1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1', '1$SMDP.GSMA.COM$***$1.3.6.1.4.1.31746$1'],
    ['LPA:1$rsp.truphone.com$QR-G-5C-1LS-1W1Z9P7', '1$rsp.truphone.com$***'],
    ['1$smdp.address$', '1$smdp.address$'],
    ['1$$04386-AGYFT-A74Y8-3F815', '<invalid activation code, 26 characters>'],
    ['', '<invalid activation code, 0 characters>'],
  ])('masks %j as %j', (text, masked) => {
    expect(maskActivationCode(text)).toBe(masked);
  });

  it('keeps address, OID and flag in the masked value object', () => {
    const r = parseActivationCode('1$SMDP.GSMA.COM$SECRET$1.3.6.1.4.1.31746$1');
    expect(r.ok && toMaskedActivationCode(r.value)).toEqual({
      address: 'SMDP.GSMA.COM',
      oid: '1.3.6.1.4.1.31746',
      confirmationCodeRequired: true,
      masked: '1$SMDP.GSMA.COM$***$1.3.6.1.4.1.31746$1',
    });
    const plain = parseActivationCode('1$a.com$SECRET');
    expect(plain.ok && 'oid' in toMaskedActivationCode(plain.value)).toBe(false);
  });
});

describe('the matching ID stays secret', () => {
  const breakers: ((id: string) => string)[] = [
    (id) => `1$smdp.address$${id}`,
    (id) => `LPA:1$smdp.address$${id}$1.3.6.1$1`,
    (id) => `2$smdp.address$${id}`,
    (id) => `1$$${id}`,
    (id) => `1$smdp.address$${id} `,
    (id) => `1$smdp.address$${id}\n`,
    (id) => `1$smdp.address$${id}$$2`,
    (id) => `1$smdp.address$${id}$x.y$1`,
    (id) => `1$smdp.address$${id}$$1$extra`,
    (id) => `1$bad_host$${id}`,
    (id) => id,
    (id) => `1$${id}`,
  ];

  it('appears in no error message and no masked form, for any matching ID', () => {
    fc.assert(
      fc.property(secretMatchingId, fc.constantFrom(...breakers), (id, build) => {
        const text = build(id);
        const r = parseActivationCode(text);
        if (!r.ok) expect(r.error.message).not.toContain(id);
        else expect(toMaskedActivationCode(r.value).masked).not.toContain(id);
        expect(maskActivationCode(text)).not.toContain(id);
        expect(JSON.stringify(r.ok ? toMaskedActivationCode(r.value) : r.error)).not.toContain(id);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('appears in no message for the spec vectors', () => {
    const id = '04386-AGYFT-A74Y8-3F815';
    for (const text of [`1$SMDP.GSMA.COM$${id}`, `1$$${id}`, `LPA:1$example.com$${id}\n`, `2$SMDP.GSMA.COM$${id}`]) {
      const r = parseActivationCode(text);
      expect(JSON.stringify(r.ok ? toMaskedActivationCode(r.value) : r.error)).not.toContain(id);
      expect(maskActivationCode(text)).not.toContain(id);
    }
  });
});

describe('parseActivationCode bad OID message', () => {
  it('tells how to require a confirmation code without an OID', () => {
    const r = parseActivationCode('1$smdp.example.com$ABC$not-an-oid$1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('(to require a confirmation code without an OID, write 1$address$matchingId$$1)');
  });
});
