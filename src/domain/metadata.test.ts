import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from './diagnostics';
import { MO_DIRECT_STATUSES, MobilePlansLineType, MobilePlansMoDirectStatus, MobilePlansUserAccount, USER_ACCOUNTS } from './enums';
import { MAX_UNKNOWN_FIELD_DIAGNOSTICS } from './diagnostics';
import { createPurchaseMetaData, LEGACY_REQUIRED_METADATA_FIELDS, normalizeMetadata } from './metadata';

const codes = (raw: unknown) => normalizeMetadata(raw).diagnostics.map((d) => d.code);

describe('normalizeMetadata', () => {
  it('reads the current spec example without any diagnostic', () => {
    const md = createPurchaseMetaData();
    md.userAccount = MobilePlansUserAccount.new;
    md.purchaseInstrument = MobilePlansUserAccount.new;
    md.lineType = MobilePlansLineType.new;
    md.modirectStatus = MobilePlansMoDirectStatus.complete;
    md.planName = 'My Plan';
    expect(normalizeMetadata(md)).toEqual({
      metadata: { userAccount: 'New', purchaseInstrument: 'New', lineType: 'New', moDirectStatus: 'Complete', planName: 'My Plan' },
      diagnostics: [],
    });
  });

  it('reads the 2018 spelling line and moDirectStatus as lineType and moDirectStatus', () => {
    const result = normalizeMetadata({ line: 'Bailed', moDirectStatus: 'Cancelled', planName: '' });
    expect(result.metadata).toEqual({ lineType: 'Bailed', moDirectStatus: 'Cancelled', planName: '' });
    expect(result.diagnostics).toEqual([]);
  });

  it.each([
    ['new', 'New'],
    ['NEW', 'New'],
    ['eXiStInG', 'Existing'],
    ['none', 'None'],
  ])('matches the value %j case-insensitively as %j', (value, expected) => {
    expect(normalizeMetadata({ userAccount: value, moDirectStatus: 'None', planName: '' }).metadata.userAccount).toBe(expected);
  });

  it('matches keys in any case', () => {
    const result = normalizeMetadata({ USERACCOUNT: 'new', ModirectStatus: 'complete', PLANNAME: 'x' });
    expect(result.metadata).toEqual({ userAccount: 'New', moDirectStatus: 'Complete', planName: 'x' });
    expect(result.diagnostics).toEqual([]);
  });

  it('accepts every spec value of every enum field', () => {
    for (const value of USER_ACCOUNTS) {
      const r = normalizeMetadata({ userAccount: value, purchaseInstrument: value, line: value, moDirectStatus: 'None', planName: '' });
      expect(r.diagnostics).toEqual([]);
    }
    for (const status of MO_DIRECT_STATUSES) {
      const r = normalizeMetadata({ moDirectStatus: status, planName: status === 'Complete' ? 'Plan' : '' });
      expect(r.metadata.moDirectStatus).toBe(status);
      expect(r.diagnostics).toEqual([]);
    }
  });

  it('reports aliases that disagree and keeps the canonical spelling', () => {
    const result = normalizeMetadata({ line: 'Existing', lineType: 'New', moDirectStatus: 'Complete', planName: 'p' });
    expect(result.metadata.lineType).toBe('New');
    expect(result.diagnostics).toMatchObject([{ code: 'aliasConflict', field: 'lineType', severity: 'warning' }]);
  });

  it('keeps the canonical moDirectStatus over modirectStatus whatever the key order', () => {
    const result = normalizeMetadata({ modirectStatus: 'ServiceError', moDirectStatus: 'Complete', planName: 'p' });
    expect(result.metadata.moDirectStatus).toBe('Complete');
    expect(codes({ modirectStatus: 'ServiceError', moDirectStatus: 'Complete', planName: 'p' })).toEqual(['aliasConflict']);
  });

  it('does not report aliases that agree up to case', () => {
    expect(codes({ line: 'new', lineType: 'New', moDirectStatus: 'Complete', planName: 'p' })).toEqual([]);
  });

  it('reports missing moDirectStatus and planName', () => {
    const result = normalizeMetadata({});
    expect(result.metadata).toEqual({});
    expect(result.diagnostics.map((d) => [d.code, d.field])).toEqual([
      ['missingRequiredField', 'moDirectStatus'],
      ['missingRequiredField', 'planName'],
    ]);
  });

  it('treats fields left undefined as absent', () => {
    expect(codes({ userAccount: undefined, moDirectStatus: 'None', planName: '' })).toEqual([]);
  });

  it('requires every field when asked to (legacy generation)', () => {
    const r = normalizeMetadata({ moDirectStatus: 'None', planName: '' }, { required: LEGACY_REQUIRED_METADATA_FIELDS });
    expect(r.diagnostics.map((d) => d.field)).toEqual(['userAccount', 'purchaseInstrument', 'lineType']);
  });

  it('says planName must not be empty when moDirectStatus is Complete', () => {
    const [d] = normalizeMetadata({ moDirectStatus: 'Complete', planName: '  ' }).diagnostics;
    expect(d?.code).toBe('planNameRequired');
    expect(d?.message).toContain('planName must not be empty when moDirectStatus is Complete');
  });

  it('says planName must be empty when moDirectStatus is not Complete', () => {
    const [d] = normalizeMetadata({ moDirectStatus: 'serviceerror', planName: '2GB' }).diagnostics;
    expect(d?.code).toBe('planNameMustBeEmpty');
    expect(d?.message).toBe('planName must be empty when moDirectStatus is ServiceError');
  });

  it('leaves out an unknown enum value and names the allowed ones', () => {
    const result = normalizeMetadata({ userAccount: 'Brand-new', moDirectStatus: 'Completed', planName: 'p' });
    expect(result.metadata).toEqual({ planName: 'p' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['unknownEnumValue', 'unknownEnumValue']);
    expect(result.diagnostics[1]?.message).toContain('Complete, ServiceError');
  });

  it.each<[unknown, DiagnosticCode]>([
    [1, 'wrongType'],
    [{ value: 'New' }, 'wrongType'],
    [null, 'wrongType'],
    [true, 'wrongType'],
  ])('reports the wrong type %j and leaves the field out', (value, code) => {
    const result = normalizeMetadata({ userAccount: value, planName: value, moDirectStatus: 'Complete' });
    expect(result.metadata).toEqual({ moDirectStatus: 'Complete' });
    expect(result.diagnostics.map((d) => d.code)).toEqual([code, code]);
  });

  it('warns about unknown keys and never copies them', () => {
    const result = normalizeMetadata({ moDirectStatus: 'None', planName: '', colour: 'red' });
    expect(result.metadata).toEqual({ moDirectStatus: 'None', planName: '' });
    expect(result.diagnostics).toMatchObject([{ code: 'unknownField', severity: 'warning', field: 'colour' }]);
  });

  it('summarizes unknown keys past the limit', () => {
    const raw: Record<string, string> = { moDirectStatus: 'None', planName: '' };
    for (let i = 0; i < 1000; i++) raw[`k${i}`] = 'v';
    const result = normalizeMetadata(raw);
    expect(result.diagnostics).toHaveLength(MAX_UNKNOWN_FIELD_DIAGNOSTICS + 1);
    expect(result.diagnostics.at(-1)?.code).toBe('tooManyUnknownFields');
  });

  it.each([null, undefined, 'New', 42, ['New'], true])('turns the non-object %j into a diagnostic and empty metadata', (raw) => {
    expect(normalizeMetadata(raw)).toMatchObject({ metadata: {}, diagnostics: [{ code: 'metadataNotObject' }] });
  });

  it('is not polluted by __proto__ or constructor keys', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true, "planName": "evil"}, "constructor": {"prototype": {"x": 1}}, "moDirectStatus": "None", "planName": ""}') as unknown;
    const result = normalizeMetadata(raw);
    expect(result.metadata).toEqual({ moDirectStatus: 'None', planName: '' });
    expect(Object.getPrototypeOf(result.metadata)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.diagnostics.map((d) => d.field)).toEqual(['__proto__', 'constructor']);
  });

  it('ignores inherited properties', () => {
    const raw = Object.create({ planName: 'inherited', moDirectStatus: 'Complete' }) as object;
    expect(normalizeMetadata(raw).metadata).toEqual({});
  });

  it('reports an object whose getter throws instead of throwing', () => {
    const raw = { moDirectStatus: 'None', get planName(): string { throw new Error('boom'); } };
    expect(normalizeMetadata(raw)).toMatchObject({ metadata: {}, diagnostics: [{ code: 'metadataUnreadable' }] });
  });

  it('prefixes diagnostic fields when asked', () => {
    expect(normalizeMetadata({}, { fieldPrefix: 'purchaseResult.' }).diagnostics[0]?.field).toBe('purchaseResult.moDirectStatus');
  });

  it('never throws and only ever returns canonical keys, for any input', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (raw) => {
        const { metadata, diagnostics } = normalizeMetadata(raw);
        for (const key of Object.keys(metadata)) {
          expect(['userAccount', 'purchaseInstrument', 'lineType', 'moDirectStatus', 'planName']).toContain(key);
        }
        for (const d of diagnostics) expect(d.message.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('normalizes any casing of a valid value to the spec string', () => {
    const casing = fc.tuple(fc.constantFrom(...MO_DIRECT_STATUSES), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }));
    fc.assert(
      fc.property(casing, ([status, upper]) => {
        const mixed = [...status].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
        expect(normalizeMetadata({ moDirectStatus: mixed, planName: '' }).metadata.moDirectStatus).toBe(status);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('normalized metadata, every field set', () => {
  it('lists its fields in the table order, whatever order the portal gave them in', () => {
    const { metadata } = normalizeMetadata({ planName: 'Plan', moDirectStatus: 'Complete', lineType: 'New', purchaseInstrument: 'New', userAccount: 'New' });
    expect(JSON.stringify(metadata)).toBe('{"userAccount":"New","purchaseInstrument":"New","lineType":"New","moDirectStatus":"Complete","planName":"Plan"}');
  });
});

describe('createPurchaseMetaData', () => {
  it('returns a fresh empty plain object each time', () => {
    const a = createPurchaseMetaData();
    const b = createPurchaseMetaData();
    expect(a).toEqual({});
    expect(a).not.toBe(b);
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
  });
});
