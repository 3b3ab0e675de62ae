import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateDocument, restoreDocument } from './document';
import { STATE_VERSION } from './state';

const fixture = (): Record<string, unknown> => JSON.parse(readFileSync(new URL('../../test/fixtures/document-v2.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('migrateDocument', () => {
  it("passes today's saved format through unchanged", () => {
    expect(Object.keys(MIGRATIONS)).toEqual(['1']);
    expect(migrateDocument(fixture())).toEqual({ ok: true, document: fixture() });
  });

  it('runs the table one version at a time up to today', () => {
    const steps: number[] = [];
    const table = {
      [STATE_VERSION - 2]: (d: Record<string, unknown>) => (steps.push(STATE_VERSION - 2), { ...d, version: STATE_VERSION - 1, renamed: d['old'] }),
      [STATE_VERSION - 1]: (d: Record<string, unknown>) => (steps.push(STATE_VERSION - 1), { ...d, version: STATE_VERSION }),
    };
    expect(migrateDocument({ version: STATE_VERSION - 2, old: 'x' }, table)).toEqual({ ok: true, document: { version: STATE_VERSION, old: 'x', renamed: 'x' } });
    expect(steps).toEqual([STATE_VERSION - 2, STATE_VERSION - 1]);
  });

  it.each([
    [STATE_VERSION + 1, /is not one this code reads/],
    [0, /is not one this code reads/],
    ['1', /expected the number 2, got a string/],
    [undefined, /got missing/],
    [1.5, /expected the number/],
  ])('refuses version %j', (version, reason) => {
    expect(migrateDocument({ ...fixture(), version })).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe('restoreDocument', () => {
  it('gives a fresh state for a first start', () => {
    expect(restoreDocument(null)).toMatchObject({ quarantined: [], state: { version: STATE_VERSION, operations: {} } });
  });

  it('hands back a document whose getters throw instead of throwing', () => {
    const hostile = { get version(): number { throw new Error('boom'); } };
    expect(restoreDocument(hostile).quarantined).toEqual([{ kind: 'document', document: hostile, reason: expect.stringContaining('not plain data') }]);
  });

  it('keeps a record whose id is __proto__ or constructor as an ordinary entry', () => {
    const document = fixture() as Record<string, any>;
    const op = document['operations']['op-1'];
    document['operations'] = JSON.parse(`{"__proto__": ${JSON.stringify({ ...op, id: '__proto__', context: { ...op.context, operationId: '__proto__' } })}}`);
    document['secrets']['operations'] = JSON.parse(`{"__proto__": ${JSON.stringify(document['secrets']['operations']['op-1'])}}`);
    const { state, quarantined } = restoreDocument(document);
    expect(quarantined).toEqual([]);
    expect(Object.keys(state.operations)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(state.operations)).toBeNull();
  });

  it('moves nextOperationNumber past the op-N ids the records hold', () => {
    const document = { ...fixture(), nextOperationNumber: 1 };
    expect(restoreDocument(document).state.nextOperationNumber).toBe(5);
  });
});
