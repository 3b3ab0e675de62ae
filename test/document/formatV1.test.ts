import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateDocument, restoreDocument } from '../../src/core/document';
import { step } from '../../src/core/step';
import { STATE_VERSION, type CoreState } from '../../src/core/state';
import type { StoredRecords } from '../../src/core/storedRecords';

/*
 * Version 1, the format before finished records carried their order (decision D64), still
 * restores, whole (test/fixtures/document-v1.json) or as incremental records
 * (test/fixtures/records-v1.json: written by the version 1 code with `retainFinished: 3` after
 * b, 10 and c finished, 10 and c at the same instant, then 7; and three downloads, two of them
 * waiting for the LPA).
 */

const json = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const records = () => json('records-v1.json') as StoredRecords;
const sequences = (state: CoreState) => Object.fromEntries(Object.values(state.finished).map((r) => [r.id, r.sequence]));
const cancelled = { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} } as const;

describe('a version 2 document', () => {
  it('quarantines a finished record without its sequence, alone', () => {
    const document = json('document-v2.json') as { finished: Record<string, Record<string, unknown>> };
    delete document.finished['op-4']!['sequence'];
    const { state, quarantined } = restoreDocument(document);
    expect(quarantined).toEqual([expect.objectContaining({ kind: 'finished', operationId: 'op-4', reason: expect.stringContaining('sequence') })]);
    expect(Object.keys(state.operations).length).toBeGreaterThan(0);
    expect(state.finishedOrder).toEqual([]);
  });

  it('rebuilds the finished order from the sequences, whatever order the document lists', () => {
    const base = json('document-v2.json') as { finished: Record<string, Record<string, unknown>> };
    const record = base.finished['op-4']!;
    const finished = { '9': { ...record, id: '9', sequence: 7 }, a: { ...record, id: 'a', sequence: 3 }, '1': { ...record, id: '1', sequence: 5 } };
    expect(restoreDocument({ ...base, finished }).state.finishedOrder).toEqual(['a', '1', '9']);
  });
});

describe('a version 1 document', () => {
  it('migrates its finished records to a sequence by finish time, then by stored order', () => {
    const migrated = migrateDocument({
      version: 1,
      finished: { late: { report: { endedAt: 30 } }, '2': { report: { endedAt: 20 } }, early: { report: { endedAt: 10 } }, tie: { report: { endedAt: 20 } }, bare: {}, odd: 'not a record' },
    });
    expect(migrated).toEqual({
      ok: true,
      document: {
        version: STATE_VERSION,
        // Stored order, as JSON.parse lists it: 2 first (integer-like), then late, early, tie, bare, odd.
        finished: { bare: { sequence: 0 }, odd: 'not a record', early: { report: { endedAt: 10 }, sequence: 2 }, '2': { report: { endedAt: 20 }, sequence: 3 }, tie: { report: { endedAt: 20 }, sequence: 4 }, late: { report: { endedAt: 30 }, sequence: 5 } },
      },
    });
  });

  it('restores whole, its finished record numbered', () => {
    const { state, quarantined } = restoreDocument(json('document-v1.json'));
    expect(quarantined).toEqual([]);
    expect(state.version).toBe(STATE_VERSION);
    expect(sequences(state)).toEqual({ 'op-4': 0 });
  });

  it('restores from records: the finished order from finish times, the LPA line from the records', () => {
    const { state, quarantined } = restoreDocument(records());
    expect(quarantined).toEqual([]);
    expect(sequences(state)).toEqual({ '10': 0, c: 1, '7': 2 });
    expect(state.lpa.active).toBe('live-1');
    expect(state.lpa.queue.map((c) => c.operationId)).toEqual(['live-2', 'live-3']);
    expect(Object.keys(state.lpa.waiting).sort()).toEqual(['live-2', 'live-3']);
    // The next to finish drops 10, the oldest, though its id lists first and c ended at the same time.
    const next = step(state, { type: 'portal.call', now: Date.parse('2026-01-01T01:00:00Z'), call: cancelled, operationId: 'd' }).state;
    expect(Object.keys(next.finished).sort()).toEqual(['7', 'c', 'd']);
    expect(next.finished['d']?.sequence).toBe(3);
  });

  it('resumes the LPA line it stored: the running download again, then the waiting ones in turn', () => {
    const { state } = restoreDocument(records());
    const restarted = step(state, { type: 'restore', now: Date.parse('2026-01-01T01:00:00Z') });
    expect(restarted.commands.filter((c) => c.type === 'lpa.download').map((c) => ('operationId' in c ? c.operationId : null))).toEqual(['live-1']);
    const freed = step(restarted.state, { type: 'lpa.failed', now: Date.parse('2026-01-01T01:00:01Z'), operationId: 'live-1', error: 'other' });
    expect(freed.commands.filter((c) => c.type === 'lpa.download').map((c) => ('operationId' in c ? c.operationId : null))).toEqual(['live-2']);
  });
});
