import { describe, expect, it } from 'vitest';
import { normalizeMetadata } from './metadata';

/*
 * Gaps mutation testing found in normalizeMetadata: the metadata tests checked diagnostic codes,
 * so the messages a portal developer reads, the field paths under a prefix, how two spellings of
 * one field are compared and whether a refused value leaves a key behind could all change unseen.
 */

const PREFIX = { fieldPrefix: 'purchaseResult.' };

describe('normalizeMetadata refusals say what was received, at the prefixed field', () => {
  it('names the type of a value that is not an object, at the prefix without its dot', () => {
    expect(normalizeMetadata('x', PREFIX).diagnostics).toEqual([
      {
        code: 'metadataNotObject',
        severity: 'error',
        message: 'purchase metadata must be the object from createPurchaseMetaData(), got a string; nothing could be reported',
        field: 'purchaseResult',
      },
    ]);
    expect(normalizeMetadata(null).diagnostics[0]).not.toHaveProperty('field');
  });

  it('says how to fix metadata whose getter throws, at the prefix without its dot', () => {
    const raw = { get planName(): string { throw new Error('boom'); } };
    expect(normalizeMetadata(raw, PREFIX).diagnostics).toEqual([
      {
        code: 'metadataUnreadable',
        severity: 'error',
        message: 'purchase metadata could not be read (a getter or proxy threw); pass a plain object from createPurchaseMetaData()',
        field: 'purchaseResult',
      },
    ]);
    expect(normalizeMetadata(raw).diagnostics[0]).not.toHaveProperty('field');
  });

  it('drops only the dot that ends a prefix with several', () => {
    const nested = { fieldPrefix: 'payload.purchaseResult.' };
    expect(normalizeMetadata(42, nested).diagnostics[0]?.field).toBe('payload.purchaseResult');
    const raw = { get planName(): string { throw new Error('boom'); } };
    expect(normalizeMetadata(raw, nested).diagnostics[0]?.field).toBe('payload.purchaseResult');
  });

  it('says an unknown key is a purchase metadata property, at the prefixed key', () => {
    expect(normalizeMetadata({ moDirectStatus: 'None', planName: '', colour: 'red' }, PREFIX).diagnostics).toEqual([
      { code: 'unknownField', severity: 'warning', message: 'unknown purchase metadata property "colour" is ignored', field: 'purchaseResult.colour' },
    ]);
  });

  it('refuses a planName that is not a string, naming the key and the type', () => {
    const { metadata, diagnostics } = normalizeMetadata({ moDirectStatus: 'None', PlanName: 7 }, PREFIX);
    expect(Object.keys(metadata)).toEqual(['moDirectStatus']);
    expect(diagnostics).toContainEqual({
      code: 'wrongType',
      severity: 'error',
      message: 'PlanName must be a string, got a number; the value is ignored',
      field: 'purchaseResult.planName',
    });
  });

  it('refuses an enum value that is not a string, listing the allowed strings', () => {
    const { metadata, diagnostics } = normalizeMetadata({ line: true, moDirectStatus: 'None', planName: '' }, PREFIX);
    expect(Object.keys(metadata)).toEqual(['moDirectStatus', 'planName']);
    expect(diagnostics).toEqual([
      {
        code: 'wrongType',
        severity: 'error',
        message: 'line must be one of the strings New, Existing, Bailed, None, got a boolean; the value is ignored',
        field: 'purchaseResult.lineType',
      },
    ]);
  });

  it('leaves no key behind for an unknown enum value', () => {
    const { metadata, diagnostics } = normalizeMetadata({ userAccount: 'Gold', moDirectStatus: 'None', planName: '' }, PREFIX);
    expect(Object.keys(metadata)).toEqual(['moDirectStatus', 'planName']);
    expect(diagnostics).toMatchObject([{ code: 'unknownEnumValue', field: 'purchaseResult.userAccount' }]);
  });

  it('puts planNameRequired at the prefixed planName', () => {
    expect(normalizeMetadata({ moDirectStatus: 'Complete', planName: ' ' }, PREFIX).diagnostics).toMatchObject([
      { code: 'planNameRequired', field: 'purchaseResult.planName' },
    ]);
  });

  it('sets moDirectStatus from the status lookup, whatever its spelling', () => {
    expect(normalizeMetadata({ MODIRECTSTATUS: 'serviceERROR', planName: '' }).metadata).toStrictEqual({ moDirectStatus: 'ServiceError', planName: '' });
  });
});

describe('normalizeMetadata compares two spellings of one field', () => {
  it('names both keys and the one used when they disagree', () => {
    const { diagnostics } = normalizeMetadata({ line: 'Existing', lineType: 'New', moDirectStatus: 'None', planName: '' });
    expect(diagnostics).toEqual([
      {
        code: 'aliasConflict',
        severity: 'warning',
        message: '"line" and "lineType" both set lineType with different values; "lineType" is used. Set only one of them',
        field: 'lineType',
      },
    ]);
  });

  it('compares planName spellings exactly: a difference of case is a conflict', () => {
    const { metadata, diagnostics } = normalizeMetadata({ moDirectStatus: 'Complete', planname: 'gold', planName: 'Gold' });
    expect(metadata.planName).toBe('Gold');
    expect(diagnostics).toMatchObject([{ code: 'aliasConflict', field: 'planName' }]);
    expect(normalizeMetadata({ moDirectStatus: 'Complete', planname: 'Gold', planName: 'Gold' }).diagnostics).toEqual([]);
  });

  it('compares a string with a value of another type as different, without throwing', () => {
    const { metadata, diagnostics } = normalizeMetadata({ line: 5, lineType: 'New', moDirectStatus: 'None', planName: '' });
    expect(metadata.lineType).toBe('New');
    expect(diagnostics).toMatchObject([{ code: 'aliasConflict', field: 'lineType' }]);
    const reversed = normalizeMetadata({ line: 'New', lineType: 5, moDirectStatus: 'None', planName: '' });
    expect(reversed.diagnostics.map((d) => d.code)).toEqual(['aliasConflict', 'wrongType']);
  });

  it('compares two values that are not strings by identity', () => {
    const same = normalizeMetadata({ line: 5, lineType: 5, moDirectStatus: 'None', planName: '' });
    expect(same.diagnostics.map((d) => d.code)).toEqual(['wrongType']);
    const different = normalizeMetadata({ line: 5, lineType: 6, moDirectStatus: 'None', planName: '' });
    expect(different.diagnostics.map((d) => d.code)).toEqual(['aliasConflict', 'wrongType']);
  });
});
