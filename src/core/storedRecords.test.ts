import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { restoreDocument } from './document';
import { createState } from './state';
import { allRecords, assembleDocument, isStoredRecords, recordOf, type StoredRecords } from './storedRecords';

/*
 * Putting a header and records back together, read directly: what is refused whole, what is
 * set apart record by record, and in what order the finished records and the LPA queue come
 * back. Gaps mutation testing found: the restore tests only ever loaded well-formed records.
 */

const HEADER = JSON.stringify({ version: 2, config: {}, transactionId: null, lpa: { active: 'op-1', queue: [] } });
const stored = (records: Record<string, string>, header = HEADER): StoredRecords => ({ header, records });

describe('isStoredRecords', () => {
  it.each<[string, unknown, boolean]>([
    ['a header and records', { header: '{}', records: {} }, true],
    ['records in a Map', { header: '{}', records: new Map() }, true],
    ['null', null, false],
    ['nothing', undefined, false],
    ['a number', 7, false],
    ['a string', 'text', false],
    ['a header that is not text', { header: {}, records: {} }, false],
    ['no records', { header: '{}' }, false],
    ['a whole document', { version: 2, operations: {} }, false],
  ])('%s: %s', (_, loaded, expected) => {
    expect(isStoredRecords(loaded)).toBe(expected);
  });
});

describe('assembleDocument', () => {
  it.each<[string, string]>([
    ['a header that is not JSON', '{'],
    ['a header that is null', 'null'],
    ['a header that is a list', '[]'],
    ['a header that is a number', '7'],
  ])('hands back %s whole, as the document to quarantine', (_, header) => {
    const loaded = stored({ 'op-1': JSON.stringify({ live: { id: 'op-1' } }) }, header);
    expect(assembleDocument(loaded)).toEqual({ document: loaded, parts: { live: [], finished: [] }, unreadable: [] });
  });

  it('sets apart a record that is not JSON, or neither live nor finished, and keeps the others', () => {
    const { parts, unreadable } = assembleDocument(stored({ bad: '{', odd: '{"other":1}', none: 'null', 'op-1': '{"live":{"id":"op-1"}}' }));
    expect(unreadable).toEqual([
      { operationId: 'bad', record: '{', reason: 'the record is not JSON' },
      { operationId: 'odd', record: '{"other":1}', reason: 'the record is neither a live nor a finished operation' },
      { operationId: 'none', record: 'null', reason: 'the record is neither a live nor a finished operation' },
    ]);
    expect(parts.live.map((r) => r.id)).toEqual(['op-1']);
  });

  it('keeps a plain live record\'s text, and not one that carries more than it writes', () => {
    const plain = '{"live":{"id":"op-1"},"secrets":{"code":"x"},"owner":true}';
    const queued = JSON.stringify({ live: { id: 'op-2' }, queued: [] });
    const extra = '{"live":{"id":"op-3"},"note":1}';
    const notOwner = '{"live":{"id":"op-4"},"owner":false}';
    const { parts } = assembleDocument(stored({ 'op-1': plain, 'op-2': queued, 'op-3': extra, 'op-4': notOwner }));
    expect(parts.live).toEqual([
      { id: 'op-1', record: { id: 'op-1' }, secrets: { code: 'x' }, owner: true, text: plain },
      { id: 'op-2', record: { id: 'op-2' }, secrets: undefined, owner: false },
      { id: 'op-3', record: { id: 'op-3' }, secrets: undefined, owner: false },
      { id: 'op-4', record: { id: 'op-4' }, secrets: undefined, owner: false },
    ]);
  });

  it('lists finished records oldest first, one without an end time first of all', () => {
    const finished = (id: string, endedAt?: unknown) => JSON.stringify({ finished: { id, report: endedAt === undefined ? {} : { endedAt } } });
    const { parts } = assembleDocument(stored({ late: finished('late', 300), early: finished('early', 100), none: finished('none'), text: finished('text', 'soon') }));
    expect(parts.finished.map(([id]) => id)).toEqual(['none', 'text', 'early', 'late']);
  });

  it('puts the LPA queue back: the header\'s own queue, then each record\'s commands by their place, unplaced last', () => {
    const header = JSON.stringify({ version: 2, lpa: { active: 'op-0', queue: ['older'] } });
    const withQueued = (id: string, ...queued: unknown[]) => JSON.stringify({ live: { id }, queued });
    const { document } = assembleDocument(
      stored({ a: withQueued('a', { position: 5, command: 'a5' }), b: withQueued('b', { position: 2, command: 'b2' }, { command: 'b-unplaced' }), c: withQueued('c', null) }, header),
    );
    expect(document).toMatchObject({ lpa: { active: 'op-0', queue: ['older', 'b2', 'a5', 'b-unplaced', undefined] }, operations: {}, finished: {}, followers: {}, secrets: { operations: {}, owners: {} } });
  });

  it('leaves an LPA entry that is not an object to the document\'s check, and reads a missing active as none', () => {
    expect(assembleDocument(stored({}, JSON.stringify({ version: 2, lpa: 'busy' }))).document).toMatchObject({ lpa: 'busy' });
    expect(assembleDocument(stored({}, JSON.stringify({ version: 2, lpa: null }))).document).toMatchObject({ lpa: null });
    expect(assembleDocument(stored({}, JSON.stringify({ version: 2, lpa: { queue: 'no' } }))).document).toMatchObject({ lpa: { active: null, queue: [] } });
  });

  it('reads records from a Map as from an object', () => {
    const records = new Map([['op-1', '{"live":{"id":"op-1"}}']]);
    expect(assembleDocument({ header: HEADER, records }).parts.live.map((r) => r.id)).toEqual(['op-1']);
  });
});

describe('assembleDocument, odd finished records and places', () => {
  it('keeps a finished record that is null or has no report, for the check to refuse, without failing', () => {
    const { parts } = assembleDocument(stored({ gone: '{"finished":null}', bare: '{"finished":{}}' }));
    expect(parts.finished).toEqual([['gone', null], ['bare', {}]]);
  });

  it('puts a command whose place is not a number after the placed ones', () => {
    const header = JSON.stringify({ version: 2, lpa: { active: null, queue: [] } });
    const records = { s: JSON.stringify({ live: { id: 's' }, queued: [{ position: '0', command: 's0' }] }), p: JSON.stringify({ live: { id: 'p' }, queued: [{ position: 1, command: 'p1' }] }) };
    expect(assembleDocument(stored(records, header)).document).toMatchObject({ lpa: { queue: ['p1', 's0'] } });
  });
});

describe('recordOf and allRecords', () => {
  const fixtureState = () => restoreDocument(JSON.parse(readFileSync(new URL('../../test/fixtures/document-v2.json', import.meta.url), 'utf8'))).state;

  it('has no record for an id the state does not hold', () => {
    expect(recordOf(createState(), 'op-1')).toBeNull();
  });

  it('hands back a loaded text unless a step changed its operation since', () => {
    const state = fixtureState();
    const loaded = new Map([['op-1', 'loaded op-1'], ['op-2', 'loaded op-2']]);
    const records = allRecords(state, loaded, new Set(['op-1']));
    // op-1 changed: serialized from the state again; op-3 was not loaded: serialized too.
    expect(JSON.parse(records.get('op-1')!)).toMatchObject({ live: { id: 'op-1', value: 'scheduled' }, owner: true });
    expect(records.get('op-2')).toBe('loaded op-2');
    expect(JSON.parse(records.get('op-3')!)).toMatchObject({ live: { id: 'op-3', value: 'waiting' } });
    expect(allRecords(state, loaded).get('op-1')).toBe('loaded op-1');
    expect(allRecords(state, loaded, new Set()).get('op-1')).toBe('loaded op-1');
  });
});
