import { describe, expect, it } from 'vitest';
import { parseLegacyPayload } from './legacy';

/*
 * Gaps mutation testing found: the legacy payload's version, transactionId and optional-string
 * diagnostics were checked for their code at most, not for what they tell the portal developer.
 */

const diagnosticsOf = (fields: Record<string, unknown>) => {
  const r = parseLegacyPayload(JSON.stringify({ success: false, purchaseResult: '{}', transactionId: 't', ...fields }));
  if (!r.ok) throw new Error(r.error.message);
  return r.value.diagnostics.filter((d) => d.field === 'ver' || d.field === 'transactionId' || d.field === 'iccid' || d.field === 'activationCode');
};

describe('legacy payload diagnostics', () => {
  it.each<[Record<string, unknown>, object]>([
    [{}, { code: 'missingRequiredField', severity: 'warning', field: 'ver', message: 'ver is required; set it to "1"' }],
    [{ ver: 1 }, { code: 'wrongType', severity: 'warning', field: 'ver', message: 'ver should be the string "1", not a number; it was read anyway' }],
    [{ ver: 2 }, { code: 'wrongType', severity: 'warning', field: 'ver', message: 'ver must be the string "1", got a number; read as version 1' }],
    [{ ver: '2' }, { code: 'unknownVersion', severity: 'warning', field: 'ver', message: 'ver "2" is not a known version; read as version 1' }],
    [{ ver: '1', transactionId: undefined }, { code: 'missingRequiredField', severity: 'warning', field: 'transactionId', message: 'transactionId is required: send back the id the portal received at launch' }],
    [{ ver: '1', iccid: 5 }, { code: 'wrongType', severity: 'error', field: 'iccid', message: 'iccid must be a string, got a number; it is ignored' }],
    [{ ver: '1', activationCode: [] }, { code: 'wrongType', severity: 'error', field: 'activationCode', message: 'activationCode must be a string, got an array; it is ignored' }],
  ])('%j', (fields, expected) => {
    expect(diagnosticsOf(fields)).toEqual([expected]);
  });

  it('reads version "1" without a diagnostic, and keeps the version it was given', () => {
    expect(diagnosticsOf({ ver: '1' })).toEqual([]);
    const r = parseLegacyPayload(JSON.stringify({ ver: '2', success: false, purchaseResult: '{}', transactionId: 't' }));
    expect(r.ok && r.value.version).toBe('2');
    const n = parseLegacyPayload(JSON.stringify({ ver: 1, success: false, purchaseResult: '{}', transactionId: 't' }));
    expect(n.ok && n.value.version).toBe('1');
  });
});
