import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';

/* Version 1 → 2 on its own: what it numbers, and what it leaves for the schema to refuse. */

const toVersion2 = (document: Record<string, unknown>) => MIGRATIONS[1]!(document);
const finishedAt = (endedAt: unknown) => ({ flow: 'cancelledPurchase', report: { endedAt } });
const sequences = (document: Record<string, unknown>) => Object.fromEntries(Object.entries(document['finished'] as Record<string, { sequence: number }>).map(([id, record]) => [id, record.sequence]));

describe('the version 1 → 2 migration', () => {
  it.each([
    ['missing', {}],
    ['null', { finished: null }],
    ['an array', { finished: [finishedAt(1)] }],
    ['a string', { finished: 'ab' }],
  ])('only bumps the version when finished is %s', (_, fields) => {
    expect(toVersion2({ version: 1, transactionId: 't', ...fields })).toEqual({ version: 2, transactionId: 't', ...fields });
  });

  it('numbers records that end at the same time in their stored order', () => {
    const migrated = toVersion2({ version: 1, finished: { c: finishedAt(5), a: finishedAt(5), b: finishedAt(5), d: finishedAt(1) } });
    expect(sequences(migrated)).toEqual({ d: 0, c: 1, a: 2, b: 3 });
  });

  it('puts a record without a finite finish time first, in stored order', () => {
    const migrated = toVersion2({ version: 1, finished: { late: finishedAt(10), endless: finishedAt(Number.POSITIVE_INFINITY), text: finishedAt('5'), none: { flow: 'x' } } });
    expect(sequences(migrated)).toEqual({ endless: 0, text: 1, none: 2, late: 3 });
  });

  it('keeps an entry that is not a record as it is, for the schema to quarantine', () => {
    const migrated = toVersion2({ version: 1, finished: { gone: null, listed: [1], kept: finishedAt(1) } });
    expect(migrated['finished']).toEqual({ gone: null, listed: [1], kept: { ...finishedAt(1), sequence: 2 } });
  });
});
