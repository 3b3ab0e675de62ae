import { describe, expect, it } from 'vitest';
import { restoreDocument } from '../../src/core/document';
import type { PortalCall } from '../../src/core/inputs';
import { createState, type CoreState } from '../../src/core/state';
import { step } from '../../src/core/step';

/*
 * Saved documents spoilt one way at a time, through restoreDocument alone: what is quarantined,
 * with which reason (a path and what was expected, never a value), and what the rebuilt indexes
 * (LPA queue, followers, owners, the next op-N) keep.
 */

const ICCID = '89012345678901234566';
const code = (n: number) => `1$smdp.example.com$HOSTILE-DOC-${n}`;
const inline = (n: number): PortalCall => ({ kind: 'profileDownload', entryPoint: 'MobilePlansInlineOperations.notifyProfileDownload', metadata: {}, activationCode: code(n) });
const cancelled: PortalCall = { kind: 'cancelledPurchase', entryPoint: 'MobilePlans.notifyCancelledPurchase', metadata: {} };

/** op-1 registering on ICCID (follows it), op-2 downloading (holds the LPA), op-3 waiting for it, op-4 finished. */
function saved(): Record<string, any> {
  const state = createState();
  for (const call of [inline(1), inline(2), inline(3), cancelled]) step(state, { type: 'portal.call', now: 0, call });
  step(state, { type: 'lpa.downloaded', now: 1, operationId: 'op-1', iccid: ICCID });
  step(state, { type: 'lpa.enabled', now: 2, operationId: 'op-1' });
  return JSON.parse(JSON.stringify(state)) as Record<string, any>;
}

const reasons = (loaded: unknown) => restoreDocument(loaded).quarantined.map((q) => [q.kind, q.reason]);

describe('a document that is not one', () => {
  it.each([
    [[], 'an array'],
    ['{}', 'a string'],
    [7, 'a number'],
  ])('%j is quarantined whole as %s', (loaded, shown) => {
    expect(reasons(loaded)).toEqual([['document', `the document is ${shown}, not an object`]]);
  });

  it('nothing stored is a fresh start, not a quarantine', () => {
    expect(restoreDocument(null).quarantined).toEqual([]);
    expect(restoreDocument(undefined).quarantined).toEqual([]);
  });

  it('a version that is not a number, or one this code does not read, is quarantined whole', () => {
    expect(reasons({ ...saved(), version: 'one' })).toEqual([['document', expect.stringMatching(/^version: expected the number \d+, got a string$/)]]);
    expect(reasons({ ...saved(), version: 99 })).toEqual([['document', expect.stringContaining('version: 99 is not one this code reads')]]);
  });

  it('a frame with a map that is not one names its path', () => {
    expect(reasons({ ...saved(), operations: [] })).toEqual([['document', expect.stringContaining('operations: expected')]]);
    expect(reasons({ ...saved(), followers: null })).toEqual([['document', expect.stringContaining('followers: expected')]]);
  });
});

describe('one operation that cannot resume', () => {
  const spoilt = (change: (doc: Record<string, any>) => void) => {
    const doc = saved();
    change(doc);
    return restoreDocument(doc);
  };

  it.each([
    ['its id differs from its key', (d: Record<string, any>) => void (d['operations']['op-3'].id = 'op-9'), 'id: differs from its key'],
    ['its context names another operation', (d: Record<string, any>) => void (d['operations']['op-3'].context.operationId = 'op-9'), 'id: differs from its key'],
    ['its state is not one of its flow', (d: Record<string, any>) => void (d['operations']['op-3'].value = 'flying'), 'value: inlineDownload has no state "flying"'],
    ['its state is a final one', (d: Record<string, any>) => void (d['operations']['op-3'].value = 'connected'), 'value: connected is a final state, yet the operation is live'],
    ['its secrets are not codes', (d: Record<string, any>) => void (d['secrets']['operations']['op-3'] = { activationCode: 7 }), 'secrets: not an activation code and confirmation code'],
    ['its activation code is missing', (d: Record<string, any>) => void delete d['secrets']['operations']['op-3'], 'secrets: the activation code of an operation that downloads is missing or invalid'],
    ['its activation code is not one', (d: Record<string, any>) => void (d['secrets']['operations']['op-3'] = { activationCode: 'nope' }), 'secrets: the activation code of an operation that downloads is missing or invalid'],
    ['its legacy route is unknown', (d: Record<string, any>) => void (d['operations']['op-3'].context.legacyRoute = 'elsewhere'), 'context.legacyRoute'],
    ['a callback has an unknown script', (d: Record<string, any>) => void (d['operations']['op-3'].callbacks = [{ script: 'x', args: '{}', at: 0, delivered: false }]), 'callbacks'],
    ['its code is not a masked code', (d: Record<string, any>) => void (d['operations']['op-3'].context.code = { address: 5 }), 'context.code'],
    ['a diagnostic has an unknown severity', (d: Record<string, any>) => void (d['operations']['op-3'].diagnostics = [{ code: 'x', severity: 'fatal', message: 'm' }]), 'diagnostics'],
  ])('is quarantined alone when %s', (_, change, reason) => {
    const { state, quarantined } = spoilt(change);
    expect(quarantined.map((q) => [q.kind, 'operationId' in q ? q.operationId : null])).toEqual([['operation', 'op-3']]);
    expect(quarantined[0]?.reason).toContain(reason);
    expect(Object.keys(state.operations)).toEqual(['op-1', 'op-2']);
    expect(Object.keys(state.secrets.operations)).toEqual(['op-1', 'op-2']);
  });

  it('a finished record whose id differs from its key, or without its report, is quarantined alone', () => {
    const doc = saved();
    doc['finished']['op-4'].id = 'op-8';
    expect(reasons(doc)).toEqual([['finished', 'id: differs from its key']]);
    const noReport = saved();
    delete noReport['finished']['op-4'].report;
    const restored = restoreDocument(noReport);
    expect(restored.quarantined.map((q) => [q.kind, q.reason])).toEqual([['finished', expect.stringContaining('report')]]);
    expect(Object.keys(restored.state.finished)).toEqual([]);
  });
});

describe('what a document may hold', () => {
  it('every legacy route, callback script and diagnostic severity resumes', () => {
    for (const legacyRoute of ['download', 'balance', 'cancelled', 'invalid']) {
      const doc = saved();
      doc['operations']['op-3'].context.legacyRoute = legacyRoute;
      doc['operations']['op-3'].callbacks = ['registrationChanged', 'profileActivationComplete'].map((script) => ({ script, args: '{}', at: 0, delivered: false }));
      doc['operations']['op-3'].diagnostics = ['error', 'warning'].map((severity) => ({ code: 'x', severity, message: 'm' }));
      expect(restoreDocument(doc).quarantined).toEqual([]);
    }
  });

  it('a timing that is not numbers is quarantined whole, naming the field', () => {
    const doc = saved();
    doc['config'].timing.maxConfirmationAttempts = 'many';
    expect(reasons(doc)).toEqual([['document', expect.stringContaining('config.timing.maxConfirmationAttempts')]]);
  });

  it('a finished report without its end time is quarantined', () => {
    const doc = saved();
    delete doc['finished']['op-4'].report.endedAt;
    expect(reasons(doc)).toEqual([['finished', expect.stringContaining('report.endedAt')]]);
  });

  it('every kind of LPA command waits again', () => {
    const doc = saved();
    doc['lpa'].queue.push(...['lpa.enable', 'lpa.discover', 'lpa.queryProfile'].map((type) => ({ type, operationId: 'op-1', iccid: ICCID })));
    expect(restoreDocument(doc).state.lpa.queue.map((c) => c.type)).toEqual(['lpa.download', 'lpa.enable', 'lpa.discover', 'lpa.queryProfile']);
  });
});

describe('the indexes rebuilt from what was kept', () => {
  it('keep the LPA holder and the waiting commands of kept operations only', () => {
    const doc = saved();
    expect(restoreDocument(doc).state.lpa).toMatchObject({ active: 'op-2', queue: [{ type: 'lpa.download', operationId: 'op-3' }] });
    doc['operations']['op-2'].value = 'flying';
    doc['lpa'].queue.push({ type: 'lpa.enable', operationId: 'op-9', iccid: ICCID }, { type: 'lpa.selfDestruct', operationId: 'op-1' });
    const { state } = restoreDocument(doc);
    expect(state.lpa.active).toBeNull();
    expect(state.lpa.queue.map((c) => c.operationId)).toEqual(['op-3']);
  });

  it('keep followers that follow their own ICCID, once each, and add those left out', () => {
    const doc = saved();
    doc['followers'] = { [ICCID]: ['op-1', 'op-1', 'op-9'], '89000000000000000000': ['op-1'], other: 5 as unknown as string[] };
    expect(restoreDocument(doc).state.followers).toEqual({ [ICCID]: ['op-1'] });
    doc['followers'] = {};
    expect(restoreDocument(doc).state.followers).toEqual({ [ICCID]: ['op-1'] });
  });

  it('keep two followers of one ICCID in their stored order', () => {
    const state = createState();
    const balance: PortalCall = { kind: 'balanceAddition', entryPoint: 'MobilePlans.notifyBalanceAddition', metadata: {}, iccid: ICCID };
    step(state, { type: 'portal.call', now: 0, call: balance });
    step(state, { type: 'portal.call', now: 0, call: balance });
    const doc = JSON.parse(JSON.stringify(state)) as CoreState;
    doc.followers[ICCID] = ['op-2', 'op-1'];
    expect(restoreDocument(doc).state.followers).toEqual({ [ICCID]: ['op-2', 'op-1'] });
  });

  it('keep an owner only for a live operation holding that code', () => {
    const doc = saved();
    const owners = doc['secrets'].owners as Record<string, string>;
    expect(Object.values(restoreDocument(doc).state.secrets.owners).sort()).toEqual(['op-1', 'op-2', 'op-3']);
    const [key1, key2] = Object.keys(owners) as [string, string];
    owners[key1] = 'op-9'; // gone
    owners[key2] = 'op-1'; // live, but that is not its code
    expect(Object.values(restoreDocument(doc).state.secrets.owners)).toEqual(['op-3']);
  });

  it('number new operations past the highest op-N a record holds, ignoring ids that only contain one', () => {
    const doc = saved();
    doc['nextOperationNumber'] = 1;
    const moved = (from: string, to: string) => {
      doc['finished'][to] = { ...doc['finished'][from], id: to };
      delete doc['finished'][from];
    };
    moved('op-4', 'op-12');
    expect(restoreDocument(doc).state.nextOperationNumber).toBe(13);
    moved('op-12', 'xop-40');
    doc['finished']['op-30x'] = { ...doc['finished']['xop-40'], id: 'op-30x' };
    expect(restoreDocument(doc).state.nextOperationNumber).toBe(4);
  });
});
