import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateDocument, restoreDocument } from './document';
import { STATE_VERSION } from './state';
import { allRecords, headerOf } from './storedRecords';

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

  it('keeps secrets only for the operations that have some, and no unchanged texts for a whole document', () => {
    const document = fixture() as { secrets: { operations: Record<string, unknown> } };
    const restored = restoreDocument(document);
    expect(Object.keys(restored.state.secrets.operations).sort()).toEqual(Object.keys(document.secrets.operations).sort());
    expect(Object.keys(restored.state.operations).sort()).toEqual(['op-1', 'op-2', 'op-3']);
    expect(Object.keys(restored)).toEqual(['state', 'quarantined']);
  });

  it('moves nextOperationNumber past the op-N ids the records hold', () => {
    const document = { ...fixture(), nextOperationNumber: 1 };
    expect(restoreDocument(document).state.nextOperationNumber).toBe(5);
  });
});

describe('migrateDocument names what it refuses', () => {
  it.each([
    [null, 'the document is null, not an object'],
    [[], 'the document is an array, not an object'],
    ['{}', 'the document is a string, not an object'],
    [2, 'the document is a number, not an object'],
    [undefined, 'the document is missing, not an object'],
  ])('a document that is %j', (document, reason) => {
    expect(migrateDocument(document)).toEqual({ ok: false, reason });
  });

  it('a version it has no migration for, listing the versions it migrates only when there are some', () => {
    expect(migrateDocument({ version: 9 })).toEqual({ ok: false, reason: `version: 9 is not one this code reads (it reads ${STATE_VERSION} and migrates 1)` });
    const table = { 1: (d: Record<string, unknown>) => d, 3: (d: Record<string, unknown>) => d };
    expect(migrateDocument({ version: 9 }, table)).toEqual({ ok: false, reason: `version: 9 is not one this code reads (it reads ${STATE_VERSION} and migrates 1, 3)` });
    expect(migrateDocument({ version: 9 }, {})).toEqual({ ok: false, reason: `version: 9 is not one this code reads (it reads ${STATE_VERSION})` });
    expect(migrateDocument({ version: null })).toEqual({ ok: false, reason: `version: expected the number ${STATE_VERSION}, got null` });
  });
});

describe('restoreDocument words a refused frame without the values in it', () => {
  const reasons = (document: unknown) => restoreDocument(document).quarantined.map((q) => q.reason);

  it('a map that is not one, by the check that refused it', () => {
    expect(reasons({ ...fixture(), operations: ['op-1'] })).toEqual(['operations: expected a map']);
    expect(reasons({ ...fixture(), operations: 'ab' })).toEqual(['operations: expected a map']);
  });

  it('the first three issues, in order, each with its path', () => {
    const document = { ...fixture(), config: 1, transactionId: 3, portalOpen: 'yes', nextOperationNumber: 'x' };
    expect(reasons(document)).toEqual(['config: expected Object; transactionId: expected string; portalOpen: expected boolean']);
  });

  it('a check with no expectation of its own is named by its kind', () => {
    expect(reasons({ ...fixture(), nextOperationNumber: 1.5 })).toEqual(['nextOperationNumber: expected integer']);
    expect(reasons({ ...fixture(), config: { ...(fixture()['config'] as object), delayGranularityMinutes: Number.POSITIVE_INFINITY } })).toEqual(['config.delayGranularityMinutes: expected finite']);
  });
});

describe('restoreDocument from a header and records', () => {
  it('hands back a header that is not a JSON object with the records, whole', () => {
    const loaded = { header: '[1]', records: new Map([['op-1', '{}']]) };
    const restored = restoreDocument(loaded);
    expect(restored.quarantined).toEqual([{ kind: 'document', document: loaded, reason: 'header: expected a JSON object' }]);
    expect(restored.quarantined[0]).toHaveProperty('document', loaded);
    expect(Object.keys(restored.state.operations)).toEqual([]);
  });

  it('hands back a header it cannot read as the records storage gave them, and no unchanged records', () => {
    const loaded = { header: JSON.stringify({ version: 9 }), records: new Map<string, string>() };
    const restored = restoreDocument(loaded);
    expect(restored.quarantined).toEqual([{ kind: 'document', document: loaded, reason: `version: 9 is not one this code reads (it reads ${STATE_VERSION} and migrates 1)` }]);
    expect(restored.quarantined[0]).toHaveProperty('document', loaded);
    expect(Object.keys(restored)).toEqual(['state', 'quarantined']);
  });

  it("hands back today's header with a frame it refuses, and no unchanged records", () => {
    const loaded = { header: JSON.stringify({ version: STATE_VERSION }), records: new Map<string, string>() };
    const restored = restoreDocument(loaded);
    expect(restored.quarantined).toEqual([{ kind: 'document', document: loaded, reason: 'config: missing; transactionId: missing; portalOpen: missing' }]);
    expect(Object.keys(restored)).toEqual(['state', 'quarantined']);
  });
});

describe('restoreDocument from records: owner claims and the texts handed back unchanged', () => {
  /** Today's fixture as a records store holds it, each record edited by `edit` (parsed JSON in, JSON out). */
  const storedFixture = (edit: (id: string, record: Record<string, unknown>) => Record<string, unknown> = (_, record) => record) => {
    const { state } = restoreDocument(fixture());
    const records = new Map([...allRecords(state)].map(([id, text]) => [id, JSON.stringify(edit(id, JSON.parse(text) as Record<string, unknown>))]));
    return { header: headerOf(state), records };
  };
  const ownersOf = (loaded: unknown) => Object.values(restoreDocument(loaded).state.secrets.owners).sort();

  it('takes each record that says it owns its code at its word, and hands every text back unchanged', () => {
    const loaded = storedFixture();
    expect(ownersOf(loaded)).toEqual(['op-1', 'op-2']);
    // Keyed by the profile each code names (op-2's code spells its address in capitals, with a confirmation flag).
    expect(Object.keys(restoreDocument(loaded).state.secrets.owners).sort()).toEqual(['1$smdp.example.com$OTHER-MATCHING-ID-0815', '1$smdp.example.com$SECRET-MATCHING-ID-4711']);
    // The live records' texts (a finished record is never rewritten by the first write anyway).
    expect(restoreDocument(loaded).unchanged).toEqual(new Map(['op-1', 'op-2', 'op-3'].map((id) => [id, loaded.records.get(id)])));
  });

  it('does not make owner a record that does not say so, and still hands its text back', () => {
    const loaded = storedFixture((id, { owner, ...record }) => (id === 'op-2' ? record : { ...record, ...(owner === undefined ? {} : { owner }) }));
    expect(ownersOf(loaded)).toEqual(['op-1']);
    expect(restoreDocument(loaded).unchanged?.get('op-2')).toBe(loaded.records.get('op-2'));
  });

  it('lets no record without a code own one, and writes its record anew', () => {
    const loaded = storedFixture((id, record) => (id === 'op-3' ? { ...record, owner: true } : record));
    expect(ownersOf(loaded)).toEqual(['op-1', 'op-2']);
    expect(Object.keys(restoreDocument(loaded).state.secrets.owners)).toHaveLength(2);
    expect(restoreDocument(loaded).unchanged?.has('op-3')).toBe(false);
  });

  it('writes anew the record of the operation that held the LPA', () => {
    const loaded = storedFixture();
    loaded.header = JSON.stringify({ ...(JSON.parse(loaded.header) as { lpa: object }), lpa: { active: 'op-1', queue: [] } });
    const restored = restoreDocument(loaded);
    expect(restored.state.lpa.active).toBe('op-1');
    expect([...restored.unchanged!.keys()].sort()).toEqual(['op-2', 'op-3']);
  });

  it('sets apart a bad record alone, without the document attached to it', () => {
    const loaded = storedFixture((id, record) => (id === 'op-3' ? { ...record, live: { ...(record['live'] as object), value: 'nowhere' } } : record));
    const [quarantined, ...others] = restoreDocument(loaded).quarantined;
    expect(others).toEqual([]);
    expect(quarantined).toMatchObject({ kind: 'operation', operationId: 'op-3', reason: 'value: delayedProfile has no state "nowhere"' });
    expect(quarantined).not.toHaveProperty('document');
  });

  it('writes anew a record holding more than a record holds', () => {
    const loaded = storedFixture((id, record) => (id === 'op-1' ? { ...record, note: 'added by hand' } : record));
    const restored = restoreDocument(loaded);
    expect(restored.quarantined).toEqual([]);
    expect([...restored.unchanged!.keys()].sort()).toEqual(['op-2', 'op-3']);
  });
});

describe('restoreDocument checks each live record on its own', () => {
  type Doc = { operations: Record<string, any>; secrets: { operations: Record<string, unknown>; owners: Record<string, unknown> }; followers: Record<string, unknown> };
  const doc = () => fixture() as unknown as Doc;

  it('names a record that is not an object as the record', () => {
    const document = doc();
    document.operations['op-3'] = null;
    expect(restoreDocument(document).quarantined).toEqual([expect.objectContaining({ kind: 'operation', operationId: 'op-3', reason: 'the record: expected Object' })]);
  });

  it('names an unknown state by its first 60 characters only', () => {
    const document = doc();
    document.operations['op-1'].value = `${'s'.repeat(60)}TAIL`;
    expect(restoreDocument(document).quarantined.map((q) => q.reason)).toEqual([`value: delayedDownload has no state "${'s'.repeat(60)}"`]);
  });

  it('refuses a download in progress whose code is gone, though its context says it has none', () => {
    const document = doc();
    document.operations['op-1'].value = 'downloading';
    document.operations['op-1'].context.code = null;
    delete document.secrets.operations['op-1'];
    delete document.secrets.owners['1$smdp.example.com$SECRET-MATCHING-ID-4711'];
    const { state, quarantined } = restoreDocument(document);
    expect(quarantined).toEqual([expect.objectContaining({ kind: 'operation', operationId: 'op-1', reason: 'secrets: the activation code of a download in progress is missing or invalid' })]);
    expect(Object.keys(state.operations).sort()).toEqual(['op-2', 'op-3']);
  });

  it('lists a follower under its own ICCID, not under the one the document filed it under', () => {
    const document = doc();
    document.operations['op-3'].context.iccid = '8988247000000000001';
    document.followers = { '8988247000000000099': ['op-3'] };
    expect(restoreDocument(document).state.followers).toEqual({ '8988247000000000001': ['op-3'] });
  });
});

describe("restoreDocument matches a whole document's owners to the codes they own", () => {
  const withOwners = (owners: Record<string, unknown>) => ({ ...fixture(), secrets: { ...(fixture()['secrets'] as object), owners } });
  const ownersAfter = (owners: Record<string, unknown>) => ({ ...restoreDocument(withOwners(owners)).state.secrets.owners });

  it('keyed by the profile, by the code as stored, or by another spelling of the same profile', () => {
    const profile = '1$smdp.example.com$OTHER-MATCHING-ID-0815';
    expect(ownersAfter({ [profile]: 'op-2' })).toEqual({ [profile]: 'op-2' });
    expect(ownersAfter({ '1$SMDP.Example.com$OTHER-MATCHING-ID-0815$$1': 'op-2' })).toEqual({ [profile]: 'op-2' });
    expect(ownersAfter({ '1$Smdp.EXAMPLE.com$OTHER-MATCHING-ID-0815': 'op-2' })).toEqual({ [profile]: 'op-2' });
  });

  it('keeps the owner of a code that does not parse under the code itself', () => {
    const document = { ...fixture() } as { secrets: { operations: Record<string, unknown>; owners: Record<string, unknown> } };
    document.secrets = { operations: { ...document.secrets.operations, 'op-3': { activationCode: 'not-a-code' } }, owners: { 'not-a-code': 'op-3' } };
    expect(restoreDocument(document).quarantined).toEqual([]);
    expect({ ...restoreDocument(document).state.secrets.owners }).toEqual({ 'not-a-code': 'op-3' });
  });

  it('drops an entry naming an operation by a number, though an operation is keyed by its text', () => {
    const document = fixture() as { operations: Record<string, any>; secrets: { operations: Record<string, unknown>; owners: Record<string, unknown> } };
    const op = document.operations['op-1'];
    document.operations = { '5': { ...op, id: '5', context: { ...op.context, operationId: '5' } } };
    document.secrets = { operations: { '5': document.secrets.operations['op-1'] }, owners: { '1$smdp.example.com$SECRET-MATCHING-ID-4711': 5 } };
    const restored = restoreDocument(document);
    expect(Object.keys(restored.state.operations)).toEqual(['5']);
    expect({ ...restored.state.secrets.owners }).toEqual({});
  });

  it('drops an entry naming an operation under a profile it does not hold, or an operation without a code', () => {
    expect(ownersAfter({ '1$other.example.com$OTHER-MATCHING-ID-0815': 'op-2', '1$smdp.example.com$NONE': 'op-3', x: 'op-9', y: 5 })).toEqual({});
    expect(restoreDocument(withOwners({ '1$smdp.example.com$NONE': 'op-3' })).quarantined).toEqual([]);
  });
});

describe('restoreDocument from records of the version 1 format', () => {
  const v1Records = () => JSON.parse(readFileSync(new URL('../../test/fixtures/records-v1.json', import.meta.url), 'utf8')) as { header: string; records: Record<string, string> };
  const ownersOf = (loaded: unknown) => Object.values(restoreDocument(loaded).state.secrets.owners).sort();

  it('takes the owners from the records that say so', () => {
    expect(ownersOf(v1Records())).toEqual(['live-1', 'live-2', 'live-3']);
  });

  it('makes no owner of a record that does not say so', () => {
    const loaded = v1Records();
    const { owner: _, ...record } = JSON.parse(loaded.records['live-3']!) as Record<string, unknown>;
    loaded.records['live-3'] = JSON.stringify(record);
    expect(ownersOf(loaded)).toEqual(['live-1', 'live-2']);
  });
});
