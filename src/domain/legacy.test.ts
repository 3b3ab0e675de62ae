import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LEGACY_PAYLOAD_LENGTH, parseLegacyPayload } from './legacy';

const purchaseResult = {
  userAccount: 'New',
  purchaseInstrument: 'Existing',
  line: 'New',
  moDirectStatus: 'Complete',
  planName: '2GB Monthly',
};
const CODE = '1$smdp.example.com$SECRET-MATCHING-ID-0001';

const payload = (fields: Record<string, unknown>) =>
  JSON.stringify({ ver: '1', success: true, purchaseResult: JSON.stringify(purchaseResult), transactionId: 't-1', ...fields });

describe('parseLegacyPayload', () => {
  it('reads an eSIM success with an activation code and an ICCID', () => {
    const r = parseLegacyPayload(payload({ activationCode: CODE, iccid: '8988247000101997790' }));
    expect(r).toEqual({
      ok: true,
      value: {
        version: '1',
        success: true,
        metadata: { userAccount: 'New', purchaseInstrument: 'Existing', lineType: 'New', moDirectStatus: 'Complete', planName: '2GB Monthly' },
        transactionId: 't-1',
        activationCode: CODE,
        iccid: '8988247000101997790',
        diagnostics: [],
      },
    });
  });

  it('reads a physical SIM success with an ICCID and no activation code', () => {
    const r = parseLegacyPayload(payload({ activationCode: '', iccid: '8988247000101997790' }));
    expect(r.ok && r.value.iccid).toBe('8988247000101997790');
    expect(r.ok && 'activationCode' in r.value).toBe(false);
  });

  it('reads an abandoned purchase where moDirectStatus is None', () => {
    const abandoned = { userAccount: 'Bailed', purchaseInstrument: 'None', line: 'None', moDirectStatus: 'None', planName: '' };
    const r = parseLegacyPayload(
      JSON.stringify({ ver: '1', success: false, purchaseResult: JSON.stringify(abandoned), transactionId: 't-1', activationCode: '', iccid: '' }),
    );
    expect(r).toEqual({
      ok: true,
      value: {
        version: '1',
        success: false,
        metadata: { userAccount: 'Bailed', purchaseInstrument: 'None', lineType: 'None', moDirectStatus: 'None', planName: '' },
        transactionId: 't-1',
        diagnostics: [],
      },
    });
  });

  it('reads the ICCID under the key Iccid', () => {
    const r = parseLegacyPayload(payload({ Iccid: '89882110000005300811' }));
    expect(r.ok && r.value.iccid).toBe('89882110000005300811');
    expect(r.ok && r.value.diagnostics).toEqual([]);
  });

  it('reports iccid and Iccid that disagree and uses iccid', () => {
    const r = parseLegacyPayload(payload({ iccid: '89882110000005300811', Iccid: '8988247000101997790' }));
    expect(r.ok && r.value.iccid).toBe('89882110000005300811');
    expect(r.ok && r.value.diagnostics.map((d) => d.code)).toEqual(['aliasConflict']);
  });

  it('reads purchaseResult given as an object', () => {
    const r = parseLegacyPayload(JSON.stringify({ ver: '1', success: true, purchaseResult, transactionId: 't-1' }));
    expect(r.ok && r.value.metadata.moDirectStatus).toBe('Complete');
    expect(r.ok && r.value.diagnostics).toEqual([]);
  });

  it('reads an already-parsed payload object with a warning', () => {
    const r = parseLegacyPayload({ ver: '1', success: true, purchaseResult, transactionId: 't-1' });
    expect(r.ok && r.value.diagnostics).toMatchObject([{ code: 'payloadNotString', severity: 'warning' }]);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['TRUE', true],
  ])('reads success given as the string %j with a warning', (text, expected) => {
    const r = parseLegacyPayload(payload({ success: text }));
    expect(r.ok && r.value.success).toBe(expected);
    expect(r.ok && r.value.diagnostics.map((d) => d.code)).toEqual(['booleanAsString']);
  });

  it('merges the metadata diagnostics, prefixed with purchaseResult', () => {
    const md = { userAccount: 'New', moDirectStatus: 'ServiceError', planName: '2GB' };
    const r = parseLegacyPayload(payload({ purchaseResult: JSON.stringify(md) }));
    expect(r.ok && r.value.diagnostics.map((d) => [d.code, d.field])).toEqual([
      ['missingRequiredField', 'purchaseResult.purchaseInstrument'],
      ['missingRequiredField', 'purchaseResult.lineType'],
      ['planNameMustBeEmpty', 'purchaseResult.planName'],
      ['inconsistentPurchaseResult', 'purchaseResult.moDirectStatus'],
    ]);
  });

  it('keeps going with empty metadata when purchaseResult cannot be read', () => {
    for (const bad of ['{not json', '', '[1,2]', '"New"']) {
      const r = parseLegacyPayload(payload({ purchaseResult: bad }));
      expect(r.ok && r.value.metadata).toEqual({});
      expect(r.ok && r.value.diagnostics.map((d) => d.code)).toEqual(['invalidPurchaseResult']);
    }
    const missing = parseLegacyPayload(JSON.stringify({ ver: '1', success: true, transactionId: 't' }));
    expect(missing.ok && missing.value.diagnostics).toMatchObject([{ code: 'missingRequiredField', field: 'purchaseResult' }]);
  });

  it('warns about a missing or unknown version but reads the payload', () => {
    const noVer = parseLegacyPayload(JSON.stringify({ success: true, purchaseResult, transactionId: 't' }));
    expect(noVer.ok && noVer.value.version).toBe('1');
    expect(noVer.ok && noVer.value.diagnostics.map((d) => d.code)).toEqual(['missingRequiredField']);
    const v2 = parseLegacyPayload(payload({ ver: '2' }));
    expect(v2.ok && v2.value.version).toBe('2');
    expect(v2.ok && v2.value.diagnostics.map((d) => d.code)).toEqual(['unknownVersion']);
  });

  it('reports a bad transaction id and leaves it out', () => {
    const r = parseLegacyPayload(payload({ transactionId: 'x'.repeat(65) }));
    expect(r.ok && 'transactionId' in r.value).toBe(false);
    expect(r.ok && r.value.diagnostics.map((d) => d.code)).toEqual(['invalidTransactionId']);
  });

  it('reports an activation code that is not a string without quoting it', () => {
    const r = parseLegacyPayload(payload({ activationCode: 42 }));
    expect(r.ok && r.value.diagnostics).toMatchObject([{ code: 'wrongType', field: 'activationCode' }]);
  });

  it.each<[string, unknown]>([
    ['unparsable JSON', '{"ver":"1",'],
    ['the empty string', ''],
    ['a JSON array', '[1,2]'],
    ['JSON null', 'null'],
    ['a JSON string', '"hello"'],
    ['a payload without success', JSON.stringify({ ver: '1', purchaseResult })],
    ['success that is a number', JSON.stringify({ ver: '1', success: 1, purchaseResult })],
    ['success that is "yes"', JSON.stringify({ ver: '1', success: 'yes', purchaseResult })],
    ['null', null],
    ['a number', 42],
    ['an array', [{ success: true }]],
    ['undefined', undefined],
  ])('refuses %s as invalidJson', (_label, value) => {
    expect(parseLegacyPayload(value)).toMatchObject({ ok: false, error: { code: 'invalidJson', activationError: 'invalidJson', field: 'payload' } });
  });

  it('refuses a 10 MB string before parsing it', () => {
    const huge = `{"ver":"1","success":true,"x":"${'a'.repeat(10 * 1024 * 1024)}"}`;
    const r = parseLegacyPayload(huge);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalidJson' } });
    expect(r.ok ? '' : r.error.message).toContain(String(MAX_LEGACY_PAYLOAD_LENGTH));
  });

  it('ignores __proto__ and constructor keys and never pollutes prototypes', () => {
    const text = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"ver":"1","success":true,"purchaseResult":"{\\"__proto__\\":{\\"planName\\":\\"evil\\"},\\"moDirectStatus\\":\\"None\\",\\"planName\\":\\"\\",\\"userAccount\\":\\"None\\",\\"purchaseInstrument\\":\\"None\\",\\"line\\":\\"None\\"}","transactionId":"t"}';
    const r = parseLegacyPayload(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.metadata.planName).toBe('');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(r.value)).toEqual(['version', 'success', 'metadata', 'diagnostics', 'transactionId']);
    expect(r.value.diagnostics.map((d) => [d.code, d.field])).toEqual([
      ['unknownField', 'purchaseResult.__proto__'],
      ['inconsistentPurchaseResult', 'purchaseResult.moDirectStatus'],
      ['unknownField', '__proto__'],
      ['unknownField', 'constructor'],
    ]);
  });

  it('never puts the activation code in a diagnostic, whatever else is wrong', () => {
    const secret = fc.stringMatching(/^[A-Z0-9-]{16,40}$/);
    const noise = fc.record(
      {
        ver: fc.constantFrom('1', 2, undefined, 'x'),
        success: fc.constantFrom(true, 'false', 'TRUE'),
        purchaseResult: fc.constantFrom('{bad', purchaseResult, { moDirectStatus: 'Nope' }, undefined),
        transactionId: fc.constantFrom('t', '', 'x'.repeat(80), 5),
        Iccid: fc.constantFrom('1', 7, undefined),
      },
      { requiredKeys: ['success'] },
    );
    fc.assert(
      fc.property(secret, noise, (id, fields) => {
        const r = parseLegacyPayload(JSON.stringify({ ...fields, activationCode: `1$smdp.example.com$${id}` }));
        expect(r.ok).toBe(true);
        if (r.ok) expect(JSON.stringify(r.value.diagnostics)).not.toContain(id);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json(), fc.string()), (value) => {
        const r = parseLegacyPayload(value);
        expect(typeof r.ok).toBe('boolean');
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
