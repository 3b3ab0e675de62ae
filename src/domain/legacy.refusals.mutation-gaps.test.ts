import { describe, expect, it } from 'vitest';
import { MAX_LEGACY_PAYLOAD_LENGTH, parseLegacyPayload } from './legacy';

/*
 * Gaps mutation testing found in parseLegacyPayload: the refusals were checked for their code,
 * not for the message a portal developer reads; the length bound was tested far past it, not at
 * it; and the warnings for a payload object, a string `success`, a missing or unreadable
 * purchaseResult and two differing ICCIDs were checked by code at most.
 */

const HOW_TO = 'pass JSON.stringify({ ver: "1", success, purchaseResult, transactionId, activationCode, iccid })';
const METADATA = { userAccount: 'None', purchaseInstrument: 'None', lineType: 'None', moDirectStatus: 'None', planName: '' };
/** A payload with nothing to warn about. */
const BASE = { ver: '1', success: false, purchaseResult: JSON.stringify(METADATA), transactionId: 't-1' };

function refusal(payload: unknown): string {
  const r = parseLegacyPayload(payload);
  if (r.ok) throw new Error('expected a refusal');
  expect(r.error).toMatchObject({ code: 'invalidJson', field: 'payload', activationError: 'invalidJson' });
  return r.error.message;
}

function diagnosticsOf(payload: unknown) {
  const r = parseLegacyPayload(payload);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.diagnostics;
}

describe('parseLegacyPayload refusals say what was wrong and how to send it', () => {
  it.each<[string, unknown, string]>([
    ['text that is not JSON', '{ver:1}', 'is not valid JSON'],
    ['a number', 7, 'must be a JSON string, got a number'],
    ['an array', [BASE], 'must be a JSON string, got an array'],
    ['JSON that is an array', '[1]', 'must be a JSON object, got an array'],
    ['JSON that is null', 'null', 'must be a JSON object, got null'],
    ['no success', JSON.stringify({ ...BASE, success: undefined }), 'needs "success" as a boolean, got nothing'],
    ['a success that is a number', JSON.stringify({ ...BASE, success: 1 }), 'needs "success" as a boolean, got a number'],
  ])('%s', (_, payload, reason) => {
    expect(refusal(payload)).toBe(`notifyPurchaseResult payload ${reason}; ${HOW_TO}`);
  });

  it('reads a payload of exactly the longest length and refuses one character more', () => {
    const json = JSON.stringify(BASE);
    const longest = json + ' '.repeat(MAX_LEGACY_PAYLOAD_LENGTH - json.length);
    expect(parseLegacyPayload(longest).ok).toBe(true);
    expect(refusal(`${longest} `)).toBe(
      `notifyPurchaseResult payload is ${MAX_LEGACY_PAYLOAD_LENGTH + 1} characters long, more than the ${MAX_LEGACY_PAYLOAD_LENGTH} allowed; ${HOW_TO}`,
    );
  });

  it('refuses a payload object whose getter throws, instead of throwing', () => {
    const payload = { ...BASE, get success(): boolean { throw new Error('boom'); } };
    expect(refusal(payload)).toBe(`notifyPurchaseResult payload could not be read (a getter or proxy threw); ${HOW_TO}`);
  });
});

describe('parseLegacyPayload warnings', () => {
  it('reads a payload object with a warning that it should be a string', () => {
    expect(diagnosticsOf({ ...BASE })).toEqual([
      { code: 'payloadNotString', severity: 'warning', message: 'payload should be a JSON string, not an object; it was read anyway', field: 'payload' },
    ]);
  });

  it.each([
    ['TRUE', true],
    ['False', false],
  ])('reads success %j as a boolean, saying which one it should be', (text, value) => {
    const r = parseLegacyPayload(JSON.stringify({ ...BASE, success: text }));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.success).toBe(value);
    expect(r.value.diagnostics).toContainEqual({
      code: 'booleanAsString',
      severity: 'warning',
      message: `success should be the boolean ${String(value)}, not a string; it was read anyway`,
      field: 'success',
    });
  });

  it('says purchaseResult is required when it is missing', () => {
    expect(diagnosticsOf(JSON.stringify({ ...BASE, purchaseResult: undefined }))).toEqual([
      { code: 'missingRequiredField', severity: 'error', message: 'purchaseResult is required: the purchase metadata as a JSON string', field: 'purchaseResult' },
    ]);
  });

  it.each(['', 'not json', '[]', '7'])('says purchaseResult %j could not be read', (purchaseResult) => {
    expect(diagnosticsOf(JSON.stringify({ ...BASE, purchaseResult }))).toEqual([
      {
        code: 'invalidPurchaseResult',
        severity: 'error',
        message: 'purchaseResult must be JSON.stringify of the purchase metadata object; it could not be read',
        field: 'purchaseResult',
      },
    ]);
  });

  it('names both ICCID keys when they differ, and reads one given under either key', () => {
    const r = parseLegacyPayload(JSON.stringify({ ...BASE, iccid: '8988247000000000017', Iccid: '8988247000000000025' }));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.iccid).toBe('8988247000000000017');
    expect(r.value.diagnostics).toEqual([
      { code: 'aliasConflict', severity: 'warning', message: '"iccid" and "Iccid" differ; "iccid" is used. Send only "iccid"', field: 'iccid' },
    ]);
    expect(diagnosticsOf(JSON.stringify({ ...BASE, iccid: '8988247000000000017', Iccid: '8988247000000000017' }))).toEqual([]);
    const upperOnly = parseLegacyPayload(JSON.stringify({ ...BASE, iccid: null, Iccid: '8988247000000000025' }));
    expect(upperOnly).toMatchObject({ ok: true, value: { iccid: '8988247000000000025', diagnostics: [] } });
  });

  it('puts an invalid transaction id warning at transactionId', () => {
    expect(diagnosticsOf(JSON.stringify({ ...BASE, transactionId: '' }))).toMatchObject([{ code: 'invalidTransactionId', severity: 'warning', field: 'transactionId' }]);
  });

  it('calls an unknown key a payload property', () => {
    expect(diagnosticsOf(JSON.stringify({ ...BASE, extra: 1 }))).toEqual([
      { code: 'unknownField', severity: 'warning', message: 'unknown payload property "extra" is ignored', field: 'extra' },
    ]);
  });
});

describe('parseLegacyPayload warnings: severity and field names', () => {
  it('gives success-but-not-Complete as a warning', () => {
    const metadata = { userAccount: 'None', purchaseInstrument: 'None', lineType: 'None', moDirectStatus: 'ServiceError', planName: '' };
    const r = parseLegacyPayload(JSON.stringify({ ver: '1', success: true, purchaseResult: JSON.stringify(metadata), transactionId: 't-1' }));
    if (!r.ok) throw new Error(r.error.message);
    const inconsistent = r.value.diagnostics.filter((d) => d.code === 'inconsistentPurchaseResult');
    expect(inconsistent.map((d) => d.severity)).toEqual(['warning']);
  });

  it('names the key Iccid when its value is not a string', () => {
    const metadata = { userAccount: 'None', purchaseInstrument: 'None', lineType: 'None', moDirectStatus: 'None', planName: '' };
    const r = parseLegacyPayload(JSON.stringify({ ver: '1', success: false, purchaseResult: JSON.stringify(metadata), transactionId: 't-1', Iccid: 5 }));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.diagnostics.map((d) => [d.code, d.field, d.message])).toEqual([
      ['wrongType', 'Iccid', 'Iccid must be a string, got a number; it is ignored'],
    ]);
  });
});
